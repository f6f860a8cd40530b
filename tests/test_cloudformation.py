"""CloudFormation templates: recognition, the canonical document, intrinsic functions and
Fn::If branches, YAML 1.1 typing, CloudFormation's own limits, and the resource named in
every report."""

from __future__ import annotations

import io
import json
import os
import subprocess
import textwrap
from pathlib import Path

from crml_lint import lint_paths, lint_text
from crml_lint.engine import run
from crml_lint.formats.cloudformation import recognise
from crml_lint.intrinsics import MAX_VARIANTS
from crml_lint.loading import load
from crml_lint.reporters import write_report
from crml_lint.source import SourceFile
from conftest import CRML_LINT

INPUTS = Path(__file__).resolve().parent / "inputs"
CDK_TEMPLATE = INPUTS / "cdk-synth-template.json"
SHORT_FORMS_TEMPLATE = INPUTS / "cfn-short-forms.yaml"
SEVERAL_ASSOCIATIONS_TEMPLATE = INPUTS / "cfn-several-associations.yaml"

MEMBERSHIP = "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f"
ALGORITHM_ARN = "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"

REQUIRED_PROPERTIES = f"""\
MembershipIdentifier: {MEMBERSHIP}
ConfiguredModelAlgorithmArn: {ALGORITHM_ARN}
Name: churn-training
"""

# A log policy that no rule objects to, to place inside templates that test something else.
QUIET_LOG_POLICY = """\
- AllowedAccountIds: ["111122223333"]
  LogType: ERROR_SUMMARY
  LogRedactionConfiguration:
    EntitiesToRedact: [ALL_PERSONALLY_IDENTIFIABLE_INFORMATION]
"""


def template(properties: str = "", *, required: str = REQUIRED_PROPERTIES) -> str:
    """Write a YAML template whose one association, ChurnAssociation, has `required` and then `properties`."""
    body = textwrap.dedent(required) + textwrap.dedent(properties)
    return (
        'AWSTemplateFormatVersion: "2010-09-09"\n'
        "Conditions:\n"
        "  IsProduction: !Equals [!Ref AWS::Region, us-east-1]\n"
        "  IsEurope: !Equals [!Ref AWS::Region, eu-west-1]\n"
        "  IsOregon: !Equals [!Ref AWS::Region, us-west-2]\n"
        "Resources:\n"
        "  ChurnAssociation:\n"
        "    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation\n"
        "    Properties:\n" + textwrap.indent(body, " " * 6)
    )


def lint_template(text: str, filename: str = "template.yaml"):
    return lint_text(text, filename)


def summary(findings) -> list[tuple[str, str]]:
    return [(finding.rule_id, finding.message) for finding in findings]


def position_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Return the 1-based line and column where the `occurrence`-th `needle` starts in `text`."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def start_of(finding) -> tuple[int, int]:
    return finding.span.start_line, finding.span.start_column


def recognise_one(text: str):
    """Return the one association that the CloudFormation format reads from `text`."""
    source = SourceFile("template.yaml", text)
    documents = load(source, "yaml").documents
    associations = recognise(documents[0], source)
    assert associations is not None and len(associations) == 1
    return associations[0]


# --- recognition ------------------------------------------------------------------------


def test_cdk_template_findings():
    findings = lint_paths([str(CDK_TEMPLATE)])
    errors = sorted((finding.rule_id, finding.message) for finding in findings if finding.level == "error")

    assert [rule_id for rule_id, _ in errors] == ["CRML201", "CRML301", "CRML404"]
    assert errors[1][1] == (
        "PrivacyConfiguration.Policies.TrainedModels.MaxArtifactSize.Value is 20 GB, above 10 GB, "
        "CloudFormation's limit for MaxArtifactSize"
    )
    assert '"aws:team"' in errors[2][1]
    assert {finding.resource for finding in findings} == {"ChurnAssociation"}


def test_cdk_membership_ref_not_judged():
    findings = lint_paths([str(CDK_TEMPLATE)])
    text = CDK_TEMPLATE.read_text(encoding="utf-8")
    ref_line, _ = position_of(text, '"Ref": "MembershipId"')

    assert [finding for finding in findings if finding.field_path.startswith("MembershipIdentifier")] == []
    assert [finding for finding in findings if finding.span.start_line in (ref_line - 1, ref_line)] == []


