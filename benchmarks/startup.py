"""Measure crml-lint's start-up: one small file linted as a whole process.

Runs `crml-lint check FILE` once to warm the file system cache, then N more times, and
prints the median wall time in milliseconds. Also measures `python -c pass` with the same
interpreter in the same run, because on a busy machine only the ratio is comparable
between runs.

Usage: python benchmarks/startup.py [FILE] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(command: list[str], runs: int) -> list[float]:
    _run_checked(command)  # warm-up, not counted
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        _run_checked(command)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _run_checked(command: list[str]) -> None:
    # A run that failed (exit status 2) may have stopped early, so its time is meaningless.
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} exited with status {completed.returncode}: {completed.stderr.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "examples" / "clean-association.yaml"))
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()

    script = shutil.which("crml-lint", path=os.path.dirname(sys.executable)) or shutil.which("crml-lint")
    if script is None:
        sys.exit("crml-lint is not installed in this environment; run `pip install .` first")

    baseline = measure([sys.executable, "-c", "pass"], arguments.runs)
    lint = measure([script, "check", arguments.file], arguments.runs)
    print(f"python -c pass:           median {statistics.median(baseline):6.1f} ms over {arguments.runs} runs")
    print(f"crml-lint check (1 file): median {statistics.median(lint):6.1f} ms over {arguments.runs} runs")
    print(f"ratio crml-lint / python start-up: {statistics.median(lint) / statistics.median(baseline):.2f}")


if __name__ == "__main__":
    main()
