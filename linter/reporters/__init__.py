"""Reporters: write a run's findings in the format the user chose.

Each format lives in its own module with one `write(result, stream, *, color, quiet)`
function. `write_report` imports only the module of the chosen format, so a run that
writes text never loads the code of the other formats.

The text, github, gitlab and junit reports and `--statistics` show what needs attention,
so they leave out accepted findings (see `is_accepted`). The json and SARIF reports keep
every finding with its suppression and baseline state.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..finding import Finding
    from ..result import LintResult

ACCEPTED_BASELINE_STATES = ("unchanged", "updated")
"""Baseline states of findings that the earlier report already contained, so they pass."""

REPORT_FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")
"""The formats `write_report` accepts; the first is the default of the command line."""


def write_report(result: "LintResult", output_format: str, stream: TextIO, *, color: bool = False, quiet: bool = False) -> None:
    """Write `result` to `stream` in `output_format`.

    `color` and `quiet` apply to the text format only: machine-readable formats always
    carry every finding and never contain ANSI escape sequences. Raise ValueError for a
    format not in REPORT_FORMATS.
    """
    if output_format not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {output_format!r}; expected one of {', '.join(REPORT_FORMATS)}")

    reporter = importlib.import_module(f"{__name__}.{output_format}")
    reporter.write(result, stream, color=color, quiet=quiet)


def is_accepted(finding: "Finding") -> bool:
    """Return whether the user accepted `finding`, so that it does not fail the run.

    A finding is accepted when it is suppressed, or when `--baseline` found it in the
    earlier report (its state is `unchanged` or `updated`).
    """
    return finding.suppression is not None or finding.baseline_state in ACCEPTED_BASELINE_STATES
