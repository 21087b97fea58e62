"""The HTTP/1.1 protocol ``krquality serve`` runs: uvicorn's httptools protocol with limits.

uvicorn's fast protocol (httptools) reads request headers of any size (a
100 MB header on ``GET /healthz`` was answered 200) and keeps a connection
that never sends a complete request open for ever (1,000 silent clients
held their sockets for over a minute, and health probes failed once the
process ran out of file descriptors). :class:`GuardedHttpToolsProtocol`
adds, per connection:

* a limit on the bytes of a request's line and headers (``max_header_bytes``):
  a request over it gets a 431 problem document and the connection is
  closed; counted as the bytes arrive, so a header sent without end is
  dropped once it passes the limit, not buffered;
* a time limit on reading them (``header_timeout``), from the moment the
  connection opens or the first byte of the next request arrives: a client
  that sends nothing, or trickles its headers, is disconnected;
* a time limit on reading the request's body (``body_timeout``), from the
  end of its headers to the end of its body: a client that trickles its body
  (a few bytes now and then, each read well inside any per-read timeout)
  gets a 408 problem document and is disconnected, and the route waiting for
  the body sees the client gone. While the server itself stops reading (the
  route has not yet taken what arrived, or the request waits behind a
  pipelined one) the client is not at fault, and the clock waits.

Idle keep-alive connections between requests are uvicorn's own
``timeout_keep_alive``; its other errors are answered as problem documents
too. The limits come from the ``KRQ_*`` environment
(:class:`~krquality.api.settings.Settings`), read once per process, since
uvicorn builds the protocol itself in every worker process.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from krquality.api.problems import PROBLEM_MEDIA_TYPE

logger = logging.getLogger("krquality.api")

# uvicorn's import path of this protocol: the ``http`` option of uvicorn.run.
PROTOCOL = "krquality.api.protocol:GuardedHttpToolsProtocol"


class HeadersTooLarge(Exception):
    """Raised in a parser callback when the request's head is over the limit."""


@functools.cache
def _limits() -> tuple[int, float, float]:
    from krquality.api.settings import Settings

    settings = Settings()
    return settings.max_header_bytes, settings.header_timeout, settings.body_timeout


