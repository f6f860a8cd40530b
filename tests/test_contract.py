"""The API-contract check: each schema error becomes one finding of the right rule, at the right place.

Inputs go through the real entry point, `crml_lint.lint_text`, so the loaders, the format
recognition and the engine take part as they do for users.
"""

from __future__ import annotations

import copy
import json
import re
import time
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import pytest

from crml_lint import lint_text
from crml_lint.association import Association
from crml_lint.contract import HANDLED_KEYWORDS, check_contract
from crml_lint.document import MappingNode, Node, SequenceNode, format_path
from crml_lint.formats.api_request import API_REQUEST
from crml_lint.loading import load
from crml_lint.source import SourceFile

CONTRACT_RULES = {f"CRML10{n}" for n in range(1, 9)} | {"CRML301", "CRML302", "CRML401", "CRML402", "CRML403", "CRML404"}

MEMBERSHIP = "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f"
ALGORITHM = "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"

BASE = {"membershipIdentifier": MEMBERSHIP, "configuredModelAlgorithmArn": ALGORITHM, "name": "churn-training"}

# A request that sets every field the API defines, each to a valid value.
FULL_REQUEST = {
    **BASE,
    "description": "Churn model trained on the shared customer table.",
    "privacyConfiguration": {
        "policies": {
            "trainedModels": {
                "containerLogs": [
                    {
                        "allowedAccountIds": ["111122223333"],
                        "filterPattern": "ERROR",
                        "logType": "ALL",
                        "logRedactionConfiguration": {
                            "entitiesToRedact": ["ALL_PERSONALLY_IDENTIFIABLE_INFORMATION", "CUSTOM"],
                            "customEntityConfig": {"customDataIdentifiers": ["CUST-[0-9]{6}"]},
                        },
                    }
                ],
                "containerMetrics": {"noiseLevel": "HIGH"},
                "maxArtifactSize": {"unit": "GB", "value": 10},
            },
            "trainedModelExports": {"maxSize": {"unit": "GB", "value": 10}, "filesToExport": ["MODEL", "OUTPUT"]},
            "trainedModelInferenceJobs": {
                "containerLogs": [{"allowedAccountIds": ["444455556666"], "logType": "ERROR_SUMMARY"}],
                "maxOutputSize": {"unit": "GB", "value": 50},
            },
        }
    },
    "tags": {"team": "data-science"},
}



def _skeleton_text() -> str:
    return (Path(__file__).parent / "inputs" / "cli-skeleton.json").read_text(encoding="utf-8")


def _contract(text: str, filename: str = "request.json") -> list:
    """The findings of the contract rules (and CRML108) for one input."""
    return [finding for finding in lint_text(text, filename) if finding.rule_id in CONTRACT_RULES]


def _request(**fields: Any) -> str:
    """The base request with `fields` set (None removes one), as indented JSON."""
    request = {**BASE, **fields}
    return json.dumps({key: value for key, value in request.items() if value is not None}, indent=2)


