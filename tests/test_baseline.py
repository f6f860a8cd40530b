"""Baselines through the real command line: --write-baseline, then --baseline on a changed file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from crml_lint.baseline import BaselineEntry, apply_baseline
from crml_lint.finding import file_fingerprint
from crml_lint.project_root import project_path
from crml_lint.result import LintResult
from conftest import CRML_LINT

# CRML201 on line 11 (CUSTOM without identifiers), CRML404 on lines 13 and 14 (the aws: prefix).
REQUEST = """\
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
  "aws:owner": data
"""

INSERTED_LINES = "# reviewed by the data team\n# before the first training run\n"


def run_cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CRML_LINT, "check", *arguments],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=dict(os.environ), timeout=120,
    )


def sarif_results(completed: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(completed.stdout)["runs"][0]["results"]


def states_by_rule(results: list[dict]) -> list[tuple[str, int, str]]:
    return [(result["ruleId"], result["locations"][0]["physicalLocation"]["region"]["startLine"], result["baselineState"]) for result in results]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "request.yaml").write_text(REQUEST, encoding="utf-8")
    written = run_cli("request.yaml", "--write-baseline", "baseline.sarif", cwd=tmp_path)
    assert written.returncode == 1, written.stderr
    return tmp_path


def change_request(project: Path, new_level: str = "error") -> None:
    """Insert lines above every finding, fix the aws:owner tag (CRML404) and add one finding.

    The added finding is an error (CRML404, the aws:cost-centre tag) or, with `new_level`
    "note", a note (CRML208, ALL logs without redacting personal information).
    """
    changed = REQUEST.replace('  "aws:owner": data\n', "")
    if new_level == "error":
        changed += '  "aws:cost-centre": "4711"\n'
    else:
        changed = changed.replace("logType: ERROR_SUMMARY", "logType: ALL")
    (project / "request.yaml").write_text(INSERTED_LINES + changed, encoding="utf-8")


def test_write_baseline_keeps_normal_report(tmp_path):
    (tmp_path / "request.yaml").write_text(REQUEST, encoding="utf-8")

    completed = run_cli("request.yaml", "--write-baseline", "baseline.sarif", cwd=tmp_path)

    assert completed.returncode == 1
    assert "Found 3 findings" in completed.stdout
    baseline = json.loads((tmp_path / "baseline.sarif").read_text(encoding="utf-8"))
    assert baseline["version"] == "2.1.0"
    assert [result["ruleId"] for result in baseline["runs"][0]["results"]] == ["CRML201", "CRML404", "CRML404"]


def test_unchanged_findings_pass(project):
    (project / "request.yaml").write_text(INSERTED_LINES + REQUEST, encoding="utf-8")

    completed = run_cli("request.yaml", "--baseline", "baseline.sarif", "--output-format", "sarif", cwd=project)

    assert completed.returncode == 0, completed.stderr
    assert states_by_rule(sarif_results(completed)) == [("CRML201", 13, "unchanged"), ("CRML404", 15, "unchanged"), ("CRML404", 16, "unchanged")]


def test_changed_file_new_unchanged_absent(project):
    change_request(project)

    completed = run_cli("request.yaml", "--baseline", "baseline.sarif", "--output-format", "sarif", cwd=project)

    assert states_by_rule(sarif_results(completed)) == [("CRML201", 13, "unchanged"), ("CRML404", 15, "unchanged"), ("CRML404", 16, "new")]


def test_new_error_fails_run(project):
    change_request(project)

    completed = run_cli("request.yaml", "--baseline", "baseline.sarif", "--output-format", "json", cwd=project)

    report = json.loads(completed.stdout)
    new = [finding for finding in report["findings"] if finding["baseline_state"] == "new"]
    assert len(new) == 1
    assert new[0]["level"] == "error"
    assert report["summary"]["baseline"] == {"new": 1, "unchanged": 2, "updated": 0, "absent": 1}
    assert completed.returncode == 1


def test_new_below_fail_level_passes(project):
    change_request(project, new_level="note")

    completed = run_cli("request.yaml", "--baseline", "baseline.sarif", cwd=project)

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.splitlines()[-1].endswith("; baseline: 1 new, 2 unchanged, 0 updated, 1 absent.")


def test_new_at_fail_on_level_fails(project):
    change_request(project, new_level="note")

    completed = run_cli("request.yaml", "--baseline", "baseline.sarif", "--fail-on", "note", cwd=project)

    assert completed.returncode == 1


def test_absent_not_written_as_result(project):
    (project / "request.yaml").write_text(REQUEST.replace('  "aws:owner": data\n', ""), encoding="utf-8")

    completed = run_cli("request.yaml", "--baseline", "baseline.sarif", "--output-format", "sarif", cwd=project)

    assert completed.returncode == 0
    assert states_by_rule(sarif_results(completed)) == [("CRML201", 11, "unchanged"), ("CRML404", 13, "unchanged")]


def test_level_change_is_updated(project):
    completed = run_cli("request.yaml", "--baseline", "baseline.sarif", "--severity", "CRML404=warning",
                        "--output-format", "sarif", cwd=project)

    states = states_by_rule(sarif_results(completed))
    assert states == [("CRML201", 11, "unchanged"), ("CRML404", 13, "updated"), ("CRML404", 14, "updated")]
    assert completed.returncode == 0


def test_updated_error_does_not_fail(project):
    # The baseline records CRML404 as a warning; the same findings as errors are updated, not new.
    run_cli("request.yaml", "--severity", "CRML404=warning", "--write-baseline", "warnings.sarif", cwd=project)

    completed = run_cli("request.yaml", "--baseline", "warnings.sarif", cwd=project)

    assert completed.returncode == 0
    assert "0 new, 1 unchanged, 2 updated, 0 absent" in completed.stdout


def test_text_summary_without_findings(project):
    (project / "request.yaml").write_text(REQUEST.split("tags:")[0].replace("[CUSTOM]", "[ALL_PERSONALLY_IDENTIFIABLE_INFORMATION]"), encoding="utf-8")

    completed = run_cli("request.yaml", "--baseline", "baseline.sarif", cwd=project)

    assert completed.returncode == 0
    assert completed.stdout.strip() == "No new findings in 1 file (1 association); baseline: 0 new, 0 unchanged, 0 updated, 3 absent."


def test_baseline_sarif_passes_multitool(project, sarif_problems):
    change_request(project)

    completed = run_cli("request.yaml", "--baseline", "baseline.sarif", "--output-format", "sarif", cwd=project)

    assert {result["baselineState"] for result in sarif_results(completed)} == {"new", "unchanged"}
    assert sarif_problems(completed.stdout) == []


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "file not found"),
        ("{\"version\": ", "not valid JSON"),
        ("[]", "not a SARIF 2.1.0 log"),
        ("{\"version\": \"2.1.0\", \"runs\": [{\"results\": 3}]}", "not a SARIF 2.1.0 log"),
    ],
    ids=["missing", "not-json", "not-sarif", "results-not-array"],
)
def test_bad_baseline_exits_2(project, content, expected):
    if content is not None:
        (project / "bad.sarif").write_text(content, encoding="utf-8")

    completed = run_cli("request.yaml", "--baseline", "bad.sarif", cwd=project)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert len(completed.stderr.splitlines()) == 1
    assert expected in completed.stderr


def test_write_baseline_onto_input_rejected(project):
    completed = run_cli("request.yaml", "--write-baseline", "request.yaml", cwd=project)

    assert completed.returncode == 2
    assert "--write-baseline request.yaml is one of the files being linted" in completed.stderr
    assert (project / "request.yaml").read_text(encoding="utf-8") == REQUEST


# CRML004 on line 3 (an unused suppression) and CRML002 on line 6 (a duplicate key): both
# messages name a line, "on line 3" and "also set on line 5".
REQUEST_WITH_LINE_NUMBERS = """\
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training  # crml-lint: disable=CRML404
tags:
  Owner: a
  Owner: c
