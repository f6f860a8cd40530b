"""The YAML loader: spans, documents, syntax errors, typing, tags, merges, aliases and their limits."""

from __future__ import annotations

import datetime
import math
import time

import pytest
import yaml

from crml_lint import loading, yaml_loader
from crml_lint.document import Span
from crml_lint.loading import MAX_NESTING_DEPTH
from crml_lint.source import SourceFile
from crml_lint.yaml_loader import MAX_ALIAS_NODES, load_yaml
from crml_lint.yaml_typing import resolve_plain, retype

REQUEST = """\
# An association request, as --cli-input-yaml reads it.
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
name: "churn-training"
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds:
            - '111122223333'
            - "444455556666"
          logType: ALL
      maxArtifactSize: {unit: GB, value: 12.5}

    # a comment after the mapping
tags: {team: ml}
"""


def _load(text: str, version: str = "1.2"):
    source = SourceFile("request.yaml", text)
    return source, load_yaml(source, version)


def _document(text: str, version: str = "1.2"):
    source, result = _load(text, version)
    assert result.failure is None, result.failure
    assert len(result.documents) == 1
    return source, result.documents[0]


def _slice(source: SourceFile, span: Span) -> str:
    start = source.offset(span.start_line, span.start_column)
    end = source.offset(span.end_line, span.end_column)
    return source.text[start:end]


def _rules(document) -> list[str]:
    return [problem.rule_id for problem in document.problems]


# Spans and paths


def test_plain_key_and_value_spans():
    source, document = _document(REQUEST)
    membership = document.root.get("membershipIdentifier")

    assert membership.span == Span(2, 23, 2, 59)
    assert membership.key.span == Span(2, 1, 2, 21)
    assert _slice(source, membership.key.span) == "membershipIdentifier"


def test_quoted_value_span_covers_quotes():
    source, document = _document(REQUEST)
    name = document.root.get("name")

    assert _slice(source, name.span) == '"churn-training"'
    assert name.text == "churn-training"
    assert name.plain is False


def test_scalars_in_block_list_have_spans():
    source, document = _document(REQUEST)
    logs = document.root.get("privacyConfiguration").get("policies").get("trainedModels").get("containerLogs")
    accounts = logs.items[0].get("allowedAccountIds")

    assert [_slice(source, item.span) for item in accounts] == ["'111122223333'", '"444455556666"']
    assert accounts.items[0].span == Span(9, 15, 9, 29)
    assert accounts.items[1].user_path == (
        "privacyConfiguration", "policies", "trainedModels", "containerLogs", 0, "allowedAccountIds", 1,
    )


def test_block_mapping_ends_at_last_value():
    source, document = _document(REQUEST)
    trained = document.root.get("privacyConfiguration").get("policies").get("trainedModels")

    assert trained.span.start_line == 7
    assert trained.span.end_line == 12
    assert _slice(source, trained.span).endswith("{unit: GB, value: 12.5}")


def test_flow_mapping_span_and_values():
    source, document = _document(REQUEST)
    size = document.root.get("privacyConfiguration").get("policies").get("trainedModels").get("maxArtifactSize")

    assert _slice(source, size.span) == "{unit: GB, value: 12.5}"
    assert _slice(source, size.get("value").span) == "12.5"
    assert size.get("value").value == 12.5


def test_block_scalar_span_ends_at_text():
    source, document = _document("description: |\n  first line\n  second line\n\n\nname: x\n")
    description = document.root.get("description")

    assert description.value == "first line\nsecond line\n"
    assert description.span == Span(1, 14, 3, 14)


def test_crlf_and_bom_keep_columns():
    source = SourceFile.from_bytes("request.yaml", b"\xef\xbb\xbfname: churn\r\ntags:\r\n  team: ml\r\n")
    result = load_yaml(source)

    root = result.documents[0].root
    assert root.get("name").span == Span(1, 7, 1, 12)
    assert root.get("tags").get("team").span == Span(3, 9, 3, 11)


def test_tab_inside_scalars_kept():
    _, document = _document("name: 'a\tb'\ndescription: |\n  x\ty\n")

    assert document.root.to_python() == {"name": "a\tb", "description": "x\ty\n"}


def test_tab_between_tokens_unparsable():
    # YAML 1.2 allows a tab as separation space, but PyYAML 6 rejects it.
    _, result = _load("name:\tchurn\n")

    assert result.failure.rule_id == "CRML001"
    assert result.failure.span == Span(1, 6, 1, 7)
    assert "replace the tab with a space" in result.failure.message


