"""The same item twice in a list whose items should differ.

## What it finds
An item that repeats an earlier item of the same list: an entity type in
`entitiesToRedact`, a file type in `filesToExport`, a pattern in `customDataIdentifiers`,
an account in `allowedAccountIds`, or a log policy in `containerLogs` that is identical to
an earlier one. Items compare by value and type, exactly: `NUMBERS` and `numbers` differ
(the second is CRML104's concern). The finding points at the repeat and names the first
occurrence. In a CloudFormation template the finding is an error in every list but
`AllowedAccountIds`, and an item that contains an intrinsic function (`!Ref`, `!Sub`) is
not compared, since its value is known only at deployment.

## Why it matters
A repeat adds nothing, so it usually stands where another value was meant: a second
account that should have been listed, or a second log policy whose filter was meant to
differ. The API accepts the repeats, but CloudFormation's resource schema demands unique
items in `entitiesToRedact`, `filesToExport`, `customDataIdentifiers` and `containerLogs`,
so the same configuration fails there.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333", "444455556666", "111122223333"]
          logType: ERROR_SUMMARY
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333", "444455556666"]
          logType: ERROR_SUMMARY
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
- The CloudFormation resource type `AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation`,
  whose schema sets `uniqueItems` on the four lists named above.
"""

from __future__ import annotations

import json
from typing import Iterator, Optional

from crml_lint.document import DynamicNode, MappingNode, Node, SequenceNode, format_path
from crml_lint.finding import Problem
from crml_lint.log_policies import child, iter_log_policies

ID = "CRML108"
NAME = "duplicate-list-item"
LEVEL = "warning"
SUMMARY = "The same item twice in a list of entities, file types, identifiers, accounts or log policies."

# Lists whose items CloudFormation's resource schema demands to be unique; a repeat there
# fails the deployment.
_UNIQUE_IN_CLOUDFORMATION = ("entitiesToRedact", "filesToExport", "customDataIdentifiers", "containerLogs")

# Lists inside a log policy whose items should differ, by their path below the policy.
_LOG_POLICY_LISTS = (
    ("allowedAccountIds",),
    ("logRedactionConfiguration", "entitiesToRedact"),
    ("logRedactionConfiguration", "customEntityConfig", "customDataIdentifiers"),
)


def check(association, options):
    document = association.document
    policies = child(document, "privacyConfiguration", "policies")

    for section in ("trainedModels", "trainedModelInferenceJobs"):
        yield from _repeats(association, child(policies, section, "containerLogs"), "containerLogs")

    for policy in iter_log_policies(document):
        for names in _LOG_POLICY_LISTS:
            yield from _repeats(association, policy.field(*names), names[-1])

    yield from _repeats(association, child(policies, "trainedModelExports", "filesToExport"), "filesToExport")


def _repeats(association, items: Optional[Node], list_name: str) -> Iterator[Problem]:
    """Yield a problem for each item of `items` that equals an earlier item."""
    if not isinstance(items, SequenceNode):
        return

    first_seen: dict[str, Node] = {}
    for item in items:
        if _contains_dynamic_value(item):
            continue
        identity = _identity(item)
        first = first_seen.setdefault(identity, item)
        if first is item:
            continue

        where = format_path(first.user_path[-2:])
        if list_name == "containerLogs":
            message = f"this log policy is identical to {where}; remove one of them, or change what one of them filters"
        else:
            message = f"{json.dumps(item.to_python(), ensure_ascii=False, default=str)} repeats {where}; remove the repeat"
        yield Problem.at(item, message, level=_level(association, list_name), fix="remove this item")


def _identity(item: Node) -> str:
    # JSON text with sorted keys compares mappings regardless of key order, and keeps
    # apart what Python's == would join (1 and True, 1 and 1.0).
    return json.dumps(item.to_python(), sort_keys=True, default=repr)


def _contains_dynamic_value(item: Node) -> bool:
    # Two `!Ref` items may name different parameters, so items holding a value that only
    # deployment decides cannot be called equal.
    stack = [item]
    while stack:
        node = stack.pop()
        if isinstance(node, DynamicNode):
            return True
        if isinstance(node, MappingNode):
            stack.extend(node.values.values())
        elif isinstance(node, SequenceNode):
            stack.extend(node.items)
    return False


def _level(association, list_name: str) -> Optional[str]:
    """Return the level the input's format gives a repeat in `list_name`, or None for the rule's default."""
    if association.input_format.name == "cloudformation" and list_name in _UNIQUE_IN_CLOUDFORMATION:
        return "error"
    return None
