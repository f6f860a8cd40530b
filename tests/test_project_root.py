"""The repository root that fingerprints name files from."""

from __future__ import annotations

import os

from crml_lint.project_root import find_project_root, project_path


def test_path_from_repository_root(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "infra" / "ml").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "infra")

    assert project_path("ml/request.json") == "infra/ml/request.json"
    assert project_path(str(tmp_path / "infra" / "ml" / "request.json")) == "infra/ml/request.json"


def test_outside_repository_keeps_path(tmp_path, monkeypatch):
    (tmp_path / "ml").mkdir()
    monkeypatch.chdir(tmp_path)

    # pytest's temporary folders lie outside any repository.
    assert find_project_root(str(tmp_path / "ml")) is None
    assert project_path("ml/request.json") == "ml/request.json"


def test_folders_deeper_than_recursion_limit(tmp_path):
    (tmp_path / ".git").mkdir()
    deep = str(tmp_path)
    for _ in range(1500):
        # os.makedirs recurses once per level, so the folders are made one by one.
        deep = os.path.join(deep, "d")
        os.mkdir(deep)

    try:
        assert project_path(os.path.join(deep, "request.json")) == "/".join(["d"] * 1500) + "/request.json"
    finally:
        # pytest removes old temporary folders recursively too, so they go one by one here.
        while deep != str(tmp_path):
            os.rmdir(deep)
            deep = os.path.dirname(deep)
