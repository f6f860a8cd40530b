"""Configuration: finding, loading and validating `.crml-lint.yaml` and `[tool.crml-lint]`.

For each linted file, the nearest folder at or above it that holds a configuration decides
its settings. A `.crml-lint.yaml` wins over a `pyproject.toml` in the same folder, and a
`pyproject.toml` without a `[tool.crml-lint]` table does not count. `--config FILE` applies
one file to every linted file. The options of the command line are then laid over the
file's values: `--select` replaces `select`, `--ignore` and `--extend-select` add to
theirs, and `--severity` and `--fail-on` win over the file.

A file is validated by schemas/config.schema.json, and then its rule IDs are checked
against the loaded rules. The first problem stops the run with one line that names the
file and the key. A configuration file holds data only: it never makes crml-lint import
code. jsonschema and the YAML and TOML parsers are imported only once a file is found.
"""

from __future__ import annotations

import os
import re
import sys
from types import MappingProxyType
from typing import Any, Callable, Mapping, NamedTuple, Optional, Tuple

from .settings import Settings

CONFIG_FILE = ".crml-lint.yaml"
PYPROJECT_FILE = "pyproject.toml"
PYPROJECT_TABLE = "crml-lint"

# Text that any spelling of the table's name in TOML contains (`[tool.crml-lint]`,
# `[tool."crml-lint".rules]`, `crml-lint = {...}` under `[tool]`), but a dependency, a
# project or a console script named crml-lint does not: a script's value is a string. Other
# pyproject.toml files are not parsed at all, since importing and running a TOML parser
# costs a few milliseconds of every run. A non-string value that is no table is parsed, so
# that `crml-lint = 3` under `[tool]` is reported.
_TABLE_MENTION = re.compile(rb"""crml-lint["']?[ \t]*(?:[\].]|=[ \t]*[^"' \t])""")

_STDIN_NAMES = ("-", "<stdin>")


class ConfigError(Exception):
    """A configuration that cannot be used, worded for the user as one line that names the file and the key."""


class Overrides(NamedTuple):
    """Settings given on the command line; None or empty where the user did not give the option."""

    select: Optional[Tuple[str, ...]] = None
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    severity: Mapping[str, str] = MappingProxyType({})
    fail_on: Optional[str] = None


class SettingsResolver:
    """Decides the settings of each linted file, reading each configuration file once.

    `rules` returns every rule of the run (built-in, plugins and `--rules-dir`). It is
    called only when a configuration names rules, to reject IDs that match no rule.
    """

    def __init__(
        self,
        overrides: Optional[Overrides] = None,
        config_file: Optional[str] = None,
        rules: Optional[Callable[[], list]] = None,
        stdin_filename: Optional[str] = None,
    ):
        self.overrides = overrides or Overrides()
        self.config_file = config_file
        self.stdin_filename = stdin_filename
        self._rules = rules
        self._rule_ids: Optional[dict[str, Any]] = None
        self._config_by_folder: dict[str, Optional[str]] = {}
        self._settings_by_config: dict[Optional[str], Settings] = {}
        if config_file is not None and not os.path.isfile(config_file):
            reason = "not a regular file" if os.path.exists(config_file) else "no such file"
            raise ConfigError(f"--config {config_file}: {reason}")

    def settings_for(self, path: str) -> Settings:
        """Return the settings of one linted file. For `-`, standard input, the configuration is looked up from --stdin-filename's folder, else the working folder."""
        if self.config_file is not None:
            return self._settings(self.config_file)

        if path in _STDIN_NAMES or path == self.stdin_filename:
            folder = os.path.dirname(os.path.abspath(self.stdin_filename)) if self.stdin_filename else os.getcwd()
        else:
            folder = os.path.dirname(os.path.abspath(path))
        return self._settings(self.find_config(folder))

    def find_config(self, folder: str) -> Optional[str]:
        """Find the nearest configuration file at or above `folder`, or None. Folders already visited are looked up in a cache."""
        visited = []
        current = os.path.abspath(folder)
        found: Optional[str] = None
        while True:
            if current in self._config_by_folder:
                found = self._config_by_folder[current]
                break
            visited.append(current)
            found = _config_in(current)
            parent = os.path.dirname(current)
            if found is not None or parent == current:
                break
            current = parent

        for seen in visited:
            self._config_by_folder[seen] = found
        return found

    def _settings(self, config_path: Optional[str]) -> Settings:
        if config_path not in self._settings_by_config:
            base = Settings() if config_path is None else self._settings_from_file(config_path)
            self._settings_by_config[config_path] = _apply(self.overrides, base)
        return self._settings_by_config[config_path]

    def _settings_from_file(self, path: str) -> Settings:
        shown = _display(path)
        data, prefix = read_config(path)
        validate(data, shown, prefix)
        if self._rules is not None:
            _check_rule_ids(data, shown, prefix, self._known_rules())
        return settings_from_config(data, path)

    def _known_rules(self) -> dict[str, Any]:
        if self._rule_ids is None:
            self._rule_ids = {rule.id: rule for rule in self._rules()}
        return self._rule_ids


