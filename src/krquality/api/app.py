"""``create_app(settings)``: the FastAPI application of ``krquality serve``.

The lifespan loads the model once per process, in a worker thread, into
``app.state.analyzer`` (and then forks the helper processes, if any, see
:mod:`krquality.api.helpers`): ``/healthz`` answers at once, ``/readyz`` turns 200
when the model is in, and the analysis routes answer 503 until then. Routes
reach the analyzer through :func:`krquality.api.deps.get_analyzer`, so tests
can override it (or pass ``analyzer=`` to skip loading).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles

from krquality import __version__
from krquality.api.deps import api_key_dependency
from krquality.api.feedbackstate import FeedbackState
from krquality.api.helpers import HelperPool, helper_count
from krquality.api.logs import RequestIdMiddleware
from krquality.api.metrics import ServiceMetrics
from krquality.api.middleware import (
    ApiKeyMiddleware,
    BodyGuardMiddleware,
    ConcurrencyLimitMiddleware,
    MetricsMiddleware,
    SecurityHeadersMiddleware,
    ShutdownMiddleware,
)
from krquality.api.problems import PROBLEM_MEDIA_TYPE, install_problem_handlers
from krquality.api.routes import catalogue, classify, docs, feedback, health, languagetool, okrs, playground
from krquality.api.settings import Settings
from krquality.errors import InvalidInputError

if TYPE_CHECKING:
    from krquality.engine import Analyzer

logger = logging.getLogger("krquality.api")

# Short (it must fit any max_chars) and with a finding, so suggestions are warmed up too.
WARM_UP_TEXT = "Increase NPS to 48"

DESCRIPTION = """\
Label OKR key results as **metric**, **milestone** or **task**, with the
weaknesses found (codes and character spans), a score and rewrite suggestions.

* Errors are [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) problem details
  (`application/problem+json`) whose `detail` and `errors[].field` name the field.
* When the service runs with an API key, `/v1` and `/v2` need it in the
  configured header (default `X-API-Key`); `/healthz`, `/readyz`, `/metrics`
  and the playground at `/` stay open.
