"""The YAML loader: a YAML stream into documents of nodes that know their spans.

PyYAML's pure-Python reader, scanner, parser and composer build each document's node
graph with marks, and this module converts that graph into crml_lint nodes itself. No
PyYAML constructor runs, so no tag can make the loader build a Python object, and the C
loader is not used because its recursion has no bound.

Plain scalars are typed with the YAML 1.2 core schema, as the AWS CLI v2 reads
`--cli-input-yaml`, unless a document declares `%YAML 1.1` (see yaml_typing.py).
CloudFormation's short-form tags (`!Ref`, `!GetAtt`, `!Sub`, ...) load as their long forms.
Merge keys (`<<`) and aliases are expanded into copies that keep the spans where their
content was written, within a budget of nodes that stops alias bombs. A second budget,
MAX_VALUES, bounds the nodes that PyYAML composes from the text of a file.

This module imports PyYAML, so import it only to load a YAML file.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Optional

from yaml.composer import Composer, ComposerError
from yaml.error import Mark, MarkedYAMLError
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent
from yaml.nodes import MappingNode as YamlMapping
from yaml.nodes import Node as YamlNode
from yaml.nodes import ScalarNode as YamlScalar
from yaml.nodes import SequenceNode as YamlSequence
from yaml.parser import Parser
from yaml.reader import Reader, ReaderError
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .document import MappingNode, Node, Path, ScalarNode, SequenceNode, Span, format_path
from .finding import Problem
from .loading import (
    MAX_INTEGER_DIGITS,
    MAX_NESTING_DEPTH,
    MAX_VALUES,
    UNPARSABLE_FILE,
    UNSUPPORTED_YAML,
    LoadedDocument,
    LoadResult,
    decoding_failure,
    duplicate_key_problem,
    nesting_too_deep_message,
    non_finite_number_problem,
    point_span,
    too_many_values_message,
)
from .source import SourceFile
from .yaml_typing import (
    CORE_SCHEMA,
    STANDARD_SCALAR_TAGS,
    VERSIONS,
    YAML_1_1,
    IntegerTooLongError,
    construct_tagged,
    resolve_plain,
)

MAX_ALIAS_NODES = 100_000
"""The maximum number of nodes that expanding aliases and merge keys may create in one file.

