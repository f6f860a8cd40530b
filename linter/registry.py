"""The rule registry: the built-in rules, plus rules that other distributions register.

Third-party rules register modules (or objects with the same attributes) under the
entry-point group `crml_lint.rules`. Scanning entry points reads every installed
distribution's metadata, so the engine calls this only once a file is known to hold an
association.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
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
    rules = []
    for name, value in plugin_entry_points():
        try:
            loaded = _load_entry_point(value)
        except Exception as error:  # a broken plugin must not look like a crml-lint crash
            raise RuleDefinitionError(f"plugin rule {name!r} ({value}) failed to import: {error}") from error
        rules.append(loaded if isinstance(loaded, Rule) else rule_from_module(_as_module(loaded, value)))
    return rules


def plugin_entry_points() -> list[tuple[str, str]]:
    """The (name, `module:attribute`) pairs of the `crml_lint.rules` group, in `sys.path` order.

    This reads the `entry_points.txt` of each distribution directly. importlib.metadata
    gives the same answer, but importing it and parsing every distribution's metadata
    cost about 20 ms, which a run of one file should not pay. As in importlib.metadata,
    a distribution found earlier on `sys.path` hides a later one of the same name.
    """
    found = []
    seen_distributions: set[str] = set()
    for folder in sys.path:
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            distribution = _normalized_distribution(name)
            if distribution in seen_distributions:
                continue
            seen_distributions.add(distribution)
            found.extend(_group_entries(os.path.join(folder or ".", name, "entry_points.txt")))
    return found


def folder_rules(folder: str) -> list[Rule]:
    """Import every `*.py` in a folder as a rule module, in name order; names starting with `_` are skipped.

    Only the command line's --rules-dir calls this: a configuration file never names code
    to import, so that linting an untrusted repository does not run its code.
    """
    import importlib.util

    rules = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py") or name.startswith("_"):
            continue
        path = os.path.join(folder, name)
        module_name = f"crml_lint_local_rules.{os.path.basename(os.path.abspath(folder))}.{name[:-3]}"
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise RuleDefinitionError(f"rule module {path} cannot be imported")
        module = importlib.util.module_from_spec(spec)
        # Registered before it runs, as an import does, so that dataclasses and pickling in it work.
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as error:  # a broken local rule must not look like a crml-lint crash
            del sys.modules[module_name]
            raise RuleDefinitionError(f"rule module {path} failed to import: {type(error).__name__}: {error}") from error
        rules.append(rule_from_module(module))
    return rules


def all_rules(include_plugins: bool = True) -> list[Rule]:
    """Built-in and plugin rules, sorted by ID. Raise RuleDefinitionError when two rules share an ID."""
    rules = builtin_rules()
    if include_plugins:
        rules += plugin_rules()
    return _sorted_unique(rules)


def find_rule(rule_id: str, rules: Iterable[Rule]) -> Optional[Rule]:
    """The rule with this ID or name, ignoring letter case."""
    requested = rule_id.strip().lower()
    for rule in rules:
        if rule.id.lower() == requested or rule.name.lower() == requested:
            return rule
    return None


def _sorted_unique(rules: Iterable[Rule]) -> list[Rule]:
    by_id: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in by_id and by_id[rule.id].origin != rule.origin:
            raise RuleDefinitionError(f"rule ID {rule.id} is defined twice: in {by_id[rule.id].origin} and in {rule.origin}")
        by_id[rule.id] = rule
    return [by_id[rule_id] for rule_id in sorted(by_id)]


def _normalized_distribution(folder_name: str) -> str:
    # "crml_lint-0.1.0.dist-info" and "crml-lint.egg-info" name the same distribution.
    stem = folder_name.rsplit(".", 1)[0]
    return stem.split("-", 1)[0].lower().replace("_", "-").replace(".", "-")


def _group_entries(path: str) -> list[tuple[str, str]]:
    try:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    except OSError:
        return []
    if f"[{ENTRY_POINT_GROUP}]" not in text:
        return []

    entries = []
    in_group = False
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            in_group = line == f"[{ENTRY_POINT_GROUP}]"
        elif in_group and "=" in line:
            name, _, value = line.partition("=")
            entries.append((name.strip(), value.split("[", 1)[0].strip()))
    return entries


def _load_entry_point(value: str) -> object:
    module_name, _, attribute = value.partition(":")
    loaded: object = importlib.import_module(module_name.strip())
    for part in filter(None, attribute.strip().split(".")):
        loaded = getattr(loaded, part)
    return loaded


def _as_module(loaded: object, value: str) -> ModuleType:
    if isinstance(loaded, ModuleType):
        return loaded
    wrapper = ModuleType(value)
    wrapper.__dict__.update({name: getattr(loaded, name) for name in dir(loaded) if not name.startswith("__")})
    wrapper.__doc__ = getattr(loaded, "__doc__", "")
    return wrapper
