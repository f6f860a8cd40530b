"""Statistics: the number of findings per rule, which `check --statistics` prints instead of findings.

In text, one line per rule, the most frequent rule first and rules with equal counts by ID:

    12  CRML201  custom-redaction-without-identifiers
     3  CRML404  reserved-tag-prefix

In JSON, an array of `{"rule_id", "rule_name", "count"}` objects in the same order. Only
rules with at least one finding are listed, so a clean run prints nothing in text and
`[]` in JSON.

The counts cover the findings that the text report lists: suppressed findings and, with
`--baseline`, findings that the baseline already contains are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .finding import Finding

STATISTICS_FORMATS = ("text", "json")
"""The report formats that `--statistics` can be written in."""


@dataclass(frozen=True)
class RuleCount:
    """The number of findings of one rule."""

    rule_id: str
    rule_name: str
    count: int


def count_by_rule(findings: "list[Finding]") -> list[RuleCount]:
    """Count findings per rule ID, sorted by count (highest first) and then by ID."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for finding in findings:
        counts[finding.rule_id] = counts.get(finding.rule_id, 0) + 1
        names.setdefault(finding.rule_id, finding.rule_name)

    ordered = sorted(counts, key=lambda rule_id: (-counts[rule_id], rule_id))
    return [RuleCount(rule_id, names[rule_id], counts[rule_id]) for rule_id in ordered]


def write_statistics(findings: "list[Finding]", stream: TextIO, output_format: str = "text") -> None:
    """Write the counts per rule of the `findings` that are not accepted, as text or JSON.

    Raise ValueError for another format.
    """
    from .reporters import is_accepted

    if output_format not in STATISTICS_FORMATS:
        raise ValueError(f"--statistics writes {' or '.join(STATISTICS_FORMATS)}, not {output_format}")

    counts = count_by_rule([finding for finding in findings if not is_accepted(finding)])
    if output_format == "json":
        import json

        rows = [{"rule_id": row.rule_id, "rule_name": row.rule_name, "count": row.count} for row in counts]
        json.dump(rows, stream, indent=2, ensure_ascii=True)
        stream.write("\n")
        return

    count_width = max((len(str(row.count)) for row in counts), default=1)
    id_width = max((len(row.rule_id) for row in counts), default=1)
    for row in counts:
        stream.write(f"{row.count:>{count_width}}  {row.rule_id:<{id_width}}  {row.rule_name}".rstrip() + "\n")
