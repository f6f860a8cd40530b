"""A log policy sends logs to an account outside the organisation's list.

## What it finds
An account ID in a log policy's `allowedAccountIds`, in either section, that is not in
the configured list of accounts allowed to receive container logs. There is one finding
per such account, at the account ID.

An entry that is not an account ID of 12 digits is reported by the contract check
(CRML107) instead. The rule is active only when configured: with the default, an empty
list, it reports nothing.

## Why it matters
Container logs hold what the training and inference code printed while it read the
collaboration's data. An organisation that has agreed which accounts may see them,
its own analysis account for example, wants every other recipient caught before the
association is created, not found in an audit later. A mistyped digit sends the logs to
a stranger's account.

## Failing example
With `allowed-account-ids: ["111122223333"]`:
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
```

## Options
- `allowed-account-ids` (list of strings, default `[]`): the 12-digit account IDs that
  may receive container logs. Write them as strings, quoted in YAML, so that leading
  zeros stay. The examples above use `["111122223333"]`.

## References
- AWS Clean Rooms ML API reference, `LogsConfigurationPolicy.allowedAccountIds`: the
  accounts allowed to access the logs:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_LogsConfigurationPolicy.html
"""

from __future__ import annotations

import json
import re

from crml_lint.document import format_path
from crml_lint.finding import Problem
from crml_lint.log_policies import iter_log_policies, string_items
from crml_lint.rule_options import string_list_option

ID = "CRML502"
NAME = "log-recipient-not-allowed"
LEVEL = "error"
SUMMARY = "An allowedAccountIds entry is outside the configured list of accounts (active only when configured)."

OPTIONS = {"allowed_account_ids": []}

EXAMPLE_OPTIONS = {"allowed_account_ids": ["111122223333"]}
"""The options the failing and fixed examples are linted with."""

_ACCOUNT_ID = re.compile(r"[0-9]{12}\Z")


def check(association, options):
    allowed = string_list_option(options, "allowed_account_ids", ID)
    if not allowed:
        return

    allowed_set = set(allowed)
    shown = ", ".join(allowed) if len(allowed) <= 5 else ", ".join(allowed[:5]) + f" and {len(allowed) - 5} more"
    for policy in iter_log_policies(association.document):
        for account in string_items(policy.field("allowedAccountIds")):
            if account.value in allowed_set or not _ACCOUNT_ID.match(account.value):
                continue
            yield Problem.at(
                account,
                f"{format_path(account.user_path)} is account {json.dumps(account.value, ensure_ascii=False)}, which is not among "
                f"the accounts allowed to receive logs ({shown}); remove it, or use an allowed account",
                fix="remove this account",
            )
