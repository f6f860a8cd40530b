"""A log policy delivers every log line with no redaction.

## What it finds
A log policy whose `logType` is `ALL`, or is left unset, and that has no
`logRedactionConfiguration`. The finding points at `logType`, or, when it is unset, at
the policy's `allowedAccountIds` key.

The API does not document what an unset `logType` delivers, so crml-lint reads it as
`ALL`, the most permissive reading, and the message states this reading.

## Why it matters
Training and inference containers run code that reads the collaboration's data, and
whatever that code prints (a sample row, a failing record, an identifier) is in the
container log. With `ALL` and no redaction, every such line reaches the accounts of the
policy as it was written. Redacting personal information, or delivering only the error
summary, keeps the logs useful for debugging without passing on the data itself.

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
            entitiesToRedact: [ALL_PERSONALLY_IDENTIFIABLE_INFORMATION]
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, `LogsConfigurationPolicy`, with `logType` and
  `logRedactionConfiguration`:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_LogsConfigurationPolicy.html
- AWS Clean Rooms ML API reference, `LogRedactionConfiguration`:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_LogRedactionConfiguration.html
"""

from __future__ import annotations

from crml_lint.document import format_path
from crml_lint.finding import Problem
from crml_lint.log_policies import iter_log_policies
from crml_lint.log_types import all_logs_policy, policy_start

ID = "CRML207"
NAME = "unredacted-logs"
LEVEL = "warning"
SUMMARY = "A log policy delivers ALL logs (or leaves logType unset, read as ALL) with no redaction."


def check(association, options):
    redaction = association.field_name("logRedactionConfiguration")
    advice = (
        f"add a {redaction}, for example with {association.field_name('entitiesToRedact')}: "
        f"[ALL_PERSONALLY_IDENTIFIABLE_INFORMATION], or set {association.field_name('logType')} to ERROR_SUMMARY"
    )
    consequence = f"so every log line reaches its accounts unredacted; {advice}"

    for policy in iter_log_policies(association.document):
        all_logs = all_logs_policy(policy)
        if all_logs is None or "logRedactionConfiguration" in policy.node:
            continue

        if all_logs.log_type is not None:
            message = f"{format_path(all_logs.log_type.user_path)} is ALL and the policy has no {redaction}, {consequence}"
            yield Problem.at(all_logs.log_type, message)
        else:
            where = format_path(policy.node.user_path)
            unset = all_logs.describe(association.field_name("logType"))
            message = f"{where} has no {redaction} and {unset}, {consequence}"
            yield Problem(message, policy_start(policy), field_path=where)
