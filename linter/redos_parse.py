"""A parser for the ReDoS analysis: a pattern, as the `regex` module reads it, into a small tree.

The tree keeps what decides how a backtracking engine explores a pattern: sets of
characters, sequences, alternatives, repetitions (greedy, lazy or possessive), atomic
groups, zero-width assertions and backreferences. Every node keeps the span of pattern text
it came from, so a finding can point at it. Constructs that the analysis cannot model
(recursion, fuzzy matching, named lists) raise `UnsupportedPattern`; the caller then
reports nothing rather than guess.

The parser expects a pattern that `regex.compile` accepts; CRML203 and CRML204 report the
others. Version 1 set operations inside classes are computed by the engine itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

import regex

from .quantifiers import count_at
from .redos_charsets import (
    CodeSet,
    any_character,
    case_closure,
    class_escape,
    scan_engine_set,
)


class UnsupportedPattern(Exception):
    """The pattern uses a construct that the analysis does not model."""


@dataclass
class Chars:
    """One character from a set."""

    code_set: CodeSet
    start: int
    end: int


@dataclass
class Sequence:
    items: list["Node"]
    start: int = 0
    end: int = 0


@dataclass
class Alternation:
    branches: list["Node"]
    start: int = 0
    end: int = 0


@dataclass
class Repeat:
    """A quantified part; `maximum` is None for no upper bound."""

    body: "Node"
    minimum: int
    maximum: Optional[int]
    possessive: bool
    start: int
    end: int


@dataclass
class Atomic:
    """An atomic group `(?>...)`: once it has matched, the engine never backtracks into it."""

    body: "Node"
    start: int
    end: int


@dataclass
class Group:
    """A capturing group, kept so that backreferences can find what it matches."""

    body: "Node"
    index: int
    name: Optional[str]
    start: int
    end: int


@dataclass
class Assertion:
    """A zero-width test.

    `kind` is one of these:
    - "start": `^` without MULTILINE, `\\A`;
    - "line_start": `^` with MULTILINE;
    - "end": `$`, at the end or before a final newline;
    - "line_end": `$` with MULTILINE;
    - "end_only": `\\Z`, `\\z`;
    - "word_boundary" and "not_word_boundary": `\\b`, `\\B`;
    - "lookaround": any lookahead or lookbehind, which the analysis treats as true.
    """

    kind: str
    ascii_only: bool
    start: int
    end: int


@dataclass
class Backreference:
    group: Union[int, str]
    start: int
    end: int


Node = Union[Chars, Sequence, Alternation, Repeat, Atomic, Group, Assertion, Backreference]


@dataclass
class Flags:
    ignore_case: bool = False
    dotall: bool = False
    multiline: bool = False
    verbose: bool = False
    ascii_only: bool = False
    version1: bool = False


@dataclass
class ParsedPattern:
    """The tree of a pattern and its capturing groups by index and by name."""

    root: Node
    groups: dict[Union[int, str], Group] = field(default_factory=dict)


_FLAG_LETTERS = {"i": "ignore_case", "s": "dotall", "m": "multiline", "x": "verbose", "a": "ascii_only"}
# Flags that change nothing the analysis models: unicode, locale, word, full case,
# best match, enhance match and POSIX matching. The version flag is read on its own.
_IGNORED_FLAG_LETTERS = set("uLwfbep")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}


def parse_pattern(pattern: str) -> ParsedPattern:
    """Parse a pattern that `regex.compile` accepts; raise UnsupportedPattern where it cannot be modelled."""
    return _Parser(pattern).parse()


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.position = 0
        self.group_count = 0
        self.groups: dict[Union[int, str], Group] = {}
        self.flags = _leading_flags(pattern)

    def parse(self) -> ParsedPattern:
        root = self._alternation(self.flags)
        if self.position < len(self.pattern):
            raise UnsupportedPattern(f"unexpected ')' at position {self.position + 1}")
        return ParsedPattern(root, self.groups)

    # -- Structure --------------------------------------------------------------------

    def _alternation(self, flags: Flags) -> Node:
        start = self.position
        # Inline flags inside a group last until the group ends, across its alternatives.
        flags = Flags(**vars(flags))
        branches = [self._sequence(flags)]
        while self._peek() == "|":
            self.position += 1
            branches.append(self._sequence(flags))
        if len(branches) == 1:
            return branches[0]
        return Alternation(branches, start, self.position)

    def _sequence(self, flags: Flags) -> Node:
        start = self.position
        items: list[Node] = []
        while self.position < len(self.pattern) and self._peek() not in "|)":
            if self._skip_verbose_filler(flags):
                continue
            atom = self._atom(flags)
            if atom is None:
                continue
            items.append(self._quantified(atom, flags))
        return Sequence(items, start, self.position)

    def _quantified(self, atom: Node, flags: Flags) -> Node:
        while True:
            while self._skip_verbose_filler(flags):
                pass
            bounds = self._quantifier(flags)
            if bounds is None:
                return atom
            minimum, maximum = bounds
            possessive = False
            if self._peek() == "?":
                self.position += 1
            elif self._peek() == "+":
                self.position += 1
                possessive = True
            atom = Repeat(atom, minimum, maximum, possessive, _start_of(atom), self.position)

    def _quantifier(self, flags: Flags) -> Optional[tuple[int, Optional[int]]]:
        character = self._peek()
        if character in ("*", "+", "?"):
            self.position += 1
            return {"*": (0, None), "+": (1, None), "?": (0, 1)}[character]
        if character == "{":
            count = count_at(self.pattern, self.position, flags.verbose)
            # A brace that does not form a quantifier, such as `{}` or `{a}`, is a literal.
            if count is None:
                return None
            self.position = count.end
            return count.minimum, count.maximum
        return None

    def _atom(self, flags: Flags) -> Optional[Node]:
        start = self.position
        character = self.pattern[self.position]
        self.position += 1
        if character == "(":
            return self._group(start, flags)
        if character == "[":
            return Chars(self._class(start, flags), start, self.position)
        if character == ".":
            return Chars(any_character(flags.dotall), start, self.position)
        if character == "^":
            return Assertion("line_start" if flags.multiline else "start", flags.ascii_only, start, self.position)
        if character == "$":
            return Assertion("line_end" if flags.multiline else "end", flags.ascii_only, start, self.position)
        if character == "\\":
            return self._escape(start, flags)
        return Chars(_literal(ord(character), flags), start, self.position)

    def _group(self, start: int, flags: Flags) -> Optional[Node]:
        rest = self.pattern[self.position:]
        if not rest.startswith("?"):
            return self._capture(start, None, flags)

        if rest.startswith("?#"):
            self.position = self.pattern.index(")", self.position) + 1
            return None
        for prefix in ("?P<", "?<"):
            if rest.startswith(prefix) and not rest.startswith(("?<=", "?<!")):
                name_end = self.pattern.index(">", self.position)
                name = self.pattern[self.position + len(prefix):name_end]
                self.position = name_end + 1
                return self._capture(start, name, flags)
        if rest.startswith("?'"):
            name_end = self.pattern.index("'", self.position + 2)
            name = self.pattern[self.position + 2:name_end]
            self.position = name_end + 1
            return self._capture(start, name, flags)
        if rest.startswith("?P="):
            name_end = self.pattern.index(")", self.position)
            self.position = name_end + 1
            return Backreference(self.pattern[start + 4:name_end], start, self.position)
        if rest.startswith(("?:", "?|")):
            self.position += 2
            return self._close(self._alternation(flags), start)
        if rest.startswith("?>"):
            self.position += 2
            body = self._close(self._alternation(flags), start)
            return Atomic(body, start, self.position)
        if rest.startswith(("?=", "?!", "?<=", "?<!")):
            self.position += 3 if rest.startswith("?<") else 2
            # The lookaround's content is parsed only to find its end; the analysis treats
            # the assertion as always true, which can only add ways to match.
            self._close(self._alternation(flags), start)
            return Assertion("lookaround", flags.ascii_only, start, self.position)
        if rest.startswith("?("):
            raise UnsupportedPattern("conditional groups are not analysed")

        flag_match = regex.match(r"\?([a-zA-Z0-9]*)(?:-([a-zA-Z]*))?(:|\))", rest)
        if flag_match is None:
            raise UnsupportedPattern(f"the group at position {start + 1} is not analysed (recursion or a call)")
        scoped = Flags(**vars(flags))
        _apply_flags(scoped, flag_match.group(1), True)
        _apply_flags(scoped, flag_match.group(2) or "", False)
        self.position += flag_match.end()
        if flag_match.group(3) == ")":
            # A flag group without a body changes the flags until the enclosing group ends.
            vars(flags).update(vars(scoped))
            return None
        return self._close(self._alternation(scoped), start)

    def _capture(self, start: int, name: Optional[str], flags: Flags) -> Node:
        self.group_count += 1
        index = self.group_count
        body = self._close(self._alternation(flags), start)
        group = Group(body, index, name, start, self.position)
        self.groups[index] = group
        if name:
            self.groups[name] = group
        return group

    def _close(self, body: Node, start: int) -> Node:
        if self._peek() != ")":
            raise UnsupportedPattern(f"the group at position {start + 1} is not closed")
        self.position += 1
        return body

    # -- Escapes and classes ----------------------------------------------------------

    def _escape(self, start: int, flags: Flags) -> Node:
        letter = self._take()
        if letter in "dDwWsS":
            return Chars(class_escape(letter, flags.ascii_only), start, self.position)
        if letter in "pP":
            return Chars(self._property(letter, start, flags), start, self.position)

        if letter in "AG":
            return Assertion("start", flags.ascii_only, start, self.position)
        if letter in "Zz":
            return Assertion("end_only", flags.ascii_only, start, self.position)
        if letter == "b":
            return Assertion("word_boundary", flags.ascii_only, start, self.position)
        if letter == "B":
            return Assertion("not_word_boundary", flags.ascii_only, start, self.position)
        if letter == "K":
            return Assertion("lookaround", flags.ascii_only, start, self.position)

        if letter == "X":
            # A grapheme cluster: modelled as any one character, which keeps its overlaps.
            return Chars(any_character(True), start, self.position)
        if letter == "g":
            reference = self._braced_name(("<", ">"), ("{", "}"))
            return Backreference(int(reference) if reference.isdigit() else reference, start, self.position)
        if letter.isdigit() and letter != "0":
            digits = letter
            while len(digits) < 2 and self._peek().isdigit():
                digits += self._take()
            return Backreference(int(digits), start, self.position)
        if letter in "mM":
            # Start and end of a word: modelled like `\b`, which allows both.
            return Assertion("word_boundary", flags.ascii_only, start, self.position)
        if letter == "L" or letter == "N" and self._peek() != "{":
            raise UnsupportedPattern(f"the escape \\{letter} at position {start + 1} is not analysed")
        code_point = self._character_escape(letter)
        return Chars(_literal(code_point, flags), start, self.position)

    def _character_escape(self, letter: str) -> int:
        """The code point of `\\n`, `\\x41`, `\\u0041`, `\\N{...}`, an octal escape or an escaped literal."""
        if letter in _SIMPLE_ESCAPES:
            return ord(_SIMPLE_ESCAPES[letter])
        if letter in "xuU":
            width = {"x": 2, "u": 4, "U": 8}[letter]
            if letter == "x" and self._peek() == "{":
                digits = self._braced_name(("{", "}"))
            else:
                digits = self.pattern[self.position:self.position + width]
                self.position += width
            return int(digits, 16)
        if letter == "N":
            import unicodedata

            return ord(unicodedata.lookup(self._braced_name(("{", "}"))))
        if letter in "01234567":
            digits = letter
            while len(digits) < 3 and self._peek() in "01234567" and self._peek():
                digits += self._take()
            return int(digits, 8)
        return ord(letter)

    def _property(self, letter: str, start: int, flags: Flags) -> CodeSet:
        if self._peek() == "{":
            name = self._braced_name(("{", "}"))
            spelled = f"\\{letter}{{{name}}}"
        else:
            spelled = f"\\{letter}{self._take()}"
        prefix = "(?i)" if flags.ignore_case else ""
        return scan_engine_set(prefix + ("(?a)" if flags.ascii_only else "") + spelled)

    def _class(self, start: int, flags: Flags) -> CodeSet:
        """The members of a `[...]` class whose `[` is at `start`."""
        negated = self._peek() == "^"
        if negated:
            self.position += 1
        members = CodeSet()
        first = True
        while True:
            if self.position >= len(self.pattern):
                raise UnsupportedPattern(f"the class at position {start + 1} is not closed")
            character = self._peek()
            if character == "]" and not first:
                self.position += 1
                break
            first = False
            set_syntax = self.pattern.startswith(("&&", "||", "--", "~~", "["), self.position)
            if flags.version1 and set_syntax and not self.pattern.startswith("[:", self.position):
                # Nested sets and set operations exist only in version 1: the engine computes them.
                return self._class_by_engine(start, flags)
            low_set = self._class_item(flags)
            if low_set is None:
                continue
            if isinstance(low_set, int) and self._peek() == "-" and self.pattern[self.position + 1:self.position + 2] not in ("]", ""):
                self.position += 1
                high = self._class_item(flags)
                if not isinstance(high, int):
                    return self._class_by_engine(start, flags)
                members = members.union(CodeSet.of([(low_set, high)]))
                continue
            members = members.union(CodeSet.single(low_set) if isinstance(low_set, int) else low_set)

        if flags.ignore_case:
            members = case_closure(members)
        return members.complement() if negated else members

    def _class_item(self, flags: Flags) -> Union[int, CodeSet, None]:
        """One member of a class: a code point (which may start a range) or a set such as `\\d`."""
        if self.pattern.startswith("[:", self.position):
            end = self.pattern.find(":]", self.position + 2)
            name = self.pattern[self.position + 2:end]
            self.position = end + 2
            try:
                return scan_engine_set(f"[[:{name}:]]")
            except regex.error:
                raise UnsupportedPattern(f"the POSIX class [:{name}:] is not analysed") from None

        character = self._take()
        if character != "\\":
            return ord(character)
        letter = self._take()
        if letter in "dDwWsS":
            return class_escape(letter, flags.ascii_only)
        if letter in "pP":
            return self._property(letter, self.position, flags)
        if letter == "b":
            return 0x08
        return self._character_escape(letter)

    def _class_by_engine(self, start: int, flags: Flags) -> CodeSet:
        end = _class_end(self.pattern, start)
        self.position = end
        text = self.pattern[start:end]
        prefix = "(?V1" + ("i" if flags.ignore_case else "") + ("a" if flags.ascii_only else "") + ")"
        try:
            return scan_engine_set(prefix + text)
        except regex.error as error:
            raise UnsupportedPattern(f"the class at position {start + 1} is not analysed: {error}") from None

    # -- Helpers ----------------------------------------------------------------------

    def _peek(self) -> str:
        return self.pattern[self.position] if self.position < len(self.pattern) else ""

    def _take(self) -> str:
        character = self._peek()
        if not character:
            raise UnsupportedPattern("the pattern ends inside an escape")
        self.position += 1
        return character

    def _braced_name(self, *delimiters: tuple[str, str]) -> str:
        for opening, closing in delimiters:
            if self._peek() == opening:
                end = self.pattern.index(closing, self.position)
                name = self.pattern[self.position + 1:end]
                self.position = end + 1
                return name
        raise UnsupportedPattern(f"expected a name at position {self.position + 1}")

    def _skip_verbose_filler(self, flags: Flags) -> bool:
        """Skip whitespace and `#` comments in verbose mode; True when something was skipped."""
        if not flags.verbose:
            return False
        character = self._peek()
        if character and character in " \t\n\r\f\v":
            self.position += 1
            return True
        if character == "#":
            newline = self.pattern.find("\n", self.position)
            self.position = len(self.pattern) if newline < 0 else newline + 1
            return True
        return False


def _leading_flags(pattern: str) -> Flags:
    """Flags set by `(?flags)` groups at the very start, which apply to the whole pattern."""
    flags = Flags()
    for match in regex.finditer(r"\G\(\?([a-zA-Z0-9]+)\)", pattern):
        _apply_flags(flags, match.group(1), True)
    return flags


def _apply_flags(flags: Flags, letters: str, value: bool) -> None:
    if "V1" in letters or "V0" in letters:
        flags.version1 = "V1" in letters
        letters = letters.replace("V1", "").replace("V0", "")
    for letter in letters:
        if letter == "r":
            raise UnsupportedPattern("reverse searching is not analysed")
        if letter in _FLAG_LETTERS:
            setattr(flags, _FLAG_LETTERS[letter], value)
        elif letter not in _IGNORED_FLAG_LETTERS:
            raise UnsupportedPattern(f"the inline flag {letter!r} is not analysed")


def _literal(code_point: int, flags: Flags) -> CodeSet:
    code_set = CodeSet.single(code_point)
    return case_closure(code_set) if flags.ignore_case else code_set


def _class_end(pattern: str, start: int) -> int:
    """The index just past the `]` that closes the class opened at `start`, nested sets included."""
    depth = 0
    index = start
    while index < len(pattern):
        character = pattern[index]
        if character == "\\":
            index += 2
            continue
        if character == "[":
            depth += 1
        elif character == "]" and index > start + 1 and not (index == start + 2 and pattern[start + 1] == "^"):
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    raise UnsupportedPattern(f"the class at position {start + 1} is not closed")


def _start_of(node: Node) -> int:
    return node.start

