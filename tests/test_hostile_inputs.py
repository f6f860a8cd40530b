"""Hostile inputs on the command line: files over the size cap, FIFOs and endless standard input.

Each ends in a finding where the input is at fault, or in one line and exit status 2 where
crml-lint cannot read it, and never in a hang or a traceback.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from crml_lint.source import MAX_FILE_BYTES
from conftest import CRML_LINT

HEAD = b'{"membershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f",\n"description": "'
"""The start of a request whose description makes it larger than the cap."""


def run_cli(*arguments, stdin=None, cwd=None, timeout=60):
    return subprocess.run(
        [*CRML_LINT, *arguments],
        stdin=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=timeout,
    )


def _oversized_request() -> bytes:
    return HEAD + b"a" * MAX_FILE_BYTES + b'"}\n'


def _finding_lines(completed: subprocess.CompletedProcess) -> list[str]:
    return [line for line in completed.stdout.splitlines() if ": CRML" in line]


def test_named_file_over_cap_is_one_finding(tmp_path):
    (tmp_path / "huge.json").write_bytes(_oversized_request())

    completed = run_cli("check", "huge.json", cwd=tmp_path)

    assert completed.returncode == 1, completed.stderr
    assert _finding_lines(completed) == [
        (
            "huge.json:1:1: CRML001 the file is larger than 16 MiB, far more than any request or template needs "
            "(CloudFormation accepts templates of at most 1 MB), so it is not checked; exclude it if it holds no "
            "association"
        )
    ]


def test_walked_file_over_cap_is_one_finding(tmp_path):
    (tmp_path / "requests").mkdir()
    (tmp_path / "requests" / "huge.yaml").write_bytes(_oversized_request())

    completed = run_cli("check", "requests", cwd=tmp_path)

    findings = _finding_lines(completed)
    assert completed.returncode == 1, completed.stderr
    assert len(findings) == 1
    assert findings[0].startswith("requests/huge.yaml:1:1: CRML001 the file is larger than 16 MiB")


def test_stdin_over_cap_is_one_finding(tmp_path):
    (tmp_path / "huge.json").write_bytes(_oversized_request())

    with open(tmp_path / "huge.json", "rb") as stdin:
        completed = run_cli("check", "-", stdin=stdin)

    findings = _finding_lines(completed)
    assert completed.returncode == 1, completed.stderr
    assert len(findings) == 1
    assert findings[0].startswith("<stdin>:1:1: CRML001 the file is larger than 16 MiB")


def test_association_past_cap_is_skipped(tmp_path):
    # The association field comes after the first 16 MiB, so the file is unrelated data.
    (tmp_path / "data.json").write_bytes(b'{"blob": "' + b"a" * MAX_FILE_BYTES + b'", "membershipIdentifier": "x"}')

    completed = run_cli("check", "--verbose", "data.json", cwd=tmp_path)

    assert completed.returncode == 0, completed.stderr
    assert _finding_lines(completed) == []
    [skipped] = [line for line in completed.stderr.splitlines() if line.startswith("skipped ")]
    assert skipped == "skipped data.json: larger than 16 MiB, with no association fields in its first 16 MiB"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero, an endless stream")
def test_endless_stdin_stops_at_cap():
    with open("/dev/zero", "rb") as stdin:
        # Reading all of an endless stream takes memory until it runs out, so fail sooner.
        completed = run_cli("check", "--verbose", "-", stdin=stdin, timeout=20)

    assert completed.returncode == 0, completed.stderr
    assert "skipped <stdin>: larger than 16 MiB" in completed.stderr


def test_named_fifo_is_an_error_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "request.json")

    # With nothing writing to the FIFO, a blocking open() would wait until the timeout.
    completed = run_cli("check", "request.json", cwd=tmp_path, timeout=20)

    assert completed.returncode == 2
    assert completed.stderr.strip() == "crml-lint: error: request.json: cannot be read: not a regular file"


def test_named_file_over_cap_without_marker_gets_note(tmp_path):
    # The association's fields come after the first 16 MiB, where crml-lint does not read.
    late = b'{"description": "' + b"a" * MAX_FILE_BYTES + b'", "membershipIdentifier": "x"}\n'
    (tmp_path / "late.json").write_bytes(late)
    (tmp_path / "walked").mkdir()
    (tmp_path / "walked" / "late.json").write_bytes(late)

    named = run_cli("check", "late.json", cwd=tmp_path)
    walked = run_cli("check", "walked", cwd=tmp_path)

    assert named.returncode == 0
    assert "crml-lint: note: late.json was not checked: it is larger than 16 MiB" in named.stderr
    assert walked.returncode == 0
    assert "note:" not in walked.stderr
