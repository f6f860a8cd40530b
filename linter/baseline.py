"""Baselines: compare a run's findings with those of an earlier SARIF report.

A baseline is a SARIF log that crml-lint wrote before (`--write-baseline` or
`--output-format sarif`). A finding matches a baseline result when both have the same rule
ID and the same `partialFingerprints["crmlLint/v1"]`. The fingerprint does not depend on
line numbers, nor on the working folder or the checkout's place on the disk, so a finding
stays matched when lines are inserted above it and when the run starts elsewhere.
Matching is one-to-one: a baseline result matches at most one finding, so two findings
that share a fingerprint need two results to pass. Each finding gets one of SARIF's
baseline states:

- `unchanged`: matched, with the same message and level, where line numbers in the
  message do not count;
- `updated`: matched, but the message or the level differs (a `--severity` override, say);
- `new`: not in the baseline.

Baseline results of the files this run linted that no finding matches are `absent`: the
run counts them, and the reports do not write them as results, so a SARIF upload does not
re-open fixed alerts. Results of files this run did not lint (a pre-commit run names only
the changed files) are neither matched nor absent.

A baseline file must be a regular file of at most 256 MiB (`MAX_BASELINE_SIZE`), UTF-8
with or without a byte order mark.

This module is used only when the command line has `--baseline`, so it may import json.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from typing import Any, Optional

from .finding import FILE_FINGERPRINT_LENGTH, Finding, file_fingerprint
from .project_root import project_path
from .reporters.sarif import FINGERPRINT_KEY, result_message
from .result import LintResult
from .source import NotRegularFile, read_regular_file

NEW = "new"
UNCHANGED = "unchanged"
UPDATED = "updated"

MAX_BASELINE_SIZE = 256 * 1024 * 1024
"""The largest baseline file read, in bytes.

A SARIF log of 25,000 results, GitHub's limit, takes about 50 MB: an estimate from reports
that take 1 to 2 KB per result.
"""

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


def load_baseline(path: str) -> dict[tuple[str, str], list[BaselineEntry]]:
    """Read the SARIF log at `path` and index its crml-lint results by (rule ID, fingerprint).

    Each key lists its results in the log's order. A key has several results when the log
    contains several with one fingerprint. Results without a `crmlLint/v1` fingerprint
    (from another tool that shares the log) are left out. Raise BaselineError, worded for
    the user, when the file cannot be used.
    """
    log = _read_json(path)

    runs = _sarif_runs(log, path)

    entries: dict[tuple[str, str], list[BaselineEntry]] = {}
    for run in runs:
        results = run.get("results") or []
        if not isinstance(results, list):
            raise BaselineError(f"--baseline {path}: not a SARIF 2.1.0 log: a run's `results` is not an array")
        for sarif_result in results:
            key_and_entry = _entry(sarif_result)
            if key_and_entry is not None:
                key, entry = key_and_entry
                entries.setdefault(key, []).append(entry)
    return entries


def apply_baseline(result: LintResult, baseline: dict[tuple[str, str], list[BaselineEntry]]) -> None:
    """Mark each finding of `result` new, unchanged or updated, and count the absent baseline results.

    Each finding takes one of the baseline results with its key that no earlier finding
    took, an unchanged one if there is one, so that another finding's result does not make
    it `updated`. A finding with no result left is `new`.
    """
    # Matched results are removed from these copies, so the caller's `baseline` stays whole.
    remaining = {key: list(entries) for key, entries in baseline.items()}
    marked: list[Finding] = []

    for finding in result.findings:
        entries = remaining.get((finding.rule_id, finding.fingerprint)) if finding.fingerprint else None
        if not entries:
            marked.append(finding._replace(baseline_state=NEW))
            continue

        message = _comparable(result_message(finding))
        same = [index for index, entry in enumerate(entries) if _comparable(entry.message) == message and entry.level == finding.level]
        state = UNCHANGED if same else UPDATED
        del entries[same[0] if same else 0]
        marked.append(finding._replace(baseline_state=state))

    result.findings = marked
    # A fingerprint starts with the hash of its file's name, which separates the results of
    # the files this run linted from those of other files.
    linted_files = {file_fingerprint(project_path(path)) for path in result.checked_paths}
    result.absent_count = sum(
        len(entries) for (_, fingerprint), entries in remaining.items() if fingerprint[:FILE_FINGERPRINT_LENGTH] in linted_files
    )


def _comparable(message: str) -> str:
    """Return `message` with its line numbers left out, for telling `unchanged` from `updated`.

    Lines inserted above a finding change the line numbers that some messages quote (a
    duplicate key "is also set on line 17"), and such an edit must keep the finding
    unchanged. Both sides are messages as the SARIF report writes them, so a message that
    the report had to repair (a blank one, lone surrogates) compares equal as well.
    """
    return _LINE_NUMBERS.sub(r"\1 N", message)


def _read_json(path: str) -> Any:
    """Read and parse the baseline file, raising BaselineError for anything but a readable JSON file."""
    try:
        # The size of a regular file is known before it is read, which spares reading and
        # holding 256 MiB only to reject them. The read stops at the limit in any case.
        if os.stat(path).st_size > MAX_BASELINE_SIZE:
            raise _too_large(path)
        data = read_regular_file(path, MAX_BASELINE_SIZE + 1)
    except NotRegularFile:
        raise BaselineError(f"--baseline {path}: not a regular file; give a SARIF file written by --write-baseline") from None
    except FileNotFoundError:
        raise BaselineError(f"--baseline {path}: file not found; write one with --write-baseline") from None
    except OSError as error:
        raise BaselineError(f"--baseline {path}: cannot read the file: {error.strerror or error}") from None

    if len(data) > MAX_BASELINE_SIZE:
        raise _too_large(path)

    try:
        # utf-8-sig drops a byte order mark, which some Windows tools write.
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise BaselineError(f"--baseline {path}: cannot read the file: {error}") from None
    except json.JSONDecodeError as error:
        raise BaselineError(f"--baseline {path}: not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}") from None
    except RecursionError:
        raise BaselineError(
            f"--baseline {path}: cannot read the baseline: its arrays and objects are nested too deeply for the JSON parser"
        ) from None


def _too_large(path: str) -> BaselineError:
    size_in_mib = MAX_BASELINE_SIZE // (1024 * 1024)
    return BaselineError(f"--baseline {path}: larger than {size_in_mib} MiB, the maximum size of a baseline file")


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
