"""A quick look at a pattern's repetitions, to skip the ReDoS analysis where it cannot find anything.

Catastrophic backtracking needs repetition: a repeated group (which may nest or overlap
with itself, as in `(a|ab)*`), or at least two unbounded repetitions that the search loop
multiplies to degree three or more (`\\d+\\d+$`). A pattern with neither, such as
`ERROR|Traceback` or `customer-[0-9]{6}`, runs in at most quadratic time, which CRML205 does
not report. Checking that takes microseconds, while the full analysis builds Unicode tables
and an automaton.
"""

from __future__ import annotations

import re

# Bounds above this count as unbounded, as the ReDoS analysis reads them.
_MAX_BOUNDED_REPEAT = 10

_BRACES = re.compile(r"\{(\d*)(,?)(\d*)\}")


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
        match = _BRACES.match(pattern, index)
        if match is None or not (match.group(1) or match.group(3)):
            return 0, False  # a literal brace, as the regex module reads `{` without a valid bound
        low, comma, high = match.groups()
        unbounded = bool(comma) and (not high or int(high) > _MAX_BOUNDED_REPEAT)
        if not comma:
            unbounded = int(low) > _MAX_BOUNDED_REPEAT
        return len(match.group(0)), unbounded
    return 0, False
