"""The SARIF 2.1.0 report, for GitHub code scanning, editors and other SARIF viewers.

The log contains one run. Its tool driver describes every rule that ran, with the rule's
documentation as `help` in plain text and Markdown, so a viewer can explain a finding
without a web page. Each finding becomes one result with:

- `ruleId` and `ruleIndex`, the index of the rule in `tool.driver.rules`;
- `level` and `message.text`;
- a physical location whose `uri` is the file's path relative to the run's root folder,
  percent-encoded, with `uriBaseId` `%SRCROOT%`. `run.originalUriBaseIds` gives the root
  as a `file:` URI. A file outside the root gets an absolute `file:` URI instead, and
  standard input (`-` or `<stdin>`) gets the relative URI `stdin`;
- a region whose columns count UTF-16 code units, as `run.columnKind` states. SARIF requires lines and columns of at least 1 and
  an end that does not come before the start, so out-of-range numbers are raised to 1
  and an end before the start is moved to the start;
- `partialFingerprints["crmlLint/v1"]`, the finding's fingerprint, which lets GitHub
  track an alert across commits that move it;
- a logical location of kind `resource` (`Resources.<LogicalId>`) for a finding in a
  CloudFormation template;
- for a suppressed finding, one entry in `suppressions`: kind `inSource` for a
  `# crml-lint: disable` comment or a template's Metadata entry, `external` for the
  configuration's per-file ignores, with the user's reason as `justification`. The
  result stays in the log, so code scanning shows it as dismissed instead of losing it;
- with `--baseline`, `baselineState`: `new`, `unchanged` or `updated`. Results of the
  baseline that this run no longer finds (`absent`) are not written; the text and JSON
  summaries count them.

The run's `automationDetails.id` is `crml-lint/`. GitHub code scanning takes the part of
the ID up to its last `/` as the analysis category, so uploads of crml-lint's results
replace each other and never close the alerts of another tool. The `category` input of
`github/codeql-action/upload-sarif` overrides it, for a repository that runs crml-lint
more than once (on two folders, for example).

Rules in the security groups (logs and redaction, size caps, privacy posture) carry the
tag `security` and a `security-severity`, which GitHub shows as the alert's severity. The
score follows the rule's default level: `error` is 7.5 (high), `warning` 5.0 (medium) and
`note` 2.0 (low), on GitHub's scale where over 9.0 is critical, 7.0 to 8.9 high, 4.0 to
6.9 medium and 3.9 or less low. A `--severity` override changes the level of each result but
not this score.

GitHub code scanning rejects a run with more than 25,000 results. Past that number the
report keeps the first 25,000 results, in the run's order, and a warning notification in
`invocations[0].toolExecutionNotifications` says how many were left out.

The output is ASCII JSON. Lone surrogates, which Python uses for file-name bytes that are
not valid UTF-8, become U+FFFD in text; in a URI the original bytes are percent-encoded.
"""

from __future__ import annotations

import json
import os
import re
from typing import TYPE_CHECKING, Any, Optional, TextIO
from urllib.parse import quote

from ..document import Span

if TYPE_CHECKING:
    from ..finding import Finding, Suppression
    from ..result import LintResult
    from ..rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "crml-lint"
INFORMATION_URI = "https://pypi.org/project/crml-lint/"
FINGERPRINT_KEY = "crmlLint/v1"
ROOT_BASE_ID = "%SRCROOT%"
STDIN_URI = "stdin"

AUTOMATION_ID = "crml-lint/"
"""`run.automationDetails.id`: GitHub reads the part up to the last `/` as the category."""

SECURITY_SEVERITIES = {"error": "7.5", "warning": "5.0", "note": "2.0"}
"""`security-severity` of a security rule, by the rule's default level, on GitHub's 0.0 to 10.0 scale."""

MAX_RESULTS = 25_000
"""GitHub code scanning's limit on the results of one run."""

# Tags by catalog group. The logs, size-cap and posture rules decide what leaves the clean
# room (log lines, trained artifacts, exported files), hence "security".
_GROUP_TAGS = {
    "CRML0": ("input",),
    "CRML1": ("api-contract",),
    "CRML2": ("security", "privacy", "logs"),
    "CRML3": ("security", "privacy", "size-caps"),
    "CRML4": ("tags",),
    "CRML5": ("security", "privacy"),
}

