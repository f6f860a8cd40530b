"""Suppressions: findings a user silenced knowingly, and suppressions that silence nothing.

A suppression names rules by ID or by prefix (`CRML207`, `CRML2`) and may give a reason
after ` -- `. It takes one of these forms:

- A YAML comment at the end of the finding's line, `# crml-lint: disable=CRML207 -- reason`,
  suppresses the named rules' findings that start on that line.
- A YAML comment `# crml-lint: disable-next-line=CRML207,CRML208 -- reason` suppresses
  the findings that start on the line after the comment.
- A YAML comment `# crml-lint: disable-file=CRML2 -- reason`, on any line, suppresses the
  named rules' findings in the whole file, every YAML document of it included.
- In a CloudFormation template, JSON or YAML, a resource's Metadata entry

      Metadata:
        crml-lint:
          ignore:
            - id: CRML207
              reason: The model writes no personal data to its logs.
            - CRML408

  suppresses the named rules' findings of that resource.

JSON has no comments, so a JSON request is silenced by the configuration's per-file
ignores; the engine marks those findings with an `external` suppression itself.

Only real YAML comments count. The comments are found by running PyYAML's scanner over
the text: whatever the scanner skips between two tokens is white space, line breaks and
comments, so a `#` inside a quoted or block string is never taken for a comment. The scan
runs only on files that contain `crml-lint`, and it stops at the first syntax error, so
comments after that point are not read.

A suppression that matches no finding is reported under UNUSED_SUPPRESSION at the comment
or Metadata entry, and so is one this module cannot read. Rules that the run does not
select leave no findings, so a suppression of such a rule is not reported as unused.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from .document import MappingNode, Node, ScalarNode, SequenceNode, Span, format_path
from .finding import Finding, Problem, Suppression
from .loading import LoadResult
from .source import SourceFile

UNUSED_SUPPRESSION = "CRML004"

MARKER = "crml-lint"
"""Text that every suppression contains; files without it are not scanned for suppressions."""

METADATA_KEY = "crml-lint"
IGNORE_KEY = "ignore"

LINE_FORMS = ("disable", "disable-next-line")
FILE_FORM = "disable-file"
METADATA_FORM = "metadata"

_DIRECTIVE = re.compile(r"crml-lint:(?P<body>.*)\Z", re.DOTALL)
_FORM_AND_SELECTORS = re.compile(
    r"\s*(?P<form>[A-Za-z-]+)\s*=\s*(?P<selectors>[^\s,]+(?:\s*,\s*[^\s,]+)*)\s*\Z"
)
_SELECTOR = re.compile(r"[A-Z][A-Z0-9]*\Z")
_REASON_SEPARATOR = " -- "


class Directive:
    """A suppression as the user wrote it: one comment, or one entry of a resource's Metadata.

    `span` is where it is written. `line` is the line whose findings a line form
    suppresses. `resource` is the logical ID whose findings a Metadata entry suppresses.
    A file form has neither. `used` collects the selectors that matched a finding.
    """

    def __init__(
        self,
        form: str,
        selectors: tuple[str, ...],
        reason: str,
        span: Span,
        line: Optional[int] = None,
        resource: Optional[str] = None,
    ):
        self.form = form
        self.selectors = selectors
        self.reason = reason
        self.span = span
        self.line = line
        self.resource = resource
        self.used: set[str] = set()

    def matching_selector(self, finding: Finding) -> Optional[str]:
        """Return the selector that suppresses `finding` here, or None when none does."""
        if self.line is not None and finding.span.start_line != self.line:
            return None
        if self.resource is not None and finding.resource != self.resource:
            return None
        for selector in self.selectors:
            if finding.rule_id.startswith(selector):
                return selector
        return None

    def suppression(self) -> Suppression:
        return Suppression(kind="inSource", justification=self.reason, span=self.span)


def find_directives(source: SourceFile, loaded: LoadResult, syntax: str) -> tuple[list[Directive], list[tuple[Problem, Optional[str]]]]:
    """Read every suppression of a file: its comments (YAML only) and its resources' Metadata entries.

    Return the directives and one UNUSED_SUPPRESSION problem, paired with its resource,
    for each suppression that cannot be read.
    """
    directives: list[Directive] = []
    problems: list[tuple[Problem, Optional[str]]] = []
    if MARKER not in source.text:
        return directives, problems

    if syntax == "yaml":
        for offset, comment in yaml_comments(source.text):
            directive, problem = _comment_directive(source, offset, comment)
            if directive is not None:
                directives.append(directive)
            if problem is not None:
                problems.append((problem, None))

    for document in loaded.documents:
        for logical_id, entries in _metadata_entries(document.root):
            for entry in entries:
                directive, problem = _metadata_directive(logical_id, entry)
                if directive is not None:
                    directives.append(directive)
                if problem is not None:
                    problems.append((problem, logical_id))
    return directives, problems


def suppress(findings: Iterable[Finding], directives: list[Directive]) -> list[Finding]:
    """Mark each finding that a directive covers, and record in the directive that it was used.

    A finding that is already suppressed (by a per-file ignore) keeps that suppression, but
    the directive still counts as used, because it does match the finding.
    """
    marked = []
    for finding in findings:
        for directive in directives:
            selector = directive.matching_selector(finding)
            if selector is None:
                continue
            directive.used.add(selector)
            if finding.suppression is None:
                finding = finding._replace(suppression=directive.suppression())
        marked.append(finding)
    return marked


def unused_problems(
    directives: list[Directive], known_rule_ids: Iterable[str], enabled_rule_ids: Iterable[str]
) -> list[tuple[Problem, Optional[str]]]:
    """Report each selector of each directive that suppressed nothing, paired with the directive's resource.

    A selector is not reported when the rules it names did not run, since they could not
    report anything to suppress, nor when it names UNUSED_SUPPRESSION itself, because
    unused suppressions are found only after this check.
    """
    known = list(known_rule_ids)
    enabled = list(enabled_rule_ids)
    problems = []
    for directive in directives:
        for selector in directive.selectors:
            if selector in directive.used or UNUSED_SUPPRESSION.startswith(selector):
                continue
            if not any(rule_id.startswith(selector) for rule_id in known):
                message = f"the suppression names {selector}, but no rule ID starts with it. `crml-lint rules` lists the rules."
            elif any(rule_id.startswith(selector) for rule_id in enabled):
                message = f"the suppression of {selector} suppresses nothing {_scope(directive)}. Remove {selector} from it."
            else:
                continue
            problem = Problem(message=message, span=directive.span, rule_id=UNUSED_SUPPRESSION, identity=selector)
            problems.append((problem, directive.resource))
    return problems


def yaml_comments(text: str) -> list[tuple[int, str]]:
    """Return each YAML comment of `text` as (offset of its `#`, text after the `#`), in file order."""
    from yaml.error import YAMLError

    scanner = _comment_scanner_class()(text)
    try:
        while scanner.check_token():
            scanner.get_token()
    except YAMLError:
        # Comments up to the syntax error are kept; the loader reports the error itself.
        pass
    return scanner.comments


def _comment_directive(source: SourceFile, offset: int, comment: str) -> tuple[Optional[Directive], Optional[Problem]]:
    match = _DIRECTIVE.match(comment.strip())
    if match is None:
        # A comment that only mentions crml-lint is no directive.
        return None, None

    body, _, reason = match.group("body").partition(_REASON_SEPARATOR)
    span = source.span(offset, offset + 1 + len(comment.rstrip()))
    parts = _FORM_AND_SELECTORS.match(body)
    form = parts.group("form").lower() if parts else ""
    if parts is None or form not in (*LINE_FORMS, FILE_FORM):
        message = (
            "the comment is not a valid suppression. Write `# crml-lint: disable=CRML207 -- reason`."
            " The forms are disable, disable-next-line and disable-file."
        )
        return None, Problem(message=message, span=span, rule_id=UNUSED_SUPPRESSION)

    selectors = tuple(part.strip().upper() for part in parts.group("selectors").split(","))
    invalid = [selector for selector in selectors if not _SELECTOR.match(selector)]
    if invalid:
        message = f"the suppression names {invalid[0]!r}, which is not a valid rule ID or prefix. Write IDs such as CRML207 or prefixes such as CRML2, separated by commas."
        return None, Problem(message=message, span=span, rule_id=UNUSED_SUPPRESSION)

    line: Optional[int] = span.start_line
    if form == "disable-next-line":
        line = span.start_line + 1
    elif form == FILE_FORM:
        line = None
    return Directive(form=form, selectors=selectors, reason=reason.strip(), span=span, line=line), None


def _metadata_entries(root: Optional[Node]) -> Iterable[tuple[str, list[Node]]]:
    """Yield (logical ID, its `ignore` entries) for each association resource with a crml-lint Metadata entry."""
    from .formats.cloudformation import RESOURCE_TYPE

    resources = root.get("Resources") if isinstance(root, MappingNode) else None
    if not isinstance(resources, MappingNode):
        return
    for logical_id, resource in resources.items():
        if not isinstance(resource, MappingNode):
            continue
        resource_type = resource.get("Type")
        if not isinstance(resource_type, ScalarNode) or resource_type.value != RESOURCE_TYPE:
            continue
        metadata = resource.get("Metadata")
        settings = metadata.get(METADATA_KEY) if isinstance(metadata, MappingNode) else None
        if settings is None:
            continue
        yield str(logical_id), _ignore_entries(settings)


def _ignore_entries(settings: Node) -> list[Node]:
    # A malformed `crml-lint` entry is returned as one entry, so that it is reported where it is.
    if not isinstance(settings, MappingNode):
        return [settings]
    unknown = [settings.keys[name] for name, _ in settings.items() if name != IGNORE_KEY]
    entries = settings.get(IGNORE_KEY)
    if isinstance(entries, SequenceNode):
        return [*unknown, *entries]
    return [*unknown, *([entries] if entries is not None else [])]


def _metadata_directive(logical_id: str, entry: Node) -> tuple[Optional[Directive], Optional[Problem]]:
    rule_node: Optional[Node] = entry
    reason = ""
    if isinstance(entry, MappingNode):
        rule_node = entry.get("id")
        reason_node = entry.get("reason")
        if isinstance(reason_node, ScalarNode) and reason_node.value is not None:
            reason = str(reason_node.value).strip()
        extra = [name for name, _ in entry.items() if name not in ("id", "reason")]
        if extra:
            rule_node = None

    selector = rule_node.value.strip().upper() if isinstance(rule_node, ScalarNode) and isinstance(rule_node.value, str) else ""
    if not _SELECTOR.match(selector):
        message = (
            f"the Metadata entry at {format_path(entry.user_path) or 'crml-lint'} is not a valid suppression."
            f" Write `Metadata: {{crml-lint: {{ignore: [{{id: CRML207, reason: ...}}]}}}}`."
            " Each ignore entry is a rule ID or prefix, or a mapping with `id` and an optional `reason`."
        )
        return None, Problem(message=message, span=entry.key_or_value_span, rule_id=UNUSED_SUPPRESSION)

    directive = Directive(form=METADATA_FORM, selectors=(selector,), reason=reason, span=entry.span, resource=logical_id)
    return directive, None


def _scope(directive: Directive) -> str:
    if directive.resource is not None:
        return f"in resource {directive.resource}"
    if directive.line is None:
        return "in this file"
    return f"on line {directive.line}"


@lru_cache(maxsize=None)
def _comment_scanner_class() -> type:
    # The class is built on first use, so that importing this module does not import PyYAML.
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class CommentScanner(Reader, Scanner):
        """PyYAML's scanner, recording the comments in the text that it skips between tokens."""

        def __init__(self, text: str):
            Reader.__init__(self, text)
            Scanner.__init__(self)
            self.comments: list[tuple[int, str]] = []

        def scan_to_next_token(self):
            start = self.index
            super().scan_to_next_token()
            self._record_comments(start)

        def scan_block_scalar_ignored_line(self, start_mark):
            start = self.index
            super().scan_block_scalar_ignored_line(start_mark)
            self._record_comments(start)

        def scan_directive_ignored_line(self, start_mark):
            start = self.index
            super().scan_directive_ignored_line(start_mark)
            self._record_comments(start)

        def _record_comments(self, start: int) -> None:
            # The skipped text holds only spaces, line breaks and comments, so on each of
            # its lines the first `#` after the spaces starts a comment.
            skipped = self.buffer[start:self.index]
            line_offset = start
            for line in skipped.split("\n"):
                stripped = line.lstrip(" \t")
                if stripped.startswith("#"):
                    hash_offset = line_offset + len(line) - len(stripped)
                    self.comments.append((hash_offset, stripped[1:]))
                line_offset += len(line) + 1

    return CommentScanner
