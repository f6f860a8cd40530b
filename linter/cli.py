"""The command line: `crml-lint check`, `crml-lint rules`, `crml-lint rule ID` and `crml-lint schema`.

Exit status, as CI gates rely on it: 0 when no finding reaches the fail level, 1 when one
does, 2 when crml-lint could not do its job (bad usage, a path that does not exist or
cannot be read, a configuration that cannot be used, an internal error). Errors are one
line on stderr; `--verbose` adds the traceback.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import Optional

import click

from . import __version__
from .finding import LEVELS

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

_OUTPUT_FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")


class _Failure(Exception):
    """A reason to stop with exit status 2, already worded for the user."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="crml-lint", message="%(prog)s %(version)s")
def main() -> None:
    """Lint AWS Clean Rooms ML configured model algorithm associations: API requests for the
    AWS CLI or boto3, in JSON or YAML."""


def console_main() -> None:
    """Run the command line as the `crml-lint` console script, then end the process at once.

    Python's teardown frees every module before a process ends: about 12 ms after a run,
    a tenth of linting one file, for memory the operating system takes back anyway. So the
    process ends with os._exit once stdout and stderr are flushed; crml-lint closes its
    report files itself. When anything has registered an exit handler, such as a plugin or
    coverage measurement, or a thread that is no daemon still runs, the process ends the
    usual way, so that the handler or thread can finish.
    """
    try:
        main()
        status = 0
    except SystemExit as exit_request:
        status = exit_request.code
    except OSError as error:
        # click writes --help and --version itself, so a full disk behind stdout ends up here.
        _discard(sys.stdout)
        _error(f"cannot write to standard output: {error.strerror or error}")
        status = EXIT_ERROR

    if isinstance(status, int):
        status = _flush_output(status)
    if not isinstance(status, int) or _needs_python_exit():
        sys.exit(status)
    os._exit(status)


def _flush_output(status: int) -> int:
    """Flush stdout and stderr, and return the exit status: 2 when the output could not be written."""
    for stream in (sys.stdout, sys.stderr):
        # A stream is None when the process started with it closed (`>&-`). A ValueError
        # means it was closed since. Either way nothing is left to write.
        if stream is None:
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            _discard(stream)
        except ValueError:
            pass
        except OSError as error:
            # `crml-lint --version > /dev/full`: click wrote, the disk is full.
            _discard(stream)
            if stream is sys.stdout:
                _error(f"cannot write to standard output: {error.strerror or error}")
                status = EXIT_ERROR
    return status


def _needs_python_exit() -> bool:
    """Tell whether os._exit would cut something short: an exit handler, or a thread still running."""
    if getattr(atexit, "_ncallbacks", lambda: 1)() != 0:
        return True

    # threading is looked up, not imported: a run that started no thread need not load it.
    threading = sys.modules.get("threading")
    if threading is None:
        return False
    main_thread = threading.main_thread()
    return any(thread is not main_thread and not thread.daemon and thread.is_alive() for thread in threading.enumerate())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option("--output-format", type=click.Choice(_OUTPUT_FORMATS), default="text", show_default=True, help="Report format.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to this file instead of standard output.")
@click.option("--fail-on", type=click.Choice(LEVELS), help="Lowest finding level that makes the exit status 1 (default: the configuration's, else error).")
@click.option("--exit-zero", is_flag=True, help="Exit with 0 even when findings reach the fail level (errors still exit with 2).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders that match GLOB while walking folders. Repeatable.")
@click.option("--force-exclude", is_flag=True, help="Apply --exclude to paths named on the command line too (pre-commit names every file).")
@click.option("--stdin-filename", metavar="NAME", help="Name standard input (`-`) in reports; its suffix decides JSON or YAML.")
@click.option("--select", "select", multiple=True, metavar="RULE", help="Run only these rules: IDs or prefixes such as CRML2. Repeatable or comma-separated.")
@click.option("--ignore", "ignore", multiple=True, metavar="RULE", help="Do not run these rules: IDs or prefixes. Repeatable or comma-separated.")
@click.option("--extend-select", multiple=True, metavar="RULE", help="Run these rules in addition to the selected ones. Repeatable or comma-separated.")
@click.option("--severity", multiple=True, metavar="ID=LEVEL", help="Report a rule at another level: error, warning or note. Repeatable.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Use this configuration file (.crml-lint.yaml or pyproject.toml) for every file instead of looking for one.")
@click.option("--rules-dir", multiple=True, type=click.Path(exists=True, file_okay=False), metavar="DIR",
              help="Load every *.py in DIR as a rule module, in addition to the built-in rules. Repeatable.")
