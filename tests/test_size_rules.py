"""The size-cap rules: CRML303 size-above-policy-cap and CRML304 export-cap-exceeds-artifact-cap."""

from __future__ import annotations

import textwrap
from typing import Optional

import pytest

from crml_lint import lint_text
from crml_lint.engine import InternalError
from crml_lint.settings import Settings

HEADER = """\
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
"""

ARTIFACT_LINE, EXPORT_LINE, OUTPUT_LINE = 7, 10, 15
"""The lines of the three size values in a request built by `sizes_request`."""


def sizes_request(artifact: object = 5, export: object = 2, output: object = 20, files: str = "[MODEL, OUTPUT]") -> str:
    return HEADER + textwrap.dedent(
        f"""\
        privacyConfiguration:
          policies:
            trainedModels:
              maxArtifactSize: {{unit: GB, value: {artifact}}}
            trainedModelExports:
              maxSize:
                {{unit: GB, value: {export}}}
              filesToExport: {files}
            trainedModelInferenceJobs:
              maxOutputSize:
                unit: GB
                value: {output}
        """
    )


def template(artifact: object = 5, export: object = 2, output: object = 20) -> str:
    return textwrap.dedent(
        f"""\
        Resources:
          Churn:
            Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation
            Properties:
              MembershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
              ConfiguredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
              Name: churn-training
              PrivacyConfiguration:
                Policies:
                  TrainedModels:
                    MaxArtifactSize: {{Unit: GB, Value: {artifact}}}
                  TrainedModelExports:
                    MaxSize: {{Unit: GB, Value: {export}}}
                    FilesToExport: [MODEL, OUTPUT]
                  TrainedModelInferenceJobs:
                    MaxOutputSize: {{Unit: GB, Value: {output}}}
        """
    )


def lint(text: str, filename: str = "request.yaml", options: Optional[dict] = None):
    settings = Settings(rule_options=options) if options else None
    return lint_text(text, filename, settings)


def findings_of(rule_id: str, text: str, filename: str = "request.yaml", options: Optional[dict] = None):
    return [finding for finding in lint(text, filename, options) if finding.rule_id == rule_id]


def spanned(text: str, finding) -> str:
    span = finding.span
    assert span.start_line == span.end_line
    return text.splitlines()[span.start_line - 1][span.start_column - 1:span.end_column - 1]


# CRML303 size-above-policy-cap


def test_sizes_within_default_caps_are_quiet():
    assert lint(sizes_request(artifact=10, export=10, output=50)) == []


@pytest.mark.parametrize(
    "sizes, line, option",
    [
        ({"artifact": 10.5}, ARTIFACT_LINE, "max-artifact-size-gb"),
        ({"export": 25}, EXPORT_LINE, "max-export-size-gb"),
        ({"output": 80}, OUTPUT_LINE, "max-output-size-gb"),
    ],
)
def test_size_above_default_cap_reported_at_value(sizes, line, option):
    text = sizes_request(**sizes)
    findings = findings_of("CRML303", text)
    assert len(findings) == 1
    assert findings[0].level == "warning"
    assert findings[0].span.start_line == line
    assert spanned(text, findings[0]) == str(next(iter(sizes.values())))
    assert option in findings[0].message
    assert "CloudFormation's limit" in findings[0].message
    assert {finding.rule_id for finding in lint(text)} == {"CRML303"}


def test_size_above_api_limit_is_only_crml301():
    text = sizes_request(artifact=150, export=60, output=101)
    assert {finding.rule_id for finding in lint(text)} == {"CRML301"}
    assert len(lint(text)) == 3


def test_configured_caps_replace_defaults():
    options = {"CRML303": {"max_artifact_size_gb": 4, "max_export_size_gb": 1.5, "max_output_size_gb": 100}}
    findings = findings_of("CRML303", sizes_request(artifact=5, export=2, output=90), options=options)
    assert [finding.span.start_line for finding in findings] == [ARTIFACT_LINE, EXPORT_LINE]
    assert "cap of 4 GB for trained model artifacts" in findings[0].message
    assert "CloudFormation" not in findings[0].message
    assert "cap of 1.5 GB for model exports" in findings[1].message