A full association has a few hundred nodes, so this leaves room for any honest use of
anchors. A "billion laughs" document, whose aliases multiply tenfold per level, stops
after this many copies instead of exhausting memory. The budget is the file's, not each
document's, so that a stream of many small bombs stops too.
"""

_STANDARD_PREFIX = "tag:yaml.org,2002:"
_PLAIN_TAG = "?"  # marks a plain scalar without a tag, typed later by yaml_typing
_STRING_TAG = _STANDARD_PREFIX + "str"
_MAPPING_TAG = _STANDARD_PREFIX + "map"
_SEQUENCE_TAG = _STANDARD_PREFIX + "seq"

# CloudFormation's short-form tags and the key of the long form each stands for.
_SHORT_FORMS = {
    "!Ref": "Ref",
    "!Condition": "Condition",
    **{
        f"!{name}": f"Fn::{name}"
        for name in (
            "Base64", "Cidr", "Equals", "And", "Or", "Not", "FindInMap", "GetAtt", "GetAZs", "If",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform",
        )
    },
}

# The `%YAML` directives whose schema the loader applies; other 1.x versions keep the default.
_DIRECTIVE_VERSIONS = {(1, 1): YAML_1_1, (1, 2): CORE_SCHEMA}

_TYPE_NAMES = {"str": "string", "int": "integer", "float": "floating-point number", "bool": "boolean", "null": "null"}

_READINGS = {
    "int": "an integer",
    "float": "a floating-point number",
    "bool": "a boolean",
    "null": "null",
    "timestamp": "a date",
}


class _LoadStop(Exception):
    """A problem after which the stream is not read further: too deep, too many alias nodes, or unreadable."""

    def __init__(self, message: str, start: int, end: Optional[int] = None, rule_id: str = UNPARSABLE_FILE, path: Path = ()):
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end
        self.rule_id = rule_id
        self.path = path


def load_yaml(source: SourceFile, version: str = CORE_SCHEMA) -> LoadResult:
    """Load every document of the YAML stream in `source`.

    Plain scalars are typed with the schema of `version` ("1.2" or "1.1"), unless a
    document names one of them in a `%YAML` directive. A syntax error is the result's CRML001 failure,
    and the documents before it are kept; so is a stream of more than MAX_VALUES nodes.
    Alias expansion past MAX_ALIAS_NODES, and an alias inside the node it names, stop the
    stream the same way, as CRML003.
    A stream without any document (only comments) has one document whose root is None.
    """
    if version not in VERSIONS:
        raise ValueError(f"unknown YAML version {version!r}; expected one of {', '.join(VERSIONS)}")

    failed = decoding_failure(source)
    if failed is not None:
        return failed

    result = LoadResult()
    alias_nodes = 0
    try:
        composer = _compose_stream(source.text)
        for yaml_root in composer:
            document_version = _DIRECTIVE_VERSIONS.get(composer.document_version, version)
            converter = _Converter(source, document_version, alias_nodes)
            root = converter.convert_document(yaml_root)
            alias_nodes = converter.alias_nodes
            result.documents.append(LoadedDocument(root=root, index=len(result.documents), problems=converter.problems))
    except _LoadStop as stop:
        span = point_span(source, stop.start) if stop.end is None else source.span(stop.start, stop.end)
        result.failure = Problem(message=stop.message, span=span, field_path=format_path(stop.path), rule_id=stop.rule_id)

    if not result.documents and result.failure is None:
        result.documents.append(LoadedDocument(root=None, index=0))
    return result


class _AliasNode(YamlNode):
    """An alias as written (`*name`), with its own marks and the node its anchor names."""

    id = "alias"

    def __init__(self, name: str, target: YamlNode, start_mark: Mark, end_mark: Mark):
        super().__init__(target.tag, target.value, start_mark, end_mark)
        self.name = name
        self.target = target


def _compose_stream(text: str) -> "_StreamComposer":
    try:
        return _StreamComposer(text)
    except ReaderError as error:
        raise _LoadStop(
            f"the file contains the character U+{error.character:04X}, which YAML does not allow; remove it",
            error.position,
        ) from None


class _StreamComposer(Reader, Scanner, Parser, Composer, BaseResolver):
    """PyYAML's pure-Python loading stages up to composed nodes, with four changes.

    An alias becomes an _AliasNode, so that its own position is not lost. Nesting
    deeper than MAX_NESTING_DEPTH stops composing before Python's recursion limit does,
    and a node past the stream's first MAX_VALUES stops it before memory runs out.
    Plain untagged scalars keep a marker tag, so that yaml_typing can type them later.
    """

    def __init__(self, text: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self.depth = 0
        self.values_left = MAX_VALUES
        self.document_version: Optional[tuple[int, int]] = None

    def __iter__(self) -> Iterator[YamlNode]:
        """Compose the documents one by one, turning PyYAML's errors into _LoadStop at their position."""
        while True:
            try:
                if not self.check_node():
                    return
                root = self.get_node()
            except MarkedYAMLError as error:
                mark = error.problem_mark or error.context_mark
                raise _LoadStop(_describe_yaml_error(error), mark.index if mark else 0) from None
            except ValueError:
                # PyYAML converts the numbers of a %YAML directive with int(), which
                # rejects thousands of digits.
                raise _LoadStop(
                    "a number here has more digits than Python converts, so the YAML cannot be read; shorten it",
                    self.get_mark().index,
                ) from None
            yield root

    def compose_document(self) -> YamlNode:
        self.document_version = self.peek_event().version
        return super().compose_document()

    def compose_node(self, parent: Optional[YamlNode], index: object) -> YamlNode:
        event = self.peek_event()
        self.values_left -= 1
        if self.values_left < 0:
            raise _LoadStop(too_many_values_message(), event.start_mark.index)

        if isinstance(event, AliasEvent):
            self.get_event()
            if event.anchor not in self.anchors:
                raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
            return _AliasNode(event.anchor, self.anchors[event.anchor], event.start_mark, event.end_mark)

        # YAML 1.2 lets a later anchor reuse a name, and aliases after it name the later
        # node. PyYAML rejects the reuse unless the earlier anchor is forgotten first.
        if event.anchor is not None:
            self.anchors.pop(event.anchor, None)

        is_collection = isinstance(event, (MappingStartEvent, SequenceStartEvent))
        if is_collection:
            self.depth += 1
            if self.depth > MAX_NESTING_DEPTH:
                raise _LoadStop(nesting_too_deep_message(), event.start_mark.index)
        try:
            return super().compose_node(parent, index)
        finally:
            if is_collection:
                self.depth -= 1

    def compose_scalar_node(self, anchor: Optional[str]) -> YamlScalar:
        event = self.get_event()
        if event.tag is None and event.style is None:
            tag = _PLAIN_TAG
        elif event.tag in (None, "!"):
            # The non-specific tag `!` makes a scalar a string, but PyYAML would type it as plain.
            tag = _STRING_TAG
        else:
            tag = event.tag
        node = YamlScalar(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        if anchor is not None:
            self.anchors[anchor] = node
        return node


class _Converter:
    """Converts the composed nodes of one document into crml_lint nodes, and collects its problems."""

    def __init__(self, source: SourceFile, version: str, alias_nodes: int = 0):
        self.source = source
        self.version = version
        self.problems: list[Problem] = []
        self.depth = 0
        self.active: set[int] = set()  # ids of the collections being converted, to find recursive aliases
        self.aliases: list[_AliasNode] = []  # the aliases being expanded, outermost first
        self.alias_paths: list[Path] = []
        self.alias_nodes = alias_nodes  # the nodes that aliases created in this file so far
        self.spans: dict[int, Span] = {}

    def convert_document(self, root: YamlNode) -> Optional[Node]:
        # An empty document (`---` with nothing after it) composes to an empty plain scalar.
        if isinstance(root, YamlScalar) and root.tag == _PLAIN_TAG and root.start_mark.index == root.end_mark.index:
            return None
        return self.convert(root, ())

    def convert(self, node: YamlNode, path: Path) -> Node:
        if isinstance(node, _AliasNode):
            return self._alias(node, path)
        if node.tag in _SHORT_FORMS:
            return self._short_form(node, path)
        if isinstance(node, YamlScalar):
            scalar = self._scalar(node, path)
            problem = non_finite_number_problem(scalar)
            if problem is not None:
                self._report(problem)
            return scalar

        expected_tag = _MAPPING_TAG if isinstance(node, YamlMapping) else _SEQUENCE_TAG
        if node.tag != expected_tag:
            self._unsupported_tag(node, path)
        return self._collection(node, path)

    # Reporting and counting

    def _report(self, problem: Problem) -> None:
        # What an alias repeats was reported where it was written, once.
        if not self.aliases:
            self.problems.append(problem)

    def _made(self, node: Node) -> Node:
        if self.aliases:
            self.alias_nodes += 1
            if self.alias_nodes > MAX_ALIAS_NODES:
                outermost = self.aliases[0]
                raise _LoadStop(
                    f"alias expansion exceeds {MAX_ALIAS_NODES:,} nodes in this file at the alias "
                    f"*{outermost.name}: a file this large is no association, and may be an alias bomb; "
                    "the file is not read further",
                    outermost.start_mark.index, outermost.end_mark.index, UNSUPPORTED_YAML, self.alias_paths[0],
                )
        return node

    @contextmanager
    def _expanding(self, alias: _AliasNode, path: Path) -> Iterator[None]:
        self.aliases.append(alias)
        self.alias_paths.append(path)
        try:
            yield
        finally:
            self.aliases.pop()
            self.alias_paths.pop()

    # Spans and text

    def _span(self, node: YamlNode) -> Span:
        # Aliases convert the same composed nodes many times, so each span is computed once.
        span = self.spans.get(id(node))
        if span is None:
            span = self.spans[id(node)] = self.source.span(node.start_mark.index, self._end_offset(node))
        return span

    def _end_offset(self, node: YamlNode) -> int:
        # A block collection's end mark lies where the next token starts, after any blank
        # lines and comments, so the collection ends where its last value ends instead.
        while isinstance(node, (YamlMapping, YamlSequence)) and not node.flow_style and node.value:
            last = node.value[-1]
            node = last[1] if isinstance(node, YamlMapping) else last
        end = node.end_mark.index
        if isinstance(node, YamlScalar) and node.style in ("|", ">"):
            # A block scalar's end mark follows its last line break and trailing blank lines.
            start = node.start_mark.index
            end = start + len(self.source.text[start:end].rstrip())
        return end

    def _written_text(self, node: YamlScalar) -> str:
        if node.style in ("'", '"'):
            start, end = node.start_mark.index, node.end_mark.index
            raw = self.source.text[start:end]
            if len(raw) >= 2 and raw[0] == raw[-1] == node.style:
                return raw[1:-1]
        return node.value

    # Scalars

    def _scalar(self, node: YamlScalar, path: Path) -> ScalarNode:
        span = self._span(node)
        text = self._written_text(node)
        tag = node.tag

        if tag == _PLAIN_TAG:
            resolved_tag, value = self._resolve_plain(node, path)
            return self._made(ScalarNode(value, span, text=text, plain=True, tag=resolved_tag, user_path=path))
        if tag == _STRING_TAG:
            return self._made(ScalarNode(node.value, span, text=text, plain=False, tag="str", user_path=path))

        standard = _standard_name(tag)
        if standard in STANDARD_SCALAR_TAGS:
            try:
                value = construct_tagged(standard, node.value, self.version)
            except IntegerTooLongError as error:
                raise self._too_long(node, error, path) from None
            except ValueError:
                self._report(
                    Problem(
                        message=f"{node.value!r} is not a valid {_TYPE_NAMES[standard]} in YAML "
                        f"{self.version}, so the tag {_tag_name(tag)} cannot apply; fix the value or remove the tag",
                        span=span,
                        field_path=format_path(path),
                        rule_id=UNSUPPORTED_YAML,
                    )
                )
            else:
                return self._made(ScalarNode(value, span, text=text, plain=False, tag=standard, user_path=path))
        else:
            self._unsupported_tag(node, path)

        # The node loads as if it had no tag, so that the rest of the document is checked.
        if node.style is None:
            resolved_tag, value = self._resolve_plain(node, path)
            return self._made(ScalarNode(value, span, text=text, plain=True, tag=resolved_tag, user_path=path))
        return self._made(ScalarNode(node.value, span, text=text, plain=False, tag="str", user_path=path))

    def _resolve_plain(self, node: YamlScalar, path: Path) -> tuple:
        try:
            return resolve_plain(node.value, self.version)
        except IntegerTooLongError as error:
            raise self._too_long(node, error, path) from None

    def _too_long(self, node: YamlScalar, error: IntegerTooLongError, path: Path) -> _LoadStop:
        return _LoadStop(
            f"the integer has {error.digit_count} digits, more than the {MAX_INTEGER_DIGITS} that Python, and so the "
            "AWS CLI, converts; shorten it, or quote it if it is meant as text",
            node.start_mark.index, self._end_offset(node), path=path,
        )

    def _unsupported_tag(self, node: YamlNode, path: Path) -> None:
        name = _tag_name(node.tag)
        if _standard_name(node.tag) in ("map", "seq", *STANDARD_SCALAR_TAGS):
            message = f"the tag {name} does not fit a {node.id}; remove the tag"
        else:
            message = (
                f"the tag {name} has no meaning in JSON, so AWS cannot receive it; "
                f"remove the tag (the {node.id} is checked as if it had none)"
            )
        self._report(Problem(message=message, span=self._span(node), field_path=format_path(path), rule_id=UNSUPPORTED_YAML))

    # Collections

    def _collection(self, node: YamlNode, path: Path) -> Node:
        """Convert a mapping or sequence, whatever its tag."""
        self._enter(node)
        try:
            if isinstance(node, YamlMapping):
                return self._mapping(node, path)
            return self._sequence(node, path)
        finally:
            self.depth -= 1
            self.active.discard(id(node))

    def _enter(self, node: YamlNode) -> None:
        if id(node) in self.active:
            alias = self.aliases[-1]
            raise _LoadStop(
                f"the alias *{alias.name} is inside the node that its anchor names, so its value would repeat "
                "without end, which JSON cannot hold; replace the alias with a value",
                alias.start_mark.index, alias.end_mark.index, UNSUPPORTED_YAML,
            )
        self.depth += 1
        if self.depth > MAX_NESTING_DEPTH:
            # Aliases can nest deeper than the text itself, so point at the alias that does.
            culprit = self.aliases[-1] if self.aliases else node
            raise _LoadStop(nesting_too_deep_message(), culprit.start_mark.index)
        self.active.add(id(node))

    def _sequence(self, node: YamlSequence, path: Path) -> SequenceNode:
        sequence = self._made(SequenceNode(self._span(node), user_path=path))
        for index, item in enumerate(node.value):
            sequence.items.append(self.convert(item, path + (index,)))
        return sequence

    def _mapping(self, node: YamlMapping, path: Path) -> MappingNode:
        mapping = self._made(MappingNode(self._span(node), user_path=path))
        merged: list[MappingNode] = []  # the mappings that merge keys bring in, highest priority first
        merge_key: Optional[YamlScalar] = None

        for key_node, value_node in node.value:
            if _is_merge_key(key_node):
                if merge_key is not None:
                    merge_path = path + ("<<",)
                    first = self._scalar(merge_key, merge_path)
                    self._report(duplicate_key_problem(self._scalar(key_node, merge_path), first))
                merge_key = key_node
                # A later merge key overrides an earlier one, as a repeated key would.
                merged[:0] = self._merge_sources(value_node, path)
                continue

            key = self._key(key_node, path)
            value = self.convert(value_node, path + (key.value,))
            first = mapping.keys.get(key.value)
            if first is not None:
                self._report(duplicate_key_problem(key, first))
            mapping.set(key, value)

        # Keys set in the mapping itself win over merged ones, and among merged mappings
        # the first one listed wins. Neither case is a duplicate key.
        for source in merged:
            for name, value in source.items():
                if name not in mapping:
                    mapping.set(source.keys[name], value)
        return mapping

    def _merge_sources(self, value_node: YamlNode, path: Path) -> list[MappingNode]:
        """Convert the value of a merge key: a mapping, or a sequence of mappings, each maybe an alias."""
        target = value_node.target if isinstance(value_node, _AliasNode) else value_node
        if isinstance(target, YamlSequence) and target.tag == _SEQUENCE_TAG:
            if isinstance(value_node, _AliasNode):
                with self._expanding(value_node, path):
                    items = [self.convert(item, path) for item in target.value]
            else:
                items = [self.convert(item, path) for item in target.value]
        else:
            items = [self.convert(value_node, path)]

        sources = []
        for item in items:
            if isinstance(item, MappingNode):
                sources.append(item)
                continue
            self._report(
                Problem(
                    message="the merge key '<<' takes a mapping or a list of mappings, but this value is "
                    "not a mapping, so it is not merged; write a mapping or an alias of one",
                    span=item.span,
                    field_path=format_path(path),
                    rule_id=UNSUPPORTED_YAML,
                )
            )
        return sources

    def _key(self, key_node: YamlNode, path: Path) -> ScalarNode:
        if isinstance(key_node, YamlScalar) and key_node.tag not in _SHORT_FORMS:
            key = self._scalar(key_node, path)
        else:
            key = self.convert(key_node, path)

        if isinstance(key, ScalarNode) and isinstance(key.value, str):
            key.user_path = path + (key.value,)
            return key

        if isinstance(key, ScalarNode):
            text = key.text
            message = (
                f"the key {text or '(empty)'} is read as {_READINGS.get(key.tag, key.tag)}, but keys must be strings; "
                f"quote it: \"{text}\""
            )
        else:
            start, end = key_node.start_mark.index, self._end_offset(key_node)
            text = self.source.text[start:end]
            kind = "mapping" if isinstance(key, MappingNode) else "sequence"
            message = f"a {kind} cannot be a key, because JSON keys are strings; write the key as a quoted string"

        string_key = self._made(ScalarNode(text, key.span, text=text, plain=False, tag="str", user_path=path + (text,)))
        self._report(Problem.at(string_key, message, rule_id=UNSUPPORTED_YAML))
        return string_key

    # Aliases and CloudFormation short forms

    def _alias(self, alias: _AliasNode, path: Path) -> Node:
        with self._expanding(alias, path):
            node = self.convert(alias.target, path)
        # The copy starts where the alias is written, and what it contains keeps its own spans.
        node.span = self._span(alias)
        return node

    def _short_form(self, node: YamlNode, path: Path) -> MappingNode:
        name = _SHORT_FORMS[node.tag]
        span = self._span(node)
        value_path = path + (name,)
        mapping = self._made(MappingNode(span, user_path=path))
        key = self._made(ScalarNode(name, span, text=node.tag, plain=False, tag="str", user_path=value_path))

        if not isinstance(node, YamlScalar):
            value = self._collection(node, value_path)
        elif node.tag == "!GetAtt":
            # `!GetAtt Resource.Attribute` is the list [Resource, Attribute]. The
            # attribute may itself contain dots, so only the first dot splits.
            value = self._made(SequenceNode(span, user_path=value_path))
            for index, part in enumerate(node.value.split(".", 1)):
                value.items.append(
                    self._made(ScalarNode(part, span, text=part, plain=False, tag=node.tag, user_path=value_path + (index,)))
                )
        else:
            text = self._written_text(node)
            value = self._made(ScalarNode(node.value, span, text=text, plain=False, tag=node.tag, user_path=value_path))

        mapping.set(key, value)
        return mapping


def _is_merge_key(node: YamlNode) -> bool:
    return isinstance(node, YamlScalar) and node.tag == _PLAIN_TAG and node.value == "<<"


def _standard_name(tag: str) -> Optional[str]:
    """Return the name of a tag of the YAML tag repository (`int` for `!!int`), or None for any other tag."""
    return tag[len(_STANDARD_PREFIX):] if tag.startswith(_STANDARD_PREFIX) else None


def _tag_name(tag: str) -> str:
    """Write a tag as users write it: `!!binary` for a standard tag, `!Foo` for a local one."""
    if tag.startswith(_STANDARD_PREFIX):
        return "!!" + tag[len(_STANDARD_PREFIX):]
    if tag.startswith("!"):
        return tag
    return f"!<{tag}>"


# PyYAML's error messages, reworded for people who write YAML rather than parse it.

_TOKEN_NAMES = {
    "<block end>": "the end of the indented block",
    "<block mapping start>": "the start of a new mapping",
    "<block sequence start>": "the start of a new list",
    "<scalar>": "a value",
    "<alias>": "an alias",
    "<anchor>": "an anchor",
    "<tag>": "a tag",
    "<directive>": "a directive",
    "<document start>": "'---'",
    "<document end>": "'...'",
    "<stream end>": "the end of the file",
    "<stream start>": "the start of the file",
}

_CONTEXTS = {
    "while parsing a block mapping": "the mapping",
    "while parsing a block collection": "the list",
    "while parsing a flow sequence": "the flow sequence",
    "while parsing a flow mapping": "the flow mapping",
    "while parsing a block node": "the value",
    "while parsing a flow node": "the value",
    "while parsing a node": "the value",
    "while scanning a simple key": "the key",
    "while scanning a quoted scalar": "the quoted string",
    "while scanning a double-quoted scalar": "the quoted string",
    "while scanning a block scalar": "the block scalar",
    "while scanning a plain scalar": "the value",
    "while scanning an anchor": "the anchor",
    "while scanning an alias": "the alias",
    "while scanning a tag": "the tag",
    "while parsing a tag": "the tag",
    "while scanning a directive": "the directive",
}

# Problems whose PyYAML wording names a parser concept, and what they mean to a writer.
_PROBLEMS = {
    "mapping values are not allowed here": (
        "a ':' here would start a mapping value where none can be; check the indentation of this line, "
        "or quote a value that contains ': '"
    ),
    "sequence entries are not allowed here": "a list item '- ' cannot start here; check the indentation of this line",
    "mapping keys are not allowed here": "a complex key '? ' cannot start here; check the indentation of this line",
    "could not find expected ':'": "expected ':' after the key on the same line; add the ':' or quote the text",
    "found unexpected end of stream": "the file ends before the closing quote of the string",
    "found unexpected document separator": "a document separator comes before the closing quote of the string",
    "found incompatible YAML document (version 1.* is required)": "the %YAML directive names a version other than 1.x",
}


def _describe_yaml_error(error: MarkedYAMLError) -> str:
    """Reword a PyYAML syntax error as one sentence, naming the construct it interrupted."""
    problem = error.problem or error.context or "the YAML is invalid"
    if problem == "found character '\\t' that cannot start any token":
        return _describe_tab(error.problem_mark)

    message = _PROBLEMS.get(problem)
    if message is None:
        message = _reword_problem(problem)

    context = _CONTEXTS.get(error.context or "")
    mark = error.context_mark
    if context is not None and mark is not None and error.problem_mark is not None and mark.index != error.problem_mark.index:
        message += f" (in {context} that starts at line {mark.line + 1}, column {mark.column + 1})"
    return message


def _describe_tab(mark: Mark) -> str:
    line_start = mark.buffer.rfind("\n", 0, mark.pointer) + 1
    if mark.buffer[line_start:mark.pointer].strip(" \t") == "":
        return "a tab cannot indent YAML; indent with spaces"
    # NOTE: YAML 1.2 allows a tab between tokens, and the AWS CLI may accept it, but
    # PyYAML 6 rejects it, so such a file cannot be checked until the tab is replaced.
    return "a tab between tokens cannot be read here (PyYAML 6 rejects it); replace the tab with a space"


def _reword_problem(problem: str) -> str:
    if problem.startswith("found undefined alias "):
        name = problem[len("found undefined alias "):].strip("'\"")
        return f"the alias *{name} names no anchor &{name} defined before it in this document"
    if problem.startswith("found character ") and problem.endswith(" that cannot start any token"):
        character = problem[len("found character "):-len(" that cannot start any token")]
        return f"the character {character} cannot start a value here; put the value in quotes"
    if problem.startswith("found unknown escape character "):
        character = problem[len("found unknown escape character "):]
        return (
            f"\\{character.strip(chr(39))} is not an escape of double-quoted YAML strings; write \\\\ for a "
            "backslash, or use single quotes"
        )
    if problem.startswith("found undefined tag handle "):
        handle = problem[len("found undefined tag handle "):]
        return f"the tag handle {handle} is not declared by a %TAG directive"

    # The rest read well once the parser's token names are replaced by words.
    problem = problem.replace("expected the node content", "expected a value").replace(", but got ", ", but found ")
    problem = problem.replace("'?'", "a key")
    for token, words in _TOKEN_NAMES.items():
        problem = problem.replace(f"'{token}'", words).replace(token, words)
    return problem
