"""The rule registry: the built-in rules, plus rules that other distributions register.

Third-party rules register modules (or objects with the same attributes) under the
entry-point group `crml_lint.rules`. Scanning entry points reads every installed
distribution's metadata, so the engine calls this only once a file is known to hold an
association.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Iterable, Optional

from .rule import Rule, RuleDefinitionError, rule_from_module

ENTRY_POINT_GROUP = "crml_lint.rules"

_builtin_rules: Optional[list[Rule]] = None


def builtin_rules() -> list[Rule]:
    """The rules shipped in `crml_lint.rules`, sorted by ID; imported once per process."""
    global _builtin_rules
    if _builtin_rules is None:

        package = importlib.import_module("crml_lint.rules")
        modules = [
            importlib.import_module(f"{package.__name__}.{info.name}")
            for info in pkgutil.iter_modules(package.__path__)
            if not info.name.startswith("_")
        ]
        _builtin_rules = _sorted_unique(rule_from_module(module) for module in modules)
    return list(_builtin_rules)


def plugin_rules() -> list[Rule]:
    """The rules that installed distributions register under the `crml_lint.rules` entry-point group."""
    from importlib.metadata import entry_points

    rules = []
    for entry_point in _entry_points(entry_points()):
        try:
            loaded = entry_point.load()
        except Exception as error:  # a broken plugin must not look like a crml-lint crash
            raise RuleDefinitionError(
                f"plugin rule {entry_point.name!r} ({entry_point.value}) failed to import: {error}"
            ) from error
        rules.append(loaded if isinstance(loaded, Rule) else rule_from_module(_as_module(loaded, entry_point.value)))
    return rules


def all_rules(include_plugins: bool = True) -> list[Rule]:
    """Built-in and plugin rules, sorted by ID. Raise RuleDefinitionError when two rules share an ID."""
    rules = builtin_rules()
    if include_plugins:
        rules += plugin_rules()
    return _sorted_unique(rules)


def find_rule(rule_id: str, rules: Iterable[Rule]) -> Optional[Rule]:
    """The rule with this ID or name, ignoring letter case."""
    wanted = rule_id.strip().lower()
    for rule in rules:
        if rule.id.lower() == wanted or rule.name.lower() == wanted:
            return rule
    return None


def _sorted_unique(rules: Iterable[Rule]) -> list[Rule]:
    by_id: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in by_id and by_id[rule.id].origin != rule.origin:
            raise RuleDefinitionError(f"rule ID {rule.id} is defined twice: in {by_id[rule.id].origin} and in {rule.origin}")
        by_id[rule.id] = rule
    return [by_id[rule_id] for rule_id in sorted(by_id)]


def _entry_points(found) -> list:
    # Python 3.9 returns a dict of groups; 3.10 and later return an object with select().
    if hasattr(found, "select"):
        return list(found.select(group=ENTRY_POINT_GROUP))
    return list(found.get(ENTRY_POINT_GROUP, ()))


def _as_module(loaded: object, value: str) -> ModuleType:
    if isinstance(loaded, ModuleType):
        return loaded
    wrapper = ModuleType(value)
    wrapper.__dict__.update({name: getattr(loaded, name) for name in dir(loaded) if not name.startswith("__")})
    wrapper.__doc__ = getattr(loaded, "__doc__", "")
    return wrapper
