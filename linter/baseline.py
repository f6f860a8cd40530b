"""Baselines: compare a run's findings with those of an earlier SARIF report.

A baseline is a SARIF log that crml-lint wrote before (`--write-baseline` or
`--output-format sarif`). A finding matches a baseline result when both have the same rule
ID and the same `partialFingerprints["crmlLint/v1"]`. The fingerprint does not depend on
line numbers, nor on the working folder or the checkout's place on the disk, so a finding
stays matched when lines are inserted above it and when the run starts elsewhere. Each
finding gets one of SARIF's baseline states:

- `unchanged`: matched, with the same message and level, where line numbers in the
  message do not count;
- `updated`: matched, but the message or the level differs (a `--severity` override, say);
- `new`: not in the baseline.

Baseline results of the files this run linted that no finding matches are `absent`: the
run counts them, and the reports do not write them as results, so a SARIF upload does not
re-open fixed alerts. Results of files this run did not lint (a pre-commit run names only
the changed files) are neither matched nor absent.

This module is used only when the command line has `--baseline`, so it may import json.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any, Optional

from .finding import FILE_FINGERPRINT_LENGTH, Finding, file_fingerprint
from .project_root import project_path
from .reporters.sarif import FINGERPRINT_KEY, result_message
from .result import LintResult

NEW = "new"
UNCHANGED = "unchanged"
UPDATED = "updated"

# The level SARIF 2.1.0 gives a result that has no `level` and no rule configuration.
_DEFAULT_LEVEL = "warning"

# Line numbers in messages, in the forms the rules write: "on line 17", "line 3, column 7",
# "lines 3 and 9", "lines 3, 5 and 9".
_LINE_NUMBERS = re.compile(r"\b(lines?) \d+(?:(?:,| and|, and) \d+)*")


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
            same = _comparable(entry.message) == _comparable(result_message(finding)) and entry.level == finding.level
            state = UNCHANGED if same else UPDATED
        marked.append(finding._replace(baseline_state=state))

    result.findings = marked
    # A fingerprint starts with the hash of its file's name, which separates the results of
    # the files this run linted from those of other files.
    linted_files = {file_fingerprint(project_path(path)) for path in result.checked_paths}
    unmatched = baseline.keys() - matched
    result.absent_count = sum(1 for _, fingerprint in unmatched if fingerprint[:FILE_FINGERPRINT_LENGTH] in linted_files)


def _comparable(message: str) -> str:
    """Return `message` with its line numbers left out, for telling `unchanged` from `updated`.

    Lines inserted above a finding change the line numbers that some messages quote (a
    duplicate key "is also set on line 17"), and such an edit must keep the finding
    unchanged. Both sides are messages as the SARIF report writes them, so a message that
    the report had to repair (a blank one, lone surrogates) compares equal as well.
    """
    return _LINE_NUMBERS.sub(r"\1 N", message)


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
