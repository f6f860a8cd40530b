"""The outcome of one run, as the reporters and the command line read it."""

from __future__ import annotations

from typing import Optional

from .finding import Finding
from .rule import Rule


class LintResult:
    """Everything one run found and did.

    `rules` are the rules that ran, sorted by ID: SARIF describes each of them, so a rule
    that found nothing still appears in the report. `root` is the absolute folder that
    relative paths in `findings` start from. `missing_paths` were named but do not exist; `errors` holds
    one message per path that could not be read and per file a rule failed on.
    `checked_paths` names the files counted in `files_checked`, as findings name them, so
    a report can list a file that has no findings (the JUnit report writes a passing test
    case for it). `absent_count` is the number of baseline results, in the files this
    run linted, that no finding matched, or None when the run has no baseline.
    """

    # A plain class rather than a dataclass: defining a dataclass compiles its methods
    # from source, which costs start-up time on every run.
    def __init__(
        self,
        findings: Optional[list[Finding]] = None,
        rules: Optional[list[Rule]] = None,
        files_checked: int = 0,
        associations: int = 0,
        missing_paths: Optional[list[str]] = None,
        errors: Optional[list[str]] = None,
        tracebacks: Optional[list[str]] = None,
        skipped: Optional[list[tuple[str, str]]] = None,
        root: str = "",
        tool_version: str = "",
        notices: Optional[list[str]] = None,
        checked_paths: Optional[list[str]] = None,
        absent_count: Optional[int] = None,
    ):
        self.findings: list[Finding] = findings if findings is not None else []
        self.rules: list[Rule] = rules if rules is not None else []
        self.files_checked = files_checked
        self.associations = associations
        self.missing_paths: list[str] = missing_paths if missing_paths is not None else []
        self.errors: list[str] = errors if errors is not None else []
        self.tracebacks: list[str] = tracebacks if tracebacks is not None else []
        self.skipped: list[tuple[str, str]] = skipped if skipped is not None else []
        self.root = root
        self.tool_version = tool_version
        self.notices: list[str] = notices if notices is not None else []
        self.checked_paths: list[str] = checked_paths if checked_paths is not None else []
        self.absent_count = absent_count

    def rule(self, rule_id: str) -> Optional[Rule]:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None
