"""A tag key that starts with `aws:` in any letter case.

## What it finds
A tag key that starts with `aws:`, `AWS:`, `Aws:` or any other letter case of it. Tag
values may start with it; only keys are reported. The finding points at the key.

## Why it matters
AWS reserves the prefix for tags it sets itself, such as `aws:cloudformation:stack-name`,
and rejects a request that sets one. Keys copied from the tags of another resource carry
them along.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  aws:team: data-science
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  team: data-science
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, on tags:
  the `aws:` prefix is reserved for keys in any combination of upper and lower case:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

ID = "CRML404"
NAME = "reserved-tag-prefix"
LEVEL = "error"
SUMMARY = "A tag key that starts with aws: in any letter case."
