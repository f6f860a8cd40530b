"""The command line as users run it: exit statuses, messages and the files it never writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CRML_LINT

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
INPUTS = Path(__file__).resolve().parent / "inputs"


def run_cli(*arguments, stdin=None, cwd=None):
    return subprocess.run(
        [*CRML_LINT, *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_clean_example_exits_zero():
    completed = run_cli("check", str(EXAMPLES / "clean-association.yaml"))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "No findings" in completed.stdout


def test_mistakes_example_exits_one_with_findings():
    completed = run_cli("check", str(EXAMPLES / "typical-mistakes.json"))
    assert completed.returncode == 1
    reported = {line.split()[1] for line in completed.stdout.splitlines() if ": CRML" in line}
    assert {"CRML002", "CRML104", "CRML107", "CRML201", "CRML203", "CRML301", "CRML302", "CRML404"} <= reported


def test_finding_line_format():
    completed = run_cli("check", str(EXAMPLES / "typical-mistakes.json"))
    first = completed.stdout.splitlines()[0]
    path, line, column, rest = first.split(":", 3)
    assert path.endswith("typical-mistakes.json")
    assert int(line) >= 1 and int(column) >= 1
    assert rest.startswith(" CRML")


def test_skeleton_exits_one():
    completed = run_cli("check", str(INPUTS / "cli-skeleton.json"))
    assert completed.returncode == 1
    assert "CRML105" in completed.stdout


def test_missing_path_still_reports_others(tmp_path):
    completed = run_cli("check", str(EXAMPLES / "typical-mistakes.json"), str(tmp_path / "absent.json"))
    assert completed.returncode == 2
    assert "CRML203" in completed.stdout
    assert "absent.json: no such file or folder" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_no_association_says_so_and_exits_zero(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "web", "description": "not an association"}')
    (tmp_path / "broken.yaml").write_text("key: [unclosed\n")
    completed = run_cli("check", str(tmp_path))
    assert completed.returncode == 0
    assert completed.stdout.strip().startswith("No findings")
    assert "no association found" in completed.stderr


def test_unparsable_association_is_reported(tmp_path):
    broken = tmp_path / "request.json"
    broken.write_text('{\n  "membershipIdentifier": "x",\n}\n')
    completed = run_cli("check", str(broken))
    assert completed.returncode == 1
    assert "request.json:2:30: CRML001" in completed.stdout  # at the trailing comma


def test_stdin_with_filename():
    text = (EXAMPLES / "typical-mistakes.json").read_text()
    completed = run_cli("check", "-", "--stdin-filename", "from-stdin.json", stdin=text)
    assert completed.returncode == 1
    assert completed.stdout.startswith("from-stdin.json:")


def test_exit_zero_and_fail_on():
    mistakes = str(EXAMPLES / "typical-mistakes.json")
    assert run_cli("check", "--exit-zero", mistakes).returncode == 0
    assert run_cli("check", "--select", "CRML108", mistakes).returncode == 0


def test_select_and_ignore_filter_rules():
    mistakes = str(EXAMPLES / "typical-mistakes.json")
    selected = run_cli("check", "--select", "CRML2", mistakes).stdout
    assert "CRML203" in selected and "CRML104" not in selected
    ignored = run_cli("check", "--ignore", "CRML203,CRML1", mistakes).stdout
    assert "CRML203" not in ignored and "CRML104" not in ignored and "CRML201" in ignored


def test_severity_override_changes_exit(tmp_path):
    mistakes = str(EXAMPLES / "typical-mistakes.json")
    args = ["check", "--select", "CRML203", "--severity", "CRML203=warning", mistakes]
    assert run_cli(*args).returncode == 0
    assert run_cli(*args, "--fail-on", "warning").returncode == 1


def test_bad_severity_is_usage_error():
    completed = run_cli("check", "--severity", "CRML203=fatal", str(EXAMPLES))
    assert completed.returncode == 2
    assert "--severity" in completed.stderr


def test_output_file_never_overwrites_input(tmp_path):
    target = tmp_path / "request.json"
    shutil.copy(EXAMPLES / "typical-mistakes.json", target)
    before = target.read_bytes()
    completed = run_cli("check", str(target), "--output-file", str(target))
    assert completed.returncode == 2
    assert target.read_bytes() == before


def test_linting_leaves_files_unchanged(tmp_path):
    for example in EXAMPLES.iterdir():
        shutil.copy(example, tmp_path / example.name)
    before = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in tmp_path.iterdir()}
    run_cli("check", str(tmp_path), "--output-format", "sarif")
    after = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in tmp_path.iterdir()}
    assert after == before


def test_json_output_to_file(tmp_path):
    report = tmp_path / "report.json"
    completed = run_cli("check", str(EXAMPLES / "typical-mistakes.json"), "--output-format", "json", "-o", str(report))
    assert completed.returncode == 1
    assert completed.stdout == ""
    data = json.loads(report.read_text())
    assert {finding["rule_id"] for finding in data["findings"]} >= {"CRML203", "CRML404"}


def test_rules_and_rule_commands():
    listing = run_cli("rules")
    assert listing.returncode == 0
    assert "CRML201" in listing.stdout and "custom-redaction-without-identifiers" in listing.stdout
    documentation = run_cli("rule", "crml201")
    assert documentation.returncode == 0
    assert "## Failing example" in documentation.stdout
    unknown = run_cli("rule", "CRML999")
    assert unknown.returncode == 2
    assert "unknown rule" in unknown.stderr


def test_version():
    completed = run_cli("--version")
    assert completed.returncode == 0
    assert completed.stdout.startswith("crml-lint ")


def test_directory_walk_skips_hidden_and_excluded(tmp_path):
    mistakes = (EXAMPLES / "typical-mistakes.json").read_text()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "request.json").write_text(mistakes)
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "request.json").write_text(mistakes)
    (tmp_path / "request.json").write_text(mistakes)
    completed = run_cli("check", str(tmp_path), "--exclude", "fixtures")
    paths = {line.split(":")[0] for line in completed.stdout.splitlines() if ": CRML" in line}
    assert paths == {str(tmp_path / "request.json")}


def test_force_exclude_applies_to_named_files(tmp_path):
    target = tmp_path / "request.json"
    shutil.copy(EXAMPLES / "typical-mistakes.json", target)
    assert run_cli("check", str(target), "--exclude", "request.json").returncode == 1
    assert run_cli("check", str(target), "--exclude", "request.json", "--force-exclude").returncode == 0


def test_deeply_nested_pattern_is_a_finding(tmp_path):
    request = tmp_path / "request.json"
    text = (EXAMPLES / "typical-mistakes.json").read_text().replace('"(ERROR|FATAL"', '"' + "(" * 1000 + '"')
    request.write_text(text)
    completed = run_cli("check", str(request), str(EXAMPLES / "clean-association.yaml"))
    assert completed.returncode == 1, completed.stderr
    assert "nest too deeply" in completed.stdout
    assert "Traceback" not in completed.stderr


def test_file_name_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path)
    target = os.path.join(folder, b"bad\xff.json")
    with open(target, "wb") as stream:
        stream.write((EXAMPLES / "typical-mistakes.json").read_bytes())
    for output_format in ("text", "json", "sarif"):
        completed = run_cli("check", str(tmp_path), "--output-format", output_format)
        assert completed.returncode == 1, completed.stderr
        assert "CRML203" in completed.stdout


def test_carriage_return_line_ends(tmp_path):
    request = tmp_path / "request.json"
    request.write_bytes((EXAMPLES / "typical-mistakes.json").read_bytes().replace(b"\n", b"\r"))
    completed = run_cli("check", str(request))
    assert "request.json:2:29: CRML107" in completed.stdout
    assert "request.json:10:47: CRML107" in completed.stdout


def test_fifo_in_folder_is_skipped(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    shutil.copy(EXAMPLES / "typical-mistakes.json", tmp_path / "request.json")
    completed = subprocess.run(
        [*CRML_LINT, "check", "--verbose", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode == 1
    assert "pipe.json: not a regular file" in completed.stderr


def test_device_named_explicitly_is_an_error():
    completed = subprocess.run(
        [*CRML_LINT, "check", "/dev/zero", str(EXAMPLES / "typical-mistakes.json")],
        capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode == 2
    assert "/dev/zero: cannot be read: not a regular file" in completed.stderr
    assert "CRML203" in completed.stdout


def test_closed_pipe_is_not_an_error():
    command = f"{sys.executable} -m crml_lint check {EXAMPLES} | head -c 10 > /dev/null; exit ${{PIPESTATUS[0]}}"
    completed = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    assert completed.returncode == 1
    assert "BrokenPipe" not in completed.stderr


@pytest.mark.parametrize("option", [["--select", "CRLM1"], ["--ignore", "CRML999"], ["--severity", "CRML999=error"]])
def test_unknown_rule_selector_is_usage_error(option):
    completed = run_cli("check", *option, str(EXAMPLES))
    assert completed.returncode == 2
    assert "crml-lint rules" in completed.stderr


def test_output_file_hard_link_to_input(tmp_path):
    target = tmp_path / "request.json"
    shutil.copy(EXAMPLES / "typical-mistakes.json", target)
    os.link(target, tmp_path / "report.txt")
    before = target.read_bytes()
    completed = run_cli("check", str(target), "-o", str(tmp_path / "report.txt"))
    assert completed.returncode == 2
    assert target.read_bytes() == before


def test_utf16_without_bom_is_reported(tmp_path):
    request = tmp_path / "request.json"
    request.write_bytes((EXAMPLES / "typical-mistakes.json").read_text().encode("utf-16-le"))
    completed = run_cli("check", str(request))
    assert completed.returncode == 1
    assert "CRML001" in completed.stdout
    assert "UTF-16" in completed.stdout


def test_failing_rule_keeps_other_findings(failing_rules_dir):
    mistakes = str(EXAMPLES / "typical-mistakes.json")
    arguments = ("check", "--rules-dir", str(failing_rules_dir), "--extend-select", "ACME", mistakes)

    completed = run_cli(*arguments)
    assert completed.returncode == 2
    assert "CRML203" in completed.stdout
    assert "rule ACME900 (always-fails) failed" in completed.stderr
    assert "Traceback" not in completed.stderr

    sarif = json.loads(run_cli(*arguments, "--output-format", "sarif").stdout)
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "ACME900" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    assert sarif["runs"][0]["results"]

    verbose = run_cli(*arguments, "--verbose")
    assert "RuntimeError: broken on purpose" in verbose.stderr
    assert "Traceback" in verbose.stderr


@pytest.mark.parametrize("output_format", ["gitlab", "json", "sarif"])
def test_report_in_linted_folder_second_run(tmp_path, output_format):
    shutil.copy(EXAMPLES / "typical-mistakes.json", tmp_path / "request.json")
    arguments = ("check", "--output-format", output_format, "--output-file", f"report.{output_format}.json")

    first = run_cli(*arguments, cwd=tmp_path)
    first_report = (tmp_path / f"report.{output_format}.json").read_text()
    second = run_cli(*arguments, "--verbose", cwd=tmp_path)

    assert first.returncode == 1, first.stderr
    assert second.returncode == 1, second.stderr
    assert f"report.{output_format}.json: the --output-file of this run" in second.stderr
    # The earlier report was not linted, so the second report is the same as the first.
    assert (tmp_path / f"report.{output_format}.json").read_text() == first_report


def test_write_baseline_in_linted_folder_second_run(tmp_path):
    shutil.copy(EXAMPLES / "typical-mistakes.json", tmp_path / "request.json")

    first = run_cli("check", ".", "--write-baseline", "baseline.json", cwd=tmp_path)
    second = run_cli("check", ".", "--write-baseline", "baseline.json", cwd=tmp_path)

    assert first.returncode == 1, first.stderr
    assert second.returncode == 1, second.stderr
    assert "baseline.json" not in second.stdout


def test_report_named_as_input_is_rejected(tmp_path):
    shutil.copy(EXAMPLES / "typical-mistakes.json", tmp_path / "request.json")
    before = (tmp_path / "request.json").read_bytes()

    completed = run_cli("check", ".", "./request.json", "--write-baseline", "request.json", cwd=tmp_path)

    assert completed.returncode == 2
    assert "--write-baseline request.json is one of the files being linted" in completed.stderr
    assert (tmp_path / "request.json").read_bytes() == before


@pytest.mark.parametrize("baseline_spelling", ["same.sarif", "./same.sarif", "sub/../same.sarif", "{tmp}/same.sarif"])
@pytest.mark.parametrize("exists", [False, True])
def test_write_baseline_and_output_file_same(tmp_path, baseline_spelling, exists):
    (tmp_path / "sub").mkdir()
    if exists:
        (tmp_path / "same.sarif").write_text("earlier report\n")
    mistakes = str(EXAMPLES / "typical-mistakes.json")

    completed = run_cli("check", mistakes, "--write-baseline", baseline_spelling.format(tmp=tmp_path),
                        "-o", "same.sarif", "--output-format", "json", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1
    assert "name the same file" in completed.stderr
    assert (tmp_path / "same.sarif").exists() is exists


def test_write_baseline_and_output_file_differ(tmp_path):
    mistakes = str(EXAMPLES / "typical-mistakes.json")

    completed = run_cli("check", mistakes, "--write-baseline", "baseline.sarif", "-o", "report.json",
                        "--output-format", "json", cwd=tmp_path)

    assert completed.returncode == 1, completed.stderr
    assert json.loads((tmp_path / "report.json").read_text())["findings"]
    assert json.loads((tmp_path / "baseline.sarif").read_text())["version"] == "2.1.0"


@pytest.mark.parametrize("spelling", ["request.json", "./request.json"])
def test_stdin_filename_as_output_file(tmp_path, spelling):
    target = tmp_path / "request.json"
    shutil.copy(EXAMPLES / "typical-mistakes.json", target)
    before = target.read_bytes()

    completed = run_cli("check", "-", "--stdin-filename", "request.json", "-o", spelling,
                        stdin=before.decode("utf-8"), cwd=tmp_path)

    assert completed.returncode == 2
    assert "--stdin-filename" in completed.stderr
    assert target.read_bytes() == before


def test_schema_command_prints_shipped_schema(tmp_path):
    completed = run_cli("schema", cwd=tmp_path)

    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == json.loads((ROOT / "schemas" / "association.schema.json").read_text(encoding="utf-8"))
    assert completed.stdout.endswith("}\n")


def test_schema_command_skips_jsonschema():
    # Printing a file must stay as quick as `--version`: no validator is needed.
    script = (
        "import sys\n"
        "from crml_lint.cli import main\n"
        "try:\n"
        "    main(['schema'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(repr(sorted(name for name in sys.modules if name.startswith(('jsonschema', 'yaml', 'regex')))))\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)

    assert completed.returncode == 0
    assert completed.stderr == "[]"


def test_long_report_reaches_pipe_whole(tmp_path):
    # The process ends without Python's teardown, so everything written must be flushed
    # first: a report far larger than a pipe's buffer arrives complete.
    request = json.loads((EXAMPLES / "typical-mistakes.json").read_text(encoding="utf-8"))
    request["tags"] = {f"aws:team{number}": "x" for number in range(400)}
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request), encoding="utf-8")

    completed = run_cli("check", str(path), "--output-format", "json")

    assert completed.returncode == 1, completed.stderr
    findings = json.loads(completed.stdout)["findings"]
    assert sum(1 for finding in findings if finding["rule_id"] == "CRML404") == 400


# Plugin modules whose work outlives the run: the process must not end before it is done.
LATE_PLUGINS = {
    "exit handler": (
        "import atexit, sys\n"
        'atexit.register(lambda: sys.stderr.write("late work done\\n"))\n'
    ),
    "thread": (
        "import sys, threading, time\n"
        "def _late():\n    time.sleep(0.3)\n    sys.stderr.write('late work done\\n')\n    sys.stderr.flush()\n"
        "threading.Thread(target=_late).start()\n"
    ),
}


@pytest.mark.parametrize("kind", sorted(LATE_PLUGINS))
def test_late_work_of_plugins_finishes(tmp_path, kind):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "acme001_late_work.py").write_text(
        f'"""Does work after the run ends: a {kind}."""\n'
        + LATE_PLUGINS[kind]
        + 'ID = "ACME001"\nNAME = "late-work"\nLEVEL = "note"\nSUMMARY = "Finds nothing."\n'
        + "def check(association, options):\n    return []\n",
        encoding="utf-8",
    )

    completed = run_cli("check", "--rules-dir", str(rules), str(EXAMPLES / "clean-association.yaml"))

    assert completed.returncode == 0, completed.stderr
    assert "late work done" in completed.stderr


@pytest.mark.skipif(os.name != "posix", reason="closes a file descriptor before the process starts")
def test_closed_stdout_is_one_line_error():
    completed = subprocess.run(
        [*CRML_LINT, "check", str(EXAMPLES / "typical-mistakes.json")],
        stderr=subprocess.PIPE,
        text=True,
        # Start the process with file descriptor 1 closed, as `>&-` does in a shell.
        preexec_fn=lambda: os.close(1),
    )

    assert completed.returncode == 2
    assert completed.stderr == "crml-lint: error: cannot write the report: standard output is closed; use --output-file\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full, a device whose writes fail as on a full disk")
def test_full_disk_behind_stdout_is_one_line_error():
    with open("/dev/full", "w") as full:
        completed = subprocess.run(
            [*CRML_LINT, "check", str(EXAMPLES / "typical-mistakes.json")],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )

    assert completed.returncode == 2
    assert completed.stderr == "crml-lint: error: cannot write the report to standard output: No space left on device\n"


@pytest.mark.skipif(os.name != "posix", reason="closes a file descriptor before the process starts")
@pytest.mark.parametrize("descriptor", [1, 2])
def test_closed_stream_keeps_exit_status(tmp_path, descriptor):
    # With -o the report does not need stdout, and a closed stderr only loses messages.
    report = tmp_path / "report.txt"
    completed = subprocess.run(
        [*CRML_LINT, "check", str(EXAMPLES / "clean-association.yaml"), "-o", str(report)],
        capture_output=False, stdout=subprocess.DEVNULL if descriptor == 2 else None,
        preexec_fn=lambda: os.close(descriptor),
    )

    assert completed.returncode == 0
    assert report.read_text(encoding="utf-8").startswith("No findings")


@pytest.mark.skipif(os.name != "posix", reason="closes a file descriptor before the process starts")
@pytest.mark.parametrize("command", [["rules"], ["rule", "CRML201"], ["schema"]])
def test_printing_commands_reject_closed_stdout(command):
    completed = subprocess.run(
        [*CRML_LINT, *command], stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(1)
    )

    assert completed.returncode == 2
    assert completed.stderr == "crml-lint: error: cannot write to standard output: it is closed\n"


@pytest.mark.parametrize("command", [["rules"], ["rule", "CRML201"], ["schema"]])
def test_printing_commands_accept_early_reader_exit(command):
    # `crml-lint rules | head -1`: the reader stops after one line, which is no error.
    process = subprocess.Popen([*CRML_LINT, *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)

    assert process.returncode == 0, stderr
    assert stderr == ""


@pytest.mark.skipif(os.name != "posix", reason="closes a file descriptor before the process starts")
def test_closed_stdin_is_one_line_error():
    completed = subprocess.run(
        [*CRML_LINT, "check", "-"], capture_output=True, text=True, preexec_fn=lambda: os.close(0)
    )

    assert completed.returncode == 2
    assert completed.stderr == "crml-lint: error: -: cannot read standard input: it is closed\n"


def test_error_lines_escape_control_characters(tmp_path):
    completed = run_cli("check", str(tmp_path / "nope\x1b]0;title\x07.json"))

    assert completed.returncode == 2
    assert "\x1b" not in completed.stderr
    assert "nope\\x1b]0;title\\x07.json: no such file or folder" in completed.stderr
    # The error explains why nothing was checked, so no second line reports that there was nothing to check.
    assert "no association found" not in completed.stderr


def test_walked_report_file_holding_association_is_rejected(tmp_path):
    request = tmp_path / "request.yaml"
    request.write_bytes((EXAMPLES / "clean-association.yaml").read_bytes())

    completed = run_cli("check", ".", "-o", "request.yaml", cwd=tmp_path)

    assert completed.returncode == 2
    assert "--output-file request.yaml is one of the files being linted" in completed.stderr
    assert request.read_bytes() == (EXAMPLES / "clean-association.yaml").read_bytes()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full, a device whose writes fail as on a full disk")
@pytest.mark.parametrize("command", [["rules"], ["rule", "CRML201"], ["schema"], ["--version"], ["--help"]])
def test_printing_commands_report_full_disk(command):
    with open("/dev/full", "w") as full:
        completed = subprocess.run([*CRML_LINT, *command], stdout=full, stderr=subprocess.PIPE, text=True)

    assert completed.returncode == 2
    assert completed.stderr == "crml-lint: error: cannot write to standard output: No space left on device\n"


def test_stderr_reader_gone_keeps_exit_status(tmp_path):
    # `crml-lint check ... 2>&1 >/dev/null | head -1`: the messages after the first are lost,
    # but the exit status still reports that a path is missing.
    process = subprocess.Popen(
        [*CRML_LINT, "check", "-v", str(tmp_path / "a.json"), str(tmp_path / "b.json"), str(EXAMPLES)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    process.stderr.close()

    assert process.wait(timeout=60) == 2