* `POST /v2/check` speaks LanguageTool's protocol: point a LanguageTool client here.
"""


# An absolute path (POSIX or Windows), up to a space, quote or comma.
_PATH = re.compile(r"""(?<![\w:/.\\])(?:[A-Za-z]:)?(?:[/\\][^\s'"/\\,;:]+)+[/\\]?""")


def public_reason(error: BaseException) -> str:
    """``error`` as clients may see it: its type and message, each path cut to its last part.

    >>> public_reason(FileNotFoundError("no model file at /srv/app/models/kr.joblib"))
    'FileNotFoundError: no model file at kr.joblib'
    """
    message = _PATH.sub(lambda m: m.group(0).rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1], str(error))
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def load_analyzer(settings: Settings) -> Analyzer:
    """Load the analyzer the settings describe, and warm it up with one analysis."""
    from krquality import Analyzer
    from krquality.config import load_config

    config = replace(load_config(), max_chars=settings.max_chars)
    analyzer = Analyzer.load(
        settings.model_path,
        spacy_model=settings.spacy_model,
        config=config,
        cache_size=settings.cache_size,
        cache_bytes=settings.cache_bytes,
    )
    # The first calls build caches; pay for them before traffic arrives.
    with contextlib.suppress(InvalidInputError):  # a max_chars below the warm-up text's length
        list(analyzer.analyze_many([WARM_UP_TEXT], cached=False))  # the warm-up text is no one's
    return analyzer


async def _load_into(app: FastAPI) -> None:
    settings: Settings = app.state.settings
    started = time.perf_counter()
    try:
        analyzer = await anyio.to_thread.run_sync(load_analyzer, settings, abandon_on_cancel=True)
    except Exception as e:  # any failure must show on /readyz, not kill the event loop silently
        # The log has the whole error; /readyz and the 503s show it without paths.
        logger.error("the model failed to load: %s", e, exc_info=e)
        app.state.load_error = public_reason(e)
        return
    await _start_helpers(app, analyzer, helper_count(settings.analysis_processes, workers=settings.workers))
    app.state.feedback.attach(analyzer)
    app.state.analyzer = analyzer
    helpers: HelperPool | None = app.state.helpers
    logger.info(
        "model %s ready in %.2f s, %d helper process(es)%s",
        analyzer.model_version,
        time.perf_counter() - started,
        helpers.processes if helpers is not None else 0,
        ", each process on a CPU of its own" if helpers is not None and helpers.pinned else "",
    )


async def _start_helpers(app: FastAPI, analyzer: Analyzer, count: int) -> None:
    """Fork ``count`` helper processes for ``analyzer`` into ``app.state.helpers``."""
    if count < 1:
        return
    try:
        # In the event loop's thread, on purpose (see HelperPool): the fork and
        # the helpers' first answer take some 50 ms, once, before /readyz is 200.
        app.state.helpers = HelperPool(analyzer, count, pin=app.state.settings.pin_cpus)
    except Exception as e:  # the worker's own threads still serve everything
        logger.warning("no helper processes: %s", e)
        return
    app.state.helpers_started = True


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start loading the model (unless one was given), and stop cleanly."""
    task: asyncio.Task[None] | None = None
    await app.state.feedback.start()
    if app.state.analyzer is None:
        task = asyncio.create_task(_load_into(app))
    else:
        # An analyzer passed in (tests, embedding) gets helpers only when asked for.
        settings: Settings = app.state.settings
        requested = settings.analysis_processes or 0
        await _start_helpers(app, app.state.analyzer, helper_count(requested, workers=settings.workers))
        app.state.feedback.attach(app.state.analyzer)
    try:
        yield
    finally:
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        helpers: HelperPool | None = app.state.helpers
        if helpers is not None:
            app.state.helpers = None
            app.state.helpers_started = False  # stopped on purpose: not a loss
            await anyio.to_thread.run_sync(helpers.close)
        await app.state.feedback.close()


def _rewrite_schema(node: Any, settings: Settings) -> None:
    """Write the configured limits into the schema (``x-krq-limit`` markers)."""
    if isinstance(node, dict):
        limit = node.pop("x-krq-limit", None)
        if limit == "max_chars":
            node["maxLength"] = settings.max_chars
        elif limit == "max_batch":
            node["maxItems"] = settings.max_batch
        for value in node.values():
            _rewrite_schema(value, settings)
    elif isinstance(node, list):
        for value in node:
            _rewrite_schema(value, settings)


def _problem_media_types(schema: dict[str, Any]) -> None:
    """Errors are served as ``application/problem+json``: say so in the document."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                body = content.get("application/json")
                is_error = status.isdigit() and int(status) >= 400
                ref = str((body or {}).get("schema", {}).get("$ref", ""))
                if is_error and body is not None and ref.endswith("/Problem"):
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")


def create_app(settings: Settings | None = None, *, analyzer: Analyzer | None = None) -> FastAPI:
    """Build the service.

    ``settings`` default to the ``KRQ_*`` environment; pass ``analyzer`` to use
    an already loaded one (the lifespan then loads nothing, and starts helper
    processes only if ``settings.analysis_processes`` asks for them).

    >>> app = create_app(Settings(max_batch=10))
    >>> app.state.settings.max_batch
    10
    """
    settings = settings if settings is not None else Settings()
    app = FastAPI(
        title="krquality",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by routes.docs, without a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.metrics = ServiceMetrics()
    app.state.analyzer = analyzer
    app.state.helpers = None
    app.state.helpers_started = False
    app.state.load_error = None
    app.state.feedback = FeedbackState(settings)

    install_problem_handlers(app)

    protected = [Depends(api_key_dependency(settings))] if settings.api_key is not None else []
    for module in (classify, okrs, catalogue, languagetool, feedback):
        app.include_router(module.router, dependencies=protected)
    app.include_router(health.router)
    app.include_router(playground.router)
    app.include_router(docs.router)
    app.mount("/static", StaticFiles(packages=[("krquality.api", "static")]), name="static")
    app.mount(docs.ASSETS, StaticFiles(packages=[docs.ASSETS_PACKAGE]), name="docs-assets")

    # Added innermost first: metrics see every response, CORS headers go on
    # the body guard's rejections too.
    app.add_middleware(BodyGuardMiddleware, max_body_bytes=settings.max_body_bytes)
    if settings.api_key is not None:  # the key before the body guard reads anything
        app.add_middleware(ApiKeyMiddleware, settings=settings)
    app.add_middleware(ConcurrencyLimitMiddleware, limit=settings.max_concurrent_requests)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
            allow_headers=["Content-Type", settings.api_key_header],
            max_age=600,
        )
    app.add_middleware(ShutdownMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(RequestIdMiddleware)  # outermost: every line of a request carries its id

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=None,
            )
            _rewrite_schema(schema, settings)
            _problem_media_types(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
