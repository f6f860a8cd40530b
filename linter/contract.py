"""The API-contract check: validate an association against the JSON Schema of its input
format, and turn each schema error into one problem of the rule that owns it.

This module is the one place that decides which rule reports a schema error. `required`
is CRML101, `additionalProperties` CRML102, `type` CRML103 and `enum` CRML104. String
lengths are CRML105, except CRML402 and CRML403 for tag keys and values. Item counts are
CRML106, and the number of tags CRML401. `pattern` is CRML107, except CRML404 for the
reserved tag prefix. `maximum` is CRML301 and `minimum` CRML302. Where several errors concern one value, only the most
telling is reported: a value of the wrong type gets no other finding, and a string of the
wrong length gets no pattern finding. A value known only at deployment (a DynamicNode,
such as a CloudFormation intrinsic function) is not judged, so errors at or below it are
dropped.

The engine imports this module only once a file is known to hold an association, so
importing jsonschema here costs nothing for files without one.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from functools import lru_cache
import pkgutil
from typing import Any, Callable, Iterator, Optional

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from .association import Association
from .document import DynamicNode, MappingNode, Node, Path, ScalarNode, Span, format_path, node_at
from .finding import Problem
from .string_positions import span_of_characters
from .suggestions import closest_name, enum_spelling

MISSING_REQUIRED_FIELD = "CRML101"
UNKNOWN_FIELD = "CRML102"
WRONG_TYPE = "CRML103"
INVALID_ENUM_VALUE = "CRML104"
LENGTH_OUT_OF_RANGE = "CRML105"
ITEM_COUNT_OUT_OF_RANGE = "CRML106"
PATTERN_MISMATCH = "CRML107"
SIZE_ABOVE_SERVICE_LIMIT = "CRML301"
SIZE_BELOW_MINIMUM = "CRML302"
TOO_MANY_TAGS = "CRML401"
TAG_KEY_LENGTH = "CRML402"
TAG_VALUE_LENGTH = "CRML403"
RESERVED_TAG_PREFIX = "CRML404"

_LENGTH_KEYWORDS = ("minLength", "maxLength")

# Descriptions of a valid value, for fields whose pattern describes a format rather than a
# set of characters. Keys are field names in the API's shape, and list items go by the
# list's name.
_FORMATS = {
    "membershipIdentifier": "a lowercase UUID such as 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f",
    "configuredModelAlgorithmArn": (
        "the ARN of a configured model algorithm, such as "
        "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
    ),
    "allowedAccountIds": "an AWS account ID of 12 digits, such as 111122223333",
}

# The characters allowed in fields whose pattern is a set of characters.
_CHARACTER_SETS = {
    "name": "tab and the characters U+0020 to U+D7FF and U+E000 to U+FFFD (no emoji or other characters above U+FFFF)",
    "description": "tab, line feed, carriage return and the characters U+0020 to U+D7FF and U+E000 to U+FFFD (no emoji or other characters above U+FFFF)",
    "customDataIdentifiers": "letters A-Z and a-z, digits, space and _ # = @ / ; , - ^ $ ? [ ] { } | \\ * + . ( )",
}

# Whose limit a size above the schema's maximum breaks, by input format.
_LIMIT_OWNERS = {"api-request": "the API's", "cloudformation": "CloudFormation's"}

_WHITE_SPACE_NAMES = {"\t": "tab", "\n": "line feed", "\r": "carriage return"}

# Characters that cannot be shown in a message, by Unicode general category.
_INVISIBLE_KINDS = {"Cc": "a control character", "Cs": "an unpaired surrogate", "Cn": "a noncharacter"}

_JSON_TYPE_NAMES = {
    "string": "a string",
    "number": "a number",
    "integer": "an integer",
    "boolean": "a boolean",
    "array": "a list",
    "object": "an object",
    "null": "null",
}

# Readings of a plain YAML scalar, by the tag the loader resolved for it.
_YAML_READINGS = {
    "int": "an integer",
    "float": "a number",
    "bool": "a boolean",
    "null": "null",
    "timestamp": "a date",
}


def check_contract(association: Association) -> Iterator[Problem]:
    """Validate the association's canonical document; yield one problem per schema error, by position."""
    input_format = association.input_format
    validator = _validator(input_format.schema, input_format.schema_overrides)
    errors = [_leaf(error) for error in validator.iter_errors(association.document.to_python())]
    errors = [error for error in errors if not _is_non_finite(error.instance)]
    errors = [error for error in errors if not _is_dynamic(association.document, tuple(error.absolute_path))]

    # One value, one finding: a wrong type hides the value's other errors, and a wrong
    # length hides its pattern error (an empty required string is a length problem).
    mistyped = {_subject(error) for error in errors if error.validator == "type"}
    misjudged_length = {_subject(error) for error in errors if error.validator in _LENGTH_KEYWORDS}

    # Read once per check, because the handlers style a field name for every unknown key.
    pascal_case = _writes_pascal_case(association)

    problems: dict[Problem, None] = {}
    for error in errors:
        subject = _subject(error)
        if error.validator != "type" and subject in mistyped:
            continue
        if error.validator == "pattern" and subject in misjudged_length and not _is_about_key(error):
            continue
        for problem in _problems_for(error, association, validator.schema, pascal_case):
            problems[problem] = None

    yield from sorted(problems, key=_position)


