"""`CUSTOM` is among the entities to redact, but the log policy gives no custom data identifiers.

## What it finds
A log policy whose `logRedactionConfiguration.entitiesToRedact` lists `CUSTOM` while the
redaction configuration has no `customEntityConfig`, so no custom data identifier says
what `CUSTOM` should redact.

## Why it matters
`CUSTOM` redacts exactly what the custom data identifiers match. Without identifiers the
policy promises a redaction it cannot perform: the association is rejected, or the log
lines reach the receiving accounts with the data the author meant to hide.

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
            entitiesToRedact: [CUSTOM]
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
            entitiesToRedact: [CUSTOM]
            customEntityConfig:
              customDataIdentifiers: ['customer-[0-9]{6}']
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, `LogRedactionConfiguration`: custom data identifiers
  are to be given when `CUSTOM` is among the entities to redact.
"""

from __future__ import annotations

from crml_lint.document import MappingNode, format_path
from crml_lint.finding import Problem
from crml_lint.log_policies import iter_log_policies, string_items

ID = "CRML201"
NAME = "custom-redaction-without-identifiers"
LEVEL = "error"
SUMMARY = "CUSTOM redaction is configured without custom data identifiers."


def check(association, options):
    for policy in iter_log_policies(association.document):
        redaction = policy.field("logRedactionConfiguration")
        entities = policy.field("logRedactionConfiguration", "entitiesToRedact")
        custom = next((item for item in string_items(entities) if item.value == "CUSTOM"), None)
        if custom is None or not isinstance(redaction, MappingNode) or "customEntityConfig" in redaction:
            # A customEntityConfig without identifiers, or with an empty list, breaks the
            # API contract and is reported there, once.
            continue
        identifiers = association.field_name("customEntityConfig.customDataIdentifiers")
        yield Problem.at(
            custom,
            f"{format_path(entities.user_path)} lists CUSTOM, but no custom data identifiers say what to redact; "
            f"add {identifiers} with the patterns to redact",
        )
