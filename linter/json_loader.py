"""The JSON loader: RFC 8259 text into nodes that know their spans.

The AWS CLI reads `--cli-input-json` with Python's `json` module, which gives no
positions, so this module parses the text itself. It accepts what that module accepts:
strict RFC 8259, plus lone surrogate escapes and `NaN`, `Infinity` and `-Infinity`.
Those three are reported as CRML103, because the service cannot receive them. Where a
key is repeated, the last value wins, as in the AWS CLI, and the repetition is CRML002.
"""

from __future__ import annotations

import re
from typing import Optional

from .document import MappingNode, Node, Path, PathItem, ScalarNode, SequenceNode, format_path
from .finding import Problem
from .loading import (
    MAX_INTEGER_DIGITS,
    MAX_NESTING_DEPTH,
    MAX_VALUES,
    UNPARSABLE_FILE,
    LoadedDocument,
    LoadResult,
    decoding_failure,
    duplicate_key_problem,
    nesting_too_deep_message,
    non_finite_number_problem,
    point_span,
    too_many_values_message,
)
from .source import SourceFile

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DIGITS = re.compile(r"[0-9]*")
_STRING_RUN = re.compile(r'[^"\\\x00-\x1f]*')
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_WORD = re.compile(r"[A-Za-z0-9_$.+-]+")
_GLUED_TEXT = re.compile(r"[\w$.+-]*")

_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LITERALS = {"true": True, "false": False, "null": None}
_NON_FINITE = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}

# Words that other languages use for JSON's literals, and what to write instead.
_FOREIGN_LITERALS = {
    "True": "true", "TRUE": "true", "False": "false", "FALSE": "false",
    "None": "null", "Null": "null", "NULL": "null", "nil": "null", "undefined": "null",
}


class _ParseError(Exception):
    """The reason the parser stopped, with its offsets into the text and the path it was reading."""

    def __init__(self, message: str, start: int, end: Optional[int] = None, path: Path = ()):
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end
        self.path = path


def load_json(source: SourceFile) -> LoadResult:
    """Load `source` as one JSON value; a syntax error is the result's CRML001 failure."""
    failed = decoding_failure(source)
    if failed is not None:
        return failed

    parser = _Parser(source)
    try:
        root = parser.parse_document()
    except _ParseError as error:
        if error.end is None:
            span = point_span(source, error.start)
        else:
            span = source.span(error.start, error.end)
        failure = Problem(message=error.message, span=span, field_path=format_path(error.path), rule_id=UNPARSABLE_FILE)
        return LoadResult(failure=failure)

    return LoadResult(documents=[LoadedDocument(root=root, index=0, problems=parser.problems)])