def test_json_template_is_checked():
    document = {
        "Resources": {
            "Association": {
                "Type": "AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation",
                "Properties": {
                    "MembershipIdentifier": MEMBERSHIP,
                    "ConfiguredModelAlgorithmArn": ALGORITHM_ARN,
                    "Name": {"Fn::Sub": "churn-${AWS::StackName}"},
                    "PrivacyConfiguration": {"Policies": {"TrainedModelExports": {
                        "MaxSize": {"Unit": "GB", "Value": "12"},
                        "FilesToExport": ["MODEL"],
                    }}},
                },
            }
        }
    }
    text = json.dumps(document, indent=2)

    findings = lint_template(text, "template.json")

    assert [(finding.rule_id, finding.resource) for finding in findings] == [("CRML301", "Association")]
    assert start_of(findings[0]) == position_of(text, '"12"')


def test_template_without_association_skipped(tmp_path):
    path = tmp_path / "bucket.yaml"
    path.write_text(
        'AWSTemplateFormatVersion: "2010-09-09"\n'
        "Description: the ConfiguredModelAlgorithm lives in another stack\n"
        "Resources:\n"
        "  Bucket:\n"
        "    Type: AWS::S3::Bucket\n"
        "    Properties:\n"
        "      Tags: [{Key: aws:team, Value: ''}]\n",
        encoding="utf-8",
    )

    result = run([str(path)])

    assert result.findings == []
    assert result.associations == 0
    assert result.skipped == [(str(path), "no association in the file")]


def test_unrelated_resources_not_checked():
    findings = lint_paths([str(SEVERAL_ASSOCIATIONS_TEMPLATE)])

    assert {finding.resource for finding in findings} == {"ChurnAssociation", "RetentionAssociation", "LifetimeValueAssociation"}


def test_resource_without_properties():
    text = (
        "Resources:\n"
        "  ChurnAssociation:\n"
        "    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation\n"
    )

    findings = lint_template(text)

    assert sorted(summary(findings)) == [
        ("CRML101", "required field ConfiguredModelAlgorithmArn is missing"),
        ("CRML101", "required field MembershipIdentifier is missing"),
        ("CRML101", "required field Name is missing"),
    ]
    assert {start_of(finding) for finding in findings} == {position_of(text, "ChurnAssociation")}


def test_empty_properties_reported_at_properties_key():
    text = template("", required="{}\n").replace("Properties:\n      {}", "Properties: {}")

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML101"] * 3
    assert {start_of(finding) for finding in findings} == {position_of(text, "Properties")}


# --- the canonical document: names and paths in the template's spelling --------------------


def test_unknown_property_suggests_pascal_case():
    findings = lint_paths([str(SEVERAL_ASSOCIATIONS_TEMPLATE)])

    unknown = [finding for finding in findings if finding.rule_id == "CRML102"]
    assert summary(unknown) == [("CRML102", 'unknown field "Descripton"; did you mean "Description"?')]


def test_camel_case_property_is_unknown():
    text = template(required=f"membershipIdentifier: {MEMBERSHIP}\nConfiguredModelAlgorithmArn: {ALGORITHM_ARN}\nName: n\n")

    findings = lint_template(text)

    assert summary(findings) == [
        ("CRML102", 'unknown field "membershipIdentifier"; did you mean "MembershipIdentifier"?')
    ]
    assert start_of(findings[0]) == position_of(text, "membershipIdentifier")


def test_nested_missing_field_named_in_pascal_case():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModelExports:
              FilesToExport: [MODEL]
        """)

    findings = lint_template(text)

    assert [(finding.rule_id, finding.field_path) for finding in findings] == [
        ("CRML101", "PrivacyConfiguration.Policies.TrainedModelExports.MaxSize")
    ]
    assert findings[0].fix == 'add MaxSize, for example {"Unit": "GB", "Value": 10}'
    assert start_of(findings[0]) == position_of(text, "TrainedModelExports")


def test_log_policy_path_in_message():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              ContainerLogs:
                - AllowedAccountIds: ["111122223333"]
                  FilterPattern: "ERROR(unclosed"
                  LogType: ERROR_SUMMARY
                  LogRedactionConfiguration:
                    EntitiesToRedact: [ALL_PERSONALLY_IDENTIFIABLE_INFORMATION]
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML203"]
    assert findings[0].field_path == "PrivacyConfiguration.Policies.TrainedModels.ContainerLogs[0].FilterPattern"
    assert findings[0].message.startswith("PrivacyConfiguration.Policies.TrainedModels.ContainerLogs[0].FilterPattern ")
    assert findings[0].span.start_line == position_of(text, "ERROR(unclosed")[0]


def test_offending_value_position():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              ContainerMetrics: {NoiseLevel: high}
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML104"]
    assert "did you mean \"HIGH\"" in findings[0].message
    assert start_of(findings[0]) == position_of(text, "high")


# --- tags -------------------------------------------------------------------------------------


def test_tag_rules_run_on_tag_list():
    text = template("""\
        Tags:
          - Key: team
            Value: data-science
          - Key: AWS:owner
            Value: ml
          - Key: owner
            Value: ""
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML404", "CRML403"]
    assert start_of(findings[0]) == position_of(text, "AWS:owner")
    assert start_of(findings[1]) == position_of(text, '""')
    assert findings[1].field_path == "Tags[2].Value"


