"""A tag that the organisation requires is missing.

## What it finds
A tag key from the configured list of required tags that the association does not set.
Keys compare exactly, since tag keys are case-sensitive. Where the association has the
key in another letter case, the message names that key. The finding points at the `tags` key,
or at the start of the request when it has no tags at all, and there is one finding per
missing key.

The rule is active only when configured: with the default, an empty list, it reports
nothing.

## Why it matters
Organisations find, bill and review resources by their tags: an owner to ask, a cost
center to charge, a data classification that decides who may approve the
collaboration. An association without them drops out of those reports and reviews.

## Failing example
With `required-tags: [Owner, CostCenter]`:
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  Owner: data-science
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  Owner: data-science
  CostCenter: "4711"
```

## Options
- `required-tags` (list of strings, default `[]`): the tag keys every association must
  set. The examples above use `[Owner, CostCenter]`.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, on tags,
  whose keys are case-sensitive:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

from __future__ import annotations

import json

from crml_lint.document import MappingNode, SequenceNode, Span, format_path
from crml_lint.finding import Problem
from crml_lint.rule_options import string_list_option
from crml_lint.tags import iter_tags, tags_node

ID = "CRML407"
NAME = "missing-required-tag"
LEVEL = "error"
SUMMARY = "A tag key that the organisation requires is missing (active only when configured)."

OPTIONS = {"required_tags": []}

EXAMPLE_OPTIONS = {"required_tags": ["Owner", "CostCenter"]}
"""The options the failing and fixed examples are linted with."""


def check(association, options):
    required = string_list_option(options, "required_tags", ID)
    if not required:
        return

    document = association.document
    tags = tags_node(document)
    if tags is not None and not isinstance(tags, (MappingNode, SequenceNode)):
        # Tags that cannot be known statically (a CloudFormation intrinsic function) are not judged.
        return

    # NOTE: the CloudFormation format leaves out of the tag map a tag whose Key is an
    # intrinsic function, so such a tag is reported missing even if it resolves to a
    # required key at deployment.
    known_tags = list(iter_tags(document))
    keys = {tag.key for tag in known_tags}
    if isinstance(tags, SequenceNode) and len(known_tags) < len(tags):
        # In the list form, an item whose key cannot be known statically may be a required tag.
        return

    folded = {key.casefold(): key for key in keys}
    for name in dict.fromkeys(required):
        if name in keys:
            continue

        message = f"required tag {json.dumps(name, ensure_ascii=False)} is missing"
        near = folded.get(name.casefold())
        if near is not None:
            message += f"; the association has {json.dumps(near, ensure_ascii=False)}, but tag keys are case-sensitive: rename it to {json.dumps(name, ensure_ascii=False)}"
        else:
            message += f"; add it to {_tags_path(association, tags)}"

        fix = f"add the tag {json.dumps(name, ensure_ascii=False)}"
        if tags is not None:
            yield Problem.at(tags, message, on_key=True, fix=fix, identity=name)
        else:
            yield Problem(message, _first_character(document.span), field_path=_tags_path(association, None), fix=fix, identity=name)


def _tags_path(association, tags) -> str:
    if tags is not None:
        return format_path(tags.user_path)
    return format_path(association.document.user_path + (association.field_name("tags"),))


def _first_character(span: Span) -> Span:
    return Span(span.start_line, span.start_column, span.start_line, span.start_column + 1)
