"""The tags of an association, in the API's map form or CloudFormation's list form.

The canonical document represents tags as the API does, a map from key to value. A list of
`{Key, Value}` items, as CloudFormation writes them, is read too, so that tag rules judge
either shape the same way.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple, Optional

from .document import MappingNode, Node, ScalarNode, SequenceNode


class Tag(NamedTuple):
    """One tag: its key, the node where the key is written, and the node of its value (None when absent)."""

    key: str
    key_node: ScalarNode
    value_node: Optional[Node]

    @property
    def value(self) -> Optional[str]:
        """The value when it is a string known statically, else None."""
        node = self.value_node
        if isinstance(node, ScalarNode) and isinstance(node.value, str):
            return node.value
        return None


def tags_node(document: MappingNode) -> Optional[Node]:
    """Return the node of the association's `tags` field, or None when it has none."""
    return document.get("tags")


def iter_tags(document: MappingNode) -> Iterator[Tag]:
    """Yield each tag whose key is a string known statically, in the order written."""
    tags = tags_node(document)
    if isinstance(tags, MappingNode):
        for key, key_node in tags.keys.items():
            yield Tag(key, key_node, tags.get(key))
    elif isinstance(tags, SequenceNode):
        for item in tags:
            if not isinstance(item, MappingNode):
                continue
            key_node = item.get("Key")
            if isinstance(key_node, ScalarNode) and isinstance(key_node.value, str):
                yield Tag(key_node.value, key_node, item.get("Value"))
