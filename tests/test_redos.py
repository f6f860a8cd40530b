"""CRML205 and the ReDoS analysis behind it: what is reported, what is not, where, and how fast."""

from __future__ import annotations

import json
import time

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crml_lint import lint_text
from crml_lint.redos import BudgetExceeded, Deadline, find_vulnerability
from crml_lint.redos_charsets import CodeSet, build_alphabet, case_closure, class_escape
from crml_lint.redos_confirm import confirm
from crml_lint.rule_options import InvalidOptionError
from crml_lint.settings import Settings

GENEROUS_SECONDS = 5.0

_REQUEST = """\
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
          filterPattern: {pattern}
"""


def _analyse(pattern):
    return find_vulnerability(pattern, Deadline(GENEROUS_SECONDS))


# Tests of what is found use a generous budget, so that a busy machine cannot make them
# fail; the tests of the budget itself pass their own settings.
_GENEROUS = Settings(rule_options={"CRML205": {"time_budget_ms": 10000}})


def _crml205(text, filename="request.yaml", settings=None):
    return [finding for finding in lint_text(text, filename, settings or _GENEROUS) if finding.rule_id == "CRML205"]


# -- What is reported ---------------------------------------------------------------------

@pytest.mark.parametrize("pattern", [
    r"(a+)+b",
    r"^(a|a)*$",
    r"^(\w+\s?)*$",
    r"(\d|\w)+$",
    r"^(a*)*$",
    r"^(a|aa)+$",
    r"(\d+\s*)+ms$",
    r"^(\d{1,20})+$",
    r"(?i)^(a|A)+$",
    r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
])
def test_exponential_patterns_reported(pattern):
    found = _analyse(pattern)
    assert found is not None
    assert found.exponential


@pytest.mark.parametrize("pattern, degree", [
    (r"\d+\d+$", 3),
    (r"a*a*$", 3),
    (r"\d+\d+\d+x", 4),
    (r"^(\d+)\s*(\d+)\s*(\d+)$", 3),
    (r"\S+\s*\S+\s*\S+$", 4),
])
def test_polynomial_degree_reported(pattern, degree):
    found = _analyse(pattern)
    assert found is not None
    assert found.degree == degree


@pytest.mark.parametrize("pattern", [r"\s+$", r"(\w+)=(\w+)", r".*ERROR.*", r"\d+\.\d+$", r"[^,]*,[^,]*,ERROR"])
def test_quadratic_patterns_not_reported(pattern):
    assert _analyse(pattern) is None


@pytest.mark.parametrize("pattern", [
    r"(a+)+",  # matches any run of a's at once, so no attempt fails
    r"\d+\d+\d+",  # the same: three digits are a match
    r"a*a*",
    r"ERROR|FATAL",
    r"(a|ab)*c",  # unambiguous: only a quadratic search remains
    r"\"msg\":\"(?:[^\"\\]|\\.)*\"",
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    r"^[\w.+-]+@[\w-]+\.[\w.-]+$",
    r"\b(?:\d{1,3}\.){3}\d{1,3}\b",
    r"a{1,5}a{1,5}a{1,5}x",
    r".*a.*a.*a",
])
def test_safe_patterns_not_reported(pattern):
    assert _analyse(pattern) is None


@pytest.mark.parametrize("pattern", [r"^(\w+\s?)*+$", r"^(?>(\w+\s?)*)$", r"(?>a+)+b", r"\d++\d+$", r"^(a|aa)++$"])
def test_possessive_and_atomic_not_reported(pattern):
    assert _analyse(pattern) is None


def test_unsupported_construct_not_reported():
    assert _analyse(r"(a(?R)?b)+$") is None


# -- Character sets are computed on real sets ---------------------------------------------

@pytest.mark.parametrize("pattern, vulnerable", [
    (r"^(\d|[a-f])+$", False),
    (r"^(\d|[0-9a-f])+$", True),
    (r"^([a-z]|[A-Z])+$", False),
    (r"(?i)^([a-z]|[A-Z])+$", True),
    (r"^(\s|\S)+$", False),
    (r"^(.|\n)+!$", False),
    (r"(?s)^(.|\n)+!$", True),
    (r"^([^a]|b)+$", True),
    (r"^([^ab]|b)+$", False),
    (r"^(\w|é)+$", True),
    (r"(?a)^(\w|é)+$", False),
    (r"^(\d|\p{Nd})+$", True),
    (r"^(\p{Lu}|\p{Ll})+$", False),
])
def test_overlap_uses_real_sets(pattern, vulnerable):
    assert (_analyse(pattern) is not None) is vulnerable


def test_unicode_digits_are_word_characters():
    digits = class_escape("d", False)
    word = class_escape("w", False)
    assert ord("٣") in digits
    assert digits.is_subset(word)
    assert not class_escape("d", True).intervals[-1][1] > 0x7F


