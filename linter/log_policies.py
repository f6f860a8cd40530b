"""The log policies of an association: the `containerLogs` items of each section that has them."""

from __future__ import annotations

from typing import Iterator, NamedTuple, Optional

from .document import MappingNode, Node, ScalarNode, SequenceNode

SECTIONS_WITH_LOGS = ("trainedModels", "trainedModelInferenceJobs")
"""Policy sections that may send container logs to accounts."""


class LogPolicy(NamedTuple):
    """One item of a `containerLogs` list: its section, its index in the list and its node."""

    section: str
    index: int
    node: MappingNode

    def field(self, *names: str) -> Optional[Node]:
        """The node at `names` below the policy, or None where any step is absent."""
        return child(self.node, *names)


def iter_log_policies(document: MappingNode) -> Iterator[LogPolicy]:
    """Yield every log policy of the association, section by section, in list order."""
    policies = child(document, "privacyConfiguration", "policies")
    for section in SECTIONS_WITH_LOGS:
        logs = child(policies, section, "containerLogs")
        if not isinstance(logs, SequenceNode):
            continue
        for index, item in enumerate(logs):
            if isinstance(item, MappingNode):
                yield LogPolicy(section, index, item)


def child(node: Optional[Node], *names: str) -> Optional[Node]:
    """Follow mapping keys from `node`; None where a step is absent or not a mapping."""
    for name in names:
        if not isinstance(node, MappingNode):
            return None
        node = node.get(name)
    return node


def string_items(node: Optional[Node]) -> Iterator[ScalarNode]:
    """The items of a list that are string scalars; other items are the contract check's concern."""
    if isinstance(node, SequenceNode):
        for item in node:
            if isinstance(item, ScalarNode) and isinstance(item.value, str):
                yield item
