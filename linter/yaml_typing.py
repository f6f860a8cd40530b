"""Typing of YAML scalars: which plain scalars are numbers, booleans, nulls or dates.

Two schemas are known:

- "1.2", the YAML 1.2 core schema, which the AWS CLI v2 applies to `--cli-input-yaml`.
  Its only special words are `true`, `false`, `null` and `~` (in three letter cases).
  Integers are decimal, `0o` octal or `0x` hexadecimal, and a leading zero is a digit.
- "1.1", the rules of PyYAML's default resolver (YAML 1.1 types), which CloudFormation
  templates follow: `yes`/`no`/`on`/`off` are booleans, `0`-prefixed integers are octal,
  underscores may group digits, `1:30` is sexagesimal, and dates are timestamps. The 1.1
  type `value` (a lone `=`) has no Python meaning here and stays a string. Its rules are
  in `crml_lint.yaml_1_1`.

Only plain scalars are typed from their text: quoted and block scalars are strings. This
module does not import PyYAML, so a tree can be retyped without it.
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterator, Optional

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

def resolve_plain(text: str, version: str = CORE_SCHEMA) -> tuple[str, Any]:
    """Type a plain scalar by its text: return its tag and value.

    The tag is one of "str", "int", "float", "bool", "null" and, in YAML 1.1 only,
    "timestamp" (a `datetime.date`, or a `datetime.datetime` when a time is given).
    Raise IntegerTooLongError for a decimal integer that Python would not convert.
    """
    if version == CORE_SCHEMA:
        return _resolve_core(text)
    if version == YAML_1_1:
        # Imported on first use: only templates are read as YAML 1.1, and compiling its
        # patterns costs start-up time that a run over API requests need not pay.
        from .yaml_1_1 import resolve_1_1

        return resolve_1_1(text)
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
        return "int", decimal_integer(text)
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


def decimal_integer(text: str) -> int:
    digit_count = len(text.lstrip("+-"))
    if digit_count > MAX_INTEGER_DIGITS:
        raise IntegerTooLongError(text, digit_count)
    try:
        return int(text)
    except ValueError:
        # The interpreter's own limit may be lower (PYTHONINTMAXSTRDIGITS).
        raise IntegerTooLongError(text, digit_count) from None
