"""The JUnit report: JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure).

The report has the shape that ruff writes and that strict JUnit readers accept:

    <testsuites name="crml-lint" tests="4" failures="2" errors="1">
      <testsuite name="bad.json" tests="2" failures="2" errors="0" skipped="0">
        <testcase name="CRML201 custom-redaction-without-identifiers at 12:9" classname="bad.json" file="bad.json" line="12">
          <failure message="..." type="CRML201">bad.json:12:9: ...</failure>
        </testcase>
        ...
      </testsuite>
      <testsuite name="good.yaml" tests="1" failures="0" errors="0" skipped="0">
        <testcase name="crml-lint" classname="good.yaml" file="good.yaml" />
      </testsuite>
      <testsuite name="crml-lint" tests="1" failures="0" errors="1" skipped="0">
        <testcase name="nope.json: no such file or folder" classname="crml-lint">
          <error message="nope.json: no such file or folder">nope.json: no such file or folder</error>
        </testcase>
      </testsuite>
    </testsuites>

Each file gets one test suite. Every finding, whatever its level, is a test case with one
failure, named by its rule and its line and column, so that two findings of one rule in
one file have different names. A checked file without findings gets one passing test
case, so the reader shows it as checked. Files skipped because they hold no association
are not listed. Suppressed findings and, with `--baseline`, findings that the baseline
already contains do not fail the run, so they are not listed either.

When the run could not do its job (exit status 2), a last suite named `crml-lint` contains
one test case per problem, each with an `error` element: a path that does not exist, a
file that cannot be read, a rule that failed. A reader then shows the run as failed although
every file's cases may pass. When a run lists no file and has no such problem, one suite
named `crml-lint` contains one passing case, since some readers reject a report without test
cases. The `tests`, `failures` and `errors` counts of each suite and of the whole report
match the elements they count.

Lines and columns in the failure text start at 1 and count Unicode code points, as in the
text report. Characters that XML 1.0 cannot carry (most control characters and lone
surrogates) are written as escapes such as `\\x1b`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from . import is_accepted

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from ..finding import Finding
    from ..result import LintResult

TOOL_NAME = "crml-lint"

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def write(result: "LintResult", stream: TextIO, *, color: bool = False, quiet: bool = False) -> None:
    """Write the report as an XML document. `color` and `quiet` do not apply to it."""
    from xml.etree import ElementTree

    root = build_report(result)
    ElementTree.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    # ASCII output with character references keeps the document valid whatever the
    # encoding of the stream it is written to.
    stream.write(ElementTree.tostring(root, encoding="us-ascii", xml_declaration=False).decode("ascii"))
    stream.write("\n")


def build_report(result: "LintResult") -> "Element":
    """Build the `testsuites` element that `write` serialises."""
    from xml.etree.ElementTree import Element, SubElement

    findings_by_path = _findings_by_path(result)
    problems = [f"{path}: no such file or folder" for path in result.missing_paths] + list(result.errors)
    testsuites = Element("testsuites", name=TOOL_NAME)
    if not findings_by_path and not problems:
        suite = SubElement(testsuites, "testsuite", name=TOOL_NAME, tests="1", failures="0", errors="0", skipped="0")
        SubElement(suite, "testcase", name="no files checked", classname=TOOL_NAME)

    total_tests = 0
    total_failures = 0
    for path, findings in findings_by_path.items():
        name = _xml_text(path)
        suite = SubElement(testsuites, "testsuite", name=name)
        for finding in findings:
            _add_failing_case(suite, finding, name)
        if not findings:
            SubElement(suite, "testcase", name=TOOL_NAME, classname=name, file=name)

        tests = max(len(findings), 1)
        suite.set("tests", str(tests))
        suite.set("failures", str(len(findings)))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += tests
        total_failures += len(findings)

    if problems:
        _add_error_suite(testsuites, problems)
        total_tests += len(problems)

    testsuites.set("tests", str(max(total_tests, 1)))
    testsuites.set("failures", str(total_failures))
    testsuites.set("errors", str(len(problems)))
    return testsuites


def _findings_by_path(result: "LintResult") -> "dict[str, list[Finding]]":
    # Files keep the run's order: checked files first, then any file that only findings name.
    skipped = {path for path, _reason in result.skipped}
    groups: dict[str, list[Finding]] = {}
    for path in result.checked_paths:
        if path not in skipped:
            groups.setdefault(path, [])
    for finding in result.findings:
        # An accepted finding does not fail the run, so it is no failing test case either.
        if not is_accepted(finding):
            groups.setdefault(finding.path, []).append(finding)
    return groups


def _add_failing_case(suite: "Element", finding: "Finding", path: str) -> None:
    from xml.etree.ElementTree import SubElement

    span = finding.span
    name = f"{finding.rule_id} {finding.rule_name}".strip() + f" at {span.start_line}:{span.start_column}"
    case = SubElement(suite, "testcase", name=_xml_text(name), classname=path, file=path, line=str(span.start_line))

    message = finding.message
    if finding.resource:
        message = f"[{finding.resource}] {message}"
    failure = SubElement(case, "failure", message=_xml_text(message), type=_xml_text(finding.rule_id))
    failure.text = _xml_text(f"{finding.path}:{span.start_line}:{span.start_column}: {message}")


def _add_error_suite(testsuites: "Element", problems: list[str]) -> None:
    from xml.etree.ElementTree import SubElement

    suite = SubElement(testsuites, "testsuite", name=TOOL_NAME, tests=str(len(problems)), failures="0",
                       errors=str(len(problems)), skipped="0")
    for problem in problems:
        text = _xml_text(problem)
        case = SubElement(suite, "testcase", name=text, classname=TOOL_NAME)
        error = SubElement(case, "error", message=text)
        error.text = text


def _xml_text(text: str) -> str:
    return _NOT_IN_XML.sub(_escape_character, text)


def _escape_character(match: "re.Match[str]") -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