def read_config(path: str) -> tuple[dict, str]:
    """Parse a configuration file; return its settings and the key path that leads to them in the file."""
    shown = _display(path)
    try:
        with open(path, "rb") as stream:
            raw = stream.read()
    except OSError as error:
        raise ConfigError(f"{shown}: cannot be read: {error.strerror or error}") from None

    if path.endswith(".toml"):
        table = _toml_table(raw, shown)
        if table is None:
            raise ConfigError(f"{shown}: has no [tool.{PYPROJECT_TABLE}] table")
        return table, f"tool.{PYPROJECT_TABLE}"
    return _yaml_mapping(raw, shown), ""


def validate(data: Any, shown: str, prefix: str = "") -> None:
    """Validate settings against schemas/config.schema.json; raise ConfigError for the first problem."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise ConfigError(f"{shown}: {_describe(error, prefix)}")


def settings_from_config(data: Mapping[str, Any], path: str) -> Settings:
    """Turn validated settings into a Settings object; option names go back to the rules' snake_case."""
    return Settings(
        select=_upper(data.get("select", ("CRML",))),
        ignore=_upper(data.get("ignore", ())),
        extend_select=_upper(data.get("extend-select", ())),
        severity={rule_id: level for rule_id, level in data.get("severity", {}).items()},
        fail_on=data.get("fail-on", "error"),
        rule_options={
            rule_id: {name.replace("-", "_"): value for name, value in options.items()}
            for rule_id, options in data.get("rules", {}).items()
        },
        exclude=tuple(data.get("exclude", ())),
        per_file_ignores=tuple((glob, _upper(selectors)) for glob, selectors in data.get("per-file-ignores", {}).items()),
        config_path=os.path.abspath(path),
    )


def _apply(overrides: Overrides, base: Settings) -> Settings:
    return base._replace(
        select=overrides.select if overrides.select is not None else base.select,
        ignore=base.ignore + overrides.ignore,
        extend_select=base.extend_select + overrides.extend_select,
        severity={**base.severity, **overrides.severity},
        fail_on=overrides.fail_on or base.fail_on,
    )


def _config_in(folder: str) -> Optional[str]:
    candidate = os.path.join(folder, CONFIG_FILE)
    if os.path.isfile(candidate):
        return candidate

    candidate = os.path.join(folder, PYPROJECT_FILE)
    if not os.path.isfile(candidate):
        return None
    try:
        with open(candidate, "rb") as stream:
            raw = stream.read()
    except OSError:
        return None
    if not _TABLE_MENTION.search(raw):
        return None
    return candidate if _toml_table(raw, _display(candidate)) is not None else None


def _toml_table(raw: bytes, shown: str) -> Optional[dict]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{shown}: invalid TOML: {error}") from None
    table = document.get("tool", {}).get(PYPROJECT_TABLE)
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{shown}: tool.{PYPROJECT_TABLE}: must be a table, not {_kind(table)}")
    return table


def _yaml_mapping(raw: bytes, shown: str) -> dict:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=loader)
    except UnicodeDecodeError as error:
        raise ConfigError(f"{shown}: invalid YAML: not UTF-8 ({error.reason} at byte {error.start})") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{shown}: invalid YAML{_yaml_position(error)}: {_yaml_problem(error)}") from None

    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{shown}: must be a mapping of settings, not {_kind(data)}")
    return data


def _yaml_position(error: Exception) -> str:
    mark = getattr(error, "problem_mark", None)
    return f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""


def _yaml_problem(error: Exception) -> str:
    problem = getattr(error, "problem", None) or str(error)
    return " ".join(problem.split())


def _validator() -> Any:
    global _VALIDATOR
    if _VALIDATOR is None:
        import json
        import pkgutil

        import jsonschema

        # pkgutil rather than importlib.resources, whose import costs several milliseconds.
        data = pkgutil.get_data("crml_lint.schemas", "config.schema.json")
        if data is None:
            raise FileNotFoundError("schema config.schema.json is missing from the crml_lint.schemas package")
        schema = json.loads(data.decode("utf-8"))
        _VALIDATOR = jsonschema.validators.validator_for(schema)(schema)
    return _VALIDATOR


