"""Mutations of the base CloudFormation template, each changing one property of the association.

The base template is `inputs/cfn-base-template.yaml`. A mutation sets or removes the value
at one path under the association's `Properties`. `mutated_template` applies it to a copy
of the base and writes the template out as YAML. Each mutation names the crml-lint rules that the rule
catalog assigns to the problem it makes, and the level a CloudFormation template gives
them, so that the differential test can also check what cfn-lint does not report.
A mutation without rules is a variation that CloudFormation accepts: crml-lint must report
no error for it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Tuple, Union

import yaml

BASE_TEMPLATE = Path(__file__).parent / "inputs" / "cfn-base-template.yaml"
LOGICAL_ID = "ChurnAssociation"

PathItem = Union[str, int]
PropertyPath = Tuple[PathItem, ...]


class _Remove:
    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Any = _Remove()
"""The value of a mutation that deletes the key at its path instead of setting it."""


@dataclass(frozen=True)
class PlainScalar:
    """A scalar written exactly as `text`, without quotes, so that YAML's own typing reads it."""

    text: str


class _TemplateDumper(yaml.SafeDumper):
    pass


def _represent_plain(dumper: yaml.SafeDumper, scalar: PlainScalar) -> yaml.ScalarNode:
    # Tagged with what YAML 1.1 resolves the text to, the scalar is emitted plain and unquoted.
    tag = dumper.resolve(yaml.ScalarNode, scalar.text, (True, False))
    return dumper.represent_scalar(tag, scalar.text)


_TemplateDumper.add_representer(PlainScalar, _represent_plain)


@dataclass(frozen=True)
class Mutation:
    """One change to the base template.

    `path` leads from the association's `Properties` to the value to set (a key that
    does not exist yet is added at the end of its mapping), or to the key to delete when
    `value` is REMOVE. `rules` are the crml-lint rule IDs of which at least one must
    report the problem at `level`; empty `rules` means crml-lint must report no error.
    """

    name: str
    path: PropertyPath
    value: Any
    rules: Tuple[str, ...] = ()
    level: str = "error"


MEMBERSHIP = "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f"
ALGORITHM_ARN = (
    "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
)
ASSOCIATION_ARN = (
    f"arn:aws:cleanrooms-ml:us-east-1:111122223333:membership/{MEMBERSHIP}"
    "/configured-model-algorithm-association/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
)

POLICIES = ("PrivacyConfiguration", "Policies")
TRAINED_MODELS = POLICIES + ("TrainedModels",)
EXPORTS = POLICIES + ("TrainedModelExports",)
INFERENCE = POLICIES + ("TrainedModelInferenceJobs",)
LOG_POLICY = TRAINED_MODELS + ("ContainerLogs", 0)
REDACTION = LOG_POLICY + ("LogRedactionConfiguration",)
CUSTOM_IDENTIFIERS = REDACTION + ("CustomEntityConfig", "CustomDataIdentifiers")
ENTITIES = ("ALL_PERSONALLY_IDENTIFIABLE_INFORMATION", "NUMBERS", "CUSTOM")


def _log_policy(account: str) -> dict:
    return {"AllowedAccountIds": [account], "LogType": "ERROR_SUMMARY"}


def _accounts(count: int) -> list:
    return [f"{100000000000 + index * 111111111:012d}" for index in range(1, count + 1)]


def _tags(count: int) -> list:
    return [{"Key": f"tag-{index}", "Value": "x"} for index in range(count)]


