"""Logs of type `ALL` are redacted, but not for personally identifiable information.

## What it finds
A log policy whose `logType` is `ALL`, or is left unset, with a
`logRedactionConfiguration` whose `entitiesToRedact` does not list
`ALL_PERSONALLY_IDENTIFIABLE_INFORMATION`: only `NUMBERS`, only `CUSTOM`, or both. The
finding points at the `entitiesToRedact` key.

The API does not document what an unset `logType` delivers, so crml-lint reads it as
`ALL`, the most permissive reading, and the message states this reading. A policy with no
redaction at all is CRML207's finding.

## Why it matters
Custom data identifiers redact the patterns their author thought of, and `NUMBERS`
redacts digits, but names, e-mail and postal addresses in a log line pass through both.
When every log line is delivered, redacting personal information is what keeps the
collaboration's data about people out of the receiving accounts.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333"]
          logType: ALL
          logRedactionConfiguration:
            entitiesToRedact: [NUMBERS]
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
        - allowedAccountIds: ["111122223333"]
          logType: ALL
          logRedactionConfiguration:
            entitiesToRedact: [ALL_PERSONALLY_IDENTIFIABLE_INFORMATION, NUMBERS]
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, `LogRedactionConfiguration`, with the entities that
  can be redacted:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_LogRedactionConfiguration.html
"""

from __future__ import annotations

from crml_lint.document import ScalarNode, SequenceNode, format_path
from crml_lint.finding import Problem
from crml_lint.log_policies import iter_log_policies
from crml_lint.log_types import all_logs_policy

ID = "CRML208"
NAME = "pii-not-redacted"
LEVEL = "note"
SUMMARY = "Logs of type ALL are redacted, but not for ALL_PERSONALLY_IDENTIFIABLE_INFORMATION."

_PERSONAL_INFORMATION = "ALL_PERSONALLY_IDENTIFIABLE_INFORMATION"


def check(association, options):
    for policy in iter_log_policies(association.document):
        all_logs = all_logs_policy(policy)
        entities = policy.field("logRedactionConfiguration", "entitiesToRedact")
        if all_logs is None or not isinstance(entities, SequenceNode) or not _lacks_personal_information(entities):
            continue

        reason = all_logs.describe(association.field_name("logType"))
        yield Problem.at(
            entities,
            f"{format_path(entities.user_path)} does not list {_PERSONAL_INFORMATION} while {reason}, "
            f"so names, e-mail addresses and other personal information in the logs reach the policy's accounts; "
            f"add {_PERSONAL_INFORMATION} to the entities to redact",
            on_key=True,
            fix=f"add {_PERSONAL_INFORMATION} to {association.field_name('entitiesToRedact')}",
        )


def _lacks_personal_information(entities: SequenceNode) -> bool:
    """True when the list has items and none of them can be ALL_PERSONALLY_IDENTIFIABLE_INFORMATION.

    An empty list is the contract check's finding. An item that cannot be known statically
    may be the entity, and one spelt in another letter case or with other separators is
    an invalid enum value that the contract check reports with the right spelling.
    """
    if not entities.items:
        return False
    for item in entities:
        if not isinstance(item, ScalarNode):
            return False
        if isinstance(item.value, str) and _folded(item.value) == _folded(_PERSONAL_INFORMATION):
            return False
    return True


def _folded(text: str) -> str:
    return text.upper().replace("-", "_").replace(" ", "_")
