"""Suggestions for misspelt input: the known field name a key most likely means, and the
right spelling of an enumeration value.

Both look for the likeliest slip first: letter case alone (`MembershipIdentifier`, a
CloudFormation key in an API request), then separators as well (`membership_identifier`,
`error-summary`), then an ordinary typo, judged by difflib's similarity ratio.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

# Similarity ratio (0 to 1) from which a typo is close enough to suggest. At 0.8, one
# wrong or swapped letter in a word of five or more letters still qualifies, and one
# missing letter in a word of three or more.
_TYPO_CUTOFF = 0.8

_SEPARATORS = re.compile(r"[\s_\-.]+")


def closest_name(name: str, known: Iterable[str]) -> Optional[str]:
    """Return the name in `known` that `name` most likely means, or None when none is close."""
    return _closest(name, list(known))


def enum_spelling(value: str, allowed: Iterable[object]) -> Optional[str]:
    """Return the allowed value that `value` most likely means, or None when none is close.

    `error_summary`, `Error Summary` and `error-summary` all give `ERROR_SUMMARY`. Values
    of `allowed` that are not strings are ignored.
    """
    return _closest(value, [candidate for candidate in allowed if isinstance(candidate, str)])


def _closest(text: str, candidates: list[str]) -> Optional[str]:
    folded = text.casefold()
    for candidate in candidates:
        if candidate.casefold() == folded:
            return candidate

    squashed = _squash(text)
    for candidate in candidates:
        if _squash(candidate) == squashed:
            return candidate

    # Imported here: most runs have no typo to judge, and difflib costs start-up time.
    import difflib

    by_squashed = {_squash(candidate): candidate for candidate in candidates}
    matches = difflib.get_close_matches(squashed, list(by_squashed), n=1, cutoff=_TYPO_CUTOFF)
    return by_squashed[matches[0]] if matches else None


def _squash(text: str) -> str:
    """Fold letter case and drop separators, so that `Error-Summary` and `ERROR_SUMMARY` compare equal."""
    return _SEPARATORS.sub("", text.casefold())
