"""A value outside the values that its field allows.

## What it finds
A value of `logType`, `noiseLevel`, `entitiesToRedact`, `filesToExport` or a size's
`unit` that is not one of the field's values. Where the value differs from an allowed one
only in letter case or separators (`error_summary`, `all-personally-identifiable-information`,
`gb`), or by a small typo, the message names the right spelling. Otherwise it lists the
allowed values.

## Why it matters
The service compares these values exactly and rejects the request with a
ValidationException. A misspelt `entitiesToRedact` value does not fall back to a weaker
redaction: the association is not created at all.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333"]
          logType: error_summary
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
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, with the
  values of LogType, NoiseLevelType, EntityType and TrainedModelExportFileType:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

ID = "CRML104"
NAME = "invalid-enum-value"
LEVEL = "error"
SUMMARY = "A value outside its field's allowed values; the right spelling is suggested when only case or separators differ."
