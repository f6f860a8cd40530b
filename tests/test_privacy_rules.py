"""The log, redaction and privacy-posture rules: CRML202, CRML204, CRML206 to CRML209, CRML501 to CRML503."""

from __future__ import annotations

import json
import re
import textwrap
import time
from pathlib import Path
from typing import Optional

import pytest

import crml_lint.line_coverage as line_coverage
from crml_lint import lint_paths, lint_text
from crml_lint.engine import InternalError
from crml_lint.settings import Settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

HEADER = """\
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
"""

FIRST_POLICY_LINE = 8
"""The line of the first log policy in a request built by `with_log_policies`."""


def with_log_policies(*policies: str, section: str = "trainedModels") -> str:
    """Build a request whose `section` has these log policies, each given as the YAML of one list item."""
    items = "".join(textwrap.indent(textwrap.dedent(policy).strip("\n") + "\n", " " * 8) for policy in policies)
    return HEADER + f"privacyConfiguration:\n  policies:\n    {section}:\n      containerLogs:\n{items}"


def lint(text: str, filename: str = "request.yaml", options: Optional[dict] = None):
    settings = Settings(rule_options=options) if options else None
    return lint_text(text, filename, settings)


def findings_of(rule_id: str, text: str, filename: str = "request.yaml", options: Optional[dict] = None):
    return [finding for finding in lint(text, filename, options) if finding.rule_id == rule_id]


def spanned(text: str, finding) -> str:
    """The source text a single-line finding points at."""
    span = finding.span
    assert span.start_line == span.end_line
    return text.splitlines()[span.start_line - 1][span.start_column - 1:span.end_column - 1]


def rule_ids(text: str, filename: str = "request.yaml", options: Optional[dict] = None) -> set[str]:
    return {finding.rule_id for finding in lint(text, filename, options)}


# CRML202 identifiers-without-custom-redaction

IDENTIFIERS_WITHOUT_CUSTOM = with_log_policies(
    """
    - allowedAccountIds: ["111122223333"]
      logType: ERROR_SUMMARY
      logRedactionConfiguration:
        entitiesToRedact: [NUMBERS]
        customEntityConfig:
          customDataIdentifiers: ['customer-[0-9]{6}']
    """
)


def test_identifiers_without_custom_point_at_config_key():
    findings = findings_of("CRML202", IDENTIFIERS_WITHOUT_CUSTOM)
    assert len(findings) == 1
    assert findings[0].level == "warning"
    assert findings[0].span.start_line == FIRST_POLICY_LINE + 4
    assert spanned(IDENTIFIERS_WITHOUT_CUSTOM, findings[0]) == "customEntityConfig"
    assert "does not list CUSTOM" in findings[0].message
    assert findings[0].message.startswith(
        "privacyConfiguration.policies.trainedModels.containerLogs[0].logRedactionConfiguration.customEntityConfig "
    )


def test_identifiers_with_custom_are_quiet():
    text = IDENTIFIERS_WITHOUT_CUSTOM.replace("[NUMBERS]", "[NUMBERS, CUSTOM]")
    assert lint(text) == []


def test_identifiers_rule_quiet_for_misspelt_custom():
    text = IDENTIFIERS_WITHOUT_CUSTOM.replace("[NUMBERS]", "[NUMBERS, custom]")
    assert rule_ids(text) == {"CRML104"}


def test_identifiers_rule_quiet_without_identifiers():
    text = IDENTIFIERS_WITHOUT_CUSTOM.replace("customDataIdentifiers: ['customer-[0-9]{6}']", "customDataIdentifiers: []")
    assert rule_ids(text) == {"CRML106"}


def test_custom_without_identifiers_is_only_crml201():
    text = with_log_policies(
        """
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
          logRedactionConfiguration:
            entitiesToRedact: [CUSTOM]
        """
    )
    assert rule_ids(text) == {"CRML201"}


