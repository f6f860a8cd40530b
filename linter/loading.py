"""Loading a source file into documents of nodes: the interface the engine calls.

PLACEHOLDER: the JSON and YAML loaders are being written; this module fixes their contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .document import Node
from .finding import Problem


@dataclass
class LoadedDocument:
    """One JSON document, or one document of a YAML stream.

    `root` is None for an empty YAML document. `problems` are what loading found inside
    it (CRML002 duplicate keys, CRML003 YAML without a JSON meaning, CRML103 for NaN and
    Infinity), each with its rule ID set; they are reported only when the document turns
    out to hold an association.
    """

    root: Optional[Node]
    index: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass
class LoadResult:
    """The documents of a file, and where parsing stopped when it failed (CRML001).

    Documents of a YAML stream before a syntax error are still in `documents`.
    """

    documents: list[LoadedDocument] = field(default_factory=list)
    failure: Optional[Problem] = None
