"""Baselines: compare a run's findings with those of an earlier SARIF report.

A baseline is a SARIF log that crml-lint wrote before (`--write-baseline` or
`--output-format sarif`). A finding matches a baseline result when both have the same rule
ID and the same `partialFingerprints["crmlLint/v1"]`. The fingerprint does not depend on
line numbers, so a finding stays matched when lines are inserted above it. Each finding
gets one of SARIF's baseline states:

- `unchanged`: matched, with the same message and level;
- `updated`: matched, but the message or the level differs (a `--severity` override, say);
- `new`: not in the baseline.

Baseline results that no finding matches are `absent`: the run counts them, and the
reports do not write them as results, so a SARIF upload does not re-open fixed alerts.

This module is used only when the command line has `--baseline`, so it may import json.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Optional

from .finding import Finding
from .reporters.sarif import FINGERPRINT_KEY, result_message
from .result import LintResult

NEW = "new"
UNCHANGED = "unchanged"
UPDATED = "updated"

# The level SARIF 2.1.0 gives a result that has no `level` and no rule configuration.
_DEFAULT_LEVEL = "warning"


class BaselineError(Exception):
    """A baseline file that is missing, unreadable, not JSON or not a SARIF log."""


@dataclasses.dataclass(frozen=True)
class BaselineEntry:
    """What a baseline records of one result: enough to tell `unchanged` from `updated`."""

    message: str
    level: str


def load_baseline(path: str) -> dict[tuple[str, str], BaselineEntry]:
    """Read the SARIF log at `path` and index its crml-lint results by (rule ID, fingerprint).

    Results without a `crmlLint/v1` fingerprint (from another tool that shares the log) are
    left out. Raise BaselineError, worded for the user, when the file cannot be used.
    """
    try:
        with open(path, encoding="utf-8") as stream:
            log = json.load(stream)
    except FileNotFoundError:
        raise BaselineError(f"--baseline {path}: file not found; write one with --write-baseline") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise BaselineError(f"--baseline {path}: cannot read the file: {reason}") from None
    except json.JSONDecodeError as error:
        raise BaselineError(f"--baseline {path}: not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}") from None

    runs = _sarif_runs(log, path)

    entries: dict[tuple[str, str], BaselineEntry] = {}
    for run in runs:
        results = run.get("results") or []
        if not isinstance(results, list):
            raise BaselineError(f"--baseline {path}: not a SARIF 2.1.0 log: a run's `results` is not an array")
        for sarif_result in results:
            key_and_entry = _entry(sarif_result)
            if key_and_entry is not None:
                key, entry = key_and_entry
                entries[key] = entry
    return entries


def apply_baseline(result: LintResult, baseline: dict[tuple[str, str], BaselineEntry]) -> None:
    """Mark each finding of `result` new, unchanged or updated, and count the absent baseline results."""
    matched: set[tuple[str, str]] = set()
    marked: list[Finding] = []

    for finding in result.findings:
        key = (finding.rule_id, finding.fingerprint)
        entry = baseline.get(key) if finding.fingerprint else None
        if entry is None:
            state = NEW
        else:
            matched.add(key)
            # The message is compared as the SARIF report writes it, so that a message the
            # report had to repair (a blank one, lone surrogates) still counts as unchanged.
            same = entry.message == result_message(finding) and entry.level == finding.level
            state = UNCHANGED if same else UPDATED
        marked.append(finding._replace(baseline_state=state))

    result.findings = marked
    # NOTE: a baseline result of a file that this run did not lint (a pre-commit run names
    # only the changed files) also counts as absent, because the fingerprint hides the path.
    result.absent_count = len(baseline.keys() - matched)


def _sarif_runs(log: Any, path: str) -> list[dict[str, Any]]:
    if not isinstance(log, dict) or log.get("version") != "2.1.0" or not isinstance(log.get("runs"), list):
        raise BaselineError(f"--baseline {path}: not a SARIF 2.1.0 log (expected an object with version 2.1.0 and runs)")

    runs = log["runs"]
    if not all(isinstance(run, dict) for run in runs):
        raise BaselineError(f"--baseline {path}: not a SARIF 2.1.0 log: an entry of `runs` is not an object")
    return runs


def _entry(sarif_result: Any) -> Optional[tuple[tuple[str, str], BaselineEntry]]:
    if not isinstance(sarif_result, dict):
        return None

    fingerprints = sarif_result.get("partialFingerprints")
    rule_id = sarif_result.get("ruleId")
    if not isinstance(fingerprints, dict) or not isinstance(rule_id, str):
        return None
    fingerprint = fingerprints.get(FINGERPRINT_KEY)
    if not isinstance(fingerprint, str) or not fingerprint:
        return None

    message = sarif_result.get("message")
    text = message.get("text", "") if isinstance(message, dict) else ""
    level = sarif_result.get("level", _DEFAULT_LEVEL)
    return (rule_id, fingerprint), BaselineEntry(message=text if isinstance(text, str) else "", level=level)