@click.option("--verbose", "-v", is_flag=True, help="Say which files were skipped and why; show tracebacks of internal errors.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary and no notices.")
@click.option("--statistics", is_flag=True,
              help="Print the number of findings per rule instead of the findings (text or json format). "
                   "Like the text report, it leaves out suppressed findings and those the baseline contains.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Compare with this earlier SARIF report: findings already in it do not fail the run.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write the findings as a SARIF report to FILE, for a later --baseline.")
def check(paths, output_format, output_file, fail_on, exit_zero, exclude, force_exclude, stdin_filename,
          select, ignore, extend_select, severity, config_file, rules_dir, verbose, quiet, statistics,
          baseline_file, write_baseline_file) -> None:
    """Lint PATHS: files, folders (walked for .json, .yaml, .yml and .template files) or `-` for standard input.

    With no PATHS, the current folder is linted.
    """
    from .config import ConfigError

    try:
        rules = _rules(rules_dir)
        resolver = _resolver(select, ignore, extend_select, severity, fail_on, config_file, stdin_filename, rules)
        status = _check(list(paths) or ["."], resolver, rules, output_format, output_file, exit_zero,
                        exclude, force_exclude, stdin_filename, verbose, quiet, statistics,
                        baseline_file=baseline_file, write_baseline_file=write_baseline_file)
    except (_Failure, ConfigError) as failure:
        if verbose:
            _print_traceback()
        _error(str(failure))
        status = EXIT_ERROR
    except Exception as error:  # the last guard: one clear line instead of a traceback
        if verbose:
            _print_traceback()
        _error(f"internal error: {type(error).__name__}: {error}" if not _is_reported(error) else str(error))
        status = EXIT_ERROR
    sys.exit(status)


def _print_traceback() -> None:
    # Imported here: only a failed run with --verbose needs it, and it costs start-up time.
    import traceback

    traceback.print_exc()


def _check(paths, resolver, rules, output_format, output_file, exit_zero, exclude, force_exclude, stdin_filename, verbose, quiet,
           statistics=False, *, baseline_file: Optional[str] = None, write_baseline_file: Optional[str] = None) -> int:
    from .discovery import discover
    from .engine import run

    if statistics and output_format not in ("text", "json"):
        raise _Failure(f"--statistics writes text or json, not {output_format}; choose --output-format text or json")
    if output_file is not None and write_baseline_file is not None and _same_file(output_file, write_baseline_file):
        # The second report would overwrite the first.
        raise _Failure(f"--output-file {output_file} and --write-baseline {write_baseline_file} name the same file; choose two files")

    # The baseline is read before linting, so that a wrong path fails at once.
    baseline = _load_baseline(baseline_file) if baseline_file is not None else None

    found = discover(paths, exclude, force_exclude, stdin_filename=stdin_filename)
    _protect_report_file(output_file, "--output-file", found, paths, stdin_filename)
    _protect_report_file(write_baseline_file, "--write-baseline", found, paths, stdin_filename)
    result = run(paths, stdin_filename=stdin_filename, force_exclude=force_exclude, found=found,
                 settings_for=resolver.settings_for, rules=rules)

    if baseline is not None:
        from .baseline import apply_baseline

        apply_baseline(result, baseline)

    if (output_format == "sarif" or write_baseline_file is not None) and not result.rules:
        from .registry import all_rules

        settings = resolver.settings_for(stdin_filename or "-")
        result.rules = [rule for rule in rules or all_rules() if settings.is_enabled(rule.id)]

    _write(result, output_format, output_file, quiet, statistics)
    if write_baseline_file is not None:
        _write(result, "sarif", write_baseline_file, quiet, option="--write-baseline")

    if verbose:
        for path, reason in result.skipped:
            _tell(f"skipped {path}: {reason}")
    for path in result.missing_paths:
        _error(f"{path}: no such file or folder")
    if verbose:
        for text in result.tracebacks:
            _tell(text, newline=False)
    for message in result.errors:
        _error(message)
    if not quiet:
        for notice in result.notices:
            _note(notice)
    # After an error, the error message explains why nothing was checked.
    failed = bool(result.missing_paths or result.errors)
    if result.associations == 0 and not result.findings and not quiet and not failed:
        _tell("crml-lint: no association found in the given paths (nothing to check)")

    if failed:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    from .reporters import is_accepted

    # Each file fails at the level its own configuration sets. Suppressed findings never
    # fail a run, and with a baseline only new findings do.
    failing = any(
        resolver.settings_for(finding.path).fails(finding.level)
        for finding in result.findings
        if not is_accepted(finding)
    )
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _write(result, output_format: str, output_file: Optional[str], quiet: bool, statistics: bool = False,
           option: str = "--output-file") -> None:
    from .reporters import write_report

    write = _write_statistics if statistics else write_report
    if output_file is None:
        if sys.stdout is None:
            # Python sets sys.stdout to None when the process starts with it closed (`>&-`).
            raise _Failure("cannot write the report: standard output is closed; use --output-file")
        color = output_format == "text" and _terminal_wants_color()
        try:
            write(result, output_format, sys.stdout, color=color, quiet=quiet)
            sys.stdout.flush()
        except BrokenPipeError:
            _discard(sys.stdout)
        except OSError as error:
            # A full disk behind a redirection (`> report.txt`), for example.
            _discard(sys.stdout)
            raise _Failure(f"cannot write the report to standard output: {error.strerror or error}") from error
        return
    try:
        with open(output_file, "w", encoding="utf-8", newline="\n") as stream:
            write(result, output_format, stream, color=False, quiet=quiet)
    except OSError as error:
        raise _Failure(f"{option} {output_file}: cannot write the report: {error.strerror or error}") from error


