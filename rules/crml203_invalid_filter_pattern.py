"""A log policy's `filterPattern` is not a valid regular expression.

## What it finds
A `filterPattern` that does not compile as a regular expression: an unbalanced
parenthesis or bracket, a quantifier with nothing to repeat, a bad escape or group name.
The finding points at the character where the regular expression engine stopped.

A pattern whose repeat counts are too large for crml-lint to compile is reported too, at
the count. The `regex` module copies the repeated part once for each required
repetition, so `x{99999999}` would take tens of gigabytes of memory. crml-lint compiles a
pattern only while its counts make at most 10,000 copies in all, as `x{10001}` and
`(?:[0-9]{9}-){1000}` do.

## Why it matters
The filter pattern decides which container log lines reach the accounts of the log
policy. A pattern that does not compile fails the association when it is created, or,
worse, is applied differently from what its author read into it.

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
          filterPattern: "(ERROR|FATAL"
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
          filterPattern: "(ERROR|FATAL)"
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, `LogsConfigurationPolicy.filterPattern`.
- The `regex` module for Python, which crml-lint compiles patterns with:
  https://pypi.org/project/regex/
"""

from __future__ import annotations

from crml_lint.document import ScalarNode
from crml_lint.log_policies import iter_log_policies
from crml_lint.pattern_errors import uncompiled_pattern_problem
from crml_lint.patterns import compile_pattern

ID = "CRML203"
NAME = "invalid-filter-pattern"
LEVEL = "error"
SUMMARY = "A filterPattern is not a valid regular expression."


def check(association, options):
    for policy in iter_log_policies(association.document):
        pattern = policy.field("filterPattern")
        if not isinstance(pattern, ScalarNode) or not isinstance(pattern.value, str):
            continue
        _, error = compile_pattern(pattern.value)
        if error is not None:
            yield uncompiled_pattern_problem(association.source, pattern, error)
