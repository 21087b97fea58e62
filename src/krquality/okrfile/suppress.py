"""Inline suppressions: ``krquality: disable KRQ101, KRQ102 -- reason``.

A suppression comment silences the listed checks on the next key result.
The reason after ``--`` is required: a suppression without one still
applies, but is itself reported as :data:`NO_REASON_CODE`
(``suppression.no_reason``), so an unexplained silence shows in review.
This check is file-level (it needs the comment, which the analysed text
never contains), so it lives here rather than in :mod:`krquality.checks`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from krquality.okrfile.types import FileFinding, Position, Suppression
from krquality.result import Finding, Result, Severity

NO_REASON_CODE = "KRQ900"
NO_REASON_NAME = "suppression.no_reason"
NO_REASON_SEVERITY = Severity.WARNING
NO_REASON_MESSAGE = "suppression without a reason: add one after '--' (krquality: disable {codes} -- why)"
NO_REASON_DOCS = (
    "An inline `krquality: disable CODE -- reason` comment must say why the check does not apply, "
    "so a reviewer can judge the exception. The suppression still applies."
)

# The body of a comment: "krquality: disable CODE[, CODE...] [-- reason]".
_DIRECTIVE = re.compile(
    r"krquality:\s*disable\s+(?P<codes>[A-Za-z0-9_.]+(?:\s*,\s*[A-Za-z0-9_.]+)*)"
    r"\s*(?:--\s*(?P<reason>.*?))?\s*$"
)
_MARKDOWN_COMMENT = re.compile(r"^\s*<!--\s*(?P<body>krquality:.*?)\s*-->\s*$")
_YAML_COMMENT = re.compile(r"^\s*#\s*(?P<body>krquality:.*?)\s*$")


def parse_directive(body: str, position: Position) -> Suppression | None:
    """Parse a comment body; None when it is not a disable directive.

    >>> parse_directive("krquality: disable KRQ101, KRQ102 -- agreed with finance", Position(1, 1, 0)).codes
    ('KRQ101', 'KRQ102')
    >>> parse_directive("krquality: disable KRQ101", Position(1, 1, 0)).reason is None
    True
    """
    match = _DIRECTIVE.match(body)
    if match is None:
        return None
    codes = tuple(code.strip() for code in match["codes"].split(","))
    reason = (match["reason"] or "").strip() or None
    return Suppression(codes=codes, reason=reason, position=position)


def markdown_suppression(line: str, position: Position) -> Suppression | None:
    """A ``<!-- krquality: disable ... -->`` line, else None."""
    match = _MARKDOWN_COMMENT.match(line)
    return None if match is None else parse_directive(match["body"], position)


def yaml_suppression(line: str, position: Position) -> Suppression | None:
    """A ``# krquality: disable ...`` line, else None."""
    match = _YAML_COMMENT.match(line)
    return None if match is None else parse_directive(match["body"], position)


def no_reason_finding(suppression: Suppression, *, line_text: str) -> FileFinding:
    """The ``KRQ900`` finding for a suppression with no reason, spanning the comment.

    ``line_text`` is the line from the comment's first character on.
    """
    start = suppression.position.offset
    finding = Finding(
        code=NO_REASON_CODE,
        name=NO_REASON_NAME,
        severity=NO_REASON_SEVERITY,
        message=NO_REASON_MESSAGE.format(codes=", ".join(suppression.codes)),
        start=start,
        end=start + len(line_text.rstrip()),
    )
    return FileFinding(finding=finding, position=suppression.position)


def apply_suppressions(result: Result, suppressions: Sequence[Suppression]) -> Result:
    """``result`` without the findings that ``suppressions`` silence.

    The score is left as analysed: a suppression hides a finding from the
    report, it does not make the key result better.
    """
    if not suppressions:
        return result
    kept = tuple(f for f in result.findings if not any(s.covers(f) for s in suppressions))
    return result if len(kept) == len(result.findings) else replace(result, findings=kept)
