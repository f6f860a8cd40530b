"""An association found in an input, presented in the API's shape whatever the input's format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .document import MappingNode
from .source import SourceFile


@dataclass(frozen=True)
class InputFormat:
    """A kind of input that carries associations.

    `name` is how reports and docs call it (`api-request`, `cloudformation`), and `schema`
    the file under `schemas/` that states its contract.
    """

    name: str
    title: str
    schema: str


@dataclass
class Association:
    """One association to check.

    `document` is the canonical document: the request in the API's camelCase shape, each
    node still pointing at its span in the user's file and carrying its path in the user's
    key style. `document_index` counts YAML documents from 0. `resource` is the
    CloudFormation logical ID, when the association is a template resource.
    """

    document: MappingNode
    input_format: InputFormat
    source: SourceFile
    document_index: int = 0
    resource: Optional[str] = None
