"""Shared fixtures: findings, rules and run results built directly, and the SARIF multitool."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Optional

import pytest

from crml_lint.document import Span
from crml_lint.finding import Finding
from crml_lint.rule import Rule

REPOSITORY = Path(__file__).resolve().parent.parent

# The command that runs crml-lint as its console script does. That script ends the process
# with os._exit unless an exit handler is registered, and some Python installations register
# one from a .pth file at start-up, which would hide the os._exit path from the tests. So
# the tests clear the handlers first: every run then takes the path users' runs take.
CRML_LINT = [
    sys.executable,
    "-c",
    "import atexit, sys; atexit._clear(); sys.argv[0] = 'crml-lint'; from crml_lint.cli import console_main; console_main()",
]
MULTITOOL_INSTALLER = REPOSITORY / "tools" / "install-sarif-multitool"

# SARIF2006 sends an HTTP GET to every URI in the log (the schema, help pages). Tests
# must not reach other hosts, so the validator runs with that rule, a note-level one, off.
_MULTITOOL_CONFIG = """<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
"""


def build_rule(rule_id: str = "CRML201", **fields) -> Rule:
    """Build a Rule with documentation in the shape rule modules use; `fields` override any attribute."""
    values = {
        "id": rule_id,
        "name": "custom-redaction-without-identifiers",
        "level": "error",
        "summary": "CUSTOM is among the entities to redact, but no custom data identifiers are given.",
        "documentation": (
            "Finds log redaction that asks for `CUSTOM` without saying what to redact.\n\n"
            "## What it finds\n\nA `logRedactionConfiguration` whose `entitiesToRedact` holds `CUSTOM`.\n\n"
            "## Failing example\n\n```yaml\nentitiesToRedact: [CUSTOM]\n```\n"
        ),
    }
    values.update(fields)
    return Rule(**values)


def build_finding(
    rule_id: str = "CRML201",
    *,
    span: tuple[int, int, int, int] = (3, 5, 3, 12),
    utf16_span: Optional[tuple[int, int, int, int]] = None,
    **fields,
) -> Finding:
    """Build a Finding; spans are (start line, start column, end line, end column) tuples."""
    values = {
        "rule_id": rule_id,
        "rule_name": "custom-redaction-without-identifiers",
        "level": "error",
        "message": "CUSTOM is among entitiesToRedact, but customDataIdentifiers is missing.",
        "path": "association.json",
        "span": Span(*span),
        "utf16_span": Span(*(utf16_span or span)),
        "field_path": "privacyConfiguration.policies.trainedModels.containerLogs[0]",
        "fingerprint": "0123456789abcdef0123456789abcdef",
    }
    values.update(fields)
    return Finding(**values)


@pytest.fixture
def make_rule() -> Callable[..., Rule]:
    return build_rule


@pytest.fixture
def make_finding() -> Callable[..., Finding]:
    return build_finding


_FAILING_RULE = '''
"""A rule that always fails, to test how a run and its reports survive it."""
ID = "ACME900"
NAME = "always-fails"
LEVEL = "error"
SUMMARY = "Raises on every association."


def check(association, options):
    raise RuntimeError("broken on purpose")
'''


@pytest.fixture
def failing_rules_dir(tmp_path: Path) -> Path:
    """A folder for `--rules-dir` with one rule, ACME900, that raises on every association."""
    folder = tmp_path / "failing-rules"
    folder.mkdir()
    (folder / "acme900.py").write_text(_FAILING_RULE, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def sarif_multitool(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Locate Microsoft's SARIF multitool, installing it once into a cache folder if needed.

    `CRML_LINT_SARIF_MULTITOOL` names a binary to use. Without it the tool is installed with
    npm. The tests are skipped only when npm is missing and CI is not set.
    """
    configured = os.environ.get("CRML_LINT_SARIF_MULTITOOL")
    if configured:
        if not os.access(configured, os.X_OK):
            pytest.fail(f"CRML_LINT_SARIF_MULTITOOL={configured} is not an executable file")
        return configured

    if shutil.which("npm") is None:
        if os.environ.get("CI"):
            pytest.fail("npm is not installed, so the SARIF multitool cannot be installed; CI must validate SARIF")
        pytest.skip("npm is not installed; set CRML_LINT_SARIF_MULTITOOL or install Node.js to validate SARIF")

    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = cache_home / "crml-lint-test" / "sarif-multitool"
    completed = subprocess.run(
        ["bash", str(MULTITOOL_INSTALLER), str(folder)], capture_output=True, text=True, timeout=600
    )
    if completed.returncode != 0:
        pytest.fail(f"installing the SARIF multitool failed:\n{completed.stderr}")
    return completed.stdout.strip().splitlines()[-1]


@pytest.fixture
def sarif_problems(sarif_multitool: str, tmp_path: Path) -> Callable[[str], list[str]]:
    """Return a function that validates SARIF text and lists the multitool's errors and warnings.

    The multitool runs with `--rule-kind "Sarif;Gh"`: the SARIF 2.1.0 schema and spec rules
    plus GitHub code scanning's ingestion rules. Its own report, a SARIF log, is parsed so
    that the tool's messages about its configuration are not taken for problems of the input.
    """
    config = tmp_path / "multitool-config.xml"
    config.write_text(_MULTITOOL_CONFIG, encoding="utf-8")

    def validate(sarif_text: str) -> list[str]:
        log = tmp_path / "report.sarif"
        log.write_text(sarif_text, encoding="utf-8")
        output = tmp_path / "validation.sarif"
        command = [
            sarif_multitool, "validate", str(log),
            "--rule-kind", "Sarif;Gh",
            "--level", "Error;Warning",
            "--config", str(config),
            "--max-file-size-in-kb", "1048576",
            "--output", str(output),
            "--log", "ForceOverwrite",
        ]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=600)
        if not output.exists():
            pytest.fail(f"the SARIF multitool wrote no report (exit status {completed.returncode}):\n{completed.stdout}{completed.stderr}")

        validation = json.loads(output.read_text(encoding="utf-8-sig"))
        run = validation["runs"][0]
        if not all(invocation.get("executionSuccessful") for invocation in run.get("invocations", [])):
            pytest.fail(f"the SARIF multitool did not finish its analysis:\n{completed.stdout}{completed.stderr}")

        rules = run["tool"]["driver"].get("rules", [])
        return [_describe(result, rules) for result in run.get("results", []) if result.get("level", "warning") in ("error", "warning")]

    return validate


def _describe(result: dict, rules: list) -> str:
    """Format one validation result as the multitool's console line would state it."""
    message = result.get("message", {})
    arguments = message.get("arguments", [])
    text = message.get("text")
    index = result.get("ruleIndex")
    if text is None and index is not None and 0 <= index < len(rules):
        template = rules[index].get("messageStrings", {}).get(message.get("id"), {}).get("text")
        if template is not None:
            text = template
            for position, argument in enumerate(arguments):
                text = text.replace("{" + str(position) + "}", argument)
    if text is None:
        text = "; ".join(arguments)
    return f"{result.get('level', 'warning')} {result.get('ruleId')}: {text}"
