"""The text report: one line per finding, then a one-line summary.

Each finding is written as

    path:line:column: RULEID message
    path:line:column: RULEID [LogicalId] message

where the second form is used when the association is a CloudFormation resource, so that
a finding in a template with several associations names the resource it belongs to.
Lines and columns start at 1 and count Unicode code points. Editors and CI log parsers
that understand `file:line:column: text` (vim's errorformat, VS Code problem matchers)
read these lines as they are.

The summary follows the findings:

    Found 3 findings (2 errors, 1 warning) in 2 files.
    No findings in 4 files (5 associations).

"in N files" counts the files that have findings when there are findings, and the files
checked when there are none. `quiet` leaves the summary out.

Suppressed findings (by a `# crml-lint: disable` comment, a template's Metadata entry or
the configuration's per-file ignores) are not written, and the summary counts them apart:

    Found 1 finding (1 error) in 1 file, 2 suppressed.
    No findings in 4 files (5 associations), 2 suppressed.

With `--baseline`, findings that the baseline already contains (`unchanged` or `updated`)
pass, so only `new` findings are written and counted in "Found N findings". The summary
ends with the comparison, counting the unsuppressed findings by state and the baseline
results that no finding matched:

    Found 1 finding (1 error) in 1 file; baseline: 1 new, 2 unchanged, 0 updated, 1 absent.
    No new findings in 1 file (1 association); baseline: 0 new, 9 unchanged, 0 updated, 0 absent.

Control characters, line and paragraph separators and bidirectional formatting characters
in paths, rule IDs, resources and messages are written as escapes such as `\\x1b` or `\\u202e`. A file name or a
tag value taken from an untrusted repository therefore cannot split a finding over two
lines, send escape sequences to the terminal, or reorder what the reader sees.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from . import is_accepted

if TYPE_CHECKING:
    from ..finding import Finding
    from ..result import LintResult

_UNSAFE_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_LEVEL_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "note": "\x1b[1;36m"}


def write(result: "LintResult", stream: TextIO, *, color: bool = False, quiet: bool = False) -> None:
    """Write one line per finding that is not accepted, in the order given, then the summary unless `quiet` is set."""
    for finding in result.findings:
        if is_accepted(finding):
            continue
        _write_line(stream, format_finding(finding, color=color))

    if not quiet:
        _write_line(stream, format_summary(result))


def format_finding(finding: "Finding", *, color: bool = False) -> str:
    """Format one finding as `path:line:column: RULEID [LogicalId] message`."""
    location = f"{escape_unsafe(finding.path)}:{finding.span.start_line}:{finding.span.start_column}:"
    rule_id = escape_unsafe(finding.rule_id)
    if color:
        location = f"{_BOLD}{location}{_RESET}"
        rule_id = f"{_LEVEL_COLORS.get(finding.level, _BOLD)}{rule_id}{_RESET}"

    resource = f" [{escape_unsafe(finding.resource)}]" if finding.resource else ""
    return f"{location} {rule_id}{resource} {escape_unsafe(finding.message)}"


def format_summary(result: "LintResult") -> str:
    """Count the written findings by level, as in `Found 3 findings (2 errors, 1 warning) in 2 files.`"""
    unsuppressed = [finding for finding in result.findings if finding.suppression is None]
    findings = [finding for finding in unsuppressed if not is_accepted(finding)]
    suppressed = len(result.findings) - len(unsuppressed)
    suppressed_count = f", {suppressed} suppressed" if suppressed else ""
    baseline_counts = _baseline_counts(result, unsuppressed)
    if not findings:
        files = _count(result.files_checked, "file")
        associations = _count(result.associations, "association")
        # With a baseline, known findings may remain: "No findings" would deny them.
        nothing = "No new findings" if result.absent_count is not None else "No findings"
        return f"{nothing} in {files} ({associations}){suppressed_count}{baseline_counts}."

    by_level = []
    for level, noun in (("error", "error"), ("warning", "warning"), ("note", "note")):
        number = sum(1 for finding in findings if finding.level == level)
        if number:
            by_level.append(_count(number, noun))

    counts = f" ({', '.join(by_level)})" if by_level else ""
    files_with_findings = len({finding.path for finding in findings})
    return (
        f"Found {_count(len(findings), 'finding')}{counts} in {_count(files_with_findings, 'file')}"
        f"{suppressed_count}{baseline_counts}."
    )


def _baseline_counts(result: "LintResult", findings: "list[Finding]") -> str:
    if result.absent_count is None:
        return ""

    counts = [f"{sum(1 for finding in findings if finding.baseline_state == state)} {state}" for state in ("new", "unchanged", "updated")]
    return f"; baseline: {', '.join(counts)}, {result.absent_count} absent"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def escape_unsafe(text: str) -> str:
    """Write control, separator and bidirectional formatting characters as escapes such as `\\x1b`."""
    return _UNSAFE_CHARACTERS.sub(_escape_character, text)


def _escape_character(match: "re.Match[str]") -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _write_line(stream: TextIO, line: str) -> None:
    # A console whose encoding cannot represent a character (emoji on a cp1252 console) or
    # a lone surrogate from a file name that is not valid UTF-8 would otherwise raise
    # UnicodeEncodeError halfway through the report. Such characters are written as escapes.
    encoding = getattr(stream, "encoding", None)
    if encoding:
        line = line.encode(encoding, "backslashreplace").decode(encoding)
    stream.write(line + "\n")
