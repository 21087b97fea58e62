"""``POST /v1/okrs`` (objectives as JSON) and ``POST /v1/okrs/markdown`` (a Markdown document)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from fastapi import APIRouter

import krquality
from krquality.api import convert
from krquality.api.deps import AnalyzerDep, MetricsDep, RunnerDep, SettingsDep
from krquality.api.limits import check_total_chars, deadline, out_of_time, total_chars
from krquality.api.routes import problem_responses
from krquality.api.routes.classify import too_many
from krquality.api.schemas import MarkdownOKRRequest, OKRRequest, OKRSetOut
from krquality.api.settings import Settings
from krquality.errors import AnalysisTimeoutError
from krquality.result import Objective, OKRSetResult

if TYPE_CHECKING:
    from krquality.engine import Analyzer
    from krquality.okrfile.types import OKRDocument

router = APIRouter(prefix="/v1", tags=["okrs"])


def _check_limits(objectives: Sequence[Objective], settings: Settings, *, field: str) -> None:
    # Objectives are analysed too (set-level checks, one result each), so they
    # count against the item limit like key results, and their titles against
    # the length limit.
    total = sum(len(o.key_results) for o in objectives)
    if total > settings.max_batch:
        raise too_many(field, total, settings.max_batch)
    if len(objectives) > settings.max_batch:
        raise too_many(field, len(objectives), settings.max_batch, what="objectives")
    check_total_chars(
        field,
        total_chars(o.title for o in objectives) + sum(total_chars(o.key_results) for o in objectives),
        settings,
    )
    for i, objective in enumerate(objectives):
        for j, text in enumerate(objective.key_results):
            krquality.validate_text(
                text, field=f"{field}[{i}].key_results[{j}]", max_chars=settings.max_chars
            )


def _analyze_set(
    analyzer: Analyzer, objectives: Sequence[Objective], suggestions: bool, settings: Settings
) -> OKRSetResult:
    try:
        return analyzer.analyze_okrs(objectives, suggestions=suggestions, deadline=deadline(settings))
    except AnalysisTimeoutError as e:
        raise out_of_time(settings, e.done) from e


def _read_markdown(text: str) -> OKRDocument:
    # The reader lint and the language server use; key results not in English are left out
    # of the analysis with a file finding saying so.
    from krquality.okrfile import OKRFormat, read_okr_text
    from krquality.okrfile.notes import for_analysis

    return for_analysis(read_okr_text(text, path="<request>", format=OKRFormat.MARKDOWN))


def _apply_suppressions(result: OKRSetResult, document: OKRDocument) -> OKRSetResult:
    """Hide the findings that ``krquality: disable`` comments in the document silence."""
    from krquality.okrfile import apply_suppressions

    objectives = tuple(
        replace(
            objective,
            results=tuple(
                apply_suppressions(kr, source.suppressions)
                for kr, source in zip(objective.results, document.sources[i].key_results, strict=True)
            ),
        )
        for i, objective in enumerate(result.objectives)
    )
    return replace(result, objectives=objectives)


@router.post(
    "/okrs",
    response_model=OKRSetOut,
    summary="Analyse objectives with their key results",
    responses=problem_responses(400, 413, 415, 422, 503),
)
async def analyze_okrs(
    body: OKRRequest,
    analyzer: AnalyzerDep,
    settings: SettingsDep,
    runner: RunnerDep,
    metrics: MetricsDep,
) -> OKRSetOut:
    """Every key result's analysis, plus the set-level findings (too few or
    too many key results, an objective with no metric, ...)."""
    objectives = [Objective(title=o.title, key_results=tuple(o.key_results)) for o in body.objectives]
    _check_limits(objectives, settings, field="objectives")
    result = await runner(_analyze_set, analyzer, objectives, body.suggestions, settings)
    metrics.observe_results(r for o in result.objectives for r in o.results)
    return await runner(convert.okr_set_out, result)


@router.post(
    "/okrs/markdown",
    response_model=OKRSetOut,
    summary="Analyse an OKR document written in Markdown",
    responses=problem_responses(400, 413, 415, 422, 503),
)
async def analyze_okrs_markdown(
    body: MarkdownOKRRequest,
    analyzer: AnalyzerDep,
    settings: SettingsDep,
    runner: RunnerDep,
    metrics: MetricsDep,
) -> OKRSetOut:
    """Read the Markdown with krquality's OKR reader (objectives as headings,
    key results as list items), then analyse it like ``POST /v1/okrs``.
    Each objective carries the line and the character offset of its key
    results, so a client can put the findings back on the text."""
    check_total_chars("markdown", len(body.markdown), settings)
    document = await runner(_read_markdown, body.markdown)
    _check_limits(document.objectives, settings, field="objectives")
    result = await runner(_analyze_set, analyzer, document.objectives, body.suggestions, settings)
    result = _apply_suppressions(result, document)
    metrics.observe_results(r for o in result.objectives for r in o.results)
    offsets = [[kr.start.offset for kr in source.key_results] for source in document.sources]
    file_findings = [f.finding for f in document.findings]
    return await runner(convert.okr_set_out, result, key_result_offsets=offsets, file_findings=file_findings)
