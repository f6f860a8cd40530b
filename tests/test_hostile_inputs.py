"""Hostile inputs on the command line: FIFOs.

Each ends in a finding where the input is at fault, or in one line and exit status 2 where
crml-lint cannot read it, and never in a hang or a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys


def run_cli(*arguments, stdin=None, cwd=None, timeout=60):
    return subprocess.run(
        [sys.executable, "-m", "crml_lint", *arguments],
        stdin=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=timeout,
    )


def test_named_fifo_is_an_error_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "request.json")

    # With nothing writing to the FIFO, a blocking open() would wait until the timeout.
    completed = run_cli("check", "request.json", cwd=tmp_path, timeout=20)

    assert completed.returncode == 2
    assert completed.stderr.strip() == "crml-lint: error: request.json: cannot be read: not a regular file"