def _terminal_wants_color() -> bool:
    # As no-color.org specifies, only a NO_COLOR that is set and not empty turns colour off. A
    # terminal that declares itself dumb would show the escape sequences as text.
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _discard(stream) -> None:
    # Point the stream at /dev/null so that the flush at exit does not fail a second time,
    # when the reader went away (`crml-lint check | head`, not an error of the run) or the
    # disk behind a redirection is full.
    if stream is not None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _write_statistics(result, output_format: str, stream, *, color: bool = False, quiet: bool = False) -> None:
    from .statistics import write_statistics

    write_statistics(result.findings, stream, output_format)


def _load_baseline(baseline_file: str):
    from .baseline import BaselineError, load_baseline

    try:
        return load_baseline(baseline_file)
    except BaselineError as error:
        raise _Failure(str(error)) from error


def _protect_report_file(report_file: Optional[str], option: str, found, paths: list[str], stdin_filename: Optional[str]) -> None:
    """Reject a report file that the user named as an input, and leave it out of folder walks.

    crml-lint never writes to a file it lints, even when asked to by mistake. A report file
    that a folder walk finds is usually this run's report from an earlier run (`check -o
    report.json` run twice in one folder), which is about to be overwritten, so it is not
    linted. One that contains an association is an input, though, and is rejected.
    """
    from .discovery import STDIN

    if report_file is None:
        return

    if STDIN in found.files and stdin_filename and _same_file(stdin_filename, report_file):
        raise _Failure(f"{option} {report_file} is the file that --stdin-filename names; choose another file")

    # A file is named explicitly when the user gave its path, as the engine decides it.
    named = {os.path.normpath(path) for path in paths if path != STDIN}
    kept = []
    for path in found.files:
        if path == STDIN or not _same_existing_file(path, report_file):
            kept.append(path)
        elif os.path.normpath(path) in named or _holds_association(path):
            raise _Failure(f"{option} {report_file} is one of the files being linted ({path}); choose another file")
        else:
            found.skipped.append((path, f"the {option} of this run"))
    found.files = kept


def _holds_association(path: str) -> bool:
    from .engine import Engine
    from .source import SourceError, SourceFile

    try:
        source = SourceFile.read(path)
    except SourceError:
        return False
    _, associations, _ = Engine().lint_source(source)
    return associations > 0


def _same_existing_file(path: str, other: str) -> bool:
    # samefile compares the files themselves, so symbolic links, hard links and different
    # spellings of one path all match.
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def _same_file(path: str, other: str) -> bool:
    """Tell whether two paths name one file, which need not exist yet."""
    if os.path.exists(path) and os.path.exists(other):
        return _same_existing_file(path, other)
    return os.path.normcase(os.path.realpath(path)) == os.path.normcase(os.path.realpath(other))


@main.command("rules")
def list_rules() -> None:
    """List every rule: ID, default level, name and summary."""
    from .registry import all_rules

    _require_stdout()
    try:
        rules = all_rules()
    except Exception as error:
        _error(str(error))
        sys.exit(EXIT_ERROR)
    _print("".join(f"{rule.id}  {rule.level:<7}  {rule.name}: {rule.summary}\n" for rule in rules))


