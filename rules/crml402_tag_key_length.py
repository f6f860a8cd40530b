"""A tag key outside 1 to 128 Unicode characters.

## What it finds
A tag key that is empty or longer than 128 Unicode characters. The finding points at the
key.

## Why it matters
The request is rejected, so the association is not created. Long keys usually hold a
note that belongs in the tag's value, which may have up to 256 characters.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  ? funded-by-the-marketing-analytics-budget-for-the-churn-project-and-reviewed-by-finance-each-quarter-before-the-model-is-retrained-again
  : "yes"
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  funding: marketing-analytics budget reviewed by finance each quarter
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, on tags:
  keys of at most 128 Unicode characters:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

ID = "CRML402"
NAME = "tag-key-length"
LEVEL = "error"
SUMMARY = "A tag key outside 1 to 128 Unicode characters."