@lru_cache(maxsize=None)
def _validator(schema_name: str, overrides: tuple = ()) -> Any:
    """Load a schema shipped in `crml_lint.schemas`, apply an input format's overrides and
    build its validator, once per process and format.

    Each override is (JSON pointer of a subschema, keyword, value).
    """
    # pkgutil rather than importlib.resources, whose import costs several milliseconds.
    data = pkgutil.get_data("crml_lint.schemas", schema_name)
    if data is None:
        raise FileNotFoundError(f"schema {schema_name} is missing from the crml_lint.schemas package")
    text = data.decode("utf-8")
    schema = json.loads(text)
    for pointer, keyword, value in overrides:
        _subschema(schema, pointer)[keyword] = value
    return jsonschema.validators.validator_for(schema)(schema)


def _subschema(schema: dict, pointer: str) -> dict:
    """Follow a JSON pointer (`/properties/tags`) into a schema; raise KeyError where it leads nowhere."""
    target: Any = schema
    for step in pointer.split("/")[1:]:
        target = target[step.replace("~1", "/").replace("~0", "~")]
    if not isinstance(target, dict):
        raise KeyError(f"{pointer} does not point at a subschema")
    return target


def _leaf(error: ValidationError) -> ValidationError:
    # Our schemas avoid anyOf and oneOf, but a schema that uses them reports the branch
    # that came closest, since the error on the combinator itself names no rule.
    while error.validator in ("anyOf", "oneOf") and error.context:
        error = best_match(error.context)
    return error


def _is_non_finite(value: object) -> bool:
    # The loader already reports NaN and the infinities (CRML103), which no request can carry.
    return isinstance(value, float) and not math.isfinite(value)


def _is_dynamic(document: Node, path: Path) -> bool:
    """True when the error's value is, or lies inside, a value known only at deployment (a
    CloudFormation intrinsic function), which is not judged."""
    for length in range(len(path) + 1):
        node = node_at(document, path[:length])
        if node is None:
            return False
        if isinstance(node, DynamicNode):
            return True
    return False


def _is_about_key(error: ValidationError) -> bool:
    """True for errors about a mapping's key (`propertyNames`), which the instance path does not reach."""
    return "propertyNames" in error.schema_path


def _subject(error: ValidationError) -> tuple:
    """Identify the value an error is about by its path, and for a key error by the key too."""
    if _is_about_key(error):
        return (tuple(error.absolute_path), "key", error.instance)
    return (tuple(error.absolute_path), "value")


def _position(problem: Problem) -> tuple:
    span = problem.span
    return (span.start_line, span.start_column, problem.rule_id or "", problem.message)


def _problems_for(error: ValidationError, association: Association, schema: dict, pascal_case: bool) -> list[Problem]:
    handler = _HANDLERS.get(error.validator)
    if handler is None:
        raise ValueError(
            f"no rule reports the JSON Schema keyword {error.validator!r} ({error.message}); "
            "map it to a rule in crml_lint.contract"
        )
    path = tuple(error.absolute_path)
    node = _nearest_node(association.document, path)
    return handler(_ErrorContext(error, association, node, path, schema, pascal_case))


