"""The project root: the folder that fingerprints and CI reports name files from.

A baseline is written on one machine and read on another, whose checkout lies at another
absolute path (a laptop's and a CI runner's), and a run may start in any folder of the
checkout. So a finding's fingerprint names its file relative to the root of a repository,
the nearest folder that contains a `.git` entry. That entry is a folder in a clone and a
file in a worktree or submodule. The root is chosen in this order:

1. the repository of the working folder (the nearest `.git` at or above it), when the file
   lies below that root;
2. otherwise the repository of the file (the nearest `.git` above the file);
3. otherwise none: the file is named as the reports name it, which depends on the working
   folder.

The working folder comes first because of nested repositories (submodules and vendored
clones): named from their own roots, `s1/a.json` and `s2/a.json` would both be `a.json`.
pre-commit, GitHub Actions and GitLab CI run from the top-level repository's root, so
there each file gets a path that is unique in the checkout.

Folders are compared as text, without resolving symbolic links.
"""

from __future__ import annotations

import os
from typing import Optional

# The names the engine gives standard input when `--stdin-filename` does not name it.
_STDIN_NAMES = ("-", "<stdin>")


def project_path(path: str, working_folder: Optional[str] = None) -> str:
    """Return the name of the file at `path` relative to its project root, with `/` separators.

    `path` is absolute or relative to `working_folder` (the current working folder by
    default), as reports name files. Standard input named by `--stdin-filename X` gets the
    name of X, so that it matches X linted in place. Unnamed standard input and files
    without a project root keep `path`.
    """
    if path in _STDIN_NAMES:
        return path

    relative = repository_path(path, working_folder)
    return relative if relative is not None else path


def repository_path(path: str, working_folder: Optional[str] = None) -> Optional[str]:
    """Return `path` relative to its project root with `/` separators, or None when it has none.

    `path` and `working_folder` are as for `project_path`. The module documentation says
    which root applies.
    """
    working_folder = os.path.abspath(working_folder or os.getcwd())
    absolute = os.path.normpath(os.path.join(working_folder, path))

    root = find_project_root(working_folder)
    if root is None or not _lies_below(absolute, root):
        root = find_project_root(os.path.dirname(absolute))
    if root is None:
        return None
    return os.path.relpath(absolute, root).replace(os.sep, "/")


def _lies_below(path: str, folder: str) -> bool:
    # os.path.join(folder, "") ends in one separator, also for the file system's root, so
    # that `/repo-old/a.json` does not count as below `/repo`.
    return os.path.normcase(path).startswith(os.path.normcase(os.path.join(folder, "")))


_roots: dict[str, Optional[str]] = {}


def find_project_root(folder: str) -> Optional[str]:
    """Return the nearest folder from the absolute `folder` upwards that contains `.git`, or None.

    The result is cached per folder, and every folder on the way up is cached too, because
    one run lints many files in few folders. A `.git` created while the process runs is
    not seen in a folder already looked up.
    """
    # A loop rather than recursion: a path may be nested deeper than Python's recursion limit.
    visited = []
    current = folder
    while current not in _roots:
        visited.append(current)
        if os.path.exists(os.path.join(current, ".git")):
            _roots[current] = current
            break
        parent = os.path.dirname(current)
        if parent == current:
            _roots[current] = None
            break
        current = parent

    root = _roots[current]
    for seen in visited:
        _roots[seen] = root
    return root