"""


def baseline_summary(completed: subprocess.CompletedProcess) -> dict[str, int]:
    return json.loads(completed.stdout)["summary"]["baseline"]


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A checkout with request.yaml at its root and an empty subfolder, and a baseline written from the root."""
    checkout = tmp_path / "checkout"
    (checkout / ".git").mkdir(parents=True)
    (checkout / "sub").mkdir()
    (checkout / "request.yaml").write_text(REQUEST, encoding="utf-8")
    written = run_cli("request.yaml", "--write-baseline", "baseline.sarif", cwd=checkout)
    assert written.returncode == 1, written.stderr
    return checkout


def test_unlinted_file_not_absent(project):
    (project / "other.yaml").write_text(REQUEST, encoding="utf-8")
    run_cli("request.yaml", "other.yaml", "--write-baseline", "both.sarif", cwd=project)

    completed = run_cli("request.yaml", "--baseline", "both.sarif", "--output-format", "json", cwd=project)

    assert baseline_summary(completed) == {"new": 0, "unchanged": 3, "updated": 0, "absent": 0}
    assert completed.returncode == 0


def test_fixed_finding_of_linted_file_absent(project):
    (project / "other.yaml").write_text(REQUEST, encoding="utf-8")
    run_cli("request.yaml", "other.yaml", "--write-baseline", "both.sarif", cwd=project)
    (project / "request.yaml").write_text(REQUEST.replace('  "aws:owner": data\n', ""), encoding="utf-8")

    completed = run_cli("request.yaml", "--baseline", "both.sarif", "--output-format", "json", cwd=project)

    assert baseline_summary(completed) == {"new": 0, "unchanged": 2, "updated": 0, "absent": 1}


