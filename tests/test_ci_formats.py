"""The CI report formats (github, gitlab, junit), --statistics, colour and SARIF for CI."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from crml_lint.reporters import REPORT_FORMATS, write_report
from crml_lint.reporters.github import escape_data, escape_property
from crml_lint.result import LintResult
from conftest import CRML_LINT

GOOD_REQUEST = """\
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
"""

# CRML201 on line 11 (CUSTOM without identifiers) and CRML404 on line 13 (the aws: prefix).
BAD_REQUEST = """\
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
          logRedactionConfiguration:
            entitiesToRedact: [CUSTOM]
tags:
  "aws:team": ml
"""


def run_cli(*arguments: str, cwd: Path, env: "dict[str, str] | None" = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [*CRML_LINT, "check", *arguments],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=environment, timeout=120,
    )


def report(result: LintResult, output_format: str) -> str:
    stream = io.StringIO()
    write_report(result, output_format, stream)
    return stream.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text(GOOD_REQUEST, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD_REQUEST, encoding="utf-8")
    return tmp_path


def test_formats_offered_on_command_line(project):
    completed = subprocess.run([*CRML_LINT, "check", "--help"], capture_output=True, text=True, cwd=project)

    for output_format in ("github", "gitlab", "junit"):
        assert output_format in REPORT_FORMATS
        assert output_format in completed.stdout


# --- github: workflow commands ----------------------------------------------------------


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse a line as the Actions runner does: `::name key=value,...::message`, then decode."""
    assert line.startswith("::")
    head, separator, message = line[2:].partition("::")
    assert separator == "::"
    name, _, properties_text = head.partition(" ")
    properties = {}
    for item in properties_text.split(","):
        key, equals, value = item.partition("=")
        assert equals == "=", f"property without '=': {item!r}"
        properties[key] = decode(value, property_value=True)
    return name, properties, decode(message, property_value=False)


def decode(text: str, *, property_value: bool) -> str:
    replacements = [("%0D", "\r"), ("%0A", "\n")]
    if property_value:
        replacements += [("%3A", ":"), ("%2C", ",")]
    for encoded, character in replacements:
        text = text.replace(encoded, character)
    return text.replace("%25", "%")


def test_github_commands_from_cli(project):
    completed = run_cli("bad.yaml", "--output-format", "github", "--severity", "CRML404=warning", cwd=project)
    commands = [parse_workflow_command(line) for line in completed.stdout.splitlines()]

    assert completed.returncode == 1
    assert [name for name, _, _ in commands] == ["error", "warning"]
    _, properties, message = commands[0]
    assert properties == {
        "file": "bad.yaml", "line": "11", "col": "32", "endLine": "11", "endColumn": "38",
        "title": "CRML201 custom-redaction-without-identifiers",
    }
    assert "customDataIdentifiers" in message


def test_github_note_is_notice(make_finding):
    output = report(LintResult(findings=[make_finding(level="note")]), "github")

    assert output.startswith("::notice file=association.json,line=3,col=5,endLine=3,endColumn=12,")


def test_github_escapes_data_and_properties(make_finding):
    finding = make_finding(
        path="dir, with: odd%chars\nname.json",
        rule_name="a,b:c",
        message="100% sure:\r\nsecond line, with a comma::and colons",
    )
    output = report(LintResult(findings=[finding]), "github")
    name, properties, message = parse_workflow_command(output.rstrip("\n"))

    assert output.count("\n") == 1
    assert name == "error"
    assert properties["file"] == "dir, with: odd%chars\nname.json"
    assert properties["title"] == "CRML201 a,b:c"
    assert message == "100% sure:\r\nsecond line, with a comma::and colons"


def test_github_escape_functions():
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_github_names_resource(make_finding):
    output = report(LintResult(findings=[make_finding(resource="TrainingAssociation", message="Redact.")]), "github")

    assert output.rstrip("\n").endswith("::[TrainingAssociation] Redact.")


# CRML203 on lines 10 and 11: a double-quoted filter pattern broken over two lines.
MULTI_LINE_PATTERN = """\
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
          filterPattern: "(abc
            def"
"""


