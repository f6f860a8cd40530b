"""The engine: from files to findings.

For each file: skip it cheaply unless its text could hold an association, load it,
recognise the associations in each document, check each one against the API contract and
the enabled rules, and turn what they report into findings. Filtering by selection and
severity happens here too; reporting is left to the reporters.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from collections import Counter
from typing import Callable, Iterable, Iterator, Optional

from .association import Association
from .discovery import STDIN, Discovery, discover
from .finding import Finding, Problem, Suppression, fingerprint
from .loading import LoadResult, too_large_problem
from .project_root import project_path
from .result import LintResult
from .rule import Rule
from .rule_options import InvalidOptionError
from .settings import Settings
from .source import MAX_FILE_BYTES, SourceError, SourceFile, read_input

# Every association names at least one of these, in any letter case. Text without them is
# skipped before parsing, which keeps unrelated JSON and YAML in a repository cheap.
_ASSOCIATION_MARKER = re.compile(
    r"membershipidentifier|configuredmodelalgorithm|privacyconfiguration", re.IGNORECASE
)

# Every suppression writes crml-lint and a colon: a comment `# crml-lint: disable=...` or a
# Metadata key `crml-lint:` or `"crml-lint":`. A file that only mentions crml-lint, in a
# comment about the file's purpose, is not scanned a second time for its comments.
_SUPPRESSION_MARKER = re.compile(r"""crml-lint["']?\s*:""")

_TOO_LARGE_WITHOUT_MARKER = (
    f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB, "
    f"with no association fields in its first {MAX_FILE_BYTES // (1024 * 1024)} MiB"
)

_JSON_SUFFIXES = (".json",)
_YAML_SUFFIXES = (".yaml", ".yml")


class InternalError(Exception):
    """A failure of crml-lint itself or of a rule, not of the input."""