def test_identifiers_without_custom_in_template_use_pascal_case():
    template = """\
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
            ContainerLogs:
              - AllowedAccountIds: ["111122223333"]
                LogType: ERROR_SUMMARY
                LogRedactionConfiguration:
                  EntitiesToRedact: [NUMBERS]
                  CustomEntityConfig:
                    CustomDataIdentifiers: ["CUST-[0-9]{6}"]
"""
    findings = findings_of("CRML202", template, "template.yaml")
    assert len(findings) == 1
    assert findings[0].span.start_line == 16
    assert spanned(template, findings[0]) == "CustomEntityConfig"
    assert "LogRedactionConfiguration.EntitiesToRedact does not list CUSTOM" in findings[0].message


# CRML204 invalid-custom-identifier


def identifier_request(*identifiers: str) -> str:
    listed = ", ".join(json.dumps(identifier) for identifier in identifiers)
    return with_log_policies(
        f"""
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
          logRedactionConfiguration:
            entitiesToRedact: [CUSTOM]
            customEntityConfig:
              customDataIdentifiers: [{listed}]
        """
    )


def test_invalid_identifier_points_at_unclosed_bracket():
    text = identifier_request("CUST-[0-9]{6}", "ACCT-[A-Z{4}")
    findings = findings_of("CRML204", text)
    assert len(findings) == 1
    assert findings[0].level == "error"
    assert spanned(text, findings[0]) == "["
    assert findings[0].span.start_column == text.splitlines()[FIRST_POLICY_LINE + 4].index("[A-Z{4}") + 1
    assert "customDataIdentifiers[1] is not a valid regular expression" in findings[0].message
    assert "never closed" in findings[0].message


def test_invalid_identifier_points_at_nothing_to_repeat():
    text = identifier_request("ID|*x")
    findings = findings_of("CRML204", text)
    assert len(findings) == 1
    assert spanned(text, findings[0]) == "*"
    assert "nothing to repeat" in findings[0].message


def test_invalid_identifier_in_escaped_json_string():
    request = {
        "membershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f",
        "configuredModelAlgorithmArn": (
            "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
        ),
        "name": "churn-training",
        "privacyConfiguration": {"policies": {"trainedModels": {"containerLogs": [{
            "allowedAccountIds": ["111122223333"],
            "logType": "ERROR_SUMMARY",
            "logRedactionConfiguration": {
                "entitiesToRedact": ["CUSTOM"],
                "customEntityConfig": {"customDataIdentifiers": ["\\d\\(x)"]},
            },
        }]}}},
    }
    text = json.dumps(request, indent=2)
    findings = findings_of("CRML204", text, "request.json")
    assert len(findings) == 1
    assert spanned(text, findings[0]) == ")"


@pytest.mark.parametrize("identifier, contract_rule", [("CUST%[0-9]", "CRML107"), ("(" * 201, "CRML105")])
def test_identifier_rejected_by_contract_is_not_crml204(identifier, contract_rule):
    assert rule_ids(identifier_request(identifier)) == {contract_rule}


def test_valid_identifiers_are_quiet():
    assert lint(identifier_request("CUST-[0-9]{6}", "ACCT_[A-Z]{4}", "(card|iban) [0-9 ]+")) == []


def test_identifier_characters_agree_with_schema():
    from crml_lint.rules import crml204_invalid_custom_identifier as rule
    import pkgutil

    schema = json.loads(pkgutil.get_data("crml_lint.schemas", "association.schema.json"))
    items = schema["$defs"]["logPolicy"]["properties"]["logRedactionConfiguration"]["properties"]
    pattern = items["customEntityConfig"]["properties"]["customDataIdentifiers"]["items"]["pattern"]
    for code in range(0x20, 0x250):
        character = chr(code)
        assert bool(rule._ACCEPTED_IDENTIFIER.match(character)) == bool(re.search(pattern, character)), repr(character)


# CRML206 ineffective-filter


def filter_request(pattern: str) -> str:
    return with_log_policies(
        f"""
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
          filterPattern: {json.dumps(pattern)}
        """
    )