class _ErrorContext:
    """A schema error with what its handler needs: the node it concerns and the association."""

    def __init__(self, error: ValidationError, association: Association, node: Node, path: Path, schema: dict,
                 pascal_case: bool):
        self.error = error
        self.association = association
        self.node = node
        self.path = path
        self.schema = schema
        self.pascal_case = pascal_case

    @property
    def field_name(self) -> str:
        """The field's name in the API's shape; for a list item, the list's name."""
        names = [step for step in self.path if isinstance(step, str)]
        return names[-1] if names else ""

    @property
    def described(self) -> str:
        """The field as messages name it: its whole path in the user's key style."""
        return _describe(self.node)

    def styled(self, name: str) -> str:
        """Write a field name of the API's shape in the key style of the user's file."""
        if self.pascal_case:
            return name[:1].upper() + name[1:]
        return name


def _nearest_node(root: Node, path: Path) -> Node:
    """Find the node at `path`, or its nearest ancestor that exists."""
    for length in range(len(path), -1, -1):
        node = node_at(root, path[:length])
        if node is not None:
            return node
    return root


def _describe(node: Node) -> str:
    # The whole path, because a short one is ambiguous: trainedModels and
    # trainedModelInferenceJobs both have containerLogs[0].allowedAccountIds.
    if node.user_path:
        return format_path(node.user_path)
    # A template resource's canonical document is named by its Properties key.
    return str(node.key.value) if node.key is not None else "the request"


def _writes_pascal_case(association: Association) -> bool:
    """Tell whether the user's file spells the API's camelCase field names in PascalCase."""
    # A CloudFormation template does. The canonical document keeps the API's names, and
    # each node's user path the user's, so a renamed top-level key shows the style too.
    if association.input_format.key_style == "PascalCase":
        return True
    for key, child in association.document.items():
        written = child.user_path[-1] if child.user_path else key
        if isinstance(written, str) and written != key and written.lower() == key.lower():
            return True
    return False


def _point_span(node: Node) -> Span:
    """Build a one-character span at the start of a node, for problems about the node as a whole."""
    span = node.span
    return Span(span.start_line, span.start_column, span.start_line, span.start_column + 1)


def _as_written(node: Node, value: object) -> str:
    if isinstance(node, ScalarNode) and node.text and not isinstance(value, str):
        return node.text
    return json.dumps(value, ensure_ascii=False, default=str)


def _number(limit: object) -> str:
    return format(limit, "g") if isinstance(limit, (int, float)) else str(limit)


def _resolve(schema: dict, subschema: dict) -> dict:
    """Merge the target of a local `$ref` ("#/$defs/...") into the subschema that contains it."""
    reference = subschema.get("$ref")
    if not isinstance(reference, str) or not reference.startswith("#/"):
        return subschema

    target: Any = schema
    for step in reference[2:].split("/"):
        target = target.get(step, {}) if isinstance(target, dict) else {}
    return {**target, **{key: value for key, value in subschema.items() if key != "$ref"}}


# Handlers, one per JSON Schema keyword. Each returns the problems of one error.


def _missing_fields(context: _ErrorContext) -> list[Problem]:
    # jsonschema yields one error per missing field but names the field only inside its
    # message, so each error reports every missing field and the caller drops the repeats.
    parent = context.node
    instance = context.error.instance
    if not isinstance(instance, dict):
        return []

    # An API request's root has no key to point at, and neither has a list item, so
    # those point at their first character ({ or the first key). A template resource's
    # canonical document points at its Properties key.
    if parent.key is None:
        span = _point_span(parent)
    else:
        span = parent.key.span

    # A misspelt key is reported once, as an unknown field that suggests this name.
    known = list(context.error.schema.get("properties", {}))
    misspelt = {closest_name(key, known) for key in instance if key not in known}

    problems = []
    for name in context.error.validator_value:
        if name in instance or name in misspelt:
            continue
        missing_path = format_path(parent.user_path + (context.styled(name),))
        field_schema = _resolve(context.schema, context.error.schema.get("properties", {}).get(name, {}))
        fix = f"add {context.styled(name)}"
        if field_schema.get("examples"):
            example = _styled_example(field_schema["examples"][0], context)
            fix += f", for example {json.dumps(example, ensure_ascii=False)}"
        elif field_schema.get("enum"):
            fix += f" with one of {', '.join(map(str, field_schema['enum']))}"

        message = f"required field {missing_path} is missing"
        problems.append(Problem(message, span, missing_path, rule_id=MISSING_REQUIRED_FIELD, fix=fix))
    return problems


def _styled_example(example: Any, context: _ErrorContext) -> Any:
    """Spell the field names of a schema example in the key style of the user's file."""
    if isinstance(example, dict):
        return {context.styled(name): _styled_example(value, context) for name, value in example.items()}
    if isinstance(example, list):
        return [_styled_example(item, context) for item in example]
    return example


