"""Discovery: why a named path cannot be reached, and which paths are missing."""

from __future__ import annotations

import errno
import os
import subprocess

import pytest

from crml_lint.discovery import discover
from conftest import CRML_LINT


def test_missing_path_is_missing(tmp_path):
    found = discover([str(tmp_path / "absent.json")])

    assert found.missing == [str(tmp_path / "absent.json")]
    assert found.errors == []


def test_symbolic_link_loop_is_an_error(tmp_path):
    os.symlink("second.json", tmp_path / "first.json")
    os.symlink("first.json", tmp_path / "second.json")

    found = discover([str(tmp_path / "first.json")])

    assert found.missing == []
    assert found.errors == [
        f"{tmp_path / 'first.json'}: cannot be read: its symbolic links form a loop, or a chain too long to follow"
    ]


def test_dangling_link_names_target(tmp_path):
    os.symlink(tmp_path / "gone.json", tmp_path / "request.json")

    found = discover([str(tmp_path / "request.json")])

    assert found.missing == []
    assert found.errors == [
        f"{tmp_path / 'request.json'}: cannot be read: it is a dangling symbolic link to {tmp_path / 'gone.json'}"
    ]


def test_walked_dangling_link_skipped_with_reason(tmp_path):
    os.symlink("gone.json", tmp_path / "request.json")

    found = discover([str(tmp_path)])

    assert found.files == []
    assert found.errors == []
    assert found.skipped == [(str(tmp_path / "request.json"), "it is a dangling symbolic link to gone.json")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may search any folder")
def test_file_in_closed_folder_is_permission_denied(tmp_path):
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "request.json").write_text("{}")
    closed.chmod(0)
    try:
        found = discover([str(closed / "request.json")])
    finally:
        closed.chmod(0o755)

    assert found.missing == []
    assert found.errors == [f"{closed / 'request.json'}: cannot be read: Permission denied"]


def test_stat_error_message_from_strerror(tmp_path, monkeypatch):
    # Root searches any folder, so the error a closed folder gives other users is raised here.
    path = str(tmp_path / "closed" / "request.json")
    real_stat = os.stat

    def stat(target, *arguments, **keywords):
        if os.fspath(target) == path:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_stat(target, *arguments, **keywords)

    monkeypatch.setattr(os, "stat", stat)
    found = discover([path])

    assert found.missing == []
    assert found.errors == [f"{path}: cannot be read: Permission denied"]


def test_cli_link_loop_exits_two(tmp_path):
    os.symlink("request.json", tmp_path / "request.json")

    completed = subprocess.run(
        [*CRML_LINT, "check", "request.json"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )

    assert completed.returncode == 2
    assert completed.stderr.strip() == (
        "crml-lint: error: request.json: cannot be read: its symbolic links form a loop, or a chain too long to follow"
    )
