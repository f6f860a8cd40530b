"""Positions of characters inside a string value, for findings that point into a string.

A regular expression error is reported at the offending character, but the engine reports
an index into the decoded value, while the source may spell that value with quotes and
escapes (`"\\d+\\("` in JSON). This module maps value indexes back to source columns.
"""

from __future__ import annotations

from typing import Optional

from .document import ScalarNode, Span
from .source import SourceFile

_SIMPLE_ESCAPES = {'"': 1, "\\": 1, "/": 1, "b": 1, "f": 1, "n": 1, "r": 1, "t": 1,
                   "0": 1, "a": 1, "e": 1, " ": 1, "N": 1, "_": 1, "L": 1, "P": 1, "v": 1}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def span_of_characters(source: SourceFile, node: ScalarNode, start: int, end: int) -> Span:
    """The source span of characters `start` to `end` (exclusive) of the node's string value.

    Falls back to the whole node's span where the spelling cannot be mapped one line at a
    time (folded or multi-line scalars).
    """
    value = node.value if isinstance(node.value, str) else None
    span = node.span
    if value is None or span.start_line != span.end_line:
        return span

    raw_start = source.offset(span.start_line, span.start_column)
    raw = source.text[raw_start:source.offset(span.end_line, span.end_column)]
    index_map = _index_map(raw, value)
    if index_map is None:
        return span

    start = min(max(start, 0), len(value))
    end = min(max(end, start), len(value))
    return source.span(raw_start + index_map[start], raw_start + index_map[end])


def _index_map(raw: str, value: str) -> Optional[list[int]]:
    """For each index into `value` (and one past its end), the index into `raw` where it is spelt."""
    if raw == value:
        return list(range(len(value) + 1))
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return _single_quoted_map(raw, value)
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        return _double_quoted_map(raw, value)
    return None


def _single_quoted_map(raw: str, value: str) -> Optional[list[int]]:
    index_map = []
    position = 1
    while position < len(raw) - 1:
        index_map.append(position)
        position += 2 if raw[position] == "'" else 1
    index_map.append(len(raw) - 1)
    return index_map if len(index_map) == len(value) + 1 else None


def _double_quoted_map(raw: str, value: str) -> Optional[list[int]]:
    index_map = []
    position = 1
    while position < len(raw) - 1:
        index_map.append(position)
        if raw[position] != "\\":
            position += 1
            continue
        letter = raw[position + 1] if position + 1 < len(raw) else ""
        if letter in _SIMPLE_ESCAPES:
            position += 2
        elif letter in _HEX_ESCAPES:
            width = _HEX_ESCAPES[letter]
            code = int(raw[position + 2:position + 2 + width] or "0", 16)
            position += 2 + width
            # A JSON surrogate pair spells one character with two escapes.
            if 0xD800 <= code <= 0xDBFF and raw[position:position + 2] == "\\u":
                low = int(raw[position + 2:position + 6] or "0", 16)
                if 0xDC00 <= low <= 0xDFFF:
                    position += 6
        else:
            return None
    index_map.append(len(raw) - 1)
    return index_map if len(index_map) == len(value) + 1 else None
