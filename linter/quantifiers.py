"""A quick look at a pattern's repetitions, to skip the ReDoS analysis where it cannot find anything.

Catastrophic backtracking needs repetition: a repeated group (which may nest or overlap
with itself, as in `(a|ab)*`), or at least two unbounded repetitions that the search loop
multiplies to degree three or more (`\\d+\\d+$`). A pattern with neither, such as
`ERROR|Traceback` or `customer-[0-9]{6}`, runs in at most quadratic time, which CRML205 does
not report. Checking that takes microseconds, while the full analysis builds Unicode tables
and an automaton.

The `regex` module also copies the part that a counted repeat such as `x{1000}` repeats,
once per required repetition, when it compiles the pattern, so a count of 99999999 takes
tens of gigabytes. `counted_copies` estimates that size before anything compiles.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

# Bounds above this count as unbounded, as the ReDoS analysis reads them.
_MAX_BOUNDED_REPEAT = 10

MAX_COUNTED_COPIES = 10_000
"""The maximum number of copies of characters, classes and groups that the counts of one pattern may make.

`x{10001}` makes 10,000 copies of `x`. The bound comes from the time and peak-RSS growth
of one `regex.compile` in a fresh process (regex 2026.5.9, Python 3.11, Linux x86-64).
10,000 copies of the costliest element tried, `\\X`, take about 11 ms and 13 MB, and
`x{10001}` takes about 3 ms and 3 MB.
"""

_FLAGS = re.compile(r"\(\?([a-zA-Z0-9]*)(?:-([a-zA-Z]*))?([:)])")
# Openings of groups that are syntax, not text: `(?:`, lookarounds, atomic, branch reset, names.
_GROUP_OPENING = re.compile(r"\(\?(?:[:=!>|]|<[=!]|P?<\w+>|'\w+')")
_POSIX_CLASS = re.compile(r"\[:\^?[a-zA-Z_]+:\]")
# Escapes whose argument is in braces, such as `\p{Greek}`, which is no count.
_BRACED_ESCAPES = "pPN"


class Count(NamedTuple):
    """A counted repeat `{minimum,maximum}`; `maximum` is None where no upper bound is given."""

    minimum: int
    maximum: Optional[int]
    end: int


class OversizedCount(NamedTuple):
    """The count that takes a pattern's counted copies past MAX_COUNTED_COPIES; its text spans `start` to `end`."""

    start: int
    end: int
    minimum: int


def could_backtrack_badly(pattern: str) -> bool:
    """False only when the pattern has no repeated group and at most one unbounded repetition."""
    # Verbose mode gives whitespace and `#` another meaning; leave such patterns to the analysis.
    if re.search(r"\(\?[a-zA-Z]*x", pattern):
        return True

    unbounded = 0
    index = 0
    previous_atom_was_group = False
    previous_was_quantifier = False
    in_class = False
    while index < len(pattern):
        character = pattern[index]

        if character == "\\":
            index += 2
            previous_atom_was_group = previous_was_quantifier = False
            continue
        if in_class:
            if character == "]":
                in_class = False
            index += 1
            continue
        if character == "[":
            in_class = True
            # A `]` right after `[` or `[^` is a member of the set, not its end.
            index += 2 if pattern[index + 1:index + 2] == "]" else 1
            if pattern[index:index + 2] == "^]":
                index += 2
            previous_atom_was_group = previous_was_quantifier = False
            continue

        quantifier_length, is_unbounded = _quantifier_at(pattern, index)
        if quantifier_length and not previous_was_quantifier:
            if previous_atom_was_group:
                return True
            unbounded += is_unbounded
            if unbounded >= 2:
                return True
            index += quantifier_length
            previous_was_quantifier = True
            continue

        # A `?` or `+` right after a quantifier makes it lazy or possessive, not a second one.
        previous_was_quantifier = previous_was_quantifier and character in "?+"
        previous_atom_was_group = character == ")"
        index += 1
    return False


def _quantifier_at(pattern: str, index: int) -> tuple[int, bool]:
    """Return the length of the quantifier at `index` (0 if none) and whether it is unbounded."""
    character = pattern[index]
    if character in "*+":
        return 1, True
    if character == "?":
        return 1, False
    if character == "{":
        count = count_at(pattern, index)
        if count is None:
            return 0, False  # a literal brace, as the regex module reads `{` without a valid bound
        if count.maximum is None:
            unbounded = True
        else:
            unbounded = count.maximum > _MAX_BOUNDED_REPEAT
        return count.end - index, unbounded
    return 0, False


