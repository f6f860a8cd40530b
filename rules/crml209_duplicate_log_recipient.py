"""One account is among the recipients of two log policies of the same section.

## What it finds
An account ID in `allowedAccountIds` of a log policy when an earlier log policy of the
same section (`trainedModels` or `trainedModelInferenceJobs`) already lists it. The
finding points at the later occurrence and names the first policy.

An account listed twice in one policy, and a log policy identical to an earlier one,
are CRML108's findings. The same account in both sections is fine: training and
inference logs are configured separately.

## Why it matters
Two policies for one account set two different rules for the same logs: which lines
are delivered, and what is redacted. The API does not document which of them applies, so
the account may receive lines that the stricter policy meant to filter or redact.
Keeping each account in one policy makes what it receives unambiguous.

## Failing example
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
        - allowedAccountIds: ["444455556666"]
          logType: ERROR_SUMMARY
          filterPattern: "Traceback"
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
        - allowedAccountIds: ["444455556666"]
          logType: ERROR_SUMMARY
          filterPattern: "Traceback"
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, `LogsConfigurationPolicy`: each policy names the
  accounts that may receive the logs:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_LogsConfigurationPolicy.html
"""

from __future__ import annotations

import json

from crml_lint.document import format_path
from crml_lint.finding import Problem
from crml_lint.log_policies import LogPolicy, iter_log_policies, string_items

ID = "CRML209"
NAME = "duplicate-log-recipient"
LEVEL = "warning"
SUMMARY = "One account is among the recipients of two log policies of the same section."


def check(association, options):
    first_policy: dict[tuple[str, str], LogPolicy] = {}
    seen_policies: set[tuple[str, str]] = set()

    for policy in iter_log_policies(association.document):
        # A policy identical to an earlier one is CRML108's finding, and its accounts
        # would only repeat it.
        identity = (policy.section, _identity(policy))
        if identity in seen_policies:
            continue
        seen_policies.add(identity)

        for account in string_items(policy.field("allowedAccountIds")):
            first = first_policy.setdefault((policy.section, account.value), policy)
            if first.index == policy.index:
                continue
            earlier = format_path(first.node.user_path[-3:])
            yield Problem.at(
                account,
                f"account {json.dumps(account.value, ensure_ascii=False)} in {format_path(account.user_path)} already receives "
                f"these logs through {earlier}, so two log policies apply to it; "
                "list each account in one policy only, or merge the two policies",
                fix="remove this account from one of the two policies",
            )


def _identity(policy: LogPolicy) -> str:
    return json.dumps(policy.node.to_python(), sort_keys=True, default=repr)
