"""Repeat counts in filter patterns and custom data identifiers: read as `regex` reads them, and
refused before compiling where they would make `regex` copy a part too often."""

from __future__ import annotations

import json
import textwrap
import time

import pytest

from crml_lint import lint_text
from crml_lint import patterns
from crml_lint.patterns import MAX_CACHED_ELEMENTS, compile_pattern
from crml_lint.quantifiers import MAX_COUNTED_COPIES, Count, count_at, could_backtrack_badly, counted_copies

HEADER = """\
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
"""


def filter_request(pattern: str) -> str:
    return HEADER + textwrap.indent(
        f"""- allowedAccountIds: ["111122223333"]
  logType: ERROR_SUMMARY
  filterPattern: {json.dumps(pattern)}
""",
        " " * 8,
    )


def identifier_request(identifier: str) -> str:
    return HEADER + textwrap.indent(
        f"""- allowedAccountIds: ["111122223333"]
  logType: ERROR_SUMMARY
  logRedactionConfiguration:
    entitiesToRedact: [CUSTOM]
    customEntityConfig:
      customDataIdentifiers: [{json.dumps(identifier)}]
""",
        " " * 8,
    )


def spanned(text: str, finding) -> str:
    """The source text a single-line finding points at."""
    span = finding.span
    assert span.start_line == span.end_line
    return text.splitlines()[span.start_line - 1][span.start_column - 1:span.end_column - 1]


def oversized_text(pattern: str):
    """The text of the count that `counted_copies` blames, or None."""
    oversized = counted_copies(pattern).oversized
    return None if oversized is None else pattern[oversized.start:oversized.end]


# Findings through the rules


def test_huge_count_in_filter_is_crml203():
    # regex.compile takes about 290 MB for this count, and tens of GB for x{99999999}.
    text = filter_request("ERROR x{1000000}")

    findings = lint_text(text, "request.yaml")

    assert [finding.rule_id for finding in findings] == ["CRML203"]
    message = findings[0].message
    assert "filterPattern has a repeat count larger than crml-lint can check" in message
    assert "'{1000000}' at position 8" in message
    assert f"more than {MAX_COUNTED_COPIES:,} characters" in message
    assert message.endswith("write a smaller count")
    assert "not a valid" not in message
    assert spanned(text, findings[0]) == "{1000000}"


def test_huge_count_in_identifier_is_crml204():
    text = identifier_request("CUST-[0-9]{1000000}")

    findings = lint_text(text, "request.yaml")

    assert [finding.rule_id for finding in findings] == ["CRML204"]
    assert "customDataIdentifiers[0] has a repeat count larger than crml-lint can check" in findings[0].message
    assert spanned(text, findings[0]) == "{1000000}"


def test_nested_counts_multiply():
    # Each count alone is small, but the inner part is copied 1000 x 1000 times.
    text = filter_request("(?:(?:ab){1000}-){1000}")

    findings = lint_text(text, "request.yaml")

    assert [finding.rule_id for finding in findings] == ["CRML203"]
    assert spanned(text, findings[0]) == "{1000}"
    assert "'{1000}' at position 18" in findings[0].message


def test_nested_groups_count_as_copies():
    # `regex` copies each capturing group on every repetition: 300 nested groups repeated
    # 9,999 times took 1.3 GB to compile, in a pattern of 776 characters.
    pattern = "(" * 300 + "a" + ")" * 300 + "{9999}"

    findings = lint_text(filter_request(pattern), "request.yaml")

    assert [finding.rule_id for finding in findings] == ["CRML203"]
    assert "larger than crml-lint can check" in findings[0].message


def test_named_backreference_is_one_element():
    compiled, reason = compile_pattern("(?P<n>a)(?P=n){9999}")

    assert reason is None
    assert compiled is not None


@pytest.mark.parametrize("pattern", ["^(a|a)+$|x{1000000}", "|x{1000000}"])
def test_huge_count_is_only_crml203(pattern):
    # Without the count, CRML205 reports the first pattern and CRML206 the second. Neither
    # rule may compile or analyse a pattern that crml-lint does not compile.
    assert {finding.rule_id for finding in lint_text(filter_request(pattern), "request.yaml")} == {"CRML203"}


@pytest.mark.parametrize("pattern", ["x{10001}", "(?:[0-9]{9}-){1000}", "x{1,99999999}", "ERROR .{0,4000}"])
def test_counts_within_limit_compile(pattern):
    compiled, reason = compile_pattern(pattern)

    assert reason is None
    assert compiled is not None
    assert lint_text(filter_request(pattern), "request.yaml") == []