def test_run_from_subfolder_matches(repository):
    completed = run_cli("../request.yaml", "--baseline", "../baseline.sarif", "--output-format", "json",
                        cwd=repository / "sub")

    assert baseline_summary(completed) == {"new": 0, "unchanged": 3, "updated": 0, "absent": 0}
    assert completed.returncode == 0


def test_run_from_parent_folder_matches(repository):
    completed = run_cli("checkout/request.yaml", "--baseline", "checkout/baseline.sarif", "--output-format", "json",
                        cwd=repository.parent)

    assert baseline_summary(completed) == {"new": 0, "unchanged": 3, "updated": 0, "absent": 0}


def test_git_file_marks_root(tmp_path):
    # A worktree or a submodule has a `.git` file instead of a folder.
    checkout = tmp_path / "worktree"
    (checkout / "sub").mkdir(parents=True)
    (checkout / ".git").write_text("gitdir: /elsewhere/.git/worktrees/worktree\n", encoding="utf-8")
    (checkout / "request.yaml").write_text(REQUEST, encoding="utf-8")
    run_cli("request.yaml", "--write-baseline", "baseline.sarif", cwd=checkout)

    completed = run_cli("../request.yaml", "--baseline", "../baseline.sarif", "--output-format", "json", cwd=checkout / "sub")

    assert baseline_summary(completed) == {"new": 0, "unchanged": 3, "updated": 0, "absent": 0}


def test_other_checkout_matches(repository, tmp_path):
    # A CI runner checks the repository out at another absolute path than the laptop that wrote the baseline.
    runner = tmp_path / "runner" / "work"
    shutil.copytree(repository, runner)

    completed = run_cli("work/request.yaml", "--baseline", "work/baseline.sarif", "--output-format", "json",
                        cwd=runner.parent)

    assert baseline_summary(completed) == {"new": 0, "unchanged": 3, "updated": 0, "absent": 0}


def test_stdin_matches_file_in_place(repository):
    completed = subprocess.run(
        [*CRML_LINT, "check", "-", "--stdin-filename", "../request.yaml",
         "--baseline", "../baseline.sarif", "--output-format", "json"],
        input=REQUEST, capture_output=True, text=True, encoding="utf-8", cwd=repository / "sub", timeout=120,
    )

    assert baseline_summary(completed) == {"new": 0, "unchanged": 3, "updated": 0, "absent": 0}