def test_empty_tag_value_allowed_in_api_request():
    request = f"membershipIdentifier: {MEMBERSHIP}\nconfiguredModelAlgorithmArn: {ALGORITHM_ARN}\nname: n\ntags: {{owner: ''}}\n"

    assert lint_text(request, "request.yaml") == []


def test_repeated_tag_key_is_crml406():
    text = template("""\
        Tags:
          - Key: team
            Value: data-science
          - Key: cost-center
            Value: "4711"
          - Key: team
            Value: analytics
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML406"]
    assert start_of(findings[0]) == position_of(text, "team", occurrence=2)
    assert "Tags[0]" in findings[0].message
    assert findings[0].level == "error"


def test_tags_as_map_is_wrong_type():
    text = template("Tags: {team: data-science}\n")

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML103"]
    assert start_of(findings[0]) == position_of(text, "{team")


def test_malformed_tag_items():
    text = template("""\
        Tags:
          - team
          - Key: owner
          - Key: stage
            Valeu: test
          - Key: tier
            Value: gold
            Propagate: true
        """)

    findings = lint_template(text)

    assert summary(findings) == [
        ("CRML103", "Tags[0] must be an object with Key and Value, not a string"),
        ("CRML101", "required field Tags[1].Value is missing"),
        ("CRML102", 'unknown field "Valeu"; did you mean "Value"?'),
        ("CRML102", 'unknown field "Propagate"; the fields of a tag are Key and Value'),
    ]
    assert start_of(findings[0]) == position_of(text, "team")
    assert start_of(findings[1]) == position_of(text, "Key: owner")
    assert start_of(findings[3]) == position_of(text, "Propagate")


# --- read-only properties ---------------------------------------------------------------------


def test_read_only_properties_are_crml109():
    text = template(f"""\
        CollaborationIdentifier: {MEMBERSHIP}
        ConfiguredModelAlgorithmAssociationArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:membership/x
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML109", "CRML109"]
    assert start_of(findings[0]) == position_of(text, "CollaborationIdentifier")
    assert start_of(findings[1]) == position_of(text, "ConfiguredModelAlgorithmAssociationArn")


# --- intrinsic functions and Fn::If -----------------------------------------------------------


def test_short_forms_template_findings():
    text = SHORT_FORMS_TEMPLATE.read_text(encoding="utf-8")

    findings = lint_paths([str(SHORT_FORMS_TEMPLATE)])

    assert [(finding.rule_id, finding.resource) for finding in findings] == [("CRML301", "ChurnAssociation")]
    assert start_of(findings[0]) == position_of(text, "20, 5]")


def test_intrinsic_values_not_judged():
    text = template(
        """\
        Description: !Join ["", [!Ref AWS::StackName, " model"]]
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              ContainerLogs: !Ref LogPolicies
              MaxArtifactSize: {Unit: !Ref Unit, Value: !GetAtt Limits.ArtifactGigabytes}
            TrainedModelExports:
              MaxSize: {Unit: GB, Value: !Select [0, [2, 4]]}
              FilesToExport: !Split [",", !ImportValue export-types]
        Tags:
          - Key: !Ref TagKey
            Value: "?!"
          - Key: stage
            Value: !Sub "${AWS::Region}"
        """,
        required="MembershipIdentifier: !Ref Membership\nConfiguredModelAlgorithmArn: !GetAtt Algorithm.Arn\nName: !Sub churn-${Stage}\n",
    )

    assert lint_template(text) == []


def test_sub_long_form_is_no_unknown_field():
    text = template(required=f'MembershipIdentifier: {{"Fn::Sub": "${{Membership}}"}}\nConfiguredModelAlgorithmArn: {ALGORITHM_ARN}\nName: n\n')

    assert lint_template(text) == []


def test_structure_around_intrinsic_still_judged():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              MaxArtifactSize: {Value: !Ref ArtifactGigabytes}
        """)

    findings = lint_template(text)

    assert [(finding.rule_id, finding.field_path) for finding in findings] == [
        ("CRML101", "PrivacyConfiguration.Policies.TrainedModels.MaxArtifactSize.Unit")
    ]


def test_if_with_valid_branches_is_clean():
    text = template("""\
        Description: !If [IsProduction, Production churn model, !Ref AWS::NoValue]
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              ContainerMetrics: {NoiseLevel: !If [IsProduction, HIGH, MEDIUM]}
              MaxArtifactSize: {Unit: GB, Value: !If [IsProduction, 10, 0.5]}
        """)

    assert lint_template(text) == []


def test_if_invalid_branch_reported_at_branch():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              ContainerMetrics: {NoiseLevel: !If [IsProduction, STRONG, HIGH]}
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML104"]
    assert start_of(findings[0]) == position_of(text, "STRONG")
    assert findings[0].field_path == "PrivacyConfiguration.Policies.TrainedModels.ContainerMetrics.NoiseLevel"


def test_if_second_branch_judged():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModelInferenceJobs:
              MaxOutputSize: {Unit: GB, Value: !If [IsProduction, 50, 60]}
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML301"]
    assert start_of(findings[0]) == position_of(text, "60")


def test_problem_outside_if_reported_once():
    text = template(
        "Description: !If [IsProduction, Production model, Test model]\n",
        required=f"MembershipIdentifier: {MEMBERSHIP}\nConfiguredModelAlgorithmArn: {ALGORITHM_ARN}\n",
    )

    findings = lint_template(text)

    assert summary(findings) == [("CRML101", "required field Name is missing")]


def test_no_value_branch_removes_required_property():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModelExports:
              MaxSize: !If [IsProduction, !Ref AWS::NoValue, {Unit: GB, Value: 2}]
              FilesToExport: [MODEL]
        """)

    findings = lint_template(text)

    assert [(finding.rule_id, finding.field_path) for finding in findings] == [
        ("CRML101", "PrivacyConfiguration.Policies.TrainedModelExports.MaxSize")
    ]


