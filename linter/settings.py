"""Run settings: which rules run, at which level, with which options, and when a run fails."""

from __future__ import annotations

import os
from fnmatch import fnmatch
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple, Optional, Tuple

from .finding import LEVELS


class Settings(NamedTuple):
    """What the user chose for one run.

    Selectors are rule IDs or prefixes of them (`CRML2`). As in ruff, the most specific
    selector that matches a rule decides: `select = ["CRML2"]` with `ignore = ["CRML205"]`
    runs every CRML2xx rule but CRML205. On equal length, `ignore` wins.
    """

    select: Tuple[str, ...] = ("CRML",)
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    severity: Mapping[str, str] = MappingProxyType({})
    fail_on: str = "error"
    rule_options: Mapping[str, Mapping[str, Any]] = MappingProxyType({})
    exclude: Tuple[str, ...] = ()
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    config_path: Optional[str] = None

    def is_enabled(self, rule_id: str) -> bool:
        chosen = _longest_match(rule_id, self.select + self.extend_select)
        dropped = _longest_match(rule_id, self.ignore)
        if chosen is None:
            return False
        return dropped is None or len(chosen) > len(dropped)

    def level_for(self, rule_id: str, default: str) -> str:
        return self.severity.get(rule_id, default)

    def fails(self, level: str) -> bool:
        """True when a finding of this level reaches the fail level."""
        return LEVELS.index(level) >= LEVELS.index(self.fail_on)

    def ignored_by_file(self, rule_id: str, path: str) -> bool:
        """True when a `per_file_ignores` glob matches the file and one of its selectors the rule.

        A glob with a `/` matches the path relative to the configuration file's folder
        (`fixtures/**`); a glob without one matches the file name too (`*.json`).
        """
        if not self.per_file_ignores:
            return False
        relative = self._relative(path)
        name = relative.rsplit("/", 1)[-1]
        for glob, selectors in self.per_file_ignores:
            matched = fnmatch(relative, glob) or ("/" not in glob and fnmatch(name, glob))
            if matched and _longest_match(rule_id, selectors) is not None:
                return True
        return False

    def excludes(self, path: str) -> bool:
        """True when an `exclude` glob matches the path relative to the configuration file's folder, or a part of it.

        As with --exclude, a glob may name a folder on the way (`generated`) or trailing
        parts of the path (`tests/*.json`).
        """
        if not self.exclude:
            return False
        parts = self._relative(path).split("/")
        candidates = {"/".join(parts[start:end]) for end in range(1, len(parts) + 1) for start in range(end)}
        return any(fnmatch(candidate, glob.rstrip("/")) for glob in self.exclude for candidate in candidates)

    def _relative(self, path: str) -> str:
        folder = os.path.dirname(os.path.abspath(self.config_path)) if self.config_path else os.getcwd()
        relative = os.path.relpath(os.path.abspath(path), folder)
        return relative.replace(os.sep, "/")


def _longest_match(rule_id: str, selectors: Tuple[str, ...]) -> Optional[str]:
    matches = [selector for selector in selectors if rule_id.startswith(selector.upper())]
    return max(matches, key=len) if matches else None
