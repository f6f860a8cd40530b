"""A field that the API requires is absent.

## What it finds
A required field that the request leaves out. The required fields are:

- `membershipIdentifier`, `configuredModelAlgorithmArn` and `name` of the request;
- `policies` of the privacy configuration;
- `allowedAccountIds` of a log policy, and `entitiesToRedact` and `customDataIdentifiers`
  of its redaction;
- `noiseLevel` of the container metrics, and the `unit` and `value` of each size;
- `maxSize` and `filesToExport` of the export policy.

The finding points at the key of the object that lacks the field, or at the first
character of the request or list item that lacks it. The message names the missing field
by its full path.

A key that is only misspelt (`Name`, `membershipIdentifer`) is reported once, by
CRML102, which suggests the right name.

## Why it matters
The service rejects a request without a required field with a ValidationException, so the
association is not created. An optional section is all or nothing: a `trainedModelExports`
policy without `maxSize` is rejected just as a request without a name is.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
privacyConfiguration:
  policies:
    trainedModelExports:
      filesToExport: [MODEL, OUTPUT]
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModelExports:
      maxSize: {unit: GB, value: 5}
      filesToExport: [MODEL, OUTPUT]
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, which marks
  each required field: https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
- The `required` keyword of JSON Schema 2020-12, which states these fields in
  `schemas/association.schema.json`.
"""

ID = "CRML101"
NAME = "missing-required-field"
LEVEL = "error"
SUMMARY = "A field that the API requires is absent."
