"""Custom data identifiers are given, but `CUSTOM` is not among the entities to redact.

## What it finds
A log policy whose `logRedactionConfiguration.customEntityConfig` lists custom data
identifiers while `entitiesToRedact` does not list `CUSTOM`. The finding points at the
`customEntityConfig` key.

The opposite mistake, `CUSTOM` without identifiers, is CRML201's finding.

## Why it matters
Custom data identifiers take effect only through `CUSTOM` redaction. Without it the
patterns are ignored and the text they describe (customer numbers, internal IDs) reaches
the accounts that receive the logs, while the configuration reads as if it were redacted.

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
          logType: ERROR_SUMMARY
          logRedactionConfiguration:
            entitiesToRedact: [ALL_PERSONALLY_IDENTIFIABLE_INFORMATION]
            customEntityConfig:
              customDataIdentifiers: ['customer-[0-9]{6}']
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
          logType: ERROR_SUMMARY
          logRedactionConfiguration:
            entitiesToRedact: [ALL_PERSONALLY_IDENTIFIABLE_INFORMATION, CUSTOM]
            customEntityConfig:
              customDataIdentifiers: ['customer-[0-9]{6}']
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, `LogRedactionConfiguration`: custom data identifiers
  are to be given only when `CUSTOM` is among the entities to redact:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_LogRedactionConfiguration.html
"""

from __future__ import annotations

from crml_lint.document import MappingNode, ScalarNode, SequenceNode, format_path
from crml_lint.finding import Problem
from crml_lint.log_policies import iter_log_policies

ID = "CRML202"
NAME = "identifiers-without-custom-redaction"
LEVEL = "warning"
SUMMARY = "Custom data identifiers are given, but CUSTOM is not among the entities to redact."


def check(association, options):
    for policy in iter_log_policies(association.document):
        entities = policy.field("logRedactionConfiguration", "entitiesToRedact")
        custom_config = policy.field("logRedactionConfiguration", "customEntityConfig")
        identifiers = policy.field("logRedactionConfiguration", "customEntityConfig", "customDataIdentifiers")

        # Without identifiers, or without a list of entities, the contract check reports
        # the missing or empty field, once.
        if not isinstance(custom_config, MappingNode) or not isinstance(identifiers, SequenceNode) or not identifiers.items:
            continue
        if not isinstance(entities, SequenceNode) or not _lacks_custom(entities):
            continue

        yield Problem.at(
            custom_config,
            f"{format_path(custom_config.user_path)} gives custom data identifiers, but "
            f"{format_path(entities.user_path)} does not list CUSTOM, so they redact nothing; "
            f"add CUSTOM to the entities to redact, or remove {association.field_name('customEntityConfig')}",
            on_key=True,
            fix=f"add CUSTOM to {association.field_name('entitiesToRedact')}",
        )


def _lacks_custom(entities: SequenceNode) -> bool:
    """True when no item can be CUSTOM in any letter case.

    An item that cannot be known statically (not a scalar) may be CUSTOM, and a `custom` in
    lowercase is an invalid enum value that the contract check reports with the right spelling.
    """
    for item in entities:
        if not isinstance(item, ScalarNode):
            return False
        if isinstance(item.value, str) and item.value.upper() == "CUSTOM":
            return False
    return True