def test_github_multi_line_finding_without_columns(project):
    # @actions/core's AnnotationProperties: columns cannot be sent when the lines differ.
    (project / "pattern.yaml").write_text(MULTI_LINE_PATTERN, encoding="utf-8")

    completed = run_cli("pattern.yaml", "--output-format", "github", cwd=project)
    _, properties, _ = parse_workflow_command(completed.stdout.strip())

    assert completed.returncode == 1
    assert properties == {"file": "pattern.yaml", "line": "10", "endLine": "11", "title": "CRML203 invalid-filter-pattern"}


def test_github_one_line_finding_keeps_columns(make_finding):
    _, properties, _ = parse_workflow_command(report(LintResult(findings=[make_finding(span=(4, 2, 4, 9))]), "github").strip())

    assert (properties["line"], properties["col"], properties["endLine"], properties["endColumn"]) == ("4", "2", "4", "9")


def test_github_multi_line_finding_built_directly(make_finding):
    _, properties, _ = parse_workflow_command(report(LintResult(findings=[make_finding(span=(4, 2, 6, 9))]), "github").strip())

    assert (properties["line"], properties["endLine"]) == ("4", "6")
    assert "col" not in properties
    assert "endColumn" not in properties


def repository_with_subfolder(tmp_path: Path) -> Path:
    """A checkout whose infra/ subfolder contains bad.yaml, for runs that start in infra/."""
    checkout = tmp_path / "checkout"
    (checkout / ".git").mkdir(parents=True)
    (checkout / "infra").mkdir()
    (checkout / "infra" / "bad.yaml").write_text(BAD_REQUEST, encoding="utf-8")
    return checkout


def test_github_path_from_repository_root(tmp_path):
    checkout = repository_with_subfolder(tmp_path)

    completed = run_cli("bad.yaml", "--output-format", "github", cwd=checkout / "infra")
    files = [parse_workflow_command(line)[1]["file"] for line in completed.stdout.splitlines()]

    assert files == ["infra/bad.yaml", "infra/bad.yaml"]


def test_github_path_outside_repository(project):
    # pytest's temporary folders lie outside any repository, so the path is the report's own.
    completed = run_cli(str(project / "bad.yaml"), "--output-format", "github", cwd=project.parent)
    files = [parse_workflow_command(line)[1]["file"] for line in completed.stdout.splitlines()]

    assert files == [f"{project.name}/bad.yaml"] * 2


def test_github_clean_run_is_empty(project):
    completed = run_cli("good.yaml", "--output-format", "github", cwd=project)

    assert completed.returncode == 0
    assert completed.stdout == ""


# --- gitlab: Code Quality ---------------------------------------------------------------

# The fields GitLab documents for a Code Quality issue, and the severities it accepts.
GITLAB_REQUIRED = {"description", "check_name", "fingerprint", "severity", "location"}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_gitlab_issue_fields(project):
    completed = run_cli("good.yaml", "bad.yaml", "--output-format", "gitlab", "--severity", "CRML404=note", cwd=project)
    issues = json.loads(completed.stdout)

    assert completed.returncode == 1
    assert isinstance(issues, list)
    assert len(issues) == 2
    for issue in issues:
        assert GITLAB_REQUIRED <= issue.keys()
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["severity"] in GITLAB_SEVERITIES
        assert issue["location"]["path"] == "bad.yaml"
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert [issue["check_name"] for issue in issues] == ["CRML201", "CRML404"]
    assert [issue["severity"] for issue in issues] == ["major", "info"]
    assert issues[0]["location"]["lines"]["begin"] == 11
    assert issues[0]["location"]["positions"]["begin"] == {"line": 11, "column": 32}
    assert len({issue["fingerprint"] for issue in issues}) == 2


def test_gitlab_fingerprints_survive_inserted_lines(project):
    before = json.loads(run_cli("bad.yaml", "--output-format", "gitlab", cwd=project).stdout)
    (project / "bad.yaml").write_text("# reviewed\n# by the team\n" + BAD_REQUEST, encoding="utf-8")
    after = json.loads(run_cli("bad.yaml", "--output-format", "gitlab", cwd=project).stdout)

    assert [issue["fingerprint"] for issue in after] == [issue["fingerprint"] for issue in before]
    assert after[0]["location"]["lines"]["begin"] == before[0]["location"]["lines"]["begin"] + 2


