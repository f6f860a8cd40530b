"""The outcome of one run, as the reporters and the command line read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .finding import Finding
from .rule import Rule


@dataclass
class LintResult:
    """Everything one run found and did.

    `rules` are the rules that ran, sorted by ID: SARIF describes each of them, so a rule
    that found nothing still appears in the report. `root` is the absolute folder that
    relative paths in `findings` start from. `missing_paths` were named but do not exist; `errors` holds
    one message per path that could not be read and per file a rule failed on.
    `checked_paths` names the files counted in `files_checked`, as findings name them, so
    a report can list a file that has no findings (the JUnit report writes a passing test
    case for it). `absent_count` is the number of baseline results that no finding
    matched, or None when the run has no baseline.
    """

    findings: list[Finding] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    files_checked: int = 0
    associations: int = 0
    missing_paths: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    root: str = ""
    tool_version: str = ""
    notices: list[str] = field(default_factory=list)
    checked_paths: list[str] = field(default_factory=list)
    absent_count: Optional[int] = None

    def rule(self, rule_id: str) -> Optional[Rule]:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None
