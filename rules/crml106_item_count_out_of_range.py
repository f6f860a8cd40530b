"""A list with fewer or more items than its field allows.

## What it finds
A list outside its field's item count: `containerLogs` (1 to 5 log policies),
`allowedAccountIds` (1 to 5 accounts), `entitiesToRedact` (at least 1),
`customDataIdentifiers` (1 to 10) and `filesToExport` (1 or 2). The finding points at the
list's key.

## Why it matters
The service rejects the request with a ValidationException. An empty list does not mean
"none" or "all": to send no logs, leave `containerLogs` out, and to export nothing, leave
the `trainedModelExports` policy out.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModelExports:
      maxSize: {unit: GB, value: 5}
      filesToExport: []
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
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, with the
  array sizes of each list: https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

ID = "CRML106"
NAME = "item-count-out-of-range"
LEVEL = "error"
SUMMARY = "A list with fewer or more items than its field allows."
