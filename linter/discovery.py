"""Discovery: which files a run reads, from the paths the user names."""

from __future__ import annotations

import os
from fnmatch import fnmatch
from typing import Iterable, Optional

SUFFIXES = (".json", ".yaml", ".yml", ".template")
"""Suffixes of the files that folders are walked for. Files named explicitly are read whatever their suffix."""

STDIN = "-"


class Discovery:
    """The files to read, in a stable order, and what happened to the other paths.

    `missing` are named paths that do not exist, `errors` one message per named path that
    cannot be reached (a dangling symbolic link, a loop of them, no permission) or folder
    that could not be listed, and `skipped` pairs of a path and the reason it is not read
    (excluded, not a regular file), which `--verbose` prints.
    """

    def __init__(self) -> None:
        self.files: list[str] = []
        self.missing: list[str] = []
        self.errors: list[str] = []
        self.skipped: list[tuple[str, str]] = []


def discover(
    paths: Iterable[str], exclude: Iterable[str] = (), force_exclude: bool = False, stdin_filename: Optional[str] = None
) -> Discovery:
    """Expand files and folders into the files to lint.

    Folders are walked recursively for `SUFFIXES`, skipping hidden folders and files and
    whatever an exclude glob matches. A file named explicitly is linted even when an
    exclude glob matches it, unless `force_exclude` is set: pre-commit names every changed
    file, so only then do the excludes reach those files. `-` stands for standard input.
    """
    globs = tuple(exclude)
    found = Discovery()
    seen: set[str] = set()

    def add(path: str) -> None:
        key = path if path == STDIN else os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            found.files.append(path)

    for path in paths:
        if path == STDIN:
            if force_exclude and stdin_filename and _is_excluded(stdin_filename, globs):
                found.skipped.append((stdin_filename, "excluded"))
            else:
                add(path)
        elif os.path.isdir(path):
            if force_exclude and _is_excluded(path, globs):
                found.skipped.append((path, "excluded"))
                continue
            for file_path in _walk(path, globs, found):
                add(file_path)
        elif os.path.exists(path):
            if force_exclude and _is_excluded(path, globs):
                found.skipped.append((path, "excluded"))
            else:
                add(path)
        else:
            # os.path.exists() is False for any path that stat() fails on, not only a missing one.
            reason = _unreachable_reason(path)
            if reason is None:
                found.missing.append(path)
            else:
                found.errors.append(f"{path}: cannot be read: {reason}")
    return found


def _walk(folder: str, globs: tuple[str, ...], found: Discovery) -> list[str]:
    files = []

    def record_error(error: OSError) -> None:
        found.errors.append(f"{error.filename}: cannot be read: {error.strerror or error}")

    for current, folders, names in os.walk(folder, onerror=record_error):
        kept = []
        for name in sorted(folders):
            path = os.path.join(current, name)
            if name.startswith("."):
                continue
            if _is_excluded(path, globs):
                found.skipped.append((path, "excluded"))
                continue
            kept.append(name)
        folders[:] = kept

        for name in sorted(names):
            path = os.path.join(current, name)
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            if _is_excluded(path, globs):
                found.skipped.append((path, "excluded"))
            elif not os.path.isfile(path):
                found.skipped.append((path, _unreachable_reason(path) or "not a regular file"))
            else:
                files.append(path)
    return files


def _unreachable_reason(path: str) -> Optional[str]:
    """Return why stat() fails on `path` (a dangling symbolic link, a loop, no permission).

    Return None when the path is missing or stat() succeeds.
    """
    import errno

    try:
        os.stat(path)
    except FileNotFoundError:
        if not os.path.islink(path):
            return None
        try:
            target = os.readlink(path)
        except OSError:
            return "it is a dangling symbolic link"
        return f"it is a dangling symbolic link to {target}"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "its symbolic links form a loop, or a chain too long to follow"
        return error.strerror or str(error)
    return None


def _is_excluded(path: str, globs: tuple[str, ...]) -> bool:
    # A glob matches the file or folder name, or the path as given, or any trailing part
    # of it, so `tests/*.json`, `cdk.out` and `**/fixtures/*` all work as users expect.
    normalized = os.path.normpath(path).replace(os.sep, "/")
    parts = normalized.split("/")
    candidates = {parts[-1], normalized}
    candidates.update("/".join(parts[index:]) for index in range(len(parts)))
    return any(fnmatch(candidate, glob.rstrip("/")) for glob in globs for candidate in candidates)