def _unknown_fields(context: _ErrorContext) -> list[Problem]:
    mapping = context.node
    instance = context.error.instance
    known = list(context.error.schema.get("properties", {}))
    patterns = list(context.error.schema.get("patternProperties", {}))
    if not isinstance(mapping, MappingNode) or not isinstance(instance, dict):
        return []

    problems = []
    for key in instance:
        if key in known or any(re.search(pattern, key) for pattern in patterns):
            continue
        child = mapping.get(key)
        if child is None:
            continue
        written = child.key.text if child.key is not None and child.key.text else key
        suggestion = closest_name(written, known)
        if suggestion is not None:
            suggestion = context.styled(suggestion)
            message = f"unknown field {json.dumps(written, ensure_ascii=False)}; did you mean {json.dumps(suggestion, ensure_ascii=False)}?"
            fix = f"rename it to {json.dumps(suggestion, ensure_ascii=False)}"
        else:
            where = _describe(mapping)
            names = ", ".join(context.styled(name) for name in known)
            message = f"unknown field {json.dumps(written, ensure_ascii=False)}; the fields of {where} are {names}"
            fix = "remove it, or rename it to one of the fields listed"
        problems.append(Problem.at(child, message, on_key=True, rule_id=UNKNOWN_FIELD, fix=fix))
    return problems


def _wrong_type(context: _ErrorContext) -> list[Problem]:
    node = context.node
    value = context.error.instance
    expected = context.error.validator_value
    expected_types = [expected] if isinstance(expected, str) else list(expected)
    wanted = " or ".join(_JSON_TYPE_NAMES.get(name, name) for name in expected_types)
    field = context.described
    fix = None

    if value is None:
        message = f"{field} has no value (it is read as null); it must be {wanted}"
    elif "string" in expected_types and isinstance(node, ScalarNode) and node.plain and not isinstance(value, str):
        # YAML reads an unquoted 111122223333 as an integer and true as a boolean.
        reading = _YAML_READINGS.get(node.tag, _value_type(value))
        quoted = json.dumps(node.text, ensure_ascii=False)
        message = f"{node.text} is read as {reading}; quote it to make it a string: {quoted}"
        fix = f"write {quoted}"
    elif "string" in expected_types and isinstance(value, (int, float)) and not isinstance(value, bool):
        quoted = json.dumps(_as_written(node, value), ensure_ascii=False)
        message = f"{field} must be a string, not a number; quote it: {quoted}"
        fix = f"write {quoted}"
    elif "number" in expected_types and isinstance(value, str) and _reads_as_number(value):
        message = f"{field} must be a number, not the string {json.dumps(value, ensure_ascii=False)}; write it without quotes: {value.strip()}"
        fix = f"write {value.strip()}"
    elif "array" in expected_types and not isinstance(value, (list, dict)):
        listed = json.dumps([value], ensure_ascii=False, default=str)
        message = f"{field} must be a list, not {_value_type(value)}; put the value in a list: {listed}"
        fix = f"write {listed}"
    else:
        message = f"{field} must be {wanted}, not {_value_type(value)}"

    return [Problem.at(node, message, rule_id=WRONG_TYPE, fix=fix)]


def _value_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    return f"a {type(value).__name__}"


def _reads_as_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _invalid_enum(context: _ErrorContext) -> list[Problem]:
    value = context.error.instance
    allowed = context.error.validator_value
    if context.error.validator == "const":
        allowed = [allowed]
    field = context.described
    written = _as_written(context.node, value)

    suggestion = enum_spelling(value, allowed) if isinstance(value, str) else None
    if suggestion is not None:
        message = f"{field} has the invalid value {written}; did you mean {json.dumps(suggestion, ensure_ascii=False)}?"
        fix = f"write {json.dumps(suggestion, ensure_ascii=False)}"
    else:
        choices = ", ".join(str(choice) for choice in allowed)
        message = f"{field} has the invalid value {written}; the valid values are {choices}"
        fix = None
    return [Problem.at(context.node, message, rule_id=INVALID_ENUM_VALUE, fix=fix)]


