"""A field that the input's format does not define.

## What it finds
A key that no field of the request has at that place: a typo (`descripton`), a key in
the wrong letter case (`Name`), a CloudFormation property name in an API request
(`MembershipIdentifier`), or a field put one level too high or too low. Each unknown key
is one finding, at the key, and the message suggests the closest known name when there
is one: the same name in another letter case first, then the same name with other
separators (`log_type`), then the nearest spelling.

## Why it matters
The AWS CLI and the SDKs reject a parameter they do not know before sending the request,
so the whole request fails. Where a tool passes the field on anyway, the service ignores
or rejects it, and the setting the author meant (often a privacy limit) is not applied.

## Failing example
```yaml
MembershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
descripton: Churn model trained on the shared customer table.
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
description: Churn model trained on the shared customer table.
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, which
  lists the request's fields: https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
- `additionalProperties: false` in `schemas/association.schema.json`, on every object of
  the request.
"""

ID = "CRML102"
NAME = "unknown-field"
LEVEL = "error"
SUMMARY = "A field that the input's format does not define; the closest known name is suggested."
