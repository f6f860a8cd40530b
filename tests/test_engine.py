"""The engine through the Python API: recognition, order, positions and fingerprints."""

from __future__ import annotations

from pathlib import Path

import pytest

from crml_lint import lint_paths, lint_text
from crml_lint.settings import Settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
INPUTS = Path(__file__).resolve().parent / "inputs"

VALID_REQUEST = """\
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
          filterPattern: "(ERROR"
"""


def test_lint_paths_equals_lint_text():
    path = EXAMPLES / "typical-mistakes.json"
    from_path = lint_paths([str(path)])
    from_text = lint_text(path.read_text(), str(path))
    assert [(f.rule_id, f.span, f.message) for f in from_path] == [(f.rule_id, f.span, f.message) for f in from_text]


def test_lint_paths_raises_for_missing_path(tmp_path):
    with pytest.raises(FileNotFoundError):
        lint_paths([str(tmp_path / "absent.json")])


def test_findings_sorted_by_position():
    findings = lint_paths([str(EXAMPLES / "typical-mistakes.json")])
    positions = [(f.span.start_line, f.span.start_column) for f in findings]
    assert positions == sorted(positions)


def test_unrelated_text_skipped():
    assert lint_text('{"name": "web", "version": "1.0.0"}', "package.json") == []
    assert lint_text("key: [unclosed\n", "values.yaml") == []


def test_filter_pattern_error_points_inside_string():
    findings = [f for f in lint_text(VALID_REQUEST, "request.yaml") if f.rule_id == "CRML203"]
    assert len(findings) == 1
    line = VALID_REQUEST.splitlines()[findings[0].span.start_line - 1]
    assert findings[0].span.start_line == 10
    assert line[findings[0].span.start_column - 1] == "("


def test_filter_pattern_error_inside_escaped_json_string():
    text = '{"membershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f", "privacyConfiguration": {"policies": {"trainedModels": {"containerLogs": [{"allowedAccountIds": ["111122223333"], "filterPattern": "\\\\d+\\\\u00e9[a"}]}}}}'
    findings = [f for f in lint_text(text, "request.json") if f.rule_id == "CRML203"]
    assert len(findings) == 1
    assert text[findings[0].span.start_column - 1] == "["


def test_fingerprints_survive_lines_inserted_above():
    before = lint_text(VALID_REQUEST, "request.yaml")
    after = lint_text("# a comment\n# another one\n" + VALID_REQUEST, "request.yaml")
    assert [f.span.start_line + 2 for f in before] == [f.span.start_line for f in after]
    assert [f.fingerprint for f in before] == [f.fingerprint for f in after]


def test_fingerprints_differ_between_findings():
    findings = lint_paths([str(INPUTS / "cli-skeleton.json")])
    fingerprints = [f.fingerprint for f in findings]
    assert len(set(fingerprints)) == len(fingerprints)


def test_ignored_rule_leaves_no_finding():
    settings = Settings(ignore=("CRML203",))
    assert all(f.rule_id != "CRML203" for f in lint_text(VALID_REQUEST, "request.yaml", settings))


def test_severity_override_applies_to_rule():
    settings = Settings(severity={"CRML203": "note"})
    levels = {f.level for f in lint_text(VALID_REQUEST, "request.yaml", settings) if f.rule_id == "CRML203"}
    assert levels == {"note"}


def test_yaml_stream_reports_each_association():
    stream = VALID_REQUEST + "---\n" + VALID_REQUEST.replace("(ERROR", "[ERROR")
    findings = [f for f in lint_text(stream, "requests.yaml") if f.rule_id == "CRML203"]
    assert [f.span.start_line for f in findings] == [10, 21]


def test_cloudformation_template_is_not_an_api_request():
    template = (INPUTS / "cdk-synth-template.json").read_text()
    assert all(f.rule_id != "CRML102" for f in lint_text(template, "template.json"))


def test_utf16_columns_count_surrogate_pairs():
    text = VALID_REQUEST.replace('filterPattern: "(ERROR"', 'filterPattern: "😀(ERROR"')
    finding = next(f for f in lint_text(text, "request.yaml") if f.rule_id == "CRML203")
    assert finding.utf16_span.start_column == finding.span.start_column + 1


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_file_is_unparsable(tmp_path, encoding):
    path = tmp_path / "request.json"
    bom = "\ufeff" if encoding != "utf-16" else ""
    path.write_bytes((bom + '{"membershipIdentifier": "x"}').encode(encoding))
    findings = lint_paths([str(path)])
    assert [f.rule_id for f in findings] == ["CRML001"]
    assert "not UTF-8" in findings[0].message


def test_lint_paths_takes_single_string():
    path = str(EXAMPLES / "typical-mistakes.json")
    assert lint_paths(path) == lint_paths([path])


@pytest.mark.parametrize("name", ["clean-association.yaml", "typical-mistakes.json"])
def test_run_restores_garbage_collector(name):
    # The engine pauses the cycle collector while the first association loads its
    # modules; a Python caller must get it back as it was.
    import gc

    lint_paths([str(EXAMPLES / name)])
    assert gc.isenabled()

    gc.disable()
    try:
        lint_paths([str(EXAMPLES / name)])
        assert not gc.isenabled()
    finally:
        gc.enable()
