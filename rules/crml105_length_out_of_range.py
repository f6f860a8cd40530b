"""A string shorter or longer than its field allows.

## What it finds
A string outside its field's length range, counted in Unicode characters:
`membershipIdentifier` (exactly 36), `configuredModelAlgorithmArn` (20 to 2048), `name`
(1 to 63), `description` (at most 255), `filterPattern` (at most 1024) and each custom
data identifier (1 to 200). Tag keys and values have rules of their own, CRML402 and
CRML403.

An empty string in a required field, as an unedited `--generate-cli-skeleton` leaves it,
is reported here and not also as a pattern mismatch (CRML107).

## Why it matters
The service rejects a request with a string of the wrong length with a
ValidationException. An empty placeholder left in a request is the most common case, and
a name pasted from a longer description the next.

## Failing example
```yaml
membershipIdentifier: ""
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, with each
  field's length constraints: https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

ID = "CRML105"
NAME = "length-out-of-range"
LEVEL = "error"
SUMMARY = "A string shorter or longer than its field allows."
