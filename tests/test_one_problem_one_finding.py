"""Where two rules could report one fact, only the more specific one does; findings name their resource."""

from __future__ import annotations

from crml_lint import lint_text

REQUEST = """\
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerMetrics: {noiseLevel: HIGH}
      maxArtifactSize: {unit: GB, value: ARTIFACT}
    trainedModelExports:
      maxSize: {unit: GB, value: 2}
      filesToExport: [MODEL]
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Assoc:
    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation
    Properties:
      MembershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
      ConfiguredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
      Name: churn-training
      Name: churn-training-2
      Description: !Foo bar
"""


def test_artifact_size_below_minimum_only_crml302():
    for value in ("-1", "0", "0.001"):
        rule_ids = [finding.rule_id for finding in lint_text(REQUEST.replace("ARTIFACT", value), "request.yaml")]
        assert rule_ids == ["CRML302"], value


def test_export_cap_above_valid_artifact_cap_is_crml304():
    rule_ids = [finding.rule_id for finding in lint_text(REQUEST.replace("ARTIFACT", "1"), "request.yaml")]
    assert rule_ids == ["CRML304"]


def test_loader_findings_name_resource():
    findings = lint_text(TEMPLATE, "template.yaml")
    assert [(finding.rule_id, finding.resource) for finding in findings] == [("CRML002", "Assoc"), ("CRML003", "Assoc")]
