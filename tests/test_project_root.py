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


def nested_repositories(tmp_path):
    """A repository with two nested ones, s1 (a submodule, `.git` file) and s2 (a vendored clone)."""
    (tmp_path / ".git").mkdir(parents=True)
    (tmp_path / "infra").mkdir()
    (tmp_path / "s1").mkdir()
    (tmp_path / "s1" / ".git").write_text("gitdir: ../.git/modules/s1\n", encoding="utf-8")
    (tmp_path / "s2" / ".git").mkdir(parents=True)
    return tmp_path


def test_nested_repositories_named_from_working_root(tmp_path, monkeypatch):
    monkeypatch.chdir(nested_repositories(tmp_path))

    assert project_path("s1/a.json") == "s1/a.json"
    assert project_path("s2/a.json") == "s2/a.json"
    assert project_path(str(tmp_path / "s2" / "a.json")) == "s2/a.json"


def test_nested_repositories_from_subfolder(tmp_path, monkeypatch):
    # The working folder's repository is the outer one, found above infra/.
    monkeypatch.chdir(nested_repositories(tmp_path) / "infra")

    assert project_path("../s1/a.json") == "s1/a.json"
    assert project_path("../s2/a.json") == "s2/a.json"


def test_working_folder_in_nested_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(nested_repositories(tmp_path) / "s1")

    assert project_path("a.json") == "a.json"
    # A file outside the working folder's repository is named from its own repository.
    assert project_path("../s2/a.json") == "a.json"
    assert project_path("../infra/a.json") == "infra/a.json"


def test_working_folder_outside_repositories(tmp_path, monkeypatch):
    nested_repositories(tmp_path / "checkout")
    monkeypatch.chdir(tmp_path)

    assert project_path("checkout/s1/a.json") == "a.json"
    assert project_path("checkout/infra/a.json") == "infra/a.json"


def test_file_in_other_repository(tmp_path, monkeypatch):
    (tmp_path / "one" / ".git").mkdir(parents=True)
    (tmp_path / "two" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "one")

    assert project_path("../two/ml/a.json") == "ml/a.json"


def test_sibling_folder_sharing_prefix(tmp_path, monkeypatch):
    # `repo-old` starts with the text of `repo` but does not lie below it.
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo-old").mkdir()
    monkeypatch.chdir(tmp_path / "repo")

    assert project_path("../repo-old/a.json") == "../repo-old/a.json"
