"""What the MCP tools do and return, without the MCP SDK.

Each tool is a function over the library (:func:`krquality.get_analyzer`)
that returns a pydantic model; the model's JSON schema is the tool's output
schema. Bad input raises :class:`krquality.errors.KRQualityError` with a
message for the caller, which :mod:`krquality.mcp.server` turns into a tool
error.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from krquality.errors import InvalidInputError
from krquality.result import Finding, Result

MAX_KEY_RESULTS = 200
MAX_DOCUMENT_CHARS = 200_000


class FindingOut(BaseModel):
    """A weakness a check found."""

    code: str = Field(description="Stable check code, e.g. KRQ101.")
    name: str = Field(description="Dotted check name, e.g. metric.no_baseline.")
    severity: Literal["error", "warning", "info"]
    message: str


class KeyResultOut(BaseModel):
    """What krquality says about one key result."""

    text: str
    label: Literal["metric", "milestone", "task"]
    probabilities: dict[str, float] = Field(description="Calibrated probability of each label.")
    confident: bool = Field(description="False when the model is unsure: treat the label as a guess.")
    score: int = Field(ge=0, le=100, description="Quality score, 100 is best.")
    grade: str
    findings: list[FindingOut]
    suggestions: list[str] = Field(
        description="Rewrites that fix findings; [brackets] mark values to fill in."
    )


class ClassifyOut(BaseModel):
    """The key results, in the order given."""

    results: list[KeyResultOut]


class DiagnosticOut(BaseModel):
    """A finding placed in the OKR document (lines and columns from 1)."""

    line: int
    column: int
    code: str
    name: str
    severity: Literal["error", "warning", "info"]
    message: str
    objective: str = Field(description="The objective's title; empty for findings on the whole document.")
    key_result: str | None = Field(description="The key result's text; null for objective and set findings.")
    suggestions: list[str]


class CheckOkrsOut(BaseModel):
    """Findings on an OKR document, as ``krquality lint`` reports them."""

    objectives: int
    key_results: int
    labels: dict[str, int] = Field(description="How many key results got each label.")
    errors: int
    warnings: int
    infos: int
    diagnostics: list[DiagnosticOut]


class CheckOut(BaseModel):
    """One check of the catalogue."""

    code: str
    name: str
    alias: str
    severity: Literal["error", "warning", "info"]
    scope: str = Field(description="key_result, objective, set or file.")
    message: str
    docs: str
    enabled_by_default: bool
    help_uri: str


class ChecksOut(BaseModel):
    """Every check, by code."""

    checks: list[CheckOut]


def _finding_out(finding: Finding) -> FindingOut:
    return FindingOut(
        code=finding.code, name=finding.name, severity=finding.severity.value, message=finding.message
    )


def _result_out(result: Result) -> KeyResultOut:
    return KeyResultOut(
        text=result.text,
        label=result.label.value,
        probabilities=result.probabilities,
        confident=result.confident,
        score=result.score,
        grade=result.grade,
        findings=[_finding_out(f) for f in result.findings],
        suggestions=[s.text for s in result.suggestions],
    )


def classify(key_results: Sequence[str], *, suggestions: bool = True) -> ClassifyOut:
    """Label key results and list what is weak about each.

    >>> out = classify(["Cut churn from 4% to 2.5% by June"], suggestions=False)
    >>> out.results[0].label
    'metric'
    """
    import krquality
    from krquality.engine import validate_text

    if not key_results:
        raise InvalidInputError("key_results is empty: give at least one key result", field="key_results")
    if len(key_results) > MAX_KEY_RESULTS:
        raise InvalidInputError(
            f"{len(key_results)} key results; the limit is {MAX_KEY_RESULTS} a call", field="key_results"
        )
    analyzer = krquality.get_analyzer()
    texts = [
        validate_text(text, field=f"key_results[{i}]", max_chars=analyzer.config.max_chars)
        for i, text in enumerate(key_results)
    ]
    results = analyzer.analyze_many(texts, suggestions=suggestions)
    return ClassifyOut(results=[_result_out(r) for r in results])


def check_okrs(
    text: str, *, format: Literal["markdown", "yaml"] = "markdown", suggestions: bool = True
) -> CheckOkrsOut:
    """Check an OKR document (Markdown or YAML text) like ``krquality lint`` checks a file.

    >>> out = check_okrs("# Grow the newsletter\\n- Reach 5,000 subscribers by May\\n- Write posts\\n")
    >>> (out.objectives, out.key_results, out.labels["task"])
    (1, 2, 1)
    """
    import krquality
    from krquality.engine import validate_text
    from krquality.lintformat import collect_diagnostics
    from krquality.okrfile import OKRFormat, read_okr_text

    if len(text) > MAX_DOCUMENT_CHARS:
        raise InvalidInputError(
            f"the document is {len(text)} characters long; the limit is {MAX_DOCUMENT_CHARS}", field="text"
        )
    document = read_okr_text(text, path="okrs", format=OKRFormat(format))
    if not document.objectives:
        raise InvalidInputError(
            f"no objectives with key results found in the {format} text (see docs/documents.md)", field="text"
        )
    analyzer = krquality.get_analyzer()
    for objective, source in zip(document.objectives, document.sources, strict=True):
        for kr_text, kr in zip(objective.key_results, source.key_results, strict=True):
            field = f"key result on line {kr.start.line}"
            validate_text(kr_text, field=field, max_chars=analyzer.config.max_chars)
    analysed = analyzer.analyze_okrs(document.objectives, suggestions=suggestions)
    diagnostics = collect_diagnostics(document, analysed, config=analyzer.config)
    labels = {"metric": 0, "milestone": 0, "task": 0}
    for objective_result in analysed.objectives:
        for result in objective_result.results:
            labels[result.label.value] += 1
    severities = [d.severity.value for d in diagnostics]
    return CheckOkrsOut(
        objectives=len(analysed.objectives),
        key_results=sum(labels.values()),
        labels=labels,
        errors=severities.count("error"),
        warnings=severities.count("warning"),
        infos=severities.count("info"),
        diagnostics=[
            DiagnosticOut(
                line=d.region.start_line,
                column=d.region.start_column,
                code=d.code,
                name=d.name,
                severity=d.severity.value,
                message=d.message,
                objective=d.objective,
                key_result=d.key_result,
                suggestions=[r.text for r in d.replacements],
            )
            for d in diagnostics
        ],
    )


def list_checks() -> ChecksOut:
    """The catalogue: every check with its code, name, severity and documentation.

    >>> [c.code for c in list_checks().checks][-1]
    'KRQ903'
    """
    from krquality.checks import list_checks as registry
    from krquality.checks.filelevel import FILE_SCOPE, list_file_checks
    from krquality.links import check_help_uri

    checks = [
        CheckOut(
            code=c.code,
            name=c.name,
            alias=c.alias,
            severity=c.severity.value,
            scope=c.scope.value,
            message=c.message,
            docs=c.docs,
            enabled_by_default=c.enabled_by_default,
            help_uri=check_help_uri(c.code, c.name),
        )
        for c in registry()
    ]
    checks += [
        CheckOut(
            code=c.code,
            name=c.name,
            alias=c.alias,
            severity=c.severity.value,
            scope=FILE_SCOPE,
            message=c.message,
            docs=c.docs,
            enabled_by_default=c.enabled_by_default,
            help_uri=check_help_uri(c.code, c.name),
        )
        for c in list_file_checks()
    ]
    return ChecksOut(checks=checks)
