"""Configuration files: which one applies, how the command line overrides it, and its errors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crml_lint.config import ConfigError, Overrides, SettingsResolver
from crml_lint.engine import run
from crml_lint.registry import all_rules
from conftest import CRML_LINT

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CLEAN = (EXAMPLES / "clean-association.yaml").read_text(encoding="utf-8")

# The clean example stores a trained artifact of 5 GB, so a cap of 1 GB makes CRML303 report it.
LOW_CAP = "rules:\n  CRML303:\n    max-artifact-size-gb: 1\n"


def run_cli(*arguments, cwd=None, stdin=None):
    return subprocess.run(
        [*CRML_LINT, *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )


_FINDING_LINE = re.compile(r"^\S+:\d+:\d+: ([A-Z][A-Z0-9]*[0-9]{3}) ", re.MULTILINE)


def rule_ids(completed) -> set[str]:
    """The rule IDs of the findings in a text report."""
    return set(_FINDING_LINE.findall(completed.stdout))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path.resolve()


def findings_of(paths, resolver: SettingsResolver):
    """The findings that are not suppressed: per-file ignores keep their findings, marked as suppressed."""
    result = run([str(path) for path in paths], settings_for=resolver.settings_for)
    return [finding for finding in result.findings if getattr(finding, "suppression", None) is None]


# Discovery and precedence


def test_nearest_configuration_wins(tmp_path):
    write(tmp_path / ".crml-lint.yaml", LOW_CAP)
    write(tmp_path / "team" / ".crml-lint.yaml", "ignore: [CRML303]\n")
    outer = write(tmp_path / "association.yaml", CLEAN)
    inner = write(tmp_path / "team" / "deep" / "association.yaml", CLEAN)

    resolver = SettingsResolver(rules=all_rules)
    findings = findings_of([outer, inner], resolver)

    assert [finding.rule_id for finding in findings if Path(finding.path).resolve() == inner] == []
    assert [finding.rule_id for finding in findings if Path(finding.path).resolve() == outer] == ["CRML303"]


def test_yaml_beats_pyproject_in_one_folder(tmp_path):
    write(tmp_path / ".crml-lint.yaml", LOW_CAP)
    write(tmp_path / "pyproject.toml", '[tool.crml-lint]\nignore = ["CRML3"]\n')

    resolver = SettingsResolver()

    assert resolver.find_config(str(tmp_path)) == str(tmp_path / ".crml-lint.yaml")
    assert resolver.settings_for(str(tmp_path / "a.yaml")).rule_options == {"CRML303": {"max_artifact_size_gb": 1}}


def test_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path / ".crml-lint.yaml", LOW_CAP)
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "crml-lint-user"\n')

    resolver = SettingsResolver()

    assert resolver.find_config(str(tmp_path / "sub")) == str(tmp_path / ".crml-lint.yaml")


def test_pyproject_table_is_read(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.crml-lint]\nfail-on = "warning"\n\n[tool.crml-lint.rules.CRML303]\nmax-artifact-size-gb = 2\n')

    settings = SettingsResolver().settings_for(str(tmp_path / "a.yaml"))

    assert settings.fail_on == "warning"
    assert settings.rule_options == {"CRML303": {"max_artifact_size_gb": 2}}
    assert settings.config_path == str(tmp_path / "pyproject.toml")


@pytest.mark.parametrize(
    "text",
    [
        '[tool."crml-lint"]\nfail-on = "note"\n',
        "[tool.'crml-lint']\nfail-on = \"note\"\n",
        '[tool]\ncrml-lint = { fail-on = "note" }\n',
        'tool.crml-lint.fail-on = "note"\n',
    ],
)
def test_pyproject_table_spellings_are_read(tmp_path, text):
    write(tmp_path / "pyproject.toml", text)

    assert SettingsResolver().settings_for(str(tmp_path / "a.yaml")).fail_on == "note"


def test_pyproject_naming_project_only_is_skipped(tmp_path):
    # The last line is no valid TOML: a file that does not configure crml-lint is not
    # even parsed, so its errors are not crml-lint's to report.
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "crml-lint"\ndependencies = ["crml-lint>=0.1"]\n[project.scripts]\ncrml-lint = "x:main"\nbroken =\n',
    )

    assert SettingsResolver().find_config(str(tmp_path)) is None


def test_no_configuration_gives_defaults(tmp_path):
    settings = SettingsResolver().settings_for(str(tmp_path / "a.yaml"))

    assert settings.config_path is None
    assert settings.select == ("CRML",)


def test_folder_lookups_are_cached(tmp_path, monkeypatch):
    write(tmp_path / ".crml-lint.yaml", LOW_CAP)
    resolver = SettingsResolver()
    resolver.find_config(str(tmp_path / "a" / "b"))

    calls = []
    monkeypatch.setattr("crml_lint.config._config_in", lambda folder: calls.append(folder))
    resolver.find_config(str(tmp_path / "a" / "b"))
    resolver.find_config(str(tmp_path / "a"))

    assert calls == []


def test_config_option_overrides_discovery(tmp_path):
    write(tmp_path / ".crml-lint.yaml", "ignore: [CRML3]\n")
    policy = write(tmp_path / "elsewhere" / "policy.yaml", LOW_CAP)
    association = write(tmp_path / "association.yaml", CLEAN)

    completed = run_cli("check", "--config", str(policy), str(association))

    assert rule_ids(completed) == {"CRML303"}, completed.stderr


def test_stdin_uses_stdin_filename_folder(tmp_path):
    write(tmp_path / "team" / ".crml-lint.yaml", LOW_CAP)

    completed = run_cli("check", "--stdin-filename", "team/association.yaml", "-", cwd=tmp_path, stdin=CLEAN)

    assert rule_ids(completed) == {"CRML303"}, completed.stderr


def test_stdin_uses_working_folder(tmp_path):
    write(tmp_path / ".crml-lint.yaml", LOW_CAP)

    completed = run_cli("check", "-", cwd=tmp_path, stdin=CLEAN)

    assert rule_ids(completed) == {"CRML303"}


# Command-line overrides


def test_cli_select_replaces_file_select(tmp_path):
    write(tmp_path / ".crml-lint.yaml", "select: [CRML1]\n" + LOW_CAP)
    write(tmp_path / "association.yaml", CLEAN)

    completed = run_cli("check", "--select", "CRML3", "association.yaml", cwd=tmp_path)

    assert rule_ids(completed) == {"CRML303"}


def test_cli_ignore_adds_to_file_ignore(tmp_path):
    write(tmp_path / ".crml-lint.yaml", "ignore: [CRML1]\n" + LOW_CAP)
    write(tmp_path / "association.yaml", CLEAN)

    completed = run_cli("check", "--ignore", "CRML303", "association.yaml", cwd=tmp_path)

    assert completed.returncode == 0, completed.stdout
    assert rule_ids(completed) == set()


def test_overrides_merge_with_file(tmp_path):
    write(tmp_path / ".crml-lint.yaml", "ignore: [CRML1]\nextend-select: [CRML2]\nseverity: {CRML206: error, CRML303: note}\nfail-on: note\n")
    overrides = Overrides(ignore=("CRML4",), extend_select=("CRML5",), severity={"CRML303": "warning"}, fail_on="error")

    settings = SettingsResolver(overrides).settings_for(str(tmp_path / "a.yaml"))

    assert settings.ignore == ("CRML1", "CRML4")
    assert settings.extend_select == ("CRML2", "CRML5")
    assert dict(settings.severity) == {"CRML206": "error", "CRML303": "warning"}
    assert settings.fail_on == "error"


def test_file_fail_on_decides_exit_status(tmp_path):
    write(tmp_path / ".crml-lint.yaml", "severity: {CRML303: warning}\nfail-on: warning\n" + LOW_CAP)
    write(tmp_path / "association.yaml", CLEAN)

    from_file = run_cli("check", "association.yaml", cwd=tmp_path)
    from_cli = run_cli("check", "--fail-on", "error", "association.yaml", cwd=tmp_path)

    assert from_file.returncode == 1
    assert from_cli.returncode == 0


# What the settings reach


def test_rule_options_reach_rules(tmp_path):
    write(tmp_path / ".crml-lint.yaml", LOW_CAP)
    association = write(tmp_path / "association.yaml", CLEAN)

    findings = findings_of([association], SettingsResolver(rules=all_rules))

    assert [finding.rule_id for finding in findings] == ["CRML303"]
    assert "cap of 1 GB" in findings[0].message


def test_per_file_ignores_match_relative_glob(tmp_path):
    write(tmp_path / ".crml-lint.yaml", LOW_CAP + 'per-file-ignores:\n  "fixtures/**": [CRML3]\n')
    ignored = write(tmp_path / "fixtures" / "deep" / "association.yaml", CLEAN)
    kept = write(tmp_path / "other" / "fixtures" / "association.yaml", CLEAN)

    findings = findings_of([ignored, kept], SettingsResolver(rules=all_rules))

    assert [Path(finding.path).resolve() for finding in findings] == [kept]


def test_file_exclude_skips_walked_files(tmp_path):
    write(tmp_path / ".crml-lint.yaml", "exclude: [generated]\n" + LOW_CAP)
    write(tmp_path / "generated" / "association.yaml", CLEAN)
    write(tmp_path / "association.yaml", CLEAN)

    walked = run_cli("check", ".", cwd=tmp_path)
    named = run_cli("check", "generated/association.yaml", cwd=tmp_path)
    forced = run_cli("check", "--force-exclude", "generated/association.yaml", cwd=tmp_path)

    assert "generated" not in walked.stdout
    assert "association.yaml" in walked.stdout
    assert rule_ids(named) == {"CRML303"}
    assert rule_ids(forced) == set()


def test_invalid_option_value_from_api_stops_run(tmp_path):
    write(tmp_path / ".crml-lint.yaml", "rules: {CRML501: {minimum-noise-level: LOUD}}\n")
    association = write(tmp_path / "association.yaml", CLEAN)

    with pytest.raises(ConfigError, match=r"rules\.CRML501: option minimum-noise-level"):
        findings_of([association], SettingsResolver(rules=all_rules))


# Errors: exit status 2 and one line that names the file and the key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rules:\n  CRML303:\n    max-artifact-sise-gb: 10\n", "rules.CRML303.max-artifact-sise-gb: unknown option; did you mean max-artifact-size-gb?"),
        ("rules:\n  CRML303:\n    max_artifact_size_gb: 10\n", "rules.CRML303.max_artifact_size_gb: unknown option; did you mean max-artifact-size-gb?"),
        ("selct: [CRML2]\n", "selct: unknown key; did you mean select?"),
        ("select: CRML2\n", "select: must be a list"),
        ("select: [CRML9]\n", "select[0]: no rule ID starts with 'CRML9'"),
        ("ignore: [CRML-2]\n", "ignore[0]: 'CRML-2' is not a rule ID or prefix"),
        ("severity: {CRML206: fatal}\n", "severity.CRML206: must be one of error, warning, note"),
        ("severity: {CRML999: error}\n", "severity.CRML999: unknown rule ID"),
        ("fail-on: warn\n", "fail-on: must be one of error, warning, note, not 'warn'"),
        ("exclude: ['']\n", "exclude[0]: must not be empty"),
        ("per-file-ignores: {'a/*': [CRML99]}\n", "per-file-ignores.a/*[0]: no rule ID starts with 'CRML99'"),
        ("rules: {CRML303: {max-artifact-size-gb: 0}}\n", "rules.CRML303.max-artifact-size-gb: must be a number above 0"),
        ("rules: {CRML303: {max-artifact-size-gb: '10'}}\n", "rules.CRML303.max-artifact-size-gb: must be a number"),
        ("rules: {CRML407: {required-tags: Owner}}\n", "rules.CRML407.required-tags: must be a list"),
        ("rules: {CRML205: {confirm: 'no'}}\n", "rules.CRML205.confirm: must be true or false"),
        ("rules: {CRML201: {strict: true}}\n", "rules.CRML201.strict: unknown option; CRML201 has no options"),
        ("rules: {CRML888: {}}\n", "rules.CRML888: unknown rule ID"),
        ("select: [\n", "invalid YAML at line 2"),
        ("- select\n", "must be a mapping of settings, not a list"),
    ],
)
def test_yaml_error_exits_two_naming_key(tmp_path, text, expected):
    write(tmp_path / ".crml-lint.yaml", text)
    write(tmp_path / "association.yaml", CLEAN)

    completed = run_cli("check", "association.yaml", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1, completed.stderr
    assert completed.stderr.startswith("crml-lint: error: .crml-lint.yaml: ")
    assert expected in completed.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[tool.crml-lint]\nselect = [\n", "pyproject.toml: invalid TOML"),
        ("[tool.crml-lint]\nfail_on = 'note'\n", "pyproject.toml: tool.crml-lint.fail_on: unknown key; did you mean fail-on?"),
        ("[tool.crml-lint.rules.CRML501]\nminimum-noise-level = 2\n", "tool.crml-lint.rules.CRML501.minimum-noise-level: must be a string"),
        ("[tool]\ncrml-lint = 3\n", "tool.crml-lint: must be a table"),
    ],
)
def test_pyproject_error_exits_two_naming_key(tmp_path, text, expected):
    write(tmp_path / "pyproject.toml", text)
    write(tmp_path / "association.yaml", CLEAN)

    completed = run_cli("check", "association.yaml", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1, completed.stderr
    assert expected in completed.stderr


def test_missing_config_option_file_exits_two(tmp_path):
    completed = run_cli("check", "--config", str(tmp_path / "absent.yaml"), str(EXAMPLES))

    assert completed.returncode == 2
    assert completed.stderr.strip() == f"crml-lint: error: --config {tmp_path / 'absent.yaml'}: no such file"


def test_pyproject_config_without_table_exits_two(tmp_path):
    pyproject = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")

    completed = run_cli("check", "--config", str(pyproject), str(EXAMPLES))

    assert completed.returncode == 2
    assert "has no [tool.crml-lint] table" in completed.stderr


# Local rules


LOCAL_RULE = '''"""Finds associations without a description.

