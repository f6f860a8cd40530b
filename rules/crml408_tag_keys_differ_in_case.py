"""Two tag keys that differ only in letter case.

## What it finds
A tag key that equals an earlier key of the same association when letter case is
ignored, such as `Owner` and `owner`, or `CostCenter` and `costcenter`. Keys are
compared by Unicode case folding, so `Straße` and `STRASSE` count as equal too. The
finding points at the later key and names the earlier one.

The same key written twice is CRML002's finding (API map form) or CRML406's
(CloudFormation list form).

## Why it matters
Tag keys are case-sensitive, so AWS accepts both and keeps two tags. People read
`Owner` and `owner` as one tag, but reports and tag policies do not. A cost report
splits the association's costs over the two keys, and a tag policy that requires
`Owner` does not see the value the author put under `owner`. One of the keys is almost
always a slip.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  Owner: data-science
  owner: ml-platform
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  Owner: data-science
  Operator: ml-platform
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, on tags:
  keys and values are case-sensitive:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

from __future__ import annotations

import json

from crml_lint.document import format_path
from crml_lint.finding import Problem
from crml_lint.tags import Tag, iter_tags

ID = "CRML408"
NAME = "tag-keys-differ-in-case"
LEVEL = "warning"
SUMMARY = "Two tag keys that differ only in letter case."


def check(association, options):
    first_of: dict[str, Tag] = {}
    for tag in iter_tags(association.document):
        first = first_of.setdefault(tag.key.casefold(), tag)
        if first is tag or first.key == tag.key:
            # An exact repeat is a duplicate key, reported by CRML002 or CRML406.
            continue

        yield Problem.at(
            tag.key_node,
            f"tag key {json.dumps(tag.key, ensure_ascii=False)} in {format_path(tag.key_node.user_path)} differs from "
            f"{json.dumps(first.key, ensure_ascii=False)} only in letter case; tag keys are case-sensitive, so these are two tags; "
            "merge them under one key, or rename one if they are meant to differ",
            fix=f"merge this tag into {json.dumps(first.key, ensure_ascii=False)}",
        )
