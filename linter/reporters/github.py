"""The GitHub report: one workflow command per finding, so GitHub Actions annotates the diff.

Each finding becomes one line that the Actions runner reads from a step's output:

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULEID rule-name::message

`error`, `warning` and `note` findings use the `error`, `warning` and `notice` commands.
Lines and columns start at 1 and count Unicode code points, as the text report does.
`endColumn` is the column just after the finding, the exclusive end that the JSON report
also gives. A finding over several lines gets no `col` and `endColumn`, because
`@actions/core` documents that columns cannot be sent when `line` and `endLine` differ
(`AnnotationProperties`).

`file` is the path from the repository root, the root that fingerprints use (see
`project_root`). The runner passes a relative `file` on unchanged, as a path in the
repository (actions/runner, `IssueCommandExtension`), so a path from the working folder
would name the wrong file in a job that runs in a subfolder. A file outside any repository
keeps the report's path.

The runner splits a command at `::`, its properties at `,` and `=`, and its lines at line
ends, so the report percent-encodes `%`, CR and LF in the message, and also `:` and `,`
in property values. A message with several lines therefore stays one annotation.
Suppressed findings and, with `--baseline`, findings that the baseline already contains
are left out, because they do not fail the run. No summary line is written: the runner would
print it as plain log text, and the job's exit status already shows whether the gate failed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, TextIO

from ..project_root import project_path
from . import is_accepted

if TYPE_CHECKING:
    from ..finding import Finding
    from ..result import LintResult

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}
"""The workflow command for each finding level."""


def write(result: "LintResult", stream: TextIO, *, color: bool = False, quiet: bool = False) -> None:
    """Write one workflow command per finding. `color` and `quiet` do not apply to it."""
    encoding = getattr(stream, "encoding", None)
    for finding in result.findings:
        # An accepted finding (suppressed or in the baseline) is already known, so annotating the diff with it is noise.
        if is_accepted(finding):
            continue
        line = format_command(finding, project_path(finding.path, result.root or None))
        if encoding:
            # A lone surrogate (a file name that is not valid UTF-8) or a character the
            # stream cannot encode would raise UnicodeEncodeError halfway through the report.
            line = line.encode(encoding, "backslashreplace").decode(encoding)
        stream.write(line + "\n")


def format_command(finding: "Finding", path: Optional[str] = None) -> str:
    """Format one finding as an `::error`, `::warning` or `::notice` workflow command.

    `path` is the value of `file`. Without it, the finding's own path is written.
    """
    span = finding.span
    title = f"{finding.rule_id} {finding.rule_name}".strip()
    one_line = span.start_line == span.end_line
    properties = [
        ("file", finding.path if path is None else path),
        ("line", str(span.start_line)),
        ("col", str(span.start_column) if one_line else None),
        ("endLine", str(span.end_line)),
        ("endColumn", str(span.end_column) if one_line else None),
        ("title", title),
    ]
    encoded = ",".join(f"{name}={escape_property(value)}" for name, value in properties if value is not None)

    message = finding.message
    if finding.resource:
        message = f"[{finding.resource}] {message}"
    return f"::{COMMANDS.get(finding.level, 'warning')} {encoded}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Percent-encode the characters that would end a command's message: `%`, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Percent-encode a property value: as `escape_data`, and also `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
