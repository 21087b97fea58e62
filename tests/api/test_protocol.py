"""Connection hygiene of ``krquality serve``, probed with raw sockets on a real server.

Request heads have a size limit (431) and a time limit (silent or trickling
clients are disconnected), idle keep-alive connections are closed, and the
server does not name itself.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from .server import Server, krquality_command, start_server

pytestmark = pytest.mark.slow

HEADER_LIMIT = 4096
HEAD_TIMEOUT = 1.0


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = start_server(
        [*krquality_command(), "serve"],
        env={
            "KRQ_MAX_HEADER_BYTES": str(HEADER_LIMIT),
            "KRQ_HEADER_TIMEOUT": str(HEAD_TIMEOUT),
            "KRQ_KEEP_ALIVE_TIMEOUT": "1",
            "KRQ_ANALYSIS_PROCESSES": "0",
        },
    )
    try:
        yield running
    finally:
        running.stop()


def connect(server: Server) -> socket.socket:
    port = int(server.url.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    return sock


def read_all(sock: socket.socket, timeout: float = 5.0) -> bytes:
    """Everything until the server closes the connection (or ``timeout``)."""
    sock.settimeout(timeout)
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return data


def test_a_header_over_the_limit_is_a_431_problem(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * (HEADER_LIMIT * 4) + b"\r\n\r\n")
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert b"application/problem+json" in answer and b"KRQ_MAX_HEADER_BYTES" in answer


def test_a_header_without_end_is_cut_off_once_over_the_limit(server: Server) -> None:
    """A client that streams one header for ever gets its 431 and loses the connection."""
    sent = 0
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Endless: ")
        try:
            for _ in range(2000):  # up to 20 MB
                sock.sendall(b"b" * 10_000)
                sent += 10_000
        except OSError:  # the server closed: what we expect
            pass
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert sent < 2000 * 10_000


def test_many_small_headers_count_too(server: Server) -> None:
    headers = b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 40) for i in range(200))
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n" + headers + b"\r\n")
        assert read_all(sock).startswith(b"HTTP/1.1 431 ")


def test_a_silent_client_is_disconnected(server: Server) -> None:
    with connect(server) as sock:
        started = time.monotonic()
        assert read_all(sock, timeout=HEAD_TIMEOUT + 4) == b""
        assert time.monotonic() - started < HEAD_TIMEOUT + 3


def test_a_trickling_client_gets_a_408(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\n")
        started = time.monotonic()
        time.sleep(HEAD_TIMEOUT / 2)
        sock.sendall(b"X-Slow: 1\r\n")  # bytes keep coming, the head never ends
        answer = read_all(sock, timeout=HEAD_TIMEOUT + 4)
    assert answer.startswith(b"HTTP/1.1 408 ") and b"header-timeout" in answer
    assert time.monotonic() - started < HEAD_TIMEOUT + 3


def test_an_idle_keep_alive_connection_is_closed(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        answer = read_all(sock, timeout=4)  # the answer, then the close after 1 s idle
    assert answer.startswith(b"HTTP/1.1 200 ")
    assert answer.count(b"HTTP/1.1") == 1


def test_a_normal_request_is_served_and_the_server_does_not_name_itself(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        answer = read_all(sock)
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 200 ")
    assert b"\r\nserver:" not in head


def test_a_request_that_is_not_http_is_a_400_problem(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"\x16\x03\x01 not http at all\r\n\r\n")
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 400 ") and b"application/problem+json" in answer
