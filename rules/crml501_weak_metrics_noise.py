"""The noise added to training metrics is `NONE`, or below the organisation's minimum.

## What it finds
A `trainedModels.containerMetrics.noiseLevel` of `NONE`, or of a level below the
configured minimum. The levels, from most to least noise, are `HIGH`, `MEDIUM`, `LOW`
and `NONE`. The finding points at the noise level.

## Why it matters
The metrics a training container emits (loss, accuracy, counts) are computed from the
collaboration's data. Members who receive exact values can learn about that data, for
example by comparing the metrics of two runs on slightly different data. Noise makes
such inferences harder, and `NONE` shares the exact values.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerMetrics:
        noiseLevel: NONE
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerMetrics:
        noiseLevel: MEDIUM
```

## Options
- `minimum-noise-level` (string, default `"LOW"`): the least noise the organisation
  accepts, one of `LOW`, `MEDIUM` or `HIGH`, in any letter case. `NONE` is always
  reported; to accept it, turn the rule off.

## References
- AWS Clean Rooms ML API reference, `MetricsConfigurationPolicy`, with the noise levels:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_MetricsConfigurationPolicy.html
"""

from __future__ import annotations

from crml_lint.document import ScalarNode, format_path
from crml_lint.finding import Problem
from crml_lint.log_policies import child
from crml_lint.rule_options import choice_option

ID = "CRML501"
NAME = "weak-metrics-noise"
LEVEL = "warning"
SUMMARY = "containerMetrics.noiseLevel is NONE, or below the configured minimum."

OPTIONS = {"minimum_noise_level": "LOW"}

# Noise levels from least to most noise.
_LEVELS = ("NONE", "LOW", "MEDIUM", "HIGH")


def check(association, options):
    minimum = choice_option(options, "minimum_noise_level", ID, _LEVELS[1:])
    noise = child(association.document, "privacyConfiguration", "policies", "trainedModels", "containerMetrics", "noiseLevel")
    if not isinstance(noise, ScalarNode) or noise.value not in _LEVELS:
        # A value outside the enumeration is the contract check's finding.
        return

    rank = _LEVELS.index(noise.value)
    if rank >= _LEVELS.index(minimum):
        return

    accepted = _either(_LEVELS[_LEVELS.index(minimum):])
    if noise.value == "NONE":
        message = f"{format_path(noise.user_path)} is NONE, so members receive exact training metrics, from which they can learn about the data; set {accepted}"
    else:
        message = f"{format_path(noise.user_path)} is {noise.value}, less noise than the organisation's minimum of {minimum}; set {accepted}"
    yield Problem.at(noise, message, fix=f"set {association.field_name('noiseLevel')} to {minimum}")


def _either(levels: tuple) -> str:
    if len(levels) == 1:
        return levels[0]
    return f"{', '.join(levels[:-1])} or {levels[-1]}"
