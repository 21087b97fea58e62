"""``GET /healthz``, ``GET /readyz`` and ``GET /metrics``: open even when an API key is set."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from krquality.api.deps import MetricsDep
from krquality.api.helpers import HelperPool
from krquality.api.schemas import HealthOut, ReadyOut

router = APIRouter(tags=["operations"])


def degraded(request: Request) -> bool:
    """Whether the worker started helper processes and has lost them."""
    helpers: HelperPool | None = getattr(request.app.state, "helpers", None)
    started: bool = getattr(request.app.state, "helpers_started", False)
    return started and (helpers is None or not helpers.healthy)


@router.get("/healthz", response_model=HealthOut, summary="The process is alive")
async def healthz() -> HealthOut:
    """Always 200 while the process can answer; says nothing about the model."""
    return HealthOut()


@router.get(
    "/readyz",
    response_model=ReadyOut,
    summary="The model is loaded",
    responses={503: {"model": ReadyOut, "description": "The model is loading, or failed to load."}},
)
async def readyz(request: Request) -> Response:
    """200 once the model is loaded and requests can be analysed; 503 before
    that (``loading``) or if loading failed (``failed``, with the reason)."""
    state = request.app.state
    analyzer = getattr(state, "analyzer", None)
    if analyzer is not None:
        # Still ready (the worker analyses everything itself), but slower: say so.
        ready = ReadyOut(status="ready", model_version=analyzer.model_version)
        if degraded(request):
            ready.degraded = True
            ready.detail = "a helper process was lost; this worker analyses alone until it is restarted"
        return JSONResponse(ready.model_dump())
    error = getattr(state, "load_error", None)
    body = ReadyOut(status="failed", detail=error) if error else ReadyOut(status="loading")
    return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": "1"})


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {
            "content": {"text/plain": {"schema": {"type": "string"}}},
            "description": "Prometheus text exposition format.",
        }
    },
)
async def metrics(request: Request, service_metrics: MetricsDep) -> Response:
    """Request counts, latency histograms by route, labels and findings served, result-cache lookups."""
    analyzer = getattr(request.app.state, "analyzer", None)
    service_metrics.sync_cache(getattr(analyzer, "cache", None))
    service_metrics.degraded.set(1 if degraded(request) else 0)
    payload, content_type = service_metrics.render()
    return Response(payload, media_type=content_type)
