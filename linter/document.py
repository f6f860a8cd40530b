"""The document model: JSON or YAML loaded into nodes that know where they stand in the source.

Every node carries its span (start and end line and column) and its path in the user's own
key style, so a finding can point at the offending key or value and name it the way the
user wrote it. Rules read these nodes; nothing here knows about associations.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, NamedTuple, Optional, Tuple, Union

PathItem = Union[str, int]
Path = Tuple[PathItem, ...]

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


class Span(NamedTuple):
    """A region of a source file.

    Lines and columns start at 1 and count Unicode code points. The end column is
    exclusive: it is the column just after the last character of the region.
    """

    start_line: int
    start_column: int
    end_line: int
    end_column: int


class Node:
    """A value of a loaded document: a scalar, a mapping or a sequence.

    `key` is the key node that names this node in its parent mapping (None for the root
    and for sequence items). `user_path` is the path from the document root in the user's
    own key style; formats that present a different document shape set it anew.
    """

    __slots__ = ("span", "key", "user_path")

    def __init__(self, span: Span, user_path: Path = (), key: Optional["ScalarNode"] = None):
        self.span = span
        self.user_path = user_path
        self.key = key

    @property
    def key_or_value_span(self) -> Span:
        """The span of the key that names this node, or of the node itself when it has none."""
        return self.key.span if self.key is not None else self.span

    def to_python(self) -> Any:
        raise NotImplementedError


class ScalarNode(Node):
    """A string, number, boolean or null.

    `text` is the scalar as written in the source, without quotes, and `plain` says whether
    it was written without quotes: only a plain YAML scalar can be read as a number,
    boolean, date or null, so only a plain one can surprise its author. `tag` is the YAML
    tag that decided the type (`str`, `int`, `float`, `bool`, `null`, `timestamp`, or a
    local tag such as `!Ref`); JSON scalars carry the tag of their JSON type.
    """

    __slots__ = ("value", "text", "plain", "tag")

    def __init__(
        self,
        value: Any,
        span: Span,
        *,
        text: str,
        plain: bool,
        tag: str,
        user_path: Path = (),
        key: Optional["ScalarNode"] = None,
    ):
        super().__init__(span, user_path, key)
        self.value = value
        self.text = text
        self.plain = plain
        self.tag = tag

    def to_python(self) -> Any:
        return self.value

    def __repr__(self) -> str:
        return f"ScalarNode({self.value!r} at {self.span.start_line}:{self.span.start_column})"


class MappingNode(Node):
    """A mapping whose keys are strings. Where a key is repeated, the last value is kept."""

    __slots__ = ("keys", "values")

    def __init__(self, span: Span, user_path: Path = (), key: Optional[ScalarNode] = None):
        super().__init__(span, user_path, key)
        self.keys: dict[str, ScalarNode] = {}
        self.values: dict[str, Node] = {}

    def set(self, key: ScalarNode, value: Node) -> None:
        """Add or replace an entry. The value's `key` is set to the key node."""
        name = str(key.value)
        self.keys.pop(name, None)
        self.keys[name] = key
        self.values.pop(name, None)
        self.values[name] = value
        value.key = key

    def get(self, name: str) -> Optional[Node]:
        return self.values.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self.values

    def __len__(self) -> int:
        return len(self.values)

    def items(self) -> Iterator[tuple[str, Node]]:
        return iter(self.values.items())

    def to_python(self) -> dict[str, Any]:
        return {name: value.to_python() for name, value in self.values.items()}

    def __repr__(self) -> str:
        return f"MappingNode({list(self.values)} at {self.span.start_line}:{self.span.start_column})"


class SequenceNode(Node):
    """A list of nodes."""

    __slots__ = ("items",)

    def __init__(self, span: Span, user_path: Path = (), key: Optional[ScalarNode] = None):
        super().__init__(span, user_path, key)
        self.items: list[Node] = []

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.items)

    def to_python(self) -> list[Any]:
        return [item.to_python() for item in self.items]

    def __repr__(self) -> str:
        return f"SequenceNode({len(self.items)} items at {self.span.start_line}:{self.span.start_column})"


class DynamicValue:
    """The type of what `DynamicNode.to_python()` returns: a value that only deployment decides.

    It equals no JSON value and has no JSON type, so a schema check reports it under every
    keyword that looks at it. The contract check drops those reports.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "<value known only at deployment>"


DYNAMIC_VALUE = DynamicValue()


class DynamicNode(Node):
    """A value that cannot be known before deployment, such as a CloudFormation intrinsic
    function (`!Ref MembershipId`, `Fn::Sub`) in place of a literal value.

    `expression` is the node as written. Checks do not judge a dynamic value, and rules
    skip it as they skip any value that is not a ScalarNode.
    """

    __slots__ = ("expression",)

    def __init__(self, expression: Node, user_path: Path = (), key: Optional[ScalarNode] = None):
        super().__init__(expression.span, user_path, key)
        self.expression = expression

    def to_python(self) -> DynamicValue:
        return DYNAMIC_VALUE

    def __repr__(self) -> str:
        return f"DynamicNode(at {self.span.start_line}:{self.span.start_column})"


def node_at(root: Node, path: Path) -> Optional[Node]:
    """Follow `path` (mapping keys and sequence indexes) from `root`; None where it leads nowhere."""
    node: Optional[Node] = root
    for step in path:
        if isinstance(node, MappingNode) and isinstance(step, str):
            node = node.get(step)
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.items):
            node = node.items[step]
        else:
            return None
    return node


def format_path(path: Path) -> str:
    """Write a path the way users read it: `policies.containerLogs[0].filterPattern`.

    Keys that are not plain identifiers are quoted in brackets (`tags["cost center"]`), so
    a tag key with dots or spaces cannot be mistaken for nesting.
    """
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif _PLAIN_KEY.match(step):
            text += f".{step}" if text else step
        else:
            quoted = step.replace("\\", "\\\\").replace('"', '\\"')
            text += f'["{quoted}"]'
    return text