def test_no_value_branch_in_tag_list():
    text = template("""\
        Tags:
          - Key: team
            Value: data-science
          - !If [IsProduction, {Key: team, Value: production}, !Ref AWS::NoValue]
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML406"]
    assert start_of(findings[0]) == position_of(text, "team", occurrence=2)



def test_nested_if_inner_branches_judged():
    text = template(
        """\
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              ContainerMetrics:
                NoiseLevel: !If [IsProduction, HIGH, !If [IsEurope, NONE, LOW]]
        """,
        required=f'MembershipIdentifier: {MEMBERSHIP}\nConfiguredModelAlgorithmArn: {ALGORITHM_ARN}\nName: !If [IsProduction, good, !If [IsEurope, "", ok]]\n',
    )

    findings = lint_template(text)

    assert [(finding.rule_id, finding.field_path) for finding in findings] == [
        ("CRML105", "Name"),
        ("CRML501", "PrivacyConfiguration.Policies.TrainedModels.ContainerMetrics.NoiseLevel"),
    ]
    assert start_of(findings[0]) == position_of(text, '""')
    assert start_of(findings[1]) == position_of(text, "NONE")


def test_every_branch_of_if_chain_judged():
    # 60 deploys only when IsProduction is false and IsEurope true, and 70 only when all
    # three conditions are false.
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModelInferenceJobs:
              MaxOutputSize:
                Unit: GB
                Value: !If [IsProduction, 10, !If [IsEurope, 60, !If [IsOregon, 30, 70]]]
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML301", "CRML301"]
    assert start_of(findings[0]) == position_of(text, "60")
    assert start_of(findings[1]) == position_of(text, "70")


def test_if_inside_if_branch_mapping_judged():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModelExports: !If
              - IsProduction
              - MaxSize: {Unit: GB, Value: 2}
                FilesToExport: [MODEL]
              - MaxSize: {Unit: GB, Value: !If [IsEurope, 12, 4]}
                FilesToExport: [MODEL]
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML301"]
    assert start_of(findings[0]) == position_of(text, "12, 4")


def test_branch_contradicting_same_condition_skipped():
    # The inner Fn::If is reached only when IsProduction is false, so its first branch
    # never deploys.
    text = template(
        "",
        required=f'MembershipIdentifier: {MEMBERSHIP}\nConfiguredModelAlgorithmArn: {ALGORITHM_ARN}\nName: !If [IsProduction, good, !If [IsProduction, "", ok]]\n',
    )

    assert lint_template(text) == []


def test_same_condition_same_branch_everywhere():
    # Both values are invalid only together, and they never deploy together: IsProduction
    # picks the first branch of both Fn::If or the second branch of both.
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              MaxArtifactSize: {Unit: GB, Value: !If [IsEurope, 2, !If [IsProduction, 8, 4]]}
            TrainedModelExports:
              MaxSize: {Unit: GB, Value: !If [IsEurope, 2, !If [IsProduction, 8, 4]]}
              FilesToExport: [MODEL]
        """)

    assert lint_template(text) == []


