"""Only the model is exported, and the export cap is larger than the artifact cap.

## What it finds
A `trainedModelExports` policy whose `filesToExport` lists only `MODEL` and whose
`maxSize.value` is larger than `trainedModels.maxArtifactSize.value`. The finding points
at the export's `maxSize.value`.

## Why it matters
An export of only the model writes the trained model artifact, and training already
keeps that artifact within `maxArtifactSize`. An export cap above it can never be
reached, so it limits nothing, and a reader who trusts it overestimates how much the
collaboration may take away, or misses that the caps were meant to be set together.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      maxArtifactSize: {unit: GB, value: 2}
    trainedModelExports:
      maxSize: {unit: GB, value: 8}
      filesToExport: [MODEL]
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      maxArtifactSize: {unit: GB, value: 2}
    trainedModelExports:
      maxSize: {unit: GB, value: 2}
      filesToExport: [MODEL]
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, with
  `trainedModels.maxArtifactSize` and `trainedModelExports`:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

from __future__ import annotations

from crml_lint.document import ScalarNode, SequenceNode, format_path
from crml_lint.finding import Problem
from crml_lint.log_policies import child
from crml_lint.sizes import ARTIFACT_SIZE, EXPORT_SIZE, format_gb, size_value

ID = "CRML304"
NAME = "export-cap-exceeds-artifact-cap"
LEVEL = "warning"
SUMMARY = "Only MODEL is exported, and the export cap is larger than the artifact cap, so it limits nothing."


# The API's smallest size; below it the contract check reports CRML302.
_SMALLEST_SIZE_GB = 0.01


def check(association, options):
    document = association.document
    files = child(document, "privacyConfiguration", "policies", "trainedModelExports", "filesToExport")
    if not _exports_only_model(files):
        return

    export_size = size_value(document, EXPORT_SIZE)
    artifact_size = size_value(document, ARTIFACT_SIZE)
    if export_size is None or artifact_size is None or export_size.value <= artifact_size.value:
        return
    if artifact_size.value < _SMALLEST_SIZE_GB:
        return  # CRML302 reports a size below the minimum; a cap derived from it would be wrong too

    cap = format_gb(artifact_size.value)
    yield Problem.at(
        export_size,
        f"{format_path(export_size.user_path)} is {format_gb(export_size.value)} GB, above the artifact cap of {cap} GB "
        f"({format_path(artifact_size.user_path[-3:])}); an export of only MODEL is never larger than the artifact, "
        f"so this cap limits nothing; set it to at most {cap} GB",
        fix=f"set a size of at most {cap} GB",
    )


def _exports_only_model(files) -> bool:
    """True when the list has items and every item is MODEL."""
    if not isinstance(files, SequenceNode) or not files.items:
        return False
    return all(isinstance(item, ScalarNode) and item.value == "MODEL" for item in files)
