"""The CloudFormation template format: every resource of type
`AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation` in a JSON or YAML template, hand
written or synthesised by the CDK.

Each resource becomes one canonical document in the API's shape, built here and nowhere
else. Property names in PascalCase map onto the API's camelCase names of the schema, and
unknown properties keep their names, so that the contract check reports them. Tags, a
list of `{Key, Value}` in a template, become the API's tag map. Every node keeps its span
in the template, and its user path is relative to the resource's `Properties`, in the
template's spelling (`PrivacyConfiguration.Policies.TrainedModels.ContainerLogs[0]`).

What CloudFormation accepts decides what is an error: YAML templates are typed as YAML 1.1
(as cfn-lint reads them). A quoted number is converted where a number is expected, and a
number or boolean where a string is expected, when it is written the way JSON writes it.
Intrinsic functions and mappings with an `Fn::Transform` key are not judged, and each
branch of an `Fn::If` is, nested branches included (see intrinsics.py).
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any, Optional

from ..association import Association, InputFormat
from ..document import DynamicNode, MappingNode, Node, Path, ScalarNode, SequenceNode, Span, format_path
from ..finding import Problem
from ..intrinsics import REMOVED, BranchSelector, condition_assignments
from ..loading import LoadedDocument
from ..source import SourceFile
from ..suggestions import closest_name

RESOURCE_TYPE = "AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation"

MISSING_REQUIRED_FIELD = "CRML101"
UNKNOWN_FIELD = "CRML102"
WRONG_TYPE = "CRML103"
READ_ONLY_PROPERTY = "CRML109"
DUPLICATE_TAG_KEY = "CRML406"

_POLICIES = "/properties/privacyConfiguration/properties/policies/properties"

CLOUDFORMATION = InputFormat(
    name="cloudformation",
    title="CloudFormation template",
    schema="association.schema.json",
    # The resource schema of AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation (as
    # cfn-lint 1.51 ships it) caps sizes lower than the API does, and demands tag values
    # of at least one character, where the API allows an empty value.
    schema_overrides=(
        (f"{_POLICIES}/trainedModels/properties/maxArtifactSize/properties/value", "maximum", 10),
        (f"{_POLICIES}/trainedModelExports/properties/maxSize/properties/value", "maximum", 10),
        (f"{_POLICIES}/trainedModelInferenceJobs/properties/maxOutputSize/properties/value", "maximum", 50),
        ("/properties/tags/additionalProperties", "minLength", 1),
    ),
    key_style="PascalCase",
)

# Properties that CloudFormation sets once it has created the association; a template
# must not set them.
READ_ONLY_PROPERTIES = ("CollaborationIdentifier", "ConfiguredModelAlgorithmAssociationArn")

_TAG_FIELDS = ("Key", "Value")

# A number spelt the way JSON spells it: the only spelling that the canonical document
# converts between string and number (see _coerced_scalar).
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")

# A template key written in the API's camelCase (`name`) is unknown to CloudFormation. The
# canonical document keeps it under a name that no schema property has, so the contract
# check reports it as unknown. Messages show the key as written.
_UNKNOWN_KEY_MARK = "\x00"


def recognise(document: LoadedDocument, source: SourceFile) -> Optional[list[Association]]:
    """Return the associations among a template's resources, or None when `document` is no template.

    A template without a resource of the association type yields an empty list, so that
    no other format takes it for a request.
    """
    root = document.root
    if not isinstance(root, MappingNode) or not isinstance(root.get("Resources"), MappingNode):
        return None

    resources = [
        (logical_id, resource)
        for logical_id, resource in root.get("Resources").items()
        if isinstance(resource, MappingNode) and _is_association(resource)
    ]
    if not resources:
        return []

    # cfn-lint and CloudFormation read YAML templates with YAML 1.1 types, where the API's
    # YAML input uses the YAML 1.2 core schema. JSON numbers keep their JSON types.
    if document.syntax == "yaml":
        from ..yaml_typing import YAML_1_1, retype

        retype(root, YAML_1_1)

    associations = []
    for logical_id, resource in resources:
        association = _association(root.get("Resources").keys[logical_id], resource, document, source)
        if association is not None:
            associations.append(association)
    return associations


def _is_association(resource: MappingNode) -> bool:
    resource_type = resource.get("Type")
    return isinstance(resource_type, ScalarNode) and resource_type.value == RESOURCE_TYPE


def _association(
    logical_id: ScalarNode, resource: MappingNode, document: LoadedDocument, source: SourceFile
) -> Optional[Association]:
    """Build the association of one resource, with one alternative per further Fn::If variant.

    Return None when the resource's Properties are known only at deployment in every variant.
    """
    variants = []
    for assignment in condition_assignments(resource.get("Properties")):
        builder = _CanonicalBuilder(BranchSelector(assignment))
        canonical = builder.build_resource(logical_id, resource)
        if canonical is not None:
            variants.append(
                Association(
                    document=canonical,
                    input_format=CLOUDFORMATION,
                    source=source,
                    document_index=document.index,
                    resource=str(logical_id.value),
                    problems=builder.problems,
                )
            )

    if not variants:
        return None
    variants[0].alternatives = variants[1:]
    return variants[0]


@lru_cache(maxsize=None)
def _schema() -> dict:
    """Read the API's schema for its property names and types, once; the contract check does the validation."""
    import pkgutil

    data = pkgutil.get_data("crml_lint.schemas", CLOUDFORMATION.schema)
    if data is None:
        raise FileNotFoundError(f"schema {CLOUDFORMATION.schema} is missing from the crml_lint.schemas package")
    return json.loads(data.decode("utf-8"))


