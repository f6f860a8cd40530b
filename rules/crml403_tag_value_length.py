"""A tag value over 256 Unicode characters.

## What it finds
A tag value longer than 256 Unicode characters. The finding points at the value. In an
API request an empty value is allowed; CloudFormation's resource schema demands at least
one character.

## Why it matters
The request is rejected, so the association is not created. A value that long is
documentation rather than a tag: a link to the document serves better.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  notes: >-
    Trained weekly on the shared customer table of the retail collaboration. Output goes
    to the analytics account only. Reviewed by the privacy team in March; the next review
    is due in September, when the noise level and the export limits are checked again
    against the collaboration agreement.
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  notes: https://wiki.example.com/ml/churn-training
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, on tags:
  values of at most 256 Unicode characters:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

ID = "CRML403"
NAME = "tag-value-length"
LEVEL = "error"
SUMMARY = "A tag value over 256 Unicode characters."