MUTATIONS = (
    # The three required top-level properties and the description.
    Mutation("membership-missing", ("MembershipIdentifier",), REMOVE, ("CRML101",)),
    Mutation("membership-uppercase", ("MembershipIdentifier",), MEMBERSHIP.upper(), ("CRML107",)),
    Mutation("membership-too-short", ("MembershipIdentifier",), MEMBERSHIP[:-1], ("CRML105", "CRML107")),
    Mutation("membership-not-a-string", ("MembershipIdentifier",), [MEMBERSHIP], ("CRML103",)),
    Mutation("algorithm-arn-missing", ("ConfiguredModelAlgorithmArn",), REMOVE, ("CRML101",)),
    Mutation(
        "algorithm-arn-wrong-service",
        ("ConfiguredModelAlgorithmArn",),
        ALGORITHM_ARN.replace("cleanrooms-ml", "cleanrooms"),
        ("CRML107",),
    ),
    Mutation("algorithm-arn-too-short", ("ConfiguredModelAlgorithmArn",), "arn:aws:x", ("CRML105", "CRML107")),
    Mutation("algorithm-arn-too-long", ("ConfiguredModelAlgorithmArn",), ALGORITHM_ARN + "/" + "a" * 2048, ("CRML105",)),
    Mutation("name-missing", ("Name",), REMOVE, ("CRML101",)),
    Mutation("name-empty", ("Name",), "", ("CRML105",)),
    Mutation("name-too-long", ("Name",), "n" * 64, ("CRML105",)),
    Mutation("name-blank", ("Name",), "   ", ("CRML107",)),
    Mutation("name-not-a-string", ("Name",), ["churn-training"], ("CRML103",)),
    Mutation("description-too-long", ("Description",), "d" * 256, ("CRML105",)),
    Mutation("description-control-character", ("Description",), "churn\x07model", ("CRML107",)),
    Mutation("unknown-property", ("Descripton",), "churn model", ("CRML102",)),
    Mutation("read-only-collaboration-identifier", ("CollaborationIdentifier",), MEMBERSHIP, ("CRML109",)),
    Mutation("read-only-association-arn", ("ConfiguredModelAlgorithmAssociationArn",), ASSOCIATION_ARN, ("CRML109",)),
    # The privacy configuration's own structure.
    Mutation("privacy-not-an-object", ("PrivacyConfiguration",), "strict", ("CRML103",)),
    Mutation("policies-missing", POLICIES, REMOVE, ("CRML101",)),
    Mutation("policies-unknown-section", POLICIES + ("TrainedModelExport",), {}, ("CRML102",)),
    # Sizes: the three caps, each above CloudFormation's limit but within the API's,
    # above both, and below the minimum.
    Mutation("artifact-size-above-cfn-limit", TRAINED_MODELS + ("MaxArtifactSize", "Value"), 20, ("CRML301",)),
    Mutation("artifact-size-above-api-limit", TRAINED_MODELS + ("MaxArtifactSize", "Value"), 150, ("CRML301",)),
    Mutation("artifact-size-below-minimum", TRAINED_MODELS + ("MaxArtifactSize", "Value"), 0.001, ("CRML302",)),
    Mutation("artifact-size-zero", TRAINED_MODELS + ("MaxArtifactSize", "Value"), 0, ("CRML302",)),
    Mutation("artifact-size-negative", TRAINED_MODELS + ("MaxArtifactSize", "Value"), -1, ("CRML302",)),
    Mutation("artifact-size-not-a-number", TRAINED_MODELS + ("MaxArtifactSize", "Value"), "ten", ("CRML103",)),
    Mutation("artifact-unit-megabytes", TRAINED_MODELS + ("MaxArtifactSize", "Unit"), "MB", ("CRML104",)),
    Mutation("artifact-unit-missing", TRAINED_MODELS + ("MaxArtifactSize", "Unit"), REMOVE, ("CRML101",)),
    Mutation("artifact-value-missing", TRAINED_MODELS + ("MaxArtifactSize", "Value"), REMOVE, ("CRML101",)),
    Mutation("export-size-above-cfn-limit", EXPORTS + ("MaxSize", "Value"), 20, ("CRML301",)),
    Mutation("export-size-above-api-limit", EXPORTS + ("MaxSize", "Value"), 60, ("CRML301",)),
    Mutation("export-size-below-minimum", EXPORTS + ("MaxSize", "Value"), 0.005, ("CRML302",)),
    Mutation("output-size-above-cfn-limit", INFERENCE + ("MaxOutputSize", "Value"), 60, ("CRML301",)),
    Mutation("output-size-above-api-limit", INFERENCE + ("MaxOutputSize", "Value"), 101, ("CRML301",)),
    Mutation("output-size-zero", INFERENCE + ("MaxOutputSize", "Value"), 0, ("CRML302",)),
    Mutation("output-unit-lowercase", INFERENCE + ("MaxOutputSize", "Unit"), "gb", ("CRML104",)),
    # Metrics and exports.
    Mutation("noise-level-lowercase", TRAINED_MODELS + ("ContainerMetrics", "NoiseLevel"), "high", ("CRML104",)),
    Mutation("noise-level-missing", TRAINED_MODELS + ("ContainerMetrics", "NoiseLevel"), REMOVE, ("CRML101",)),
    Mutation("export-max-size-missing", EXPORTS + ("MaxSize",), REMOVE, ("CRML101",)),
    Mutation("files-to-export-missing", EXPORTS + ("FilesToExport",), REMOVE, ("CRML101",)),
    Mutation("files-to-export-empty", EXPORTS + ("FilesToExport",), [], ("CRML106",)),
    Mutation("files-to-export-three", EXPORTS + ("FilesToExport",), ["MODEL", "OUTPUT", "MODEL"], ("CRML106",)),
    Mutation("files-to-export-duplicate", EXPORTS + ("FilesToExport",), ["OUTPUT", "OUTPUT"], ("CRML108",)),
    Mutation("files-to-export-unknown-type", EXPORTS + ("FilesToExport",), ["MODEL", "METRICS"], ("CRML104",)),
    Mutation("files-to-export-not-a-list", EXPORTS + ("FilesToExport",), "MODEL", ("CRML103",)),
    # Log policies.
    Mutation("container-logs-empty", TRAINED_MODELS + ("ContainerLogs",), [], ("CRML106",)),
    Mutation(
        "container-logs-six",
        TRAINED_MODELS + ("ContainerLogs",),
        [_log_policy(account) for account in _accounts(6)],
        ("CRML106",),
    ),
    Mutation(
        "container-logs-identical",
        TRAINED_MODELS + ("ContainerLogs",),
        [_log_policy("111122223333"), _log_policy("111122223333")],
        ("CRML108",),
    ),
    Mutation(
        "inference-logs-identical",
        INFERENCE + ("ContainerLogs",),
        [_log_policy("444455556666"), _log_policy("444455556666")],
        ("CRML108",),
    ),
    Mutation("log-policy-unknown-property", LOG_POLICY + ("LogGroup",), "/aws/cleanrooms-ml", ("CRML102",)),
    Mutation("allowed-accounts-missing", LOG_POLICY + ("AllowedAccountIds",), REMOVE, ("CRML101",)),
    Mutation("allowed-accounts-empty", LOG_POLICY + ("AllowedAccountIds",), [], ("CRML106",)),
    Mutation("allowed-accounts-six", LOG_POLICY + ("AllowedAccountIds",), _accounts(6), ("CRML106",)),
    Mutation("account-id-eleven-digits", LOG_POLICY + ("AllowedAccountIds", 1), "44445555666", ("CRML107",)),
    Mutation("account-id-with-dashes", LOG_POLICY + ("AllowedAccountIds", 1), "4444-5555-6666", ("CRML107",)),
    # The resource schema does not demand unique account IDs, so a repeat is CRML108's
    # warning only, and cfn-lint is right to stay quiet.
    Mutation(
        "allowed-accounts-duplicate",
        LOG_POLICY + ("AllowedAccountIds",),
        ["111122223333", "111122223333"],
        ("CRML108",),
        level="warning",
    ),
    Mutation("log-type-lowercase", LOG_POLICY + ("LogType",), "all", ("CRML104",)),
    Mutation("filter-pattern-too-long", LOG_POLICY + ("FilterPattern",), "E" * 1025, ("CRML105",)),
    Mutation("filter-pattern-not-a-regex", LOG_POLICY + ("FilterPattern",), "ERROR([a-z", ("CRML203",)),
    # Redaction and custom data identifiers.
    Mutation("entities-missing", REDACTION + ("EntitiesToRedact",), REMOVE, ("CRML101",)),
    Mutation("entities-empty", REDACTION + ("EntitiesToRedact",), [], ("CRML106",)),
    Mutation("entities-unknown-type", REDACTION + ("EntitiesToRedact",), [*ENTITIES, "EMAIL_ADDRESS"], ("CRML104",)),
    Mutation("entities-duplicate", REDACTION + ("EntitiesToRedact",), [*ENTITIES, "NUMBERS"], ("CRML108",)),
    Mutation("custom-entity-config-missing", REDACTION + ("CustomEntityConfig",), REMOVE, ("CRML201",)),
    Mutation("custom-identifiers-missing", CUSTOM_IDENTIFIERS, REMOVE, ("CRML101",)),
    Mutation("custom-identifiers-empty", CUSTOM_IDENTIFIERS, [], ("CRML106",)),
    Mutation("custom-identifiers-eleven", CUSTOM_IDENTIFIERS, [f"CUST-{index}" for index in range(11)], ("CRML106",)),
    Mutation("custom-identifier-too-long", CUSTOM_IDENTIFIERS + (1,), "A" * 201, ("CRML105",)),
    Mutation("custom-identifier-bad-character", CUSTOM_IDENTIFIERS + (1,), "ACCT%[A-Z]{4}", ("CRML107",)),
    Mutation("custom-identifiers-duplicate", CUSTOM_IDENTIFIERS, ["CUST-[0-9]{6}", "CUST-[0-9]{6}"], ("CRML108",)),
    # Tags, in CloudFormation's list form.
    Mutation("tags-as-mapping", ("Tags",), {"team": "data-science"}, ("CRML103",)),
    Mutation("tag-key-missing", ("Tags", 0, "Key"), REMOVE, ("CRML101",)),
    Mutation("tag-value-missing", ("Tags", 0, "Value"), REMOVE, ("CRML101",)),
    Mutation("tag-unknown-property", ("Tags", 0, "Propagate"), True, ("CRML102",)),
    Mutation("tag-key-empty", ("Tags", 0, "Key"), "", ("CRML402",)),
    Mutation("tag-key-too-long", ("Tags", 0, "Key"), "k" * 129, ("CRML402",)),
    Mutation("tag-value-empty", ("Tags", 0, "Value"), "", ("CRML403",)),
    Mutation("tag-value-too-long", ("Tags", 0, "Value"), "v" * 257, ("CRML403",)),
    Mutation("tag-key-aws-prefix", ("Tags", 0, "Key"), "aws:team", ("CRML404",)),
    Mutation("tag-key-aws-prefix-upper-case", ("Tags", 0, "Key"), "AWS:team", ("CRML404",)),
    Mutation("tags-identical", ("Tags", 1), {"Key": "team", "Value": "data-science"}, ("CRML406",)),
    Mutation("tags-same-key-twice", ("Tags", 1), {"Key": "team", "Value": "analytics"}, ("CRML406",)),
    Mutation("tags-fifty-one", ("Tags",), _tags(51), ("CRML401",)),
    # Variations CloudFormation accepts: it converts a quoted number where a number is
    # expected and a number where a string is expected, and the limits are inclusive.
    Mutation("size-as-quoted-number", TRAINED_MODELS + ("MaxArtifactSize", "Value"), "5"),
    Mutation("account-id-as-number", LOG_POLICY + ("AllowedAccountIds", 1), 444455556666),
    Mutation("name-as-number", ("Name",), 2024),
    Mutation("description-empty", ("Description",), ""),
    Mutation("export-size-at-cfn-limit", EXPORTS + ("MaxSize", "Value"), 10.0),
    Mutation("name-at-maximum-length", ("Name",), "n" * 63),
    Mutation("tag-value-aws-prefix", ("Tags", 0, "Value"), "aws:team"),
    # Values built from intrinsic functions are not judged. Each literal branch of an
    # Fn::If is judged, since either may be deployed.
    Mutation("membership-from-parameter", ("MembershipIdentifier",), {"Ref": "MembershipId"}),
    Mutation("name-from-sub", ("Name",), {"Fn::Sub": "churn-${Environment}"}),
    Mutation("account-id-from-pseudo-parameter", LOG_POLICY + ("AllowedAccountIds", 1), {"Ref": "AWS::AccountId"}),
    Mutation("tag-value-from-parameter", ("Tags", 0, "Value"), {"Ref": "Environment"}),
    Mutation(
        "artifact-size-if-branch-above-limit",
        TRAINED_MODELS + ("MaxArtifactSize", "Value"),
        {"Fn::If": ["IsProduction", 20, 5]},
        ("CRML301",),
    ),
    Mutation(
        "noise-level-if-branch-invalid",
        TRAINED_MODELS + ("ContainerMetrics", "NoiseLevel"),
        {"Fn::If": ["IsProduction", "HIGH", "STRONG"]},
        ("CRML104",),
    ),
    Mutation(
        "account-id-if-branch-eleven-digits",
        LOG_POLICY + ("AllowedAccountIds", 1),
        {"Fn::If": ["IsProduction", "444455556666", "44445555666"]},
        ("CRML107",),
    ),
    # Characters the Name pattern leaves out: a line break, and any character above U+FFFF,
    # because its surrogate escapes match only unpaired surrogates, as Java and cfn-lint
    # read them.
    Mutation("name-with-line-break", ("Name",), "churn\ntraining", ("CRML107",)),
    Mutation("name-with-emoji", ("Name",), "churn-\U0001F4C8", ("CRML107",)),
    Mutation("size-quoted-above-limit", TRAINED_MODELS + ("MaxArtifactSize", "Value"), "10.5", ("CRML301",)),
    # YAML 1.1, the typing cfn-lint applies to templates, reads a plain 010101010101 as the
    # octal integer 1090785345. Converted to the string a list of account IDs expects, it
    # is no longer a 12-digit account ID.
    Mutation(
        "account-id-octal-in-yaml-1-1",
        LOG_POLICY + ("AllowedAccountIds", 1),
        PlainScalar("010101010101"),
        ("CRML107", "CRML103"),
    ),
)


def load_base_template() -> dict:
    """Read the base template as plain Python data, which works because it contains no short-form tags such as `!Ref`."""
    return yaml.safe_load(BASE_TEMPLATE.read_text(encoding="utf-8"))


def dump_template(template: dict) -> str:
    """Write a template as block-style YAML, keeping key order and never folding a long string."""
    return yaml.dump(template, Dumper=_TemplateDumper, sort_keys=False, allow_unicode=True, width=1_000_000)


def mutated_template(mutation: Mutation) -> str:
    """Apply one mutation to a copy of the base template and return the template's text."""
    template = copy.deepcopy(load_base_template())
    parent: Any = template["Resources"][LOGICAL_ID]["Properties"]
    for step in mutation.path[:-1]:
        parent = parent[step]

    last = mutation.path[-1]
    if mutation.value is REMOVE:
        del parent[last]
    else:
        parent[last] = copy.deepcopy(mutation.value)
    return dump_template(template)