class Engine:
    """Lints sources with one set of settings. Rules and the contract check load on first need."""

    def __init__(self, settings: Optional[Settings] = None, rules: Optional[list[Rule]] = None):
        self.settings = settings or Settings()
        self._rules = rules
        self._rules_by_id: dict[str, Rule] = {}
        self.failures: list[str] = []
        """One message per rule that raised on a file; the rule's other findings are lost."""
        self.failure_tracebacks: list[str] = []

    @property
    def rules_loaded(self) -> bool:
        return self._rules is not None

    def enabled_rules(self) -> list[Rule]:
        """Return the rules this run applies, loading every rule module and scanning plugins on first use."""
        if self._rules is None:
            from .registry import all_rules

            self._rules = all_rules()
        if not self._rules_by_id:
            self._rules_by_id = {rule.id: rule for rule in self._rules}
        return [rule for rule in self._rules if self.settings.is_enabled(rule.id)]

    def lint_source(self, source: SourceFile) -> tuple[list[Finding], int, Optional[str]]:
        """Lint one source; return its findings, how many associations it holds, and why it was skipped."""
        if not _ASSOCIATION_MARKER.search(source.text):
            if source.too_large:
                return [], 0, _TOO_LARGE_WITHOUT_MARKER
            return [], 0, "no association fields in the text"

        # A file this large that names association fields is reported rather than skipped,
        # so that an association cannot go unchecked by growing past the cap.
        if source.too_large:
            return self._findings([(too_large_problem(source), None)], source), 0, None

        from .loading import load

        syntax = syntax_of(source.path, source.text)
        loaded = load(source, syntax)
        problems, associations = self._check_documents(loaded, source)
        if loaded.failure is not None:
            problems.insert(0, (loaded.failure, None))

        findings = self._findings(problems, source)
        if associations and _SUPPRESSION_MARKER.search(source.text):
            findings = self._suppress(findings, loaded, source, syntax)
        skip_reason = None if associations or findings else "no association in the file"
        return findings, associations, skip_reason

    def _suppress(self, findings: list[Finding], loaded: LoadResult, source: SourceFile, syntax: str) -> list[Finding]:
        """Mark the findings that the file's comments and Metadata entries suppress, and add the unused suppressions."""
        from .suppressions import find_directives, suppress, unused_problems

        directives, unreadable = find_directives(source, loaded, syntax)
        findings = suppress(findings, directives)

        # Unused suppressions are findings too, and a file-level suppression may silence them.
        known = [rule.id for rule in self._rules or ()]
        enabled = [rule.id for rule in self.enabled_rules()]
        unused = self._findings(unreadable + unused_problems(directives, known, enabled), source)
        return sorted(findings + suppress(unused, directives), key=_finding_order)

    def _check_documents(self, loaded: LoadResult, source: SourceFile) -> tuple[list[tuple[Problem, Optional[str]]], int]:
        from .formats import recognise

        problems: list[tuple[Problem, Optional[str]]] = []
        count = 0
        for document in loaded.documents:
            associations = recognise(document, source)
            if not associations:
                continue
            problems.extend((problem, _resource_around(problem, associations)) for problem in document.problems)
            for association in associations:
                count += 1
                problems.extend((problem, association.resource) for problem in self._check(association))
        return problems, count

    def _check(self, association: Association) -> Iterator[Problem]:
        # A template resource with an Fn::If may deploy either branch, so each variant is
        # checked; a problem that several variants share is one finding.
        reported: set[tuple] = set()
        for variant in (association, *association.alternatives):
            for problem in self._check_variant(variant):
                identity = (problem.rule_id, problem.span, problem.message)
                if identity not in reported:
                    reported.add(identity)
                    yield problem

    def _check_variant(self, association: Association) -> Iterator[Problem]:
        from .contract import check_contract

        yield from association.problems
        yield from check_contract(association)
        for rule in self.enabled_rules():
            if rule.check is None:
                continue
            options = {**rule.options, **self.settings.rule_options.get(rule.id, {})}
            try:
                for problem in rule.check(association, options):
                    yield problem if problem.rule_id else _with_rule_id(problem, rule.id)
            except Exception as error:
                if isinstance(error, InvalidOptionError) and self.settings.config_path:
                    # A bad option in a configuration file would fail on every file: stop the run.
                    from .config import ConfigError

                    raise ConfigError(f"{os.path.relpath(self.settings.config_path)}: rules.{rule.id}: {error}") from error
                # One failing rule must not cost the findings of the others: record the
                # failure (the run then exits 2) and go on with the next rule.
                self.failures.append(
                    f"rule {rule.id} ({rule.name}) failed on {association.source.path}: {type(error).__name__}: {error}"
                )
                import traceback

                self.failure_tracebacks.append(traceback.format_exc())

    def _findings(self, problems: list[tuple[Problem, Optional[str]]], source: SourceFile) -> list[Finding]:
        if problems:
            self.enabled_rules()
        problems = sorted(problems, key=lambda pair: _problem_order(pair[0]))

        findings = []
        occurrences: Counter = Counter()
        for problem, resource in problems:
            rule_id = problem.rule_id or "CRML000"
            if not self.settings.is_enabled(rule_id):
                continue

            # Findings that share rule, resource, field and identity are distinguished by
            # their order in the file, which edits above them do not change.
            identity = (rule_id, resource, problem.field_path, problem.identity)
            occurrences[identity] += 1

            rule = self._rules_by_id.get(rule_id)
            default_level = problem.level or (rule.level if rule else "error")
            findings.append(
                Finding(
                    rule_id=rule_id,
                    rule_name=rule.name if rule else rule_id.lower(),
                    level=self.settings.level_for(rule_id, default_level),
                    message=problem.message,
                    path=source.path,
                    span=problem.span,
                    utf16_span=source.utf16_span(problem.span),
                    field_path=problem.field_path,
                    resource=resource,
                    fix=problem.fix,
                    fingerprint=fingerprint(
                        rule_id, project_path(source.path), resource, problem.field_path, problem.identity, occurrences[identity]
                    ),
                    suppression=self._external_suppression(rule_id, source.path),
                )
            )
        return findings

    def _external_suppression(self, rule_id: str, path: str) -> Optional[Suppression]:
        # Per-file ignores keep their findings, marked, so that SARIF shows them as dismissed.
        if not self.settings.ignored_by_file(rule_id, path):
            return None
        where = self.settings.config_path or "the configuration"
        return Suppression(kind="external", justification=f"per-file-ignores in {where}")


def syntax_of(path: str, text: str) -> str:
    """Decide JSON or YAML: by suffix, else by the first character (`{` or `[` means JSON)."""
    lowered = path.lower()
    if lowered.endswith(_JSON_SUFFIXES):
        return "json"
    if lowered.endswith(_YAML_SUFFIXES):
        return "yaml"
    return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


