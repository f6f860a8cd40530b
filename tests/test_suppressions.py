"""Suppressions: comments, template Metadata and per-file ignores, and CRML004 for unused ones."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

from crml_lint import lint_paths, lint_text
from crml_lint.engine import run
from crml_lint.reporters import write_report
from crml_lint.settings import Settings
from crml_lint.suppressions import yaml_comments
from conftest import CRML_LINT

REQUEST_HEAD = """\
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
"""

TEMPLATE = """\
Resources:
  First:
    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation
{first_metadata}    Properties:
      MembershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
      ConfiguredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
      Name: first
      Nmae: typo
  Second:
    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation
    Properties:
      MembershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
      ConfiguredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
      Name: second
      Nmae: typo
"""


def lint_yaml(body: str, settings: Settings = None):
    return lint_text(REQUEST_HEAD + body, "request.yaml", settings)


def by_rule(findings, rule_id):
    return [finding for finding in findings if finding.rule_id == rule_id]


def unsuppressed(findings):
    return [finding for finding in findings if finding.suppression is None]


# --- comments in YAML ---------------------------------------------------------------------


def test_disable_suppresses_its_line():
    findings = lint_yaml("nme: a  # crml-lint: disable=CRML102 -- kept for the old pipeline\n")

    [finding] = by_rule(findings, "CRML102")
    assert finding.suppression is not None
    assert finding.suppression.kind == "inSource"
    assert finding.suppression.justification == "kept for the old pipeline"
    assert finding.suppression.span.start_line == 4
    assert by_rule(findings, "CRML004") == []


def test_disable_leaves_other_lines():
    findings = lint_yaml("nme: a  # crml-lint: disable=CRML102\ndescriptin: b\n")

    suppressed = {finding.span.start_line: finding.suppression for finding in by_rule(findings, "CRML102")}
    assert suppressed[4] is not None
    assert suppressed[5] is None


def test_disable_leaves_other_rules():
    findings = lint_yaml("nme: a  # crml-lint: disable=CRML207\n")

    [unknown_field] = by_rule(findings, "CRML102")
    assert unknown_field.suppression is None
    [unused] = by_rule(findings, "CRML004")
    assert "CRML207" in unused.message


def test_disable_on_wrong_line_is_unused():
    findings = lint_yaml("# crml-lint: disable=CRML102 -- meant for the next line\nnme: a\n")

    [unknown_field] = by_rule(findings, "CRML102")
    assert unknown_field.suppression is None
    [unused] = by_rule(findings, "CRML004")
    assert (unused.span.start_line, unused.span.start_column) == (4, 1)
    assert unused.level == "warning"


def test_disable_next_line_with_two_rules():
    findings = lint_yaml("# crml-lint: disable-next-line=CRML101,CRML102 -- migration\nnme: a\n")

    [unknown_field] = by_rule(findings, "CRML102")
    assert unknown_field.suppression.justification == "migration"
    [unused] = by_rule(findings, "CRML004")
    assert "CRML101" in unused.message
    assert unused.span.start_line == 4


def test_prefix_suppresses_group():
    findings = lint_yaml("nme: a  # crml-lint: disable=crml1\n")

    [unknown_field] = by_rule(findings, "CRML102")
    assert unknown_field.suppression is not None
    assert by_rule(findings, "CRML004") == []


def test_disable_file_anywhere():
    findings = lint_yaml("nme: a\ndescriptin: b\n# crml-lint: disable-file=CRML1 -- generated file\n")

    unknown_fields = by_rule(findings, "CRML102")
    assert len(unknown_fields) == 2
    assert all(finding.suppression.justification == "generated file" for finding in unknown_fields)
    assert unsuppressed(findings) == []


def test_reason_is_optional():
    findings = lint_yaml("nme: a  # crml-lint: disable=CRML102\n")

    [finding] = by_rule(findings, "CRML102")
    assert finding.suppression.justification == ""


def test_hash_in_quoted_string_is_no_comment():
    findings = lint_yaml('nme: "a # crml-lint: disable=CRML102"\n')

    [finding] = by_rule(findings, "CRML102")
    assert finding.suppression is None
    assert by_rule(findings, "CRML004") == []


def test_hash_in_block_scalar_is_no_comment():
    comments = yaml_comments("a: |  # header\n  text # crml-lint: disable=CRML1\nb: 'x # y'  # end\n")

    assert [text for _, text in comments] == [" header", " end"]


def test_invalid_directive_is_reported():
    findings = lint_yaml("nme: a  # crml-lint: disabel=CRML102\n")

    [finding] = by_rule(findings, "CRML102")
    assert finding.suppression is None
    [invalid] = by_rule(findings, "CRML004")
    assert "not a valid suppression" in invalid.message


def test_unknown_rule_is_reported():
    findings = lint_yaml("nme: a  # crml-lint: disable=CRML102,CRML999\n")

    [unused] = by_rule(findings, "CRML004")
    assert "CRML999" in unused.message
    assert "no rule ID starts with it" in unused.message


def test_comment_mentioning_tool_is_ignored():
    findings = lint_yaml("# checked by crml-lint: see the README\n")

    assert findings == []


def test_unselected_rule_is_not_unused():
    settings = Settings(ignore=("CRML207",))
    findings = lint_yaml("name2: a  # crml-lint: disable=CRML207\n", settings)

    assert by_rule(findings, "CRML004") == []


def test_unused_rule_ignored_reports_nothing():
    settings = Settings(ignore=("CRML004",))
    findings = lint_yaml("# crml-lint: disable-file=CRML207\n", settings)

    assert findings == []


def test_file_suppression_silences_unused_report():
    findings = lint_yaml("# crml-lint: disable-file=CRML004 -- draft\n# crml-lint: disable-file=CRML207\n")

    [unused] = by_rule(findings, "CRML004")
    assert unused.suppression.justification == "draft"


# --- CloudFormation Metadata --------------------------------------------------------------


def test_metadata_suppresses_its_resource_only():
    metadata = (
        "    Metadata:\n"
        "      crml-lint:\n"
        "        ignore:\n"
        "          - id: CRML102\n"
        "            reason: Nmae is read by our deploy script\n"
    )
    findings = lint_text(TEMPLATE.format(first_metadata=metadata), "template.yaml")

    unknown_fields = {finding.resource: finding for finding in by_rule(findings, "CRML102")}
    assert unknown_fields["First"].suppression.kind == "inSource"
    assert unknown_fields["First"].suppression.justification == "Nmae is read by our deploy script"
    assert unknown_fields["Second"].suppression is None
    assert by_rule(findings, "CRML004") == []


def test_metadata_plain_id_entry():
    metadata = "    Metadata:\n      crml-lint:\n        ignore: [CRML1]\n"
    findings = lint_text(TEMPLATE.format(first_metadata=metadata), "template.yaml")

    [first] = [finding for finding in by_rule(findings, "CRML102") if finding.resource == "First"]
    assert first.suppression is not None


def test_metadata_unused_entry_reported():
    metadata = "    Metadata:\n      crml-lint:\n        ignore:\n          - id: CRML207\n"
    findings = lint_text(TEMPLATE.format(first_metadata=metadata), "template.yaml")

    [unused] = by_rule(findings, "CRML004")
    assert unused.resource == "First"
    assert unused.span.start_line == 7
    assert "in resource First" in unused.message


def test_metadata_invalid_entry_reported():
    metadata = "    Metadata:\n      crml-lint:\n        ignore_checks: [CRML102]\n"
    findings = lint_text(TEMPLATE.format(first_metadata=metadata), "template.yaml")

    [invalid] = by_rule(findings, "CRML004")
    assert "not a valid suppression" in invalid.message
    assert invalid.span.start_line == 6


def test_metadata_in_json_template():
    template = {
        "Resources": {
            "Only": {
                "Type": "AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation",
                "Metadata": {"crml-lint": {"ignore": [{"id": "CRML102", "reason": "legacy key"}]}},
                "Properties": {
                    "MembershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f",
                    "ConfiguredModelAlgorithmArn": "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
                    "Name": "only",
                    "Nmae": "typo",
                },
            }
        }
    }
    findings = lint_text(json.dumps(template, indent=2), "template.json")

    [finding] = by_rule(findings, "CRML102")
    assert finding.suppression.justification == "legacy key"

    # JSON allows white space before the colon; the key is still read.
    spaced = json.dumps(template, indent=2, separators=(",", " : "))
    [finding] = by_rule(lint_text(spaced, "template.json"), "CRML102")
    assert finding.suppression.justification == "legacy key"


def test_comment_naming_crml_lint_is_no_suppression():
    findings = lint_yaml("nme: a  # crml-lint checks this request before it is deployed\n")

    [finding] = by_rule(findings, "CRML102")
    assert finding.suppression is None
    assert by_rule(findings, "CRML004") == []


# --- per-file ignores ---------------------------------------------------------------------


def test_per_file_ignore_is_external(tmp_path: Path):
    config = tmp_path / ".crml-lint.yaml"
    request = tmp_path / "request.json"
    request.write_text(json.dumps({
        "membershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f",
        "configuredModelAlgorithmArn": "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        "name": "churn-training",
        "nme": "typo",
    }), encoding="utf-8")
    settings = Settings(per_file_ignores=(("*.json", ("CRML102",)),), config_path=str(config))

    [finding] = lint_paths([str(request)], settings)

    assert finding.rule_id == "CRML102"
    assert finding.suppression.kind == "external"
    assert str(config) in finding.suppression.justification


# --- reports and exit status --------------------------------------------------------------


def _suppressed_result(tmp_path: Path):
    path = tmp_path / "request.yaml"
    path.write_text(REQUEST_HEAD + "nme: a  # crml-lint: disable=CRML102 -- legacy\n", encoding="utf-8")
    return path, run([str(path)], Settings())


def test_text_summary_counts_suppressed(tmp_path: Path):
    _, result = _suppressed_result(tmp_path)
    stream = io.StringIO()
    write_report(result, "text", stream)

    assert "CRML102" not in stream.getvalue()
    assert stream.getvalue().strip().endswith("(1 association), 1 suppressed.")


def test_json_report_shows_suppression(tmp_path: Path):
    _, result = _suppressed_result(tmp_path)
    stream = io.StringIO()
    write_report(result, "json", stream)
    report = json.loads(stream.getvalue())

    [finding] = report["findings"]
    assert finding["suppression"] == {"kind": "inSource", "justification": "legacy", "line": 4, "column": 9}
    assert report["summary"]["errors"] == 0
    assert report["summary"]["suppressed"] == 1


def test_sarif_result_carries_suppression(tmp_path: Path):
    _, result = _suppressed_result(tmp_path)
    stream = io.StringIO()
    write_report(result, "sarif", stream)

    [sarif_result] = json.loads(stream.getvalue())["runs"][0]["results"]
    assert sarif_result["suppressions"] == [{"kind": "inSource", "justification": "legacy"}]


def test_multitool_accepts_suppressions(tmp_path: Path, sarif_problems, make_rule, make_finding):
    from crml_lint.finding import Suppression
    from crml_lint.result import LintResult

    findings = [
        make_finding(suppression=Suppression(kind="inSource", justification="reviewed by the privacy team")),
        make_finding(span=(5, 1, 5, 4), suppression=Suppression(kind="external", justification="per-file-ignores in .crml-lint.yaml")),
        make_finding(span=(7, 1, 7, 4), suppression=Suppression(kind="inSource")),
    ]
    result = LintResult(root=str(tmp_path), rules=[make_rule()], findings=findings)
    stream = io.StringIO()
    write_report(result, "sarif", stream)

    assert sarif_problems(stream.getvalue()) == []


def test_exit_status_zero_when_all_suppressed(tmp_path: Path):
    path, _ = _suppressed_result(tmp_path)
    completed = subprocess.run(
        [*CRML_LINT, "check", str(path)], capture_output=True, text=True, timeout=60
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "1 suppressed" in completed.stdout


def test_exit_status_one_with_unsuppressed(tmp_path: Path):
    path = tmp_path / "request.yaml"
    path.write_text(REQUEST_HEAD + "nme: a  # crml-lint: disable=CRML102\ndescriptin: b\n", encoding="utf-8")
    completed = subprocess.run(
        [*CRML_LINT, "check", str(path)], capture_output=True, text=True, timeout=60
    )

    assert completed.returncode == 1
    assert "descriptin" in completed.stdout


def test_ci_formats_leave_out_suppressed(tmp_path: Path):
    _, result = _suppressed_result(tmp_path)

    for output_format in ("github", "gitlab", "junit"):
        stream = io.StringIO()
        write_report(result, output_format, stream)
        assert "CRML102" not in stream.getvalue(), output_format
