"""The size caps of an association: the `value` of each policy section's maximum size.

Each cap is `{unit, value}` with GB as the only unit. The limits below are what each input
format accepts. The API-contract check reports a size above them (CRML301), so rules
about the organisation's own caps read them only to stay quiet there.
"""

from __future__ import annotations

import math
from typing import Iterator, NamedTuple, Optional

from .document import MappingNode, ScalarNode
from .log_policies import child


class SizeField(NamedTuple):
    """A size cap of one policy section.

    `subject` names what the cap limits in messages. `limits` maps an input format's name
    to the largest value that format accepts, in GB.
    """

    section: str
    name: str
    subject: str
    limits: dict


SIZE_FIELDS = (
    SizeField("trainedModels", "maxArtifactSize", "trained model artifacts",
              {"api-request": 100.0, "cloudformation": 10.0}),
    SizeField("trainedModelExports", "maxSize", "model exports",
              {"api-request": 50.0, "cloudformation": 10.0}),
    SizeField("trainedModelInferenceJobs", "maxOutputSize", "inference output",
              {"api-request": 100.0, "cloudformation": 50.0}),
)

ARTIFACT_SIZE, EXPORT_SIZE, OUTPUT_SIZE = SIZE_FIELDS


def size_value(document: MappingNode, size: SizeField) -> Optional[ScalarNode]:
    """Return the node of a cap's `value` when it is a finite number of GB, else None.

    A value of another type, or a unit other than GB, is the contract check's concern, and
    a value that cannot be known statically (a CloudFormation intrinsic function) is not
    judged. NaN and the infinities are reported by the loader.
    """
    cap = child(document, "privacyConfiguration", "policies", size.section, size.name)
    if not isinstance(cap, MappingNode):
        return None

    unit = cap.get("unit")
    if unit is not None and not (isinstance(unit, ScalarNode) and unit.value == "GB"):
        return None

    value = cap.get("value")
    if not isinstance(value, ScalarNode) or not is_number(value.value):
        return None
    return value


def iter_size_values(document: MappingNode) -> Iterator[tuple[SizeField, ScalarNode]]:
    """Yield each cap that the association sets to a finite number of GB, with its `value` node."""
    for size in SIZE_FIELDS:
        value = size_value(document, size)
        if value is not None:
            yield size, value


def format_limit(size: SizeField, input_format: str) -> Optional[float]:
    """Return the largest value the input format accepts for this cap, or None for a format not listed."""
    return size.limits.get(input_format)


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def format_gb(value: float) -> str:
    """Write a number of GB as a user would: 10 rather than 10.0."""
    return format(value, "g")