def test_gitlab_paths_relative_to_root(tmp_path, make_finding):
    root = tmp_path / "repository"
    findings = [
        make_finding(path=str(root / "sub" / "a.json"), fingerprint="1" * 32),
        make_finding(path="-", fingerprint="2" * 32),
        make_finding(path=str(tmp_path / "elsewhere.json"), fingerprint="3" * 32),
    ]
    issues = json.loads(report(LintResult(root=str(root), findings=findings), "gitlab"))

    assert [issue["location"]["path"] for issue in issues] == ["sub/a.json", "stdin", str(tmp_path / "elsewhere.json")]


def test_gitlab_path_from_repository_root(tmp_path):
    checkout = repository_with_subfolder(tmp_path)

    completed = run_cli("bad.yaml", "--output-format", "gitlab", cwd=checkout / "infra")

    assert [issue["location"]["path"] for issue in json.loads(completed.stdout)] == ["infra/bad.yaml", "infra/bad.yaml"]


def test_gitlab_path_from_working_repository(tmp_path, make_finding):
    # A file of a nested repository (a submodule) is named from the working folder's repository, as in fingerprints.
    checkout = repository_with_subfolder(tmp_path)
    (checkout / "s1" / ".git").mkdir(parents=True)
    finding = make_finding(path=str(checkout / "s1" / "a.json"))

    issues = json.loads(report(LintResult(root=str(checkout / "infra"), findings=[finding]), "gitlab"))

    assert issues[0]["location"]["path"] == "s1/a.json"


def test_gitlab_fingerprints_unique(make_finding):
    findings = [make_finding(fingerprint="same"), make_finding(fingerprint="same"), make_finding(fingerprint="")]
    issues = json.loads(report(LintResult(findings=findings), "gitlab"))
    fingerprints = [issue["fingerprint"] for issue in issues]

    assert len(set(fingerprints)) == 3
    assert fingerprints[0] == "same"
    assert all(fingerprints)


def test_gitlab_clean_run_is_empty_array(project):
    completed = run_cli("good.yaml", "--output-format", "gitlab", cwd=project)

    assert json.loads(completed.stdout) == []


# --- junit ------------------------------------------------------------------------------


def check_junit_counts(document: ElementTree.Element) -> None:
    """Check the counts as a strict JUnit reader does: each count equals the elements it counts."""
    assert document.tag == "testsuites"
    all_cases = document.findall("testsuite/testcase")
    all_failures = document.findall("testsuite/testcase/failure")
    assert int(document.get("tests")) == len(all_cases)
    assert int(document.get("failures")) == len(all_failures)
    assert int(document.get("errors")) == len(document.findall("testsuite/testcase/error"))
    for suite in document.findall("testsuite"):
        assert suite.get("name")
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("errors")) == len(suite.findall("testcase/error"))
        for case in suite.findall("testcase"):
            assert case.get("name")
            assert case.get("classname")
            assert len(case.findall("failure")) + len(case.findall("error")) <= 1


def test_junit_cases_per_finding_and_clean_file(project):
    completed = run_cli("good.yaml", "bad.yaml", "--output-format", "junit", cwd=project)
    document = ElementTree.fromstring(completed.stdout.encode("utf-8"))
    check_junit_counts(document)
    suites = {suite.get("name"): suite for suite in document.findall("testsuite")}

    assert completed.returncode == 1
    assert set(suites) == {"good.yaml", "bad.yaml"}
    assert document.get("tests") == "3"
    assert document.get("failures") == "2"
    assert suites["good.yaml"].findall("testcase/failure") == []
    failures = suites["bad.yaml"].findall("testcase/failure")
    assert [failure.get("type") for failure in failures] == ["CRML201", "CRML404"]
    assert failures[0].text.startswith("bad.yaml:11:32: ")
    assert "customDataIdentifiers" in failures[0].get("message")


def test_junit_skips_files_without_association(project):
    (project / "unrelated.json").write_text('{"compilerOptions": {"strict": true}}', encoding="utf-8")
    completed = run_cli(".", "--output-format", "junit", cwd=project)
    document = ElementTree.fromstring(completed.stdout.encode("utf-8"))

    assert sorted(suite.get("name") for suite in document.findall("testsuite")) == ["bad.yaml", "good.yaml"]


def test_junit_without_files_has_passing_case():
    document = ElementTree.fromstring(report(LintResult(), "junit").encode("utf-8"))
    check_junit_counts(document)

    assert document.get("tests") == "1"
    assert document.get("failures") == "0"


