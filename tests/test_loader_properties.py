"""Properties of the loaders on generated input: they never raise, and they round-trip what serializers write."""

from __future__ import annotations

import json
import string

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from crml_lint.document import MappingNode, Node, ScalarNode, SequenceNode, Span
from crml_lint.json_loader import load_json
from crml_lint.loading import MAX_NESTING_DEPTH
from crml_lint.source import SourceFile
from crml_lint.yaml_loader import load_yaml

SETTINGS = settings(max_examples=200, deadline=None)

# Fragments that steer random text towards the constructs the parsers branch on.
_FRAGMENTS = [
    "{", "}", "[", "]", ":", ",", "-", "?", "&a", "*a", "!", "!!", "|", ">", "'", '"', "#", "%", "@", "`",
    " ", "\n", "\t", "\r", "\\", "\\u", "\\uD83D", "<<", "---", "...", "1", "0", ".", "e", "+", "x", "true",
    "null", "NaN", "Infinity", "!Ref ", "!GetAtt ", "!Foo ", "!!int ", "!!set ", "%YAML 1.1\n", "\u2028",
    "\x85", "\ud800", "\x07", "\ufeff", "\U0001F600", "\u00e9",
]
_FRAGMENT_TEXT = st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join)
_ANY_TEXT = st.one_of(st.text(max_size=200), _FRAGMENT_TEXT)

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5),
    max_leaves=30,
)

_YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5),
    max_leaves=30,
)

# Strings that read the same under YAML 1.1 and the 1.2 core schema, so that the text
# PyYAML writes for a 1.1 reader loads unchanged with the 1.2 default.
_WORDS = st.text(alphabet=string.ascii_letters + " _-", max_size=20)
_CORE_SAFE_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | _WORDS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(_WORDS, children, max_size=5),
    max_leaves=30,
)


def _slice(source: SourceFile, span: Span) -> str:
    start = source.offset(span.start_line, span.start_column)
    end = source.offset(span.end_line, span.end_column)
    return source.text[start:end]


def _nodes(root: Node):
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, MappingNode):
            stack.extend(node.keys.values())
            stack.extend(node.values.values())
        elif isinstance(node, SequenceNode):
            stack.extend(node.items)


# Any text


@SETTINGS
@given(_ANY_TEXT)
def test_load_json_never_raises(text):
    result = load_json(SourceFile("input.json", text))

    assert (result.failure is None) == (len(result.documents) == 1)
    for document in result.documents:
        document.root.to_python()


@SETTINGS
@given(_ANY_TEXT)
def test_load_yaml_never_raises(text):
    result = load_yaml(SourceFile("input.yaml", text))

    assert result.failure is not None or result.documents
    for document in result.documents:
        if document.root is not None:
            document.root.to_python()


@SETTINGS
@given(_ANY_TEXT)
def test_load_json_agrees_with_json_module(text):
    result = load_json(SourceFile("input.json", text))
    try:
        expected = json.loads(text)
    except (ValueError, RecursionError):
        assert result.failure is not None
        return

    if result.failure is not None:
        # The only JSON that the loader rejects and Python reads nests too deep.
        assert str(MAX_NESTING_DEPTH) in result.failure.message
        return
    # Compared as text, because NaN is not equal to itself.
    assert json.dumps(result.documents[0].root.to_python(), sort_keys=True) == json.dumps(expected, sort_keys=True)


# Round trips


@SETTINGS
@given(_JSON_VALUES, st.sampled_from([None, 2]), st.booleans())
def test_json_round_trip_with_spans(value, indent, ensure_ascii):
    text = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)
    source = SourceFile("value.json", text)
    result = load_json(source)

    assert result.failure is None
    document = result.documents[0]
    assert document.problems == []
    assert document.root.to_python() == value
    for node in _nodes(document.root):
        assert json.loads(_slice(source, node.span)) == node.to_python()


@SETTINGS
@given(_YAML_VALUES, st.sampled_from([None, False, True]))
def test_yaml_1_1_round_trip_with_spans(value, flow_style):
    text = yaml.safe_dump(value, default_flow_style=flow_style)
    source = SourceFile("value.yaml", text)
    result = load_yaml(source, "1.1")

    assert result.failure is None
    document = result.documents[0]
    assert document.problems == []
    assert document.root.to_python() == value
    for node in _nodes(document.root):
        if isinstance(node, ScalarNode):
            assert yaml.safe_load(_slice(source, node.span)) == node.value


@SETTINGS
@given(_CORE_SAFE_VALUES, st.sampled_from([None, False, True]))
def test_yaml_core_round_trip(value, flow_style):
    text = yaml.safe_dump(value, default_flow_style=flow_style)
    result = load_yaml(SourceFile("value.yaml", text))

    assert result.failure is None
    assert result.documents[0].root.to_python() == value