def test_nested_if_problem_reported_once():
    text = template(
        "Description: !If [IsProduction, a, !If [IsEurope, b, !If [IsOregon, c, d]]]\n",
        required=f"MembershipIdentifier: {MEMBERSHIP}\nConfiguredModelAlgorithmArn: {ALGORITHM_ARN}\n",
    )

    findings = lint_template(text)

    assert summary(findings) == [("CRML101", "required field Name is missing")]


def test_variant_count_stays_small():
    chain = "!If [IsProduction, a, !If [IsEurope, b, !If [IsOregon, c, d]]]"
    side_by_side = "[!If [IsProduction, a, b], !If [IsEurope, c, d], !If [IsOregon, e, f]]"
    long_chain = "x"
    for depth in range(20):
        long_chain = f"!If [Condition{depth}, {depth}, {long_chain}]"
    cases = (
        ("Name: plain", 1),
        (f"Name: {side_by_side}", 2),
        (f"Name: {chain}", 4),
        (f"Name: {long_chain}", MAX_VARIANTS),
    )
    for properties, expected in cases:
        text = 'Resources:\n  A:\n    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation\n'
        text += f"    Properties: {{{properties}}}\n"
        association = recognise_one(text)

        assert 1 + len(association.alternatives) == expected, properties


def test_include_transform_in_properties_not_judged():
    text = template("""\
        Fn::Transform:
          Name: AWS::Include
          Parameters: {Location: s3://templates/association-properties.yaml}
        """)

    assert lint_template(text) == []


