"""Dependencies the routes declare: the analyzer, the settings, the analysis runner.

Tests replace any of them with ``app.dependency_overrides``.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import anyio.to_thread
from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from krquality.api.batching import MicroBatcher
from krquality.api.metrics import ServiceMetrics
from krquality.api.problems import ProblemError
from krquality.api.settings import Settings

if TYPE_CHECKING:
    from krquality.api.helpers import HelperPool
    from krquality.engine import Analyzer

T = TypeVar("T")


# The dependencies are ``async def`` although they only read ``app.state``:
# FastAPI runs a plain ``def`` dependency in its thread pool, and those three
# hops cost a single request about as much as its analysis.


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_metrics(request: Request) -> ServiceMetrics:
    """The app's Prometheus collectors."""
    metrics: ServiceMetrics = request.app.state.metrics
    return metrics


async def get_analyzer(request: Request) -> Analyzer:
    """The analyzer loaded by the lifespan; 503 (with Retry-After) until it is."""
    analyzer: Analyzer | None = getattr(request.app.state, "analyzer", None)
    if analyzer is not None:
        return analyzer
    error: str | None = getattr(request.app.state, "load_error", None)
    if error:
        raise ProblemError(
            503, "Model unavailable", f"the model failed to load: {error}", slug="model-unavailable"
        )
    raise ProblemError(
        503,
        "Model loading",
        "the model is still loading; retry shortly",
        slug="model-loading",
        headers={"Retry-After": "1"},
    )


class AnalysisRunner:
    """Runs CPU-bound analysis in worker threads so the event loop stays free.

    The analyzer is thread-safe after load; the limiter bounds how many
    analyses run at once (more threads would only contend for the GIL).
    """

    def __init__(self, limiter: anyio.CapacityLimiter) -> None:
        self.limiter = limiter

    async def __call__(self, func: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``await runner(func, *args, **kwargs)`` runs ``func`` in a worker thread."""
        return await anyio.to_thread.run_sync(functools.partial(func, *args, **kwargs), limiter=self.limiter)


async def get_runner(request: Request) -> AnalysisRunner:
    """The app's :class:`AnalysisRunner` (its limiter is made on first use, inside the event loop)."""
    state = request.app.state
    runner: AnalysisRunner | None = getattr(state, "runner", None)
    if runner is None:
        settings: Settings = state.settings
        runner = AnalysisRunner(anyio.CapacityLimiter(settings.analysis_threads))
        state.runner = runner
    return runner


async def get_helpers(request: Request) -> HelperPool | None:
    """The worker's helper processes (:mod:`krquality.api.helpers`), if the lifespan started any."""
    helpers: HelperPool | None = getattr(request.app.state, "helpers", None)
    return helpers


# Annotated dependencies, so route signatures say what they get.
SettingsDep = Annotated[Settings, Depends(get_settings)]
MetricsDep = Annotated[ServiceMetrics, Depends(get_metrics)]
AnalyzerDep = Annotated["Analyzer", Depends(get_analyzer)]
RunnerDep = Annotated[AnalysisRunner, Depends(get_runner)]
HelpersDep = Annotated["HelperPool | None", Depends(get_helpers)]


async def get_batcher(
    request: Request, analyzer: AnalyzerDep, runner: RunnerDep, helpers: HelpersDep
) -> MicroBatcher:
    """The app's :class:`~krquality.api.batching.MicroBatcher` for single key results, with the
    worker's helper processes as its second lane where there are any."""
    state = request.app.state
    batcher: MicroBatcher | None = getattr(state, "batcher", None)
    if batcher is None or batcher.analyzer is not analyzer or batcher.helpers is not helpers:
        # A test may override the analyzer; helpers arrive once the model is loaded.
        settings: Settings = state.settings
        batcher = MicroBatcher(analyzer, runner, helpers=helpers, max_batch=settings.micro_batch)
        state.batcher = batcher
    return batcher


def normalise_key(key: str | bytes) -> bytes:
    """An API key as it is compared: surrounding whitespace stripped, as UTF-8 bytes.

    HTTP headers arrive as bytes (Starlette shows them decoded as Latin-1), so
    a key sent as UTF-8 is compared byte for byte with the configured one.

    >>> normalise_key(" clé-1 ") == normalise_key("clé-1".encode().decode("latin-1").encode("latin-1"))
    True
    """
    raw = key if isinstance(key, bytes) else key.encode("utf-8")
    return raw.strip(b" \t\r\n")


def key_problem(settings: Settings, sent: bytes | None) -> ProblemError | None:
    """The 401 problem for the key ``sent`` (raw header bytes, None if absent), or None if it matches."""
    expected = normalise_key(settings.api_key.get_secret_value()) if settings.api_key else b""
    header = settings.api_key_header
    if sent is None:
        detail = f"missing API key: send it in the {header} header"
    elif secrets.compare_digest(normalise_key(sent), expected):
        return None
    else:
        detail = f"wrong API key in the {header} header"
    return ProblemError(
        401, "Unauthorized", detail, slug="unauthorized", headers={"WWW-Authenticate": "ApiKey"}
    )


def api_key_dependency(settings: Settings) -> Callable[..., Any]:
    """A dependency that requires ``settings.api_key`` in ``settings.api_key_header``.

    Declared through :class:`~fastapi.security.APIKeyHeader`, so ``/docs``
    shows the scheme and its Authorize button. The key is checked before the
    body is read by :class:`krquality.api.middleware.ApiKeyMiddleware`; this
    checks it again the same way (:func:`key_problem`).
    """
    scheme = APIKeyHeader(
        name=settings.api_key_header, auto_error=False, description="The service's API key."
    )

    async def require_api_key(key: str | None = Depends(scheme)) -> None:
        # Starlette decoded the header's bytes as Latin-1: undo it to compare bytes.
        error = key_problem(settings, None if key is None else key.encode("latin-1", errors="replace"))
        if error is not None:
            raise error

    return require_api_key


BatcherDep = Annotated[MicroBatcher, Depends(get_batcher)]