def test_junit_escapes_characters_xml_forbids(make_finding):
    finding = make_finding(path="caf\udcff.json", message="bell \x07 and escape \x1b[31m, <tag> & \"quotes\" ✓ 😀")
    text = report(LintResult(findings=[finding]), "junit")
    document = ElementTree.fromstring(text.encode("utf-8"))
    check_junit_counts(document)
    failure = document.find("testsuite/testcase/failure")

    assert text.isascii()
    assert failure.get("message") == "bell \\x07 and escape \\x1b[31m, <tag> & \"quotes\" ✓ 😀"
    assert document.find("testsuite").get("name") == "caf\\udcff.json"


def test_junit_missing_path_is_error_case(project):
    completed = run_cli("nope.json", "--output-format", "junit", cwd=project)
    document = ElementTree.fromstring(completed.stdout.encode("utf-8"))
    check_junit_counts(document)
    errors = document.findall("testsuite/testcase/error")

    assert completed.returncode == 2
    assert document.get("errors") == "1"
    assert len(errors) == 1
    assert errors[0].get("message") == "nope.json: no such file or folder"
    assert document.findall("testsuite/testcase/failure") == []
    # A run that could not do its job has no passing placeholder case.
    assert all(case.find("error") is not None for case in document.findall("testsuite/testcase"))


def test_junit_failing_rule_is_error_case(project, failing_rules_dir):
    completed = run_cli("good.yaml", "bad.yaml", "--rules-dir", str(failing_rules_dir), "--extend-select", "ACME", "--output-format", "junit", cwd=project)
    document = ElementTree.fromstring(completed.stdout.encode("utf-8"))
    check_junit_counts(document)
    errors = document.findall("testsuite/testcase/error")

    assert completed.returncode == 2
    assert document.get("errors") == "2"
    assert len(errors) == 2
    assert all("rule ACME900 (always-fails) failed" in error.get("message") for error in errors)
    assert document.get("failures") == "2"


def test_junit_same_rule_twice_distinct_names(project):
    (project / "tags.yaml").write_text(BAD_REQUEST + '  "AWS:owner": data\n', encoding="utf-8")

    completed = run_cli("tags.yaml", "--select", "CRML404", "--output-format", "junit", cwd=project)
    document = ElementTree.fromstring(completed.stdout.encode("utf-8"))
    check_junit_counts(document)
    names = [case.get("name") for case in document.findall("testsuite/testcase")]

    assert len(names) == 2
    assert len(set(names)) == 2
    assert names[0].startswith("CRML404 reserved-tag-prefix")
    assert "13:3" in names[0]
    assert "14:3" in names[1]


# --- --statistics ---------------------------------------------------------------------


def test_statistics_counts_per_rule(project):
    (project / "second.yaml").write_text(BAD_REQUEST.replace('  "aws:team": ml\n', '  "aws:team": ml\n  "AWS:owner": x\n'), encoding="utf-8")
    completed = run_cli("bad.yaml", "second.yaml", "--statistics", cwd=project)

    assert completed.returncode == 1
    assert completed.stdout.splitlines() == [
        "3  CRML404  reserved-tag-prefix",
        "2  CRML201  custom-redaction-without-identifiers",
    ]


def test_statistics_ties_sorted_by_id(make_finding):
    from crml_lint.statistics import count_by_rule

    findings = [make_finding("CRML404"), make_finding("CRML201"), make_finding("CRML302"), make_finding("CRML302")]
    counts = count_by_rule(findings)

    assert [(row.rule_id, row.count) for row in counts] == [("CRML302", 2), ("CRML201", 1), ("CRML404", 1)]


def test_statistics_as_json(project):
    completed = run_cli("bad.yaml", "--statistics", "--output-format", "json", cwd=project)

    assert json.loads(completed.stdout) == [
        {"rule_id": "CRML201", "rule_name": "custom-redaction-without-identifiers", "count": 1},
        {"rule_id": "CRML404", "rule_name": "reserved-tag-prefix", "count": 1},
    ]


def test_statistics_clean_run_prints_nothing(project):
    completed = run_cli("good.yaml", "--statistics", cwd=project)

    assert completed.returncode == 0
    assert completed.stdout == ""


def test_statistics_rejects_other_formats(project):
    completed = run_cli("bad.yaml", "--statistics", "--output-format", "sarif", cwd=project)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "--statistics writes text or json, not sarif" in completed.stderr


