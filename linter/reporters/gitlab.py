"""The GitLab report: a Code Quality report, which GitLab shows in merge requests.

The report is a JSON array with one issue per finding:

    [
      {
        "type": "issue",
        "description": "CRML201 ...message...",
        "check_name": "CRML201",
        "fingerprint": "5f0c...",
        "severity": "major",
        "categories": ["Security"],
        "location": {
          "path": "templates/association.yaml",
          "lines": {"begin": 12, "end": 12},
          "positions": {"begin": {"line": 12, "column": 9}, "end": {"line": 12, "column": 15}}
        }
      }
    ]

Levels map to GitLab's severities as follows: `error` is `major`, `warning` is `minor` and
`note` is `info`. `critical` and `blocker` are not used, so that a team's own tools can
still rank above crml-lint's findings.

`location.path` is relative to the repository root, with `/` separators, because GitLab
matches it against the paths of the repository: a job that runs in a subfolder still
points at the right file. The root is the one that fingerprints use (see `project_root`),
so a submodule's file is named from the top-level repository when the job runs there.
A file outside any repository is named relative to the run's working folder, or
absolutely when it lies outside that folder. Standard input is named `stdin`, as in the
SARIF report.

`fingerprint` is the finding's fingerprint, which does not depend on line numbers, so
GitLab keeps an issue matched when lines are inserted above it. A finding of a plugin
rule that carries none gets a hash of its rule, path, region and message instead.
GitLab shows only one issue per fingerprint, so every fingerprint in a report is unique.

Suppressed findings and, with `--baseline`, findings that the baseline already contains
are left out: Code Quality has no notion of an accepted issue.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, TextIO

from ..project_root import repository_path
from . import is_accepted

if TYPE_CHECKING:
    from ..finding import Finding
    from ..result import LintResult

SEVERITIES = {"error": "major", "warning": "minor", "note": "info"}
"""GitLab Code Quality severity for each finding level."""

STDIN_PATH = "stdin"

# Rule groups whose findings decide what leaves the clean room. The SARIF report tags the
# same groups "security".
_SECURITY_GROUPS = ("CRML2", "CRML3", "CRML5")


def write(result: "LintResult", stream: TextIO, *, color: bool = False, quiet: bool = False) -> None:
    """Write the report as an indented JSON array. `color` and `quiet` do not apply to it."""
    json.dump(build_report(result), stream, indent=2, ensure_ascii=True)
    stream.write("\n")


def build_report(result: "LintResult") -> list[dict[str, Any]]:
    """Build the array of Code Quality issues that `write` serialises."""
    root = os.path.abspath(result.root or os.curdir)
    issues = []
    seen: set[str] = set()
    for finding in result.findings:
        if is_accepted(finding):
            continue
        issue = finding_to_issue(finding, root)
        issue["fingerprint"] = _unique(issue["fingerprint"], seen)
        issues.append(issue)
    return issues


def finding_to_issue(finding: "Finding", root: str) -> dict[str, Any]:
    """Turn one finding into a Code Quality issue, as the module documentation shows."""
    span = finding.span
    resource = f"[{finding.resource}] " if finding.resource else ""
    return {
        "type": "issue",
        "description": f"{finding.rule_id} {resource}{finding.message}",
        "check_name": finding.rule_id,
        "fingerprint": finding.fingerprint or _fallback_fingerprint(finding),
        "severity": SEVERITIES.get(finding.level, "minor"),
        "categories": ["Security"] if finding.rule_id.startswith(_SECURITY_GROUPS) else ["Bug Risk"],
        "location": {
            "path": report_path(finding.path, root),
            "lines": {"begin": span.start_line, "end": span.end_line},
            "positions": {
                "begin": {"line": span.start_line, "column": span.start_column},
                "end": {"line": span.end_line, "column": span.end_column},
            },
        },
    }


def report_path(path: str, root: str) -> str:
    """Name a file for `location.path` as the module documentation describes. `root` is the run's working folder."""
    if path in ("-", "<stdin>"):
        return STDIN_PATH

    in_repository = repository_path(path, root)
    if in_repository is not None:
        return in_repository

    absolute = os.path.normpath(os.path.join(root, path))
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:
        # On Windows a path on another drive has no path relative to the root.
        return absolute
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return absolute
    return relative.replace(os.sep, "/")


def _fallback_fingerprint(finding: "Finding") -> str:
    import hashlib

    span = finding.span
    material = "\x1f".join((finding.rule_id, finding.path, str(span), finding.message))
    return hashlib.sha256(material.encode("utf-8", errors="surrogatepass")).hexdigest()[:32]


def _unique(fingerprint: str, seen: set[str]) -> str:
    # Two findings can share a fingerprint only when a caller built them that way, but GitLab
    # would then hide all but one of them, so later ones get a numbered suffix.
    candidate = fingerprint
    number = 1
    while candidate in seen:
        number += 1
        candidate = f"{fingerprint}-{number}"
    seen.add(candidate)
    return candidate
