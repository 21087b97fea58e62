"""Linter output formats: text, JSON, SARIF 2.1.0 and reviewdog's rdjson.

Each renderer takes located diagnostics (and, for SARIF, the rules) and
returns the whole output as one string; none of them analyses anything.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import PurePath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from krquality.links import PROJECT_URL, check_help_uri
from krquality.lintformat.diagnostics import FINGERPRINT_KEY, Diagnostic, Region, Replacement, Rule
from krquality.result import Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "krquality"
TOOL_URI = PROJECT_URL

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_RDJSON_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


class LintFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    RDJSON = "rdjson"


def render(
    fmt: LintFormat,
    diagnostics: Sequence[Diagnostic],
    *,
    rules: Sequence[Rule],
    version: str = "",
    notes: Sequence[tuple[str, str]] = (),
) -> str:
    """Render ``diagnostics`` in ``fmt``; ``notes`` are (path, message) pairs about files that were
    skipped (text and SARIF show them; the JSON formats hold diagnostics only).

    >>> render(LintFormat.TEXT, [], rules=())
    'No problems found.\\n'
    """
    if fmt is LintFormat.TEXT:
        text = render_text(diagnostics)
        return "".join(f"{path}: note: {message}\n" for path, message in notes) + text
    if fmt is LintFormat.JSON:
        return render_json(diagnostics)
    if fmt is LintFormat.SARIF:
        return render_sarif(diagnostics, rules=rules, version=version, notes=notes)
    return render_rdjson(diagnostics)


def render_text(diagnostics: Sequence[Diagnostic]) -> str:
    """One ``path:line:col: severity CODE message`` line per diagnostic, rewrites indented below
    (once per key result), and a summary.

    >>> from krquality.lintformat.diagnostics import Region
    >>> d = Diagnostic("okrs.md", Region(3, 7, 3, 12, 7, 12), "KRQ101", "metric.no_baseline",
    ...     Severity.WARNING, "No baseline.", "Delight", "Raise NPS to 48", "f")
    >>> print(render_text([d]), end="")
    okrs.md:3:7: warning KRQ101 No baseline.
    Found 1 problem (0 errors, 1 warning, 0 info).
    """
    lines = []
    shown: set[tuple[str, int, str]] = set()
    for d in diagnostics:
        where = f"{d.path}:{d.region.start_line}:{d.region.start_column}"
        lines.append(f"{where}: {d.severity.value} {d.code} {d.message}")
        for r in d.replacements:
            # A rewrite often fixes several findings of one key result: print it once.
            key = (d.path, r.region.start_line, r.text)
            if key not in shown:
                shown.add(key)
                # a split's parts, one per line, under one another
                lines.append("    suggestion: " + r.text.replace("\n", "\n" + " " * 16))
    if not diagnostics:
        return "No problems found.\n"
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    n = len(diagnostics)
    lines.append(
        f"Found {n} problem{'s' if n != 1 else ''} ({counts[Severity.ERROR]} error"
        f"{'s' if counts[Severity.ERROR] != 1 else ''}, {counts[Severity.WARNING]} warning"
        f"{'s' if counts[Severity.WARNING] != 1 else ''}, {counts[Severity.INFO]} info)."
    )
    return "\n".join(lines) + "\n"


def _diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.region.start_line,
        "column": d.region.start_column,
        "end_line": d.region.end_line,
        "end_column": d.region.end_column,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "objective": d.objective,
        "key_result": d.key_result,
        "fingerprint": d.fingerprint,
        "suggestions": [r.text for r in d.replacements],
    }


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    """A JSON list with one object per diagnostic."""
    return json.dumps([_diagnostic_json(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


def artifact_uri(path: str) -> str:
    """A SARIF ``artifactLocation.uri``: relative paths stay relative, with ``/`` separators.

    >>> artifact_uri("okrs/team a.md")
    'okrs/team%20a.md'
    >>> artifact_uri("/srv/okrs.md")
    'file:///srv/okrs.md'
    """
    pure: PurePath = PureWindowsPath(path) if "\\" in path else PurePath(path)
    posix = pure.as_posix()
    if pure.is_absolute():
        return "file://" + ("" if posix.startswith("/") else "/") + quote(posix)
    return quote(posix)


def _sarif_region(region: Region) -> dict[str, int]:
    return {
        "startLine": region.start_line,
        "startColumn": region.start_column,
        "endLine": region.end_line,
        "endColumn": region.end_column,
    }


def _sarif_replacement(replacement: Replacement) -> dict[str, Any]:
    return {
        "deletedRegion": _sarif_region(replacement.region),
        "insertedContent": {"text": replacement.text},
    }


def render_sarif(
    diagnostics: Sequence[Diagnostic],
    *,
    rules: Sequence[Rule],
    version: str = "",
    notes: Sequence[tuple[str, str]] = (),
) -> str:
    """A SARIF 2.1.0 log with one run: the rules from the registry, one result per diagnostic.

    The run's invocation lists a tool execution notification per file that
    could not be read (level error, also an error result) or was skipped
    (``notes``, level note).

    Columns are Unicode code points (``columnKind``); ``partialFingerprints``
    hash the code, the normalised key result and the objective, so a result
    keeps its identity when lines move.
    """
    codes = [r.code for r in rules]
    known = set(codes)
    extra = sorted({d.code for d in diagnostics} - known)
    index = {code: i for i, code in enumerate([*codes, *extra])}
    sarif_rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.message},
            "fullDescription": {"text": r.docs},
            "helpUri": check_help_uri(r.code, r.name),
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
            "properties": {"tags": [r.name.split(".")[0]]},
        }
        for r in rules
    ] + [{"id": code} for code in extra]
    results = []
    for d in diagnostics:
        uri = artifact_uri(d.path)
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": _sarif_region(d.region),
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: d.fingerprint},
        }
        if d.replacements:
            result["fixes"] = [
                {
                    "description": {"text": f"Rewrite as: {r.text}"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": uri},
                            "replacements": [_sarif_replacement(r)],
                        }
                    ],
                }
                for r in d.replacements
            ]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "informationUri": TOOL_URI,
                        **({"version": version} if version else {}),
                        "rules": sarif_rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [_sarif_invocation(diagnostics, notes)],
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_invocation(diagnostics: Sequence[Diagnostic], notes: Sequence[tuple[str, str]]) -> dict[str, Any]:
    from krquality.okrfile.notes import UNREADABLE_CODE

    notifications = [
        {
            "level": "error",
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(d.path)}}}],
            "descriptor": {"id": UNREADABLE_CODE},
        }
        for d in diagnostics
        if d.code == UNREADABLE_CODE
    ] + [
        {
            "level": "note",
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}],
        }
        for path, message in notes
    ]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _rdjson_range(region: Region) -> dict[str, dict[str, int]]:
    # reviewdog counts columns in UTF-8 bytes.
    return {
        "start": {"line": region.start_line, "column": region.start_byte_column},
        "end": {"line": region.end_line, "column": region.end_byte_column},
    }


def render_rdjson(diagnostics: Sequence[Diagnostic]) -> str:
    """A reviewdog ``DiagnosticResult`` (rdjson): columns in UTF-8 bytes, suggestions as replacements."""
    out = []
    for d in diagnostics:
        item: dict[str, Any] = {
            "message": d.message,
            "location": {"path": d.path, "range": _rdjson_range(d.region)},
            "severity": _RDJSON_SEVERITY[d.severity],
            "source": {"name": TOOL_NAME, "url": TOOL_URI},
            "code": {"value": d.code},
        }
        if d.replacements:
            item["suggestions"] = [{"range": _rdjson_range(r.region), "text": r.text} for r in d.replacements]
        out.append(item)
    worst = "INFO"
    for severity in (Severity.WARNING, Severity.ERROR):
        if any(d.severity is severity for d in diagnostics):
            worst = _RDJSON_SEVERITY[severity]
    result = {"source": {"name": TOOL_NAME, "url": TOOL_URI}, "severity": worst, "diagnostics": out}
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
