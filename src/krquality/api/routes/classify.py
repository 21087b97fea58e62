"""``POST /v1/classify`` and ``POST /v1/classify/batch``."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from fastapi import APIRouter, Response

import krquality
from krquality.api import convert
from krquality.api.deps import AnalysisRunner, AnalyzerDep, BatcherDep, MetricsDep, RunnerDep, SettingsDep
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


# A large batch goes through the analysis threads in chunks: every thread
# works on it (spaCy's matrix products release the GIL; two threads analyse
# 1,000 key results with suggestions in about 0.8x the time of one), and a
# single request queued meanwhile gets a thread between two chunks instead
# of waiting for the whole batch. Chunks of 64 are as fast as 128 here and
# keep less in flight: a service's peak RSS over four batches of 1,000 was
# 249 MB with 64, 299 MB with 128 and 271 MB unchunked.
CHUNK = 64


def _analyze_chunk(analyzer: Analyzer, texts: list[str], suggestions: bool) -> list[tuple[Result, ResultOut]]:
    return [(r, convert.result_out(r)) for r in analyzer.analyze_many(texts, suggestions=suggestions)]


async def _in_lanes(
    runner: AnalysisRunner, lanes: int, analyzer: Analyzer, chunks: list[list[str]], suggestions: bool
) -> list[list[tuple[Result, ResultOut]]]:
    """Analyse ``chunks`` with at most ``lanes`` in the runner at once, results in order.

    Each lane submits its next chunk only when its last one is done, so a
    request that queued for a thread meanwhile is ahead of it.
    """
    out: list[list[tuple[Result, ResultOut]]] = [[] for _ in chunks]
    pending = iter(range(len(chunks)))

    async def lane() -> None:
        for i in pending:
            out[i] = await runner(_analyze_chunk, analyzer, chunks[i], suggestions)

    await asyncio.gather(*(lane() for _ in range(max(1, min(lanes, len(chunks))))))
    return out


def _json_response(body: bytes) -> Response:
    return Response(content=body, media_type="application/json")


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
) -> Response:
    """Label one key result as metric, milestone or task, with its probabilities,
    the features found (with character spans), the findings, the score and
    rewrite suggestions."""
    text = krquality.validate_text(body.text, field="text", max_chars=settings.max_chars)
    # Concurrent single requests are analysed together (see krquality.api.batching).
    result, out = await batcher.analyze(text, suggestions=body.suggestions)
    metrics.observe_results((result,))
    # The body was rendered in the worker thread; FastAPI documents ResultOut
    # (response_model) and sends these bytes as they are.
    return _json_response(out)


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
) -> Response:
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
    texts = [text for _, text in good]
    chunks = await _in_lanes(
        runner,
        settings.analysis_threads,
        analyzer,
        [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)],
        body.suggestions,
    )
    analysed = [pair for chunk in chunks for pair in chunk]
    metrics.observe_results(result for result, _ in analysed)
    for (index, _), (_, out) in zip(good, analysed, strict=True):
        items[index] = BatchItem(index=index, result=out)
    done = [item for item in items if item is not None]
    response = BatchResponse(results=done, n_ok=len(good), n_errors=len(body.texts) - len(good))
    return _json_response(await runner(convert.batch_json, response))
