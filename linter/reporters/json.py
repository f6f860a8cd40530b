"""The JSON report: one object with every finding and a summary, for scripts and other tools.

The shape is a public contract. Fields are only ever added to it, never renamed or removed:

    {
      "tool": "crml-lint",
      "version": "0.1.0",
      "findings": [
        {
          "rule_id": "CRML201",
          "rule_name": "custom-redaction-without-identifiers",
          "level": "error",
          "message": "...",
          "path": "templates/association.yaml",
          "line": 12, "column": 9, "end_line": 12, "end_column": 15,
          "field_path": "PrivacyConfiguration.Policies.TrainedModels.ContainerLogs[0]",
          "resource": "Association",
          "fix": null,
          "fingerprint": "5f0c..."
        }
      ],
      "summary": {"files": 2, "associations": 3, "errors": 1, "warnings": 0, "notes": 0}
    }

Finding fields:

- `rule_id`, `rule_name`: the rule's public ID and its name.
- `level`: `error`, `warning` or `note`, after the user's severity overrides.
- `message`: what is wrong and what would be right, in one or more sentences.
- `path`: the file as the run names it. A relative path starts from the run's root
  folder, the one that the SARIF report calls `%SRCROOT%`.
- `line`, `column`: where the finding starts. Both start at 1; columns count Unicode code
  points, as the text report does.
- `end_line`, `end_column`: where it ends. The end column is exclusive: it is the column
  just after the last character of the region.
- `field_path`: the field's path in the user's own key style, `""` when the finding
  concerns the whole file (an unparsable file, for example).
- `resource`: the CloudFormation logical ID of the association, or null for an API request.
- `fix`: a suggested replacement text, or null when the rule has none.
- `fingerprint`: a hash that stays the same when lines above the finding are edited; a
  baseline matches findings by it.
- `suppression`: present only on a suppressed finding, and says how the user suppressed it:
  `{"kind": "inSource", "justification": "reason", "line": 12, "column": 25}` for a
  `# crml-lint: disable` comment or a template resource's Metadata entry (where it is
  written), `{"kind": "external", "justification": "per-file-ignores in .crml-lint.yaml",
  "line": null, "column": null}` for the configuration's per-file ignores. The
  justification is "" when the user gave no reason.

Summary fields: `files` checked, `associations` found in them, the number of
unsuppressed findings of each level. When the run has suppressed findings, `suppressed`
counts them; reports of runs without suppressions keep their earlier shape. With
`--baseline`, `baseline` counts the unsuppressed findings by state and the baseline
results that no finding matched: `{"new": 1, "unchanged": 2, "updated": 0, "absent": 1}`,
and each finding has `baseline_state`: `new`, `unchanged` or `updated`. Findings keep the order of the run: by file, line and column.

The output is ASCII: other characters are written as `\\u` escapes, so the report is
valid whatever the encoding of the stream it is written to. This includes lone
surrogates, which Python uses for file-name bytes that are not valid UTF-8.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ..finding import Finding, Suppression
    from ..result import LintResult

TOOL_NAME = "crml-lint"


def write(result: "LintResult", stream: TextIO, *, color: bool = False, quiet: bool = False) -> None:
    """Write the report as one indented JSON object. `color` and `quiet` do not apply to it."""
    json.dump(build_report(result), stream, indent=2, ensure_ascii=True)
    stream.write("\n")


def build_report(result: "LintResult") -> dict[str, Any]:
    """Build the report object that `write` serialises."""
    from .. import __version__

    counted = [finding for finding in result.findings if finding.suppression is None]
    summary = {
        "files": result.files_checked,
        "associations": result.associations,
        "errors": sum(1 for finding in counted if finding.level == "error"),
        "warnings": sum(1 for finding in counted if finding.level == "warning"),
        "notes": sum(1 for finding in counted if finding.level == "note"),
    }
    if len(counted) < len(result.findings):
        summary["suppressed"] = len(result.findings) - len(counted)
    if result.absent_count is not None:
        summary["baseline"] = {
            state: sum(1 for finding in counted if finding.baseline_state == state) for state in ("new", "unchanged", "updated")
        }
        summary["baseline"]["absent"] = result.absent_count
    return {
        "tool": TOOL_NAME,
        "version": result.tool_version or __version__,
        "findings": [finding_to_dict(finding) for finding in result.findings],
        "summary": summary,
    }


def finding_to_dict(finding: "Finding") -> dict[str, Any]:
    """Turn one finding into the object described in the module documentation."""
    span = finding.span
    fields = {
        "rule_id": finding.rule_id,
        "rule_name": finding.rule_name,
        "level": finding.level,
        "message": finding.message,
        "path": finding.path,
        "line": span.start_line,
        "column": span.start_column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "field_path": finding.field_path,
        "resource": finding.resource,
        "fix": finding.fix,
        "fingerprint": finding.fingerprint,
    }
    if finding.suppression is not None:
        fields["suppression"] = _suppression_to_dict(finding.suppression)
    if finding.baseline_state is not None:
        fields["baseline_state"] = finding.baseline_state
    return fields


def _suppression_to_dict(suppression: "Suppression") -> dict[str, Any]:
    span = suppression.span
    return {
        "kind": suppression.kind,
        "justification": suppression.justification,
        "line": span.start_line if span else None,
        "column": span.start_column if span else None,
    }
