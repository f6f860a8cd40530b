"""Property tests: the engine never raises on any input, and every finding points into the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crml_lint import lint_text

MARKERS = ["membershipIdentifier", "privacyConfiguration", "configuredModelAlgorithmArn", "policies", "tags"]

fragments = st.one_of(
    st.text(max_size=30),
    st.sampled_from(MARKERS + ["{", "}", "[", "]", ":", ",", '"', "\n", "  ", "- ", "&a", "*a", "<<:", "!Ref", "\t", "\ufeff", "\r\n", "NaN", "1e999"]),
)
documents = st.lists(fragments, max_size=40).map("".join)


def _check_findings(text, findings):
    # A lone carriage return ends a line too, as in old Mac files.
    line_count = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for finding in findings:
        span = finding.span
        assert 1 <= span.start_line <= span.end_line <= line_count + 1
        assert span.start_column >= 1 and span.end_column >= 1
        assert finding.level in ("error", "warning", "note")
        assert finding.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from(["request.json", "request.yaml", "request.template", "-"]))
def test_engine_never_raises(text, filename):
    _check_findings(text, lint_text(text, filename))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(MARKERS + ["value", "unit", "name"]), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(MARKERS), json_values, min_size=1, max_size=5))
def test_engine_handles_any_request_shape(request):
    import json

    text = json.dumps(request, indent=2)
    _check_findings(text, lint_text(text, "request.json"))
