"""``POST /v1/classify`` and ``POST /v1/classify/batch``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter

import krquality
from krquality.api import convert
from krquality.api.deps import AnalyzerDep, BatcherDep, MetricsDep, RunnerDep, SettingsDep
from krquality.api.problems import ProblemError, invalid_input_problem
from krquality.api.routes import problem_responses
from krquality.api.schemas import (
    BatchItem,
    BatchRequest,
    BatchResponse,
    ClassifyRequest,
    FieldError,
    ResultOut,
)
from krquality.errors import InvalidInputError
from krquality.result import Result

if TYPE_CHECKING:
    from krquality.engine import Analyzer

router = APIRouter(prefix="/v1", tags=["classify"])


def too_many(field: str, count: int, limit: int) -> ProblemError:
    """The 413 problem for a request with more key results than ``limit``."""
    detail = f"{field} has {count} key results; the limit is {limit}"
    return ProblemError(
        413, "Too many items", detail, slug="too-many-items", errors=[FieldError(field=field, message=detail)]
    )


def _analyze_many(
    analyzer: Analyzer, texts: list[str], suggestions: bool
) -> tuple[list[Result], list[ResultOut]]:
    results = list(analyzer.analyze_many(texts, suggestions=suggestions))
    return results, [convert.result_out(r) for r in results]


@router.post(
    "/classify",
    response_model=ResultOut,
    summary="Analyse one key result",
    responses=problem_responses(400, 413, 415, 422, 503),
)
async def classify(
    body: ClassifyRequest,
    batcher: BatcherDep,
    settings: SettingsDep,
    metrics: MetricsDep,
) -> ResultOut:
    """Label one key result as metric, milestone or task, with its probabilities,
    the features found (with character spans), the findings, the score and
    rewrite suggestions."""
    text = krquality.validate_text(body.text, field="text", max_chars=settings.max_chars)
    # Concurrent single requests are analysed together (see krquality.api.batching).
    result, out = await batcher.analyze(text, suggestions=body.suggestions)
    metrics.observe_results((result,))
    return out


@router.post(
    "/classify/batch",
    response_model=BatchResponse,
    summary="Analyse many key results",
    responses=problem_responses(400, 413, 415, 422, 503),
)
async def classify_batch(
    body: BatchRequest,
    analyzer: AnalyzerDep,
    settings: SettingsDep,
    runner: RunnerDep,
    metrics: MetricsDep,
) -> BatchResponse:
    """Analyse up to ``max_batch`` key results in one go. Results come back in
    input order; an invalid item gets its own ``error`` (a problem document)
    and the others are analysed all the same."""
    if len(body.texts) > settings.max_batch:
        raise too_many("texts", len(body.texts), settings.max_batch)
    items: list[BatchItem | None] = [None] * len(body.texts)
    good: list[tuple[int, str]] = []
    for index, text in enumerate(body.texts):
        try:
            good.append(
                (index, krquality.validate_text(text, field=f"texts[{index}]", max_chars=settings.max_chars))
            )
        except InvalidInputError as e:
            items[index] = BatchItem(index=index, error=invalid_input_problem(e))
    results, outs = await runner(_analyze_many, analyzer, [text for _, text in good], body.suggestions)
    metrics.observe_results(results)
    for (index, _), out in zip(good, outs, strict=True):
        items[index] = BatchItem(index=index, result=out)
    done = [item for item in items if item is not None]
    n_errors = len(body.texts) - len(good)
    return BatchResponse(results=done, n_ok=len(good), n_errors=n_errors)