def _resolved(subschema: dict) -> dict:
    """Merge the target of a local `$ref` ("#/$defs/...") into the subschema that contains it."""
    reference = subschema.get("$ref")
    if not isinstance(reference, str) or not reference.startswith("#/"):
        return subschema
    target: Any = _schema()
    for step in reference[2:].split("/"):
        target = target.get(step, {}) if isinstance(target, dict) else {}
    return {**target, **{key: value for key, value in subschema.items() if key != "$ref"}}


def _pascal_case(name: str) -> str:
    return name[:1].upper() + name[1:]


class _CanonicalBuilder:
    """Builds the canonical document of one resource for one Fn::If variant.

    `problems` collects what the template's own shape breaks and the canonical document
    cannot show: read-only properties (CRML109), a repeated tag key (CRML406), and tag
    list items that are not `{Key, Value}` (CRML101, CRML102, CRML103).
    """

    def __init__(self, selector: BranchSelector):
        self.selector = selector
        self.problems: list[Problem] = []

    def build_resource(self, logical_id: ScalarNode, resource: MappingNode) -> Optional[MappingNode]:
        """Return the canonical document of the resource, or None when its Properties are dynamic."""
        properties = resource.get("Properties")
        selected = REMOVED if properties is None else self.selector.select(properties)

        # Without Properties, the contract check reports each required property as
        # missing, at the resource's logical ID.
        if selected is REMOVED:
            canonical = MappingNode(resource.span)
            canonical.key = _copied_key(logical_id, str(logical_id.value), ())
            return canonical
        if isinstance(selected, DynamicNode):
            return None

        canonical = MappingNode(selected.span)
        canonical.key = _copied_key(resource.keys["Properties"], "Properties", ())
        if not isinstance(selected, MappingNode):
            message = f"Properties must be an object of the resource's properties, not {_value_type(selected)}"
            self.problems.append(Problem(message, selected.span, "Properties", rule_id=WRONG_TYPE))
            return canonical

        self._properties(selected, canonical)
        return canonical

    def _properties(self, properties: MappingNode, canonical: MappingNode) -> None:
        schema = _schema()
        names = {_pascal_case(name): name for name in schema["properties"]}

        for written, value in properties.items():
            key = properties.keys[written]
            path = (written,)
            if written in READ_ONLY_PROPERTIES:
                message = (
                    f"{written} is a read-only property: CloudFormation sets it when it creates the association, "
                    "and a template that sets it fails to deploy; remove it"
                )
                self.problems.append(Problem(message, key.span, written, rule_id=READ_ONLY_PROPERTY, fix=f"remove {written}"))
                continue

            if written == "Tags":
                tags = self._tags(value, path)
                if tags is not None:
                    canonical.set(_copied_key(key, "tags", path), tags)
                continue

            name = names.get(written) or _unknown_name(written, schema["properties"])
            built = self._build(value, schema["properties"].get(name, {}), path)
            if built is not None:
                canonical.set(_copied_key(key, name, path), built)

    def _build(self, node: Node, schema: dict, path: Path) -> Optional[Node]:
        """Return the canonical copy of `node` for this variant, or None where AWS::NoValue removes it."""
        selected = self.selector.select(node)
        if selected is REMOVED:
            return None
        if isinstance(selected, DynamicNode):
            selected.user_path = path
            return selected

        schema = _resolved(schema)
        if isinstance(selected, MappingNode):
            return self._mapping(selected, schema, path)
        if isinstance(selected, SequenceNode):
            return self._sequence(selected, schema, path)
        return _coerced_scalar(selected, schema.get("type"), path)

    def _mapping(self, node: MappingNode, schema: dict, path: Path) -> MappingNode:
        properties = schema.get("properties", {})
        names = {_pascal_case(name): name for name in properties}
        canonical = MappingNode(node.span, user_path=path)
        for written, value in node.items():
            name = names.get(written) or _unknown_name(written, properties)
            built = self._build(value, properties.get(name, {}), path + (written,))
            if built is not None:
                canonical.set(_copied_key(node.keys[written], name, path + (written,)), built)
        return canonical

    def _sequence(self, node: SequenceNode, schema: dict, path: Path) -> SequenceNode:
        item_schema = schema.get("items", {})
        canonical = SequenceNode(node.span, user_path=path)
        # Items keep their index in the template, so that messages name the item as written
        # even where AWS::NoValue removes an item before it.
        for index, item in enumerate(node.items):
            built = self._build(item, item_schema, path + (index,))
            if built is not None:
                canonical.items.append(built)
        return canonical

    # Tags

    def _tags(self, node: Node, path: Path) -> Optional[Node]:
        """Turn the template's tag list into the API's tag map; return None where there is none to check."""
        selected = self.selector.select(node)
        if selected is REMOVED:
            return None
        if isinstance(selected, DynamicNode):
            selected.user_path = path
            return selected
        if not isinstance(selected, SequenceNode):
            message = (
                f"Tags must be a list of Key and Value pairs in a template, such as "
                f"[{{Key: team, Value: data-science}}], not {_value_type(selected)}"
            )
            self.problems.append(Problem(message, selected.span, format_path(path), rule_id=WRONG_TYPE))
            return None

        tags = MappingNode(selected.span, user_path=path)
        first_keys: dict[str, ScalarNode] = {}
        for index, item in enumerate(selected.items):
            entry = self._tag(item, path + (index,))
            if entry is None:
                continue
            key, value = entry
            first = first_keys.setdefault(str(key.value), key)
            if first is not key:
                self._repeated_tag_key(key, first)
                continue
            tags.set(key, value)
        return tags

    def _tag(self, item: Node, path: Path) -> Optional[tuple[ScalarNode, Node]]:
        """Return one tag's canonical key and value, or None for an item that is not a complete tag."""
        selected = self.selector.select(item)
        if selected is REMOVED or isinstance(selected, DynamicNode):
            return None
        if not isinstance(selected, MappingNode):
            message = f"{format_path(path)} must be an object with Key and Value, not {_value_type(selected)}"
            self.problems.append(Problem(message, selected.span, format_path(path), rule_id=WRONG_TYPE))
            return None

        # A misspelt field (`Valeu`) is reported once, as an unknown field that suggests the name.
        suggested = set()
        for written in selected.values:
            if written not in _TAG_FIELDS:
                suggested.add(self._unknown_tag_field(selected.keys[written], path + (written,)))

        key = value = None
        for name in _TAG_FIELDS:
            written = selected.get(name)
            built = None if written is None else self._build(written, {"type": "string"}, path + (name,))
            if built is None:
                if written is not None or name not in suggested:
                    self._missing_tag_field(selected, path + (name,))
            elif name == "Key":
                key = self._tag_key(built)
            else:
                value = built

        if key is None or value is None:
            return None
        return key, value

    def _tag_key(self, built: Node) -> Optional[ScalarNode]:
        """Return a tag's built Key as the canonical map's key, or None when it is dynamic or not a string."""
        if isinstance(built, DynamicNode):
            return None
        if not isinstance(built, ScalarNode) or not isinstance(built.value, str):
            message = f"{format_path(built.user_path)} must be a string, not {_value_type(built)}"
            self.problems.append(Problem.at(built, message, rule_id=WRONG_TYPE))
            return None
        return built

    def _missing_tag_field(self, tag: MappingNode, path: Path) -> None:
        # A tag item is a list item, which has no key to point at: point at its first character.
        field_path = format_path(path)
        self.problems.append(
            Problem(
                f"required field {field_path} is missing",
                _first_character(tag.span),
                field_path,
                rule_id=MISSING_REQUIRED_FIELD,
                fix=f"add {path[-1]}",
            )
        )

    def _unknown_tag_field(self, key: ScalarNode, path: Path) -> Optional[str]:
        """Report an unknown field of a tag; return the field it likely means, if any."""
        written = str(key.value)
        suggestion = closest_name(written, _TAG_FIELDS)
        if suggestion is not None:
            message = f"unknown field {json.dumps(written)}; did you mean {json.dumps(suggestion)}?"
            fix = f"rename it to {json.dumps(suggestion)}"
        else:
            message = f"unknown field {json.dumps(written)}; the fields of a tag are Key and Value"
            fix = "remove it"
        self.problems.append(Problem(message, key.span, format_path(path), rule_id=UNKNOWN_FIELD, fix=fix))
        return suggestion

    def _repeated_tag_key(self, key: ScalarNode, first: ScalarNode) -> None:
        first_tag = format_path(first.user_path[:-1])
        message = (
            f"tag key {json.dumps(key.value, ensure_ascii=False)} is also set at {first_tag}; "
            "a resource can carry each tag key once, so CloudFormation rejects the template; remove one of the two"
        )
        self.problems.append(Problem.at(key, message, rule_id=DUPLICATE_TAG_KEY, fix="remove this tag"))


