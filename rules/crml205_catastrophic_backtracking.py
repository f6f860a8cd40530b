"""A filterPattern or custom data identifier can make a backtracking regex engine take exponential or high polynomial time.

## What it finds
A `filterPattern` or an item of `customDataIdentifiers` on which a backtracking regular
expression engine can take time that explodes with the length of a log line:

- **exponential time**, where a repeated part can match the same text in more than one
  way: nested quantifiers such as `(a+)+` or `(\\w+\\s?)*`, and overlapping alternatives
  under repetition such as `(\\d|\\w)+`;
- **polynomial time of degree 3 or more**, where three or more repeated parts, counting the
  engine's own loop over start positions, can all match the same run of characters, as in
  `\\d+\\d+$` or `\\d+\\d+\\d+x`.

Quadratic patterns such as `\\s+$` are common and are not reported. A pattern is read as
the `regex` module reads it and applied in search semantics (it may match anywhere in a
line). The time only explodes when an attempt to match fails, so a pattern whose repeated
part ends it, such as `(a+)+` alone, matches at once and is not reported.

The analysis is static: it builds the pattern's automaton and looks for the ambiguity
above, then runs the attack line it derives against the `regex` module with a timeout, and
the finding tells whether the slowdown was confirmed. The finding points at the quantified part
responsible, and names the kind of line that triggers it. Patterns that do not compile,
or whose repeat counts are too large for crml-lint to compile, are left to CRML203 and CRML204.

## Why it matters
The service applies these patterns to every line that the training or inference container
writes. A line that triggers catastrophic backtracking (a long run of digits in a stack
trace, a long token in a JSON field) can stall log filtering or redaction, and a container
can write such a line by accident or on purpose. The service does not document its regex
engine, and most engines backtrack.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
          filterPattern: '^(\\w+\\s?)*: (ERROR|FATAL)'
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
          filterPattern: '^(\\w+\\s?)*+: (ERROR|FATAL)'
```

The possessive quantifier `*+` never gives back what the group matched, so there is only
one way left to try. An atomic group, `(?>(\\w+\\s?)*)`, does the same; so does rewriting
the parts to match disjoint characters, such as `^[\\w\\s]*: (ERROR|FATAL)`.

## Options
- `time-budget-ms` (number, default `100`): the wall-clock time, in milliseconds, that the
  analysis and the confirmation run of one pattern may take together. When it runs out
  during confirmation, the finding rests on the static analysis alone and says so; when it
  runs out during the static analysis, the pattern is not reported.
- `confirm` (boolean, default `true`): run the attack line against the `regex` module to
  confirm the finding. With `false`, findings rest on the static analysis alone.

## References
- AWS Clean Rooms ML API reference, `LogsConfigurationPolicy.filterPattern` and
  `CustomEntityConfig.customDataIdentifiers`.
- CWE-1333, Inefficient Regular Expression Complexity:
  https://cwe.mitre.org/data/definitions/1333.html
- The `regex` module's possessive quantifiers and atomic groups:
  https://pypi.org/project/regex/
- How the analysis works and how it compares with the ReDoS checker recheck:
  `docs/redos.md` in the crml-lint repository.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional


from crml_lint.document import ScalarNode, format_path
from crml_lint.finding import Problem
from crml_lint.log_policies import LogPolicy, iter_log_policies, string_items
from crml_lint.patterns import compile_pattern
from crml_lint.quantifiers import could_backtrack_badly
from crml_lint.rule_options import InvalidOptionError, number_option
from crml_lint.string_positions import span_of_characters

if TYPE_CHECKING:
    from crml_lint.redos import Attack, Vulnerability
    from crml_lint.redos_confirm import Confirmation

# The analysis modules are imported on first use: most patterns never need them (see
# crml_lint.quantifiers), and importing them costs start-up time.

ID = "CRML205"
NAME = "catastrophic-backtracking"
LEVEL = "warning"
SUMMARY = "A filterPattern or custom data identifier can take exponential, or cubic or worse, time on some log line."

OPTIONS = {"time_budget_ms": 100, "confirm": True}

_MAX_QUOTED_PREFIX = 24
_IDENTIFIERS_PATH = ("logRedactionConfiguration", "customEntityConfig", "customDataIdentifiers")
_MAX_CACHED_RESULTS = 256
_RESULTS: dict[tuple[str, float, bool], Optional[tuple[Vulnerability, Optional[Confirmation]]]] = {}


def check(association, options):
    budget_seconds = number_option(options, "time_budget_ms", ID) / 1000
    confirming = options["confirm"]
    if not isinstance(confirming, bool):
        raise InvalidOptionError(f"option confirm of {ID} must be true or false, not {confirming!r}")

    for pattern in _patterns(association.document):
        compiled, _ = compile_pattern(pattern.value)
        if compiled is None:
            continue  # CRML203 and CRML204 report patterns that were not compiled, and why.
        if not could_backtrack_badly(pattern.value):
            continue  # too little repetition to be worse than quadratic

        outcome = _analyse(pattern.value, budget_seconds, confirming)
        if outcome is not None:
            vulnerability, confirmation = outcome
            yield _problem(association.source, pattern, vulnerability, confirmation, budget_seconds)


def _analyse(pattern: str, budget_seconds: float, confirming: bool) -> Optional[tuple[Vulnerability, Optional[Confirmation]]]:
    """Analyse and confirm one pattern within the budget.

    Results are cached, so a pattern repeated in a file, or checked again for each branch
    of an Fn::If, costs one budget and gets the same message. A static analysis that ran
    out of budget is not cached, so a later check of the pattern tries again.
    """
    key = (pattern, budget_seconds, confirming)
    if key in _RESULTS:
        return _RESULTS[key]

    from crml_lint.redos import BudgetExceeded, Deadline, find_vulnerability
    from crml_lint.redos_charsets import prepare_unicode_tables
    from crml_lint.redos_confirm import confirm

    # The Unicode tables are built once per process, before the first pattern's budget starts.
    prepare_unicode_tables()
    deadline = Deadline(budget_seconds)
    try:
        vulnerability = find_vulnerability(pattern, deadline)
    except BudgetExceeded:
        # NOTE: a pattern whose static analysis runs out of budget before it finds anything
        # is not reported, although it may be vulnerable.
        return None
    except RecursionError:
        # Groups nested some hundreds deep exceed the recursive parser and automaton
        # builder; such a pattern is left unjudged, as one that runs out of budget is.
        return None

    result = None
    if vulnerability is not None:
        confirmation = None
        if confirming:
            confirmation = confirm(pattern, vulnerability.attack, vulnerability.exponential, deadline, vulnerability.match_text)
        result = (vulnerability, confirmation)

    if len(_RESULTS) >= _MAX_CACHED_RESULTS:
        _RESULTS.clear()
    _RESULTS[key] = result
    return result


def _patterns(document) -> Iterator[ScalarNode]:
    """Every filterPattern and custom data identifier that is a string."""
    for policy in iter_log_policies(document):
        yield from _policy_patterns(policy)


def _policy_patterns(policy: LogPolicy) -> Iterator[ScalarNode]:
    filter_pattern = policy.field("filterPattern")
    if isinstance(filter_pattern, ScalarNode) and isinstance(filter_pattern.value, str):
        yield filter_pattern
    yield from string_items(policy.field(*_IDENTIFIERS_PATH))


def _problem(source, pattern: ScalarNode, vulnerability: Vulnerability,
             confirmation: Optional[Confirmation], budget_seconds: float) -> Problem:
    part = pattern.value[vulnerability.start:vulnerability.end]
    path = format_path(pattern.user_path)
    # Custom data identifiers may not contain '>', so an atomic group is no fix for them.
    # A template spells the list CustomDataIdentifiers, so letter case is ignored.
    identifiers = _IDENTIFIERS_PATH[-1].lower()
    atomic_allowed = not any(isinstance(step, str) and step.lower() == identifiers for step in pattern.user_path)
    if vulnerability.exponential:
        complexity = "exponential time"
        cause = f"the repetition '{part}' can match the same text in more than one way"
    else:
        at_least = " or more" if vulnerability.degree_is_lower_bound else ""
        complexity = f"polynomial time of degree {vulnerability.degree}{at_least}"
        cause = f"the repeated parts '{part}' can split the same run of characters in many ways"

    fix = _fix(pattern.value, vulnerability, atomic_allowed)
    message = (
        f"{path} can take {complexity} in a backtracking regex engine: {cause}, and a log line "
        f"{_describe_attack(vulnerability, confirmation.attack if confirmation else vulnerability.attack)} "
        "makes the engine try them all "
        f"{_describe_confirmation(confirmation, budget_seconds)}; {_advice(fix, vulnerability, atomic_allowed)}"
    )
    return Problem(
        message=message,
        span=span_of_characters(source, pattern, vulnerability.start, vulnerability.end),
        field_path=path,
        identity=f"{vulnerability.start}:{vulnerability.end}",
        fix=fix,
    )


def _describe_attack(vulnerability: Vulnerability, attack: Attack) -> str:
    """Say what the attack line holds, in words: "that holds a long run of digits followed by '!'"."""
    from crml_lint.redos import describe_characters, quote

    parts = []
    prefix = attack.prefix
    first_set = vulnerability.pump_sets[0] if vulnerability.pump_sets else None
    # Where the prefix ends with characters of the first run, they are just its start.
    while first_set is not None and prefix and ord(prefix[-1]) in first_set:
        prefix = prefix[:-1]
    if prefix:
        shown = prefix if len(prefix) <= _MAX_QUOTED_PREFIX else prefix[:_MAX_QUOTED_PREFIX] + "..."
        parts.append(quote(shown))

    for index, (pump, _connector) in enumerate(attack.pumps):
        pump_set = vulnerability.pump_sets[index] if index < len(vulnerability.pump_sets) else None
        if pump_set is not None:
            run = f"a long run of {describe_characters(pump_set, pump[0])}"
        else:
            run = f"{quote(pump)} repeated many times"
        if not parts or parts[-1] != run:
            parts.append(run)

    ending = f"followed by {quote(attack.suffix)}" if attack.suffix else "with nothing after it"
    return f"that holds {', then '.join(parts)} {ending}"


def _describe_confirmation(confirmation: Optional[Confirmation], budget_seconds: float) -> str:
    if confirmation is None:
        return "(not run against the regex module: the option confirm is off)"
    if confirmation.confirmed:
        # Timings stay out of the message, so that reruns and baselines see the same text.
        return "(confirmed: the regex module slowed down faster than the line grew)"
    if confirmation.out_of_time:
        return (f"(not confirmed: the time budget of {budget_seconds * 1000:.0f} ms ran out, "
                "so this finding rests on the static analysis alone)")
    return ("(the regex module's own guards kept this attack line fast, "
            "but the engine that applies the pattern may have no such guards)")


def _advice(fix: str, vulnerability: Vulnerability, atomic_allowed: bool) -> str:
    if vulnerability.exponential:
        return f"{fix} (and check that it still matches the lines you mean), or rewrite it so that each character can be matched one way only"
    stopper = "a possessive quantifier such as '\\d++'" + (" or an atomic group '(?>...)'" if atomic_allowed else "")
    return f"{fix}, or use {stopper} on a part that never needs to give characters back"


def _fix(pattern: str, vulnerability: Vulnerability, atomic_allowed: bool) -> str:
    if not vulnerability.exponential:
        return "make the adjacent repeated parts match disjoint characters"
    possessive = _possessive_version(pattern, vulnerability.start, vulnerability.end)
    if possessive is not None:
        return f"make the repetition possessive, '{possessive}', so the engine never backtracks into it"
    part = pattern[vulnerability.start:vulnerability.end]
    if atomic_allowed:
        return f"wrap the repetition in an atomic group, '(?>{part})', so the engine never backtracks into it"
    return "rewrite the repetition so that each character can be matched one way only"


def _possessive_version(pattern: str, start: int, end: int) -> Optional[str]:
    """The blamed part with a possessive quantifier, when it ends in a greedy one."""
    part = pattern[start:end]
    if not part or part[-1] not in "*+?}":
        return None
    # `a++` and `a*?` already end in a quantifier modifier; only a plain greedy quantifier takes one.
    if len(part) >= 2 and part[-1] in "+?" and part[-2] in "*+?}" and not _is_escaped(part, len(part) - 2):
        return None
    return part + "+"


def _is_escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - 1 - backslashes >= 0 and text[index - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
