"""The SARIF report: its content, and its validity as judged by Microsoft's SARIF multitool."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

import crml_lint
from crml_lint.reporters import write_report
from crml_lint.reporters.sarif import MAX_RESULTS
from crml_lint.result import LintResult


def sarif_text(result: LintResult) -> str:
    stream = io.StringIO()
    write_report(result, "sarif", stream)
    return stream.getvalue()


def sarif_run(result: LintResult) -> dict:
    log = json.loads(sarif_text(result))
    assert len(log["runs"]) == 1
    return log["runs"][0]


def physical_location(sarif_result: dict) -> dict:
    return sarif_result["locations"][0]["physicalLocation"]


@pytest.fixture
def root(tmp_path: Path) -> str:
    return str(tmp_path / "repository")


# --- the log and the tool ---------------------------------------------------------------


def test_log_header(root):
    log = json.loads(sarif_text(LintResult(root=root)))

    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"


def test_driver_identifies_tool(root):
    driver = sarif_run(LintResult(root=root))["tool"]["driver"]

    assert driver["name"] == "crml-lint"
    assert driver["version"] == crml_lint.__version__
    assert driver["semanticVersion"] == crml_lint.__version__
    assert driver["informationUri"] == "https://pypi.org/project/crml-lint/"


def test_run_without_findings(root, make_rule):
    run = sarif_run(LintResult(root=root, rules=[make_rule()]))

    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["columnKind"] == "utf16CodeUnits"


def test_root_is_directory_uri(tmp_path):
    root = tmp_path / "my repo" / "é"
    run = sarif_run(LintResult(root=str(root)))

    uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert uri.startswith("file:///")
    assert uri.endswith("/my%20repo/%C3%A9/")


# --- rule descriptors -------------------------------------------------------------------


def test_descriptor_carries_documentation(root, make_rule):
    rule = make_rule("CRML201", level="error")
    descriptor = sarif_run(LintResult(root=root, rules=[rule]))["tool"]["driver"]["rules"][0]

    assert descriptor["id"] == "CRML201"
    assert descriptor["name"] == "custom-redaction-without-identifiers"
    assert descriptor["shortDescription"]["text"] == rule.summary
    assert descriptor["fullDescription"]["text"] == rule.description
    assert descriptor["help"] == {"text": rule.documentation, "markdown": rule.documentation}
    assert descriptor["helpUri"] == "https://pypi.org/project/crml-lint/#crml201"
    assert descriptor["defaultConfiguration"] == {"level": "error"}


def test_descriptor_tags_by_group(root, make_rule):
    rules = [make_rule("CRML101"), make_rule("CRML207"), make_rule("CRML405"), make_rule("ACME001")]
    descriptors = sarif_run(LintResult(root=root, rules=rules))["tool"]["driver"]["rules"]
    tags = {descriptor["id"]: descriptor.get("properties", {}).get("tags") for descriptor in descriptors}

    assert tags["CRML207"] is not None and "security" in tags["CRML207"]
    assert "security" not in tags["CRML101"]
    assert "security" not in tags["CRML405"]
    assert tags["ACME001"] is None


def test_rule_that_found_nothing_is_described(root, make_rule, make_finding):
    rules = [make_rule("CRML201"), make_rule("CRML202", level="warning")]
    run = sarif_run(LintResult(root=root, rules=rules, findings=[make_finding("CRML201")]))

    assert [descriptor["id"] for descriptor in run["tool"]["driver"]["rules"]] == ["CRML201", "CRML202"]


def test_rule_index_points_at_rule(root, make_rule, make_finding):
    rules = [make_rule("CRML201"), make_rule("CRML202", level="warning")]
    findings = [make_finding("CRML202", level="warning"), make_finding("CRML201")]
    run = sarif_run(LintResult(root=root, rules=rules, findings=findings))
    descriptors = run["tool"]["driver"]["rules"]

    for sarif_result in run["results"]:
        assert descriptors[sarif_result["ruleIndex"]]["id"] == sarif_result["ruleId"]


def test_unlisted_rule_gets_descriptor(root, make_rule, make_finding):
    finding = make_finding("ACME001", rule_name="acme-check", level="warning")
    run = sarif_run(LintResult(root=root, rules=[make_rule("CRML201")], findings=[finding]))
    descriptors = run["tool"]["driver"]["rules"]
    sarif_result = run["results"][0]

    assert descriptors[sarif_result["ruleIndex"]]["id"] == "ACME001"
    assert descriptors[sarif_result["ruleIndex"]]["name"] == "acme-check"
    assert "crml-lint rule ACME001" in descriptors[sarif_result["ruleIndex"]]["help"]["text"]


# --- results ----------------------------------------------------------------------------


def test_result_fields(root, make_rule, make_finding):
    finding = make_finding("CRML201", level="error", message="Needs identifiers.")
    sarif_result = sarif_run(LintResult(root=root, rules=[make_rule()], findings=[finding]))["results"][0]

    assert sarif_result["ruleId"] == "CRML201"
    assert sarif_result["level"] == "error"
    assert sarif_result["message"] == {"text": "Needs identifiers."}
    assert sarif_result["partialFingerprints"] == {"crmlLint/v1": finding.fingerprint}


def test_results_keep_run_order(root, make_rule, make_finding):
    findings = [make_finding(path="b.json"), make_finding(path="a.json", span=(9, 1, 9, 2)), make_finding(path="a.json")]
    results = sarif_run(LintResult(root=root, rules=[make_rule()], findings=findings))["results"]

    assert [physical_location(result)["artifactLocation"]["uri"] for result in results] == ["b.json", "a.json", "a.json"]
    assert [physical_location(result)["region"]["startLine"] for result in results] == [3, 9, 3]


def test_region_counts_utf16_units(root, make_rule, make_finding):
    # "😀" is one code point but two UTF-16 code units, so the columns after it differ.
    finding = make_finding(span=(4, 10, 4, 12), utf16_span=(4, 11, 4, 13))
    sarif_result = sarif_run(LintResult(root=root, rules=[make_rule()], findings=[finding]))["results"][0]

    assert physical_location(sarif_result)["region"] == {"startLine": 4, "startColumn": 11, "endLine": 4, "endColumn": 13}


def test_region_out_of_range_clamped(root, make_rule, make_finding):
    findings = [make_finding(span=(0, 0, 0, 0)), make_finding(span=(5, 8, 5, 3)), make_finding(span=(5, 8, 2, 9))]
    results = sarif_run(LintResult(root=root, rules=[make_rule()], findings=findings))["results"]
    regions = [physical_location(result)["region"] for result in results]

    assert regions[0] == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    assert regions[1] == {"startLine": 5, "startColumn": 8, "endLine": 5, "endColumn": 8}
    assert regions[2] == {"startLine": 5, "startColumn": 8, "endLine": 5, "endColumn": 9}


def test_resource_logical_location(root, make_rule, make_finding):
    finding = make_finding(resource="TrainingAssociation")
    location = sarif_run(LintResult(root=root, rules=[make_rule()], findings=[finding]))["results"][0]["locations"][0]

    assert location["logicalLocations"] == [
        {"name": "TrainingAssociation", "fullyQualifiedName": "Resources.TrainingAssociation", "kind": "resource"}
    ]


def test_no_logical_location_without_resource(root, make_rule, make_finding):
    location = sarif_run(LintResult(root=root, rules=[make_rule()], findings=[make_finding()]))["results"][0]["locations"][0]

    assert "logicalLocations" not in location


def test_blank_message_replaced(root, make_rule, make_finding):
    sarif_result = sarif_run(LintResult(root=root, rules=[make_rule()], findings=[make_finding(message="  ")]))["results"][0]

    assert sarif_result["message"]["text"].strip() != ""


# --- artifact locations -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("association.json", "association.json"),
        ("templates/ml stack.yaml", "templates/ml%20stack.yaml"),
        ("données/modèle.json", "donn%C3%A9es/mod%C3%A8le.json"),
        ("./templates/../a.json", "a.json"),
        ("a:b.json", "a%3Ab.json"),
        ("100%.json", "100%25.json"),
        ("cost#center?.yaml", "cost%23center%3F.yaml"),
        ("-", "stdin"),
        ("<stdin>", "stdin"),
    ],
)
def test_relative_uri(root, path, uri, make_rule, make_finding):
    sarif_result = sarif_run(LintResult(root=root, rules=[make_rule()], findings=[make_finding(path=path)]))["results"][0]

    assert physical_location(sarif_result)["artifactLocation"] == {"uri": uri, "uriBaseId": "%SRCROOT%"}


def test_absolute_path_under_root(root, make_rule, make_finding):
    path = os.path.join(root, "sub", "a.json")
    sarif_result = sarif_run(LintResult(root=root, rules=[make_rule()], findings=[make_finding(path=path)]))["results"][0]

    assert physical_location(sarif_result)["artifactLocation"] == {"uri": "sub/a.json", "uriBaseId": "%SRCROOT%"}


def test_path_outside_root(tmp_path, make_rule, make_finding):
    root = tmp_path / "repository"
    outside = tmp_path / "other place" / "a.json"
    sarif_result = sarif_run(LintResult(root=str(root), rules=[make_rule()], findings=[make_finding(path=str(outside))]))["results"][0]
    location = physical_location(sarif_result)["artifactLocation"]

    assert "uriBaseId" not in location
    assert location["uri"].startswith("file:///")
    assert location["uri"].endswith("/other%20place/a.json")


def test_undecodable_file_name_bytes(root, make_rule, make_finding):
    # os.fsdecode turns the byte 0xFF of a Latin-1 file name into the lone surrogate U+DCFF.
    path = "caf\udcff.json"
    sarif_result = sarif_run(LintResult(root=root, rules=[make_rule()], findings=[make_finding(path=path)]))["results"][0]

    assert physical_location(sarif_result)["artifactLocation"]["uri"] == "caf%FF.json"


# --- GitHub's limit of 25,000 results ---------------------------------------------------


def many_findings(make_finding, count: int) -> list:
    return [make_finding(span=(line, 1, line, 2), fingerprint=f"{line:032x}") for line in range(1, count + 1)]


def test_results_capped_for_github(root, make_rule, make_finding):
    run = sarif_run(LintResult(root=root, rules=[make_rule()], findings=many_findings(make_finding, MAX_RESULTS + 3)))

    assert MAX_RESULTS == 25_000
    assert len(run["results"]) == MAX_RESULTS
    assert physical_location(run["results"][-1])["region"]["startLine"] == MAX_RESULTS
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is True
    notification = invocation["toolExecutionNotifications"][0]
    assert notification["level"] == "warning"
    assert "3 of 25003 results" in notification["message"]["text"]


def test_results_at_limit_not_capped(root, make_rule, make_finding):
    run = sarif_run(LintResult(root=root, rules=[make_rule()], findings=many_findings(make_finding, MAX_RESULTS)))

    assert len(run["results"]) == MAX_RESULTS
    assert run["invocations"] == [{"executionSuccessful": True}]


# --- validation by the SARIF multitool --------------------------------------------------


def test_multitool_rejects_broken_log(sarif_problems):
    # Proves that the validation below can fail: a result without a message or location.
    broken = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "crml-lint"}}, "results": [{"ruleId": "CRML201", "message": {}}]}],
    }

    assert sarif_problems(json.dumps(broken)) != []


def test_multitool_accepts_empty_run(sarif_problems, root, make_rule):
    rules = [make_rule("CRML201"), make_rule("CRML202", level="warning")]

    assert sarif_problems(sarif_text(LintResult(root=root, rules=rules))) == []


def test_multitool_accepts_non_ascii(sarif_problems, root, make_rule, make_finding):
    rules = [make_rule("CRML201"), make_rule("CRML405", name="tag-characters", level="warning"), make_rule("CRML208", level="note")]
    findings = [
        make_finding("CRML201", path="données/modèle d'entraînement.json", message="Le motif « ^\\d+$ » est invalide."),
        make_finding("CRML405", level="warning", path="タグ/設定.yaml", span=(2, 3, 2, 5), utf16_span=(2, 4, 2, 6),
                      message="The tag key \"😀 team\" contains the character 😀, which AWS does not allow."),
        make_finding("CRML208", level="note", path="-", message="Logs of type ALL are redacted, but not for PII"),
        make_finding("ACME001", rule_name="acme-check", level="warning", path="../outside/ä.json",
                      message="A plugin rule that the run did not list.", fingerprint=""),
        make_finding("CRML201", path="control\x07\u202echars.json", message="Line one\nline two\ttabbed \x1b[31m."),
    ]
    findings += [make_finding("CRML201", path=f"bulk/file {index} é.json", span=(index, 2, index + 1, 1)) for index in range(1, 200)]

    assert sarif_problems(sarif_text(LintResult(root=root, rules=rules, findings=findings, files_checked=203))) == []


def test_multitool_accepts_resource_finding(sarif_problems, root, make_rule, make_finding):
    finding = make_finding(path="template.yaml", resource="TrainingAssociation",
                            field_path="Properties.PrivacyConfiguration.Policies.TrainedModels.ContainerLogs[0]")

    assert sarif_problems(sarif_text(LintResult(root=root, rules=[make_rule()], findings=[finding]))) == []


def test_multitool_accepts_capped_run(sarif_problems, root, make_rule, make_finding):
    log = sarif_text(LintResult(root=root, rules=[make_rule()], findings=many_findings(make_finding, MAX_RESULTS + 1)))

    assert len(json.loads(log)["runs"][0]["results"]) == MAX_RESULTS
    assert sarif_problems(log) == []


def test_multitool_accepts_builtin_rules(sarif_problems, root, make_finding):
    registry = pytest.importorskip("crml_lint.registry")
    rules = registry.builtin_rules()
    if not rules:
        pytest.skip("no built-in rules yet")
    findings = [make_finding(rule.id, rule_name=rule.name, level=rule.level) for rule in rules]

    assert sarif_problems(sarif_text(LintResult(root=root, rules=rules, findings=findings))) == []


def test_failed_run_says_so(root, make_rule, make_finding):
    result = LintResult(
        root=root,
        rules=[make_rule()],
        findings=[make_finding("CRML201")],
        missing_paths=["absent.json"],
        errors=["rule ACME900 (always-fails) failed on request.json: RuntimeError: broken"],
    )
    invocation = sarif_run(result)["invocations"][0]
    assert invocation["executionSuccessful"] is False
    texts = [notification["message"]["text"] for notification in invocation["toolExecutionNotifications"]]
    assert texts == ["absent.json: no such file or folder", result.errors[0]]
    assert {notification["level"] for notification in invocation["toolExecutionNotifications"]} == {"error"}


def test_multitool_accepts_failed_run(sarif_problems, root, make_rule, make_finding):
    result = LintResult(root=root, rules=[make_rule()], findings=[make_finding("CRML201")], errors=["rule X failed"])
    assert sarif_problems(sarif_text(result)) == []
