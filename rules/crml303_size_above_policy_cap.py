"""A size above the organisation's cap.

## What it finds
A `value` of `maxArtifactSize` (trained model artifacts), `maxSize` (model exports) or
`maxOutputSize` (inference output) above the cap the organisation sets for it. The
default caps are CloudFormation's limits, 10, 10 and 50 GB, so an API request that
passes them can also be deployed as a CloudFormation template. The finding points at
the value.

A size above the limit of the input's format is CRML301's finding, not this rule's, so
with the default caps this rule reports only API requests.

## Why it matters
Each size is the most a job may write: the model artifact a collaboration member can
take away, an export, an inference output. An organisation that reviews its
collaborations sets the caps it is willing to approve, and a request above them fails
that review. With the default caps, a request above them deploys through one path (the
API accepts up to 100 GB) but not through the other (CloudFormation accepts 10 GB).

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      maxArtifactSize: {unit: GB, value: 40}
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      maxArtifactSize: {unit: GB, value: 8}
```

## Options
- `max-artifact-size-gb` (number, default `10`): the cap for
  `trainedModels.maxArtifactSize.value`, in GB.
- `max-export-size-gb` (number, default `10`): the cap for
  `trainedModelExports.maxSize.value`, in GB.
- `max-output-size-gb` (number, default `50`): the cap for
  `trainedModelInferenceJobs.maxOutputSize.value`, in GB.

Each cap must be a positive number. A cap above the limit of the input's format changes
nothing for that format, since CRML301 reports sizes above the limit.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, with the
  API's ranges of the three sizes:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
- The CloudFormation resource type `AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation`,
  whose schema limits the sizes to 10, 10 and 50 GB.
"""

from __future__ import annotations

from crml_lint.document import format_path
from crml_lint.finding import Problem
from crml_lint.rule_options import number_option, option_name
from crml_lint.sizes import ARTIFACT_SIZE, EXPORT_SIZE, OUTPUT_SIZE, format_gb, format_limit, iter_size_values

ID = "CRML303"
NAME = "size-above-policy-cap"
LEVEL = "warning"
SUMMARY = "A size above the organisation's cap (by default CloudFormation's limits: 10, 10 and 50 GB)."

OPTIONS = {
    "max_artifact_size_gb": 10,
    "max_export_size_gb": 10,
    "max_output_size_gb": 50,
}

_OPTION_OF = {
    ARTIFACT_SIZE.name: "max_artifact_size_gb",
    EXPORT_SIZE.name: "max_export_size_gb",
    OUTPUT_SIZE.name: "max_output_size_gb",
}


def check(association, options):
    input_format = association.input_format.name
    for size, value in iter_size_values(association.document):
        option = _OPTION_OF[size.name]
        cap = number_option(options, option, ID)
        if value.value <= cap:
            continue

        # Above the format's own limit, CRML301 reports the size once.
        limit = format_limit(size, input_format)
        if limit is not None and value.value > limit:
            continue

        reason = f"the organisation's cap of {format_gb(cap)} GB for {size.subject}"
        if input_format != "cloudformation" and cap == format_limit(size, "cloudformation"):
            reason += ", CloudFormation's limit, so it cannot be deployed as a template"
        yield Problem.at(
            value,
            f"{format_path(value.user_path)} is {format_gb(value.value)} GB, above {reason}; "
            f"set at most {format_gb(cap)} GB, or raise the cap with the option {option_name(option)} of {ID}",
            fix=f"set a size of at most {format_gb(cap)} GB",
        )