def test_statistics_leave_out_suppressed(project):
    suppressed = BAD_REQUEST.replace('"aws:team": ml', '"aws:team": ml  # crml-lint: disable=CRML404 -- set by the pipeline')
    (project / "suppressed.yaml").write_text(suppressed, encoding="utf-8")

    completed = run_cli("suppressed.yaml", "--statistics", cwd=project)

    assert completed.stdout.splitlines() == ["1  CRML201  custom-redaction-without-identifiers"]


# --- colour -----------------------------------------------------------------------------


def test_pipe_output_has_no_escapes(project):
    for output_format in REPORT_FORMATS:
        completed = run_cli("bad.yaml", "--output-format", output_format, cwd=project)

        assert completed.returncode == 1, output_format
        assert "\x1b" not in completed.stdout, output_format
        assert "\x1b" not in completed.stderr, output_format


def run_on_terminal(project: Path, env: "dict[str, str]") -> str:
    """Run `check bad.yaml` with its standard output on a pseudo-terminal; return what it wrote."""
    import pty

    leader, follower = pty.openpty()
    environment = {name: value for name, value in os.environ.items() if name not in ("NO_COLOR", "TERM")}
    environment.update(env)
    try:
        process = subprocess.Popen([*CRML_LINT, "check", "bad.yaml"], cwd=project, env=environment,
                                   stdout=follower, stderr=subprocess.DEVNULL)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # Linux reports the closed terminal as EIO
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=120)
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals are read this way on Linux")
@pytest.mark.parametrize(("env", "coloured"), [
    ({"TERM": "xterm"}, True),
    ({"TERM": "xterm", "NO_COLOR": ""}, True),
    ({"TERM": "xterm", "NO_COLOR": "1"}, False),
    ({"TERM": "dumb"}, False),
])
def test_terminal_colour_follows_no_color_and_term(project, env, coloured):
    output = run_on_terminal(project, env)

    assert "CRML201" in output
    assert ("\x1b[" in output) is coloured


# --- SARIF in CI ------------------------------------------------------------------------


def emoji_request(project: Path) -> Path:
    # Two emoji (one code point, two UTF-16 code units each) come before the CRML404 finding.
    path = project / "emoji.yaml"
    path.write_text(BAD_REQUEST.replace('tags:\n  "aws:team": ml\n', 'tags: {"team😀": "😀", "aws:team": ml}\n'), encoding="utf-8")
    return path


def test_sarif_region_after_emoji(project):
    line = emoji_request(project).read_text(encoding="utf-8").splitlines()[11]
    log = json.loads(run_cli("emoji.yaml", "--select", "CRML404", "--output-format", "sarif", cwd=project).stdout)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    units = line.encode("utf-16-le")

    assert log["runs"][0]["columnKind"] == "utf16CodeUnits"
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (12, 24, 34)
    assert units[(region["startColumn"] - 1) * 2:(region["endColumn"] - 1) * 2].decode("utf-16-le") == '"aws:team"'


def test_text_and_github_count_code_points_after_emoji(project):
    emoji_request(project)
    text_line = run_cli("emoji.yaml", "--select", "CRML404", "-q", cwd=project).stdout.strip()
    github_line = run_cli("emoji.yaml", "--select", "CRML404", "--output-format", "github", cwd=project).stdout.strip()

    assert text_line.startswith("emoji.yaml:12:22: CRML404 ")
    assert parse_workflow_command(github_line)[1]["col"] == "22"
    assert parse_workflow_command(github_line)[1]["endColumn"] == "32"


def test_sarif_automation_details(project):
    log = json.loads(run_cli("bad.yaml", "--output-format", "sarif", cwd=project).stdout)

    assert log["runs"][0]["automationDetails"] == {"id": "crml-lint/"}


def test_sarif_security_severity_by_level(tmp_path, make_rule):
    rules = [
        make_rule("CRML201", level="error"),
        make_rule("CRML202", level="warning"),
        make_rule("CRML208", level="note"),
        make_rule("CRML404", level="error"),
    ]
    log = json.loads(report(LintResult(root=str(tmp_path), rules=rules), "sarif"))
    properties = {descriptor["id"]: descriptor.get("properties", {}) for descriptor in log["runs"][0]["tool"]["driver"]["rules"]}

    assert properties["CRML201"]["security-severity"] == "7.5"
    assert properties["CRML202"]["security-severity"] == "5.0"
    assert properties["CRML208"]["security-severity"] == "2.0"
    assert "security" in properties["CRML201"]["tags"]
    assert "security-severity" not in properties["CRML404"]


