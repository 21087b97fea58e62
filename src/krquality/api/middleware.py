"""Pure ASGI middleware: a body guard (size, media type, UTF-8), request metrics, a
concurrency limit, and a problem document for requests cut short by shutdown.

Both wrap the ASGI callables directly instead of using ``BaseHTTPMiddleware``,
so they neither buffer responses nor break streaming and cancellation.
"""

from __future__ import annotations

import asyncio
import codecs
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.datastructures import Headers

from krquality.api.metrics import ServiceMetrics
from krquality.api.problems import BodyError, problem, problem_response
from krquality.api.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# Probes and metrics are answered even when the service is saturated.
UNLIMITED_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
# Seconds between two log lines about the same limit being hit.
LOG_EVERY = 10.0
logger = logging.getLogger("krquality.api")


def header_value(scope: Scope, name: bytes) -> bytes | None:
    """The raw value of the first header ``name`` (lower-case bytes, as ASGI gives names) of
    an HTTP ``scope``, or None when the request has none. Read from the scope so a middleware
    can decide before the body is read and before any routing.

    >>> header_value({"headers": [(b"x-request-id", b"r1")]}, b"x-request-id")
    b'r1'
    >>> header_value({"headers": []}, b"x-request-id") is None
    True
    """
    return next((value for key, value in scope["headers"] if key == name), None)


def is_json_media_type(content_type: str | None) -> bool:
    """``application/json`` or any ``application/*+json``, parameters ignored.

    >>> is_json_media_type("application/json; charset=utf-8"), is_json_media_type("text/plain")
    (True, False)
    """
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