def _position(text: str, token: str, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based line and column where `token` occurs in `text` for the given time."""
    index = -1
    for _ in range(occurrence):
        index = text.index(token, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _where(finding) -> tuple[int, int]:
    return finding.span.start_line, finding.span.start_column


def _only(findings: list, rule_id: str):
    """The one finding of the list, which must be of `rule_id`."""
    assert [finding.rule_id for finding in findings] == [rule_id], [f"{f.rule_id} {f.message}" for f in findings]
    return findings[0]


# The unedited output of `aws cleanroomsml create-configured-model-algorithm-association
# --generate-cli-skeleton input`.


def test_skeleton_findings_at_each_placeholder():
    text = _skeleton_text()
    lines = text.splitlines()

    def value_of(key: str, occurrence: int = 1) -> tuple[int, int]:
        line, column = _position(text, f'"{key}":', occurrence)
        return line, lines[line - 1].index(":", column) + 3

    def item_of(key: str, occurrence: int) -> tuple[int, int]:
        line, _ = _position(text, f'"{key}":', occurrence)
        return line + 1, lines[line].index('""') + 1

    expected = {
        ("CRML105", *value_of("membershipIdentifier")),
        ("CRML105", *value_of("configuredModelAlgorithmArn")),
        ("CRML105", *value_of("name")),
        ("CRML107", *item_of("allowedAccountIds", 1)),
        ("CRML107", *item_of("allowedAccountIds", 2)),
        ("CRML105", *item_of("customDataIdentifiers", 1)),
        ("CRML105", *item_of("customDataIdentifiers", 2)),
        ("CRML302", *value_of("value", 1)),
        ("CRML302", *value_of("value", 2)),
        ("CRML302", *value_of("value", 3)),
    }

    findings = _contract(text, "cli-skeleton.json")

    assert {(finding.rule_id, *_where(finding)) for finding in findings} == expected
    assert len(findings) == len(expected)


def test_skeleton_description_and_empty_tag_value_pass():
    text = _skeleton_text()
    allowed_lines = {_position(text, '"description"')[0], _position(text, '"KeyName"')[0]}

    findings = lint_text(text, "cli-skeleton.json")

    assert [f"{f.rule_id} {f.message}" for f in findings if f.span.start_line in allowed_lines] == []


def test_valid_full_request_has_no_contract_finding():
    assert _contract(json.dumps(FULL_REQUEST, indent=2)) == []


# CRML101 missing-required-field


def test_missing_top_level_field_points_at_request_start():
    text = _request(name=None)

    finding = _only(_contract(text), "CRML101")

    assert _where(finding) == (1, 1)
    assert (finding.span.end_line, finding.span.end_column) == (1, 2)
    assert finding.message == "required field name is missing"
    assert finding.field_path == "name"
    assert '"churn-training"' in finding.fix


def test_missing_nested_field_points_at_parent_key():
    text = _request(privacyConfiguration={"policies": {"trainedModelExports": {"filesToExport": ["MODEL"]}}})

    finding = _only(_contract(text), "CRML101")

    assert _where(finding) == _position(text, '"trainedModelExports"')
    assert "privacyConfiguration.policies.trainedModelExports.maxSize" in finding.message


def test_missing_field_of_list_item_points_at_item():
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"containerLogs": [{"logType": "ERROR_SUMMARY"}]}}})

    finding = _only(_contract(text), "CRML101")

    assert _where(finding) == _position(text, "{", 5)
    assert "containerLogs[0].allowedAccountIds" in finding.message


def test_each_missing_field_is_one_finding():
    text = json.dumps({"privacyConfiguration": {"policies": {}}, "tags": {}})

    findings = _contract(text)

    assert sorted(finding.field_path for finding in findings) == ["configuredModelAlgorithmArn", "membershipIdentifier", "name"]


def test_misspelt_required_field_is_only_unknown():
    text = json.dumps({"MembershipIdentifier": MEMBERSHIP, "configuredModelAlgorithmArn": ALGORITHM, "name": "x"})

    finding = _only(_contract(text), "CRML102")

    assert finding.message == 'unknown field "MembershipIdentifier"; did you mean "membershipIdentifier"?'


def test_missing_field_named_in_template_key_style():
    # A CloudFormation format presents PascalCase keys as the API's fields; the canonical
    # document keeps the API's names and each node's user path keeps the user's.
    source = SourceFile.from_bytes("template.json", json.dumps({"Name": "x", "PrivacyConfiguration": {}}).encode())
    root = load(source, "json").documents[0].root
    canonical = MappingNode(root.span, ("Resources", "Association", "Properties"), root.key)
    for key, value in root.items():
        api_name = key[0].lower() + key[1:]
        _move_under(value, ("Resources", "Association", "Properties"))
        canonical.set(_renamed_key(value.key, api_name), value)
    association = Association(document=canonical, input_format=API_REQUEST, source=source)

    messages = sorted(problem.message for problem in check_contract(association))

    assert "required field Resources.Association.Properties.PrivacyConfiguration.Policies is missing" in messages
    assert "required field Resources.Association.Properties.MembershipIdentifier is missing" in messages


def _move_under(node: Node, prefix: tuple) -> None:
    node.user_path = prefix + node.user_path
    if isinstance(node, MappingNode):
        for _, child in node.items():
            _move_under(child, prefix)
    elif isinstance(node, SequenceNode):
        for child in node:
            _move_under(child, prefix)


def _renamed_key(key, name):
    renamed = copy.copy(key)
    renamed.value = name
    return renamed


# CRML102 unknown-field


def test_unknown_fields_one_finding_each():
    text = _request(descripton="x", colour="blue")

    findings = _contract(text)

    assert [finding.rule_id for finding in findings] == ["CRML102", "CRML102"]
    assert _where(findings[0]) == _position(text, '"descripton"')
    assert _where(findings[1]) == _position(text, '"colour"')
    assert findings[0].message == 'unknown field "descripton"; did you mean "description"?'
    assert findings[0].fix == 'rename it to "description"'


def test_unknown_field_without_close_name_lists_fields():
    text = _request(privacyConfiguration={"policies": {"training": {}}})

    finding = _only(_contract(text), "CRML102")

    assert finding.field_path == "privacyConfiguration.policies.training"
    assert "trainedModels, trainedModelExports, trainedModelInferenceJobs" in finding.message


@pytest.mark.parametrize("filename", ["request.json", "request.yaml"])
def test_many_unknown_fields_take_linear_time(filename):
    # A check that loops over every key of the document for each unknown key takes
    # minutes here, while a linear one takes about a second. The budget allows for a busy machine.
    request = {**BASE, **{f"unknownKey{index}": index for index in range(20_000)}}
    text = json.dumps(request, indent=2) if filename.endswith(".json") else "".join(
        f"{key}: {json.dumps(value)}\n" for key, value in request.items()
    )

    started = time.perf_counter()
    findings = _contract(text, filename)
    elapsed = time.perf_counter() - started

    unknown = [finding for finding in findings if finding.rule_id == "CRML102"]
    assert len(unknown) == 20_000
    assert unknown[-1].message == (
        'unknown field "unknownKey19999"; the fields of the request are membershipIdentifier, '
        "configuredModelAlgorithmArn, name, description, privacyConfiguration, tags"
    )
    assert elapsed < 10, f"linting 20,000 unknown fields took {elapsed:.1f} s"


def test_separator_spelling_suggests_field():
    text = _request(privacyConfiguration={"policies": {"trained_model_exports": {}}})

    finding = _only(_contract(text), "CRML102")

    assert finding.message.endswith('did you mean "trainedModelExports"?')


# CRML103 wrong-type


@pytest.mark.parametrize(
    ("written", "reading"),
    [("111122223333", "an integer"), ("012345670123", "an integer"), ("1.5e3", "a number"), ("true", "a boolean")],
)
def test_plain_yaml_scalar_read_as_other_type(written, reading):
    text = f"""membershipIdentifier: {MEMBERSHIP}
configuredModelAlgorithmArn: {ALGORITHM}
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: [{written}]
"""
    finding = _only(_contract(text, "request.yaml"), "CRML103")

    assert _where(finding) == _position(text, written + "]")
    assert finding.message == f'{written} is read as {reading}; quote it to make it a string: "{written}"'


@pytest.mark.parametrize("written", ["yes", "on", "2024-01-01"])
def test_yaml_1_1_words_are_strings_in_requests(written):
    # The AWS CLI v2 reads --cli-input-yaml with the YAML 1.2 core schema, where these are strings.
    text = f"membershipIdentifier: {MEMBERSHIP}\nconfiguredModelAlgorithmArn: {ALGORITHM}\nname: {written}\n"

    assert _contract(text, "request.yaml") == []


def test_number_in_json_for_string():
    text = _request(name=42)

    finding = _only(_contract(text), "CRML103")

    assert finding.message == '42 is read as an integer; quote it to make it a string: "42"'
    assert finding.fix == 'write "42"'


def test_quoted_number_for_size():
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"maxArtifactSize": {"unit": "GB", "value": "10"}}}})

    finding = _only(_contract(text), "CRML103")

    assert _where(finding) == _position(text, '"10"')
    assert finding.fix == "write 10"


def test_boolean_is_not_a_number():
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"maxArtifactSize": {"unit": "GB", "value": True}}}})

    finding = _only(_contract(text), "CRML103")

    assert finding.message == "privacyConfiguration.policies.trainedModels.maxArtifactSize.value must be a number, not a boolean"


def test_scalar_for_list_suggests_list():
    text = _request(privacyConfiguration={"policies": {"trainedModelExports": {
        "maxSize": {"unit": "GB", "value": 5}, "filesToExport": "MODEL"}}})

    finding = _only(_contract(text), "CRML103")

    assert finding.message == 'privacyConfiguration.policies.trainedModelExports.filesToExport must be a list, not a string; put the value in a list: ["MODEL"]'


def test_list_for_object():
    finding = _only(_contract(_request(privacyConfiguration=[])), "CRML103")

    assert finding.message == "privacyConfiguration must be an object, not a list"


def test_null_value():
    text = f"membershipIdentifier: {MEMBERSHIP}\nconfiguredModelAlgorithmArn: {ALGORITHM}\nname:\n"

    finding = _only(_contract(text, "request.yaml"), "CRML103")

    assert finding.message == "name has no value (it is read as null); it must be a string"


def test_wrong_type_hides_other_errors_of_value():
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"maxArtifactSize": {"unit": 5, "value": 5}}}})

    _only(_contract(text), "CRML103")


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf"])
def test_non_finite_size_is_reported_once(written):
    text = f"""membershipIdentifier: {MEMBERSHIP}
configuredModelAlgorithmArn: {ALGORITHM}
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      maxArtifactSize: {{unit: GB, value: {written}}}
"""
    findings = _contract(text, "request.yaml")

    assert [finding.rule_id for finding in findings] == ["CRML103"]


# CRML104 invalid-enum-value


@pytest.mark.parametrize(
    ("field", "written", "suggested"),
    [("logType", "error_summary", "ERROR_SUMMARY"), ("logType", "Error Summary", "ERROR_SUMMARY"),
     ("logType", "all", "ALL")],
)
def test_enum_spelling_is_suggested(field, written, suggested):
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"containerLogs": [
        {"allowedAccountIds": ["111122223333"], field: written}]}}})

    finding = _only(_contract(text), "CRML104")

    assert _where(finding) == _position(text, json.dumps(written))
    assert finding.message == f'privacyConfiguration.policies.trainedModels.containerLogs[0].{field} has the invalid value "{written}"; did you mean "{suggested}"?'
    assert finding.fix == f'write "{suggested}"'


def test_enum_item_with_separators_is_suggested():
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"containerLogs": [
        {"allowedAccountIds": ["111122223333"],
         "logRedactionConfiguration": {"entitiesToRedact": ["all-personally-identifiable-information"]}}]}}})

    finding = _only(_contract(text), "CRML104")

    assert finding.fix == 'write "ALL_PERSONALLY_IDENTIFIABLE_INFORMATION"'
    assert finding.field_path.endswith("entitiesToRedact[0]")


def test_unknown_enum_value_lists_values():
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"containerMetrics": {"noiseLevel": "EXTREME"}}}})

    finding = _only(_contract(text), "CRML104")

    assert finding.message == 'privacyConfiguration.policies.trainedModels.containerMetrics.noiseLevel has the invalid value "EXTREME"; the valid values are HIGH, MEDIUM, LOW, NONE'


# CRML105 length-out-of-range


def test_empty_membership_is_length_not_pattern():
    text = _request(membershipIdentifier="")

    finding = _only(_contract(text), "CRML105")

    assert finding.message.startswith("membershipIdentifier is empty; it must have exactly 36 characters, a lowercase UUID such as ")


def test_long_name():
    text = _request(name="n" * 64)

    finding = _only(_contract(text), "CRML105")

    assert finding.message == "name has 64 characters; it must have 1 to 63 characters"


def test_name_length_counts_characters_not_bytes():
    assert _contract(_request(name="\u00e9" * 63)) == []
    assert _contract(_request(name="\u4e2d" * 63)) == []


def test_long_filter_pattern():
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"containerLogs": [
        {"allowedAccountIds": ["111122223333"], "filterPattern": "x" * 1025}]}}})

    finding = _only(_contract(text), "CRML105")

    assert finding.message == "privacyConfiguration.policies.trainedModels.containerLogs[0].filterPattern has 1025 characters; it must have at most 1024 characters"


# CRML106 item-count-out-of-range


def test_too_many_accounts_points_at_list_key():
    accounts = [f"{n:012d}" for n in range(1, 7)]
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"containerLogs": [{"allowedAccountIds": accounts}]}}})

    finding = _only(_contract(text), "CRML106")

    assert _where(finding) == _position(text, '"allowedAccountIds"')
    assert finding.message == "privacyConfiguration.policies.trainedModels.containerLogs[0].allowedAccountIds has 6 items; at most 5 items are allowed"


def test_empty_log_policy_list():
    text = _request(privacyConfiguration={"policies": {"trainedModelInferenceJobs": {"containerLogs": []}}})

    finding = _only(_contract(text), "CRML106")

    assert finding.message == "privacyConfiguration.policies.trainedModelInferenceJobs.containerLogs is empty; it needs at least 1 item"


# CRML107 pattern-mismatch


@pytest.mark.parametrize(
    ("account", "fix"),
    [("1111-2222-3333", 'remove the separators: "111122223333"'),
     (" 111122223333", 'remove the white space around it: "111122223333"'),
     ("11112222333", None),
     ("111122223333\n", 'remove the white space around it: "111122223333"')],
)
def test_account_id_pattern(account, fix):
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"containerLogs": [{"allowedAccountIds": [account]}]}}})

    finding = _only(_contract(text), "CRML107")

    assert _where(finding) == _position(text, json.dumps(account))
    assert "is not an AWS account ID of 12 digits" in finding.message
    assert finding.fix == fix


def test_uppercase_membership_suggests_lowercase():
    finding = _only(_contract(_request(membershipIdentifier=MEMBERSHIP.upper())), "CRML107")

    assert finding.fix == f'write it in lowercase: "{MEMBERSHIP}"'


def test_algorithm_of_other_resource_type():
    arn = ALGORITHM.replace("configured-model-algorithm/", "training-dataset/")

    finding = _only(_contract(_request(configuredModelAlgorithmArn=arn)), "CRML107")

    assert "is not the ARN of a configured model algorithm" in finding.message


def test_bad_character_points_at_character():
    text = _request(name="churn\u0007training")

    finding = _only(_contract(text), "CRML107")

    line, column = _position(text, "\\u0007")
    assert (finding.span.start_line, finding.span.start_column, finding.span.end_column) == (line, column, column + 6)
    assert finding.message.startswith("name contains U+0007, a control character, which is not allowed")


def test_bad_identifier_character_points_at_character():
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"containerLogs": [
        {"allowedAccountIds": ["111122223333"],
         "logRedactionConfiguration": {"entitiesToRedact": ["CUSTOM"], "customEntityConfig": {"customDataIdentifiers": ["ab%c"]}}}]}}})

    finding = _only(_contract(text), "CRML107")

    assert _where(finding) == _position(text, "%")
    assert finding.message.startswith('privacyConfiguration.policies.trainedModels.containerLogs[0].logRedactionConfiguration.customEntityConfig.customDataIdentifiers[0] contains "%" (U+0025), which is not allowed')


def test_blank_name():
    finding = _only(_contract(_request(name=" \t ")), "CRML107")

    assert finding.message == "name is blank; it must contain a character other than white space"


def test_name_allows_tab_and_bmp_characters():
    assert _contract(_request(name="churn\ttraining \ufffd", description="line one\nline two\r\n")) == []


def test_emoji_in_name_points_at_emoji():
    text = _request(name="churn \U0001f600")
    finding = _only(_contract(text), "CRML107")

    assert "U+1F600" in finding.message
    assert "above U+FFFF" in finding.message


def test_newline_in_name_is_not_allowed():
    finding = _only(_contract(_request(name="churn\n")), "CRML107")

    assert "line feed" in finding.message


# CRML301 size-above-service-limit and CRML302 size-below-minimum


@pytest.mark.parametrize(
    ("section", "size", "limit"),
    [("trainedModels", "maxArtifactSize", 100), ("trainedModelExports", "maxSize", 50),
     ("trainedModelInferenceJobs", "maxOutputSize", 100)],
)
def test_size_above_api_limit(section, size, limit):
    policies = copy.deepcopy(FULL_REQUEST["privacyConfiguration"]["policies"])
    policies[section][size]["value"] = limit + 0.5
    text = _request(privacyConfiguration={"policies": policies})

    finding = _only(_contract(text), "CRML301")

    assert _where(finding) == _position(text, str(limit + 0.5))
    assert finding.message == f"privacyConfiguration.policies.{section}.{size}.value is {limit + 0.5} GB, above {limit} GB, the API's limit for {size}"


@pytest.mark.parametrize("value", [0, 0.0, 0.009, -1])
def test_size_below_minimum(value):
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"maxArtifactSize": {"unit": "GB", "value": value}}}})

    finding = _only(_contract(text), "CRML302")

    assert finding.message == f"privacyConfiguration.policies.trainedModels.maxArtifactSize.value is {json.dumps(value)}; a size must be at least 0.01 GB"


@pytest.mark.parametrize("value", [0.01, 1, 100])
def test_sizes_at_the_limits_pass(value):
    text = _request(privacyConfiguration={"policies": {"trainedModels": {"maxArtifactSize": {"unit": "GB", "value": value}}}})

    assert _contract(text) == []


# CRML401 to CRML404, tags


def test_fifty_one_tags():
    text = _request(tags={f"key{n}": "v" for n in range(51)})

    finding = _only(_contract(text), "CRML401")

    assert _where(finding) == _position(text, '"tags"')
    assert finding.message == "tags has 51 tags; at most 50 tags are allowed per resource"


def test_fifty_tags_pass():
    assert _contract(_request(tags={f"key{n}": "v" for n in range(50)})) == []


@pytest.mark.parametrize("key", ["", "k" * 129])
def test_tag_key_length(key):
    text = _request(tags={"team": "a", key: "b"})

    finding = _only(_contract(text), "CRML402")

    assert _where(finding) == _position(text, json.dumps(key) + ":")
    assert "tag keys must have 1 to 128 characters" in finding.message


def test_tag_value_length():
    text = _request(tags={"notes": "v" * 257, "empty": ""})

    finding = _only(_contract(text), "CRML403")

    assert _where(finding) == _position(text, '"vvv')
    assert finding.message == 'the value of tag "notes" has 257 characters; tag values must have at most 256 characters'


@pytest.mark.parametrize("key", ["aws:team", "AWS:team", "Aws:", "aWS:x"])
def test_reserved_tag_prefix(key):
    text = _request(tags={key: "aws:allowed-in-values"})

    finding = _only(_contract(text), "CRML404")

    assert _where(finding) == _position(text, json.dumps(key))
    assert finding.message.startswith(f'tag key "{key}" starts with "{key[:4]}"')


def test_long_reserved_tag_key_reports_both():
    findings = _contract(_request(tags={"aws:" + "k" * 125: "v"}))

    assert sorted(finding.rule_id for finding in findings) == ["CRML402", "CRML404"]


# CRML108 duplicate-list-item


def _with_log_policy(**policy: Any) -> str:
    return _request(privacyConfiguration={"policies": {"trainedModels": {"containerLogs": [
        {"allowedAccountIds": ["111122223333"], **policy}]}}})


def test_duplicate_account_is_warning_at_repeat():
    text = _with_log_policy(allowedAccountIds=["111122223333", "444455556666", "111122223333"])

    finding = _only(_contract(text), "CRML108")

    assert finding.level == "warning"
    assert _where(finding) == _position(text, '"111122223333"', 2)
    assert finding.message == '"111122223333" repeats allowedAccountIds[0]; remove the repeat'


def test_every_repeat_is_reported():
    text = _with_log_policy(logRedactionConfiguration={"entitiesToRedact": ["NUMBERS", "NUMBERS", "NUMBERS"]})

    findings = _contract(text)

    assert [finding.field_path.rsplit(".", 1)[-1] for finding in findings] == ["entitiesToRedact[1]", "entitiesToRedact[2]"]


@pytest.mark.parametrize(
    "policy",
    [{"logRedactionConfiguration": {"entitiesToRedact": ["CUSTOM"], "customEntityConfig": {"customDataIdentifiers": ["a", "a"]}}}],
)
def test_duplicate_custom_identifier(policy):
    finding = _only(_contract(_with_log_policy(**policy)), "CRML108")

    assert finding.field_path.endswith("customDataIdentifiers[1]")


def test_duplicate_file_type():
    text = _request(privacyConfiguration={"policies": {"trainedModelExports": {
        "maxSize": {"unit": "GB", "value": 5}, "filesToExport": ["MODEL", "MODEL"]}}})

    finding = _only(_contract(text), "CRML108")

    assert finding.field_path.endswith("filesToExport[1]")


def test_identical_log_policies_regardless_of_key_order():
    first = {"allowedAccountIds": ["111122223333"], "logType": "ERROR_SUMMARY"}
    second = {"logType": "ERROR_SUMMARY", "allowedAccountIds": ["111122223333"]}
    text = _request(privacyConfiguration={"policies": {"trainedModelInferenceJobs": {"containerLogs": [first, second]}}})

    finding = _only(_contract(text), "CRML108")

    assert finding.message.startswith("this log policy is identical to containerLogs[0]")


def test_items_that_differ_in_case_or_type_are_not_repeats():
    text = _with_log_policy(allowedAccountIds=["111122223333", "111122223334"],
                            logRedactionConfiguration={"entitiesToRedact": ["NUMBERS", "CUSTOM"],
                                                       "customEntityConfig": {"customDataIdentifiers": ["abc", "ABC"]}})

    assert _contract(text) == []


# The mapping as a whole


def test_findings_are_sorted_by_position():
    text = _request(tags={"aws:x": "v"}, name="", colour="x", membershipIdentifier="bad")

    findings = _contract(text)

    assert [_where(finding) for finding in findings] == sorted(_where(finding) for finding in findings)
    assert len(findings) == 4


def test_every_keyword_of_shipped_schemas_is_mapped():
    # Keywords that only hold subschemas or annotations, and never raise an error of their own.
    structural = {"$schema", "$id", "$ref", "$defs", "$comment", "title", "description", "examples",
                  "properties", "items", "propertyNames", "patternProperties"}
    schemas = resources.files("crml_lint.schemas")
    for entry in schemas.iterdir():
        if entry.name.endswith(".schema.json"):
            for keyword in _keywords(json.loads(entry.read_text(encoding="utf-8"))):
                assert keyword in HANDLED_KEYWORDS | structural, f"{entry.name}: no rule reports {keyword!r}"


def _keywords(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for keyword, value in schema.items():
            if keyword in ("properties", "$defs", "patternProperties"):
                yield keyword
                for subschema in value.values():
                    yield from _keywords(subschema)
            elif keyword not in ("examples", "enum", "const", "required"):
                yield keyword
                yield from _keywords(value)
            else:
                yield keyword
    elif isinstance(schema, list):
        for item in schema:
            yield from _keywords(item)


# Differential test: every request that botocore's parameter validation rejects is
# rejected by crml-lint at the field botocore names. botocore checks types, required and
# unknown fields and minimum lengths and values; crml-lint checks more, so the converse
# does not hold.


def _mutations(request: Any, path: tuple = ()) -> Iterator[tuple[str, Any]]:
    """Yield (description, mutated request) pairs: each field removed, retyped, emptied or renamed."""
    node = _get(request, path)
    replacements = ["", "x", 0, -1, 0.0, True, None, [], {}, ["x"], [1], {"x": 1}, "12"]

    if path:
        for replacement in replacements:
            yield f"{format_path(path)} = {replacement!r}", _set(request, path, replacement)
        if isinstance(path[-1], str):
            yield f"{format_path(path)} removed", _set(request, path, _REMOVE)

    if isinstance(node, dict):
        for key in list(node):
            if key:
                renamed = key[0].upper() + key[1:]
                yield f"{format_path(path + (key,))} renamed", _rename(request, path, key, renamed)
            yield from _mutations(request, path + (key,))
        yield f"{format_path(path)} unknown field", _set(request, path + ("unknownField",), "x")
    elif isinstance(node, list):
        for index in range(len(node)):
            yield from _mutations(request, path + (index,))


_REMOVE = object()


def _get(value: Any, path: tuple) -> Any:
    for step in path:
        value = value[step]
    return value


def _set(request: Any, path: tuple, replacement: Any) -> Any:
    mutated = copy.deepcopy(request)
    parent = _get(mutated, path[:-1])
    if replacement is _REMOVE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return mutated


def _rename(request: Any, path: tuple, key: str, renamed: str) -> Any:
    mutated = copy.deepcopy(request)
    parent = _get(mutated, path)
    parent[renamed] = parent.pop(key)
    return mutated


def _botocore_field(reason: str, name: str, details: dict) -> str:
    """The field a botocore validation error names, as crml-lint writes field paths."""
    key_error = re.fullmatch(r"(.*) \(key: (.*)\)", name)
    base = key_error.group(1) if key_error else name
    path: tuple = tuple(
        int(index) if index else key for key, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", base)
    )
    if key_error:
        path += (key_error.group(2),)
    if reason == "missing required field":
        path += (details["required_name"],)
    elif reason == "unknown field":
        path += (details["unknown_param"],)
    return format_path(path)


def _suggested_field(finding) -> str:
    """The field an unknown-field finding suggests instead (a renamed required field), or ""."""
    suggestion = re.search(r'did you mean "([^"]+)"\?$', finding.message)
    if finding.rule_id != "CRML102" or suggestion is None:
        return ""
    parent = finding.field_path.rpartition(".")[0]
    return f"{parent}.{suggestion.group(1)}" if parent else suggestion.group(1)


def test_rejects_whatever_botocore_rejects():
    session = pytest.importorskip("botocore.session")
    validate = pytest.importorskip("botocore.validate")
    model = session.get_session().get_service_model("cleanroomsml")
    shape = model.operation_model("CreateConfiguredModelAlgorithmAssociation").input_shape

    checked = 0
    misses = []
    for description, request in _mutations(FULL_REQUEST):
        report = validate.ParamValidator().validate(request, shape)
        if not report.has_errors():
            continue
        fields = {_botocore_field(reason, name, details) for reason, name, details in report._errors}
        findings = [finding for finding in lint_text(json.dumps(request, indent=2), "request.json") if finding.level == "error"]
        reported = {finding.field_path for finding in findings} | {_suggested_field(finding) for finding in findings}
        checked += 1
        for field in sorted(fields - reported):
            misses.append(f"{description}: botocore rejects {field}, crml-lint reports {sorted(reported)}")

    assert checked > 200
    assert misses == []
