"""Label the ReDoS corpus with the verdicts of recheck, an independent ReDoS checker.

recheck (https://makenowjust-labs.github.io/recheck/) is a development-only oracle: it is
never a dependency of crml-lint. Install it in a scratch folder and point this script at
its command-line binary:

    mkdir -p /tmp/recheck-oracle && cd /tmp/recheck-oracle && npm install recheck
    python3 benchmarks/redos/label_with_recheck.py \\
        --recheck /tmp/recheck-oracle/node_modules/recheck-linux-x64/recheck --isolate

recheck analyses JavaScript regular expressions, so a leading `(?i)` becomes the `i` flag,
a pattern with `\p{...}` gets the `u` flag, and `/` is escaped for the JavaScript literal. `--isolate` runs each check in a network
namespace of its own (`unshare -n`, needs root), which shows that recheck makes no network
calls. The verdicts go to `recheck_labels.json` beside the corpus.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_DEGREE = re.compile(r"(\d+)(?:st|nd|rd|th) degree polynomial")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recheck", required=True, help="path of recheck's command-line binary")
    parser.add_argument("--isolate", action="store_true", help="run recheck with no network (unshare -n, needs root)")
    parser.add_argument("--timeout", default="30s", help="recheck's own timeout per pattern (default 30s)")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus.json")
    parser.add_argument("--output", type=Path, default=HERE / "recheck_labels.json")
    arguments = parser.parse_args()

    corpus = json.loads(arguments.corpus.read_text(encoding="utf-8"))
    labels = {}
    for number, entry in enumerate(corpus, 1):
        pattern = entry["pattern"]
        literal = javascript_literal(pattern)
        command = [arguments.recheck, "--random-seed", "1", "--timeout", arguments.timeout, literal]
        if arguments.isolate:
            command = ["unshare", "-n", *command]
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        verdict = parse_verdict(completed.stdout)
        verdict["literal"] = literal
        labels[pattern] = verdict
        print(f"{number:3}/{len(corpus)} {verdict['status']:10} {verdict['complexity']:28} {literal}", file=sys.stderr)

    arguments.output.write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def javascript_literal(pattern: str) -> str:
    """The pattern as a JavaScript regex literal, with a leading `(?i)` turned into the `i` flag."""
    flags = ""
    if pattern.startswith("(?i)"):
        pattern = pattern[4:]
        flags = "i"
    # Without the `u` flag, JavaScript reads `\p{L}` as the letters `p{L}`.
    if re.search(r"\\[pP]\{", pattern):
        flags += "u"
    escaped = re.sub(r"(?<!\\)((?:\\\\)*)/", r"\1\\/", pattern)
    return f"/{escaped}/{flags}"


def parse_verdict(output: str) -> dict:
    """Read recheck's status, complexity and checker from its text report."""
    fields = {}
    for line in _ANSI.sub("", output).splitlines():
        name, separator, value = line.partition(":")
        if separator:
            fields[name.strip().lower()] = value.strip()
    complexity = fields.get("complexity", "")
    degree_match = _DEGREE.search(complexity)
    if "exponential" in complexity:
        label = "exponential"
    elif degree_match:
        label = f"degree-{degree_match.group(1)}"
    elif fields.get("status") == "safe":
        label = "safe"
    else:
        label = "unknown"
    return {
        "status": fields.get("status", "error"),
        "complexity": complexity or output.strip()[:200],
        "checker": fields.get("checker", ""),
        "label": label,
    }


if __name__ == "__main__":
    sys.exit(main())
