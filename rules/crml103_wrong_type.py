"""A value of the wrong type: a number where a string belongs, a string for a list, and so on.

## What it finds
A value whose JSON type is not the one the field takes: a number or boolean for a string
field, a quoted number for a size, a single value where a list belongs, a list or a
scalar where an object belongs, or a field left without a value (null).

YAML reads some unquoted values as numbers, booleans or null, so an unquoted account ID
such as `111122223333` is an integer, not a string. The message quotes the value as
written and says how to quote it. Booleans are not numbers: `value: true` is reported
too.

## Why it matters
The AWS CLI and the SDKs check parameter types before sending a request and reject the
whole request on a mismatch. Quoting the value is not only a formality: an account ID
with a leading zero, written without quotes, may be read as another number (a YAML 1.2
reader drops the zero, and a YAML 1.1 reader takes `012345670123` for an octal number).

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: [111122223333]
          logType: ERROR_SUMMARY
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
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, which gives
  each field's type: https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
- The YAML 1.2.2 specification, core schema: which unquoted values are integers,
  floats, booleans and null. crml-lint reads API requests in YAML with this schema.
"""

ID = "CRML103"
NAME = "wrong-type"
LEVEL = "error"
SUMMARY = "A value of the wrong type, such as a number given as a string or a list given as a scalar."