def count_at(pattern: str, index: int, verbose: bool = False) -> Optional[Count]:
    """Read the counted repeat whose `{` is at `index`, or return None where the brace is a literal.

    `{,}` counts as `*`, as the regex module reads it. In verbose mode, white space and
    comments inside the braces are skipped, as the regex module skips them.
    """
    # Read by hand: a regular expression such as `\{(\d*),?(\d*)\}` backtracks in
    # quadratic time over a long run of digits that no `}` closes.
    low: list[str] = []
    high: list[str] = []
    comma = False
    position = index + 1
    while position < len(pattern):
        character = pattern[position]
        if character == "}":
            break
        if verbose and character.isspace():
            position += 1
        elif verbose and character == "#":
            newline = pattern.find("\n", position)
            if newline < 0:
                return None
            position = newline + 1
        elif character == "," and not comma:
            comma = True
            position += 1
        elif "0" <= character <= "9":
            (high if comma else low).append(character)
            position += 1
        else:
            return None
    else:
        return None

    if not (low or comma):
        return None  # `{}` is a literal
    minimum = _count_value(low) if low else 0
    if not comma:
        return Count(minimum, minimum, position + 1)
    return Count(minimum, _count_value(high) if high else None, position + 1)


def _count_value(digits: list[str]) -> int:
    # Python refuses to convert very long digit strings, and `regex` rejects counts of
    # 2**32 - 1 and above, so longer ones only need to read as too large.
    if len(digits) > 12:
        return 10**12
    return int("".join(digits))


class CountedCopies(NamedTuple):
    """The copies that a pattern's counts make, up to the count that takes them past MAX_COUNTED_COPIES, if one does."""

    total: int
    oversized: Optional[OversizedCount]


def counted_copies(pattern: str) -> CountedCopies:
    """Add up the copies of characters, classes and groups that the pattern's counts make.

    Each count `{n}`, `{n,}` or `{n,m}` makes n - 1 copies of the part it repeats, because
    the `regex` module unrolls the required repetitions and keeps a loop for the rest.
    Nested counts multiply. A part's size is the number of characters, escapes, classes
    and groups it contains. Where the syntax is unclear, as after a stray `)`, the
    estimate takes the larger reading. The pass stops at the count that takes the total
    past MAX_COUNTED_COPIES.
    """
    scanner = _RepeatScanner(pattern)
    oversized = scanner.run()
    return CountedCopies(scanner.copies, oversized)


class _Group:
    """A group being read: its size so far and the flags that apply inside it."""

    __slots__ = ("size", "verbose", "version1", "own_size")

    def __init__(self, verbose: bool, version1: bool, own_size: int = 0) -> None:
        self.size = 0
        self.verbose = verbose
        self.version1 = version1
        # What the group adds beyond its contents: `regex` copies a capturing group (or a
        # lookaround, an atomic group) as a node of its own on every repetition, so 300
        # nested groups repeated 9,999 times took 1.3 GB. A plain `(?:...)` adds nothing.
        self.own_size = own_size