def test_case_closure_matches_regex():
    closed = case_closure(CodeSet.of([(ord("k"), ord("k"))]))
    members = {chr(low) for low, high in closed.intervals for _ in range(high - low + 1)}
    assert members == {"k", "K", "\u212a"}
    assert all(regex.fullmatch("(?i)k", member) for member in members)


def test_alphabet_blocks_partition_sets():
    digits = CodeSet.of([(0x30, 0x39)])
    hex_letters = CodeSet.of([(0x61, 0x66)])
    alphabet = build_alphabet([digits, digits.union(hex_letters)])
    assert alphabet.mask(digits) & alphabet.mask(hex_letters) == 0
    assert alphabet.mask(digits.union(hex_letters)) == alphabet.mask(digits) | alphabet.mask(hex_letters)


# -- Attack strings -----------------------------------------------------------------------

@pytest.mark.parametrize("pattern", [r"^(\w+\s?)*$", r"^(a|aa)+$", r"(\d+\s*)+ms$", r"(.+)+$"])
def test_attack_fails_at_its_start(pattern):
    found = _analyse(pattern)
    assert found is not None
    attack = found.attack.text(6)
    # The attempt that starts where the attack starts must fail, or it would stop at once.
    assert regex.match(pattern, attack) is None, attack


def test_attack_suffix_avoids_final_newline():
    found = _analyse(r"^(\[\w+\]\s*)*(.+)+$")
    assert found is not None
    assert not found.attack.text(4).endswith("\n")


def test_confirmation_times_real_slowdown():
    pattern = r"^(a|aa)+$"
    deadline = Deadline(1.0)
    found = find_vulnerability(pattern, deadline)
    confirmation = confirm(pattern, found.attack, found.exponential, deadline, found.match_text)
    assert confirmation.confirmed


def test_confirmation_not_claimed_for_linear_pattern():
    from crml_lint.redos import Attack

    attack = Attack("", (("a", ""),), "!")
    # Anchored, so each search makes one linear attempt.
    confirmation = confirm(r"^a+b", attack, False, Deadline(0.5))
    assert not confirmation.confirmed


# -- The time budget ----------------------------------------------------------------------

_PATHOLOGICAL = [
    r".*\s*" * 60 + "x",
    "(" + "|".join(f"a{index}" for index in range(100)) + ")*b",
    r"(\w+\s?)*" * 20 + "$",
    r"\d+" * 200 + "x",
    r"(.*?,){11}P",
    r"^(a|aa)+$",
]


@pytest.mark.parametrize("pattern", _PATHOLOGICAL, ids=range(len(_PATHOLOGICAL)))
def test_rule_stays_within_budget(pattern):
    text = _REQUEST.format(pattern=json.dumps(pattern))
    # A budget the rule has not seen yet, so that no cached result hides the work.
    settings = Settings(rule_options={"CRML205": {"time_budget_ms": 99}})
    started = time.perf_counter()
    _crml205(text, settings=settings)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{elapsed:.3f} s"


@pytest.mark.parametrize("pattern", _PATHOLOGICAL[:4], ids=range(4))
def test_analysis_raises_when_budget_spent(pattern):
    started = time.perf_counter()
    try:
        find_vulnerability(pattern, Deadline(0.01))
    except BudgetExceeded:
        pass
    assert time.perf_counter() - started < 0.5


# -- The rule -----------------------------------------------------------------------------

def _position(text, needle):
    """1-based line and column of `needle` in `text`."""
    index = text.index(needle)
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return line, column


@pytest.mark.parametrize("spelled, blamed", [
    (r"'^(\w+\s?)*: (ERROR|FATAL)'", r"(\w+\s?)*"),
    (r'"^(\\w+\\s?)*: (ERROR|FATAL)"', r"(\\w+\\s?)*"),
    (r"^(\w+\s?)*x", r"(\w+\s?)*"),
    (r"'id=\d+\d+\d+;'", r"\d+\d+\d+"),
])
def test_finding_points_at_repetition(spelled, blamed):
    text = _REQUEST.format(pattern=spelled)
    findings = _crml205(text)
    assert len(findings) == 1
    line, column = _position(text, blamed)
    assert (findings[0].span.start_line, findings[0].span.start_column) == (line, column)
    assert findings[0].span.end_column == column + len(blamed)


def test_finding_in_json_request():
    request = {
        "membershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f",
        "configuredModelAlgorithmArn": "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        "name": "churn-training",
        "privacyConfiguration": {"policies": {"trainedModels": {"containerLogs": [
            {"allowedAccountIds": ["111122223333"], "logType": "ERROR_SUMMARY", "filterPattern": "x(\\d|\\w)+$"},
        ]}}},
    }
    text = json.dumps(request, indent=2)
    findings = _crml205(text, "request.json")
    assert len(findings) == 1
    line, column = _position(text, "(\\\\d|\\\\w)+")
    assert (findings[0].span.start_line, findings[0].span.start_column) == (line, column)