def test_inserted_lines_keep_line_references_unchanged(tmp_path):
    (tmp_path / "request.yaml").write_text(REQUEST_WITH_LINE_NUMBERS, encoding="utf-8")
    run_cli("request.yaml", "--write-baseline", "baseline.sarif", cwd=tmp_path)
    (tmp_path / "request.yaml").write_text(INSERTED_LINES + REQUEST_WITH_LINE_NUMBERS, encoding="utf-8")

    completed = run_cli("request.yaml", "--baseline", "baseline.sarif", "--output-format", "sarif", cwd=tmp_path)

    assert states_by_rule(sarif_results(completed)) == [("CRML004", 5, "unchanged"), ("CRML002", 8, "unchanged")]
    assert "on line 7" in sarif_results(completed)[1]["message"]["text"]


def apply_to_message(make_finding, baseline_message: str, message: str) -> str:
    finding = make_finding(message=message)
    baseline = {(finding.rule_id, finding.fingerprint): [BaselineEntry(message=baseline_message, level=finding.level)]}
    result = LintResult(findings=[finding], checked_paths=[finding.path])

    apply_baseline(result, baseline)

    return result.findings[0].baseline_state


@pytest.mark.parametrize(
    "baseline_message, message",
    [
        ("it is also set on line 5, and only this last value is kept", "it is also set on line 12, and only this last value is kept"),
        ("expected ',' (line 3, column 7)", "expected ',' (line 30, column 7)"),
        ("set on lines 3 and 9", "set on lines 4 and 10"),
        ("set on lines 3, 5 and 9", "set on lines 4, 6 and 10"),
    ],
)
def test_line_number_change_unchanged(make_finding, baseline_message, message):
    assert apply_to_message(make_finding, baseline_message, message) == "unchanged"


@pytest.mark.parametrize(
    "baseline_message, message",
    [
        ("duplicate key \"Owner\": it is also set on line 5", "duplicate key \"Team\": it is also set on line 5"),
        ("expected ',' (line 3, column 7)", "expected ',' (line 3, column 8)"),
        ("there are 3 entries", "there are 4 entries"),
    ],
)
def test_other_message_change_updated(make_finding, baseline_message, message):
    assert apply_to_message(make_finding, baseline_message, message) == "updated"


def test_deeply_nested_baseline_exits_2(project):
    (project / "deep.sarif").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")

    completed = run_cli("request.yaml", "--baseline", "deep.sarif", cwd=project)

    assert completed.returncode == 2
    assert len(completed.stderr.splitlines()) == 1
    assert "--baseline deep.sarif: cannot read the baseline" in completed.stderr
    assert "internal error" not in completed.stderr


def test_baseline_with_byte_order_mark(project):
    text = (project / "baseline.sarif").read_text(encoding="utf-8")
    (project / "bom.sarif").write_text("\ufeff" + text, encoding="utf-8")

    completed = run_cli("request.yaml", "--baseline", "bom.sarif", "--output-format", "json", cwd=project)

    assert completed.returncode == 0, completed.stderr
    assert baseline_summary(completed) == {"new": 0, "unchanged": 3, "updated": 0, "absent": 0}


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_device_baseline_rejected(project):
    completed = run_cli("request.yaml", "--baseline", "/dev/zero", cwd=project)

    assert completed.returncode == 2
    assert len(completed.stderr.splitlines()) == 1
    assert "--baseline /dev/zero: not a regular file; give a SARIF file written by --write-baseline" in completed.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_baseline_rejected(project):
    # Opening a named pipe would wait for a writer: the check must come before the open.
    os.mkfifo(project / "pipe.sarif")

    completed = run_cli("request.yaml", "--baseline", "pipe.sarif", cwd=project)

    assert completed.returncode == 2
    assert "--baseline pipe.sarif: not a regular file" in completed.stderr