@pytest.mark.parametrize(
    "pattern",
    ["", ".*", "^", "$", ".*?", "(.*)", "^.*$", "|x", "ERROR|", "ERROR||WARN", "\\s*", "x?", "(?i).*", "(?:)", "(?!x)", "a{0,3}"],
)
def test_filter_matching_every_line_is_reported(pattern):
    text = filter_request(pattern)
    findings = findings_of("CRML206", text)
    assert len(findings) == 1
    assert findings[0].level == "warning"
    assert findings[0].span.start_line == FIRST_POLICY_LINE + 2
    assert spanned(text, findings[0]) == json.dumps(pattern)
    assert "every log line" in findings[0].message or "every line" in findings[0].message


@pytest.mark.parametrize("pattern", [".", ".+", "[\\s\\S]", "(?=.)"])
def test_filter_matching_every_non_empty_line_is_reported(pattern):
    findings = findings_of("CRML206", filter_request(pattern))
    assert len(findings) == 1
    assert "every non-empty line" in findings[0].message


@pytest.mark.parametrize(
    "pattern",
    [
        "ERROR",
        "ERROR|Traceback",
        "^$",
        "\\S",
        "\\b",
        "^(?!DEBUG)",
        "^(?!\\[DEBUG\\])",
        "(?i)^(?!debug)",
        "^(?![A-Z])",
        "[0-9]{3}",
        "(?<!\\.)$",
        "^.{0,3}$",
        "^(?!\\d{4}-)",
        "^(?!level=)",
    ],
)
def test_filter_that_excludes_lines_is_quiet(pattern):
    assert findings_of("CRML206", filter_request(pattern)) == []


def test_invalid_filter_is_only_crml203():
    assert rule_ids(filter_request("(.*")) == {"CRML203"}


def test_empty_filter_message_says_empty():
    findings = findings_of("CRML206", filter_request(""))
    assert "filterPattern is empty" in findings[0].message


def test_slow_filter_is_left_undecided(monkeypatch):
    # A line of many a's makes this pattern backtrack exponentially before it tries the
    # empty branch, so the time budget runs out and the pattern is not judged.
    monkeypatch.setattr(line_coverage, "_FIXED_LINES", line_coverage._FIXED_LINES + ("a" * 40 + "!",))
    started = time.monotonic()
    assert line_coverage.lines_matched("^(?:(a|a)+$|)") is None
    assert time.monotonic() - started < 1.0


# CRML207 unredacted-logs and CRML208 pii-not-redacted


def test_all_logs_without_redaction_point_at_log_type():
    text = with_log_policies(
        """
        - allowedAccountIds: ["111122223333"]
          logType: ALL
        """
    )
    findings = findings_of("CRML207", text)
    assert len(findings) == 1
    assert findings[0].level == "warning"
    assert findings[0].span.start_line == FIRST_POLICY_LINE + 1
    assert spanned(text, findings[0]) == "ALL"
    assert findings[0].message.startswith("privacyConfiguration.policies.trainedModels.containerLogs[0].logType is ALL")
    assert "logRedactionConfiguration" in findings[0].message


def test_unset_log_type_points_at_accounts():
    text = with_log_policies(
        """
        - allowedAccountIds: ["111122223333"]
          filterPattern: ERROR
        """,
        section="trainedModelInferenceJobs",
    )
    findings = findings_of("CRML207", text)
    assert len(findings) == 1
    assert findings[0].span.start_line == FIRST_POLICY_LINE
    assert spanned(text, findings[0]) == "allowedAccountIds"
    assert "logType is unset, which crml-lint reads as ALL" in findings[0].message
    assert "trainedModelInferenceJobs.containerLogs[0]" in findings[0].message


def test_unset_log_type_without_accounts_points_at_policy_start():
    text = with_log_policies(
        """
        - filterPattern: ERROR
        """
    )
    findings = findings_of("CRML207", text)
    assert len(findings) == 1
    assert (findings[0].span.start_line, findings[0].span.start_column) == (FIRST_POLICY_LINE, 11)
    assert "CRML101" in rule_ids(text)


