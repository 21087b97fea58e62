"""Log lines of a real server: level, timestamp and request id, as text or JSON."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from .server import krquality_command, start_server

pytestmark = pytest.mark.slow


def test_json_lines_carry_level_time_and_the_request_id() -> None:
    server = start_server(
        [*krquality_command(), "serve"],
        env={"KRQ_LOG_FORMAT": "json", "KRQ_LOG_LEVEL": "info", "KRQ_ANALYSIS_PROCESSES": "0"},
    )
    try:
        response = httpx.get(f"{server.url}/healthz", headers={"X-Request-ID": "probe-42"})
        assert response.headers["x-request-id"] == "probe-42"
        generated = httpx.get(f"{server.url}/healthz", headers={"X-Request-ID": "bad id; " + "x" * 80})
        assert re.fullmatch(r"[0-9a-f]{32}", generated.headers["x-request-id"])
    finally:
        assert server.stop() == 0
    lines = [json.loads(line) for line in server.log().splitlines() if line.strip()]
    assert all({"time", "level", "logger", "message", "request_id"} <= set(line) for line in lines)
    assert any(line["logger"] == "krquality.api" and "ready" in line["message"] for line in lines)
    access = [line for line in lines if line["logger"] == "uvicorn.access"]
    assert any(line["request_id"] == "probe-42" and "/healthz" in line["message"] for line in access)


def test_text_lines_have_a_level_and_a_timestamp() -> None:
    server = start_server(
        [*krquality_command(), "serve"], env={"KRQ_LOG_LEVEL": "info", "KRQ_ANALYSIS_PROCESSES": "0"}
    )
    server.stop()
    ready = [line for line in server.log().splitlines() if "krquality.api" in line and "ready" in line]
    assert ready and re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S* INFO krquality\.api \[-\] model ", ready[0])