def test_long_digit_run_after_brace_is_crml203():
    # `regex` converts the digits with int(), which Python refuses beyond 4300 digits.
    pattern = "(a|b)+x{" + "1" * 100_000
    text = filter_request(pattern)

    started = time.perf_counter()
    findings = lint_text(text, "request.yaml")
    elapsed = time.perf_counter() - started

    crml203 = [finding for finding in findings if finding.rule_id == "CRML203"]
    assert len(crml203) == 1
    assert "repeat count too big at position 8" in crml203[0].message
    assert elapsed < 5, f"linting took {elapsed:.1f} s"


# The estimate of counted copies


@pytest.mark.parametrize(
    "pattern, blamed",
    [
        ("x{99999999}", "{99999999}"),
        ("x{10001}", None),
        ("x{10002}", "{10002}"),
        ("x{,99999999}", None),
        ("x{5000,99999999}", None),
        ("(?:abc){5000}", "{5000}"),
        ("(?:(?:x{100}){101})", "{101}"),
        ("x{4294967296}", "{4294967296}"),
        ("x{" + "9" * 5000 + "}", "{" + "9" * 5000 + "}"),
        ("\\p{L}{99999}", "{99999}"),
        ("x(?#note){99999}", "{99999}"),
        ("x#{99999}", "{99999}"),
    ],
)
def test_counted_copies_blames_count(pattern, blamed):
    assert oversized_text(pattern) == blamed


def test_sum_of_counts_blames_the_one_past_limit():
    oversized = counted_copies("a{6000}b{6000}").oversized

    assert oversized is not None
    assert oversized.start == 8
    assert oversized.minimum == 6000


@pytest.mark.parametrize(
    "pattern",
    [
        "\\{99999999}",
        "[{99999999}]",
        "[]{99999999}]",
        "[^]{99999999}]",
        "[[:alpha:]{99999999}]",
        "(?V1)[[a]{99999999}]",
        "(?#{99999999})",
        "(?#\\){99999999})",
        "(?x)x # {99999999}",
        "x{ 99999999}",
        "x{99999999",
        "x{e<=99999999}",
    ],
)
def test_literal_braces_are_no_count(pattern):
    assert oversized_text(pattern) is None


@pytest.mark.parametrize(
    "pattern, blamed",
    [
        ("(?x)x{ 9999 9 }", "{ 9999 9 }"),
        ("(?x)x{#note\n99999}", "{#note\n99999}"),
        ("(?x)(?:abc) {5000}", "{5000}"),
        # Verbose mode ends with the group that turns it on, so this `#` is literal.
        ("(?x:a)x#x{99999}", "{99999}"),
        ("(?:a(?x) b|c #\n){99999}", "{99999}"),
    ],
)
def test_verbose_counts_read_as_regex_reads_them(pattern, blamed):
    assert oversized_text(pattern) == blamed


def test_stray_parenthesis_repeats_everything_before():
    # `regex` rejects the `)`, but the estimate must not shrink because of it.
    assert oversized_text("(?:" + "a" * 20 + "){0})){1000}") == "{1000}"


def test_long_digit_runs_read_in_linear_time():
    pattern = "(a|b)+x{" + "1" * 200_000

    started = time.perf_counter()
    could_backtrack = could_backtrack_badly(pattern)
    copies = counted_copies(pattern)
    elapsed = time.perf_counter() - started

    assert could_backtrack
    assert copies.oversized is None
    assert elapsed < 2, f"reading the digits took {elapsed:.1f} s"


# Reading one count


@pytest.mark.parametrize(
    "text, count",
    [
        ("{5}", Count(5, 5, 3)),
        ("{2,}", Count(2, None, 4)),
        ("{,7}", Count(0, 7, 4)),
        ("{,}", Count(0, None, 3)),
        ("{}", None),
        ("{5", None),
        ("{ 5}", None),
        ("{٥}", None),
    ],
)
def test_count_at_reads_braces(text, count):
    assert count_at(text, 0) == count


def test_count_at_skips_verbose_filler():
    assert count_at("{ 1 , #two\n 2 }", 0, verbose=True) == Count(1, 2, 15)


def test_unbounded_empty_count_may_backtrack():
    # `{,}` repeats without bound, as `*` does.
    assert could_backtrack_badly("^(\\w|\\d){,}!")
    assert could_backtrack_badly("\\d{,}\\d{,}$")
    assert not could_backtrack_badly("\\d{,}$")


# The cache of compiled patterns


def test_cache_keeps_bounded_elements():
    # Each pattern adds about 9,000 copies, so the cache cannot keep them all.
    for index in range(30):
        compiled, reason = compile_pattern(f"{index}x{{9000}}")
        assert compiled is not None
        assert reason is None

    kept = sum(elements for _, elements in patterns._cache.values())
    assert kept <= MAX_CACHED_ELEMENTS
    assert len(patterns._cache) < 30


def test_cache_returns_same_compiled_pattern():
    first, _ = compile_pattern("ERROR [0-9]{4}")
    second, _ = compile_pattern("ERROR [0-9]{4}")

    assert first is second
