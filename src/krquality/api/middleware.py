"""Pure ASGI middleware: a body guard (size, media type, UTF-8) and request metrics.

Both wrap the ASGI callables directly instead of using ``BaseHTTPMiddleware``,
so they neither buffer responses nor break streaming and cancellation.
"""

from __future__ import annotations

import codecs
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException

from krquality.api.metrics import ServiceMetrics
from krquality.api.problems import problem, problem_response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


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
                    raise HTTPException(413, f"the request body is over the limit of {limit} bytes")
                if decoder is not None:
                    try:
                        decoder.decode(chunk, final=not message.get("more_body", False))
                    except UnicodeDecodeError as e:
                        at = received - len(chunk) + e.start
                        raise HTTPException(400, f"the request body is not valid UTF-8 (byte {at})") from e
            return message

        await self.app(scope, counted_receive, send)

    async def _reject(self, scope: Scope, send: Send, status: int, detail: str, slug: str) -> None:
        response = problem_response(problem(status, detail, slug=slug, instance=scope["path"]))

        async def no_body() -> Message:  # the rejected body is never read
            return {"type": "http.disconnect"}

        await response(scope, no_body, send)


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
            template = getattr(route, "path", None) or "unmatched"
            elapsed = time.perf_counter() - started
            self.metrics.observe_request(scope["method"], template, status, elapsed)