@pytest.mark.parametrize(
    "policy",
    [
        """
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
        """,
        """
        - allowedAccountIds: ["111122223333"]
          logType: ALL
          logRedactionConfiguration:
            entitiesToRedact: [ALL_PERSONALLY_IDENTIFIABLE_INFORMATION]
        """,
    ],
    ids=["error-summary", "redacted"],
)
def test_summary_or_redacted_logs_are_quiet(policy):
    assert lint(with_log_policies(policy)) == []


def test_invalid_log_type_is_only_crml104():
    text = with_log_policies(
        """
        - allowedAccountIds: ["111122223333"]
          logType: all
        """
    )
    assert rule_ids(text) == {"CRML104"}


def test_missing_pii_points_at_entities_key():
    text = with_log_policies(
        """
        - allowedAccountIds: ["111122223333"]
          logType: ALL
          logRedactionConfiguration:
            entitiesToRedact:
              - NUMBERS
        """
    )
    findings = findings_of("CRML208", text)
    assert len(findings) == 1
    assert findings[0].level == "note"
    assert findings[0].span.start_line == FIRST_POLICY_LINE + 3
    assert spanned(text, findings[0]) == "entitiesToRedact"
    assert "does not list ALL_PERSONALLY_IDENTIFIABLE_INFORMATION while logType is ALL" in findings[0].message
    assert rule_ids(text) == {"CRML208"}


def test_unset_log_type_without_personal_information_says_so():
    text = with_log_policies(
        """
        - allowedAccountIds: ["111122223333"]
          logRedactionConfiguration:
            entitiesToRedact: [CUSTOM]
            customEntityConfig:
              customDataIdentifiers: ['CUST-[0-9]{6}']
        """
    )
    findings = findings_of("CRML208", text)
    assert len(findings) == 1
    assert "logType is unset, which crml-lint reads as ALL" in findings[0].message


@pytest.mark.parametrize(
    "entities, expected_rules",
    [
        ("[ALL_PERSONALLY_IDENTIFIABLE_INFORMATION]", set()),
        ("[NUMBERS, ALL_PERSONALLY_IDENTIFIABLE_INFORMATION]", set()),
        ("[all_personally_identifiable_information]", {"CRML104"}),
        ("[]", {"CRML106"}),
    ],
)
def test_personal_information_rule_quiet_cases(entities, expected_rules):
    text = with_log_policies(
        f"""
        - allowedAccountIds: ["111122223333"]
          logType: ALL
          logRedactionConfiguration:
            entitiesToRedact: {entities}
        """
    )
    assert rule_ids(text) == expected_rules


def test_error_summary_without_personal_information_is_quiet():
    text = with_log_policies(
        """
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
          logRedactionConfiguration:
            entitiesToRedact: [NUMBERS]
        """
    )
    assert lint(text) == []


# CRML209 duplicate-log-recipient


def test_account_in_two_policies_reported_at_second():
    text = with_log_policies(
        """
        - allowedAccountIds: ["111122223333", "444455556666"]
          logType: ERROR_SUMMARY
        """,
        """
        - allowedAccountIds: ["777788889999", "444455556666"]
          logType: ERROR_SUMMARY
          filterPattern: Traceback
        """,
    )
    findings = findings_of("CRML209", text)
    assert len(findings) == 1
    assert findings[0].level == "warning"
    assert findings[0].span.start_line == FIRST_POLICY_LINE + 2
    assert spanned(text, findings[0]) == '"444455556666"'
    assert "containerLogs[1].allowedAccountIds[1]" in findings[0].message
    assert "through trainedModels.containerLogs[0]" in findings[0].message


def test_each_later_policy_names_the_first():
    policy = """
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
          filterPattern: {pattern}
        """
    text = with_log_policies(*(policy.format(pattern=pattern) for pattern in ("ERROR", "WARN", "FATAL")))
    findings = findings_of("CRML209", text)
    assert [finding.span.start_line for finding in findings] == [FIRST_POLICY_LINE + 3, FIRST_POLICY_LINE + 6]
    assert all("through trainedModels.containerLogs[0]" in finding.message for finding in findings)


