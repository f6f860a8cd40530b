"""A size under 0.01 GB, zero or negative.

## What it finds
A `value` of `maxArtifactSize`, `maxSize` or `maxOutputSize` below 0.01, the smallest
size the API accepts. The `0.0` that `--generate-cli-skeleton` writes is the usual case.

## Why it matters
The service rejects the request with a ValidationException. A size of zero does not mean
"nothing may be produced": to let a job export nothing, leave its policy out.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModelInferenceJobs:
      maxOutputSize: {unit: GB, value: 0.0}
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModelInferenceJobs:
      maxOutputSize: {unit: GB, value: 5}
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, with the
  valid ranges of the three sizes, each from 0.01:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

ID = "CRML302"
NAME = "size-below-minimum"
LEVEL = "error"
SUMMARY = "A size under 0.01 GB, zero or negative."