def test_tab_indentation_unparsable():
    _, result = _load("tags:\n\tteam: ml\n")

    assert result.failure.rule_id == "CRML001"
    assert result.failure.span == Span(2, 1, 2, 2)
    assert "indent with spaces" in result.failure.message


def test_empty_value_is_null_after_colon():
    source, document = _document("description:\nname: x\n")
    description = document.root.get("description")

    assert description.value is None
    assert description.tag == "null"
    assert description.span == Span(1, 13, 1, 13)


# Documents


def test_documents_indexed_in_order():
    _, result = _load("a: 1\n---\n# nothing\n---\nb: 2\n")

    assert [document.index for document in result.documents] == [0, 1, 2]
    assert result.documents[0].root.to_python() == {"a": 1}
    assert result.documents[1].root is None
    assert result.documents[2].root.to_python() == {"b": 2}


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_comment_only_file_empty_document(text):
    _, result = _load(text)

    assert result.failure is None
    assert len(result.documents) == 1
    assert result.documents[0].root is None


def test_syntax_error_keeps_earlier_documents():
    _, result = _load("a: 1\n---\nb: [1, 2\n")

    assert [document.root.to_python() for document in result.documents] == [{"a": 1}]
    assert result.failure.rule_id == "CRML001"
    assert result.failure.span.start_line == 3
    assert result.failure.span.start_column == 9


# Syntax errors


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("a: b: c\n", 1, 5, "mapping value"),
        ("key: value\n  bad: 2\n", 2, 6, "indentation"),
        ("a:\n  - x\n - y\n", 3, 2, "indented block"),
        ("a: 'x\n", 1, 6, "closing quote"),
        ('a: "\\q"\n', 1, 6, "\\q is not an escape"),
        ("a: *nope\n", 1, 4, "*nope names no anchor"),
        ("\ta: 1\n", 1, 1, "indent with spaces"),
        ("a: @x\n", 1, 4, "'@'"),
        ("a: !x!y z\n", 1, 4, "%TAG"),
        ("%YAML 2.0\n---\na: 1\n", 1, 1, "version"),
        ("a: [1, 2\nb: 3\n", 2, 2, "expected ',' or ']'"),
        ("- a\nb: c\n", 2, 1, "a key"),
    ],
)
def test_syntax_error_position(text, line, column, words):
    _, result = _load(text)

    assert result.failure.rule_id == "CRML001"
    assert (result.failure.span.start_line, result.failure.span.start_column) == (line, column)
    assert words in result.failure.message


def test_syntax_error_names_enclosing_construct():
    _, result = _load("a: 1\nb: [1, 2\n")

    assert "flow sequence that starts at line 2, column 4" in result.failure.message


def test_forbidden_character_unparsable():
    _, result = _load("name: a\x07b\n")

    assert result.failure.rule_id == "CRML001"
    assert result.failure.span == Span(1, 8, 1, 9)
    assert "U+0007" in result.failure.message


def test_undecodable_bytes_unparsable():
    result = load_yaml(SourceFile.from_bytes("request.yaml", b"name: \xff\n"))

    assert result.failure.rule_id == "CRML001"
    assert result.failure.span.start_line == 1
    assert result.documents == []


def test_huge_integer_unparsable():
    _, result = _load("value: " + "9" * 4301 + "\n")

    assert result.failure.rule_id == "CRML001"
    assert "4301 digits" in result.failure.message
    assert result.failure.span == Span(1, 8, 1, 4309)


def test_huge_directive_number_unparsable():
    _, result = _load("%YAML 1." + "1" * 5000 + "\n---\na: 1\n")

    assert result.failure.rule_id == "CRML001"


# Duplicate keys and non-finite numbers


def test_duplicate_key_reported_last_wins():
    source, document = _document("name: first\ntags: {}\nname: second\n")

    assert document.root.to_python() == {"tags": {}, "name": "second"}
    assert _rules(document) == ["CRML002"]
    assert document.problems[0].span == Span(3, 1, 3, 5)
    assert "line 1" in document.problems[0].message


def test_quoted_and_plain_keys_are_duplicates():
    _, document = _document("'1': a\n\"1\": b\n")

    assert _rules(document) == ["CRML002"]