def _unknown_name(written: str, properties: dict) -> str:
    return _UNKNOWN_KEY_MARK + written if written in properties else written


def _copied_key(key: ScalarNode, name: str, path: Path) -> ScalarNode:
    """Copy a template key as the key of a canonical mapping: the API's `name`, the template's span and text."""
    return ScalarNode(name, key.span, text=key.text or str(key.value), plain=key.plain, tag="str", user_path=path)


def _coerced_scalar(node: ScalarNode, expected: Optional[str], path: Path) -> ScalarNode:
    """Copy a scalar, converted as CloudFormation converts it where the schema expects another type."""
    value, tag = node.value, node.tag

    # Only numbers and booleans written the way JSON writes them are converted: a YAML 1.1
    # octal (010101010101) or a `yes` would reach the service as other text than written,
    # so the contract check reports them and advises quotes.
    if expected == "string" and _is_json_spelling(node):
        value, tag = node.text, "str"
    elif expected == "number" and isinstance(value, str) and _JSON_NUMBER.fullmatch(value):
        number = float(value) if any(mark in value for mark in ".eE") else int(value)
        if math.isfinite(number):
            value, tag = number, "float" if isinstance(number, float) else "int"

    return ScalarNode(value, node.span, text=node.text, plain=node.plain, tag=tag, user_path=path)


def _is_json_spelling(node: ScalarNode) -> bool:
    if isinstance(node.value, bool):
        return node.text.lower() in ("true", "false")
    if isinstance(node.value, (int, float)):
        return _JSON_NUMBER.fullmatch(node.text) is not None
    return False


def _first_character(span: Span) -> Span:
    return Span(span.start_line, span.start_column, span.start_line, span.start_column + 1)


def _value_type(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "an object"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, ScalarNode):
        value = node.value
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "a boolean"
        if isinstance(value, (int, float)):
            return "a number"
        if isinstance(value, str):
            return "a string"
    return "a value of another type"