def _length(context: _ErrorContext) -> list[Problem]:
    text = context.error.instance
    if not isinstance(text, str):
        return []
    bounds = context.error.schema
    minimum, maximum = bounds.get("minLength"), bounds.get("maxLength")
    count = "is empty" if not text else f"has {len(text)} character{'s' if len(text) != 1 else ''}"

    if _is_about_key(context.error):
        return _tag_key_length(context, text, count, minimum, maximum)

    if context.path[:1] == ("tags",):
        message = f"the value of tag {json.dumps(context.path[-1], ensure_ascii=False)} {count}; tag values must have {_length_range(minimum, maximum)}"
        return [Problem.at(context.node, message, rule_id=TAG_VALUE_LENGTH)]

    message = f"{context.described} {count}; it must have {_length_range(minimum, maximum)}"
    if context.field_name in _FORMATS:
        message += f", {_FORMATS[context.field_name]}"
    return [Problem.at(context.node, message, rule_id=LENGTH_OUT_OF_RANGE)]


def _tag_key_length(context: _ErrorContext, key: str, count: str, minimum: Optional[int], maximum: Optional[int]) -> list[Problem]:
    tags = context.node
    value = tags.get(key) if isinstance(tags, MappingNode) else None
    rule = _length_range(minimum, maximum)
    if value is None:
        return [Problem.at(tags, f"a tag key {count}; tag keys must have {rule}", on_key=True, rule_id=TAG_KEY_LENGTH)]

    subject = "a tag key" if not key else f"tag key {json.dumps(key[:20] + '...' if len(key) > 20 else key, ensure_ascii=False)}"
    message = f"{subject} {count}; tag keys must have {rule}"
    return [Problem.at(value, message, on_key=True, rule_id=TAG_KEY_LENGTH)]


def _length_range(minimum: Optional[int], maximum: Optional[int]) -> str:
    if minimum is not None and minimum == maximum:
        return f"exactly {minimum} characters"
    if minimum and maximum is not None:
        return f"{minimum} to {maximum} characters"
    if maximum is not None:
        return f"at most {maximum} characters"
    return f"at least {minimum} character{'s' if minimum != 1 else ''}"


def _item_count(context: _ErrorContext) -> list[Problem]:
    items = context.error.instance
    keyword = context.error.validator
    limit = context.error.validator_value
    count = len(items) if isinstance(items, (list, dict)) else 0

    if context.path == ("tags",) and keyword == "maxProperties":
        message = f"{context.described} has {count} tags; at most {limit} tags are allowed per resource"
        fix = f"remove {count - limit} tag{'s' if count - limit != 1 else ''}"
        return [Problem.at(context.node, message, on_key=True, rule_id=TOO_MANY_TAGS, fix=fix)]

    field = context.described
    unit = "item" if limit == 1 else "items"
    if keyword in ("maxItems", "maxProperties"):
        message = f"{field} has {count} items; at most {limit} {unit} are allowed"
    elif count == 0:
        message = f"{field} is empty; it needs at least {limit} {unit}"
    else:
        message = f"{field} has {count} item{'s' if count != 1 else ''}; it needs at least {limit} {unit}"
    return [Problem.at(context.node, message, on_key=True, rule_id=ITEM_COUNT_OUT_OF_RANGE)]


def _pattern_mismatch(context: _ErrorContext) -> list[Problem]:
    if _is_about_key(context.error):
        return _reserved_tag_prefix(context)

    text = context.error.instance
    pattern = context.error.validator_value
    node = context.node
    field = context.described
    name = context.field_name

    if name in _CHARACTER_SETS:
        index = _first_disallowed_character(text, pattern)
        if index is None:
            message = f"{field} is blank; it must contain a character other than white space"
            return [Problem.at(node, message, rule_id=PATTERN_MISMATCH)]
        message = (
            f"{field} contains {_describe_character(text[index])}, which is not allowed; "
            f"it may contain {_CHARACTER_SETS[name]}"
        )
        span = node.span
        if isinstance(node, ScalarNode):
            span = span_of_characters(context.association.source, node, index, index + 1)
        return [Problem(message, span, format_path(node.user_path), rule_id=PATTERN_MISMATCH)]

    expected = _FORMATS.get(name, f"a string that matches the pattern {pattern}")
    if text:
        message = f"{field} {_as_written(node, text)} is not {expected}"
    else:
        message = f"{field} is empty; it must be {expected}"
    return [Problem.at(node, message, rule_id=PATTERN_MISMATCH, fix=_pattern_fix(text, pattern))]