@pytest.mark.parametrize("text", [".nan", ".NaN", ".inf", "-.Inf", "+.INF", "!!float .nan"])
def test_nan_and_infinity_report_wrong_type(text):
    source, document = _document(f"value: {text}\n")

    value = document.root.get("value").value
    assert math.isnan(value) or math.isinf(value)
    assert _rules(document) == ["CRML103"]
    assert _slice(source, document.problems[0].span) == text


# Merge keys


def test_merge_adds_missing_keys_only():
    source, document = _document("base: &base {x: 1, y: 2}\nitem:\n  <<: *base\n  y: 3\n")
    item = document.root.get("item")

    assert item.to_python() == {"x": 1, "y": 3}
    assert document.problems == []
    assert item.get("x").span == Span(1, 17, 1, 18)
    assert item.keys["x"].span == Span(1, 14, 1, 15)
    assert item.get("x").user_path == ("item", "x")
    assert item.get("y").span == Span(4, 6, 4, 7)


def test_merge_list_first_mapping_wins():
    _, document = _document("a: &a {p: 1}\nb: &b {p: 2, q: 2}\nc:\n  <<: [*a, *b]\n  r: 3\n")

    assert document.root.get("c").to_python() == {"p": 1, "q": 2, "r": 3}
    assert document.problems == []


def test_merge_of_inline_mapping():
    _, document = _document("c:\n  <<: {p: 1}\n  q: 2\n")

    assert document.root.get("c").to_python() == {"p": 1, "q": 2}


def test_merge_of_scalar_unsupported():
    source, document = _document("c:\n  <<: text\n  q: 2\n")

    assert document.root.get("c").to_python() == {"q": 2}
    assert _rules(document) == ["CRML003"]
    assert _slice(source, document.problems[0].span) == "text"


def test_quoted_merge_key_is_ordinary():
    _, document = _document("c:\n  '<<': {p: 1}\n")

    assert document.root.get("c").to_python() == {"<<": {"p": 1}}


# Anchors and aliases


def test_alias_top_takes_alias_span():
    source, document = _document("base: &b\n  unit: GB\n  value: 5\ncopy: *b\n")
    copy = document.root.get("copy")

    assert copy.to_python() == {"unit": "GB", "value": 5}
    assert _slice(source, copy.span) == "*b"
    assert copy.get("unit").span == Span(2, 9, 2, 11)
    assert copy.get("unit").user_path == ("copy", "unit")
    assert copy.key.span == Span(4, 1, 4, 5)


def test_scalar_alias_copies_value():
    source, document = _document("a: &x 7\nb: *x\n")

    assert document.root.to_python() == {"a": 7, "b": 7}
    assert _slice(source, document.root.get("b").span) == "*x"


def test_problems_inside_anchor_reported_once():
    _, document = _document("a: &x {n: .nan, k: 1, k: 2}\nb: *x\nc: *x\n")

    assert sorted(_rules(document)) == ["CRML002", "CRML103"]


def test_anchor_name_may_be_reused():
    _, document = _document("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")

    assert document.root.to_python() == {"a": 1, "b": 1, "c": 2, "d": 2}


def test_recursive_alias_stops_loading():
    source, result = _load("a: &a [1, *a]\n")

    assert result.failure.rule_id == "CRML003"
    assert _slice(source, result.failure.span) == "*a"


def test_billion_laughs_stops_fast():
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    text = "membershipIdentifier: x\n" + "\n".join(lines) + "\n"

    started = time.perf_counter()
    source, result = _load(text)
    elapsed = time.perf_counter() - started

    assert result.failure.rule_id == "CRML003"
    assert "alias expansion exceeds" in result.failure.message
    assert f"{MAX_ALIAS_NODES:,}" in result.failure.message
    assert _slice(source, result.failure.span).startswith("*")
    assert elapsed < 5


def test_alias_budget_spans_documents():
    # Each document's aliases create 170 * 111 + 10 * 11 = 18,980 nodes.
    document = (
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        "b: &b [" + ", ".join(["*a"] * 10) + "]\n"
        "c: [" + ", ".join(["*b"] * 170) + "]\n"
    )
    assert 5 * 18_980 <= MAX_ALIAS_NODES < 6 * 18_980

    _, within = _load("---\n".join([document] * 5))
    source, past = _load("---\n".join([document] * 6))

    assert within.failure is None
    assert past.failure.rule_id == "CRML003"
    assert f"exceeds {MAX_ALIAS_NODES:,} nodes in this file" in past.failure.message
    # Line 3 of the sixth document: five documents of three lines and five '---' lines come first.
    assert past.failure.span.start_line == 23
    assert _slice(source, past.failure.span) == "*b"
    assert len(past.documents) == 5


