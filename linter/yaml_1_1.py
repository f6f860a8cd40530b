"""Typing of plain YAML scalars under YAML 1.1, the rules of PyYAML's default resolver.

CloudFormation templates follow these rules: `yes`/`no`/`on`/`off` are booleans,
`0`-prefixed integers are octal, underscores may group digits, `1:30` is sexagesimal, and
dates are timestamps. `crml_lint.yaml_typing` dispatches here for version "1.1".
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any, Callable

from .yaml_typing import IntegerTooLongError, decimal_integer

# The exact forms that PyYAML 6 resolves.
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = re.compile(r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF")
_TRUE_WORDS = ("yes", "true", "on")
_INT = re.compile(
    r"""[-+]?0b[0-1_]+
      | [-+]?0[0-7_]+
      | [-+]?(?:0|[1-9][0-9_]*)
      | [-+]?0x[0-9a-fA-F_]+
      | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+""",
    re.VERBOSE,
)
# A 1.1 float needs a decimal point, and an exponent needs its sign: `1e3` is a string.
_FLOAT = re.compile(
    r"""[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?
      | \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
      | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
      | [-+]?\.(?:inf|Inf|INF)
      | \.(?:nan|NaN|NAN)""",
    re.VERBOSE,
)
_TIMESTAMP = re.compile(
    r"""(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})
        (?:(?:[Tt]|[ \t]+)
           (?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})
           (?:\.(?P<fraction>[0-9]*))?
           (?:[ \t]*(?P<zone>Z|(?P<zone_sign>[-+])(?P<zone_hour>[0-9]{1,2})(?::(?P<zone_minute>[0-9]{2}))?))?
        )?""",
    re.VERBOSE,
)
# A date alone must have two-digit month and day; the one-digit forms need a time.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def resolve_1_1(text: str) -> tuple[str, Any]:
    """Type a plain scalar by its text as PyYAML's default resolver does; see yaml_typing.resolve_plain."""
    if _NULL.fullmatch(text):
        return "null", None
    if _BOOL.fullmatch(text):
        return "bool", text.lower() in _TRUE_WORDS

    # Forms that match a pattern but hold no value (`0b_`, `2024-02-30`) are strings:
    # PyYAML raises an error on them instead.
    converters: tuple[tuple[str, re.Pattern, Callable[[str], Any]], ...] = (
        ("int", _INT, _integer_1_1),
        ("float", _FLOAT, _float_1_1),
        ("timestamp", _TIMESTAMP, _timestamp_1_1),
    )
    for tag, pattern, convert in converters:
        if not pattern.fullmatch(text):
            continue
        if tag == "timestamp" and not _is_timestamp_form(text):
            continue
        try:
            return tag, convert(text)
        except IntegerTooLongError:
            raise
        except ValueError:
            return "str", text
    return "str", text


def _integer_1_1(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")

    if digits == "0":
        return 0
    if digits.startswith("0b"):
        return sign * int(digits[2:], 2)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    if digits.startswith("0"):
        return sign * int(digits, 8)
    if ":" in digits:
        return sign * _sexagesimal([int(part) for part in digits.split(":")])
    return sign * decimal_integer(digits)


def _float_1_1(text: str) -> float:
    digits = text.replace("_", "").lower()
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")

    if digits == ".inf":
        return sign * math.inf
    if digits == ".nan":
        return math.nan
    if ":" in digits:
        return sign * float(_sexagesimal([float(part) for part in digits.split(":")]))
    return sign * float(digits)


def _sexagesimal(parts: list) -> Any:
    # `190:20:30` is 190 * 60 * 60 + 20 * 60 + 30: each part counts sixty of the next.
    total = 0
    for part in parts:
        total = total * 60 + part
    return total


def _is_timestamp_form(text: str) -> bool:
    match = _TIMESTAMP.fullmatch(text)
    return match is not None and (match.group("hour") is not None or _DATE.fullmatch(text) is not None)


def _timestamp_1_1(text: str) -> Any:
    match = _TIMESTAMP.fullmatch(text)
    year, month, day = int(match.group("year")), int(match.group("month")), int(match.group("day"))
    if match.group("hour") is None:
        return datetime.date(year, month, day)

    # The fraction is kept to microseconds, the resolution of datetime.
    fraction = (match.group("fraction") or "")[:6].ljust(6, "0")
    zone = None
    if match.group("zone_sign"):
        offset = datetime.timedelta(hours=int(match.group("zone_hour")), minutes=int(match.group("zone_minute") or 0))
        zone = datetime.timezone(-offset if match.group("zone_sign") == "-" else offset)
    elif match.group("zone"):
        zone = datetime.timezone.utc
    return datetime.datetime(
        year, month, day,
        int(match.group("hour")), int(match.group("minute")), int(match.group("second")), int(fraction),
        tzinfo=zone,
    )
