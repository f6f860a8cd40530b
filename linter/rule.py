"""The rule interface: one module per rule, its documentation in its docstring.

A rule module declares a few constants and, unless the API-contract check reports for it,
one `check` generator:

    ID = "CRML201"                      # public, never reused
    NAME = "custom-redaction-without-identifiers"
    LEVEL = "error"                     # "error", "warning" or "note"
    SUMMARY = "One line that says what the rule finds."
    OPTIONS = {"name": default}         # optional; per-rule options and their defaults

    def check(association, options):    # yields crml_lint.finding.Problem
        ...

The module docstring is the rule's documentation, in Markdown, with the headings of
`SECTIONS`. Its failing and fixed examples are run as tests, and the same text is printed
by `crml-lint rule ID` and carried in SARIF as the rule's help.
"""

from __future__ import annotations

import re
from types import MappingProxyType, ModuleType
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Optional

from .finding import LEVELS, Problem

SECTIONS = ("What it finds", "Why it matters", "Failing example", "Fixed example", "Options", "References")

_RULE_ID = re.compile(r"[A-Z][A-Z0-9]*[0-9]{3}\Z")
_HEADING = re.compile(r"^## +(.+?) *$", re.MULTILINE)
_CODE_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)

CheckFunction = Callable[[Any, Mapping[str, Any]], Iterable[Problem]]


class RuleDefinitionError(Exception):
    """A rule module that does not follow the rule interface."""


class Example(NamedTuple):
    """A code block of a rule's documentation: its language (`yaml` or `json`) and its text."""

    language: str
    text: str


class Rule(NamedTuple):
    """A rule as the engine and the reporters use it."""

    id: str
    name: str
    level: str
    summary: str
    documentation: str
    options: Mapping[str, Any] = MappingProxyType({})
    check: Optional[CheckFunction] = None
    origin: str = ""

    @property
    def reported_by_contract_check(self) -> bool:
        """True for rules that the JSON Schema check reports, which have no `check` of their own."""
        return self.check is None

    def section(self, heading: str) -> str:
        """The text under one `## heading` of the documentation, or "" when it has none."""
        parts = _HEADING.split(self.documentation)
        for index in range(1, len(parts) - 1, 2):
            if parts[index].lower() == heading.lower():
                return parts[index + 1].strip()
        return ""

    def example(self, heading: str) -> Optional[Example]:
        """The first code block under a heading such as "Failing example"."""
        match = _CODE_BLOCK.search(self.section(heading) + "\n")
        if match is None:
            return None
        return Example(language=match.group(1) or "yaml", text=match.group(2))

    @property
    def description(self) -> str:
        """The documentation before its first heading: a paragraph that says what the rule finds."""
        return _HEADING.split(self.documentation)[0].strip() or self.summary


def rule_from_module(module: ModuleType) -> Rule:
    """Build a Rule from a module that follows the interface above, or raise RuleDefinitionError."""
    name = module.__name__
    try:
        rule_id, rule_name, level, summary = module.ID, module.NAME, module.LEVEL, module.SUMMARY
    except AttributeError as error:
        raise RuleDefinitionError(f"rule module {name} lacks {error.name}; it needs ID, NAME, LEVEL and SUMMARY") from None

    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise RuleDefinitionError(f"rule module {name}: ID {rule_id!r} is not of the form CRML123")
    if level not in LEVELS:
        raise RuleDefinitionError(f"rule module {name}: LEVEL {level!r} is not one of {', '.join(LEVELS)}")

    check = getattr(module, "check", None)
    if check is not None and not callable(check):
        raise RuleDefinitionError(f"rule module {name}: check is not a function")

    return Rule(
        id=rule_id,
        name=rule_name,
        level=level,
        summary=summary,
        documentation=_dedent_docstring(module.__doc__ or ""),
        options=dict(getattr(module, "OPTIONS", {}) or {}),
        check=check,
        origin=name,
    )


def _dedent_docstring(text: str) -> str:
    # inspect.cleandoc would do, but importing inspect costs start-up time.
    lines = text.expandtabs().splitlines()
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    margin = min(indents, default=0)
    cleaned = [lines[0].strip()] + [line[margin:].rstrip() for line in lines[1:]] if lines else []
    return "\n".join(cleaned).strip("\n")
