"""An association found in an input, presented in the API's shape whatever the input's format."""

from __future__ import annotations

from typing import Any, NamedTuple, Optional, Tuple

from .document import MappingNode
from .finding import Problem
from .source import SourceFile

SchemaOverride = Tuple[str, str, Any]
"""A change of one schema keyword for one input format: (JSON pointer of the subschema, keyword, value)."""


class InputFormat(NamedTuple):
    """A kind of input that carries associations.

    `name` is how reports and docs call it (`api-request`, `cloudformation`), and `schema`
    the file under `schemas/` that states its contract. `schema_overrides` are the
    format's own limits where they differ from that schema's, applied when the contract
    check builds its validator. `key_style` is how the format spells the API's field names
    (`camelCase` or `PascalCase`), so that messages name fields as the user writes them.
    """

    name: str
    title: str
    schema: str
    schema_overrides: Tuple[SchemaOverride, ...] = ()
    key_style: str = "camelCase"


class Association:
    """One association to check.

    `document` is the canonical document: the request in the API's camelCase shape, each
    node still pointing at its span in the user's file and carrying its path in the user's
    key style. `document_index` counts YAML documents from 0. `resource` is the
    CloudFormation logical ID, when the association is a template resource.

    `problems` are what the input format found while building the canonical document,
    each with its rule ID set (a repeated tag key in a template's tag list, which the
    canonical tag map cannot hold). `alternatives` are the other canonical documents that
    the same resource may deploy, one per choice of the template's `Fn::If` branches:
    each is checked too, and a finding they share is reported once.
    """

    def __init__(
        self,
        document: MappingNode,
        input_format: InputFormat,
        source: SourceFile,
        document_index: int = 0,
        resource: Optional[str] = None,
        problems: Optional[list[Problem]] = None,
        alternatives: Optional[list[Association]] = None,
    ):
        self.document = document
        self.input_format = input_format
        self.source = source
        self.document_index = document_index
        self.resource = resource
        self.problems: list[Problem] = problems if problems is not None else []
        self.alternatives: list[Association] = alternatives if alternatives is not None else []

    def field_name(self, name: str) -> str:
        """Spell a field name or dotted path of the API's shape as the input format writes it.

        A CloudFormation template writes `customEntityConfig.customDataIdentifiers` as
        `CustomEntityConfig.CustomDataIdentifiers`. Messages use this for fields they name
        without a node, such as a field to add; a node's own `user_path` is already spelt so.
        """
        if self.input_format.key_style != "PascalCase":
            return name
        return ".".join(step[:1].upper() + step[1:] for step in name.split("."))
