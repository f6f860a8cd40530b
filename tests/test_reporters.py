"""The text and JSON reports, and the choice of reporter."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

import crml_lint
from crml_lint.reporters import REPORT_FORMATS, write_report
from crml_lint.result import LintResult


def report(result: LintResult, output_format: str = "text", **options) -> str:
    stream = io.StringIO()
    write_report(result, output_format, stream, **options)
    return stream.getvalue()


# --- choosing a reporter ----------------------------------------------------------------


def test_formats_offered():
    assert REPORT_FORMATS == ("text", "json", "sarif", "github", "gitlab", "junit")


def test_unknown_format_rejected():
    with pytest.raises(ValueError, match="unknown report format 'xml'"):
        write_report(LintResult(), "xml", io.StringIO())


def test_text_report_loads_no_other_reporter():
    # Text is the default format, so loading the JSON or SARIF code there would slow every run.
    script = (
        "import io, sys\n"
        "from crml_lint.reporters import write_report\n"
        "from crml_lint.result import LintResult\n"
        "write_report(LintResult(), 'text', io.StringIO())\n"
        "print(sorted(name for name in sys.modules if name.startswith('crml_lint.reporters.')))\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert completed.stdout.strip() == "['crml_lint.reporters.text']"


# --- text -------------------------------------------------------------------------------


def test_text_finding_line(make_finding):
    finding = make_finding("CRML201", path="dir/association.json", span=(12, 9, 12, 15), message="Add customDataIdentifiers.")
    lines = report(LintResult(findings=[finding], files_checked=1, associations=1)).splitlines()

    assert lines[0] == "dir/association.json:12:9: CRML201 Add customDataIdentifiers."


def test_text_resource_named(make_finding):
    finding = make_finding("CRML207", path="stack.yaml", span=(30, 7, 30, 20), resource="TrainingAssociation", message="Redact the logs.")
    lines = report(LintResult(findings=[finding])).splitlines()

    assert lines[0] == "stack.yaml:30:7: CRML207 [TrainingAssociation] Redact the logs."


def test_text_columns_count_code_points(make_finding):
    finding = make_finding(span=(2, 5, 2, 6), utf16_span=(2, 7, 2, 8))

    assert report(LintResult(findings=[finding])).startswith("association.json:2:5: ")


def test_text_keeps_finding_order(make_finding):
    findings = [make_finding(path="b.json"), make_finding(path="a.json", span=(7, 1, 7, 2)), make_finding(path="a.json", span=(1, 1, 1, 2))]
    lines = report(LintResult(findings=findings)).splitlines()

    assert [line.split(": ")[0] for line in lines[:3]] == ["b.json:3:5", "a.json:7:1", "a.json:1:1"]


@pytest.mark.parametrize(
    ("levels", "paths", "summary"),
    [
        (["error", "error", "warning"], ["a.json", "a.json", "b.yaml"], "Found 3 findings (2 errors, 1 warning) in 2 files."),
        (["warning"], ["a.json"], "Found 1 finding (1 warning) in 1 file."),
        (["note", "error", "note"], ["a.json", "b.json", "c.json"], "Found 3 findings (1 error, 2 notes) in 3 files."),
    ],
)
def test_text_summary_counts(make_finding, levels, paths, summary):
    findings = [make_finding(level=level, path=path) for level, path in zip(levels, paths)]
    lines = report(LintResult(findings=findings, files_checked=5, associations=5)).splitlines()

    assert lines[-1] == summary
    assert len(lines) == len(findings) + 1


@pytest.mark.parametrize(
    ("files", "associations", "summary"),
    [
        (1, 1, "No findings in 1 file (1 association)."),
        (4, 7, "No findings in 4 files (7 associations)."),
        (0, 0, "No findings in 0 files (0 associations)."),
    ],
)
def test_text_summary_without_findings(files, associations, summary):
    assert report(LintResult(files_checked=files, associations=associations)) == summary + "\n"


def test_text_quiet_prints_findings_only(make_finding):
    output = report(LintResult(findings=[make_finding()], files_checked=1, associations=1), quiet=True)

    assert output.splitlines() == ["association.json:3:5: CRML201 " + make_finding().message]


def test_text_quiet_without_findings_is_empty():
    assert report(LintResult(files_checked=3, associations=3), quiet=True) == ""


def test_text_without_color_has_no_escapes(make_finding):
    output = report(LintResult(findings=[make_finding(level="error"), make_finding(level="note")]), color=False)

    assert "\x1b" not in output


def test_text_color_marks_rule_by_level(make_finding):
    findings = [make_finding("CRML201", level="error"), make_finding("CRML202", level="warning"), make_finding("CRML208", level="note")]
    lines = report(LintResult(findings=findings), color=True).splitlines()

    assert "\x1b[1;31mCRML201\x1b[0m" in lines[0]
    assert "\x1b[1;33mCRML202\x1b[0m" in lines[1]
    assert "\x1b[1;36mCRML208\x1b[0m" in lines[2]


def test_text_escapes_control_characters(make_finding):
    finding = make_finding(path="evil\n.json", message="tag value \x1b[2J\rspoofed\u202e")
    lines = report(LintResult(findings=[finding])).split("\n")

    assert lines[0] == "evil\\x0a.json:3:5: CRML201 tag value \\x1b[2J\\x0dspoofed\\u202e"
    assert len(lines) == 3


def test_text_keeps_printable_unicode(make_finding):
    finding = make_finding(path="données/設定.yaml", message="The tag key \"😀\" is not allowed.")

    assert report(LintResult(findings=[finding])).startswith("données/設定.yaml:3:5: CRML201 The tag key \"😀\" is not allowed.")


def test_text_narrow_console_encoding(make_finding):
    finding = make_finding(path="caf\udcff.json", message="The tag key \"😀 é\" is not allowed.")
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="cp1252", newline="\n")

    write_report(LintResult(findings=[finding]), "text", stream)
    stream.flush()

    assert buffer.getvalue().decode("cp1252").splitlines()[0] == "caf\\udcff.json:3:5: CRML201 The tag key \"\\U0001f600 é\" is not allowed."


# --- JSON -------------------------------------------------------------------------------


def test_json_document_shape(make_finding):
    result = LintResult(findings=[make_finding()], files_checked=2, associations=3)
    document = json.loads(report(result, "json"))

    assert document["tool"] == "crml-lint"
    assert document["version"] == crml_lint.__version__
    assert set(document) == {"tool", "version", "findings", "summary"}


def test_json_finding_fields(make_finding):
    finding = make_finding(
        "CRML102",
        rule_name="unknown-field",
        level="error",
        message="Unknown field \"Nmae\"; did you mean \"Name\"?",
        path="stack.yaml",
        span=(8, 7, 8, 11),
        utf16_span=(8, 8, 8, 12),
        field_path="Properties.Nmae",
        resource="TrainingAssociation",
        fix="Name",
        fingerprint="feedface" * 4,
    )
    entry = json.loads(report(LintResult(findings=[finding]), "json"))["findings"][0]

    assert entry == {
        "rule_id": "CRML102",
        "rule_name": "unknown-field",
        "level": "error",
        "message": "Unknown field \"Nmae\"; did you mean \"Name\"?",
        "path": "stack.yaml",
        "line": 8,
        "column": 7,
        "end_line": 8,
        "end_column": 11,
        "field_path": "Properties.Nmae",
        "resource": "TrainingAssociation",
        "fix": "Name",
        "fingerprint": "feedface" * 4,
    }


def test_json_unset_fields_are_null(make_finding):
    entry = json.loads(report(LintResult(findings=[make_finding(resource=None, fix=None)]), "json"))["findings"][0]

    assert entry["resource"] is None
    assert entry["fix"] is None


def test_json_summary_counts(make_finding):
    findings = [make_finding(level="error"), make_finding(level="warning"), make_finding(level="warning"), make_finding(level="note")]
    summary = json.loads(report(LintResult(findings=findings, files_checked=4, associations=5), "json"))["summary"]

    assert summary == {"files": 4, "associations": 5, "errors": 1, "warnings": 2, "notes": 1}


def test_json_without_findings():
    document = json.loads(report(LintResult(files_checked=1, associations=1), "json"))

    assert document["findings"] == []
    assert document["summary"] == {"files": 1, "associations": 1, "errors": 0, "warnings": 0, "notes": 0}


def test_json_keeps_finding_order(make_finding):
    findings = [make_finding(path="b.json"), make_finding(path="a.json")]
    entries = json.loads(report(LintResult(findings=findings), "json"))["findings"]

    assert [entry["path"] for entry in entries] == ["b.json", "a.json"]


def test_json_output_is_ascii_and_round_trips(make_finding):
    finding = make_finding(path="caf\udcff/設定.yaml", message="Tag \"😀\"\x00\n\u202e is invalid.", field_path='tags["cost center"]')
    output = report(LintResult(findings=[finding]), "json")
    entry = json.loads(output)["findings"][0]

    assert output.isascii()
    assert entry["path"] == finding.path
    assert entry["message"] == finding.message
    assert entry["field_path"] == finding.field_path


def test_json_ignores_text_options(make_finding):
    result = LintResult(findings=[make_finding()], files_checked=1, associations=1)

    assert report(result, "json", color=True, quiet=True) == report(result, "json")