class BodyGuardMiddleware:
    """Reject request bodies the routes should never see.

    * a body over ``max_body_bytes`` -> 413, whether announced by
      ``Content-Length`` or found while counting the bytes as they arrive
      (chunked uploads announce nothing);
    * a body sent to a JSON route (``json_prefixes``) with another media
      type -> 415;
    * a JSON body that is not valid UTF-8 -> 400, naming the byte offset.
    """

    def __init__(
        self, app: ASGIApp, *, max_body_bytes: int, json_prefixes: tuple[str, ...] = ("/v1/",)
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.json_prefixes = json_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path = scope["path"]
        limit = self.max_body_bytes
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await self._reject(scope, send, 400, "Content-Length is not a number", "bad-content-length")
                return
            if int(declared) > limit:
                await self._reject(
                    scope,
                    send,
                    413,
                    f"the request body is {int(declared)} bytes; the limit is {limit}",
                    "body-too-large",
                )
                return
        wants_json = path.startswith(self.json_prefixes)
        if wants_json and not is_json_media_type(headers.get("content-type")):
            got = headers.get("content-type") or "no Content-Type"
            await self._reject(
                scope, send, 415, f"this route takes application/json, got {got}", "unsupported-media-type"
            )
            return
        decoder = codecs.getincrementaldecoder("utf-8")() if wants_json else None
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                chunk: bytes = message.get("body", b"")
                received += len(chunk)
                if received > limit:
                    # FastAPI re-raises HTTPException from body reading, so the
                    # problem handler answers it like any other error.
                    raise BodyError(
                        413, f"the request body is over the limit of {limit} bytes", slug="body-too-large"
                    )
                if decoder is not None:
                    try:
                        decoder.decode(chunk, final=not message.get("more_body", False))
                    except UnicodeDecodeError as e:
                        at = received - len(chunk) + e.start
                        raise BodyError(
                            400, f"the request body is not valid UTF-8 (byte {at})", slug="invalid-utf8"
                        ) from e
            return message

        await self.app(scope, counted_receive, send)

    async def _reject(self, scope: Scope, send: Send, status: int, detail: str, slug: str) -> None:
        response = problem_response(problem(status, detail, slug=slug, instance=scope["path"]))

        async def no_body() -> Message:  # the rejected body is never read
            return {"type": "http.disconnect"}

        await response(scope, no_body, send)


def _template(scope: Scope, path: str) -> str:
    """The route template of a request that no route marked: one refused before routing (a
    415 from the body guard) or served by a mount (the static files); else ``unmatched``.

    The service's own routes have no path parameters, so a documented path is its template.
    """
    from starlette.routing import Mount

    app = scope.get("app")
    try:
        documented = app.openapi().get("paths", {}) if app is not None else {}
    except Exception:  # no schema, no documented paths: fall through
        documented = {}
    if path in documented:
        return path
    for route in getattr(getattr(app, "router", None), "routes", ()):
        if isinstance(route, Mount) and path.startswith(route.path + "/"):
            return str(route.path)
        if getattr(route, "path", None) == path:  # Starlette's own routes (/openapi.json)
            return path
    return "unmatched"


class MetricsMiddleware:
    """Count requests and time them by method, route template and status."""

    def __init__(self, app: ASGIApp, *, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        path = scope["path"]  # before a mount rewrites the scope

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_with_status)
        finally:
            self.metrics.in_flight.dec()
            route = scope.get("route")
            # Only route templates become label values, so metrics cannot grow
            # with every path a scanner tries.
            template = getattr(route, "path", None) or _template(scope, path)
            elapsed = time.perf_counter() - started
            self.metrics.observe_request(scope["method"], template, status, elapsed)


class ConcurrencyLimitMiddleware:
    """Serve at most ``limit`` requests at once; the others get a 503 problem with ``Retry-After``.

    Health probes and ``/metrics`` are never refused, so an orchestrator sees
    a saturated service as alive. A line is logged when the limit is hit (at
    most one every :data:`LOG_EVERY` seconds).
    """

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.in_flight = 0
        self.refused = 0
        self._logged = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNLIMITED_PATHS:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            self.refused += 1
            now = time.monotonic()
            if now - self._logged > LOG_EVERY:
                self._logged = now
                logger.warning(
                    "%d requests in flight, the limit (KRQ_MAX_CONCURRENT_REQUESTS); refused %d so far",
                    self.in_flight,
                    self.refused,
                )
            detail = f"the service is serving {self.limit} requests, its limit; retry shortly"
            body = problem(503, detail, title="Too busy", slug="too-busy", instance=scope["path"])
            await problem_response(body, headers={"Retry-After": "1"})(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


class ShutdownMiddleware:
    """Answer a request cancelled by the server's shutdown with a 503 problem and ``Retry-After``.

    uvicorn cancels the requests still running when the graceful period
    (``KRQ_GRACEFUL_TIMEOUT``) is over; without this their clients got a
    plain-text 500. A response already started is left as it is.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except asyncio.CancelledError:
            if started:
                raise
            body = problem(
                503,
                "the service is shutting down; retry on another instance or shortly",
                title="Shutting down",
                slug="shutting-down",
                instance=scope["path"],
            )
            response = problem_response(body, headers={"Retry-After": "1", "Connection": "close"})
            # The task is ending anyway: answer, then let it end without the error.
            await response(scope, receive, send)


class ApiKeyMiddleware:
    """Refuse a request to ``prefixes`` without the right API key before its body is read.

    FastAPI reads and parses a route's body before it runs its dependencies,
    so a client without the key could make the service parse 2 MB of JSON;
    this answers 401 from the headers alone (see
    :func:`krquality.api.deps.key_problem`). CORS preflights pass.
    """

    def __init__(
        self, app: ASGIApp, *, settings: Settings, prefixes: tuple[str, ...] = ("/v1/", "/v2/")
    ) -> None:
        self.app = app
        self.settings = settings
        self.prefixes = prefixes
        self.header = settings.api_key_header.lower().encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] == "OPTIONS"
            or not scope["path"].startswith(self.prefixes)
        ):
            await self.app(scope, receive, send)
            return
        from krquality.api.deps import key_problem

        error = key_problem(self.settings, header_value(scope, self.header))
        if error is None:
            await self.app(scope, receive, send)
            return
        body = problem(error.status, error.detail, title=error.title, slug=error.slug, instance=scope["path"])
        await problem_response(body, headers=error.headers)(scope, _no_body, send)


async def _no_body() -> Message:  # a refused request's body is never read
    return {"type": "http.disconnect"}


# On every response: no MIME sniffing, no framing by other sites, no referrer
# sent onwards. The playground adds its Content-Security-Policy.
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)


class SecurityHeadersMiddleware:
    """Add :data:`SECURITY_HEADERS` to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