# Number of values


@pytest.fixture
def values_limit_10(monkeypatch):
    monkeypatch.setattr(yaml_loader, "MAX_VALUES", 10)
    monkeypatch.setattr(loading, "MAX_VALUES", 10)


@pytest.mark.usefixtures("values_limit_10")
def test_values_past_limit_unparsable():
    source, result = _load("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]")

    assert result.failure.rule_id == "CRML001"
    assert "more than 10 values" in result.failure.message
    assert result.failure.span.start_column == source.text.index("10") + 1
    assert result.documents == []


@pytest.mark.usefixtures("values_limit_10")
def test_values_at_limit_load():
    _, document = _document("[1, 2, 3, 4, 5, 6, 7, 8, 9]")

    assert document.root.to_python() == [1, 2, 3, 4, 5, 6, 7, 8, 9]


@pytest.mark.usefixtures("values_limit_10")
def test_keys_count_as_values():
    # The mapping, then a key and a value per entry, so the value of e is the eleventh.
    source, result = _load("a: 1\nb: 2\nc: 3\nd: 4\ne: {f: 5}\n")

    assert result.failure.rule_id == "CRML001"
    assert _slice(source, result.failure.span) == "{"


@pytest.mark.usefixtures("values_limit_10")
def test_values_counted_before_aliases_expand():
    # Composing counts each alias once, as the text has it: the third *a is the eleventh
    # value, where expanding the aliases would have passed ten at the second.
    source, result = _load("a: &a [1, 2]\nb: *a\nc: *a\nd: *a\ne: 1\n")

    assert result.failure.rule_id == "CRML001"
    assert result.failure.span.start_line == 4
    assert _slice(source, result.failure.span) == "*"


@pytest.mark.usefixtures("values_limit_10")
def test_values_limit_spans_documents():
    _, result = _load("a: 1\nb: 2\n---\nc: 3\nd: 4\n---\ne: 5\n")

    assert result.failure.rule_id == "CRML001"
    assert result.failure.span.start_line == 7
    assert len(result.documents) == 2


# Nesting depth


@pytest.mark.parametrize(
    "text",
    [
        "[" * 10_000 + "]" * 10_000,
        "{a: " * 10_000 + "1" + "}" * 10_000,
        "".join("  " * level + "- \n" for level in range(10_000)),
        "".join("  " * level + "k:\n" for level in range(10_000)),
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences", "block-mappings"],
)
def test_deep_nesting_unparsable(text):
    _, result = _load(text)

    assert result.failure.rule_id == "CRML001"
    assert str(MAX_NESTING_DEPTH) in result.failure.message


def test_nesting_at_limit_loads():
    text = "[" * MAX_NESTING_DEPTH + "1" + "]" * MAX_NESTING_DEPTH
    _, document = _document(text)

    node = document.root
    for _ in range(MAX_NESTING_DEPTH - 1):
        node = node.items[0]
    assert node.to_python() == [1]


def test_aliases_nesting_past_limit_unparsable():
    half = MAX_NESTING_DEPTH // 2 + 1
    text = "a: &a " + "[" * half + "1" + "]" * half + "\nb: " + "[" * half + "*a" + "]" * half + "\n"
    source, result = _load(text)

    assert result.failure.rule_id == "CRML001"
    assert _slice(source, result.failure.span) == "*"


# CloudFormation short forms


def test_ref_loads_as_long_form():
    source, document = _document("value: !Ref BucketName\n")
    value = document.root.get("value")

    assert value.to_python() == {"Ref": "BucketName"}
    assert _slice(source, value.span) == "!Ref BucketName"
    assert value.keys["Ref"].span == value.span
    assert value.get("Ref").user_path == ("value", "Ref")
    assert document.problems == []


def test_getatt_scalar_splits_at_first_dot():
    _, document = _document("arn: !GetAtt Algorithm.Outputs.Arn\nlist: !GetAtt [Algorithm, Arn]\n")

    assert document.root.get("arn").to_python() == {"Fn::GetAtt": ["Algorithm", "Outputs.Arn"]}
    assert document.root.get("list").to_python() == {"Fn::GetAtt": ["Algorithm", "Arn"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!Sub 'arn:${AWS::Partition}'", {"Fn::Sub": "arn:${AWS::Partition}"}),
        ("!If [IsProd, 10, 5]", {"Fn::If": ["IsProd", 10, 5]}),
        ("!Join ['-', [a, b]]", {"Fn::Join": ["-", ["a", "b"]]}),
        ("!Select [0, !GetAZs '']", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}),
        ("!FindInMap [M, k, v]", {"Fn::FindInMap": ["M", "k", "v"]}),
        ("!ImportValue Shared", {"Fn::ImportValue": "Shared"}),
        ("!Equals [a, b]", {"Fn::Equals": ["a", "b"]}),
        ("!Not [!Condition IsProd]", {"Fn::Not": [{"Condition": "IsProd"}]}),
        ("!Base64 text", {"Fn::Base64": "text"}),
        ("!Split [',', 'a,b']", {"Fn::Split": [",", "a,b"]}),
        ("!Cidr [10.0.0.0/16, 6, 5]", {"Fn::Cidr": ["10.0.0.0/16", 6, 5]}),
        ("!And [!Condition A, !Condition B]", {"Fn::And": [{"Condition": "A"}, {"Condition": "B"}]}),
        ("!Or [!Condition A, !Condition B]", {"Fn::Or": [{"Condition": "A"}, {"Condition": "B"}]}),
        ("!Transform {Name: X}", {"Fn::Transform": {"Name": "X"}}),
    ],
)
def test_short_forms_load_as_long_forms(text, expected):
    _, document = _document(f"value: {text}\n")

    assert document.root.get("value").to_python() == expected
    assert document.problems == []


