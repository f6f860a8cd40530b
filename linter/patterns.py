"""Compiling the regular expressions that users write in filter patterns and custom data identifiers.

Several rules look at the same pattern, so each is compiled once per process. A compile
failure is returned rather than raised, including the RecursionError the `regex` module
raises for groups nested a thousand levels deep, which no rule may let escape.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, Optional

if TYPE_CHECKING:
    import regex


class CompileError(NamedTuple):
    """Why a pattern does not compile: the engine's message and the index it names, if any."""

    msg: str
    pos: Optional[int]


@lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> tuple[Optional["regex.Pattern"], Optional[CompileError]]:
    """Compile with the `regex` module; return the compiled pattern or why it failed."""
    # Imported on first use: an association without patterns need not pay for it.
    import regex

    try:
        return regex.compile(pattern), None
    except regex.error as error:
        return None, CompileError(error.msg, error.pos)
    except (RecursionError, MemoryError, OverflowError):
        return None, CompileError("groups nest too deeply to be compiled", _first_group(pattern))


def _first_group(pattern: str) -> Optional[int]:
    index = pattern.find("(")
    return index if index >= 0 else None
