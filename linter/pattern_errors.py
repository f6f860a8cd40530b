"""Locating a regular expression error at the character a user has to fix.

The `regex` module reports most errors at the offending character, but an unclosed group
or character set at the end of the pattern, where nothing is wrong yet. Pointing at the
opening `(` or `[` that was never closed tells the user what to fix. A pattern that
crml-lint does not compile because of its counts is reported at the count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from .document import format_path
from .finding import Problem
from .quantifiers import MAX_COUNTED_COPIES, OversizedCount
from .string_positions import span_of_characters

if TYPE_CHECKING:
    from .document import ScalarNode
    from .patterns import CompileError
    from .source import SourceFile

_UNCLOSED_GROUP = "missing )"
_UNCLOSED_SET = "unterminated character set"
# A count longer than this is cut short in messages.
_MAX_SHOWN_COUNT = 24


def describe_error(pattern: str, message: str, position: Optional[int]) -> tuple[int, str]:
    """The index of the character to point at, and a sentence that says what is wrong there and how to fix it."""
    index = error_position(pattern, message, position)
    character = pattern[index] if index < len(pattern) else ""
    where = f"at position {index + 1}"
    if message.startswith(_UNCLOSED_GROUP) and character == "(":
        return index, f"the group opened {where} is never closed; add a ')' or write '\\(' for a literal parenthesis"
    if message.startswith(_UNCLOSED_SET) and character == "[":
        return index, f"the character set opened {where} is never closed; add a ']' or write '\\[' for a literal bracket"
    if message.startswith("unbalanced parenthesis"):
        return index, f"the ')' {where} closes no group; remove it or write '\\)' for a literal parenthesis"
    if message.startswith(("nothing to repeat", "multiple repeat")) and character:
        return index, f"the '{character}' {where} has nothing to repeat; write '\\{character}' to match it literally"
    return index, f"{message} {where}"


def error_position(pattern: str, message: str, position: Optional[int]) -> int:
    """The index into `pattern` of the character to point at for an error of `regex.compile`."""
    if message.startswith((_UNCLOSED_GROUP, _UNCLOSED_SET)):
        opening = _unclosed_opening(pattern, message.startswith(_UNCLOSED_SET))
        if opening is not None:
            return opening
    index = position if position is not None else 0
    return min(index, max(len(pattern) - 1, 0))


def _unclosed_opening(pattern: str, want_set: bool) -> Optional[int]:
    open_groups: list[int] = []
    set_start: Optional[int] = None
    index = 0
    while index < len(pattern):
        character = pattern[index]
        if character == "\\":
            index += 2
            continue

        if set_start is not None:
            # A `]` right after `[` or `[^` is a literal member of the set.
            first_member = index == set_start + 1 or (index == set_start + 2 and pattern[set_start + 1] == "^")
            if character == "]" and not first_member:
                set_start = None
        elif character == "[":
            set_start = index
        elif character == "(":
            open_groups.append(index)
        elif character == ")" and open_groups:
            open_groups.pop()
        index += 1

    if want_set:
        return set_start
    return open_groups[-1] if open_groups else None


def invalid_pattern_problem(source: "SourceFile", node: "ScalarNode", error: "CompileError") -> Problem:
    """Report a pattern that does not compile, at the character to fix inside its string."""
    index, explanation = describe_error(node.value, error.msg, error.pos)
    path = format_path(node.user_path)
    return Problem(
        message=f"{path} is not a valid regular expression: {explanation}",
        span=span_of_characters(source, node, index, index + 1),
        field_path=path,
        identity=str(index),
    )


def oversized_count_problem(source: "SourceFile", node: "ScalarNode", count: OversizedCount) -> Problem:
    """Report a pattern whose counts make more copies than crml-lint compiles, at the count that goes past the limit."""
    text = node.value[count.start:count.end]
    if len(text) > _MAX_SHOWN_COUNT:
        text = text[:_MAX_SHOWN_COUNT] + "...}"
    path = format_path(node.user_path)
    return Problem(
        message=(
            f"{path} has a repeat count larger than crml-lint can check: '{text}' at position {count.start + 1} "
            f"makes the counted repeats copy more than {MAX_COUNTED_COPIES:,} characters, classes or groups, "
            "the most that crml-lint compiles; write a smaller count"
        ),
        span=span_of_characters(source, node, count.start, count.end),
        field_path=path,
        identity=str(count.start),
    )


def uncompiled_pattern_problem(
    source: "SourceFile", node: "ScalarNode", reason: Union["CompileError", OversizedCount]
) -> Problem:
    """Report a pattern that was not compiled, for either reason that `compile_pattern` returns."""
    if isinstance(reason, OversizedCount):
        return oversized_count_problem(source, node, reason)
    return invalid_pattern_problem(source, node, reason)