@main.command("rule")
@click.argument("rule_id")
def show_rule(rule_id: str) -> None:
    """Print the documentation of one rule, by ID (CRML201) or name."""
    from .registry import all_rules, find_rule

    _require_stdout()
    rule = find_rule(rule_id, all_rules())
    if rule is None:
        _error(f"unknown rule {rule_id!r}; `crml-lint rules` lists the rules")
        sys.exit(EXIT_ERROR)
    from .rules_reference import rule_page

    _print(rule_page(rule) + "\n")


@main.command("schema")
def show_schema() -> None:
    """Print the JSON Schema of an association request, for editors: `crml-lint schema > FILE`."""
    import pkgutil

    _require_stdout()
    # pkgutil reads the schema shipped in the package without importing jsonschema.
    data = pkgutil.get_data("crml_lint.schemas", "association.schema.json")
    if data is None:
        _error("schema association.schema.json is missing from the crml_lint.schemas package; reinstall crml-lint")
        sys.exit(EXIT_ERROR)
    _print(data if data.endswith(b"\n") else data + b"\n")


def _rules(rules_dirs) -> Optional[list]:
    """The built-in and plugin rules plus those of --rules-dir, or None to let the engine load the registry's."""
    if not rules_dirs:
        return None
    from .registry import _sorted_unique, all_rules, folder_rules

    local = [rule for folder in rules_dirs for rule in folder_rules(folder)]
    return _sorted_unique(all_rules() + local)


def _resolver(select, ignore, extend_select, severity, fail_on, config_file, stdin_filename, rules):
    from .config import Overrides, SettingsResolver
    from .registry import all_rules

    overrides = {}
    for item in _split(severity):
        rule_id, _, level = item.partition("=")
        if level.lower() not in LEVELS or not rule_id:
            raise _Failure(f"--severity {item!r} is invalid; write ID=LEVEL with LEVEL one of {', '.join(LEVELS)}")
        overrides[rule_id.strip().upper()] = level.lower()

    chosen = Overrides(
        select=tuple(_split(select)) or None,
        ignore=tuple(_split(ignore)),
        extend_select=tuple(_split(extend_select)),
        severity=overrides,
        fail_on=fail_on,
    )
    known_rules = (lambda: rules) if rules is not None else all_rules
    if select or ignore or extend_select or overrides:
        _check_selectors(chosen, known_rules())
    return SettingsResolver(chosen, config_file, known_rules, stdin_filename)


def _check_selectors(settings, rules) -> None:
    # A mistyped selector would silently turn rules off (or on), so that a CI gate passes
    # that should not; it is a usage error instead.
    rule_ids = [rule.id for rule in rules]
    for option, selectors in (("--select", settings.select or ()), ("--ignore", settings.ignore), ("--extend-select", settings.extend_select)):
        for selector in selectors:
            if not any(rule_id.startswith(selector) for rule_id in rule_ids):
                raise _Failure(f"{option} {selector}: no rule ID starts with it; `crml-lint rules` lists the rules")
    for rule_id in settings.severity:
        if rule_id not in rule_ids:
            raise _Failure(f"--severity {rule_id}: unknown rule ID; `crml-lint rules` lists the rules")


def _split(values) -> list[str]:
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def _is_reported(error: Exception) -> bool:
    from .engine import InternalError
    from .rule import RuleDefinitionError

    return isinstance(error, (InternalError, RuleDefinitionError))


def _print(text) -> None:
    """Write text or bytes to stdout: a reader that went away is no error, a failed write is one line and exit 2."""
    try:
        click.echo(text, nl=False)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard(sys.stdout)
    except OSError as error:
        _discard(sys.stdout)
        _error(f"cannot write to standard output: {error.strerror or error}")
        sys.exit(EXIT_ERROR)


def _require_stdout() -> None:
    # Python sets sys.stdout to None when the process starts with it closed (`>&-`).
    if sys.stdout is None:
        _error("cannot write to standard output: it is closed")
        sys.exit(EXIT_ERROR)


def _error(message: str) -> None:
    # Messages quote paths and values from the input, which may hold escape sequences.
    from .reporters.text import escape_unsafe

    _tell(f"crml-lint: error: {escape_unsafe(message)}")


def _note(message: str) -> None:
    from .reporters.text import escape_unsafe

    _tell(f"crml-lint: note: {escape_unsafe(message)}")


def _tell(message: str, newline: bool = True) -> None:
    """Write a message for the user to stderr; a reader that went away (`2>&1 | head`) loses it."""
    try:
        click.echo(message, err=True, nl=newline)
        if sys.stderr is not None:
            sys.stderr.flush()
    except OSError:
        _discard(sys.stderr)
