"""The concurrency limit, the shutdown answer and one problem type per cause of a bad body."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krquality.api.middleware import ShutdownMiddleware, header_value

from .conftest import ClientFactory
from .stub import StubAnalyzer
from .test_problems import assert_problem


def test_requests_over_the_concurrency_limit_get_a_503_but_probes_do_not(make_client: ClientFactory) -> None:
    slow = StubAnalyzer(delay=0.5)
    client = make_client(analyzer=slow, max_concurrent_requests=2, micro_batch=1, analysis_threads=4)
    statuses: list[int] = []

    def post() -> None:
        statuses.append(client.post("/v1/classify/batch", json={"texts": ["Ship it"]}).status_code)

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    waited = 0.0
    while slow._running < 2 and waited < 5:  # both analyses under way
        time.sleep(0.01)
        waited += 0.01
    refused = client.post("/v1/classify", json={"text": "Ship it"})
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    for thread in threads:
        thread.join()
    body = assert_problem(refused, 503, mentions="its limit")
    assert body["type"] == "urn:krquality:problem:too-busy"
    assert refused.headers["retry-after"] == "1"
    assert statuses == [200, 200]


def test_a_request_cancelled_by_shutdown_is_a_503_problem() -> None:
    sent: list[dict[str, Any]] = []

    async def cancelled_app(scope: Any, receive: Any, send: Any) -> None:
        raise asyncio.CancelledError("Task cancelled, timeout graceful shutdown exceeded")

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v1/okrs", "headers": []}
    asyncio.run(ShutdownMiddleware(cancelled_app)(scope, receive, send))
    start, body = sent
    headers = dict(start["headers"])
    assert start["status"] == 503 and headers[b"retry-after"] == b"1"
    assert headers[b"content-type"] == b"application/problem+json"
    assert json.loads(body["body"])["type"] == "urn:krquality:problem:shutting-down"


def test_a_response_already_started_is_not_replaced() -> None:
    async def half_app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        raise asyncio.CancelledError

    async def send(message: dict[str, Any]) -> None:
        return None

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(ShutdownMiddleware(half_app)(scope_for("/"), receive, send))


def scope_for(path: str) -> dict[str, Any]:
    return {"type": "http", "method": "GET", "path": path, "headers": []}


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    ("path", "kwargs", "status", "slug"),
    [
        (
            "/v1/classify",
            {"content": '{"text": ' + nested(100_000) + "}", "headers": {"content-type": "application/json"}},
            400,
            "too-deeply-nested",
        ),
        ("/v2/check", {"data": {"data": nested(1000), "language": "en-US"}}, 400, "bad-request"),
        (
            "/v2/check",
            {"data": {"data": '{"annotation": ' + nested(5000) + "}", "language": "en-US"}},
            400,
            "bad-request",
        ),
        ("/v2/check", {"files": {"text": (None, "x" * 1_100_000)}, "data": {"language": "en-US"}}, 413, None),
        (
            "/v1/classify",
            {"content": b'{"text": "\xff"}', "headers": {"content-type": "application/json"}},
            400,
            "invalid-utf8",
        ),
        ("/nothing", {}, 404, "not-found"),
    ],
)
def test_every_error_has_a_problem_type_of_its_own(
    make_client: ClientFactory, path: str, kwargs: dict[str, Any], status: int, slug: str | None
) -> None:
    client = make_client(max_body_bytes=4_000_000)
    body = assert_problem(client.post(path, **kwargs), status)
    assert body["type"] != "about:blank"
    if slug is not None:
        assert body["type"] == f"urn:krquality:problem:{slug}"


def test_a_streamed_body_over_the_limit_has_the_announced_body_type(make_client: ClientFactory) -> None:
    """Counted while it arrives or refused from Content-Length: one type, body-too-large."""
    client = make_client(max_body_bytes=2048)

    def chunks() -> Any:
        yield b'{"text": "'
        for _ in range(10):
            yield b"a" * 1000
        yield b'"}'

    streamed = client.post("/v1/classify", content=chunks(), headers={"content-type": "application/json"})
    announced = client.post("/v1/classify", json={"text": "a" * 5000})
    for response in (streamed, announced):
        assert assert_problem(response, 413)["type"] == "urn:krquality:problem:body-too-large"


_NAMES = st.binary(min_size=1, max_size=8).map(bytes.lower)


@given(st.lists(st.tuples(_NAMES, st.binary(max_size=8)), max_size=6), _NAMES)
def test_header_value_is_the_first_header_of_that_name_or_none(
    headers: list[tuple[bytes, bytes]], name: bytes
) -> None:
    expected = [value for key, value in headers if key == name]
    assert header_value({"headers": headers}, name) == (expected[0] if expected else None)