def test_same_account_in_both_sections_is_quiet():
    text = HEADER + textwrap.dedent(
        """\
        privacyConfiguration:
          policies:
            trainedModels:
              containerLogs:
                - allowedAccountIds: ["111122223333"]
                  logType: ERROR_SUMMARY
            trainedModelInferenceJobs:
              containerLogs:
                - allowedAccountIds: ["111122223333"]
                  logType: ERROR_SUMMARY
        """
    )
    assert lint(text) == []


def test_account_twice_in_one_policy_is_only_crml108():
    text = with_log_policies(
        """
        - allowedAccountIds: ["111122223333", "111122223333"]
          logType: ERROR_SUMMARY
        """
    )
    assert rule_ids(text) == {"CRML108"}


def test_identical_policies_are_only_crml108():
    policy = """
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
        """
    assert rule_ids(with_log_policies(policy, policy)) == {"CRML108"}


# CRML501 weak-metrics-noise


def noise_request(level: str) -> str:
    return HEADER + textwrap.dedent(
        f"""\
        privacyConfiguration:
          policies:
            trainedModels:
              containerMetrics:
                noiseLevel: {level}
        """
    )


def test_no_noise_is_reported_at_level():
    text = noise_request("NONE")
    findings = findings_of("CRML501", text)
    assert len(findings) == 1
    assert findings[0].level == "warning"
    assert findings[0].span.start_line == 8
    assert spanned(text, findings[0]) == "NONE"
    assert "set LOW, MEDIUM or HIGH" in findings[0].message


@pytest.mark.parametrize("level", ["LOW", "MEDIUM", "HIGH"])
def test_any_noise_passes_default_minimum(level):
    assert lint(noise_request(level)) == []


@pytest.mark.parametrize(
    "minimum, level, reported",
    [("MEDIUM", "LOW", True), ("MEDIUM", "MEDIUM", False), ("high", "MEDIUM", True), ("HIGH", "HIGH", False), ("MEDIUM", "NONE", True)],
)
def test_noise_below_configured_minimum(minimum, level, reported):
    findings = findings_of("CRML501", noise_request(level), options={"CRML501": {"minimum_noise_level": minimum}})
    assert bool(findings) == reported
    if reported and level != "NONE":
        assert f"minimum of {minimum.upper()}" in findings[0].message


@pytest.mark.parametrize("minimum", ["NONE", "LOUD", 2])
def test_invalid_noise_minimum_stops_run(minimum):
    with pytest.raises(InternalError, match="option minimum-noise-level of CRML501"):
        lint(noise_request("LOW"), options={"CRML501": {"minimum_noise_level": minimum}})


def test_invalid_noise_level_is_only_crml104():
    assert rule_ids(noise_request("none")) == {"CRML104"}


# CRML502 log-recipient-not-allowed

RECIPIENTS = HEADER + textwrap.dedent(
    """\
    privacyConfiguration:
      policies:
        trainedModels:
          containerLogs:
            - allowedAccountIds: ["111122223333", "444455556666"]
              logType: ERROR_SUMMARY
        trainedModelInferenceJobs:
          containerLogs:
            - allowedAccountIds:
                - "777788889999"
              logType: ERROR_SUMMARY
    """
)


def test_recipients_inactive_by_default():
    assert lint(RECIPIENTS) == []


def test_recipients_outside_list_are_each_reported():
    findings = findings_of("CRML502", RECIPIENTS, options={"CRML502": {"allowed_account_ids": ["111122223333"]}})
    assert [(finding.span.start_line, spanned(RECIPIENTS, finding)) for finding in findings] == [
        (8, '"444455556666"'),
        (13, '"777788889999"'),
    ]
    assert all(finding.level == "error" for finding in findings)
    assert "trainedModelInferenceJobs.containerLogs[0].allowedAccountIds[0]" in findings[1].message
    assert "(111122223333)" in findings[1].message


def test_recipients_inside_list_are_quiet():
    options = {"CRML502": {"allowed_account_ids": ["111122223333", "444455556666", "777788889999"]}}
    assert lint(RECIPIENTS, options=options) == []


def test_invalid_account_id_is_only_crml107():
    text = RECIPIENTS.replace("444455556666", "44445555666")
    assert rule_ids(text, options={"CRML502": {"allowed_account_ids": ["111122223333", "777788889999"]}}) == {"CRML107"}


