"""Every rule's documentation is complete, and its failing and fixed examples behave as documented."""

from __future__ import annotations

import importlib

import pytest

from crml_lint import lint_text
from crml_lint.registry import builtin_rules
from crml_lint.rule import SECTIONS
from crml_lint.rule_options import option_name
from crml_lint.settings import Settings

RULES = builtin_rules()


def _example_options(rule):
    """Return the options a rule's examples are linted with: its module's EXAMPLE_OPTIONS, if any.

    Rules that are active only when configured cannot fail with their defaults, so they
    declare the options their documented examples assume.
    """
    return getattr(importlib.import_module(rule.origin), "EXAMPLE_OPTIONS", {})


def _lint_example(rule, heading, options=None):
    example = rule.example(heading)
    assert example is not None, f"{rule.id} has no code block under '{heading}'"
    rule_options = {rule.id: options} if options else {}
    # CRML205's default budget of 100 ms is wall-clock time, which a busy machine can
    # spend before the analysis of an example ends; the examples are about what is found.
    rule_options.setdefault("CRML205", {"time_budget_ms": 10000})
    return lint_text(example.text, f"example.{example.language}", Settings(rule_options=rule_options))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_documentation_has_every_section(rule):
    for heading in SECTIONS:
        assert rule.section(heading), f"{rule.id} lacks the section '{heading}'"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_failing_example_reports_rule(rule):
    findings = _lint_example(rule, "Failing example", _example_options(rule))
    assert rule.id in {finding.rule_id for finding in findings}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_fixed_example_is_clean(rule):
    findings = _lint_example(rule, "Fixed example")
    assert [f"{finding.rule_id} {finding.message}" for finding in findings] == []


@pytest.mark.parametrize("rule", [rule for rule in RULES if _example_options(rule)], ids=lambda rule: rule.id)
def test_fixed_example_is_clean_with_example_options(rule):
    findings = _lint_example(rule, "Fixed example", _example_options(rule))
    assert [f"{finding.rule_id} {finding.message}" for finding in findings] == []


@pytest.mark.parametrize("rule", [rule for rule in RULES if _example_options(rule)], ids=lambda rule: rule.id)
def test_example_options_are_declared_and_documented(rule):
    options = _example_options(rule)
    assert set(options) <= set(rule.options)
    for name in options:
        # The documentation names options as a configuration file writes them.
        assert f"`{option_name(name)}`" in rule.section("Options")


def test_rule_ids_are_unique_and_sorted():
    ids = [rule.id for rule in RULES]
    assert ids == sorted(set(ids))


def test_catalog_rules_of_first_release_exist():
    expected = {"CRML001", "CRML002", "CRML003", *(f"CRML10{n}" for n in range(1, 9)),
                "CRML201", "CRML203", "CRML301", "CRML302", "CRML401", "CRML402", "CRML403", "CRML404"}
    assert expected <= {rule.id for rule in RULES}
