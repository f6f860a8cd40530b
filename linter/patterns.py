"""Compiling the regular expressions that users write in filter patterns and custom data identifiers.

Several rules look at the same pattern, so compiled patterns are cached for the process.
A compile failure is returned rather than raised, including the RecursionError the `regex`
module raises for groups nested a thousand levels deep, which no rule may let escape. A
pattern whose counts would make `regex` copy a part too often, such as `x{99999999}`, is
not compiled at all, because compiling it takes gigabytes of memory.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, NamedTuple, Optional, Union

from .quantifiers import OversizedCount, counted_copies

if TYPE_CHECKING:
    import regex


class CompileError(NamedTuple):
    """Why a pattern does not compile: the engine's message and the index it names, if any."""

    msg: str
    pos: Optional[int]


CompileResult = tuple[Optional["regex.Pattern"], Optional[Union[CompileError, OversizedCount]]]

# The cache is bounded by the estimated size of what it keeps, measured in pattern
# elements (characters, classes, groups and their counted copies), because the memory a
# compiled pattern takes grows with its counts. Each entry also costs a fixed overhead.
# At the costliest element measured, about 1.3 KB, the bound keeps an estimated 130 MB.
MAX_CACHED_ELEMENTS = 100_000
_ENTRY_OVERHEAD = 10

# A `{` followed by more digits than Python converts to an int by default.
_LONG_COUNT = re.compile(r"\{[0-9]{4301}")

_cache: OrderedDict[str, tuple[CompileResult, int]] = OrderedDict()
_cached_elements = 0
_cache_lock = threading.Lock()


def compile_pattern(pattern: str) -> CompileResult:
    """Compile with the `regex` module; return the compiled pattern, or why it was not compiled.

    The reason is a CompileError from the engine, or the OversizedCount at which the
    pattern's counts make more copies than crml-lint compiles.
    """
    with _cache_lock:
        cached = _cache.get(pattern)
        if cached is not None:
            _cache.move_to_end(pattern)
            return cached[0]

    copies = counted_copies(pattern)
    if copies.oversized is not None:
        result: CompileResult = (None, copies.oversized)
    else:
        result = _compile(pattern)

    _remember(pattern, result, len(pattern) + copies.total + _ENTRY_OVERHEAD)
    return result


def _compile(pattern: str) -> CompileResult:
    # Imported on first use: an association without patterns need not pay for it.
    import regex

    try:
        return regex.compile(pattern), None
    except regex.error as error:
        return None, CompileError(error.msg, error.pos)
    except (RecursionError, MemoryError, OverflowError):
        return None, CompileError("groups nest too deeply to be compiled", _first_group(pattern))
    except ValueError as error:
        # `regex` converts the digits after a `{` with int(), which Python refuses for
        # more than 4300 digits (sys.get_int_max_str_digits), even where no `}` follows.
        brace = _LONG_COUNT.search(pattern)
        if brace is None:
            return None, CompileError(str(error), None)
        return None, CompileError("repeat count too big", brace.start())


def _remember(pattern: str, result: CompileResult, elements: int) -> None:
    """Cache a result, dropping the least recently used ones beyond MAX_CACHED_ELEMENTS.

    The newest result stays even when it alone is larger, so that the next rule to look
    at the same pattern does not compile it again.
    """
    global _cached_elements
    with _cache_lock:
        if pattern in _cache:
            return
        _cache[pattern] = (result, elements)
        _cached_elements += elements
        while _cached_elements > MAX_CACHED_ELEMENTS and len(_cache) > 1:
            _, (_, dropped) = _cache.popitem(last=False)
            _cached_elements -= dropped


def _first_group(pattern: str) -> Optional[int]:
    index = pattern.find("(")
    return index if index >= 0 else None