@pytest.mark.parametrize("allowed", ["111122223333", [111122223333]])
def test_invalid_account_option_stops_run(allowed):
    with pytest.raises(InternalError, match="option allowed-account-ids of CRML502"):
        lint(RECIPIENTS, options={"CRML502": {"allowed_account_ids": allowed}})


# CRML503 export-not-allowed

EXPORTS = HEADER + textwrap.dedent(
    """\
    privacyConfiguration:
      policies:
        trainedModelExports:
          maxSize: {unit: GB, value: 5}
          filesToExport:
            - MODEL
            - OUTPUT
    """
)


def test_exports_inactive_by_default():
    assert lint(EXPORTS) == []


@pytest.mark.parametrize("allowed, expected", [(["MODEL"], [(10, "OUTPUT")]), (["output"], [(9, "MODEL")]), (["MODEL", "OUTPUT"], [])])
def test_exports_outside_list_are_reported(allowed, expected):
    findings = findings_of("CRML503", EXPORTS, options={"CRML503": {"allowed_export_files": allowed}})
    assert [(finding.span.start_line, spanned(EXPORTS, finding)) for finding in findings] == expected
    assert all(finding.level == "error" for finding in findings)


def test_invalid_export_value_is_only_crml104():
    text = EXPORTS.replace("- OUTPUT", "- OUTPUTS")
    assert rule_ids(text, options={"CRML503": {"allowed_export_files": ["MODEL"]}}) == {"CRML104"}


@pytest.mark.parametrize("allowed", [["WEIGHTS"], "MODEL"])
def test_invalid_export_option_stops_run(allowed):
    with pytest.raises(InternalError, match="option allowed-export-files of CRML503"):
        lint(EXPORTS, options={"CRML503": {"allowed_export_files": allowed}})


# The clean example


def test_clean_example_stays_clean():
    assert lint_paths([str(EXAMPLES / "clean-association.yaml")]) == []


def test_clean_example_passes_strict_policy():
    strict = {
        "CRML303": {"max_artifact_size_gb": 5, "max_export_size_gb": 2, "max_output_size_gb": 20},
        "CRML407": {"required_tags": ["Owner", "CostCenter"]},
        "CRML501": {"minimum_noise_level": "HIGH"},
        "CRML502": {"allowed_account_ids": ["111122223333"]},
        "CRML503": {"allowed_export_files": ["MODEL"]},
    }
    findings = lint_paths([str(EXAMPLES / "clean-association.yaml")], Settings(rule_options=strict))
    assert [f"{finding.rule_id} {finding.message}" for finding in findings] == []


# Field names in CloudFormation templates: messages and fixes spell them in PascalCase


def template_with_policies(policies: str) -> str:
    """Build a template whose association has these policies, given as the YAML below `Policies:`."""
    header = """\
Resources:
  Churn:
    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation
    Properties:
      MembershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
      ConfiguredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
      Name: churn-training
      PrivacyConfiguration:
        Policies:
"""
    return header + textwrap.indent(textwrap.dedent(policies).strip("\n") + "\n", " " * 10)


CAMEL_CASE_FIELDS = re.compile(
    r"\b(customEntityConfig|customDataIdentifiers|entitiesToRedact|logRedactionConfiguration|logType|filterPattern|noiseLevel)\b"
)


