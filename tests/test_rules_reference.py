"""The rules reference in docs/rules.md: generated from the rules' documentation, and kept in step with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crml_lint.registry import builtin_rules
from crml_lint.rules_reference import REGENERATE_COMMAND, reference, rule_page

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_reference_matches_rules():
    written = REFERENCE.read_text(encoding="utf-8")

    assert written == reference(builtin_rules()), f"docs/rules.md is out of date; regenerate it with `{REGENERATE_COMMAND}`"


def test_reference_lists_every_rule():
    text = reference(builtin_rules())

    for rule in builtin_rules():
        assert f"\n## {rule.id} {rule.name}\n" in text
        assert f"| {rule.name} | {rule.level} |" in text


def test_yaml_comments_in_examples_stay_comments():
    text = reference(builtin_rules())

    # CRML004's failing example carries a `# crml-lint:` comment inside a code block.
    assert "name: churn-training  # crml-lint: disable=CRML207" in text
    assert "## crml-lint" not in text


def test_rule_command_prints_rule_page():
    [rule] = [rule for rule in builtin_rules() if rule.id == "CRML004"]
    completed = subprocess.run(
        [sys.executable, "-m", "crml_lint", "rule", "CRML004"], capture_output=True, text=True, timeout=60
    )

    assert completed.returncode == 0
    assert completed.stdout == rule_page(rule) + "\n"


def test_module_prints_reference():
    completed = subprocess.run(
        [sys.executable, "-m", "crml_lint.rules_reference"], capture_output=True, text=True, timeout=60
    )

    assert completed.returncode == 0
    assert completed.stdout == reference(builtin_rules())
