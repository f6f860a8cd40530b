"""The pre-commit hook, run by the real pre-commit (`try-repo`) in a temporary git repository.

`pre-commit try-repo` installs this repository into a fresh virtual environment with pip,
so each test takes some seconds and needs PyPI for crml-lint's dependencies. When this
repository has uncommitted changes, try-repo installs a shadow copy of the tracked files
with those changes, so the hook under test is the working tree's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_ci_formats import BAD_REQUEST, GOOD_REQUEST

REPOSITORY = Path(__file__).resolve().parent.parent

UNRELATED_JSON = '{"compilerOptions": {"strict": true, "target": "es2022"}}\n'
UNRELATED_YAML = "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n"


@pytest.fixture(scope="module")
def pre_commit() -> list[str]:
    """Locate pre-commit (a test dependency); in CI a missing pre-commit fails the tests."""
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("pre-commit is not installed; install the test extra: pip install -e '.[test]'")
        pytest.skip("pre-commit is not installed; install the test extra: pip install -e '.[test]'")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return [sys.executable, "-m", "pre_commit"]


@pytest.fixture
def user_repository(tmp_path: Path) -> Path:
    """Create a git repository with one commit, as a user's project would be."""
    folder = tmp_path / "project"
    folder.mkdir()
    files = {
        "bad config é.yaml": BAD_REQUEST,
        "good config.yaml": GOOD_REQUEST,
        "models/訓練 request.template": BAD_REQUEST,
        "LEGACY/BAD.YAML": BAD_REQUEST,
        "tsconfig.json": UNRELATED_JSON,
        ".github/dependabot.yml": UNRELATED_YAML,
        "notes.txt": BAD_REQUEST,
    }
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    git = ["git", "-c", "user.email=tests@example.invalid", "-c", "user.name=tests", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run([*git, "add", "-A"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Add the project's files"], cwd=folder, check=True)
    return folder


def try_repo(pre_commit: list[str], folder: Path, files: list[str], home: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    return subprocess.run(
        [*pre_commit, "try-repo", str(REPOSITORY), "crml-lint", "--files", *files],
        cwd=folder, capture_output=True, text=True, encoding="utf-8", env=environment, timeout=900,
    )


def test_hook_fails_on_bad_configs(pre_commit, user_repository, tmp_path):
    files = ["bad config é.yaml", "good config.yaml", "models/訓練 request.template", "LEGACY/BAD.YAML",
             "tsconfig.json", ".github/dependabot.yml", "notes.txt"]
    completed = try_repo(pre_commit, user_repository, files, tmp_path / "pre-commit-home")
    output = completed.stdout

    assert completed.returncode == 1, output + completed.stderr
    assert "- hook id: crml-lint" in output
    assert "bad config é.yaml:11:32: CRML201 " in output
    assert "bad config é.yaml:13:3: CRML404 " in output
    assert "models/訓練 request.template:11:32: CRML201 " in output
    # The file pattern ignores letter case, as the folder walk does.
    assert "LEGACY/BAD.YAML:11:32: CRML201 " in output
    # pre-commit may split the files into batches with a summary each, so count the findings' lines.
    assert len(re.findall(r"^.+:\d+:\d+: CRML\d+ ", output, flags=re.MULTILINE)) == 6
    assert "good config.yaml" not in output
    assert "tsconfig.json" not in output
    assert "dependabot.yml" not in output
    # The hook's file pattern leaves out a .txt file, whatever it contains.
    assert "notes.txt" not in output


def test_hook_passes_clean_and_unrelated_files(pre_commit, user_repository, tmp_path):
    files = ["good config.yaml", "tsconfig.json", ".github/dependabot.yml", "notes.txt"]
    completed = try_repo(pre_commit, user_repository, files, tmp_path / "pre-commit-home")
    output = completed.stdout

    assert completed.returncode == 0, output + completed.stderr
    assert "crml-lint" in output
    assert "Passed" in output
    assert "CRML" not in output


def test_hook_lints_files_named_like_options(pre_commit, user_repository, tmp_path):
    # pre-commit appends file names to the hook's entry, so a file named `--exit-zero.yaml`
    # must reach crml-lint as a file, not as the option that would let the hook pass.
    (user_repository / "--exit-zero.yaml").write_text(BAD_REQUEST, encoding="utf-8")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    subprocess.run(["git", "add", "--", "--exit-zero.yaml"], cwd=user_repository, check=True)

    completed = subprocess.run(
        [*pre_commit, "try-repo", str(REPOSITORY), "crml-lint", "--all-files"],
        cwd=user_repository, capture_output=True, text=True, encoding="utf-8", env=environment, timeout=900,
    )

    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "--exit-zero.yaml:11:32: CRML201 " in completed.stdout
