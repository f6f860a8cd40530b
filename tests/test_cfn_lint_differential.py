"""Differential test of crml-lint against cfn-lint, on templates that vary one property at a time.

Each mutation in `cfn_mutations` changes one property of the association in a valid base
template. cfn-lint runs in-process on the mutated template, and only its errors about the
association resource count: warnings, informational matches and template-wide checks
(an unused parameter, say) are left out. For every such error, crml-lint must report an
error on the line cfn-lint names, or inside the span of the node cfn-lint names. cfn-lint
puts list problems on the list's key, while crml-lint may point at the offending item.

cfn-lint is not always right. Where it misses a problem, crml-lint still reports it: each
mutation names the crml-lint rule that the rule catalog assigns, and a second test checks
that rule on every mutation, whatever cfn-lint reports. The table CFN_LINT_MISSES below
gives the reason cfn-lint is silent on those. Where cfn-lint reports an error on a value
that crml-lint accepts, CFN_LINT_FALSE_ERRORS gives the reason, and crml-lint must report
no error there.

cfn-lint is a test-only dependency (the `test` extra). Without it these tests are skipped,
except under CI, which installs the extra, so there they fail.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from typing import Callable

import pytest
import yaml

from cfn_mutations import (
    BASE_TEMPLATE,
    LOGICAL_ID,
    MUTATIONS,
    REMOVE,
    Mutation,
    dump_template,
    load_base_template,
    mutated_template,
)
from crml_lint import lint_text
from crml_lint.finding import Finding

RESOURCE_PATH = ("Resources", LOGICAL_ID)
PROPERTIES_PATH = RESOURCE_PATH + ("Properties",)

# Problems that cfn-lint (1.47 to 1.58, the versions checked) does not report, although
# the service or CloudFormation rejects them, or the rule catalog assigns them a crml-lint rule.
CFN_LINT_MISSES = {
    "read-only-collaboration-identifier": (
        "CollaborationIdentifier is among the resource schema's readOnlyProperties, which "
        "CloudFormation sets itself. cfn-lint has a read-only check, E3040, whose description "
        "says such values never reach the resource handler, but it reports nothing here"
    ),
    "read-only-association-arn": (
        "ConfiguredModelAlgorithmAssociationArn is read-only too: the same cfn-lint gap"
    ),
    "tag-key-aws-prefix-upper-case": (
        "the aws: prefix is reserved in any letter case, but cfn-lint's tag key pattern "
        "'^(?!aws:).+$' is case-sensitive, so AWS:team passes it"
    ),
    "tags-fifty-one": (
        "the resource schema sets no maximum number of tags, but the service allows at most "
        "50 per resource"
    ),
    "filter-pattern-not-a-regex": (
        "FilterPattern is a regular expression, but the schema only bounds its length, so "
        "cfn-lint never compiles it"
    ),
    "custom-entity-config-missing": (
        "CUSTOM among EntitiesToRedact needs CustomDataIdentifiers, a relation between two "
        "properties that the schema does not state"
    ),
}

# Errors cfn-lint reports on values that crml-lint accepts, keyed by (mutation name,
# cfn-lint rule ID), each with the reason cfn-lint is taken to be wrong.
CFN_LINT_FALSE_ERRORS: dict = {
    # None at present. The Name pattern's surrogate escapes ('\uD800\uDBFF-\uDC00\uDFFF')
    # match only unpaired surrogates when a regex engine reads them, as Java and cfn-lint
    # do, so crml-lint, like cfn-lint, rejects characters above U+FFFF in a Name.
}


@dataclass(frozen=True)
class CfnLintError:
    """An error cfn-lint reported, where it reported it, and the path of the node it names."""

    rule_id: str
    line: int
    path: tuple
    message: str

    def __str__(self) -> str:
        return f"{self.rule_id} on line {self.line} at {'/'.join(map(str, self.path))}: {self.message}"


@pytest.fixture(scope="module")
def cfn_lint_errors(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], list[CfnLintError]]:
    """Return a function that runs cfn-lint on a template's text and lists its errors about the association.

    cfn-lint is imported and its rules loaded once per module, because the two together take
    about a second on a developer's machine. An empty configuration file keeps a `.cfnlintrc`
    in the home or working folder from changing which rules run.
    """
    if importlib.util.find_spec("cfnlint") is None:
        if os.environ.get("CI"):
            pytest.fail("cfn-lint is not installed, but CI installs the test extra, which includes it")
        pytest.skip("cfn-lint is not installed; pip install -e '.[test]' installs it")

    from cfnlint.config import ConfigMixIn
    from cfnlint.decode.decode import decode_str
    from cfnlint.runner import Runner

    config_file = tmp_path_factory.mktemp("cfn-lint") / ".cfnlintrc.yaml"
    config_file.write_text("{}\n", encoding="utf-8")
    runner = Runner(ConfigMixIn(["--config-file", str(config_file)], regions=["us-east-1"]))

    def errors(text: str) -> list[CfnLintError]:
        template, decode_errors = decode_str(text)
        assert not decode_errors, f"cfn-lint cannot read the template: {decode_errors}"

        found = []
        for match in runner.validate_template(template):
            path = tuple(getattr(match, "path", ()) or ())
            if match.rule.id.startswith("E") and path[: len(RESOURCE_PATH)] == RESOURCE_PATH:
                found.append(CfnLintError(match.rule.id, match.linenumber, path, match.message))
        return found

    return errors


def _crml_lint(text: str) -> list[Finding]:
    return lint_text(text, "template.yaml")


def _node_lines(text: str, path: tuple) -> tuple[int, int]:
    """Return the first and last line of the node at `path`, counting from its key when it has one."""
    node = yaml.compose(text)
    first = node.start_mark.line + 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            entry = next(((key, value) for key, value in node.value if key.value == step), None)
            if entry is None:
                raise LookupError(f"the template has no key {step!r} on the path {'/'.join(map(str, path))}")
            key, node = entry
            first = key.start_mark.line + 1
        else:
            node = node.value[step]
            first = node.start_mark.line + 1
    return first, _last_line(node)


def _last_line(node: yaml.Node) -> int:
    # The end mark of a block collection lies on the line of whatever follows it, so the
    # last line is taken from the collection's last scalar or empty flow collection.
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]

    end = node.end_mark
    if end.column == 0 and end.line > node.start_mark.line:
        return end.line
    return end.line + 1


def _mutated_lines(text: str, mutation: Mutation) -> tuple[int, int]:
    """Return the lines of the node a mutation set, or of the mapping it removed a key from."""
    path = mutation.path[:-1] if mutation.value is REMOVE else mutation.path
    return _node_lines(text, PROPERTIES_PATH + path)


def _describe(findings: list[Finding]) -> str:
    if not findings:
        return "crml-lint reported nothing"
    lines = [f"  {finding.rule_id} {finding.level} on line {finding.span.start_line}: {finding.message}" for finding in findings]
    return "crml-lint reported:\n" + "\n".join(lines)


def test_mutation_names_unique() -> None:
    names = [mutation.name for mutation in MUTATIONS]

    assert len(names) == len(set(names)), sorted(name for name in names if names.count(name) > 1)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda mutation: mutation.name)
def test_mutation_changes_template(mutation: Mutation) -> None:
    base = dump_template(load_base_template())

    assert mutated_template(mutation) != base


@pytest.mark.parametrize("written", ["as written", "as dumped"])
def test_base_template_has_no_findings(written: str) -> None:
    text = BASE_TEMPLATE.read_text(encoding="utf-8") if written == "as written" else dump_template(load_base_template())

    findings = _crml_lint(text)

    assert findings == [], _describe(findings)


def test_base_template_passes_cfn_lint(cfn_lint_errors: Callable[[str], list[CfnLintError]]) -> None:
    errors = cfn_lint_errors(BASE_TEMPLATE.read_text(encoding="utf-8"))

    assert errors == [], "\n".join(map(str, errors))


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda mutation: mutation.name)
def test_crml_lint_reports_each_cfn_lint_error(mutation: Mutation, cfn_lint_errors: Callable[[str], list[CfnLintError]]) -> None:
    text = mutated_template(mutation)
    findings = _crml_lint(text)
    errors = [finding for finding in findings if finding.level == "error"]

    for cfn_error in cfn_lint_errors(text):
        reason = CFN_LINT_FALSE_ERRORS.get((mutation.name, cfn_error.rule_id))
        first, last = _node_lines(text, cfn_error.path)
        first = min(first, cfn_error.line)
        inside = [finding for finding in errors if first <= finding.span.start_line <= last]

        if reason is not None:
            assert inside == [], f"cfn-lint is wrong here ({reason}), so crml-lint must not report\n{_describe(inside)}"
            continue

        assert inside, f"cfn-lint: {cfn_error}\nno crml-lint error on lines {first}-{last}; {_describe(findings)}"


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda mutation: mutation.name)
def test_crml_lint_reports_catalog_rule(mutation: Mutation) -> None:
    text = mutated_template(mutation)
    findings = _crml_lint(text)

    if not mutation.rules:
        errors = [finding for finding in findings if finding.level == "error"]
        assert errors == [], f"the rule catalog finds no error in this variation; {_describe(errors)}"
        return

    first, last = _mutated_lines(text, mutation)
    expected = [
        finding
        for finding in findings
        if finding.rule_id in mutation.rules and finding.level == mutation.level and first <= finding.span.start_line <= last
    ]
    assert expected, (
        f"expected {' or '.join(mutation.rules)} at level {mutation.level} on lines {first}-{last}; {_describe(findings)}"
    )

    # The base template has no findings, so an error outside the changed node is a false one.
    stray = [finding for finding in findings if finding.level == "error" and not first <= finding.span.start_line <= last]
    assert stray == [], f"errors outside lines {first}-{last}, which the mutation did not change; {_describe(stray)}"


def test_disagreement_tables_name_mutations() -> None:
    names = {mutation.name for mutation in MUTATIONS}

    assert set(CFN_LINT_MISSES) <= names
    assert {name for name, _ in CFN_LINT_FALSE_ERRORS} <= names
