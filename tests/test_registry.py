"""The rule registry: built-in rules and rules that other distributions register."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib.metadata import distributions

import pytest

from crml_lint.registry import ENTRY_POINT_GROUP, all_rules, builtin_rules, find_rule, plugin_entry_points
from crml_lint.rule import RuleDefinitionError
from conftest import CRML_LINT

PLUGIN_MODULE = '''
"""Flags associations whose name is "forbidden".

## What it finds
The name forbidden.
"""
from crml_lint.finding import Problem

ID = "ACME001"
NAME = "forbidden-name"
LEVEL = "warning"
SUMMARY = "The association is named forbidden."


def check(association, options):
    name = association.document.get("name")
    if name is not None and name.value == "forbidden":
        yield Problem.at(name, "the name forbidden is not allowed here")
'''

REQUEST = '{"membershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f", "name": "forbidden"}\n'


@pytest.fixture
def plugin_folder(tmp_path, monkeypatch):
    """A folder on sys.path with a plugin module and the metadata that registers it."""
    (tmp_path / "acme_rules.py").write_text(textwrap.dedent(PLUGIN_MODULE))
    metadata = tmp_path / "acme_rules-1.0.dist-info"
    metadata.mkdir()
    (metadata / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n")
    (metadata / "entry_points.txt").write_text(f"[console_scripts]\nacme = acme_rules:main\n\n[{ENTRY_POINT_GROUP}]\nACME001 = acme_rules\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    sys.modules.pop("acme_rules", None)


def test_plugin_entry_points_match_importlib_metadata(plugin_folder):
    from importlib.metadata import entry_points

    found = entry_points()
    expected = found.select(group=ENTRY_POINT_GROUP) if hasattr(found, "select") else found.get(ENTRY_POINT_GROUP, ())
    assert sorted(plugin_entry_points()) == sorted((entry.name, entry.value) for entry in expected)


def test_plugin_rule_is_registered(plugin_folder):
    rule = find_rule("ACME001", all_rules())
    assert rule is not None
    assert rule.name == "forbidden-name"
    assert rule.level == "warning"


def test_plugin_rule_runs_from_command_line(plugin_folder, tmp_path):
    request = tmp_path / "request.json"
    request.write_text(REQUEST)
    environment = {**os.environ, "PYTHONPATH": str(plugin_folder), "NO_COLOR": "1"}
    completed = subprocess.run(
        [*CRML_LINT, "check", str(request), "--select", "ACME"],
        capture_output=True, text=True, env=environment,
    )
    assert completed.returncode == 0, completed.stderr
    assert "ACME001 the name forbidden is not allowed here" in completed.stdout


def test_broken_plugin_is_one_clear_error(plugin_folder, tmp_path):
    (plugin_folder / "acme_rules.py").write_text("ID = 'ACME001'\n")
    request = tmp_path / "request.json"
    request.write_text(REQUEST)
    environment = {**os.environ, "PYTHONPATH": str(plugin_folder)}
    completed = subprocess.run([*CRML_LINT, "check", str(request)], capture_output=True, text=True, env=environment)
    assert completed.returncode == 2
    assert "acme_rules lacks NAME" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_duplicate_rule_id_rejected(plugin_folder):
    (plugin_folder / "acme_rules.py").write_text(textwrap.dedent(PLUGIN_MODULE).replace("ACME001", "CRML201"))
    with pytest.raises(RuleDefinitionError, match="CRML201 is defined twice"):
        all_rules()


def test_find_rule_by_name_or_id():
    rules = builtin_rules()
    assert find_rule("crml203", rules).name == "invalid-filter-pattern"
    assert find_rule("invalid-filter-pattern", rules).id == "CRML203"
    assert find_rule("CRML999", rules) is None


def test_installed_distributions_scan_agrees():
    # Whatever is installed here, the direct scan and importlib.metadata see the same group.
    names = {entry.value for dist in distributions() for entry in dist.entry_points if entry.group == ENTRY_POINT_GROUP}
    assert {value for _, value in plugin_entry_points()} == names
