"""Confirmation of a ReDoS finding: run the attack against the `regex` module and time it.

The attack text grows by doubling its pump count. Linear matching roughly doubles the time.
The analysis reports degree 3 or more, so the time should grow at least eightfold, but
`regex` has guards that soften some patterns. A growth of `_SUPER_LINEAR_RATIO` or more
over two doublings in a row (one is enough for a run of `_SURE_SECONDS`), or a run stopped
by the engine's own timeout while the one before it took little time, confirms the finding.

`regex` skips a search when a literal the pattern needs is missing from the text, so a
second variant appends, after the failing suffix, a text that the pattern matches: the
attempts at earlier start positions still have to fail the slow way first.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Optional

import regex

from .redos import Attack, Deadline

_SUPER_LINEAR_RATIO = 3.0
_MIN_MEASURED_SECONDS = 0.001
_SURE_SECONDS = 0.02
_MAX_TEXT_LENGTH = 200_000
_SAFETY_MARGIN_SECONDS = 0.002
_SHORT_TEXT = 256
_MIN_TIMEOUT_SECONDS = 0.01


@dataclass(frozen=True)
class Confirmation:
    """The outcome of running the attack: confirmed or not, the longest time measured in seconds, and the attack run last."""

    confirmed: bool
    out_of_time: bool
    slowest_seconds: float
    text_length: int
    attack: Attack


def confirm(pattern: str, attack: Attack, exponential: bool, deadline: Deadline, match_text: Optional[str] = None) -> Confirmation:
    """Time `regex.search` on the attack with growing pump counts until it confirms or the deadline passes."""
    compiled = regex.compile(pattern)
    variants = [attack]
    if match_text:
        variants.append(Attack(attack.prefix, attack.pumps, attack.suffix + match_text))

    outcome = None
    for variant in variants:
        outcome = _grow(compiled, variant, exponential, deadline)
        if outcome.confirmed or outcome.out_of_time:
            break
    return outcome


def _grow(compiled, attack: Attack, exponential: bool, deadline: Deadline) -> Confirmation:
    pump_length = max(1, sum(len(pump) for pump, _connector in attack.pumps))
    # Exponential attacks start short, since each pump doubles the time; polynomial ones
    # need long texts. Both double their pump count from run to run.
    repeats = max(1, 4 // pump_length) if exponential else 16
    previous: Optional[float] = None
    grew_before = False
    slowest = 0.0
    length = 0
    while True:
        text = attack.text(repeats)
        if len(text) > _MAX_TEXT_LENGTH:
            return Confirmation(False, False, slowest, length, attack)
        allowed = deadline.remaining() - _SAFETY_MARGIN_SECONDS
        if allowed <= 0:
            return Confirmation(False, True, slowest, length, attack)

        elapsed = _timed_search(compiled, text, allowed)
        if elapsed is None:
            # Stopped by the timeout: that confirms when the previous, shorter run was
            # quick, or when the text is short enough that no linear search takes that long.
            quick_before = previous is not None and previous * _SUPER_LINEAR_RATIO < allowed
            confirmed = quick_before or (len(text) <= _SHORT_TEXT and allowed >= _MIN_TIMEOUT_SECONDS)
            return Confirmation(confirmed, not confirmed, max(slowest, allowed), len(text), attack)
        slowest = max(slowest, elapsed)
        length = len(text)

        growing = previous is not None and elapsed >= _MIN_MEASURED_SECONDS and elapsed >= previous * _SUPER_LINEAR_RATIO
        # One jump of a few milliseconds can be a pause of the process; two in a row, or a
        # long run, are the pattern's doing.
        if growing and (grew_before or elapsed >= _SURE_SECONDS):
            return Confirmation(True, False, slowest, length, attack)
        grew_before = growing
        previous = elapsed
        repeats *= 2


def _timed_search(compiled, text: str, allowed: float) -> Optional[float]:
    """Run one search for at most `allowed` seconds of wall-clock time; its duration, or None when stopped.

    The `regex` timeout counts CPU time, which on a busy machine lags wall-clock time, so
    the search runs in a thread (with the GIL released) that the caller stops waiting for
    when the wall-clock time is up. The engine's own timeout then ends the abandoned search.
    """
    outcome: list[Optional[float]] = []

    def search() -> None:
        started = time.perf_counter()
        try:
            compiled.search(text, timeout=allowed, concurrent=True)
        except TimeoutError:
            outcome.append(None)
            return
        outcome.append(time.perf_counter() - started)

    worker = threading.Thread(target=search, name="crml-lint-redos-confirmation", daemon=True)
    worker.start()
    worker.join(allowed)
    return outcome[0] if outcome else None
