"""The JSON loader: spans of every node, syntax errors where parsing stopped, duplicate keys, NaN."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from crml_lint.document import MappingNode, ScalarNode, SequenceNode, Span
from crml_lint import json_loader, loading
from crml_lint.json_loader import load_json
from crml_lint.loading import MAX_NESTING_DEPTH, MAX_VALUES, load
from crml_lint.source import SourceFile

INPUTS = Path(__file__).resolve().parent / "inputs"

REQUEST = """\
{
    "membershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f",
    "name": "churn-training",
    "privacyConfiguration": {
        "policies": {
            "trainedModels": {
                "containerLogs": [
                    {"allowedAccountIds": ["111122223333", "444455556666"], "logType": "ALL"}
                ],
                "maxArtifactSize": {"unit": "GB", "value": 12.5}
            }
        }
    },
    "tags": {"team": null, "retain": true}
}
"""


def _load(text: str):
    source = SourceFile("request.json", text)
    return source, load_json(source)


def _root(text: str):
    source, result = _load(text)
    assert result.failure is None, result.failure
    assert len(result.documents) == 1
    return source, result.documents[0]


def _slice(source: SourceFile, span: Span) -> str:
    start = source.offset(span.start_line, span.start_column)
    end = source.offset(span.end_line, span.end_column)
    return source.text[start:end]


def _failure(text: str):
    source, result = _load(text)
    assert result.documents == []
    assert result.failure is not None
    assert result.failure.rule_id == "CRML001"
    return result.failure


# Spans and paths


def test_key_and_value_spans_cover_quotes():
    source, document = _root(REQUEST)
    name = document.root.get("name")

    assert name.span == Span(3, 13, 3, 29)
    assert _slice(source, name.span) == '"churn-training"'
    assert name.key.span == Span(3, 5, 3, 11)
    assert _slice(source, name.key.span) == '"name"'


def test_scalars_in_lists_have_spans():
    source, document = _root(REQUEST)
    policy = document.root.get("privacyConfiguration").get("policies").get("trainedModels").get("containerLogs").items[0]
    accounts = policy.get("allowedAccountIds")

    assert isinstance(accounts, SequenceNode)
    assert [_slice(source, item.span) for item in accounts] == ['"111122223333"', '"444455556666"']
    assert accounts.items[1].span.start_line == 8
    assert accounts.items[1].span.start_column == 60
    assert accounts.items[1].key is None


def test_nested_object_span_from_brace_to_brace():
    source, document = _root(REQUEST)
    size = document.root.get("privacyConfiguration").get("policies").get("trainedModels").get("maxArtifactSize")

    assert _slice(source, size.span) == '{"unit": "GB", "value": 12.5}'
    assert _slice(source, size.get("value").span) == "12.5"
    assert document.root.span == Span(1, 1, 15, 2)


def test_user_paths_follow_keys_and_indexes():
    _, document = _root(REQUEST)
    accounts = (
        document.root.get("privacyConfiguration").get("policies").get("trainedModels").get("containerLogs").items[0]
        .get("allowedAccountIds")
    )

    expected = ("privacyConfiguration", "policies", "trainedModels", "containerLogs", 0, "allowedAccountIds")
    assert accounts.user_path == expected
    assert accounts.items[1].user_path == expected + (1,)
    assert accounts.key.user_path == expected
    assert accounts.key.value == "allowedAccountIds"


def test_scalar_types_tags_and_text():
    _, document = _root('{"s": "a\\u00e9", "i": -0, "f": 1.5E2, "t": true, "n": null}')
    values = {name: node for name, node in document.root.items()}

    assert [(values[name].value, values[name].tag) for name in "sifn"] == [("a\u00e9", "str"), (0, "int"), (150.0, "float"), (None, "null")]
    assert values["t"].value is True
    assert values["s"].text == "a\\u00e9"
    assert values["s"].plain is False
    assert values["f"].text == "1.5E2"
    assert values["f"].plain is True


def test_crlf_and_bom_keep_columns():
    data = b'\xef\xbb\xbf{\r\n  "name": "churn"\r\n}\r\n'
    source = SourceFile.from_bytes("request.json", data)
    result = load_json(source)

    name = result.documents[0].root.get("name")
    assert name.key.span == Span(2, 3, 2, 9)
    assert name.span == Span(2, 11, 2, 18)


def test_tabs_are_whitespace():
    source, document = _root('{\t"name":\t"churn"\t}')

    assert document.root.to_python() == {"name": "churn"}
    assert document.root.get("name").span == Span(1, 11, 1, 18)


def test_non_ascii_columns_count_code_points():
    source, document = _root('{"k": "\U0001F600", "n": 1}')

    assert document.root.get("n").span == Span(1, 17, 1, 18)


# Values that Python's json module reads


def test_escapes_and_surrogate_pairs():
    _, document = _root('["\\/", "\\uD83D\\uDE00", "\\ud83d", "\\b\\f\\n\\r\\t\\"\\\\"]')

    assert document.root.to_python() == ["/", "\U0001F600", "\ud83d", "\b\f\n\r\t\"\\"]


def test_nan_and_infinity_report_wrong_type():
    source, document = _root('{"a": NaN, "b": Infinity, "c": -Infinity, "d": 1e400, "e": 1.0}')

    values = document.root.to_python()
    assert math.isnan(values["a"])
    assert values["b"] == math.inf
    assert values["c"] == -math.inf
    assert values["d"] == math.inf
    assert [problem.rule_id for problem in document.problems] == ["CRML103"] * 4
    assert [_slice(source, problem.span) for problem in document.problems] == ["NaN", "Infinity", "-Infinity", "1e400"]
    assert [problem.field_path for problem in document.problems] == ["a", "b", "c", "d"]


def test_large_integer_within_limit_loads():
    digits = "9" * 4300
    _, document = _root(f'{{"n": {digits}}}')

    assert document.root.get("n").value == int(digits)


def test_integer_past_digit_limit_unparsable():
    failure = _failure('{"n": ' + "9" * 4301 + "}")

    assert failure.span == Span(1, 7, 1, 4308)
    assert "4301 digits" in failure.message
    assert failure.field_path == "n"


# Duplicate keys


def test_duplicate_key_reported_at_second():
    text = '{\n  "name": "first",\n  "tags": {},\n  "name": "second"\n}'
    source, document = _root(text)

    assert document.root.to_python() == {"tags": {}, "name": "second"}
    assert len(document.problems) == 1
    problem = document.problems[0]
    assert problem.rule_id == "CRML002"
    assert problem.span == Span(4, 3, 4, 9)
    assert '"name"' in problem.message
    assert "line 2" in problem.message
    assert problem.field_path == "name"


def test_duplicate_keys_in_nested_object():
    _, document = _root('{"tags": {"a": "1", "b": "2", "a": "3"}}')

    assert document.root.get("tags").to_python() == {"b": "2", "a": "3"}
    assert [problem.field_path for problem in document.problems] == ["tags.a"]


# Syntax errors: CRML001 where parsing stopped


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('{"a": 1,}', 1, 8, "trailing comma"),
        ('[1, 2,]', 1, 6, "trailing comma"),
        ('{"a": 1 // note\n}', 1, 9, "expected ',' or '}'"),
        ('// note\n{"a": 1}', 1, 1, "comments"),
        ("{'a': 1}", 1, 2, "double quotes"),
        ('{"a": \'x\'}', 1, 7, "double quotes"),
        ("{a: 1}", 1, 2, 'write "a"'),
        ('{"a": "x\ty"}', 1, 9, "control character U+0009"),
        ('{"a": "x\ny"}', 1, 9, "past the end of the line"),
        ('{"a": 012}', 1, 7, "leading zero"),
        ('{"a": +1}', 1, 7, "'+'"),
        ('{"a": .5}', 1, 7, "0.5"),
        ('{"a": 1.}', 1, 9, "decimal point"),
        ('{"a": 1e}', 1, 9, "exponent"),
        ('{"a": -}', 1, 8, "digit after '-'"),
        ('{"a": 0x1F}', 1, 7, "not a JSON number"),
        ('{"a": 1\u00e9}', 1, 7, "not a JSON number"),
        ('{"a": "\\x"}', 1, 8, "not a JSON escape"),
        ('{"a": "\\u12G4"}', 1, 8, "four hexadecimal digits"),
        ('{"a": 1} {"b": 2}', 1, 10, "exactly one value"),
        ('{"a": 1}\nx', 2, 1, "exactly one value"),
        ('{"a" 1}', 1, 6, "expected ':'"),
        ('{"a": 1 "b": 2}', 1, 9, "is a comma missing"),
        ('[1 2]', 1, 4, "expected ',' or ']'"),
        ('{"a": }', 1, 7, 'the value of "a"'),
        ('{"a": True}', 1, 7, "write true"),
        ('{"a": None}', 1, 7, "write null"),
        ('{"a": undefined}', 1, 7, "write null"),
        ('{"a": 1', 1, 8, "ends inside the object"),
        ('{"a": [1, 2\n\n', 1, 12, "ends inside the array"),
        ('{"a": "open', 1, 7, "not closed"),
        ('{"a": 1, }', 1, 8, "trailing comma"),
        ('{"a": -NaN}', 1, 8, "digit after '-'"),
        ('\u00a0{}', 1, 1, "U+00A0"),
    ],
)
def test_syntax_error_position(text, line, column, words):
    failure = _failure(text)

    assert (failure.span.start_line, failure.span.start_column) == (line, column)
    assert words in failure.message


def test_python_json_agrees_these_are_invalid():
    for text in ('{"a": 1,}', "{'a': 1}", '{"a": 012}', '{"a": "\\x"}', '{"a": 1} x', '{"a": "x\ny"}'):
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)
        assert load_json(SourceFile("x.json", text)).failure is not None


def test_error_names_path_being_read():
    failure = _failure('{"privacyConfiguration": {"policies": [1, 2,]}}')

    assert failure.field_path == "privacyConfiguration.policies[1]"


@pytest.mark.parametrize("text", ["", "   ", "\n\t\r\n"])
def test_empty_file_unparsable(text):
    failure = _failure(text)

    assert "empty" in failure.message
    assert failure.span.start_line == 1


def test_undecodable_bytes_unparsable_at_start():
    source = SourceFile.from_bytes("request.json", b'{"name": "\xff"}')
    result = load_json(source)

    assert result.documents == []
    assert result.failure.rule_id == "CRML001"
    assert result.failure.span.start_line == 1
    assert result.failure.span.start_column == 1
    assert "UTF-8" in result.failure.message


# Depth


def test_deep_nesting_stops_at_limit():
    text = "[" * 10_000 + "]" * 10_000
    failure = _failure(text)

    assert failure.span == Span(1, MAX_NESTING_DEPTH + 1, 1, MAX_NESTING_DEPTH + 2)
    assert str(MAX_NESTING_DEPTH) in failure.message


def test_nesting_at_limit_loads():
    text = '{"a": ' * (MAX_NESTING_DEPTH - 1) + "[1]" + "}" * (MAX_NESTING_DEPTH - 1)
    _, document = _root(text)

    node = document.root
    for _ in range(MAX_NESTING_DEPTH - 1):
        node = node.get("a")
    assert node.to_python() == [1]


# Number of values


def test_values_at_limit_load():
    # The list and MAX_VALUES - 1 numbers in it.
    text = "[" + "1," * (MAX_VALUES - 2) + "1]"
    _, document = _root(text)

    assert len(document.root.items) == MAX_VALUES - 1


def test_values_past_limit_unparsable():
    text = "[" + "1," * (MAX_VALUES - 1) + "1]"
    _, result = _load(text)
    failure = result.failure

    assert failure.rule_id == "CRML001"
    assert f"more than {MAX_VALUES:,} values" in failure.message
    # The list is the first value, so the number at index MAX_VALUES - 1 is one too many.
    assert failure.field_path == f"[{MAX_VALUES - 1}]"
    assert failure.span == Span(1, 2 * MAX_VALUES, 1, 2 * MAX_VALUES + 1)
    assert result.documents == []


@pytest.fixture
def values_limit_10(monkeypatch):
    monkeypatch.setattr(json_loader, "MAX_VALUES", 10)
    monkeypatch.setattr(loading, "MAX_VALUES", 10)


@pytest.mark.usefixtures("values_limit_10")
def test_keys_count_as_values():
    # The mapping, then a key and a value per member, so the value of "e" is the eleventh.
    source, result = _load('{"a": 1, "b": 2, "c": 3, "d": 4, "e": {"f": 5}}')

    assert result.failure is not None
    assert "more than 10 values" in result.failure.message
    assert _slice(source, result.failure.span) == '{'
    assert result.failure.field_path == "e"


@pytest.mark.usefixtures("values_limit_10")
def test_containers_count_as_values():
    # Seven of the first ten values are lists or mappings, so the eleventh is the 4.
    source, result = _load('[[], {}, [[]], [1, 2], [3], 4]')

    assert result.failure is not None
    assert _slice(source, result.failure.span) == "4"


# Cross-checks and the dispatching entry point


def test_skeleton_equals_json_loads():
    text = (INPUTS / "cli-skeleton.json").read_text(encoding="utf-8")
    _, document = _root(text)

    assert document.root.to_python() == json.loads(text)
    assert document.problems == []


def test_every_value_knows_its_key():
    _, document = _root(REQUEST)
    stack = [document.root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            for name, child in node.items():
                assert child.key is node.keys[name]
                assert child.key.span.start_line <= child.span.start_line
                stack.append(child)
        elif isinstance(node, SequenceNode):
            stack.extend(node.items)
        else:
            assert isinstance(node, ScalarNode)


def test_load_dispatches_by_syntax():
    source = SourceFile("request.txt", '{"name": "x"}')

    assert load(source, "json").documents[0].root.to_python() == {"name": "x"}
    assert load(source, "yaml").documents[0].root.to_python() == {"name": "x"}
    with pytest.raises(ValueError, match="unknown syntax"):
        load(source, "toml")