## What it finds
An association with no description.
"""

from crml_lint.finding import Problem

ID = "ACME101"
NAME = "missing-description"
LEVEL = "warning"
SUMMARY = "The association has no description."
OPTIONS = {"minimum_length": 1}


def check(association, options):
    description = association.document.get("description")
    text = description.to_python() if description is not None else ""
    if len(str(text)) < options["minimum_length"]:
        yield Problem(f"the description is shorter than {options['minimum_length']} characters", association.document.span)
'''


def test_rules_dir_loads_local_rules(tmp_path):
    rules = tmp_path / "acme_rules"
    write(rules / "acme101_missing_description.py", LOCAL_RULE)
    write(tmp_path / ".crml-lint.yaml", "rules: {ACME101: {minimum-length: 500}}\n")
    write(tmp_path / "association.yaml", CLEAN)

    unselected = run_cli("check", "--rules-dir", str(rules), "association.yaml", cwd=tmp_path)
    completed = run_cli("check", "--rules-dir", str(rules), "--extend-select", "ACME", "association.yaml", cwd=tmp_path)

    assert rule_ids(unselected) == set(), unselected.stderr
    assert rule_ids(completed) == {"ACME101"}, completed.stderr
    assert "shorter than 500 characters" in completed.stdout


def test_local_rule_options_are_checked_by_name(tmp_path):
    rules = tmp_path / "acme_rules"
    write(rules / "acme101_missing_description.py", LOCAL_RULE)
    write(tmp_path / ".crml-lint.yaml", "rules: {ACME101: {minimum-lenght: 5}}\n")
    write(tmp_path / "association.yaml", CLEAN)

    completed = run_cli("check", "--rules-dir", str(rules), "association.yaml", cwd=tmp_path)

    assert completed.returncode == 2
    assert "rules.ACME101.minimum-lenght: unknown option; did you mean minimum-length?" in completed.stderr


def test_config_cannot_name_local_rules_without_rules_dir(tmp_path):
    write(tmp_path / ".crml-lint.yaml", "rules: {ACME101: {minimum-length: 5}}\n")
    write(tmp_path / "association.yaml", CLEAN)

    completed = run_cli("check", "association.yaml", cwd=tmp_path)

    assert completed.returncode == 2
    assert "rules.ACME101: unknown rule ID" in completed.stderr


# The schema and the README stay in step with the code


def test_schema_matches_rule_options():
    completed = subprocess.run([sys.executable, str(ROOT / "tools" / "generate-config-schema"), "--check"], capture_output=True, text=True)

    assert completed.returncode == 0, completed.stderr


def test_readme_strict_policy_lints_examples(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A strict organisation's policy", 1)[1]
    policy = re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1)
    config = write(tmp_path / ".crml-lint.yaml", policy)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    weak_noise = CLEAN.replace("noiseLevel: HIGH", "noiseLevel: LOW")
    write(tmp_path / "fixtures" / "association.yaml", weak_noise)
    write(tmp_path / "teams" / "association.yaml", weak_noise)

    findings = findings_of([tmp_path], SettingsResolver(config_file=str(config), rules=all_rules))
    by_file: dict[str, set[str]] = {}
    for finding in findings:
        relative = Path(finding.path).resolve().relative_to(tmp_path).as_posix()
        by_file.setdefault(relative, set()).add(finding.rule_id)

    assert "examples/clean-association.yaml" not in by_file
    assert "fixtures/association.yaml" not in by_file
    assert by_file["teams/association.yaml"] == {"CRML501"}
    assert {"CRML407", "CRML002"} <= by_file["examples/typical-mistakes.json"]


@pytest.mark.skipif(not os.path.exists(os.devnull), reason="needs a device file")
def test_config_option_device_is_not_a_file():
    completed = run_cli("check", "--config", os.devnull, str(EXAMPLES))

    assert completed.returncode == 2
    assert completed.stderr.strip() == f"crml-lint: error: --config {os.devnull}: not a regular file"
