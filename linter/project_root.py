"""The project root: the folder that fingerprints name files from.

A baseline is written on one machine and read on another, whose checkout lies at another
absolute path (a laptop's and a CI runner's), and a run may start in any folder of the
checkout. So a finding's fingerprint names its file relative to the root of the repository
that contains the file: the nearest folder, from the file's own folder upwards, that
contains a `.git` entry. That entry is a folder in a clone and a file in a worktree or
submodule. A file outside any repository is named as the reports name it, which depends
on the working folder.
"""

from __future__ import annotations

import os
from typing import Optional

# The names the engine gives standard input when `--stdin-filename` does not name it.
_STDIN_NAMES = ("-", "<stdin>")


def project_path(path: str) -> str:
    """Return the name of the file at `path` relative to its repository root, with `/` separators.

    `path` is absolute or relative to the working folder, as reports name files. Standard
    input named by `--stdin-filename X` gets the name of X, so that it matches X linted in
    place. Unnamed standard input and files outside a repository keep `path`.
    """
    if path in _STDIN_NAMES:
        return path

    absolute = os.path.abspath(path)
    root = find_project_root(os.path.dirname(absolute))
    if root is None:
        return path
    return os.path.relpath(absolute, root).replace(os.sep, "/")


_roots: dict[str, Optional[str]] = {}


def find_project_root(folder: str) -> Optional[str]:
    """Return the nearest folder from the absolute `folder` upwards that contains `.git`, or None.

    The answer is cached per folder, and every folder on the way up is cached too, because
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
