"""A log policy's `filterPattern` matches every log line, so it filters nothing.

## What it finds
A `filterPattern` that matches every line it could be applied to: the empty pattern,
`.*`, `^`, `$`, `(.*)`, `^.*$`, `\\s*`, `x?`, or an alternation with an empty branch
such as `ERROR|`. Patterns that match every line except the empty one (`.`, `.+`) are
reported too, since an empty log line carries nothing to filter.

A pattern applies to a log line when it matches anywhere in it. crml-lint decides
whether a pattern matches every line by searching sample lines: varied log lines, the
empty line and a long line of mixed characters. Lines made of the pattern's own literal
text are searched too, because a pattern such as `^(?!DEBUG)` does not match them. Each
pattern gets at most 0.1 seconds for these searches, and a pattern that needs longer is
not reported (CRML205 reports slow patterns).

## Why it matters
A filter pattern exists to narrow what the receiving accounts see, for example to
error lines. One that matches every line delivers the whole log, including whatever
the training code printed about the data, while the configuration reads as if it
were filtered. An empty alternation branch (`ERROR|`) is the usual cause: a trailing
`|` left after removing an alternative.

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
          filterPattern: "ERROR|Traceback|"
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
          filterPattern: "ERROR|Traceback"
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, `LogsConfigurationPolicy.filterPattern`: a regular
  expression that selects the log lines to deliver:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_LogsConfigurationPolicy.html
- The `regex` module for Python, whose search semantics crml-lint applies:
  https://pypi.org/project/regex/
"""

from __future__ import annotations

import json

from crml_lint.document import ScalarNode, format_path
from crml_lint.finding import Problem
from crml_lint.line_coverage import EVERY_LINE, lines_matched
from crml_lint.log_policies import iter_log_policies

ID = "CRML206"
NAME = "ineffective-filter"
LEVEL = "warning"
SUMMARY = "A filterPattern matches every log line, so it filters nothing."

_SHOWN_LENGTH = 60


def check(association, options):
    for policy in iter_log_policies(association.document):
        pattern = policy.field("filterPattern")
        if not isinstance(pattern, ScalarNode) or not isinstance(pattern.value, str):
            continue

        # A pattern that was not compiled gets None here, and CRML203 reports why.
        matched = lines_matched(pattern.value)
        if matched is None:
            continue

        if not pattern.value:
            what = f"{format_path(pattern.user_path)} is empty, which matches every log line"
        else:
            what = f"{format_path(pattern.user_path)} {_shown(pattern.value)} matches {matched} of the log"
        advice = "; write a pattern that matches only the lines to deliver, such as \"ERROR|Traceback\""
        if matched == EVERY_LINE:
            advice += f", or remove {association.field_name('filterPattern')} if every line is meant to be delivered"
        yield Problem.at(pattern, f"{what}, so it filters nothing{advice}")


def _shown(value: str) -> str:
    if len(value) > _SHOWN_LENGTH:
        value = value[:_SHOWN_LENGTH] + "..."
    return json.dumps(value, ensure_ascii=False)
