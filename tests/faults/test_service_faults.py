"""Fault injection: hostile clients and unlucky operators against a real ``krquality serve``.

Each probe runs on loopback against a real server process, bounded in time,
and checks that the service answers with a problem document (or closes the
connection) instead of growing, blocking others or crashing.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from tests.api.server import Server, krquality_command, start_server

pytestmark = pytest.mark.slow

KEY = "clé du service"  # non-ASCII on purpose
LONG_KR = "Increase the share of weekly active project teams that export a quarterly report " * 12  # ~1,000


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = start_server(
        [*krquality_command(), "serve"],
        env={
            "KRQ_HEADER_TIMEOUT": "2",
            "KRQ_MAX_ANALYSIS_SECONDS": "1",
            "KRQ_API_KEY": KEY,
            "KRQ_ANALYSIS_PROCESSES": "1",
        },
    )
    try:
        yield running
    finally:
        running.stop()


def client(server: Server) -> httpx.Client:
    return httpx.Client(base_url=server.url, timeout=30, headers={"X-API-Key": KEY.encode()})


def port_of(server: Server) -> int:
    return int(server.url.rsplit(":", 1)[1])


def assert_problem(response: httpx.Response, status: int, slug: str) -> None:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == f"urn:krquality:problem:{slug}"
    assert len(response.content) < 4096  # a refusal stays small whatever was sent


def test_huge_requests_are_refused_quickly_and_small(server: Server) -> None:
    with client(server) as http:
        started = time.monotonic()
        markdown = "# Grow\n" + "".join(f"- {LONG_KR}\n" for _ in range(1000))
        assert_problem(http.post("/v1/okrs/markdown", json={"markdown": markdown}), 413, "text-too-large")
        objectives = "".join(f"Objective: goal {i}\n" for i in range(60_000))
        assert_problem(http.post("/v1/okrs/markdown", json={"markdown": objectives}), 413, "text-too-large")
        lines = "\n".join([LONG_KR] * 1000)
        assert_problem(
            http.post("/v2/check", data={"text": lines, "language": "en-US"}), 413, "text-too-large"
        )
        assert_problem(
            http.post("/v1/classify/batch", json={"texts": [LONG_KR] * 1000}), 413, "text-too-large"
        )
        assert time.monotonic() - started < 20


def test_a_request_over_its_time_budget_is_answered_and_others_are_not_held(server: Server) -> None:
    texts = [
        f"Improve how team {i} reviews designs and shares what it learns across the org" for i in range(1000)
    ]
    outcome: dict[str, httpx.Response] = {}

    def batch() -> None:
        with client(server) as http:
            outcome["batch"] = http.post("/v1/classify/batch", json={"texts": texts})

    thread = threading.Thread(target=batch)
    thread.start()
    time.sleep(0.3)
    with client(server) as http:
        started = time.monotonic()
        assert http.get("/healthz").status_code == 200
        assert http.post("/v1/classify", json={"text": "Ship the partner portal"}).status_code == 200
        waited = time.monotonic() - started
    thread.join(timeout=60)
    assert_problem(outcome["batch"], 503, "analysis-timeout")
    assert outcome["batch"].headers["retry-after"]
    assert waited < 3.0


def test_silent_clients_are_disconnected_and_probes_still_answer(server: Server) -> None:
    sockets = [socket.create_connection(("127.0.0.1", port_of(server)), timeout=10) for _ in range(200)]
    try:
        with client(server) as http:
            assert http.get("/healthz").status_code == 200
        time.sleep(3)  # past KRQ_HEADER_TIMEOUT=2
        closed = 0
        for sock in sockets:
            sock.settimeout(2)
            with contextlib.suppress(TimeoutError, ConnectionResetError):
                closed += sock.recv(1) == b""
        assert closed == len(sockets)
    finally:
        for sock in sockets:
            sock.close()


def test_a_huge_header_is_a_431(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", port_of(server)), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: ")
        with contextlib.suppress(OSError):
            for _ in range(100):  # up to 100 MB; the server cuts it off far sooner
                sock.sendall(b"a" * 1_000_000)
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 431 ")


def test_deeply_nested_input_is_a_4xx(server: Server) -> None:
    with client(server) as http:
        data = '{"annotation": ' + "[" * 1000 + "]" * 1000 + "}"
        response = http.post("/v2/check", data={"data": data, "language": "en"})
        assert_problem(response, 400, "bad-request")
        deeper = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
        raw = http.post("/v1/classify", content=deeper, headers={"content-type": "application/json"})
        assert_problem(raw, 400, "too-deeply-nested")
    assert "Traceback" not in server.log()


def test_the_key_is_checked_before_the_body_and_compared_as_utf8(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        assert_problem(
            http.post("/v1/classify", content=b"{" * 100_000, headers={"content-type": "application/json"}),
            401,
            "unauthorized",
        )
    with client(server) as http:
        assert http.post("/v1/classify", json={"text": "Ship the portal"}).status_code == 200


def test_a_lost_helper_shows_as_degraded(server: Server) -> None:
    with client(server) as http:
        assert http.get("/readyz").json()["degraded"] is False
        helpers = psutil.Process(server.process.pid).children()
        assert helpers, "the worker was started with one helper process"
        for helper in helpers:
            helper.kill()
        deadline = time.monotonic() + 10
        while not http.get("/readyz").json()["degraded"] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert http.get("/readyz").json()["degraded"] is True
        assert "krq_degraded 1.0" in http.get("/metrics").text
        assert http.post("/v1/classify", json={"text": "Grow revenue 10%"}).status_code == 200


def test_errors_have_one_shape_and_small_exposures_are_closed(server: Server) -> None:
    with client(server) as http:
        assert_problem(
            http.post("/v1/classify", content=b"x" * 3_000_000, headers={"content-type": "application/json"}),
            413,
            "body-too-large",
        )
        assert_problem(
            http.post("/v1/classify", content=b"text", headers={"content-type": "text/plain"}),
            415,
            "unsupported-media-type",
        )
        page = http.get("/")
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        assert "server" not in page.headers
        assert 'route="/v1/classify",status="415"' in http.get("/metrics").text


def test_shutdown_past_the_grace_period_answers_503_and_exits_0() -> None:
    running = start_server(
        [*krquality_command(), "serve"], env={"KRQ_GRACEFUL_TIMEOUT": "1", "KRQ_ANALYSIS_PROCESSES": "0"}
    )
    texts = [
        f"Improve how team {i} reviews designs and shares what it learns across the org" for i in range(1000)
    ]
    outcome: dict[str, httpx.Response] = {}

    def batch() -> None:
        outcome["batch"] = httpx.post(f"{running.url}/v1/classify/batch", json={"texts": texts}, timeout=60)

    thread = threading.Thread(target=batch)
    thread.start()
    time.sleep(0.5)
    code = running.stop()
    thread.join(timeout=60)
    assert code == 0
    assert_problem(outcome["batch"], 503, "shutting-down")
    assert outcome["batch"].headers["retry-after"]


def test_a_model_that_fails_shows_no_path(tmp_path: Path) -> None:
    missing = tmp_path / "secret-dir" / "model.joblib"
    port = int(start_port())
    env = {**os.environ, "KRQ_HOST": "127.0.0.1", "KRQ_PORT": str(port), "KRQ_MODEL_PATH": str(missing)}
    # `krquality serve` refuses a bad model before it starts (exit 2, one line); a
    # service started another way (uvicorn or gunicorn on the app factory) comes up
    # and reports the failure on /readyz, which is what is probed here.
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "krquality.api.app:create_app",
         "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        body: dict[str, object] = {}
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.TransportError):
                body = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).json()
                if body.get("status") == "failed":
                    break
            time.sleep(0.1)
        assert body.get("status") == "failed"
        assert "secret-dir" not in json.dumps(body) and str(tmp_path) not in json.dumps(body)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_a_blank_api_key_stops_the_start() -> None:
    # Empty and other blank values: tests/api/test_settings.py.
    env = {**os.environ, "KRQ_API_KEY": "   ", "KRQ_PORT": str(start_port())}
    result = subprocess.run(
        [*krquality_command(), "serve"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "KRQ_API_KEY" in result.stderr


def start_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
