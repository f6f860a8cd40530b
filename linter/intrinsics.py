"""CloudFormation intrinsic functions, seen from a linter: which values only deployment
decides, and which literal value each branch of an `Fn::If` deploys.

A value is an intrinsic function when it is a mapping with one key, and that key is `Ref`,
`Condition` or starts with `Fn::` (`{"Fn::Sub": "..."}`). YAML short forms such as `!Ref`
and `!If` are loaded as these long forms, so one test covers both spellings.

`Fn::If: [condition, value if true, value if false]` deploys one of its two branches. A
check cannot know which, so it judges the document once per branch: variant 0 takes the
first branch of every `Fn::If`, and variant 1 the second. The count of variants is
bounded at two whatever the number of conditions, because trying every combination would
grow exponentially and pairs of branches that must be combined to break a rule are rare.
`Ref: AWS::NoValue` as a branch, or as any value, removes the key or list item that it is the value of.
"""

from __future__ import annotations

from typing import Optional, Union

from .document import DynamicNode, MappingNode, Node, ScalarNode, SequenceNode

VARIANT_COUNT = 2
"""How many variants of a document with `Fn::If` are checked: one per branch."""

NO_VALUE = "AWS::NoValue"


class _Removed:
    __slots__ = ()

    def __repr__(self) -> str:
        return "REMOVED"


REMOVED = _Removed()
"""The marker that `select` returns for `Ref: AWS::NoValue`, whose key or list item is absent."""


def function_name(node: Node) -> Optional[str]:
    """Return the intrinsic function that `node` calls (`Ref`, `Fn::If`, ...), or None for a literal value."""
    if not isinstance(node, MappingNode) or len(node) != 1:
        return None
    name = next(iter(node.values))
    if name in ("Ref", "Condition") or name.startswith("Fn::"):
        return name
    return None


def is_no_value(node: Node) -> bool:
    """True for `Ref: AWS::NoValue` (`!Ref AWS::NoValue`), which removes its key or list item."""
    if function_name(node) != "Ref":
        return False
    target = node.get("Ref")
    return isinstance(target, ScalarNode) and target.value == NO_VALUE


def if_branches(node: Node) -> Optional[tuple[Node, Node]]:
    """Return the two branches of an `Fn::If`, or None when `node` is not an `Fn::If` or is malformed.

    A malformed `Fn::If` (not a list of a condition name and two values) is treated like
    any other intrinsic function: its value is not judged.
    """
    if function_name(node) != "Fn::If":
        return None
    arguments = node.get("Fn::If")
    if not isinstance(arguments, SequenceNode) or len(arguments) != 3:
        return None
    return arguments.items[1], arguments.items[2]


class BranchSelector:
    """Resolves intrinsic functions for one variant, and records whether any `Fn::If` was met."""

    def __init__(self, variant: int):
        if not 0 <= variant < VARIANT_COUNT:
            raise ValueError(f"variant {variant} is out of range; there are {VARIANT_COUNT} variants")
        self.variant = variant
        self.met_condition = False

    def select(self, node: Node) -> Union[Node, _Removed]:
        """Return what `node` deploys in this variant.

        That is the literal node itself, the branch of an `Fn::If` that this variant takes
        (followed through nested `Fn::If`), REMOVED for `AWS::NoValue`, or a DynamicNode
        for any other intrinsic function. A returned DynamicNode has no user path yet.
        """
        while True:
            if is_no_value(node):
                return REMOVED
            branches = if_branches(node)
            if branches is None:
                break
            self.met_condition = True
            node = branches[self.variant]

        if function_name(node) is not None:
            return DynamicNode(node)
        return node