_SURROGATE = re.compile("[\ud800-\udfff]")


def write(result: "LintResult", stream: TextIO, *, color: bool = False, quiet: bool = False) -> None:
    """Write the SARIF log as indented JSON. `color` and `quiet` do not apply to it."""
    json.dump(build_log(result), stream, indent=2, ensure_ascii=True)
    stream.write("\n")


def build_log(result: "LintResult") -> dict[str, Any]:
    """Build the SARIF log object that `write` serialises."""
    from .. import __version__

    version = result.tool_version or __version__
    root = os.path.abspath(result.root or os.curdir)
    reported = result.findings[:MAX_RESULTS]
    descriptors, rule_indexes = _rule_descriptors(result.rules, reported)

    # A path that could not be read or a rule that failed means some findings may be
    # missing, which a consumer of the report must be able to tell from a clean run.
    problems = [f"{path}: no such file or folder" for path in result.missing_paths] + list(result.errors)
    invocation: dict[str, Any] = {"executionSuccessful": not problems}
    notifications = [_error_notification(problem) for problem in problems]
    left_out = len(result.findings) - len(reported)
    if left_out > 0:
        notifications.append(_left_out_notification(left_out, len(result.findings)))
    if notifications:
        invocation["toolExecutionNotifications"] = notifications

    run = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": version,
                "semanticVersion": version,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "automationDetails": {"id": AUTOMATION_ID},
        "invocations": [invocation],
        "originalUriBaseIds": {ROOT_BASE_ID: {"uri": _directory_uri(root)}},
        "columnKind": "utf16CodeUnits",
        "results": [_result(finding, rule_indexes[finding.rule_id], root) for finding in reported],
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def _rule_descriptors(rules: "list[Rule]", findings: "list[Finding]") -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Describe every rule that ran, and any rule a finding names that the run did not list.

    A result's `ruleIndex` must point into `tool.driver.rules`, so a finding whose rule is
    missing from `rules` still gets a descriptor, built from what the finding carries.
    """
    descriptors = []
    indexes: dict[str, int] = {}
    for rule in rules:
        if rule.id not in indexes:
            indexes[rule.id] = len(descriptors)
            descriptors.append(_descriptor(rule))

    for finding in findings:
        if finding.rule_id not in indexes:
            indexes[finding.rule_id] = len(descriptors)
            descriptors.append(_bare_descriptor(finding))

    return descriptors, indexes


def _descriptor(rule: "Rule") -> dict[str, Any]:
    summary = _text(_non_blank(rule.summary, f"Rule {rule.id} ({rule.name})."))
    full_description = _text(_non_blank(rule.description, summary))
    documentation = _text(_non_blank(rule.documentation, full_description))
    descriptor: dict[str, Any] = {
        "id": _text(rule.id),
        "name": _text(rule.name),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full_description},
        "help": {"text": documentation, "markdown": documentation},
        "helpUri": f"{INFORMATION_URI}#{_percent_encode(rule.id.lower(), safe='')}",
        "defaultConfiguration": {"level": rule.level},
    }
    tags = _tags(rule.id)
    if tags:
        descriptor["properties"] = {"tags": list(tags)}
    if "security" in tags:
        descriptor["properties"]["security-severity"] = SECURITY_SEVERITIES[rule.level]
    return descriptor


def _bare_descriptor(finding: "Finding") -> dict[str, Any]:
    # GitHub code scanning requires both descriptions and help on every descriptor.
    rule_id = _text(finding.rule_id)
    title = f"{rule_id} ({_text(finding.rule_name)})" if finding.rule_name else rule_id
    help_text = f"Run `crml-lint rule {rule_id}` to read the documentation of this rule."
    descriptor: dict[str, Any] = {
        "id": rule_id,
        "shortDescription": {"text": f"Rule {title}."},
        "fullDescription": {"text": f"This report has findings of rule {title} but does not describe the rule."},
        "help": {"text": help_text, "markdown": help_text},
        "helpUri": f"{INFORMATION_URI}#{_percent_encode(rule_id.lower(), safe='')}",
    }
    if finding.rule_name:
        descriptor["name"] = _text(finding.rule_name)
    return descriptor


def _tags(rule_id: str) -> tuple[str, ...]:
    for prefix, tags in _GROUP_TAGS.items():
        if rule_id.startswith(prefix):
            return tags
    return ()


def _result(finding: "Finding", rule_index: int, root: str) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": _artifact_location(finding.path, root),
            "region": _region(finding.utf16_span),
        }
    }
    if finding.resource:
        resource = _text(finding.resource)
        location["logicalLocations"] = [{"name": resource, "fullyQualifiedName": f"Resources.{resource}", "kind": "resource"}]

    sarif_result: dict[str, Any] = {
        "ruleId": _text(finding.rule_id),
        "ruleIndex": rule_index,
        "level": finding.level,
        "message": {"text": result_message(finding)},
        "locations": [location],
    }
    if finding.fingerprint:
        sarif_result["partialFingerprints"] = {FINGERPRINT_KEY: _text(finding.fingerprint)}
    if finding.suppression is not None:
        sarif_result["suppressions"] = [_suppression(finding.suppression)]
    if finding.baseline_state is not None:
        sarif_result["baselineState"] = finding.baseline_state
    return sarif_result


def result_message(finding: "Finding") -> str:
    """Return the finding's message as a result's `message.text` carries it."""
    return _text(_non_blank(finding.message, f"Rule {finding.rule_id} reported a finding here."))


def _suppression(suppression: "Suppression") -> dict[str, str]:
    entry = {"kind": suppression.kind}
    if suppression.justification.strip():
        entry["justification"] = _text(suppression.justification)
    return entry


def _region(span: Span) -> dict[str, int]:
    start_line = max(1, span.start_line)
    start_column = max(1, span.start_column)
    end_line = max(start_line, span.end_line)
    end_column = max(1, span.end_column)
    if end_line == start_line:
        end_column = max(start_column, end_column)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def _artifact_location(path: str, root: str) -> dict[str, str]:
    """Locate a file relative to `%SRCROOT%` when it lies under the root, absolutely otherwise."""
    if path in ("-", "<stdin>"):
        return {"uri": STDIN_URI, "uriBaseId": ROOT_BASE_ID}

    absolute = os.path.normpath(os.path.join(root, path))
    relative = _relative_path(absolute, root)
    if relative is None:
        return {"uri": _file_uri(absolute)}
    return {"uri": _percent_encode(relative.replace(os.sep, "/"), safe="/"), "uriBaseId": ROOT_BASE_ID}


def _relative_path(absolute: str, root: str) -> Optional[str]:
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:
        # On Windows a path on another drive has no path relative to the root.
        return None
    if relative == os.curdir or relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative


def _directory_uri(directory: str) -> str:
    uri = _file_uri(directory)
    return uri if uri.endswith("/") else uri + "/"


def _file_uri(absolute: str) -> str:
    path = absolute.replace(os.sep, "/")
    if not path.startswith("/"):
        # A Windows path such as C:/data becomes file:///C:/data.
        path = "/" + path
    # A colon is safe after the first segment of an absolute URI's path (RFC 3986, pchar).
    return "file://" + _percent_encode(path, safe="/:")


def _percent_encode(path: str, safe: str) -> str:
    # surrogateescape restores the original bytes of a file name that is not valid UTF-8.
    # Any other lone surrogate is encoded as its three bytes, which keeps the URI valid.
    try:
        data = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = path.encode("utf-8", "surrogatepass")
    return quote(data, safe=safe)


def _non_blank(text: str, fallback: str) -> str:
    # GitHub code scanning rejects a message or description without text.
    return text if text.strip() else fallback


def _text(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def _error_notification(problem: str) -> dict[str, Any]:
    return {"level": "error", "message": {"text": _text(problem)}}


def _left_out_notification(left_out: int, total: int) -> dict[str, Any]:
    return {
        "level": "warning",
        "message": {
            "text": (
                f"This report leaves out {left_out} of {total} results, because GitHub code scanning"
                f" accepts at most {MAX_RESULTS} results per run. Fix or suppress the findings reported"
                " here, or use the text or JSON report to see every finding."
            )
        },
    }