def test_partial_options_keep_other_defaults():
    findings = findings_of("CRML303", sizes_request(artifact=12), options={"CRML303": {"max_export_size_gb": 1}})
    assert [finding.span.start_line for finding in findings] == [ARTIFACT_LINE, EXPORT_LINE]


def test_template_above_cloudformation_limit_is_only_crml301():
    text = template(artifact=20, export=12, output=60)
    findings = lint(text, "template.yaml")
    assert {finding.rule_id for finding in findings} == {"CRML301"}
    assert len(findings) == 3


def test_template_above_configured_cap_uses_pascal_case():
    text = template(artifact=8)
    findings = findings_of("CRML303", text, "template.yaml", options={"CRML303": {"max_artifact_size_gb": 6}})
    assert len(findings) == 1
    assert findings[0].span.start_line == 11
    assert spanned(text, findings[0]) == "8"
    assert findings[0].message.startswith("PrivacyConfiguration.Policies.TrainedModels.MaxArtifactSize.Value is 8 GB")


@pytest.mark.parametrize("cap", ["10", True, 0, -5, float("nan"), None])
def test_invalid_cap_stops_run(cap):
    with pytest.raises(InternalError, match="option max-artifact-size-gb of CRML303 must be a positive number"):
        lint(sizes_request(), options={"CRML303": {"max_artifact_size_gb": cap}})


def test_size_of_wrong_type_is_only_crml103():
    text = sizes_request(artifact='"40"')
    assert {finding.rule_id for finding in lint(text)} == {"CRML103"}


def test_size_with_other_unit_is_only_crml104():
    text = sizes_request(artifact=40).replace("{unit: GB, value: 40}", "{unit: MB, value: 40}")
    assert {finding.rule_id for finding in lint(text)} == {"CRML104"}


# CRML304 export-cap-exceeds-artifact-cap


def test_export_cap_reported_at_value():
    text = sizes_request(artifact=2, export=8, files="[MODEL]")
    findings = findings_of("CRML304", text)
    assert len(findings) == 1
    assert findings[0].level == "warning"
    assert findings[0].span.start_line == EXPORT_LINE
    assert spanned(text, findings[0]) == "8"
    assert "above the artifact cap of 2 GB (trainedModels.maxArtifactSize.value)" in findings[0].message
    assert "set it to at most 2 GB" in findings[0].message


@pytest.mark.parametrize(
    "artifact, export, files",
    [(2, 2, "[MODEL]"), (8, 2, "[MODEL]"), (2, 8, "[MODEL, OUTPUT]"), (2, 8, "[OUTPUT]")],
)
def test_export_cap_that_limits_is_quiet(artifact, export, files):
    assert findings_of("CRML304", sizes_request(artifact=artifact, export=export, files=files)) == []


def test_export_cap_without_artifact_cap_is_quiet():
    text = HEADER + textwrap.dedent(
        """\
        privacyConfiguration:
          policies:
            trainedModelExports:
              maxSize: {unit: GB, value: 8}
              filesToExport: [MODEL]
        """
    )
    assert lint(text) == []


def test_repeated_model_still_counts_as_only_model():
    text = sizes_request(artifact=2, export=8, files="[MODEL, MODEL]")
    assert {finding.rule_id for finding in lint(text)} == {"CRML108", "CRML304"}


def test_export_cap_rule_in_template():
    text = template(artifact=2, export=8).replace("FilesToExport: [MODEL, OUTPUT]", "FilesToExport: [MODEL]")
    findings = findings_of("CRML304", text, "template.yaml")
    assert len(findings) == 1
    assert findings[0].span.start_line == 13
    assert "(TrainedModels.MaxArtifactSize.Value)" in findings[0].message
