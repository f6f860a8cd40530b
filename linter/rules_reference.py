"""The rules reference, docs/rules.md, generated from the rules' own documentation.

`crml-lint rule ID` prints `rule_page(rule)`. The reference holds the same documentation
for every built-in rule, its headings one level deeper, so the two never say different
things. Regenerate the file after changing a rule's documentation:

    python -m crml_lint.rules_reference > docs/rules.md

A test fails when docs/rules.md differs from what this module generates.
"""

from __future__ import annotations

import re
from typing import Iterable

from .rule import Rule

REGENERATE_COMMAND = "python -m crml_lint.rules_reference > docs/rules.md"

_FENCE = re.compile(r"^\s*```")


def rule_page(rule: Rule) -> str:
    """Return one rule's documentation as `crml-lint rule ID` prints it."""
    return f"# {rule.id} {rule.name}\n\nDefault level: {rule.level}\n\n{rule.documentation}"


def reference(rules: Iterable[Rule]) -> str:
    """Build the Markdown of the rules reference: a table of every rule, then each rule's ID, name, summary, default level and documentation."""
    rules = list(rules)
    lines = [
        "# Rules reference",
        "",
        "<!-- Generated from the rules' documentation; do not edit. Regenerate with:",
        f"     {REGENERATE_COMMAND} -->",
        "",
        "Each rule's page is also printed by `crml-lint rule ID`.",
        "",
        "| ID | Name | Default level | Summary |",
        "|---|---|---|---|",
    ]
    for rule in rules:
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| [{rule.id}](#{_anchor(rule)}) | {rule.name} | {rule.level} | {summary} |")

    for rule in rules:
        lines += [
            "",
            f"## {rule.id} {rule.name}",
            "",
            rule.summary,
            "",
            f"Default level: {rule.level}",
            "",
            _demote_headings(rule.documentation),
        ]
    return "\n".join(lines) + "\n"


def _demote_headings(markdown: str) -> str:
    # Headings move one level down, so each rule sits under the reference's title. Lines in
    # fenced code blocks are left alone: a `#` there starts a YAML comment, not a heading.
    demoted = []
    in_code = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code and line.startswith("#"):
            line = "#" + line
        demoted.append(line)
    return "\n".join(demoted)


def _anchor(rule: Rule) -> str:
    # GitHub's anchor for the heading "CRML201 custom-redaction-without-identifiers".
    return f"{rule.id} {rule.name}".lower().replace(" ", "-")


def main() -> None:
    import sys

    from .registry import builtin_rules

    sys.stdout.write(reference(builtin_rules()))


if __name__ == "__main__":
    main()
