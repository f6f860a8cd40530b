"""CloudFormation intrinsic functions, seen from a linter: which values only deployment
decides, and which literal value each branch of an `Fn::If` deploys.

A value is an intrinsic function when it is a mapping with one key, and that key is `Ref`,
`Condition` or starts with `Fn::` (`{"Fn::Sub": "..."}`). YAML short forms such as `!Ref`
and `!If` are loaded as these long forms, so one test covers both spellings.

A mapping that has an `Fn::Transform` key among other keys (an `AWS::Include` snippet
merged into literal properties) is not judged at all. The included properties are unknown,
so neither a missing required field nor a cross-field rule can be decided there, and the
mapping becomes a dynamic value as a whole, literal siblings of the transform included.

`Fn::If: [condition, value if true, value if false]` deploys one of its two branches. A
check cannot know which, so it judges the document once per variant, where a variant gives
each condition name a value. `condition_assignments` chooses at most MAX_VARIANTS variants
so that every branch that can deploy, nested branches included, deploys in at least one
variant. The same condition takes the same value throughout a variant, as in a
deployment, so a branch that contradicts an enclosing `Fn::If` on the same condition is
never judged.

Variants are not all combinations of conditions, which would grow exponentially. Each
variant takes as many branches as it can without contradiction. So a template whose
`Fn::If`s are not nested needs two variants, and a chain of `Fn::If`s nested to depth d
needs d + 1. NOTE: condition names are taken as independent, although one condition may be
defined from another (`!Not [IsProduction]`), so a variant may combine branches that no
deployment combines.

`Ref: AWS::NoValue` as a branch, or as any value, removes the key or list item that it is the value of.
"""

from __future__ import annotations

from typing import Dict, List, Mapping, Optional, Union

from .document import DynamicNode, MappingNode, Node, ScalarNode, SequenceNode

Assignment = Dict[str, bool]
"""The value of each condition name in one variant: True deploys an `Fn::If`'s first branch."""

MAX_VARIANTS = 16
"""The maximum number of variants checked per resource. Each one costs a full check."""

NO_VALUE = "AWS::NoValue"

TRANSFORM = "Fn::Transform"


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


def includes_snippet(node: Node) -> bool:
    """True for a mapping with an `Fn::Transform` key, such as an `AWS::Include` snippet, known only at deployment."""
    return isinstance(node, MappingNode) and TRANSFORM in node


def is_no_value(node: Node) -> bool:
    """True for `Ref: AWS::NoValue` (`!Ref AWS::NoValue`), which removes its key or list item."""
    if function_name(node) != "Ref":
        return False
    target = node.get("Ref")
    return isinstance(target, ScalarNode) and target.value == NO_VALUE


def if_parts(node: Node) -> Optional[tuple[str, Node, Node]]:
    """Return the condition name and the two branches of an `Fn::If`, or None when `node` is not an `Fn::If` or is malformed.

    A malformed `Fn::If` (not a list of a condition name and two values) is treated like
    any other intrinsic function: its value is not judged.
    """
    if function_name(node) != "Fn::If":
        return None
    arguments = node.get("Fn::If")
    if not isinstance(arguments, SequenceNode) or len(arguments) != 3:
        return None
    condition = arguments.items[0]
    if not isinstance(condition, ScalarNode) or not isinstance(condition.value, str):
        return None
    return condition.value, arguments.items[1], arguments.items[2]


def condition_assignments(node: Optional[Node]) -> list[Assignment]:
    """Return the condition values of each variant of `node`, so that every `Fn::If` branch that can deploy is taken in one.

    A `node` without `Fn::If` has one variant, with an empty assignment. Each branch
    requires the conditions of its own `Fn::If` and of the enclosing ones to take certain
    values. A requirement joins the first variant that it does not contradict, or else
    starts a new variant.
    """
    requirements: list[Assignment] = []
    _collect_requirements(node, {}, requirements)

    variants: list[Assignment] = []
    for requirement in requirements:
        variant = next((variant for variant in variants if _agrees(variant, requirement)), None)
        if variant is not None:
            variant.update(requirement)
        elif len(variants) < MAX_VARIANTS:
            variants.append(dict(requirement))
        # NOTE: a resource whose branches need more than MAX_VARIANTS variants (such as a
        # chain of more than 15 nested Fn::If) has its remaining branches left unjudged, silently.

    return variants or [{}]


def _collect_requirements(node: Optional[Node], enclosing: Assignment, requirements: List[Assignment]) -> None:
    """Append the condition values that each `Fn::If` branch under `node` needs, in document order."""
    if node is None:
        return

    parts = if_parts(node)
    if parts is not None:
        condition, first, second = parts
        for value, branch in ((True, first), (False, second)):
            # An Fn::If nested in a branch of an Fn::If on the same condition always takes
            # the same branch as the enclosing one: the other branch never deploys.
            if enclosing.get(condition, value) != value:
                continue
            requirement = {**enclosing, condition: value}
            requirements.append(requirement)
            _collect_requirements(branch, requirement, requirements)
        return

    # Other intrinsic functions and included snippets are not judged, nor are Fn::If inside them.
    if function_name(node) is not None or includes_snippet(node):
        return
    if isinstance(node, MappingNode):
        for value in node.values.values():
            _collect_requirements(value, enclosing, requirements)
    elif isinstance(node, SequenceNode):
        for item in node.items:
            _collect_requirements(item, enclosing, requirements)


def _agrees(variant: Assignment, requirement: Assignment) -> bool:
    return all(variant.get(condition, value) == value for condition, value in requirement.items())


class BranchSelector:
    """Resolves intrinsic functions for one variant, given the value of each condition name.

    A condition that the assignment leaves out deploys the first branch. No branch under it
    needs this variant, because `condition_assignments` placed those branches in other variants.
    """

    def __init__(self, assignment: Mapping[str, bool]):
        self.assignment = assignment

    def select(self, node: Node) -> Union[Node, _Removed]:
        """Return what `node` deploys in this variant.

        That is the literal node itself, the branch of an `Fn::If` that this variant takes
        (followed through nested `Fn::If`), REMOVED for `AWS::NoValue`, or a DynamicNode
        for any other intrinsic function and for a mapping with an `Fn::Transform` key.
        A returned DynamicNode has no user path yet.
        """
        while True:
            if is_no_value(node):
                return REMOVED
            parts = if_parts(node)
            if parts is None:
                break
            condition, first, second = parts
            node = first if self.assignment.get(condition, True) else second

        if function_name(node) is not None or includes_snippet(node):
            return DynamicNode(node)
        return node