def problem_bytes(status: int, reason: str, detail: str, *, slug: str) -> bytes:
    """A complete HTTP/1.1 response carrying a problem document, closing the connection.

    >>> problem_bytes(431, "Request Header Fields Too Large", "too big", slug="headers-too-large")[:45]
    b'HTTP/1.1 431 Request Header Fields Too Large\\r'
    """
    body = json.dumps(
        {"type": f"urn:krquality:problem:{slug}", "title": reason, "status": status, "detail": detail}
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: {PROBLEM_MEDIA_TYPE}\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """:class:`~uvicorn.protocols.http.httptools_impl.HttpToolsProtocol` with a size and a
    time limit on each request's head (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_header_bytes, self.header_timeout, self.body_timeout = _limits()
        self._head_bytes = 0  # bytes received since the current request's head began
        self._exact_head = 0  # bytes of its line and headers the parser has handed over
        self._reading_head = True
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        self._disarm_body_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():
            return
        self._unset_keepalive_if_required()
        if self._reading_head:
            self._head_bytes += len(data)
            if self._head_timer is None:
                self._arm_head_timer()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():  # pragma: no cover - the app has no websockets
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
            return
        except httptools.HttpParserError as e:
            if isinstance(e.__context__, HeadersTooLarge):  # raised in a callback below
                self._reject_head()
                return
            self.logger.warning("Invalid HTTP request received.")
            self.send_400_response("the request is not valid HTTP/1.1")
            return
        if self._reading_head and self._head_bytes > self.max_header_bytes:
            self._reject_head()  # still no end of the head in sight

    # Parser callbacks: the exact size of a head that arrived whole in one read.
    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._exact_head = 0

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._reading_head = False
        self._disarm_head_timer()
        super().on_headers_complete()
        # The body's clock; a request without a body completes at once and stops it.
        self._arm_body_timer()

    def on_message_complete(self) -> None:
        self._disarm_body_timer()
        super().on_message_complete()
        # The next request's head begins; its timer starts with its first byte.
        self._reading_head = True
        self._head_bytes = 0

    def _count(self, size: int) -> None:
        self._exact_head += size
        if self._exact_head > self.max_header_bytes:
            raise HeadersTooLarge

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request it cannot parse, as a problem document."""
        self.transport.write(problem_bytes(400, "Bad Request", msg, slug="bad-http-request"))
        self.transport.close()

    def _reject_head(self) -> None:
        logger.info(
            "refused a request whose line and headers are over %d bytes (KRQ_MAX_HEADER_BYTES)",
            self.max_header_bytes,
        )
        detail = f"the request line and headers are over {self.max_header_bytes} bytes (KRQ_MAX_HEADER_BYTES)"
        self.transport.write(
            problem_bytes(431, "Request Header Fields Too Large", detail, slug="headers-too-large")
        )
        self.transport.close()

    def _arm_head_timer(self) -> None:
        self._disarm_head_timer()
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or not self._reading_head:
            return
        if self.cycle is not None and not self.cycle.response_complete:
            return  # a response is still being written (pipelining): not idle
        logger.debug("closed a connection that sent no complete request head in %g s", self.header_timeout)
        if self._head_bytes:
            detail = f"the request line and headers did not arrive within {self.header_timeout:g} s"
            self.transport.write(problem_bytes(408, "Request Timeout", detail, slug="header-timeout"))
        self.transport.close()

    def _arm_body_timer(self) -> None:
        self._disarm_body_timer()
        self._body_timer = self.loop.call_later(self.body_timeout, self._body_timed_out)

    def _disarm_body_timer(self) -> None:
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _body_timed_out(self) -> None:
        self._body_timer = None
        if self.transport.is_closing() or self._reading_head:
            return
        if self.flow.read_paused:
            # The server is not reading (the route has not taken what came, or a pipelined
            # request waits its turn): the client is not the slow one. Its clock starts again.
            self._arm_body_timer()
            return
        cycle = self.cycle
        client = f"{self.client[0]}:{self.client[1]}" if self.client else "a client"
        logger.info(
            "closed the connection of %s: its request body did not arrive within %g s (KRQ_BODY_TIMEOUT)",
            client,
            self.body_timeout,
        )
        if cycle is not None and not cycle.response_started:
            # The route still waits for the body: it is told the client left, and answers no one.
            cycle.disconnected = True
            cycle.message_event.set()
            detail = f"the request body did not arrive within {self.body_timeout:g} s (KRQ_BODY_TIMEOUT)"
            self.transport.write(problem_bytes(408, "Request Timeout", detail, slug="body-timeout"))
        self.transport.close()


# Open files the service asks for: each connection takes one, and so does
# each model file and pipe; Linux's default soft limit is often 1,024.
WANTED_OPEN_FILES = 65_536


def raise_open_file_limit(wanted: int = WANTED_OPEN_FILES) -> tuple[int, int]:
    """Raise this process's soft limit on open files towards ``wanted`` (at most the hard limit).

    Returns the (soft, hard) limits now in force; logs what it did, and a
    warning when the hard limit leaves fewer than 4,096. Without ``resource``
    (off Unix) nothing changes and (-1, -1) is returned.

    >>> soft, hard = raise_open_file_limit(16)
    >>> soft >= 16 or soft == -1
    True
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return -1, -1
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            logger.info("raised the open-file limit from %d to %d", soft, target)
            soft = target
        except (ValueError, OSError) as e:
            logger.warning("could not raise the open-file limit from %d: %s", soft, e)
    if soft != resource.RLIM_INFINITY and soft < 4096:
        logger.warning(
            "the open-file limit is %d: each connection takes one; raise it (ulimit -n) for many clients",
            soft,
        )
    return soft, hard
