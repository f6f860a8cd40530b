"""crml-lint: a linter for AWS Clean Rooms ML configured model algorithm associations.

Importing this package does no work beyond definitions, so that the command line starts
fast. The functions below import the engine on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional, Union

if TYPE_CHECKING:
    from .finding import Finding
    from .settings import Settings

__version__ = "0.1.0"

__all__ = ["__version__", "lint_paths", "lint_text"]


def lint_paths(paths: Union[str, Iterable[str]], settings: Optional["Settings"] = None, *, exclude: Iterable[str] = ()) -> list["Finding"]:
    """Lint files and folders and return the findings, sorted by file, line and column.

    Folders are walked for JSON and YAML files as `crml-lint check` walks them; a single
    string is one path. Raise FileNotFoundError, before linting anything, when a path does
    not exist, and crml_lint.engine.InternalError when a file cannot be read or a rule fails.
    """
    from .engine import lint_paths as _lint_paths

    return _lint_paths(paths, settings, exclude=exclude)


def lint_text(text: str, filename: str = "<stdin>", settings: Optional["Settings"] = None) -> list["Finding"]:
    """Lint one document given as text; `filename` names it in findings and decides JSON or YAML by its suffix."""
    from .engine import lint_text as _lint_text

    return _lint_text(text, filename, settings)
