"""Input formats that carry associations, and the recognition of each loaded document.

A document is offered to each format in turn; the first that recognises it presents the
associations it holds, each as a canonical document in the API's shape. A document no
format recognises holds no association and is skipped without a finding.
"""

from __future__ import annotations

from ..association import Association
from ..loading import LoadedDocument
from ..source import SourceFile
from . import api_request, cloudformation

_FORMATS = (cloudformation, api_request)


def recognise(document: LoadedDocument, source: SourceFile) -> list[Association]:
    """The associations a loaded document holds; an empty list when it holds none."""
    if document.root is None:
        return []
    for input_format in _FORMATS:
        associations = input_format.recognise(document, source)
        if associations is not None:
            return associations
    return []
