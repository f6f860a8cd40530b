"""Deciding whether a regular expression matches every log line, in search semantics.

Whether a pattern matches every possible line cannot be decided in general once
lookarounds and backreferences are allowed, so the decision is made on sample lines. They
are a fixed set of varied log lines, plus lines built from the pattern's own literal
text, which defeat a negative lookaround such as `^(?!DEBUG)`. A pattern that matches
all of them is taken to match every line. Every search is bounded in time, and a pattern that
runs out of time is left undecided rather than judged.
"""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Iterator, Optional

from .patterns import compile_pattern

EVERY_LINE = "every line"
EVERY_NON_EMPTY_LINE = "every non-empty line"

TIME_BUDGET_SECONDS = 0.1
"""The time all searches for one pattern may take together; CRML205 owns slow patterns."""

_MAX_SAMPLES = 400

# Lines of the kinds that training and inference containers write, with space, tab,
# digits, punctuation and characters beyond ASCII.
_FIXED_LINES = (
    " ",
    "\t",
    "a",
    "Z",
    "0",
    "_",
    "-",
    ".",
    "é",
    "日本語のログ",
    "ERROR 2024-05-01T12:00:00Z training job failed: ValueError('bad shape')",
    "2024-05-01 12:00:00,123 INFO root: starting epoch 3",
    "[2024-05-01T12:00:00.123Z] WARN  data loader is slow",
    "DEBUG:botocore.hooks:Event choose-signer",
    "level=info ts=1714564800 msg=\"checkpoint saved\"",
    "INFO  epoch=3 step=120 loss=0.4187 accuracy=0.91",
    "Traceback (most recent call last):",
    '  File "/opt/ml/code/train.py", line 42, in <module>',
    '{"level": "warning", "message": "retrying in 5 s"}',
    "    at com.example.Trainer.run(Trainer.java:88)",
)

# A long line whose characters are spread over printable ASCII, in an order without
# structure, so that no pattern tuned to ordinary text matches it by accident.
_LONG_LINE = "".join(chr(33 + (index * 37) % 94) for index in range(600)) + " ü ß € 中"

_METACHARACTERS = set("^$.*+?()[]{}|")


def lines_matched(pattern: str) -> Optional[str]:
    """Return EVERY_LINE or EVERY_NON_EMPTY_LINE when the pattern matches all such lines, else None.

    None also stands for a pattern that was not compiled or that runs out of its time budget.
    """
    compiled, _ = compile_pattern(pattern)
    if compiled is None:
        return None

    # NOTE: the samples decide. A lookaround that excludes text none of them contains,
    # such as `^(?!\d{5})`, makes a pattern that filters some lines look as if it filtered none.
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    try:
        matches_empty_line = _search(compiled, "", deadline)
        for line in _sample_lines(pattern):
            if not _search(compiled, line, deadline):
                return None
    except TimeoutError:
        return None
    return EVERY_LINE if matches_empty_line else EVERY_NON_EMPTY_LINE


def _search(compiled, line: str, deadline: float) -> bool:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("the time budget for this pattern is spent")
    return compiled.search(line, timeout=remaining) is not None


def _sample_lines(pattern: str) -> Iterator[str]:
    """Yield non-empty sample lines, the fixed ones first, without repeats."""
    seen: set[str] = set()
    candidates = [*_FIXED_LINES, _LONG_LINE, *_lines_from_pattern(pattern)]
    for line in candidates:
        if line and line not in seen and "\n" not in line:
            seen.add(line)
            yield line
            if len(seen) >= _MAX_SAMPLES:
                return


def _lines_from_pattern(pattern: str) -> Iterator[str]:
    """Yield lines made of the pattern's literal text: each run alone and inside other text, and each character."""
    for run in _literal_runs(pattern):
        yield run
        yield f"x {run} x"
    for character in pattern:
        if not character.isspace():
            yield character
    yield pattern


def _literal_runs(pattern: str) -> list[str]:
    """Split the pattern into runs of text it matches literally, with escapes such as `\\[` resolved.

    The first member of each character set counts as literal text too, so that
    `^(?![A-Z])` meets a line that starts with `A`.
    """
    text = _group_opening().sub("(", pattern)
    runs: list[str] = []
    current = ""
    index = 0
    while index < len(text):
        character = text[index]
        if character == "\\" and index + 1 < len(text):
            escaped = text[index + 1]
            index += 2
            if escaped.isalnum():
                # A class such as \d or \w, or an escape such as \n: not literal text.
                runs.append(current)
                current = ""
            else:
                current += escaped
            continue

        if character == "[":
            runs.append(current)
            current = ""
            member = text[index + 1:index + 2]
            if member and member not in "^\\]":
                runs.append(member)
        elif character in _METACHARACTERS:
            runs.append(current)
            current = ""
        else:
            current += character
        index += 1
    runs.append(current)
    return [run for run in runs if run.strip()]


@lru_cache(maxsize=None)
def _group_opening():
    """Group openings such as `(?:`, `(?!` and `(?P<name>`, which are syntax, not literal text."""
    # Compiled on first use: importing `regex` costs start-up time that a run without
    # filter patterns need not pay.
    import regex

    return regex.compile(r"\(\?(?:[:=!>|]|<[=!]|P?<\w+>|[a-zA-Z^-]+[:)])")