@pytest.mark.parametrize(
    ("rule_id", "policies", "message_part", "fix"),
    [
        (
            "CRML201",
            """
            TrainedModels:
              ContainerLogs:
                - AllowedAccountIds: ["111122223333"]
                  LogType: ERROR_SUMMARY
                  LogRedactionConfiguration:
                    EntitiesToRedact: [CUSTOM]
            """,
            "add CustomEntityConfig.CustomDataIdentifiers with the patterns to redact",
            None,
        ),
        (
            "CRML202",
            """
            TrainedModels:
              ContainerLogs:
                - AllowedAccountIds: ["111122223333"]
                  LogType: ERROR_SUMMARY
                  LogRedactionConfiguration:
                    EntitiesToRedact: [NUMBERS]
                    CustomEntityConfig:
                      CustomDataIdentifiers: ["CUST-[0-9]{6}"]
            """,
            "or remove CustomEntityConfig",
            "add CUSTOM to EntitiesToRedact",
        ),
        (
            "CRML206",
            """
            TrainedModels:
              ContainerLogs:
                - AllowedAccountIds: ["111122223333"]
                  LogType: ERROR_SUMMARY
                  FilterPattern: ".*"
            """,
            "or remove FilterPattern if every line is meant to be delivered",
            None,
        ),
        (
            "CRML207",
            """
            TrainedModels:
              ContainerLogs:
                - AllowedAccountIds: ["111122223333"]
                  LogType: ALL
            """,
            "LogType is ALL and the policy has no LogRedactionConfiguration, so every log line reaches its accounts "
            "unredacted; add a LogRedactionConfiguration, for example with EntitiesToRedact: "
            "[ALL_PERSONALLY_IDENTIFIABLE_INFORMATION], or set LogType to ERROR_SUMMARY",
            None,
        ),
        (
            "CRML207",
            """
            TrainedModels:
              ContainerLogs:
                - AllowedAccountIds: ["111122223333"]
            """,
            "ContainerLogs[0] has no LogRedactionConfiguration and LogType is unset, which crml-lint reads as ALL",
            None,
        ),
        (
            "CRML208",
            """
            TrainedModels:
              ContainerLogs:
                - AllowedAccountIds: ["111122223333"]
                  LogType: ALL
                  LogRedactionConfiguration:
                    EntitiesToRedact: [NUMBERS]
            """,
            "does not list ALL_PERSONALLY_IDENTIFIABLE_INFORMATION while LogType is ALL",
            "add ALL_PERSONALLY_IDENTIFIABLE_INFORMATION to EntitiesToRedact",
        ),
        (
            "CRML208",
            """
            TrainedModels:
              ContainerLogs:
                - AllowedAccountIds: ["111122223333"]
                  LogRedactionConfiguration:
                    EntitiesToRedact: [NUMBERS]
            """,
            "while LogType is unset, which crml-lint reads as ALL",
            "add ALL_PERSONALLY_IDENTIFIABLE_INFORMATION to EntitiesToRedact",
        ),
        (
            "CRML501",
            """
            TrainedModels:
              ContainerMetrics:
                NoiseLevel: NONE
            """,
            "PrivacyConfiguration.Policies.TrainedModels.ContainerMetrics.NoiseLevel is NONE",
            "set NoiseLevel to LOW",
        ),
    ],
)
def test_template_messages_use_pascal_case(rule_id, policies, message_part, fix):
    findings = findings_of(rule_id, template_with_policies(policies), "template.yaml")

    assert len(findings) == 1
    assert message_part in findings[0].message
    assert findings[0].fix == fix
    assert CAMEL_CASE_FIELDS.search(findings[0].message) is None
    assert CAMEL_CASE_FIELDS.search(findings[0].fix or "") is None


@pytest.mark.parametrize(
    ("rule_id", "policy", "message_part", "fix"),
    [
        ("CRML201", "logRedactionConfiguration: {entitiesToRedact: [CUSTOM]}", "add customEntityConfig.customDataIdentifiers", None),
        ("CRML206", 'filterPattern: ".*"', "or remove filterPattern", None),
        ("CRML207", "logType: ALL", "or set logType to ERROR_SUMMARY", None),
        (
            "CRML208",
            "logRedactionConfiguration: {entitiesToRedact: [NUMBERS]}",
            "while logType is unset",
            "add ALL_PERSONALLY_IDENTIFIABLE_INFORMATION to entitiesToRedact",
        ),
    ],
)
def test_request_messages_keep_camel_case(rule_id, policy, message_part, fix):
    text = with_log_policies(f'- allowedAccountIds: ["111122223333"]\n  {policy}')
    findings = findings_of(rule_id, text)

    assert len(findings) == 1
    assert message_part in findings[0].message
    assert findings[0].fix == fix