def test_multitool_accepts_cli_sarif(project, sarif_problems):
    emoji_request(project)
    completed = run_cli("good.yaml", "bad.yaml", "emoji.yaml", "--output-format", "sarif", cwd=project)
    log = json.loads(completed.stdout)

    assert log["runs"][0]["results"]
    assert sarif_problems(completed.stdout) == []


# --- baseline: known findings pass -------------------------------------------------------


@pytest.fixture
def baselined(project: Path) -> Path:
    """Record bad.yaml's two findings in baseline.sarif, then add a third (CRML404 on line 14)."""
    written = run_cli("bad.yaml", "-q", "--write-baseline", "baseline.sarif", cwd=project)
    assert written.returncode == 1, written.stderr
    (project / "bad.yaml").write_text(BAD_REQUEST + '  "AWS:owner": data\n', encoding="utf-8")
    return project


def test_baseline_github_annotates_new_only(baselined):
    completed = run_cli("bad.yaml", "--baseline", "baseline.sarif", "--output-format", "github", cwd=baselined)
    commands = [parse_workflow_command(line) for line in completed.stdout.splitlines()]

    assert completed.returncode == 1
    assert len(commands) == 1
    assert commands[0][1]["line"] == "14"


def test_baseline_github_updated_passes(baselined):
    completed = run_cli("bad.yaml", "--baseline", "baseline.sarif", "--severity", "CRML201=warning",
                        "--output-format", "github", cwd=baselined)

    assert [parse_workflow_command(line)[1]["line"] for line in completed.stdout.splitlines()] == ["14"]


def test_baseline_gitlab_lists_new_only(baselined):
    completed = run_cli("bad.yaml", "--baseline", "baseline.sarif", "--output-format", "gitlab", cwd=baselined)
    issues = json.loads(completed.stdout)

    assert [(issue["check_name"], issue["location"]["lines"]["begin"]) for issue in issues] == [("CRML404", 14)]


def test_baseline_junit_fails_new_only(baselined):
    completed = run_cli("bad.yaml", "--baseline", "baseline.sarif", "--output-format", "junit", cwd=baselined)
    document = ElementTree.fromstring(completed.stdout.encode("utf-8"))
    check_junit_counts(document)

    assert document.get("failures") == "1"
    assert document.find("testsuite/testcase/failure").text.startswith("bad.yaml:14:3: ")


def test_baseline_junit_all_known_is_passing_file(project):
    run_cli("bad.yaml", "-q", "--write-baseline", "baseline.sarif", cwd=project)

    completed = run_cli("bad.yaml", "--baseline", "baseline.sarif", "--output-format", "junit", cwd=project)
    document = ElementTree.fromstring(completed.stdout.encode("utf-8"))
    check_junit_counts(document)

    assert completed.returncode == 0
    assert document.get("failures") == "0"
    assert [suite.get("name") for suite in document.findall("testsuite")] == ["bad.yaml"]


def test_baseline_text_lists_new_only(baselined):
    completed = run_cli("bad.yaml", "--baseline", "baseline.sarif", cwd=baselined)
    lines = completed.stdout.splitlines()

    assert completed.returncode == 1
    assert len(lines) == 2
    assert lines[0].startswith("bad.yaml:14:3: CRML404 ")
    assert lines[1] == "Found 1 finding (1 error) in 1 file; baseline: 1 new, 2 unchanged, 0 updated, 0 absent."


def test_baseline_statistics_count_new_only(baselined):
    completed = run_cli("bad.yaml", "--baseline", "baseline.sarif", "--statistics", cwd=baselined)

    assert completed.stdout.splitlines() == ["1  CRML404  reserved-tag-prefix"]


def test_baseline_json_and_sarif_keep_all(baselined):
    report = json.loads(run_cli("bad.yaml", "--baseline", "baseline.sarif", "--output-format", "json", cwd=baselined).stdout)
    log = json.loads(run_cli("bad.yaml", "--baseline", "baseline.sarif", "--output-format", "sarif", cwd=baselined).stdout)

    assert [finding["baseline_state"] for finding in report["findings"]] == ["unchanged", "unchanged", "new"]
    assert [result["baselineState"] for result in log["runs"][0]["results"]] == ["unchanged", "unchanged", "new"]
