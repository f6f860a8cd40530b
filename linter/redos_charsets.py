"""Sets of code points for the ReDoS analysis, as the `regex` module reads character classes.

A set is a sorted tuple of inclusive code-point intervals. Escapes whose members depend on
Unicode (`\\d`, `\\w`, `\\s`, `\\p{...}`) and case-insensitive closures are computed once per
process by letting the installed `regex` module scan every code point, so the sets agree
with the engine that compiles the patterns, whatever Unicode version it ships.

Only the ReDoS analysis imports this module, after a file is known to hold an association.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Sequence

import regex

MAX_CODE_POINT = 0x10FFFF

# Planes whose members the engine scan looks at. Planes 4 to 13 are unassigned and
# planes 15 and 16 are private use, so one representative stands for each of those runs.
_SCANNED_PLANES = (0, 1, 2, 3, 14)
_UNSCANNED_RUNS = ((0x40000, 0xDFFFF), (0xF0000, 0x10FFFF))

# The non-ASCII characters that `regex` matches case-insensitively with an ASCII letter,
# found by scanning every code point with `(?i)` and `regex` 2026.5.9.
_ASCII_CASE_EXTRAS = {"i": 0x130, "k": 0x212A, "s": 0x17F}


@dataclass(frozen=True)
class CodeSet:
    """A set of code points as sorted, disjoint, non-adjacent inclusive intervals."""

    intervals: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, int]]) -> "CodeSet":
        """Normalise any intervals (unsorted, overlapping or adjacent) into a set."""
        merged: list[list[int]] = []
        for low, high in sorted(pairs):
            if low > high:
                continue
            if merged and low <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], high)
            else:
                merged.append([low, high])
        return cls(tuple((low, high) for low, high in merged))

    @classmethod
    def single(cls, code_point: int) -> "CodeSet":
        return cls(((code_point, code_point),))

    @classmethod
    def universe(cls) -> "CodeSet":
        return cls(((0, MAX_CODE_POINT),))

    def __bool__(self) -> bool:
        return bool(self.intervals)

    def __contains__(self, code_point: int) -> bool:
        index = bisect.bisect_right(self.intervals, (code_point, MAX_CODE_POINT + 1)) - 1
        return index >= 0 and self.intervals[index][0] <= code_point <= self.intervals[index][1]

    def union(self, other: "CodeSet") -> "CodeSet":
        return CodeSet.of(self.intervals + other.intervals)

    def complement(self) -> "CodeSet":
        pairs = []
        start = 0
        for low, high in self.intervals:
            if low > start:
                pairs.append((start, low - 1))
            start = high + 1
        if start <= MAX_CODE_POINT:
            pairs.append((start, MAX_CODE_POINT))
        return CodeSet(tuple(pairs))

    def intersection(self, other: "CodeSet") -> "CodeSet":
        return self.complement().union(other.complement()).complement()

    def difference(self, other: "CodeSet") -> "CodeSet":
        return self.intersection(other.complement())

    def is_subset(self, other: "CodeSet") -> bool:
        return not self.difference(other)

    def sample(self) -> Optional[str]:
        """A member to put in an attack string: printable ASCII where the set has one."""
        for preferred in _PREFERRED_SAMPLES:
            if ord(preferred) in self:
                return preferred
        for low, high in self.intervals:
            for code_point in range(low, min(high, low + 64) + 1):
                if not 0xD800 <= code_point <= 0xDFFF:
                    return chr(code_point)
        # Only lone surrogates are left: a Python string can hold them, and `regex` reads them.
        return chr(self.intervals[0][0]) if self.intervals else None


# Letters and digits first, so that attack strings read like log lines.
_PREFERRED_SAMPLES = (
    "a0x1 Ab!-_.:/=,;\"'@#%&*+?<>()[]{}|\\~^$`\t\n"
    "bcdefghijklmnopqrstuvwyzBCDEFGHIJKLMNOPQRSTUVWXYZ23456789\r"
)


def case_closure(code_set: CodeSet) -> CodeSet:
    """The set together with every character that `regex` matches with one of its members under `(?i)`."""
    if not code_set:
        return code_set
    if code_set.intervals[-1][1] < 0x80:
        pairs = list(code_set.intervals)
        for low, high in code_set.intervals:
            for code_point in range(max(low, 0x41), min(high, 0x7A) + 1):
                letter = chr(code_point)
                if letter.isalpha():
                    pairs.append((ord(letter.swapcase()),) * 2)
                    extra = _ASCII_CASE_EXTRAS.get(letter.lower())
                    if extra is not None:
                        pairs.append((extra, extra))
        return CodeSet.of(pairs)
    return CodeSet.of(code_set.intervals).union(_scan_case_closure(code_set.intervals))


@lru_cache(maxsize=256)
def _scan_case_closure(intervals: tuple[tuple[int, int], ...]) -> CodeSet:
    members = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in intervals)
    return scan_engine_set(f"(?i)[{members}]")


@lru_cache(maxsize=256)
def scan_engine_set(class_pattern: str) -> CodeSet:
    """The code points that a one-character pattern such as `\\w` or `(?i)[a-z]` matches.

    Raises regex.error where the pattern does not compile.
    """
    compiled = regex.compile(f"(?:{class_pattern})+")
    pairs = []
    for base, text in _scan_universe():
        for match in compiled.finditer(text):
            start, end = match.span()
            pairs.append((base + start, base + end - 1))

    # The planes left out of the scan are uniform: one member decides for all of them.
    for low, high in _UNSCANNED_RUNS:
        if compiled.fullmatch(chr(low)):
            pairs.append((low, high))
    return CodeSet.of(pairs)


@lru_cache(maxsize=1)
def _scan_universe() -> tuple[tuple[int, str], ...]:
    """The scanned planes as strings, surrogates left out because they cannot be encoded."""
    chunks = []
    for plane in _SCANNED_PLANES:
        base = plane << 16
        if plane == 0:
            chunks.append((0, _code_point_string(0, 0xD800)))
            chunks.append((0xE000, _code_point_string(0xE000, 0x10000)))
        else:
            chunks.append((base, _code_point_string(base, base + 0x10000)))
    return tuple(chunks)


def _code_point_string(start: int, stop: int) -> str:
    # Building the UTF-32 bytes with strided slices takes a few milliseconds per plane,
    # where "".join(map(chr, ...)) takes tens.
    count = stop - start
    buffer = bytearray(4 * count)
    buffer[0::4] = bytes(range(256)) * (count // 256)
    buffer[1::4] = b"".join(bytes([byte]) * 256 for byte in range((start >> 8) & 0xFF, ((start >> 8) & 0xFF) + count // 256))
    buffer[2::4] = bytes([start >> 16]) * count
    return bytes(buffer).decode("utf-32-le")


# -- Named classes ----------------------------------------------------------------------

_ASCII_DIGITS = CodeSet.of([(0x30, 0x39)])
_ASCII_WORD = CodeSet.of([(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
_ASCII_SPACE = CodeSet.of([(0x09, 0x0D), (0x20, 0x20)])
NEWLINE = CodeSet.single(0x0A)


def class_escape(letter: str, ascii_only: bool) -> CodeSet:
    """The set of `\\d`, `\\w`, `\\s` or their negations `\\D`, `\\W`, `\\S`."""
    lower = letter.lower()
    if ascii_only:
        base = {"d": _ASCII_DIGITS, "w": _ASCII_WORD, "s": _ASCII_SPACE}[lower]
    else:
        base = scan_engine_set(f"\\{lower}")
    return base.complement() if letter.isupper() else base


def prepare_unicode_tables() -> None:
    """Build the Unicode sets of `\\d`, `\\w` and `\\s` now, a one-time cost of some tens of milliseconds."""
    for letter in "dws":
        class_escape(letter, False)


def word_characters(ascii_only: bool) -> CodeSet:
    """The characters `\\b` counts as word characters."""
    return class_escape("w", ascii_only)


def any_character(dotall: bool) -> CodeSet:
    """What `.` matches: everything but a newline unless DOTALL is set."""
    universe = CodeSet.universe()
    return universe if dotall else universe.difference(NEWLINE)


# -- Minterms ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Alphabet:
    """The coarsest partition of the code points that no set of a pattern splits.

    Each block (a minterm) is a bit position, so a set that is a union of blocks is an int
    mask, and two sets overlap exactly when their masks share a bit. `samples[i]` is a
    character of block i for attack strings.
    """

    blocks: tuple[CodeSet, ...]
    samples: tuple[str, ...]
    _boundaries: tuple[int, ...]
    _block_of_segment: tuple[int, ...]

    @property
    def full_mask(self) -> int:
        return (1 << len(self.blocks)) - 1

    def mask(self, code_set: CodeSet) -> int:
        """The mask of a set; every set given to `build_alphabet` is an exact union of blocks."""
        result = 0
        for low, high in code_set.intervals:
            index = bisect.bisect_right(self._boundaries, low) - 1
            while index < len(self._boundaries) and self._boundaries[index] <= high:
                result |= 1 << self._block_of_segment[index]
                index += 1
        return result

    def block_of(self, character: str) -> int:
        index = bisect.bisect_right(self._boundaries, ord(character)) - 1
        return self._block_of_segment[index]

    def describe_mask(self, mask: int) -> CodeSet:
        pairs: list[tuple[int, int]] = []
        for index, block in enumerate(self.blocks):
            if mask >> index & 1:
                pairs.extend(block.intervals)
        return CodeSet.of(pairs)


def build_alphabet(sets: Sequence[CodeSet]) -> Alphabet:
    """Partition the code points by which of `sets` each belongs to."""
    unique = list(dict.fromkeys(sets))
    events: dict[int, int] = {0: 0}
    for index, code_set in enumerate(unique):
        for low, high in code_set.intervals:
            events[low] = events.get(low, 0) ^ (1 << index)
            events[high + 1] = events.get(high + 1, 0) ^ (1 << index)

    # A sweep over the interval ends gives each segment the sets it belongs to.
    boundaries = sorted(point for point in events if point <= MAX_CODE_POINT)
    signature = 0
    signatures = []
    for point in boundaries:
        signature ^= events[point]
        signatures.append(signature)

    block_ids: dict[int, int] = {}
    block_pairs: list[list[tuple[int, int]]] = []
    segment_blocks = []
    for position, point in enumerate(boundaries):
        end = boundaries[position + 1] - 1 if position + 1 < len(boundaries) else MAX_CODE_POINT
        block = block_ids.setdefault(signatures[position], len(block_ids))
        if block == len(block_pairs):
            block_pairs.append([])
        block_pairs[block].append((point, end))
        segment_blocks.append(block)

    blocks = tuple(CodeSet.of(pairs) for pairs in block_pairs)
    samples = tuple(block.sample() or "\x00" for block in blocks)
    return Alphabet(blocks, samples, tuple(boundaries), tuple(segment_blocks))
