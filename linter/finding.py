"""Findings: what a rule or the API-contract check reports, and where.

A rule yields `Problem`s about nodes of the association it checks. The engine turns each
problem into a `Finding` by adding what only the engine has: the file, the rule's level after
the user's overrides, the region in UTF-16 code units and a fingerprint.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

from .document import Node, Span, format_path

LEVELS = ("note", "warning", "error")
"""Finding levels, weakest first. The names are SARIF's `result.level` values."""


def level_rank(level: str) -> int:
    """Order levels so that a stricter level compares greater."""
    return LEVELS.index(level)


class Problem(NamedTuple):
    """One problem found in one place, before the engine knows the file and the final level.

    `rule_id` may stay None when a rule reports its own problems; the engine fills it in.
    `level` is set only where the input's format makes the problem stricter than the rule's
    default. `identity` distinguishes problems of one rule at the same field (for example
    two bad characters in one pattern), so their fingerprints differ.
    """

    message: str
    span: Span
    field_path: str = ""
    rule_id: Optional[str] = None
    level: Optional[str] = None
    fix: Optional[str] = None
    identity: str = ""

    @classmethod
    def at(
        cls,
        node: Node,
        message: str,
        *,
        on_key: bool = False,
        rule_id: Optional[str] = None,
        level: Optional[str] = None,
        fix: Optional[str] = None,
        identity: str = "",
    ) -> "Problem":
        """Report `message` at `node`, or at the key that names it when `on_key` is set."""
        span = node.key_or_value_span if on_key else node.span
        return cls(
            message=message,
            span=span,
            field_path=format_path(node.user_path),
            rule_id=rule_id,
            level=level,
            fix=fix,
            identity=identity,
        )


class Suppression(NamedTuple):
    """How a user silenced a finding knowingly: it stays in reports but does not fail the run.

    `kind` is SARIF's suppression kind: "inSource" for a comment or a template resource's
    Metadata entry, "external" for the configuration's per-file ignores. `justification`
    is the reason the user gave, "" when none. `span` is where an in-source suppression is
    written, None for an external one.
    """

    kind: str
    justification: str = ""
    span: Optional[Span] = None


class Finding(NamedTuple):
    """A problem as users see it: rule, level, message, file and region.

    `span` counts columns in Unicode code points, as the text report shows them;
    `utf16_span` counts them in UTF-16 code units, SARIF's default column unit.
    `resource` is the CloudFormation logical ID of the association, when it has one.
    `suppression` is set when the user suppressed the finding. `baseline_state` is SARIF's
    `new`, `unchanged` or `updated` when the run compares with a baseline, None otherwise.
    """

    rule_id: str
    rule_name: str
    level: str
    message: str
    path: str
    span: Span
    utf16_span: Span
    field_path: str = ""
    resource: Optional[str] = None
    fix: Optional[str] = None
    fingerprint: str = ""
    suppression: Optional[Suppression] = None
    baseline_state: Optional[str] = None

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.span.start_line, self.span.start_column, self.rule_id, self.message)


FILE_FINGERPRINT_LENGTH = 12
"""How many leading hex digits of a fingerprint hash the file alone (see `file_fingerprint`)."""


def fingerprint(rule_id: str, path: str, resource: Optional[str], field_path: str, identity: str, occurrence: int) -> str:
    """Hash what identifies a finding apart from its line, so that it survives edits above it.

    `path` names the file as `project_root.project_path` does. `occurrence` tells apart
    findings that share everything else (counted in file order). The fingerprint is 32 hex
    digits: `file_fingerprint(path)`, then a hash of all the inputs. So a baseline can tell
    which file a result belongs to without the path of its SARIF location, which depends on
    the working folder and the machine.
    """
    import hashlib  # imported here: loading OpenSSL costs start-up time that runs without findings need not pay

    material = "\x1f".join((rule_id, path, resource or "", field_path, identity, str(occurrence)))
    # surrogatepass: a file name that is not valid UTF-8 reaches Python as lone surrogates.
    finding_hash = hashlib.sha256(material.encode("utf-8", errors="surrogatepass")).hexdigest()
    return file_fingerprint(path) + finding_hash[: 32 - FILE_FINGERPRINT_LENGTH]


def file_fingerprint(path: str) -> str:
    """Hash `path` into the first `FILE_FINGERPRINT_LENGTH` hex digits of its findings' fingerprints."""
    import hashlib

    return hashlib.sha256(path.encode("utf-8", errors="surrogatepass")).hexdigest()[:FILE_FINGERPRINT_LENGTH]
