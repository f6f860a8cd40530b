"""The composite GitHub action: its shape, and its steps' commands run locally."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from test_ci_formats import BAD_REQUEST, GOOD_REQUEST

REPOSITORY = Path(__file__).resolve().parent.parent
_EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def load_action() -> dict:
    return yaml.safe_load((REPOSITORY / "action.yml").read_text(encoding="utf-8"))


def substitute(value: str, context: dict[str, str]) -> str:
    """Replace `${{ name }}` expressions as the runner would, from a flat context."""
    return _EXPRESSION.sub(lambda match: context[match.group(1)], value)


def test_action_is_composite():
    action = load_action()

    assert action["name"] == "crml-lint"
    assert action["description"]
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        assert "run" in step or "uses" in step
        if "run" in step:
            assert step["shell"] == "bash", step.get("name")
    for name, spec in action["inputs"].items():
        assert spec["description"], name
        assert isinstance(spec.get("default", ""), str), name


def test_action_scripts_use_no_expressions():
    # An expression pasted into a script would let an input inject shell code.
    for step in load_action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def run_action(workspace: Path, tmp_path: Path, **inputs: str) -> list[subprocess.CompletedProcess]:
    """Run the action's steps in `workspace`, in a virtual environment that sees this Python's packages."""
    environment_folder = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(environment_folder)], check=True)
    bin_folder = environment_folder / ("Scripts" if os.name == "nt" else "bin")

    action = load_action()
    context = {"github.action_path": str(REPOSITORY)}
    for name, spec in action["inputs"].items():
        context[f"inputs.{name}"] = inputs.get(name.replace("-", "_"), spec.get("default", ""))

    completed = []
    for step in action["runs"]["steps"]:
        step_environment = {name: substitute(str(value), context) for name, value in step.get("env", {}).items()}
        environment = {**os.environ, **step_environment, "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}"}
        # The runner's command line for `shell: bash`.
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=workspace, env=environment,
                                capture_output=True, text=True, timeout=600)
        completed.append(result)
        if result.returncode != 0:
            break
    return completed


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    (folder / "requests").mkdir(parents=True)
    (folder / "requests" / "good.yaml").write_text(GOOD_REQUEST, encoding="utf-8")
    (folder / "requests" / "bad.yaml").write_text(BAD_REQUEST, encoding="utf-8")
    return folder


def test_action_writes_sarif(workspace, tmp_path, sarif_problems):
    steps = run_action(workspace, tmp_path, paths="requests", exit_zero="true", sarif_file="crml.sarif")

    assert [step.returncode for step in steps] == [0, 0], [step.stderr for step in steps]
    text = (workspace / "crml.sarif").read_text(encoding="utf-8")
    log = json.loads(text)
    results = log["runs"][0]["results"]
    assert {result["ruleId"] for result in results} == {"CRML201", "CRML404"}
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "requests/bad.yaml"
    assert sarif_problems(text) == []


def test_action_fails_step_on_findings(workspace, tmp_path):
    steps = run_action(workspace, tmp_path, paths="requests/bad.yaml", args="--select CRML4")

    assert [step.returncode for step in steps] == [0, 1]
    log = json.loads((workspace / "crml-lint.sarif").read_text(encoding="utf-8"))
    assert [result["ruleId"] for result in log["runs"][0]["results"]] == ["CRML404"]


def test_action_says_it_needs_python():
    action = load_action()

    assert "actions/setup-python" in action["description"]
    # The GitHub Marketplace rejects a longer description.
    assert len(action["description"]) < 125
    assert "if: always()" in action["inputs"]["exit-zero"]["description"]
    for name in ("paths", "args"):
        assert "split at spaces" in action["inputs"][name]["description"], name


def test_action_args_glob_reaches_crml_lint(workspace, tmp_path):
    (workspace / "vendor").mkdir()
    (workspace / "vendor" / "x.yaml").write_text(BAD_REQUEST, encoding="utf-8")
    (workspace / "vendor" / "y.yaml").write_text(BAD_REQUEST, encoding="utf-8")

    steps = run_action(workspace, tmp_path, paths=".", args="--exclude vendor/*", exit_zero="true")

    assert [step.returncode for step in steps] == [0, 0], [step.stderr for step in steps]
    log = json.loads((workspace / "crml-lint.sarif").read_text(encoding="utf-8"))
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in log["runs"][0]["results"]}
    assert uris == {"requests/bad.yaml"}


def test_action_paths_glob_not_expanded(workspace, tmp_path):
    steps = run_action(workspace, tmp_path, paths="requests/*.yaml")

    assert [step.returncode for step in steps] == [0, 2]
    assert "requests/*.yaml: no such file or folder" in steps[1].stderr


@pytest.mark.parametrize("value", ["True", "TRUE"])
def test_action_exit_zero_any_case(workspace, tmp_path, value):
    steps = run_action(workspace, tmp_path, paths="requests", exit_zero=value)

    assert [step.returncode for step in steps] == [0, 0], [step.stderr for step in steps]


def test_action_creates_sarif_folder(workspace, tmp_path):
    steps = run_action(workspace, tmp_path, paths="requests", exit_zero="true", sarif_file="reports/ci/crml-lint.sarif")

    assert [step.returncode for step in steps] == [0, 0], [step.stderr for step in steps]
    log = json.loads((workspace / "reports" / "ci" / "crml-lint.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["results"]
