"""The JSON Schema of the API request: valid, shipped, readable by editors, and true to the API.

Editors compile a schema's patterns as ECMA-262 with the `u` flag, and jsonschema compiles
them with Python's `re`. The Node.js tests check that both read every pattern alike; the
botocore tests check the limits against AWS's own service model, a dev-only oracle.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import warnings
from importlib import resources
from typing import Any, Iterator

import jsonschema
import pytest

SCHEMA_NAME = "association.schema.json"
SCHEMA = json.loads(resources.files("crml_lint.schemas").joinpath(SCHEMA_NAME).read_text(encoding="utf-8"))

# Keywords that hold a subschema, or a mapping or list of subschemas, to walk into.
_SUBSCHEMA_KEYWORDS = ("items", "propertyNames", "additionalProperties", "not", "if", "then", "else", "contains")
_SUBSCHEMA_MAPS = ("properties", "$defs", "patternProperties")
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")


def _subschemas(schema: Any, where: str = "#") -> Iterator[tuple[str, dict]]:
    """Yield every schema object in `schema` with its JSON pointer, the root first."""
    if not isinstance(schema, dict):
        return
    yield where, schema
    for keyword in _SUBSCHEMA_KEYWORDS:
        yield from _subschemas(schema.get(keyword), f"{where}/{keyword}")
    for keyword in _SUBSCHEMA_MAPS:
        for name, subschema in schema.get(keyword, {}).items():
            yield from _subschemas(subschema, f"{where}/{keyword}/{name}")
    for keyword in _SUBSCHEMA_LISTS:
        for index, subschema in enumerate(schema.get(keyword, [])):
            yield from _subschemas(subschema, f"{where}/{keyword}/{index}")


def _resolve(schema: dict) -> dict:
    """A subschema with a local `$ref` merged in, as a validator reads it."""
    reference = schema.get("$ref")
    if reference is None:
        return schema
    target: Any = SCHEMA
    for step in reference[2:].split("/"):
        target = target[step]
    return {**_resolve(target), **{key: value for key, value in schema.items() if key != "$ref"}}


def _at(*names: str) -> dict:
    """The resolved subschema of the field at `names` (property names; "[]" for list items)."""
    schema = SCHEMA
    for name in names:
        schema = _resolve(schema)
        schema = schema["items"] if name == "[]" else schema["properties"][name]
    return _resolve(schema)


PATTERNS = sorted({schema["pattern"] for _, schema in _subschemas(SCHEMA) if isinstance(schema.get("pattern"), str)})


def test_schema_is_shipped_as_package_data():
    assert resources.files("crml_lint.schemas").joinpath(SCHEMA_NAME).is_file()


def test_schema_is_valid_against_its_metaschema():
    validator_class = jsonschema.validators.validator_for(SCHEMA)

    validator_class.check_schema(SCHEMA, format_checker=jsonschema.FormatChecker())

    assert validator_class is jsonschema.Draft202012Validator
    assert SCHEMA["$id"].startswith("https://pypi.org/project/crml-lint/")


def test_patterns_compile_in_python_without_warnings():
    # Python warns (FutureWarning) on sets such as "[[" or "--" whose meaning may change.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for pattern in PATTERNS:
            re.compile(pattern)


def test_every_property_has_title_and_description():
    for where, schema in _subschemas(SCHEMA):
        for name, field in schema.get("properties", {}).items():
            resolved = _resolve(field)
            assert resolved.get("title"), f"{where}/properties/{name} has no title"
            assert resolved.get("description"), f"{where}/properties/{name} has no description"


def test_every_object_rejects_unknown_fields():
    for where, schema in _subschemas(SCHEMA):
        if schema.get("type") != "object" or where == "#/properties/tags":
            continue
        assert schema.get("additionalProperties") is False, f"{where} accepts unknown fields"


def test_examples_are_valid_values_of_their_field():
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for where, schema in _subschemas(SCHEMA):
        for example in schema.get("examples", []):
            # Validate the example in place of the field, with the root's $defs in reach.
            errors = list(validator.evolve(schema={**schema, "$defs": SCHEMA["$defs"]}).iter_errors(example))
            assert errors == [], f"the example {example!r} at {where} is invalid: {errors[0].message}"


@pytest.mark.parametrize(
    ("field", "maximum"),
    [
        (("privacyConfiguration", "policies", "trainedModels", "maxArtifactSize"), 100),
        (("privacyConfiguration", "policies", "trainedModelExports", "maxSize"), 50),
        (("privacyConfiguration", "policies", "trainedModelInferenceJobs", "maxOutputSize"), 100),
    ],
)
def test_size_limits_are_the_apis(field, maximum):
    size = _at(*field)

    assert size["required"] == ["unit", "value"]
    assert _at(*field, "value")["type"] == "number"
    assert _at(*field, "value")["minimum"] == 0.01
    assert _at(*field, "value")["maximum"] == maximum
    assert _at(*field, "unit")["enum"] == ["GB"]


def test_account_id_has_no_length_limits():
    account_id = _at("privacyConfiguration", "policies", "trainedModels", "containerLogs", "[]", "allowedAccountIds", "[]")

    assert account_id["pattern"].startswith("^[0-9]{12}$")
    assert "minLength" not in account_id
    assert "maxLength" not in account_id


def test_tags_keep_the_documented_limits():
    tags = _at("tags")

    assert tags["maxProperties"] == 50
    assert tags["propertyNames"]["minLength"] == 1
    assert tags["propertyNames"]["maxLength"] == 128
    assert tags["additionalProperties"] == {**tags["additionalProperties"], "type": "string", "maxLength": 256}


@pytest.mark.parametrize(
    ("key", "reserved"),
    [("aws:team", True), ("AWS:team", True), ("aWs:x", True), ("aws:", True), ("awsteam", False),
     ("team:aws", False), ("my-aws:x", False), ("aws", False), (" aws:x", False)],
)
def test_reserved_tag_prefix_in_any_letter_case(key, reserved):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = list(validator.iter_errors({**_VALID_REQUEST, "tags": {key: "v"}}))

    assert bool(errors) is reserved


_VALID_REQUEST = {
    "membershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f",
    "configuredModelAlgorithmArn": "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    "name": "churn-training",
}


def test_valid_request_passes():
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(_VALID_REQUEST)) == []


# Strings on which Python's re and ECMA-262 part when a pattern is careless. The cases are
# a final newline ($), Unicode digits (\d) and white space (\s), characters above U+FFFF
# (one code point, or two UTF-16 units without the u flag) and unpaired surrogates. A
# surrogate pair written as two Python characters is left out: Node would join it into
# one character, and no JSON or YAML reader hands Python such a pair.
SAMPLES = [
    "", "a", "abc", " ", "   ", "\t", "a\tb", "\n", "a\n", "a\r\nb", "\r", "a\x07b", "\x00",
    "churn-training", "Churn Training 2024", "\u00a0", "\u3000", "\u0085", "\ufeff", "\u2028",
    "\ud7ff", "\ue000", "\ufffd", "\ufffe", "\uffff", "\U00010000", "\U0010ffff", "\U0001f600",
    "a\U0001f600b", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\ud800", "a\udfff", "\udc00\ud800",
    "111122223333", "111122223333\n", " 111122223333", "11112222333", "1111-2222-3333",
    "\u0661\u0661\u0661\u0661\u0662\u0662\u0662\u0662\u0663\u0663\u0663\u0663",
    "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f", "5F7D2A6E-3B1C-4E8A-9D2F-0A1B2C3D4E5F",
    "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f\n",
    "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b",
    "arn:aws-cn:cleanrooms-ml:cn-north-1:111122223333:configured-model-algorithm/a_b/c.d",
    "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/",
    "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/x\n",
    "CUST-[0-9]{6}", "\\d{3}-\\d{4}", "a_b#c=d@e/f;g,h-i j^k$l?m[n]o{p}q|r\\s*t+u.v(w)x",
    "a%b", "a'b", "a\"b", "a~b", "a!b", "a:b", "a&b", "a`b", "a<b>", "\u00e9", "\u017f",
    "aws:team", "AWS:team", "aWs:", "awsteam", "team:aws",
]


def _node_results(patterns: list[str], samples: list[str]) -> list[list[Any]]:
    """For each pattern, Node's `new RegExp(pattern, "u").test(sample)` on each sample, or its error."""
    script = (
        "const [patterns, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(patterns.map(p => {"
        "  let regex; try { regex = new RegExp(p, 'u'); } catch (e) { return String(e); }"
        "  return samples.map(s => regex.test(s)); })));"
    )
    # ensure_ascii writes unpaired surrogates as \ud800 escapes, which JSON.parse keeps.
    payload = json.dumps([patterns, samples], ensure_ascii=True)
    completed = subprocess.run(["node", "-e", script], input=payload, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(completed.stdout)


@pytest.fixture(scope="module")
def node_results() -> list[list[Any]]:
    if shutil.which("node") is None:
        if os.environ.get("CI"):
            pytest.fail("node is not installed; CI must check the schema's patterns as editors compile them")
        pytest.skip("node is not installed; the patterns cannot be compiled as editors compile them")
    return _node_results(PATTERNS, SAMPLES)


def test_patterns_compile_in_ecma_262_with_u_flag(node_results):
    for pattern, results in zip(PATTERNS, node_results):
        assert isinstance(results, list), f"Node rejects {pattern!r}: {results}"


def test_node_and_python_agree_on_samples(node_results):
    for pattern, results in zip(PATTERNS, node_results):
        if not isinstance(results, list):
            continue
        for sample, in_node in zip(SAMPLES, results):
            in_python = re.search(pattern, sample) is not None
            assert in_python == in_node, f"{pattern!r} on {sample!r}: Python {in_python}, Node {in_node}"


# The API's own model, from botocore, is the reference for the limits. crml-lint never
# imports botocore; these tests skip where it is not installed.


@pytest.fixture(scope="module")
def request_shape():
    session = pytest.importorskip("botocore.session")
    model = session.get_session().get_service_model("cleanroomsml")
    return model.operation_model("CreateConfiguredModelAlgorithmAssociation").input_shape


def _compare(shape, schema: dict, where: str, differences: list[str]) -> None:
    """Walk a botocore shape and our schema side by side and record where their limits differ."""
    schema = _resolve(schema)
    metadata = shape.metadata
    kind = shape.type_name

    if kind == "structure":
        if set(shape.members) != set(schema["properties"]):
            differences.append(f"{where}: fields {sorted(shape.members)} != {sorted(schema['properties'])}")
        if sorted(metadata.get("required", [])) != sorted(schema.get("required", [])):
            differences.append(f"{where}: required {metadata.get('required', [])} != {schema.get('required', [])}")
        for name, member in shape.members.items():
            if name in schema["properties"]:
                _compare(member, schema["properties"][name], f"{where}.{name}", differences)
    elif kind == "list":
        _expect(differences, where, "minItems", metadata.get("min"), schema.get("minItems"))
        _expect(differences, where, "maxItems", metadata.get("max"), schema.get("maxItems"))
        _compare(shape.member, schema["items"], f"{where}[]", differences)
    elif kind == "map":
        _compare(shape.key, {"type": "string", **schema["propertyNames"]}, f"{where} key", differences)
        _compare(shape.value, schema["additionalProperties"], f"{where} value", differences)
    elif kind == "string":
        _expect(differences, where, "type", "string", schema.get("type"))
        _expect(differences, where, "enum", shape.enum or None, schema.get("enum"))
        _expect(differences, where, "minLength", metadata.get("min") or None, schema.get("minLength"))
        _expect(differences, where, "maxLength", metadata.get("max"), schema.get("maxLength"))
    elif kind == "double":
        _expect(differences, where, "type", "number", schema.get("type"))
        _expect(differences, where, "minimum", metadata.get("min"), schema.get("minimum"))
        _expect(differences, where, "maximum", metadata.get("max"), schema.get("maximum"))
    else:
        differences.append(f"{where}: shape type {kind} is not compared")


def _expect(differences: list[str], where: str, keyword: str, api: Any, ours: Any) -> None:
    if api != ours:
        differences.append(f"{where}: {keyword} {api!r} in the API model, {ours!r} in the schema")


def test_limits_match_the_api_model(request_shape):
    differences: list[str] = []
    _compare(request_shape, SCHEMA, "request", differences)

    # The one intended difference: the documented limit of 50 tags, below the model's map size.
    assert request_shape.members["tags"].metadata["max"] == 200
    assert differences == []


def _api_pattern(shape) -> str:
    return "(?:" + shape.metadata["pattern"] + r")\Z"


def test_custom_identifier_characters_match_the_api(request_shape):
    policy = request_shape.members["privacyConfiguration"].members["policies"].members["trainedModels"]
    redaction = policy.members["containerLogs"].member.members["logRedactionConfiguration"]
    identifier = redaction.members["customEntityConfig"].members["customDataIdentifiers"].member
    ours = _at("privacyConfiguration", "policies", "trainedModels", "containerLogs", "[]",
               "logRedactionConfiguration", "customEntityConfig", "customDataIdentifiers", "[]")["pattern"]

    for code in range(0x250):
        text = "a" + chr(code) + "a"
        assert (re.match(_api_pattern(identifier), text) is not None) == (re.search(ours, text) is not None), hex(code)


@pytest.mark.parametrize("field", ["name", "description"])
def test_name_characters_match_the_api(request_shape, field):
    api = _api_pattern(request_shape.members[field])
    ours = _at(field)["pattern"]

    # Each character between two letters, so that the blank check plays no part. The
    # comparison stops at the surrogates, whose ranges in the API's pattern are written
    # for Java's UTF-16 strings.
    for code in list(range(0xD800)) + list(range(0xE000, 0x10000)):
        text = "a" + chr(code) + "a"
        assert (re.match(api, text) is not None) == (re.search(ours, text) is not None), hex(code)

    # Java reads the API's `\uD800\uDBFF-\uDC00\uDFFF` as unpaired surrogates only, so the
    # service rejects characters above U+FFFF, and so does cfn-lint's copy of the pattern.
    for character in ("\U00010000", "\U0001f600", "\U0010ffff"):
        assert not re.search(ours, "a" + character + "a")
    for surrogate in ("\ud800", "\udbff", "\udc00", "\udfff"):
        assert not re.search(ours, "a" + surrogate + "a")


@pytest.mark.parametrize("blank", [" ", "   ", "\t", " \t ", "\u3000", "\u00a0 "])
def test_blank_names_are_rejected(blank):
    assert not re.search(_at("name")["pattern"], blank)
