"""The tag rules: CRML405 tag-characters, CRML407 missing-required-tag and CRML408 tag-keys-differ-in-case."""

from __future__ import annotations

import json
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

FIRST_TAG_LINE = 5
"""The line of the first tag in a request built by `tagged`."""


def tagged(tags: str) -> str:
    """Build a request with these tags, given as the YAML lines of the tags mapping."""
    return HEADER + "tags:\n" + textwrap.indent(textwrap.dedent(tags).strip("\n") + "\n", "  ")


def template(tags: str) -> str:
    """Build a template whose association has these tags, given as the YAML lines of the Tags list."""
    return textwrap.dedent(
        """\
        Resources:
          Churn:
            Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation
            Properties:
              MembershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
              ConfiguredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
              Name: churn-training
        """
    ) + textwrap.indent("Tags:\n" + textwrap.indent(textwrap.dedent(tags).strip("\n") + "\n", "  "), " " * 6)


TEMPLATE_FIRST_TAG_LINE = 9
"""The line of the first tag in a template built by `template`."""


def lint(text: str, filename: str = "request.yaml", options: Optional[dict] = None):
    settings = Settings(rule_options=options) if options else None
    return lint_text(text, filename, settings)


def findings_of(rule_id: str, text: str, filename: str = "request.yaml", options: Optional[dict] = None):
    return [finding for finding in lint(text, filename, options) if finding.rule_id == rule_id]


def spanned(text: str, finding) -> str:
    span = finding.span
    assert span.start_line == span.end_line
    return text.splitlines()[span.start_line - 1][span.start_column - 1:span.end_column - 1]


# CRML405 tag-characters


def test_bad_key_character_pointed_at():
    text = tagged("cost#center: '4711'")
    findings = findings_of("CRML405", text)
    assert len(findings) == 1
    assert findings[0].level == "warning"
    assert (findings[0].span.start_line, findings[0].span.start_column) == (FIRST_TAG_LINE, 7)
    assert spanned(text, findings[0]) == "#"
    assert 'the tag key tags["cost#center"] contains "#" (U+0023 NUMBER SIGN)' in findings[0].message


def test_bad_value_character_pointed_at():
    text = tagged("""
        team: data-science
        owner: "ml (platform)"
    """)
    findings = findings_of("CRML405", text)
    assert len(findings) == 1
    assert findings[0].span.start_line == FIRST_TAG_LINE + 1
    assert spanned(text, findings[0]) == "("
    assert findings[0].message.startswith("the tag value tags.owner contains")


def test_key_and_value_each_reported():
    text = tagged("'a!b': 'c?d'")
    assert [spanned(text, finding) for finding in findings_of("CRML405", text)] == ["!", "?"]


@pytest.mark.parametrize(
    "value",
    ["data-science", "Größe", "日本語", "team a", "a+b=c.d_e:f/g@h", "non\u00a0breaking", "٣٤", "", "Ⅻ"],
)
def test_allowed_characters_are_quiet(value):
    assert lint(tagged(f"team: {json.dumps(value, ensure_ascii=False)}")) == []


@pytest.mark.parametrize(
    "value, described",
    [
        ("a\tb", "a tab (U+0009)"),
        ("a\u2028b", "U+2028 LINE SEPARATOR"),
        ("e\u0301", "U+0301 COMBINING ACUTE ACCENT"),
        ("a*b", '"*" (U+002A ASTERISK)'),
    ],
)
def test_disallowed_characters_named(value, described):
    text = tagged(f"team: {json.dumps(value)}")
    findings = findings_of("CRML405", text)
    assert len(findings) == 1
    assert described in findings[0].message
    # The second character is the bad one; the finding spans its escape as written.
    assert spanned(text, findings[0]) == json.dumps(value[1])[1:-1]


def test_value_of_wrong_type_is_only_crml103():
    text = tagged("team: [a, b]")
    assert {finding.rule_id for finding in lint(text)} == {"CRML103"}


def test_bad_character_in_template_tag():
    text = template("""
        - Key: team
          Value: data-science
        - Key: cost#center
          Value: "4711"
    """)
    findings = findings_of("CRML405", text, "template.yaml")
    assert len(findings) == 1
    assert findings[0].span.start_line == TEMPLATE_FIRST_TAG_LINE + 2
    assert spanned(text, findings[0]) == "#"
    assert "the tag key Tags[1].Key contains" in findings[0].message


# CRML407 missing-required-tag

REQUIRED = {"CRML407": {"required_tags": ["Owner", "CostCenter"]}}


