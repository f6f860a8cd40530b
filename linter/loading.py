"""Loading a source file into documents of nodes: the interface the engine calls.

`load(source, syntax)` reads a source as JSON or as a YAML stream. The JSON and YAML
loaders are imported only when a file of their syntax is loaded, so that PyYAML is not
imported for a run that reads JSON alone. The helpers below build the problems that both
loaders report in the same words.
"""

from __future__ import annotations

import math
from typing import Optional

from .document import Node, ScalarNode, Span
from .finding import Problem
from .source import MAX_FILE_BYTES, SourceFile

UNPARSABLE_FILE = "CRML001"
DUPLICATE_KEY = "CRML002"
UNSUPPORTED_YAML = "CRML003"
WRONG_TYPE = "CRML103"

SYNTAXES = ("json", "yaml")

MAX_NESTING_DEPTH = 128
"""The deepest nesting of mappings and sequences that the loaders read.

A request nests about eight levels deep, and a CloudFormation resource a few more, so a
file past this bound is no association. The bound keeps the recursive parsers and
converters, and the recursive `Node.to_python()`, far below Python's default recursion
limit of 1000 frames whatever nesting an input tries.
"""

MAX_VALUES = 250_000
"""The maximum number of values (scalars, mappings, sequences and keys) that the loaders read from one file.

The loaders' memory grows with the number of values: about 350 to 550 bytes per value of
JSON and 1 to 1.2 KB per value of YAML. Without a bound, a 15 MB list of ones,
`[1,1,...]`, takes gigabytes. A request is a few kilobytes, and CloudFormation accepts
templates of at most 1 MB, so a template with this many values would average at most 4.2
bytes per value, while the keys of a real template (`Type: `, `Properties:`) take more
than that on their own. At this bound one `crml-lint check` peaked at 110 to 160 MB of
resident memory for a JSON file and 270 to 310 MB for a YAML file (Python 3.11 on Linux
x86-64, measured with /usr/bin/time for a list of ones and a list of one-key mappings).
"""

MAX_INTEGER_DIGITS = 4300
"""The maximum number of digits of a decimal integer that Python converts by default
(`sys.get_int_max_str_digits()` since Python 3.11, and in security releases of 3.9 and
3.10). The AWS CLI reads requests with Python, so it rejects longer integers."""


class LoadedDocument:
    """One JSON document, or one document of a YAML stream.

    `root` is None for an empty YAML document. `problems` are what loading found inside
    it (CRML002 duplicate keys, CRML003 YAML without a JSON meaning, CRML103 for NaN and
    Infinity), each with its rule ID set; they are reported only when the document turns
    out to hold an association. `syntax` is the syntax it was loaded as, "json" or "yaml".
    """

    def __init__(self, root: Optional[Node], index: int = 0, problems: Optional[list[Problem]] = None, syntax: str = ""):
        self.root = root
        self.index = index
        self.problems: list[Problem] = problems if problems is not None else []
        self.syntax = syntax


class LoadResult:
    """The documents of a file, and where parsing stopped when it failed (CRML001).

    Documents of a YAML stream before a syntax error are still in `documents`.
    """

    def __init__(self, documents: Optional[list[LoadedDocument]] = None, failure: Optional[Problem] = None):
        self.documents: list[LoadedDocument] = documents if documents is not None else []
        self.failure = failure


def load(source: SourceFile, syntax: str) -> LoadResult:
    """Load `source` as "json" or "yaml"; raise ValueError for any other syntax."""
    if syntax == "json":
        from .json_loader import load_json

        result = load_json(source)
    elif syntax == "yaml":
        from .yaml_loader import load_yaml

        result = load_yaml(source)
    else:
        raise ValueError(f"unknown syntax {syntax!r}; expected one of {', '.join(SYNTAXES)}")

    for document in result.documents:
        document.syntax = syntax
    return result


def point_span(source: SourceFile, offset: int) -> Span:
    """Return the span of the character at `offset`, or an empty span at a line end or the end of the text.

    The end of the text is placed just after its last character other than whitespace, so
    that a report of an unexpected end points at the last line written, not past it.
    """
    if offset >= len(source.text):
        offset = len(source.text.rstrip())
    if offset < len(source.text) and source.text[offset] != "\n":
        return source.span(offset, offset + 1)
    return source.span(offset, offset)


def decoding_failure(source: SourceFile) -> Optional[LoadResult]:
    """Return a result with a CRML001 failure at 1:1 if the bytes of `source` could not be decoded, else None."""
    if source.decode_error is None:
        return None

    problem = Problem(
        message=f"{source.decode_error}; save the file as UTF-8 text",
        span=point_span(source, 0),
        rule_id=UNPARSABLE_FILE,
    )
    return LoadResult(failure=problem)


def too_large_problem(source: SourceFile) -> Problem:
    """Build the CRML001 problem, at line 1, for a source larger than MAX_FILE_BYTES that names association fields."""
    size = MAX_FILE_BYTES // (1024 * 1024)
    return Problem(
        message=f"the file is larger than {size} MiB, far more than any request or template needs (CloudFormation "
        "accepts templates of at most 1 MB), so it is not checked; exclude it if it holds no association",
        span=point_span(source, 0),
        rule_id=UNPARSABLE_FILE,
    )


def too_many_values_message() -> str:
    """Return the CRML001 message for a file with more than MAX_VALUES values."""
    return (
        f"the file has more than {MAX_VALUES:,} values (keys, scalars, mappings and sequences), far more than "
        "any association needs; the file is not read past this value"
    )


def nesting_too_deep_message() -> str:
    """Return the CRML001 message for nesting deeper than MAX_NESTING_DEPTH."""
    return (
        f"mappings and sequences are nested more than {MAX_NESTING_DEPTH} levels deep here, "
        "far deeper than any association; the file is not read further"
    )


def duplicate_key_problem(key: ScalarNode, first: ScalarNode) -> Problem:
    """Build the CRML002 problem for `key`, a key already set at `first` in the same mapping."""
    return Problem.at(
        key,
        f"duplicate key \"{key.value}\": it is also set on line {first.span.start_line}, and only this last "
        "value is kept; remove one of the two",
        rule_id=DUPLICATE_KEY,
    )


def non_finite_number_problem(node: ScalarNode) -> Optional[Problem]:
    """Build a CRML103 problem if `node` contains NaN or an infinity, which a request cannot carry; else return None.

    JSON has no literal for these values, so the AWS CLI cannot send them to the service
    even though Python's `json` module reads `NaN` and `Infinity`.
    """
    value = node.value
    if not isinstance(value, float) or math.isfinite(value):
        return None

    if math.isnan(value):
        message = f"{node.text} is not a number that JSON can carry, so the service cannot receive it; write a number"
    else:
        message = (
            f"{node.text} is infinite, or too large for a 64-bit floating-point number, "
            "so the service cannot receive it; write a finite number"
        )
    return Problem.at(node, message, rule_id=WRONG_TYPE)
