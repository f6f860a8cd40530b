"""Typing of YAML scalars: which plain scalars are numbers, booleans, nulls or dates.

Two schemas are known:

- "1.2", the YAML 1.2 core schema, which the AWS CLI v2 applies to `--cli-input-yaml`.
  Its only special words are `true`, `false`, `null` and `~` (in three letter cases).
  Integers are decimal, `0o` octal or `0x` hexadecimal, and a leading zero is a digit.
- "1.1", the rules of PyYAML's default resolver (YAML 1.1 types), which CloudFormation
  templates follow: `yes`/`no`/`on`/`off` are booleans, `0`-prefixed integers are octal,
  underscores may group digits, `1:30` is sexagesimal, and dates are timestamps. The 1.1
  type `value` (a lone `=`) has no Python meaning here and stays a string.

Only plain scalars are typed from their text: quoted and block scalars are strings. This
module does not import PyYAML, so a tree can be retyped without it.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any, Callable, Iterator, Optional

from .document import MappingNode, Node, ScalarNode, SequenceNode
from .loading import MAX_INTEGER_DIGITS

CORE_SCHEMA = "1.2"
YAML_1_1 = "1.1"
VERSIONS = (CORE_SCHEMA, YAML_1_1)

STANDARD_SCALAR_TAGS = ("str", "int", "float", "bool", "null")
"""The scalar tags an explicit `!!tag` may name; each types its text with the rules of the schema in use."""


class IntegerTooLongError(ValueError):
    """A decimal integer with more digits than Python converts to an int by default."""

    def __init__(self, text: str, digit_count: int):
        super().__init__(f"{text[:20]}... has {digit_count} digits")
        self.digit_count = digit_count


# YAML 1.2 core schema, as the YAML 1.2.2 specification states it.
_CORE_NULL = re.compile(r"null|Null|NULL|~|")
_CORE_TRUE = re.compile(r"true|True|TRUE")
_CORE_FALSE = re.compile(r"false|False|FALSE")
_CORE_DECIMAL = re.compile(r"[-+]?[0-9]+")
_CORE_OCTAL = re.compile(r"0o[0-7]+")
_CORE_HEXADECIMAL = re.compile(r"0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_CORE_INFINITY = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_CORE_NAN = re.compile(r"\.(?:nan|NaN|NAN)")

# YAML 1.1 types, with the exact forms that PyYAML 6 resolves.
_V11_NULL = re.compile(r"~|null|Null|NULL|")
_V11_BOOL = re.compile(r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF")
_V11_TRUE_WORDS = ("yes", "true", "on")
_V11_INT = re.compile(
    r"""[-+]?0b[0-1_]+
      | [-+]?0[0-7_]+
      | [-+]?(?:0|[1-9][0-9_]*)
      | [-+]?0x[0-9a-fA-F_]+
      | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+""",
    re.VERBOSE,
)
# A 1.1 float needs a decimal point, and an exponent needs its sign: `1e3` is a string.
_V11_FLOAT = re.compile(
    r"""[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?
      | \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
      | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
      | [-+]?\.(?:inf|Inf|INF)
      | \.(?:nan|NaN|NAN)""",
    re.VERBOSE,
)
_V11_TIMESTAMP = re.compile(
    r"""(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})
        (?:(?:[Tt]|[ \t]+)
           (?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})
           (?:\.(?P<fraction>[0-9]*))?
           (?:[ \t]*(?P<zone>Z|(?P<zone_sign>[-+])(?P<zone_hour>[0-9]{1,2})(?::(?P<zone_minute>[0-9]{2}))?))?
        )?""",
    re.VERBOSE,
)
# A date alone must have two-digit month and day; the one-digit forms need a time.
_V11_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def resolve_plain(text: str, version: str = CORE_SCHEMA) -> tuple[str, Any]:
    """Type a plain scalar by its text: return its tag and value.

    The tag is one of "str", "int", "float", "bool", "null" and, in YAML 1.1 only,
    "timestamp" (a `datetime.date`, or a `datetime.datetime` when a time is given).
    Raise IntegerTooLongError for a decimal integer that Python would not convert.
    """
    if version == CORE_SCHEMA:
        return _resolve_core(text)
    if version == YAML_1_1:
        return _resolve_1_1(text)
    raise ValueError(f"unknown YAML version {version!r}; expected one of {', '.join(VERSIONS)}")


def construct_tagged(tag: str, text: str, version: str = CORE_SCHEMA) -> Any:
    """Convert the text of a scalar that carries an explicit standard tag (`!!int 12`).

    `tag` is one of STANDARD_SCALAR_TAGS. Raise ValueError when the text is not a value
    of that type in the schema of `version` (`!!bool yes` under YAML 1.2), and
    IntegerTooLongError for an integer that Python would not convert.
    """
    if tag == "str":
        return text

    resolved_tag, value = resolve_plain(text, version)
    if resolved_tag == tag:
        return value
    # An integer is a float's value too: `!!float 1` is 1.0.
    if tag == "float" and resolved_tag == "int":
        return float(value)
    raise ValueError(f"{text!r} is not a YAML {version} {tag}")


def retype(root: Optional[Node], version: str) -> None:
    """Re-type every plain scalar value of a loaded tree, in place, under the schema of `version`.

    Mapping keys are left as they are, because a loaded mapping's keys are strings by
    then. Quoted, block and explicitly tagged scalars are not plain and keep their type.
    """
    if version not in VERSIONS:
        raise ValueError(f"unknown YAML version {version!r}; expected one of {', '.join(VERSIONS)}")

    for node in _scalars(root):
        if not node.plain:
            continue
        try:
            node.tag, node.value = resolve_plain(node.text, version)
        except IntegerTooLongError:
            # NOTE: the node keeps its former type. Loading stops at such an integer, so
            # this happens only where this schema alone reads the text as a decimal
            # integer, as YAML 1.2 reads a `0`-prefixed one with thousands of digits.
            continue


def _scalars(root: Optional[Node]) -> Iterator[ScalarNode]:
    # An explicit stack keeps deep trees from reaching Python's recursion limit.
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            yield node
        elif isinstance(node, MappingNode):
            stack.extend(reversed(list(node.values.values())))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.items))


# YAML 1.2 core schema


def _resolve_core(text: str) -> tuple[str, Any]:
    if _CORE_NULL.fullmatch(text):
        return "null", None
    if _CORE_TRUE.fullmatch(text):
        return "bool", True
    if _CORE_FALSE.fullmatch(text):
        return "bool", False
    if _CORE_DECIMAL.fullmatch(text):
        return "int", _decimal_integer(text)
    if _CORE_OCTAL.fullmatch(text):
        return "int", int(text[2:], 8)
    if _CORE_HEXADECIMAL.fullmatch(text):
        return "int", int(text[2:], 16)
    if _CORE_FLOAT.fullmatch(text):
        return "float", float(text)
    if _CORE_INFINITY.fullmatch(text):
        return "float", -math.inf if text.startswith("-") else math.inf
    if _CORE_NAN.fullmatch(text):
        return "float", math.nan
    return "str", text


# YAML 1.1, as PyYAML reads it


def _resolve_1_1(text: str) -> tuple[str, Any]:
    if _V11_NULL.fullmatch(text):
        return "null", None
    if _V11_BOOL.fullmatch(text):
        return "bool", text.lower() in _V11_TRUE_WORDS

    # Forms that match a pattern but hold no value (`0b_`, `2024-02-30`) are strings:
    # PyYAML raises an error on them instead.
    converters: tuple[tuple[str, re.Pattern, Callable[[str], Any]], ...] = (
        ("int", _V11_INT, _integer_1_1),
        ("float", _V11_FLOAT, _float_1_1),
        ("timestamp", _V11_TIMESTAMP, _timestamp_1_1),
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
    return sign * _decimal_integer(digits)


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
    match = _V11_TIMESTAMP.fullmatch(text)
    return match is not None and (match.group("hour") is not None or _V11_DATE.fullmatch(text) is not None)


def _timestamp_1_1(text: str) -> Any:
    match = _V11_TIMESTAMP.fullmatch(text)
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


def _decimal_integer(text: str) -> int:
    digit_count = len(text.lstrip("+-"))
    if digit_count > MAX_INTEGER_DIGITS:
        raise IntegerTooLongError(text, digit_count)
    try:
        return int(text)
    except ValueError:
        # The interpreter's own limit may be lower (PYTHONINTMAXSTRDIGITS).
        raise IntegerTooLongError(text, digit_count) from None