def _pattern_fix(text: str, pattern: str) -> Optional[str]:
    """A fix for the usual slips, offered only when the corrected value matches the pattern."""
    corrections = (
        ("remove the white space around it", text.strip()),
        ("write it in lowercase", text.lower()),
        ("remove the separators", re.sub(r"[\s\-]", "", text)),
    )
    for advice, corrected in corrections:
        if corrected and corrected != text and re.search(pattern, corrected):
            return f"{advice}: {json.dumps(corrected, ensure_ascii=False)}"
    return None


def _first_disallowed_character(text: str, pattern: str) -> Optional[int]:
    """The index of the first character the pattern does not allow, or None when each is allowed.

    The character-set patterns accept a string whose every character is allowed, except
    that a name must not be blank; a character after a letter is never blank, so the
    pattern judges the character alone.
    """
    for index, character in enumerate(text):
        if not re.search(pattern, "a" + character):
            return index
    return None


def _describe_character(character: str) -> str:
    code = f"U+{ord(character):04X}"
    category = unicodedata.category(character)
    if character in _WHITE_SPACE_NAMES:
        return f"a {_WHITE_SPACE_NAMES[character]} ({code})"
    if category in _INVISIBLE_KINDS:
        return f"{code}, {_INVISIBLE_KINDS[category]}"
    if category.startswith("Z"):
        return f"{code} {unicodedata.name(character, '')}".rstrip()
    return f"{json.dumps(character, ensure_ascii=False)} ({code})"


def _reserved_tag_prefix(context: _ErrorContext) -> list[Problem]:
    key = context.error.instance
    tags = context.node
    value = tags.get(key) if isinstance(tags, MappingNode) else None
    located = value if value is not None else tags

    prefix = key[:4]
    message = f"tag key {json.dumps(key, ensure_ascii=False)} starts with {json.dumps(prefix, ensure_ascii=False)}; AWS reserves the prefix aws: in any letter case for its own tags"
    rest = key[4:]
    fix = f"rename the key, for example to {json.dumps(rest, ensure_ascii=False)}" if rest and rest not in tags else "rename the key"
    return [Problem.at(located, message, on_key=True, rule_id=RESERVED_TAG_PREFIX, fix=fix)]


def _size_below(context: _ErrorContext) -> list[Problem]:
    node = context.node
    limit = _number(context.error.validator_value)
    size = _size_name(node)
    written = _as_written(node, context.error.instance)
    relation = "at least" if context.error.validator == "minimum" else "more than"
    message = f"{size} is {written}; a size must be {relation} {limit} GB"
    return [Problem.at(node, message, rule_id=SIZE_BELOW_MINIMUM, fix=f"set a size of {relation} {limit} GB")]


def _size_above(context: _ErrorContext) -> list[Problem]:
    node = context.node
    limit = _number(context.error.validator_value)
    size = _size_name(node)
    written = _as_written(node, context.error.instance)
    input_format = context.association.input_format
    owner = _LIMIT_OWNERS.get(input_format.name, f"the {input_format.title} format's")
    message = f"{size} is {written} GB, above {limit} GB, {owner} limit for {_size_field(node)}"
    return [Problem.at(node, message, rule_id=SIZE_ABOVE_SERVICE_LIMIT, fix=f"set a size of at most {limit} GB")]


def _size_field(node: Node) -> str:
    """The size's field name (maxArtifactSize), as the user wrote it."""
    names = [step for step in node.user_path if isinstance(step, str)]
    return names[-2] if len(names) >= 2 else (names[-1] if names else "the size")


def _size_name(node: Node) -> str:
    return _describe(node) if node.user_path else "the size"


_HANDLERS: dict[str, Callable[[_ErrorContext], list[Problem]]] = {
    "required": _missing_fields,
    "additionalProperties": _unknown_fields,
    "unevaluatedProperties": _unknown_fields,
    "type": _wrong_type,
    "enum": _invalid_enum,
    "const": _invalid_enum,
    "minLength": _length,
    "maxLength": _length,
    "minItems": _item_count,
    "maxItems": _item_count,
    "minProperties": _item_count,
    "maxProperties": _item_count,
    "pattern": _pattern_mismatch,
    "minimum": _size_below,
    "exclusiveMinimum": _size_below,
    "maximum": _size_above,
    "exclusiveMaximum": _size_above,
}

HANDLED_KEYWORDS = frozenset(_HANDLERS)
"""The JSON Schema keywords whose errors this module maps to a rule."""