def test_custom_data_identifiers_checked():
    text = _REQUEST.format(pattern="ERROR") + """\
          logRedactionConfiguration:
            entitiesToRedact: [CUSTOM]
            customEntityConfig:
              customDataIdentifiers: ['customer-[0-9]{6}', '^(\\d+-?)+\\d{4}$']
"""
    findings = _crml205(text)
    assert len(findings) == 1
    assert findings[0].field_path.endswith("customDataIdentifiers[1]")
    # '>' is not allowed in an identifier, so no atomic group is suggested.
    assert "(?>" not in findings[0].message


def test_template_identifier_gets_no_atomic_group():
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
                FilterPattern: 'x[0-9]*[0-9]*[0-9]*y'
                LogRedactionConfiguration:
                  EntitiesToRedact: [CUSTOM]
                  CustomEntityConfig:
                    CustomDataIdentifiers: ['x[0-9]*[0-9]*[0-9]*y']
"""
    findings = _crml205(template, "template.yaml")
    messages = {finding.field_path.rsplit(".", 1)[-1]: finding.message for finding in findings}
    assert set(messages) == {"FilterPattern", "CustomDataIdentifiers[0]"}
    # A filter pattern may contain '>', and a custom data identifier, in any key style, may not.
    assert "(?>" in messages["FilterPattern"]
    assert "(?>" not in messages["CustomDataIdentifiers[0]"]


def test_message_names_kind_attack_and_fix():
    findings = _crml205(_REQUEST.format(pattern=r"'^(\w+\s?)*: (ERROR|FATAL)'"))
    message = findings[0].message
    assert "exponential time" in message
    assert "a long run of word characters" in message
    assert "'(\\w+\\s?)*+'" in message


def test_message_names_degree():
    findings = _crml205(_REQUEST.format(pattern=r"'id=\d+\d+\d+;'"))
    assert "polynomial time of degree 3" in findings[0].message
    assert "disjoint characters" in findings[0].message


def test_quadratic_filter_not_reported_by_rule():
    assert _crml205(_REQUEST.format(pattern=r"'\s+$'")) == []


def test_invalid_pattern_left_to_crml203():
    findings = lint_text(_REQUEST.format(pattern=r"'(a+'"), "request.yaml")
    assert {finding.rule_id for finding in findings} == {"CRML203"}


def test_confirm_option_off_says_so():
    settings = Settings(rule_options={"CRML205": {"confirm": False, "time_budget_ms": 5000}})
    findings = _crml205(_REQUEST.format(pattern=r"'^(a|aa)+$'"), settings=settings)
    assert "not run against the regex module" in findings[0].message


@pytest.mark.parametrize("options", [{"time_budget_ms": 0}, {"time_budget_ms": "100"}, {"confirm": "yes"}])
def test_invalid_options_rejected(options):
    from crml_lint.config import ConfigError
    from crml_lint.engine import InternalError

    # Settings check rule options when they are made; a rule checks them again when it runs.
    with pytest.raises((ConfigError, InvalidOptionError, InternalError)) as raised:
        settings = Settings(rule_options={"CRML205": options})
        _crml205(_REQUEST.format(pattern=r"'^(a|aa)+$'"), settings=settings)
    assert "CRML205" in str(raised.value)


# -- Robustness on arbitrary patterns -----------------------------------------------------

_ATOMS = st.sampled_from(["a", "b", r"\d", r"\w", r"\s", ".", "[a-c]", "[^a]", r"\b", "$", "^", "(?=a)", r"\1"])


def _patterns(depth=3):
    atom = _ATOMS
    if depth == 0:
        return atom
    inner = _patterns(depth - 1)
    quantified = st.tuples(inner, st.sampled_from(["*", "+", "?", "{1,3}", "{2,}", "*?", "++", ""])).map(
        lambda pair: f"(?:{pair[0]}){pair[1]}" if pair[1] else pair[0])
    return st.one_of(
        atom,
        quantified,
        st.lists(inner, min_size=2, max_size=3).map("".join),
        st.lists(inner, min_size=2, max_size=3).map(lambda parts: "(" + "|".join(parts) + ")"),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_patterns())
def test_analysis_never_crashes(pattern):
    try:
        regex.compile(pattern)
    except regex.error:
        return
    try:
        found = find_vulnerability(pattern, Deadline(2.0))
    except BudgetExceeded:
        return
    if found is not None:
        assert 0 <= found.start < found.end <= len(pattern)
        assert found.degree is None or found.degree >= 3
