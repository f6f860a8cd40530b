"""Reading a rule's options, which reach `check` merged from the rule's defaults and the user's settings.

A configuration file is validated by its schema before a run, but options may also come
from the Python API or a plugin's tests, so each rule reads its options through these
functions. A value of the wrong type raises InvalidOptionError, which names the rule, the
option and the value: a privacy cap that is silently ignored is worse than a stopped run.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Mapping


class InvalidOptionError(ValueError):
    """A rule option whose value has the wrong type or is out of range."""


def option_name(name: str) -> str:
    """Spell an OPTIONS key as a configuration file writes it: `max_artifact_size_gb` as `max-artifact-size-gb`.

    Messages and docs use this kebab-case form because a configuration file rejects the
    snake_case one. The Python API takes the snake_case keys of OPTIONS.
    """
    return name.replace("_", "-")


def number_option(options: Mapping[str, Any], name: str, rule_id: str) -> float:
    """Read a positive, finite number; booleans and numeric strings are rejected."""
    value = options[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise InvalidOptionError(f"option {option_name(name)} of {rule_id} must be a positive number, not {value!r}")
    return value


def string_list_option(options: Mapping[str, Any], name: str, rule_id: str) -> list[str]:
    """Read a list of strings; a single string is rejected, because it would be read as a list of letters."""
    value = options[name]
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise InvalidOptionError(f"option {option_name(name)} of {rule_id} must be a list of strings, not {value!r}")
    for item in value:
        if not isinstance(item, str):
            raise InvalidOptionError(f"option {option_name(name)} of {rule_id} must hold only strings, not {item!r}")
    return list(value)


def choice_option(options: Mapping[str, Any], name: str, rule_id: str, choices: Iterable[str]) -> str:
    """Read one of `choices`, in any letter case; return it as `choices` spell it."""
    value = options[name]
    allowed = {choice.upper(): choice for choice in choices}
    if not isinstance(value, str) or value.upper() not in allowed:
        raise InvalidOptionError(f"option {option_name(name)} of {rule_id} must be one of {', '.join(allowed.values())}, not {value!r}")
    return allowed[value.upper()]