def test_required_tags_inactive_by_default():
    assert lint(tagged("team: data-science")) == []


def test_missing_tags_reported_at_tags_key():
    text = tagged("Owner: data-science")
    findings = findings_of("CRML407", text, options=REQUIRED)
    assert len(findings) == 1
    assert findings[0].level == "error"
    assert findings[0].span.start_line == FIRST_TAG_LINE - 1
    assert spanned(text, findings[0]) == "tags"
    assert findings[0].message == 'required tag "CostCenter" is missing; add it to tags'


def test_each_missing_tag_is_a_finding():
    findings = findings_of("CRML407", tagged("team: data-science"), options=REQUIRED)
    assert sorted(finding.message.split(";")[0] for finding in findings) == [
        'required tag "CostCenter" is missing',
        'required tag "Owner" is missing',
    ]
    assert len({finding.fingerprint for finding in findings}) == 2


def test_request_without_tags_reported_at_start():
    findings = findings_of("CRML407", HEADER, options=REQUIRED)
    assert len(findings) == 2
    assert all((finding.span.start_line, finding.span.start_column) == (1, 1) for finding in findings)


def test_tag_in_other_case_named_in_message():
    findings = findings_of("CRML407", tagged("owner: a\nCostCenter: '1'"), options=REQUIRED)
    assert len(findings) == 1
    assert 'the association has "owner", but tag keys are case-sensitive' in findings[0].message


def test_all_required_tags_present_is_quiet():
    assert lint(tagged("Owner: a\nCostCenter: '1'\nteam: b"), options=REQUIRED) == []


def test_template_without_tags_names_pascal_case_field():
    text = template("- {Key: team, Value: a}").split("      Tags:")[0]
    findings = findings_of("CRML407", text, "template.yaml", options=REQUIRED)
    assert len(findings) == 2
    assert 'required tag "Owner" is missing; add it to Tags' in {finding.message for finding in findings}
    assert all(finding.span.start_line == 5 for finding in findings)


def test_template_tags_checked_by_key():
    text = template("""
        - Key: Owner
          Value: data-science
    """)
    findings = findings_of("CRML407", text, "template.yaml", options=REQUIRED)
    assert [finding.message for finding in findings] == ['required tag "CostCenter" is missing; add it to Tags']
    assert spanned(text, findings[0]) == "Tags"


def test_tags_from_parameter_are_not_judged():
    text = template("- {Key: team, Value: a}").split("      Tags:")[0] + "      Tags: !Ref StackTags\n"
    assert findings_of("CRML407", text, "template.yaml", options=REQUIRED) == []


@pytest.mark.parametrize("required", ["Owner", [1], None])
def test_invalid_required_tags_option_stops_run(required):
    with pytest.raises(InternalError, match="option required-tags of CRML407"):
        lint(tagged("Owner: a"), options={"CRML407": {"required_tags": required}})


# CRML408 tag-keys-differ-in-case


def test_keys_differing_in_case_reported_at_second():
    text = tagged("""
        Owner: data-science
        team: a
        owner: ml-platform
    """)
    findings = findings_of("CRML408", text)
    assert len(findings) == 1
    assert findings[0].level == "warning"
    assert findings[0].span.start_line == FIRST_TAG_LINE + 2
    assert spanned(text, findings[0]) == "owner"
    assert 'differs from "Owner" only in letter case' in findings[0].message


def test_each_later_key_names_the_first():
    text = tagged("Owner: a\nowner: b\nOWNER: c")
    findings = findings_of("CRML408", text)
    assert [spanned(text, finding) for finding in findings] == ["owner", "OWNER"]
    assert all('from "Owner"' in finding.message for finding in findings)


def test_keys_compared_by_case_folding():
    text = tagged("Straße: a\nSTRASSE: b")
    assert len(findings_of("CRML408", text)) == 1


def test_distinct_keys_are_quiet():
    assert lint(tagged("Owner: a\nOwners: b\nowner-team: c")) == []


def test_keys_differing_in_case_in_template():
    text = template("""
        - Key: CostCenter
          Value: "1"
        - Key: costcenter
          Value: "2"
    """)
    findings = findings_of("CRML408", text, "template.yaml")
    assert len(findings) == 1
    assert findings[0].span.start_line == TEMPLATE_FIRST_TAG_LINE + 2
    assert "Tags[1].Key" in findings[0].message


def test_exact_repeat_in_template_is_only_crml406():
    text = template("""
        - Key: team
          Value: a
        - Key: team
          Value: b
    """)
    assert {finding.rule_id for finding in lint(text, "template.yaml")} == {"CRML406"}