def test_short_form_argument_is_string():
    _, document = _document("value: !Ref 123\n")

    argument = document.root.get("value").get("Ref")
    assert argument.value == "123"
    assert argument.tag == "!Ref"


# Other tags


@pytest.mark.parametrize(
    ("text", "expected", "tag_name"),
    [
        ("!Secret churn", "churn", "!Secret"),
        ("!Secret 12", 12, "!Secret"),
        ("!!binary aGVsbG8=", "aGVsbG8=", "!!binary"),
        ("!!timestamp 2024-01-01", "2024-01-01", "!!timestamp"),
        ("!!set {a, b}", {"a": None, "b": None}, "!!set"),
        ("!!omap [a: 1]", [{"a": 1}], "!!omap"),
        ("!!python/object:os.system {}", {}, "!!python/object:os.system"),
        ("!!python/name:os.system ''", "", "!!python/name:os.system"),
        ("!!int abc", "abc", "!!int"),
        ("!!bool yes", "yes", "!!bool"),
        ("!!str {a: 1}", {"a": 1}, "!!str"),
    ],
)
def test_unsupported_tag_loads_untagged(text, expected, tag_name):
    source, document = _document(f"value: {text}\n")

    assert document.root.get("value").to_python() == expected
    assert _rules(document) == ["CRML003"]
    assert tag_name in document.problems[0].message
    assert _slice(source, document.problems[0].span) == text
    assert document.problems[0].field_path == "value"


@pytest.mark.parametrize(
    ("text", "expected", "tag"),
    [
        ("!!str 12", "12", "str"),
        ("!!int '12'", 12, "int"),
        ("!!int 0x1F", 31, "int"),
        ("!!float 1", 1.0, "float"),
        ("!!bool true", True, "bool"),
        ("!!null ''", None, "null"),
        ("! 12", "12", "str"),
        ("!<tag:yaml.org,2002:str> 12", "12", "str"),
    ],
)
def test_standard_tags_honoured(text, expected, tag):
    _, document = _document(f"value: {text}\n")
    value = document.root.get("value")

    assert value.value == expected
    assert type(value.value) is type(expected)
    assert value.tag == tag
    assert value.plain is False
    assert document.problems == []


# Keys that are not strings


@pytest.mark.parametrize(
    ("key", "reading"),
    [("1", "an integer"), ("true", "a boolean"), ("null", "null"), ("1.5", "a floating-point number"), ("~", "null")],
)
def test_non_string_key_kept_as_text(key, reading):
    source, document = _document(f"{key}: value\nname: x\n")

    assert document.root.to_python() == {key: "value", "name": "x"}
    assert _rules(document) == ["CRML003"]
    problem = document.problems[0]
    assert problem.span == Span(1, 1, 1, len(key) + 1)
    assert reading in problem.message
    assert f'"{key}"' in problem.message


