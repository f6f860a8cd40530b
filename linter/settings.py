"""Run settings: which rules run, at which level, with which options, and when a run fails."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Tuple

from .finding import LEVELS


@dataclass(frozen=True)
class Settings:
    """What the user chose for one run.

    Selectors are rule IDs or prefixes of them (`CRML2`). As in ruff, the most specific
    selector that matches a rule decides: `select = ["CRML2"]` with `ignore = ["CRML205"]`
    runs every CRML2xx rule but CRML205. On equal length, `ignore` wins.
    """

    select: Tuple[str, ...] = ("CRML",)
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

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


def _longest_match(rule_id: str, selectors: Tuple[str, ...]) -> Optional[str]:
    matches = [selector for selector in selectors if rule_id.startswith(selector.upper())]
    return max(matches, key=len) if matches else None