def test_oversized_baseline_rejected(project):
    # A sparse file: its size is past the limit, but it takes no space on the disk.
    with open(project / "huge.sarif", "wb") as stream:
        stream.truncate(256 * 1024 * 1024 + 1)

    completed = run_cli("request.yaml", "--baseline", "huge.sarif", cwd=project)

    assert completed.returncode == 2
    assert len(completed.stderr.splitlines()) == 1
    assert "--baseline huge.sarif: larger than 256 MiB" in completed.stderr


def test_nested_repository_copy_is_new(tmp_path):
    # s1 is a submodule and s2 a vendored clone: both are repositories inside the checkout.
    checkout = tmp_path / "checkout"
    (checkout / ".git").mkdir(parents=True)
    (checkout / "s1").mkdir()
    (checkout / "s1" / ".git").write_text("gitdir: ../.git/modules/s1\n", encoding="utf-8")
    (checkout / "s2" / ".git").mkdir(parents=True)
    (checkout / "s1" / "request.yaml").write_text(REQUEST, encoding="utf-8")
    run_cli(".", "--write-baseline", "baseline.sarif", cwd=checkout)
    (checkout / "s2" / "request.yaml").write_text(REQUEST, encoding="utf-8")

    completed = run_cli(".", "--baseline", "baseline.sarif", "--output-format", "json", cwd=checkout)

    assert baseline_summary(completed) == {"new": 3, "unchanged": 3, "updated": 0, "absent": 0}
    assert completed.returncode == 1
    states = {(finding["path"], finding["baseline_state"]) for finding in json.loads(completed.stdout)["findings"]}
    assert states == {("s1/request.yaml", "unchanged"), ("s2/request.yaml", "new")}


def apply_to_findings(findings: list, baseline_entries: list) -> tuple[list[str], int]:
    """Apply a baseline whose results all share the first finding's key; return the states and the absent count."""
    key = (findings[0].rule_id, findings[0].fingerprint)
    result = LintResult(findings=findings, checked_paths=[findings[0].path])

    apply_baseline(result, {key: baseline_entries})

    return [finding.baseline_state for finding in result.findings], result.absent_count


def file_finding(make_finding, **fields):
    """Build a finding whose fingerprint starts with its file's hash, as the engine's do, so it can have absent results."""
    fingerprint = file_fingerprint(project_path("association.json"))
    return make_finding(path="association.json", fingerprint=fingerprint.ljust(32, "0"), **fields)


def test_baseline_result_matches_one_finding(make_finding):
    finding = file_finding(make_finding)
    entry = BaselineEntry(message=finding.message, level=finding.level)

    assert apply_to_findings([finding, finding], [entry]) == (["unchanged", "new"], 0)


def test_each_baseline_result_matches_once(make_finding):
    finding = file_finding(make_finding)
    entry = BaselineEntry(message=finding.message, level=finding.level)

    assert apply_to_findings([finding, finding], [entry, entry]) == (["unchanged", "unchanged"], 0)
    assert apply_to_findings([finding], [entry, entry]) == (["unchanged"], 1)


def test_unchanged_result_preferred_over_updated(make_finding):
    # The second finding's own result is listed first: it must not take the first finding's place.
    first = file_finding(make_finding, level="warning")
    second = file_finding(make_finding, level="error")
    entries = [BaselineEntry(message=second.message, level="error"), BaselineEntry(message=first.message, level="warning")]

    assert apply_to_findings([first, second], entries) == (["unchanged", "unchanged"], 0)


def test_duplicate_results_loaded(project):
    log = json.loads((project / "baseline.sarif").read_text(encoding="utf-8"))
    results = log["runs"][0]["results"]
    results.append(dict(results[0]))
    (project / "twice.sarif").write_text(json.dumps(log), encoding="utf-8")

    completed = run_cli("request.yaml", "--baseline", "twice.sarif", "--output-format", "json", cwd=project)

    assert baseline_summary(completed) == {"new": 0, "unchanged": 3, "updated": 0, "absent": 1}