def test_include_transform_in_property_not_judged():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              Fn::Transform:
                Name: AWS::Include
                Parameters: {Location: s3://templates/trained-models-policy.yaml}
              ContainerMetrics: !Transform {Name: AWS::Include, Parameters: {Location: s3://templates/metrics.yaml}}
            TrainedModelExports:
              MaxSize: {Unit: GB, Value: 12}
              FilesToExport: [MODEL]
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML301"]
    assert start_of(findings[0]) == position_of(text, "12}")

# --- typing and CloudFormation's limits -------------------------------------------------------


def test_quoted_and_plain_numbers_both_accepted():
    for value in ('"5"', "5", "5.0", "'0.5'"):
        text = template(f"""\
            PrivacyConfiguration:
              Policies:
                TrainedModels:
                  MaxArtifactSize: {{Unit: GB, Value: {value}}}
            """)
        assert lint_template(text) == [], value


def test_quoted_number_above_limit_reported():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              MaxArtifactSize: {Unit: GB, Value: "10.5"}
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML301"]
    assert "10.5" in findings[0].message


def test_numbers_accepted_where_strings_expected():
    text = template(
        """\
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              ContainerLogs:
                - AllowedAccountIds: [111122223333, 444455556666]
                  LogType: ERROR_SUMMARY
                  LogRedactionConfiguration:
                    EntitiesToRedact: [ALL_PERSONALLY_IDENTIFIABLE_INFORMATION]
        Tags:
          - Key: cost-center
            Value: 4711
        """,
        required=f"MembershipIdentifier: {MEMBERSHIP}\nConfiguredModelAlgorithmArn: {ALGORITHM_ARN}\nName: 2024\n",
    )

    assert lint_template(text) == []


def test_yaml_1_1_octal_account_id_reported():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              ContainerLogs:
                - AllowedAccountIds: [010101010101]
                  LogType: ERROR_SUMMARY
                  LogRedactionConfiguration:
                    EntitiesToRedact: [ALL_PERSONALLY_IDENTIFIABLE_INFORMATION]
        """)

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML103"]
    assert 'quote it to make it a string: "010101010101"' in findings[0].message
    assert start_of(findings[0]) == position_of(text, "010101010101")


def test_yaml_1_1_boolean_word_reported():
    text = template("Tags: [{Key: approved, Value: yes}]\n")

    findings = lint_template(text)

    assert [finding.rule_id for finding in findings] == ["CRML103"]
    assert "yes is read as a boolean" in findings[0].message


def test_api_request_keeps_strict_types():
    request = (
        f"membershipIdentifier: {MEMBERSHIP}\nconfiguredModelAlgorithmArn: {ALGORITHM_ARN}\nname: n\n"
        "privacyConfiguration:\n  policies:\n    trainedModels:\n      maxArtifactSize: {unit: GB, value: \"5\"}\n"
    )

    assert [finding.rule_id for finding in lint_text(request, "request.yaml")] == ["CRML103"]


def test_cloudformation_size_limits():
    cases = (
        ("TrainedModels", "MaxArtifactSize", 10, 10.5),
        ("TrainedModelExports", "MaxSize", 10, 11),
        ("TrainedModelInferenceJobs", "MaxOutputSize", 50, 51),
    )
    for section, size, limit, above in cases:
        for value, expected in ((limit, []), (above, ["CRML301"])):
            policy = {size: {"Unit": "GB", "Value": value}}
            if section == "TrainedModelExports":
                policy["FilesToExport"] = ["MODEL"]
            # JSON is YAML, so the policy can be written inline.
            text = template(f"PrivacyConfiguration: {json.dumps({'Policies': {section: policy}})}\n")

            findings = lint_template(text)

            assert [finding.rule_id for finding in findings] == expected, (size, value)
            if expected:
                assert findings[0].message.endswith(f"above {limit} GB, CloudFormation's limit for {size}")


def test_duplicate_list_item_level_by_list():
    text = template("""\
        PrivacyConfiguration:
          Policies:
            TrainedModels:
              ContainerLogs:
                - AllowedAccountIds: ["111122223333", "111122223333", !Ref Auditor, !Ref Auditor]
                  LogType: ERROR_SUMMARY
                  LogRedactionConfiguration:
                    EntitiesToRedact: [ALL_PERSONALLY_IDENTIFIABLE_INFORMATION]
            TrainedModelExports:
              MaxSize: {Unit: GB, Value: 2}
              FilesToExport: [MODEL, MODEL]
        """)

    findings = lint_template(text)

    assert [(finding.rule_id, finding.level) for finding in findings] == [("CRML108", "warning"), ("CRML108", "error")]
    assert start_of(findings[0]) == position_of(text, '"111122223333"', occurrence=2)
    assert start_of(findings[1]) == position_of(text, "MODEL]")


# --- reports name the resource ------------------------------------------------------------------


def test_findings_carry_logical_ids():
    findings = lint_paths([str(SEVERAL_ASSOCIATIONS_TEMPLATE)])

    assert [(finding.resource, finding.rule_id) for finding in findings] == [
        ("ChurnAssociation", "CRML301"),
        ("RetentionAssociation", "CRML102"),
        ("LifetimeValueAssociation", "CRML403"),
    ]


def test_text_report_shows_logical_id():
    completed = subprocess.run(
        [*CRML_LINT, "check", str(SEVERAL_ASSOCIATIONS_TEMPLATE)],
        capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
    )
    lines = [line for line in completed.stdout.splitlines() if " CRML" in line]

    assert completed.returncode == 1
    assert [line.split()[2] for line in lines] == ["[ChurnAssociation]", "[RetentionAssociation]", "[LifetimeValueAssociation]"]


def test_sarif_logical_locations(sarif_problems):
    result = run([str(SEVERAL_ASSOCIATIONS_TEMPLATE)])
    stream = io.StringIO()
    write_report(result, "sarif", stream)
    log = stream.getvalue()

    locations = [sarif_result["locations"][0]["logicalLocations"] for sarif_result in json.loads(log)["runs"][0]["results"]]
    assert locations[1] == [
        {"name": "RetentionAssociation", "fullyQualifiedName": "Resources.RetentionAssociation", "kind": "resource"}
    ]
    assert len(locations) == 3
    assert sarif_problems(log) == []
