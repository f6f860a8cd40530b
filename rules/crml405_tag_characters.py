"""A tag key or value with characters other than letters, numbers, spaces and `+ - = . _ : / @`.

## What it finds
A tag key or value that contains a character outside the set AWS documents as generally
allowed in tags: Unicode letters (general category L), Unicode numbers (category N),
spaces, and `+ - = . _ : / @`. The finding points at the first such character and
names it.

"Spaces" here are the Unicode space separators (category Zs): the ordinary space, the
no-break space, the ideographic space and their kin. Tab, line feed and the line and
paragraph separators (U+2028, U+2029) are reported, because they break a tag over lines
in consoles and reports. Combining marks (category M) are not letters: write an accented
letter as one precomposed character (Unicode normalisation form NFC).

## Why it matters
The Clean Rooms ML API accepts these tags, but the services and tools that read tags
(cost allocation reports, tag policies, resource groups, other AWS services) may reject
or mangle other characters. A key such as `cost#center` or `team (ml)` breaks when the
tag is copied to another resource or used in a cost allocation report.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  cost#center: "4711"
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  cost-center: "4711"
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, on tags:
  letters, numbers and spaces representable in UTF-8, and `+ - = . _ : / @`:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
- Amazon EFS API reference, `Tag`, an AWS service whose tag pattern enforces this set
  (with every Unicode separator, category Z, as a space):
  https://docs.amazonaws.cn/en_us/efs/latest/ug/API_Tag.html
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from typing import Optional

from crml_lint.document import ScalarNode, format_path
from crml_lint.finding import Problem
from crml_lint.string_positions import span_of_characters
from crml_lint.tags import iter_tags

ID = "CRML405"
NAME = "tag-characters"
LEVEL = "warning"
SUMMARY = "A tag key or value with characters other than letters, numbers, spaces and + - = . _ : / @."

_ALLOWED = "Unicode letters, numbers, spaces and + - = . _ : / @"

_CONTROL_NAMES = {"\t": "a tab", "\n": "a line feed", "\r": "a carriage return"}


def check(association, options):
    source = association.source
    for tag in iter_tags(association.document):
        index = _first_disallowed(tag.key)
        if index is not None:
            yield _problem(source, tag.key_node, tag.key, index, "key")

        value = tag.value
        index = _first_disallowed(value) if value is not None else None
        if index is not None:
            yield _problem(source, tag.value_node, value, index, "value")


def _problem(source, node: ScalarNode, text: str, index: int, part: str) -> Problem:
    path = format_path(node.user_path)
    message = (
        f"the tag {part} {path} contains {_describe(text[index])}, which tags should not contain; "
        f"use only {_ALLOWED}"
    )
    return Problem(
        message=message,
        span=span_of_characters(source, node, index, index + 1),
        field_path=path,
        identity=f"{part}:{index}",
    )


def _first_disallowed(text: str) -> Optional[int]:
    match = _disallowed().search(text)
    return match.start() if match else None


@lru_cache(maxsize=None)
def _disallowed():
    # Compiled on first use. The `regex` module supports Unicode categories, and `re` does not.
    import regex

    return regex.compile(r"[^\p{L}\p{N}\p{Zs}+\-=._:/@]")


def _describe(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if character in _CONTROL_NAMES:
        return f"{_CONTROL_NAMES[character]} ({code})"
    name = unicodedata.name(character, "")
    if unicodedata.category(character)[0] in "CZM" or not character.isprintable():
        return f"{code} {name}".rstrip()
    return f"{json.dumps(character, ensure_ascii=False)} ({code} {name})".replace(" )", ")")
