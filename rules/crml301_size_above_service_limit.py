"""A size above the limit of the input's format.

## What it finds
A `value` of `maxArtifactSize`, `maxSize` or `maxOutputSize` above what the input's
format accepts. In an API request the limits are 100 GB for trained model artifacts,
50 GB for model exports and 100 GB for inference output. CloudFormation accepts less:
10, 10 and 50 GB.

A size within the format's limit but above the organisation's own cap is CRML303's
finding, not this rule's.

## Why it matters
The service rejects the request with a ValidationException, so the association is not
created. A size meant as "no limit" (a large round number) is the common cause: the caps
are limits that the privacy configuration promises to the collaboration, and each has a
maximum.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      maxArtifactSize: {unit: GB, value: 200}
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      maxArtifactSize: {unit: GB, value: 10}
```

## Options
None. The limits are the format's; CRML303 takes the organisation's caps as options.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, with the
  valid ranges of TrainedModelArtifactMaxSize, TrainedModelExportsMaxSize and
  TrainedModelInferenceMaxOutputSize:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

ID = "CRML301"
NAME = "size-above-service-limit"
LEVEL = "error"
SUMMARY = "A size above the limit of the input's format (API: 100, 50 and 100 GB; CloudFormation: 10, 10 and 50 GB)."
