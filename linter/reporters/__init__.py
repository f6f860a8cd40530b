"""Reporters: write a run's findings in the format the user chose.

Each format lives in its own module with one `write(result, stream, *, color, quiet)`
function. `write_report` imports only the module of the chosen format, so a run that
writes text never loads the code of the other formats.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..result import LintResult

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