def run(
    paths: Iterable[str],
    settings: Optional[Settings] = None,
    *,
    exclude: Iterable[str] = (),
    force_exclude: bool = False,
    stdin_filename: Optional[str] = None,
    stdin: Optional[bytes] = None,
    found: Optional[Discovery] = None,
    settings_for: Optional[Callable[[str], Settings]] = None,
    rules: Optional[list[Rule]] = None,
) -> LintResult:
    """Lint every file the paths name.

    Problems with paths (missing, unreadable, not a regular file) and failures of a rule are
    recorded in the result, not raised, so that every other file is still reported. Pass
    `found` when the caller has already run discovery, `settings_for` to give each file its
    own settings (from its configuration file), and `rules` to lint with other rules than
    the registry's. A configuration that cannot be used raises crml_lint.config.ConfigError.
    """
    from . import __version__

    engines: dict[int, Engine] = {}

    def engine_for(file_settings: Settings) -> Engine:
        # One engine per distinct settings object, all sharing one list of rules.
        nonlocal rules
        engine = engines.get(id(file_settings))
        if engine is None:
            loaded = [other for other in engines.values() if other.rules_loaded]
            if rules is None and loaded:
                rules = loaded[0]._rules
            engine = engines[id(file_settings)] = Engine(file_settings, rules)
        return engine

    named = {os.path.normpath(path) for path in paths if path != STDIN}
    if found is None:
        found = discover(paths, exclude, force_exclude, stdin_filename=stdin_filename)
    result = LintResult(root=os.getcwd(), tool_version=__version__, missing_paths=found.missing)
    result.errors.extend(found.errors)
    result.skipped.extend(found.skipped)

    # Linting the first association imports PyYAML, jsonschema and the rules. The cycle
    # collector would walk the new objects several times during those imports and free
    # nothing, about 5 ms of a one-file run, so it stays off until that file is linted.
    collector_paused = gc.isenabled()
    gc.disable()
    try:
        for path in found.files:
            file_settings = settings_for(path) if settings_for else (settings or Settings())
            walked = os.path.normpath(path) not in named and path != STDIN
            if (walked or force_exclude) and path != STDIN and file_settings.excludes(path):
                result.skipped.append((path, "excluded by the configuration"))
                continue
            engine = engine_for(file_settings)

            try:
                source = _read(path, stdin_filename, stdin)
            except SourceError as error:
                result.errors.append(str(error))
                continue

            try:
                findings, associations, skip_reason = engine.lint_source(source)
            except InternalError as error:
                result.errors.append(str(error))
                continue
            finally:
                result.errors.extend(engine.failures)
                result.tracebacks.extend(engine.failure_tracebacks)
                engine.failures.clear()
                engine.failure_tracebacks.clear()
            result.files_checked += 1
            result.checked_paths.append(source.path)
            result.associations += associations
            result.findings.extend(findings)
            if skip_reason:
                result.skipped.append((source.path, skip_reason))
            if source.too_large and skip_reason and not walked:
                # The user named this file, so a quiet skip would look like a clean result.
                result.notices.append(f"{source.path} was not checked: it is {skip_reason}")
            if associations and collector_paused:
                gc.enable()
                collector_paused = False
    finally:
        if collector_paused:
            gc.enable()

    enabled = {rule.id: rule for engine in engines.values() if engine.rules_loaded for rule in engine.enabled_rules()}
    if enabled:
        result.rules = [enabled[rule_id] for rule_id in sorted(enabled)]
    return result


def lint_paths(paths: Iterable[str], settings: Optional[Settings] = None, *, exclude: Iterable[str] = ()) -> list[Finding]:
    # A single path given as a string is one path, not a list of one-letter paths.
    paths = [os.fspath(paths)] if isinstance(paths, (str, os.PathLike)) else [os.fspath(path) for path in paths]
    # lexists: a dangling link or a loop exists, and the run reports why it cannot be read.
    missing = [path for path in paths if path != STDIN and not os.path.lexists(path)]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    result = run(paths, settings, exclude=exclude)
    if result.errors:
        raise InternalError("; ".join(result.errors))
    return result.findings


def lint_text(text: str, filename: str = "<stdin>", settings: Optional[Settings] = None) -> list[Finding]:
    source = SourceFile.from_bytes(filename, text.encode("utf-8", errors="surrogatepass"))
    engine = Engine(settings)
    findings, _, _ = engine.lint_source(source)
    if engine.failures:
        raise InternalError("; ".join(engine.failures))
    return findings


def _read(path: str, stdin_filename: Optional[str], stdin: Optional[bytes]) -> SourceFile:
    if path != STDIN:
        return SourceFile.read(path, display_path=_display_path(path))
    if stdin is None and sys.stdin is None:
        # Python sets sys.stdin to None when the process starts with it closed (`<&-`).
        raise SourceError(f"{stdin_filename or '-'}: cannot read standard input: it is closed")
    data = stdin if stdin is not None else read_input(sys.stdin.buffer)
    return SourceFile.from_bytes(stdin_filename or "<stdin>", data)


def _display_path(path: str) -> str:
    # Reports name files relative to the working folder when they lie below it, so that a
    # run from the repository root gives the same paths on every machine.
    relative = os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)
    return relative if not relative.startswith("..") else path


def _with_rule_id(problem: Problem, rule_id: str) -> Problem:
    return problem._replace(rule_id=rule_id)


def _finding_order(finding: Finding) -> tuple:
    span = finding.span
    return (span.start_line, span.start_column, finding.rule_id, finding.message)


def _problem_order(problem: Problem) -> tuple:
    span = problem.span
    return (span.start_line, span.start_column, problem.rule_id or "", problem.message)


def _resource_around(problem: Problem, associations: list[Association]) -> Optional[str]:
    """Return the logical ID of the template resource whose properties contain the problem, if any."""
    start = (problem.span.start_line, problem.span.start_column)
    for association in associations:
        span = association.document.span
        if association.resource and (span.start_line, span.start_column) <= start < (span.end_line, span.end_column):
            return association.resource
    return None