_VALIDATOR: Any = None


def _describe(error: Any, prefix: str) -> str:
    """Word one schema error as `key.path: what is wrong; what would be right`."""
    from .suggestions import closest_name, enum_spelling

    steps = list(error.absolute_path)
    under_rule = len(steps) == 2 and steps[0] == "rules"
    validator = error.validator

    if validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        unknown = sorted(key for key in error.instance if key not in known)[0]
        what = "option" if under_rule else "key"
        suggestion = closest_name(str(unknown), known)
        if suggestion:
            advice = f"did you mean {suggestion}?"
        elif known:
            advice = f"expected one of {', '.join(known)}"
        else:
            advice = f"{steps[-1]} has no options" if under_rule else "no keys are allowed here"
        return f"{_key_path(prefix, steps + [unknown])}: unknown {what}; {advice}"

    if validator == "propertyNames":
        return f"{_key_path(prefix, steps + [error.instance])}: {error.instance!r} is not a rule ID such as CRML303"
    if validator == "pattern":
        return f"{_key_path(prefix, steps)}: {error.instance!r} is not a rule ID or prefix such as CRML2"
    if validator == "type":
        return f"{_key_path(prefix, steps)}: must be {_KINDS.get(str(error.validator_value), error.validator_value)}, not {_kind(error.instance)}"
    if validator == "enum":
        allowed = error.validator_value
        suggestion = enum_spelling(error.instance, allowed) if isinstance(error.instance, str) else None
        advice = f"; did you mean {suggestion}?" if suggestion else ""
        return f"{_key_path(prefix, steps)}: must be one of {', '.join(map(str, allowed))}, not {error.instance!r}{advice}"
    if validator == "exclusiveMinimum":
        return f"{_key_path(prefix, steps)}: must be a number above {error.validator_value}, not {error.instance!r}"
    if validator == "minLength":
        return f"{_key_path(prefix, steps)}: must not be empty"
    return f"{_key_path(prefix, steps)}: {error.message}"


_KINDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "number": "a number",
    "boolean": "true or false",
}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return type(value).__name__


def _key_path(prefix: str, steps: list) -> str:
    text = prefix
    for step in steps:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text or "(top level)"


def _check_rule_ids(data: Mapping[str, Any], shown: str, prefix: str, rules: Mapping[str, Any]) -> None:
    # A mistyped ID would silently turn rules off (or on), so that a CI gate passes that
    # should not: it stops the run, as it does on the command line.
    from .suggestions import closest_name

    def fail(steps: list, message: str) -> None:
        raise ConfigError(f"{shown}: {_key_path(prefix, steps)}: {message}")

    for key in ("select", "ignore", "extend-select"):
        for index, selector in enumerate(data.get(key, ())):
            if not any(rule_id.startswith(selector.upper()) for rule_id in rules):
                fail([key, index], f"no rule ID starts with {selector!r}; `crml-lint rules` lists the rules")
    for glob, selectors in data.get("per-file-ignores", {}).items():
        for index, selector in enumerate(selectors):
            if not any(rule_id.startswith(selector.upper()) for rule_id in rules):
                fail(["per-file-ignores", glob, index], f"no rule ID starts with {selector!r}; `crml-lint rules` lists the rules")

    for key in ("severity", "rules"):
        for rule_id in data.get(key, {}):
            if rule_id not in rules:
                suggestion = closest_name(rule_id, rules)
                advice = f"did you mean {suggestion}?" if suggestion else "`crml-lint rules` lists the rules"
                fail([key, rule_id], f"unknown rule ID; {advice}")

    # Options of built-in rules are checked by the schema; those of plugin and
    # --rules-dir rules only here, by name, because their types are not known.
    for rule_id, options in data.get("rules", {}).items():
        known = [name.replace("_", "-") for name in rules[rule_id].options]
        for name in options:
            if name not in known:
                suggestion = closest_name(name, known)
                if suggestion:
                    advice = f"did you mean {suggestion}?"
                elif known:
                    advice = f"expected one of {', '.join(known)}"
                else:
                    advice = f"{rule_id} has no options"
                fail(["rules", rule_id, name], f"unknown option; {advice}")


def _upper(selectors: Any) -> Tuple[str, ...]:
    return tuple(selector.upper() for selector in selectors)


def _display(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