def test_date_key_unsupported_under_1_1():
    _, document = _document("2024-01-01: value\n", version="1.1")

    assert document.root.to_python() == {"2024-01-01": "value"}
    assert _rules(document) == ["CRML003"]
    assert "a date" in document.problems[0].message


def test_collection_key_unsupported():
    source, document = _document("? [a, b]\n: value\n")

    assert document.root.to_python() == {"[a, b]": "value"}
    assert _rules(document) == ["CRML003"]
    assert _slice(source, document.problems[0].span) == "[a, b]"


def test_quoted_numeric_key_is_string():
    _, document = _document("'1': value\n")

    assert document.root.to_python() == {"1": "value"}
    assert document.problems == []


# Typing: YAML 1.2 core by default, 1.1 on request


TYPING_CASES = [
    # text, YAML 1.2 core value, YAML 1.1 value
    ("yes", "yes", True),
    ("Off", "Off", False),
    ("012345678901", 12345678901, "012345678901"),
    ("2024-01-01", "2024-01-01", datetime.date(2024, 1, 1)),
    ("0o17", 15, "0o17"),
    ("017", 17, 15),
    ("1_000", "1_000", 1000),
    ("0x1F", 31, 31),
    ("1e3", 1000.0, "1e3"),
    ("190:20:30", "190:20:30", 685230),
    ("TRUE", True, True),
    ("~", None, None),
    ("Null", None, None),
]


@pytest.mark.parametrize(("text", "core", "old"), TYPING_CASES)
def test_plain_scalar_typing_by_version(text, core, old):
    _, core_document = _document(f"value: {text}\n")
    _, old_document = _document(f"value: {text}\n", version="1.1")

    assert core_document.root.get("value").value == core
    assert type(core_document.root.get("value").value) is type(core)
    assert old_document.root.get("value").value == old
    assert type(old_document.root.get("value").value) is type(old)


def test_yaml_1_1_directive_switches_typing():
    _, result = _load("%YAML 1.1\n---\nvalue: yes\n---\nvalue: yes\n")

    assert [document.root.get("value").value for document in result.documents] == [True, "yes"]


def test_yaml_1_2_directive_overrides_default():
    _, result = _load("%YAML 1.2\n---\nvalue: yes\n---\nvalue: yes\n", version="1.1")

    assert [document.root.get("value").value for document in result.documents] == ["yes", True]


def test_quoted_scalars_never_typed():
    _, document = _document("a: 'yes'\nb: \"12\"\nc: |\n  true\n", version="1.1")

    assert document.root.to_python() == {"a": "yes", "b": "12", "c": "true\n"}
    assert [node.plain for _, node in document.root.items()] == [False, False, False]


def test_plain_scalar_keeps_text():
    _, document = _document("value: 0o17\n")
    value = document.root.get("value")

    assert value.text == "0o17"
    assert value.plain is True
    assert value.tag == "int"


def test_retype_rereads_plain_values():
    _, document = _document("a: yes\nb: 'yes'\nc: [0o17, 1_000]\nd: !!str on\n")
    retype(document.root, "1.1")

    assert document.root.to_python() == {"a": True, "b": "yes", "c": ["0o17", 1000], "d": "on"}
    assert document.root.get("a").tag == "bool"

    retype(document.root, "1.2")
    assert document.root.to_python() == {"a": "yes", "b": "yes", "c": [15, "1_000"], "d": "on"}


def test_retype_rejects_unknown_version():
    with pytest.raises(ValueError, match="unknown YAML version"):
        retype(None, "1.3")


def test_typing_1_1_matches_pyyaml():
    samples = ["yes", "NO", "on", "0b101", "0777", "08", "-0x_1A", "1_0.5", "+.5", ".5", "1.e+3", "12:30:15.5",
               "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43", "2002-2-3", "2002-12-14", "~", "", "null"]
    for text in samples:
        expected = yaml.safe_load(f"value: {text}\n")["value"]
        tag, value = resolve_plain(text, "1.1")
        assert value == expected, text
        assert type(value) is type(expected), text


def test_template_equals_pyyaml_under_1_1():
    text = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, AllowedValues: [dev, prod]}
Resources:
  Association:
    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation
    Properties:
      Name: churn
      Enabled: yes
      Sizes: [0.5, 1_000, 0x10, 010, ~]
      Tags:
        - {Key: team, Value: ml}
"""
    _, document = _document(text, version="1.1")

    assert document.root.to_python() == yaml.safe_load(text)
