"""A model export writes a file type the organisation does not allow.

## What it finds
An item of `trainedModelExports.filesToExport` (`MODEL` or `OUTPUT`) that is not in the
configured list of file types the organisation allows to be exported. There is one
finding per such item, at the item.

A value other than `MODEL` and `OUTPUT` is reported by the contract check (CRML104)
instead. The rule is active only when configured: with the default, an empty list, it
reports nothing.

## Why it matters
An export takes data out of the collaboration. `MODEL` is the trained model, whose
weights can memorise training records. `OUTPUT` is whatever the training job wrote as
output, which can contain anything the code chose to write. An organisation that allows
only one of them wants the other caught before the association is created.

## Failing example
With `allowed-export-files: [MODEL]`:
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

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModelExports:
      maxSize: {unit: GB, value: 5}
      filesToExport: [MODEL]
```

## Options
- `allowed-export-files` (list of strings, default `[]`): the file types that may be
  exported, from `MODEL` and `OUTPUT`, in any letter case. The examples above use
  `[MODEL]`.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, with
  `trainedModelExports.filesToExport`:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

from __future__ import annotations

from crml_lint.document import format_path
from crml_lint.finding import Problem
from crml_lint.log_policies import child, string_items
from crml_lint.rule_options import InvalidOptionError, option_name, string_list_option

ID = "CRML503"
NAME = "export-not-allowed"
LEVEL = "error"
SUMMARY = "filesToExport names a file type the organisation does not allow (active only when configured)."

OPTIONS = {"allowed_export_files": []}

EXAMPLE_OPTIONS = {"allowed_export_files": ["MODEL"]}
"""The options the failing and fixed examples are linted with."""

_FILE_TYPES = ("MODEL", "OUTPUT")


def check(association, options):
    allowed = _allowed_file_types(options)
    if not allowed:
        return

    files = child(association.document, "privacyConfiguration", "policies", "trainedModelExports", "filesToExport")
    for item in string_items(files):
        if item.value in allowed or item.value not in _FILE_TYPES:
            continue
        only = " and ".join(file_type for file_type in _FILE_TYPES if file_type in allowed)
        yield Problem.at(
            item,
            f"{format_path(item.user_path)} is {item.value}, but the organisation allows exporting only {only}; "
            f"remove {item.value} from the files to export",
            fix=f"remove {item.value}",
        )


def _allowed_file_types(options) -> set[str]:
    name = "allowed_export_files"
    allowed = {file_type.upper() for file_type in string_list_option(options, name, ID)}
    unknown = allowed - set(_FILE_TYPES)
    if unknown:
        raise InvalidOptionError(
            f"option {option_name(name)} of {ID} may hold only {' and '.join(_FILE_TYPES)}, not {', '.join(sorted(unknown))}"
        )
    return allowed
