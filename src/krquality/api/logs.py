"""Structured logs for ``krquality serve``: level, timestamp and request id on every line.

uvicorn configures its own loggers only, so krquality's lines reached the
terminal through Python's last-resort handler: a bare message, no level, no
time. :func:`log_config` is the ``logging.config`` dictionary uvicorn applies
in every worker process: one format for uvicorn's and krquality's lines,
plain text or one JSON object per line (``KRQ_LOG_FORMAT=json``), each with
the id of the request it belongs to (:class:`RequestIdMiddleware`).
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from typing import Any

from krquality.api.middleware import ASGIApp, Message, Receive, Scope, Send, header_value

# The id of the request being served, for log lines written while serving it.
REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("krq_request_id", default="-")
# An id a client or proxy sends is kept when it is short and plain, else replaced.
_CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
HEADER = b"x-request-id"


class RequestIdFilter(logging.Filter):
    """Put the current request's id on every record, as ``record.request_id``."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, request id, message.

    >>> record = logging.LogRecord("krquality.api", logging.WARNING, __file__, 1, "hello %s", ("you",), None)
    >>> record.request_id = "r1"
    >>> sorted(json.loads(JsonFormatter().format(record)))
    ['level', 'logger', 'message', 'request_id', 'time']
    """

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def log_config(level: str, *, json_lines: bool) -> dict[str, Any]:
    """The ``logging.config.dictConfig`` of the service (uvicorn's ``log_config``).

    >>> log_config("info", json_lines=True)["formatters"]["default"]["()"]
    'krquality.api.logs.JsonFormatter'
    """
    formatter: dict[str, Any] = (
        {"()": "krquality.api.logs.JsonFormatter"}
        if json_lines
        else {"format": TEXT_FORMAT, "datefmt": "%Y-%m-%dT%H:%M:%S%z"}
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "default",
        "filters": ["request_id"],
        "stream": "ext://sys.stderr",
    }
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "krquality.api.logs.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {"default": handler},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["default"], "level": level, "propagate": False},
            "krquality": {"handlers": ["default"], "level": level, "propagate": False},
        },
    }


class RequestIdMiddleware:
    """Give each request an id (the client's ``X-Request-ID`` if plain, else a new one),
    set it for the log lines written while serving it, and send it back in ``X-Request-ID``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        text = (header_value(scope, HEADER) or b"").decode("latin-1")
        request_id = text if _CLIENT_ID.fullmatch(text) else uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (HEADER, request_id.encode("latin-1"))]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(token)
