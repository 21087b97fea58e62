"""Limits on connections, over real sockets, under ``krquality serve`` and under gunicorn alike.

Each probe talks raw HTTP/1.1 to a real server on loopback, with short
limits so it stays bounded in time: a head over ``KRQ_MAX_HEADER_BYTES``, a
head that never ends (``KRQ_HEADER_TIMEOUT``), a body trickled a byte at a
time (``KRQ_BODY_TIMEOUT``), an idle keep-alive connection
(``KRQ_KEEP_ALIVE_TIMEOUT``) and one request too many
(``KRQ_MAX_CONCURRENT_REQUESTS``).
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.api.server import ROOT, Server, krquality_command, start_server

pytestmark = pytest.mark.slow

GUNICORN_CONF = ROOT / "service" / "gunicorn.conf.py"
LIMITS = {
    "KRQ_MAX_HEADER_BYTES": "4096",
    "KRQ_HEADER_TIMEOUT": "2",
    "KRQ_BODY_TIMEOUT": "2",
    "KRQ_KEEP_ALIVE_TIMEOUT": "1",
    "KRQ_MAX_CONCURRENT_REQUESTS": "1",
    "KRQ_ANALYSIS_PROCESSES": "0",
    "KRQ_LOG_LEVEL": "info",
}


def post_head(length: int, *extra: str) -> bytes:
    """The head of a JSON POST to /v1/classify announcing ``length`` bytes of body."""
    lines = ["POST /v1/classify HTTP/1.1", "Host: t", "Content-Type: application/json"]
    lines += [f"Content-Length: {length}", *extra]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def gunicorn_command() -> list[str]:
    """gunicorn of this interpreter's environment with the service's config."""
    script = Path(sys.executable).parent / "gunicorn"
    if not script.exists():  # pragma: no cover - the dev extra installs it
        pytest.skip("gunicorn is not installed (pip install 'krquality[gunicorn]')")
    return [str(script), "-c", str(GUNICORN_CONF)]


@pytest.fixture(scope="module", params=["serve", "gunicorn"])
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    command = [*krquality_command(), "serve"] if request.param == "serve" else gunicorn_command()
    running = start_server(command, env=LIMITS)
    try:
        yield running
    finally:
        running.stop()


def connect(server: Server) -> socket.socket:
    port = int(server.url.rsplit(":", 1)[1])
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def read_until_closed(sock: socket.socket, limit: float = 10.0) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection, and the seconds that took."""
    started = time.monotonic()
    sock.settimeout(limit)
    received = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := sock.recv(65536):
            received += chunk
    return received, time.monotonic() - started


def read_response(sock: socket.socket) -> bytes:
    """One whole response (head and Content-Length bytes of body), leaving the connection open."""
    sock.settimeout(5)
    received = b""
    while b"\r\n\r\n" not in received:
        received += sock.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


def problem_of(answer: bytes) -> tuple[int, dict[str, object]]:
    """The status and the problem document of a raw HTTP response."""
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    assert b"application/problem+json" in head.lower(), head
    return status, json.loads(body)


def test_a_head_over_the_limit_is_a_431(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n")
        answer, _ = read_until_closed(sock)
    status, problem = problem_of(answer)
    assert status == 431
    assert problem["type"] == "urn:krquality:problem:headers-too-large"


def test_a_head_that_never_ends_is_cut_off(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n")
        answer, waited = read_until_closed(sock)
    status, problem = problem_of(answer)
    assert (status, problem["type"]) == (408, "urn:krquality:problem:header-timeout")
    assert 1.5 < waited < 6


def test_a_trickled_body_is_cut_off_with_a_408_and_logged(server: Server) -> None:
    head = post_head(200)
    with connect(server) as sock:
        sock.sendall(head)
        started = time.monotonic()
        sock.settimeout(0.3)
        answer = b""
        # A byte every 0.3 s: each read is quick, the body never completes.
        while time.monotonic() - started < 8:
            try:
                sock.sendall(b" ")
                answer += sock.recv(65536)
                if answer:
                    break
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
        rest, _ = read_until_closed(sock)
        waited = time.monotonic() - started
    status, problem = problem_of(answer + rest)
    assert (status, problem["type"]) == (408, "urn:krquality:problem:body-timeout")
    assert "KRQ_BODY_TIMEOUT" in str(problem["detail"])
    assert 1.5 < waited < 6
    deadline = time.monotonic() + 5
    while "did not arrive within 2 s (KRQ_BODY_TIMEOUT)" not in server.log() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "did not arrive within 2 s (KRQ_BODY_TIMEOUT)" in server.log()
    # The service goes on serving.
    answered = httpx.post(f"{server.url}/v1/classify", json={"text": "Ship the audit log by May"}, timeout=30)
    assert answered.status_code == 200


def test_a_body_sent_in_time_is_served(server: Server) -> None:
    body = json.dumps({"text": "Cut refund handling time from 6 to 2 days"}).encode()
    with connect(server) as sock:
        sock.sendall(post_head(len(body), "Connection: close"))
        for start in range(0, len(body), 10):  # in pieces, well inside the time limit
            sock.sendall(body[start : start + 10])
            time.sleep(0.05)
        answer, _ = read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 200 ")
    assert json.loads(answer.partition(b"\r\n\r\n")[2])["label"] == "metric"


def test_an_idle_keep_alive_connection_is_closed(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        assert read_response(sock).startswith(b"HTTP/1.1 200 ")
        rest, waited = read_until_closed(sock)
    assert rest == b""
    assert waited < 4  # KRQ_KEEP_ALIVE_TIMEOUT=1


def test_one_request_over_the_concurrency_limit_is_a_503(server: Server) -> None:
    with connect(server) as holder:
        holder.sendall(post_head(50))  # in flight until its body times out
        time.sleep(0.3)
        busy = httpx.post(f"{server.url}/v1/classify", json={"text": "Ship the audit log by May"}, timeout=30)
        probe = httpx.get(f"{server.url}/healthz", timeout=30)
    assert busy.status_code == 503, busy.text
    assert busy.json()["type"] == "urn:krquality:problem:too-busy"
    assert busy.headers["retry-after"] == "1"
    assert probe.status_code == 200


def test_gunicorn_refuses_a_worker_class_without_the_limits() -> None:
    command = [*gunicorn_command(), "-k", "uvicorn_worker.UvicornWorker", "--bind", "127.0.0.1:0"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert run.returncode != 0
    assert "krquality.api.worker.GuardedUvicornWorker" in run.stderr
    assert "uvicorn_worker" in run.stderr
