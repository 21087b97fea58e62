"""``POST /v1/classify`` and ``POST /v1/classify/batch``."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from fastapi import APIRouter, Response

import krquality
from krquality.api import convert
from krquality.api.deps import (
    AnalysisRunner,
    AnalyzerDep,
    BatcherDep,
    HelpersDep,
    MetricsDep,
    RunnerDep,
    SettingsDep,
)
from krquality.api.helpers import HelperGone, HelperPool, Rendered, analyze_rendered
from krquality.api.limits import check_total_chars, deadline, out_of_time, total_chars
from krquality.api.problems import ProblemError, invalid_input_problem
from krquality.api.routes import problem_responses
from krquality.api.schemas import (
    BatchRequest,
    BatchResponse,
    ClassifyRequest,
    FieldError,
    Problem,
    ResultOut,
)
from krquality.errors import InvalidInputError

if TYPE_CHECKING:
    from krquality.engine import Analyzer

router = APIRouter(prefix="/v1", tags=["classify"])


def too_many(field: str, count: int, limit: int, *, what: str = "key results") -> ProblemError:
    """The 413 problem for a request with more key results (or objectives) than ``limit``."""
    detail = f"{field} has {count} {what}; the limit is {limit} (KRQ_MAX_BATCH)"
    return ProblemError(
        413, "Too many items", detail, slug="too-many-items", errors=[FieldError(field=field, message=detail)]
    )


# A large batch goes through the analysis threads, and the helper processes
# where there are any (krquality.api.helpers), in chunks: every lane works
# on it (two threads analyse 1,000 key results with suggestions in about
# 0.8x the time of one, a thread and a helper in about 0.5x), and a single
# request queued meanwhile gets a thread between two chunks instead of
# waiting for the whole batch. Chunks of 64 are as fast as 128 here and keep
# less in flight: a service's peak RSS over four batches of 1,000 was 249 MB
# with 64, 299 MB with 128 and 271 MB unchunked.
CHUNK = 64


async def _in_lanes(
    runner: AnalysisRunner,
    threads: int,
    helpers: HelperPool | None,
    analyzer: Analyzer,
    chunks: list[list[str]],
    suggestions: bool,
    until: float | None = None,
) -> list[list[Rendered]] | None:
    """Analyse ``chunks`` in thread lanes and the helpers' lanes, results in order.

    Each lane takes the next chunk only when its last one is done, so a
    request that queued for a thread meanwhile is ahead of it. Past ``until``
    (a :func:`time.monotonic` value) no lane takes another chunk, and None
    is returned.
    """
    out: list[list[Rendered]] = [[] for _ in chunks]
    pending = iter(range(len(chunks)))
    late = False

    def next_chunks() -> Iterator[int]:
        nonlocal late
        for i in pending:
            if until is not None and time.monotonic() > until:
                late = True
                return
            yield i

    async def thread_lane() -> None:
        for i in next_chunks():
            out[i] = await runner(analyze_rendered, analyzer, chunks[i], suggestions)

    async def helper_lane(pool: HelperPool) -> None:
        for i in next_chunks():
            try:
                out[i] = await pool.analyze(chunks[i], suggestions)
            except HelperGone:  # logged once, by the pool
                out[i] = await runner(analyze_rendered, analyzer, chunks[i], suggestions)

    if helpers is not None and not helpers.broken and len(chunks) > 1:
        # A thread per core the helpers leave: more would share a core (measured
        # here with one helper: 0.84 s for 1,000 key results with one thread
        # lane, 0.94 s with two), and the other thread stays free for single
        # requests.
        lanes = [helper_lane(helpers) for _ in range(helpers.processes)]
        lanes += [thread_lane() for _ in range(max(1, threads - helpers.processes))]
    else:
        lanes = [thread_lane() for _ in range(max(1, min(threads, len(chunks))))]
    await asyncio.gather(*lanes)
    return None if late else out


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
    rendered = await batcher.analyze(text, suggestions=body.suggestions)
    metrics.observe(rendered.label, rendered.codes)
    # The body was rendered in the worker thread (or helper); FastAPI documents
    # ResultOut (response_model) and sends these bytes as they are.
    return _json_response(rendered.body)


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
    helpers: HelpersDep,
    metrics: MetricsDep,
) -> Response:
    """Analyse up to ``max_batch`` key results in one go. Results come back in
    input order; an invalid item gets its own ``error`` (a problem document)
    and the others are analysed all the same."""
    if len(body.texts) > settings.max_batch:
        raise too_many("texts", len(body.texts), settings.max_batch)
    check_total_chars("texts", total_chars(body.texts), settings)
    until = deadline(settings)
    items: list[bytes | Problem | None] = [None] * len(body.texts)
    good: list[tuple[int, str]] = []
    for index, text in enumerate(body.texts):
        try:
            good.append(
                (index, krquality.validate_text(text, field=f"texts[{index}]", max_chars=settings.max_chars))
            )
        except InvalidInputError as e:
            items[index] = invalid_input_problem(e)
    texts = [text for _, text in good]
    chunks = await _in_lanes(
        runner,
        settings.analysis_threads,
        helpers,
        analyzer,
        [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)],
        body.suggestions,
        until,
    )
    if chunks is None:
        raise out_of_time(settings, 0)
    analysed = [rendered for chunk in chunks for rendered in chunk]
    for (index, _), rendered in zip(good, analysed, strict=True):
        metrics.observe(rendered.label, rendered.codes)
        items[index] = rendered.body
    done: list[bytes | Problem] = []
    for item in items:
        if item is None:  # pragma: no cover - every index got a result or a problem above
            raise RuntimeError("a batch item was neither analysed nor refused")
        done.append(item)
    return _json_response(convert.batch_body(done, n_ok=len(good), n_errors=len(body.texts) - len(good)))