class _Parser:
    """A recursive-descent parser over the text of one source, recording each value's offsets."""

    def __init__(self, source: SourceFile):
        self.source = source
        self.text = source.text
        self.problems: list[Problem] = []
        self.depth = 0
        self.values_left = MAX_VALUES

    def parse_document(self) -> Node:
        position = self._skip_whitespace(0)
        if position == len(self.text):
            raise _ParseError("the file is empty; a JSON file needs one value, such as an object in braces", 0)

        root, position = self._value(position, ())

        position = self._skip_whitespace(position)
        if position < len(self.text):
            raise _ParseError(
                f"unexpected {self._found(position)} after the end of the JSON value; "
                "a JSON file contains exactly one value, so remove the extra text",
                position,
            )
        return root

    # Values

    def _value(self, position: int, path: Path) -> tuple[Node, int]:
        """Parse the value that starts at `position` (whitespace already skipped)."""
        text = self.text
        if position >= len(text):
            raise _ParseError(f"the file ends where {_describe_value(path)} was expected", position, path=path)

        char = text[position]
        if char == "{":
            return self._object(position, path)
        if char == "[":
            return self._array(position, path)
        if char == '"':
            value, end = self._string(position, path)
            return self._scalar(value, position, end, path, text=text[position + 1 : end - 1], plain=False, tag="str"), end
        if char == "-" or "0" <= char <= "9":
            return self._number(position, path)

        word_match = _WORD.match(text, position)
        word = word_match.group() if word_match else ""
        if word in _LITERALS:
            value = _LITERALS[word]
            tag = "null" if value is None else "bool"
            return self._scalar(value, position, position + len(word), path, text=word, plain=True, tag=tag), position + len(word)
        if word in _NON_FINITE:
            return self._non_finite(word, position, path), position + len(word)

        raise self._unexpected_value(position, word, path)

    def _unexpected_value(self, position: int, word: str, path: Path) -> _ParseError:
        char = self.text[position]
        if char == "'":
            return _ParseError("strings must be in double quotes, not single quotes", position, path=path)
        if char == "/":
            return _ParseError("JSON does not allow comments; remove the comment", position, path=path)
        if char == "+":
            return _ParseError("a JSON number cannot start with '+'; remove the '+'", position, path=path)
        if char == "." and word[1:2].isdigit():
            return _ParseError(
                f"a JSON number must start with a digit; write 0{word} for {word}",
                position, position + len(word), path=path,
            )
        if word in _FOREIGN_LITERALS:
            return _ParseError(
                f"{word} is not a JSON value; write {_FOREIGN_LITERALS[word]}",
                position, position + len(word), path=path,
            )
        if word:
            return _ParseError(
                f"{word} is not a JSON value; quote it if it is text: \"{word}\"",
                position, position + len(word), path=path,
            )
        return _ParseError(f"expected {_describe_value(path)}, but found {self._found(position)}", position, path=path)

    def _scalar(self, value: object, start: int, end: int, path: Path, *, text: str, plain: bool, tag: str) -> ScalarNode:
        self.values_left -= 1
        if self.values_left < 0:
            raise _ParseError(too_many_values_message(), start, end, path=path)
        return ScalarNode(value, self.source.span(start, end), text=text, plain=plain, tag=tag, user_path=path)

    def _non_finite(self, word: str, position: int, path: Path) -> ScalarNode:
        node = self._scalar(_NON_FINITE[word], position, position + len(word), path, text=word, plain=True, tag="float")
        self.problems.append(non_finite_number_problem(node))
        return node

    # Numbers

    def _number(self, start: int, path: Path) -> tuple[Node, int]:
        text = self.text
        position = start
        if text[position] == "-":
            position += 1
            if text.startswith("Infinity", position):
                return self._non_finite("-Infinity", start, path), position + len("Infinity")
            if position >= len(text) or not "0" <= text[position] <= "9":
                raise _ParseError("expected a digit after '-'", position, path=path)

        integer_start = position
        position = _DIGITS.match(text, position).end()
        if text[integer_start] == "0" and position - integer_start > 1:
            literal = text[start:position]
            raise _ParseError(
                f"the number {literal} has a leading zero, which JSON does not allow; "
                "remove the zero, or put the value in double quotes if it is text",
                start, position, path=path,
            )

        is_float = False
        if text.startswith(".", position):
            fraction_end = _DIGITS.match(text, position + 1).end()
            if fraction_end == position + 1:
                raise _ParseError("expected a digit after the decimal point", position + 1, path=path)
            position = fraction_end
            is_float = True

        if position < len(text) and text[position] in "eE":
            exponent_start = position + 1
            if exponent_start < len(text) and text[exponent_start] in "+-":
                exponent_start += 1
            exponent_end = _DIGITS.match(text, exponent_start).end()
            if exponent_end == exponent_start:
                raise _ParseError("expected a digit in the exponent of the number", exponent_start, path=path)
            position = exponent_end
            is_float = True

        # Text glued to a number (`0x1F`, `1.5.2`, `12px`) is one mistaken number to the
        # reader, so it is reported as a whole rather than as a missing comma.
        if position < len(text) and (text[position].isalnum() or text[position] in "._"):
            word_end = _GLUED_TEXT.match(text, position).end()
            raise _ParseError(
                f"{text[start:word_end]} is not a JSON number; JSON numbers are decimal, like 12, -3.5 or 1e6",
                start, word_end, path=path,
            )

        literal = text[start:position]
        if is_float:
            node = self._scalar(float(literal), start, position, path, text=literal, plain=True, tag="float")
            problem = non_finite_number_problem(node)
            if problem is not None:
                self.problems.append(problem)
            return node, position

        digit_count = position - integer_start
        try:
            if digit_count > MAX_INTEGER_DIGITS:
                raise ValueError(literal)
            value = int(literal)
        except ValueError:
            raise _ParseError(
                f"the integer has {digit_count} digits, more than the {MAX_INTEGER_DIGITS} that Python, and so the "
                "AWS CLI, converts; shorten it, or quote it if it is meant as text",
                start, position, path=path,
            ) from None
        return self._scalar(value, start, position, path, text=literal, plain=True, tag="int"), position

    # Strings

    def _string(self, start: int, path: Path) -> tuple[str, int]:
        """Decode the string whose opening quote is at `start`; return it and the offset after its closing quote."""
        text = self.text
        parts = []
        position = start + 1
        while True:
            run = _STRING_RUN.match(text, position)
            parts.append(run.group())
            position = run.end()
            if position >= len(text):
                raise _ParseError(
                    "the string is not closed: the file ends before its closing '\"'", start, start + 1, path=path
                )

            char = text[position]
            if char == '"':
                return "".join(parts), position + 1
            if char == "\\":
                decoded, position = self._escape(position, start, path)
                parts.append(decoded)
                continue
            raise self._control_character(position, path)

    def _escape(self, position: int, string_start: int, path: Path) -> tuple[str, int]:
        """Decode the escape sequence at `position` (a backslash); return it and the offset after it."""
        text = self.text
        marker = text[position + 1 : position + 2]
        if marker == "":
            raise _ParseError(
                "the string is not closed: the file ends before its closing '\"'", string_start, string_start + 1, path=path
            )
        if marker in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[marker], position + 2
        if marker != "u":
            printable = marker if marker.isprintable() else f"U+{ord(marker):04X}"
            raise _ParseError(
                f"'\\{printable}' is not a JSON escape; the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
                "and \\u followed by four hexadecimal digits",
                position, position + 2, path=path,
            )

        code = self._hex_escape(position, path)
        position += 6

        # A high surrogate followed by a low one encodes one code point outside the Basic
        # Multilingual Plane. Python's json keeps a lone surrogate as it is, and so does this.
        if 0xD800 <= code <= 0xDBFF and text.startswith("\\u", position):
            low = self._hex_escape(position, path)
            if 0xDC00 <= low <= 0xDFFF:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                position += 6
        return chr(code), position

    def _hex_escape(self, position: int, path: Path) -> int:
        digits = _HEX4.match(self.text, position + 2)
        if digits is None:
            end = min(position + 6, len(self.text))
            raise _ParseError(
                "'\\u' must be followed by four hexadecimal digits, as in \\u00e9", position, end, path=path
            )
        return int(digits.group(), 16)

    def _control_character(self, position: int, path: Path) -> _ParseError:
        char = self.text[position]
        if char == "\n":
            return _ParseError(
                "the string runs past the end of the line; close it with '\"', or write \\n for a line break inside it",
                position, path=path,
            )
        escape = _CONTROL_ESCAPES.get(char, f"\\u{ord(char):04x}")
        return _ParseError(
            f"the string contains the control character U+{ord(char):04X}, which JSON allows only escaped; write {escape}",
            position, position + 1, path=path,
        )

    # Objects and arrays

    def _enter(self, position: int, path: Path) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING_DEPTH:
            raise _ParseError(nesting_too_deep_message(), position, position + 1, path=path)
        self.values_left -= 1
        if self.values_left < 0:
            raise _ParseError(too_many_values_message(), position, position + 1, path=path)

    def _object(self, start: int, path: Path) -> tuple[MappingNode, int]:
        self._enter(start, path)
        text = self.text
        mapping = MappingNode(self.source.span(start, start + 1), user_path=path)

        position = self._skip_whitespace(start + 1)
        if text.startswith("}", position):
            return self._close(mapping, start, position + 1)

        while True:
            key, position = self._key(position, start, path)
            name = key.value
            member_path = path + (name,)

            position = self._skip_whitespace(position)
            if not text.startswith(":", position):
                raise _ParseError(
                    f"expected ':' after the key \"{name}\", but found {self._found(position)}", position, path=member_path
                )

            position = self._skip_whitespace(position + 1)
            value, position = self._value(position, member_path)
            self._add_member(mapping, key, value)

            position = self._skip_whitespace(position)
            if text.startswith("}", position):
                return self._close(mapping, start, position + 1)
            if not text.startswith(",", position):
                raise self._missing_separator(position, "}", f'the value of "{name}"', start, member_path)

            comma = position
            position = self._skip_whitespace(position + 1)
            if text.startswith("}", position):
                raise _ParseError(
                    f"trailing comma after the value of \"{name}\": JSON allows no comma before '}}', so remove it",
                    comma, comma + 1, path=member_path,
                )

    def _key(self, position: int, object_start: int, path: Path) -> tuple[ScalarNode, int]:
        text = self.text
        if text.startswith('"', position):
            name, end = self._string(position, path)
            key = self._scalar(name, position, end, path + (name,), text=text[position + 1 : end - 1], plain=False, tag="str")
            return key, end

        if position >= len(text):
            raise _ParseError(
                f"the file ends inside the object that starts at {self._place(object_start)}; "
                "expected a key in double quotes or '}'",
                position, path=path,
            )
        char = text[position]
        if char == "'":
            raise _ParseError("keys must be in double quotes, not single quotes", position, path=path)
        if char == "/":
            raise _ParseError("JSON does not allow comments; remove the comment", position, path=path)
        word_match = _WORD.match(text, position)
        if word_match is not None:
            word = word_match.group()
            raise _ParseError(
                f"the key {word} is not in double quotes; write \"{word}\"", position, word_match.end(), path=path
            )
        raise _ParseError(f"expected a key in double quotes, but found {self._found(position)}", position, path=path)

    def _add_member(self, mapping: MappingNode, key: ScalarNode, value: Node) -> None:
        first = mapping.keys.get(key.value)
        if first is not None:
            self.problems.append(duplicate_key_problem(key, first))
        mapping.set(key, value)

    def _array(self, start: int, path: Path) -> tuple[SequenceNode, int]:
        self._enter(start, path)
        text = self.text
        sequence = SequenceNode(self.source.span(start, start + 1), user_path=path)

        position = self._skip_whitespace(start + 1)
        if text.startswith("]", position):
            return self._close(sequence, start, position + 1)

        while True:
            index = len(sequence.items)
            item_path = path + (index,)
            item, position = self._value(position, item_path)
            sequence.items.append(item)

            position = self._skip_whitespace(position)
            if text.startswith("]", position):
                return self._close(sequence, start, position + 1)
            if not text.startswith(",", position):
                raise self._missing_separator(position, "]", f"item [{index}] of the array", start, item_path)

            comma = position
            position = self._skip_whitespace(position + 1)
            if text.startswith("]", position):
                raise _ParseError(
                    "trailing comma after the last item of the array: JSON allows no comma before ']', so remove it",
                    comma, comma + 1, path=item_path,
                )

    def _close(self, node: Node, start: int, end: int) -> tuple[Node, int]:
        node.span = self.source.span(start, end)
        self.depth -= 1
        return node, end

    def _missing_separator(self, position: int, closer: str, after: str, opened_at: int, path: Path) -> _ParseError:
        if position >= len(self.text):
            kind = "object" if closer == "}" else "array"
            return _ParseError(
                f"the file ends inside the {kind} that starts at {self._place(opened_at)}; "
                f"expected ',' or '{closer}' after {after}",
                position, path=path,
            )
        hint = " (is a comma missing?)" if self.text[position] in "\"{[" else ""
        return _ParseError(
            f"expected ',' or '{closer}' after {after}, but found {self._found(position)}{hint}", position, path=path
        )

    # Positions

    def _skip_whitespace(self, position: int) -> int:
        return _WHITESPACE.match(self.text, position).end()

    def _place(self, offset: int) -> str:
        line, column = self.source.position(offset)
        return f"line {line}, column {column}"

    def _found(self, position: int) -> str:
        if position >= len(self.text):
            return "the end of the file"
        char = self.text[position]
        if char == "'":
            return "a single quote"
        if char.isprintable() and not char.isspace():
            return f"'{char}'"
        return f"the character U+{ord(char):04X}"


def _describe_value(path: Path) -> str:
    if not path:
        return "a value"
    last: PathItem = path[-1]
    if isinstance(last, int):
        return f"item [{last}] of the array"
    return f'the value of "{last}"'
