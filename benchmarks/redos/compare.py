"""Compare crml-lint's ReDoS analysis with recheck's verdicts on the corpus.

    python3 benchmarks/redos/compare.py [--corpus FILE --labels FILE] [--budget-ms 100] [--show-all]

A pattern is vulnerable for this comparison when recheck finds exponential time or a
polynomial of degree 3 or more, the cases CRML205 reports. "Safe" and degree 2 count as
not vulnerable, and patterns that recheck could not judge are left out. The script prints the
recall on the vulnerable patterns, the false-alarm rate on the others, every disagreement,
and the slowest analysis. It runs the static analysis only, with the rule's default time
budget; the confirmation run does not change what is reported.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from crml_lint.redos import BudgetExceeded, Deadline, find_vulnerability

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus.json")
    parser.add_argument("--labels", type=Path, default=HERE / "recheck_labels.json")
    parser.add_argument("--budget-ms", type=float, default=100.0, help="time budget per pattern, in milliseconds (default 100)")
    parser.add_argument("--show-all", action="store_true", help="print every pattern, not only disagreements")
    arguments = parser.parse_args()

    corpus = json.loads(arguments.corpus.read_text(encoding="utf-8"))
    labels = json.loads(arguments.labels.read_text(encoding="utf-8"))

    counts = {"true_positive": 0, "false_negative": 0, "false_positive": 0, "true_negative": 0, "unlabelled": 0}
    slowest = (0.0, "")
    for entry in corpus:
        pattern = entry["pattern"]
        label = labels.get(pattern, {}).get("label", "unknown")
        if label == "unknown":
            counts["unlabelled"] += 1
            continue
        expected = label == "exponential" or (label.startswith("degree-") and int(label.split("-")[1]) >= 3)

        started = time.perf_counter()
        try:
            found = find_vulnerability(pattern, Deadline(arguments.budget_ms / 1000))
            verdict = _verdict(found)
        except BudgetExceeded:
            found, verdict = None, "out of time"
        elapsed = time.perf_counter() - started
        slowest = max(slowest, (elapsed, pattern))

        reported = found is not None
        correctness = "true" if reported == expected else "false"
        outcome = f"{correctness}_{'positive' if reported else 'negative'}"
        counts[outcome] += 1
        if arguments.show_all or reported != expected:
            print(f"{outcome:15} recheck={label:12} crml-lint={verdict:12} {elapsed * 1000:6.1f} ms  {pattern}")

    positives = counts["true_positive"] + counts["false_negative"]
    negatives = counts["false_positive"] + counts["true_negative"]
    print()
    print(f"patterns: {len(corpus)} ({counts['unlabelled']} without a recheck verdict, left out)")
    print(f"vulnerable per recheck (exponential or degree >= 3): {positives}; not vulnerable: {negatives}")
    if positives:
        print(f"recall: {counts['true_positive']}/{positives} = {counts['true_positive'] / positives:.1%}")
    if negatives:
        print(f"false alarms: {counts['false_positive']}/{negatives} = {counts['false_positive'] / negatives:.1%}")
    print(f"slowest analysis: {slowest[0] * 1000:.1f} ms ({slowest[1]})")
    return 0


def _verdict(found) -> str:
    if found is None:
        return "safe"
    if found.exponential:
        return "exponential"
    return f"degree-{found.degree}"


if __name__ == "__main__":
    sys.exit(main())