class _RepeatScanner:
    """One left-to-right pass over a pattern that adds up the copies its counts make."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.index = 0
        self.groups = [_Group(verbose=False, version1=False)]
        # The size of the part that a quantifier here would repeat. It is None after `|`,
        # `(` or another quantifier, where `regex` reports nothing to repeat.
        self.last: Optional[int] = None
        self.copies = 0

    def run(self) -> Optional[OversizedCount]:
        pattern = self.pattern
        while self.index < len(pattern):
            group = self.groups[-1]
            character = pattern[self.index]

            if group.verbose and character.isspace():
                self.index += 1
            elif group.verbose and character == "#":
                newline = pattern.find("\n", self.index)
                self.index = len(pattern) if newline < 0 else newline + 1
            elif character == "\\":
                self._escape()
            elif character == "[":
                self.index = _class_end(pattern, self.index, group.version1)
                self._element(1)
            elif character == "(":
                self._open_group()
            elif character == ")":
                self._close_group()
            elif character == "|":
                self.index += 1
                self.last = None
            elif character in "*+?":
                self.index += 1
                self.last = None
            elif character == "{":
                oversized = self._count()
                if oversized is not None:
                    return oversized
            else:
                self.index += 1
                self._element(1)
        return None

    def _element(self, size: int) -> None:
        self.groups[-1].size += size
        self.last = size

    def _escape(self) -> None:
        pattern = self.pattern
        letter = pattern[self.index + 1:self.index + 2]
        self.index += 2
        if letter and letter in _BRACED_ESCAPES and pattern[self.index:self.index + 1] == "{":
            closing = pattern.find("}", self.index)
            self.index = len(pattern) if closing < 0 else closing + 1
        self._element(1)

    def _open_group(self) -> None:
        pattern = self.pattern
        group = self.groups[-1]

        if pattern.startswith("(?#", self.index):
            # A comment ends at the first `)` that no backslash escapes.
            position = self.index + 3
            while position < len(pattern) and pattern[position] != ")":
                position += 2 if pattern[position] == "\\" else 1
            self.index = position + 1
            return

        flags = _FLAGS.match(pattern, self.index)
        if flags is not None:
            verbose, version1 = _apply_flags(group.verbose, group.version1, flags.group(1), flags.group(2) or "")
            self.index = flags.end()
            if flags.group(3) == ")":
                # `(?x)` applies from here to the end of the enclosing group.
                group.verbose, group.version1 = verbose, version1
            else:
                self.groups.append(_Group(verbose, version1))
                self.last = None
            return

        if pattern.startswith("(?P=", self.index):
            # A named backreference, `(?P=name)`, is one element, not a group.
            closing = pattern.find(")", self.index)
            self.index = len(pattern) if closing < 0 else closing + 1
            self._element(1)
            return

        own_size = 0 if pattern.startswith("(?:", self.index) else 1
        opening = _GROUP_OPENING.match(pattern, self.index)
        self.index = opening.end() if opening is not None else self.index + 1
        self.groups.append(_Group(group.verbose, group.version1, own_size))
        self.last = None

    def _close_group(self) -> None:
        self.index += 1
        if len(self.groups) == 1:
            # `regex` rejects a `)` that closes no group, so the estimate only has to stay
            # large: the next count repeats everything before it.
            self.last = max(self.groups[0].size, 1)
            return
        closed = self.groups.pop()
        self._element(max(closed.size + closed.own_size, 1))

    def _count(self) -> Optional[OversizedCount]:
        start = self.index
        count = count_at(self.pattern, start, self.groups[-1].verbose)
        if count is None:
            self.index += 1
            self._element(1)
            return None

        self.index = count.end
        if self.last is None:
            return None  # `regex` rejects this count with "nothing to repeat" when compiling
        if count.minimum > 1:
            copies = (count.minimum - 1) * self.last
            self.groups[-1].size += copies
            self.copies += copies
            if self.copies > MAX_COUNTED_COPIES:
                return OversizedCount(start, count.end, count.minimum)
        self.last = None
        return None


def _apply_flags(verbose: bool, version1: bool, turned_on: str, turned_off: str) -> tuple[bool, bool]:
    """Apply inline flags such as `x`, `V1` or `-x` to the verbose and version 1 settings."""
    if "x" in turned_on:
        verbose = True
    if "x" in turned_off:
        verbose = False
    if "V1" in turned_on:
        version1 = True
    if "V0" in turned_on:
        version1 = False
    return verbose, version1


def _class_end(pattern: str, index: int, version1: bool) -> int:
    """Return the index after the character class that opens at `index`.

    A `]` right after `[` or `[^` is a member. POSIX classes such as `[:alpha:]` are
    members, and in version 1 a `[` inside a class opens a nested set.
    """
    position = index + 1
    if pattern[position:position + 1] == "^":
        position += 1
    if pattern[position:position + 1] == "]":
        position += 1

    depth = 1
    while position < len(pattern):
        character = pattern[position]
        if character == "\\":
            position += 2
            continue
        if character == "[":
            posix_end = _posix_class_end(pattern, position)
            if posix_end is not None:
                position = posix_end
                continue
            if version1:
                depth += 1
        elif character == "]":
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    return len(pattern)


def _posix_class_end(pattern: str, index: int) -> Optional[int]:
    match = _POSIX_CLASS.match(pattern, index)
    return match.end() if match is not None else None
