"""From an analysed OKR file to located diagnostics, the input of every output format.

A :class:`Diagnostic` is one finding placed in a file: its region (line
and column, 1-based, in characters and in UTF-8 bytes), the objective and
key result it is about, a stable fingerprint, and the rewrites that fix it
as replacements of the key result's text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from krquality.checks.filelevel import list_file_checks
from krquality.config import Config
from krquality.okrfile import OKRDocument, apply_suppressions
from krquality.okrfile.types import Position
from krquality.result import Finding, OKRSetResult, Severity
from krquality.suggest.layout import continued_lines

FINGERPRINT_KEY = "krquality/v1"


@dataclass(frozen=True, slots=True)
class Region:
    """A span of a file; columns count characters, ``*_byte_column`` UTF-8 bytes (both 1-based)."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int
    start_byte_column: int
    end_byte_column: int


@dataclass(frozen=True, slots=True)
class Replacement:
    """Replace ``region`` of the file by ``text`` (a suggested rewrite of a key result)."""

    region: Region
    text: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, located in a file."""

    path: str
    region: Region
    code: str
    name: str
    severity: Severity
    message: str
    objective: str  # the objective's title ("" for findings on the whole file or set)
    key_result: str | None  # the key result's text, None for objective, set and file findings
    fingerprint: str
    replacements: tuple[Replacement, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """What the output formats say about a check (SARIF ``rules``)."""

    code: str
    name: str
    severity: Severity
    message: str
    docs: str


def rules() -> tuple[Rule, ...]:
    """Every check of the registry, plus the file-level suppression check, in code order.

    >>> [r.code for r in rules()][-1]
    'KRQ903'
    """
    from krquality.checks import list_checks

    out = [Rule(c.code, c.name, c.severity, c.message, c.docs) for c in list_checks()]
    out += [Rule(c.code, c.name, c.severity, c.message, c.docs) for c in list_file_checks()]
    return tuple(sorted(out, key=lambda r: r.code))


def normalise(text: str) -> str:
    """Case-folded, whitespace-collapsed text, so fingerprints survive re-wrapping.

    >>> normalise("  Raise  NPS\\n to 48 ")
    'raise nps to 48'
    """
    return " ".join(text.casefold().split())


def fingerprint(code: str, key_result: str | None, objective: str) -> str:
    """A stable id of a finding: its code, key result and objective, never its line.

    >>> a = fingerprint("KRQ101", "Raise NPS to 48", "Delight")
    >>> a == fingerprint("KRQ101", "raise  NPS to 48", "delight")
    True
    """
    payload = "\x1f".join((code, normalise(key_result or ""), normalise(objective)))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def _region(document: OKRDocument, start: Position, end: Position) -> Region:
    if (end.line, end.column) < (start.line, start.column):
        end = start
    return Region(
        start_line=start.line,
        start_column=start.column,
        end_line=end.line,
        end_column=end.column,
        start_byte_column=_byte_column(document.text, start),
        end_byte_column=_byte_column(document.text, end),
    )


def _byte_column(text: str, position: Position) -> int:
    line_start = position.offset - (position.column - 1)
    return len(text[line_start : position.offset].encode("utf-8")) + 1


def _title_position(document: OKRDocument, objective: int, char: int) -> Position:
    source = document.sources[objective]
    title = document.objectives[objective].title
    verbatim = document.text[source.start.offset : source.start.offset + len(title)] == title
    if verbatim and 0 <= char <= len(title):
        return document.position_at(source.start.offset + char)
    return source.start


def collect_diagnostics(
    document: OKRDocument, result: OKRSetResult, *, config: Config | None = None
) -> list[Diagnostic]:
    """Locate every finding of ``result`` (the analysis of ``document``), suppressions applied.

    Key-result findings map through the key result's position, objective
    findings through the title's, set findings to the file's first line;
    file-level findings (``KRQ900``) keep their own positions, and follow
    ``config``'s ``disable`` and ``severity`` like any check. Sorted by
    line, column and code.
    """
    out = list(_key_result_diagnostics(document, result))
    for i, objective_result in enumerate(result.objectives):
        title = objective_result.objective.title
        for finding in objective_result.findings:
            start = _title_position(document, i, finding.start)
            region = _region(document, start, _title_position(document, i, finding.end))
            out.append(_diagnostic(document.path, region, finding, title, None))
    first = document.position_at(0)
    for finding in result.findings:
        out.append(_diagnostic(document.path, _region(document, first, first), finding, "", None))
    for file_finding in document.findings:
        f = _configured(file_finding.finding, config or Config())
        if f is None:
            continue
        region = _region(document, file_finding.position, document.position_at(f.end))
        line = document.text[f.start : f.end]
        out.append(_diagnostic(document.path, region, f, "", line))
    out.sort(key=lambda d: (d.region.start_line, d.region.start_column, d.code))
    return out


def _key_result_diagnostics(document: OKRDocument, result: OKRSetResult) -> Iterator[Diagnostic]:
    for i, objective_result in enumerate(result.objectives):
        title = objective_result.objective.title
        for j, kr_result in enumerate(objective_result.results):
            source = document.sources[i].key_results[j]
            kr_result = apply_suppressions(kr_result, source.suppressions)
            whole = _region(document, source.start, document.locate_end(i, j, len(source.text)))
            for finding in kr_result.findings:
                region = _region(
                    document, document.locate(i, j, finding.start), document.locate_end(i, j, finding.end)
                )
                replacements = tuple(
                    Replacement(whole, continued_lines(s.text, document.text, source.start.offset))
                    for s in kr_result.suggestions
                    if finding.code in s.fixes and source.verbatim
                )
                yield _diagnostic(document.path, region, finding, title, source.text, replacements)


def _diagnostic(
    path: str,
    region: Region,
    finding: Finding,
    objective: str,
    key_result: str | None,
    replacements: Sequence[Replacement] = (),
) -> Diagnostic:
    return Diagnostic(
        path=path,
        region=region,
        code=finding.code,
        name=finding.name,
        severity=finding.severity,
        message=finding.message,
        objective=objective,
        key_result=key_result,
        fingerprint=fingerprint(finding.code, key_result, objective),
        replacements=tuple(replacements),
    )


def _configured(finding: Finding, config: Config) -> Finding | None:
    """A file-level finding under ``config``: None when disabled, else at its configured severity."""
    keys = {finding.code.lower(), finding.name, finding.name.split(".")[0], finding.name.split(".")[0] + "."}
    keys |= {c.alias for c in list_file_checks() if c.code == finding.code}
    named = {p.strip().lower() for p in config.disable}
    enabled = {p.strip().lower() for p in config.enable}
    if (named & keys and not enabled & keys) or ("*" in named and not enabled & keys):
        return None
    for key in (finding.code, finding.name):
        for pattern, severity in config.severity.items():
            if pattern.strip().lower() == key.lower():
                return replace(finding, severity=severity)
    return finding


def has_errors(diagnostics: Sequence[Diagnostic]) -> bool:
    """True when any diagnostic has error severity."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def fails(diagnostics: Sequence[Diagnostic], threshold: Severity | None) -> bool:
    """True when a diagnostic is at ``threshold`` or worse (None: never).

    >>> fails([], Severity.INFO)
    False
    """
    if threshold is None:
        return False
    return any(_RANK[d.severity] >= _RANK[threshold] for d in diagnostics)


def unreadable_diagnostic(
    path: str, message: str, *, line: int | None = None, column: int | None = None
) -> Diagnostic:
    """An error diagnostic for a file that could not be read, at the line the error names."""
    from krquality.okrfile.notes import UNREADABLE_CODE, UNREADABLE_NAME

    start_line, start_column = line or 1, column or 1
    region = Region(start_line, start_column, start_line, start_column, start_column, start_column)
    return Diagnostic(
        path=path,
        region=region,
        code=UNREADABLE_CODE,
        name=UNREADABLE_NAME,
        severity=Severity.ERROR,
        message=message,
        objective="",
        key_result=None,
        fingerprint=fingerprint(UNREADABLE_CODE, path, ""),
    )
