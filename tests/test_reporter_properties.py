"""Properties of every reporter over arbitrary findings: any text, any span, any count."""

from __future__ import annotations

import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from crml_lint.document import Span
from crml_lint.finding import LEVELS, Finding
from crml_lint.reporters import write_report
from crml_lint.result import LintResult
from crml_lint.rule import Rule

# Arbitrary Unicode, plus characters that break naive reporters: line ends, terminal
# escapes, bidirectional overrides, emoji outside the Basic Multilingual Plane, and the
# lone surrogates that Python uses for file-name bytes that are not valid UTF-8.
_AWKWARD = st.sampled_from(["\n", "\r", "\x00", "\x1b", "\x85", "\u2028", "\u202e", "😀", "👩", "\u200d", "💻", "é", "\\", '"', "%", "#", "/", ":"])
texts = st.text(alphabet=st.one_of(st.characters(), _AWKWARD), max_size=40)
paths = st.one_of(texts, st.text(alphabet=st.one_of(st.characters(), _AWKWARD, st.sampled_from(["\udcff", "\udc80"])), max_size=40))
numbers = st.integers(min_value=-3, max_value=10**7)
spans = st.builds(Span, numbers, numbers, numbers, numbers)

findings = st.builds(
    Finding,
    rule_id=st.one_of(st.sampled_from(["CRML201", "CRML405", "ACME001"]), texts.filter(bool)),
    rule_name=texts,
    level=st.sampled_from(LEVELS),
    message=texts,
    path=paths,
    span=spans,
    utf16_span=spans,
    field_path=texts,
    resource=st.none() | texts,
    fix=st.none() | texts,
    fingerprint=st.text(alphabet="0123456789abcdef", max_size=32),
    # Unsuppressed and without a baseline: the reports below count every finding.
    suppression=st.none(),
    baseline_state=st.none(),
)

rules = st.lists(
    st.builds(
        Rule,
        id=st.sampled_from(["CRML201", "CRML202", "CRML405"]),
        name=texts,
        level=st.sampled_from(LEVELS),
        summary=texts,
        documentation=texts,
        options=st.just({}),
        check=st.none(),
        origin=st.just(""),
    ),
    max_size=3,
)

results = st.builds(
    LintResult,
    findings=st.lists(findings, max_size=12),
    rules=rules,
    files_checked=st.integers(min_value=0, max_value=1000),
    associations=st.integers(min_value=0, max_value=1000),
    root=st.sampled_from(["/work/repository", "/tmp/é x", "/"]),
)


_ANSI_SEQUENCE = re.compile("\x1b\\[[0-9;]*m")


def write(result: LintResult, output_format: str, **options) -> str:
    stream = io.StringIO()
    write_report(result, output_format, stream, **options)
    return stream.getvalue()


@settings(deadline=None)
@given(results, st.booleans())
def test_text_one_line_per_finding(result, color):
    lines = write(result, "text", color=color).splitlines()

    assert len(lines) == len(result.findings) + 1
    for line, finding in zip(lines, result.findings):
        plain = _ANSI_SEQUENCE.sub("", line)
        assert f":{finding.span.start_line}:{finding.span.start_column}: " in plain


@settings(deadline=None)
@given(results)
def test_text_quiet_omits_summary(result):
    lines = write(result, "text", quiet=True).splitlines()

    assert len(lines) == len(result.findings)


@settings(deadline=None)
@given(results)
def test_json_round_trips_fields(result):
    document = json.loads(write(result, "json"))

    assert len(document["findings"]) == len(result.findings)
    for entry, finding in zip(document["findings"], result.findings):
        assert entry["rule_id"] == finding.rule_id
        assert entry["rule_name"] == finding.rule_name
        assert entry["level"] == finding.level
        assert entry["message"] == finding.message
        assert entry["path"] == finding.path
        assert (entry["line"], entry["column"], entry["end_line"], entry["end_column"]) == (
            finding.span.start_line,
            finding.span.start_column,
            finding.span.end_line,
            finding.span.end_column,
        )
        assert entry["field_path"] == finding.field_path
        assert entry["resource"] == finding.resource
        assert entry["fix"] == finding.fix
        assert entry["fingerprint"] == finding.fingerprint

    summary = document["summary"]
    assert summary["errors"] + summary["warnings"] + summary["notes"] == len(result.findings)


@settings(deadline=None)
@given(results)
def test_sarif_results_and_regions_valid(result):
    output = write(result, "sarif")
    run = json.loads(output)["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]

    assert output.isascii()
    assert len(run["results"]) == len(result.findings)
    for sarif_result in run["results"]:
        assert descriptors[sarif_result["ruleIndex"]]["id"] == sarif_result["ruleId"]
        assert sarif_result["message"]["text"].strip()
        region = sarif_result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert region["startColumn"] >= 1
        assert region["endLine"] >= region["startLine"]
        assert region["endColumn"] >= 1
        if region["endLine"] == region["startLine"]:
            assert region["endColumn"] >= region["startColumn"]


@settings(deadline=None)
@given(results)
def test_sarif_uris_are_valid_references(result):
    run = json.loads(write(result, "sarif"))["runs"][0]

    for sarif_result in run["results"]:
        location = sarif_result["locations"][0]["physicalLocation"]["artifactLocation"]
        uri = location["uri"]
        # Percent-encoding leaves only unreserved characters, "/", "%" and, in file URIs, ":".
        assert all(character.isascii() and (character.isalnum() or character in "-._~/%:") for character in uri)
        if "uriBaseId" in location:
            assert uri != ""
            assert not uri.startswith("/")
            assert ":" not in uri
        else:
            assert uri.startswith("file:///")
