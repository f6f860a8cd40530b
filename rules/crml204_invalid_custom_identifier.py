"""A custom data identifier is not a valid regular expression.

## What it finds
An item of `customDataIdentifiers` that does not compile as a regular expression: an
unbalanced parenthesis or bracket, a quantifier with nothing to repeat, a bad escape. The
finding points at the character where the regular expression engine stopped.

An identifier whose repeat counts are too large for crml-lint to compile is reported too,
at the count. The `regex` module copies the repeated part once for each required
repetition, so `[0-9]{99999999}` would take tens of gigabytes of memory. crml-lint
compiles a pattern only while its counts make at most 10,000 copies in all.

An identifier that is empty, longer than 200 characters, or written with a character the
API does not accept is reported by the contract check (CRML105 or CRML107) instead, once.

## Why it matters
Each custom data identifier defines what `CUSTOM` redaction removes from the logs before
they reach the accounts of the log policy. A pattern that does not compile fails the
association when it is created, or redacts nothing, and the customer numbers or
internal IDs it was meant to hide reach the receiving accounts.

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
            entitiesToRedact: [ALL_PERSONALLY_IDENTIFIABLE_INFORMATION, CUSTOM]
            customEntityConfig:
              customDataIdentifiers: ['customer-[0-9{6}']
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
- AWS Clean Rooms ML API reference, `CustomEntityConfig`, with the length and characters
  of a custom data identifier:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CustomEntityConfig.html
- The `regex` module for Python, which crml-lint compiles patterns with:
  https://pypi.org/project/regex/
"""

from __future__ import annotations

import re

from crml_lint.log_policies import iter_log_policies, string_items
from crml_lint.pattern_errors import uncompiled_pattern_problem
from crml_lint.patterns import compile_pattern

ID = "CRML204"
NAME = "invalid-custom-identifier"
LEVEL = "error"
SUMMARY = "A custom data identifier is not a valid regular expression."

# The identifiers the API accepts: 1 to 200 of these characters. The contract check
# reports any other identifier (CRML105, CRML107), so this rule leaves it alone.
_ACCEPTED_IDENTIFIER = re.compile(r"[a-zA-Z0-9_#=@/;,\- ^$?\[\]{}|\\*+.()]{1,200}\Z")


def check(association, options):
    for policy in iter_log_policies(association.document):
        identifiers = policy.field("logRedactionConfiguration", "customEntityConfig", "customDataIdentifiers")
        for identifier in string_items(identifiers):
            if not _ACCEPTED_IDENTIFIER.match(identifier.value):
                continue
            _, error = compile_pattern(identifier.value)
            if error is not None:
                yield uncompiled_pattern_problem(association.source, identifier, error)
