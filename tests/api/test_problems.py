"""Bad input gets a 4xx problem document naming the field, never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from .conftest import ClientFactory

PROBLEM = "application/problem+json"


def assert_problem(response: object, status: int, *, mentions: str = "") -> dict[str, object]:
    assert hasattr(response, "status_code") and hasattr(response, "headers") and hasattr(response, "json")
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"].startswith(PROBLEM)  # type: ignore[attr-defined]
    body: dict[str, object] = response.json()  # type: ignore[attr-defined]
    assert body["status"] == status
    assert {"type", "title", "detail"} <= set(body)
    assert mentions in str(body["detail"])
    return body


@pytest.mark.parametrize(
    ("payload", "field", "mentions"),
    [
        ({"text": ""}, "text", "text"),
        ({"text": "   \n\t"}, "text", "text is empty"),
        ({"text": "x" * 1001}, "text", "limit is 1000"),
        ({}, "text", "text: field required"),
        ({"text": 42}, "text", "text"),
        ({"text": "Ship it", "colour": "red"}, "colour", "colour"),
    ],
)
def test_a_bad_key_result_is_a_422_naming_the_field(
    client: TestClient, payload: dict[str, object], field: str, mentions: str
) -> None:
    body = assert_problem(client.post("/v1/classify", json=payload), 422, mentions=mentions)
    assert [e["field"] for e in body["errors"]] == [field]  # type: ignore[union-attr,index]


def test_the_length_limit_is_configurable(make_client: ClientFactory) -> None:
    client = make_client(max_chars=20)
    assert_problem(client.post("/v1/classify", json={"text": "x" * 21}), 422, mentions="limit is 20")
    assert client.post("/v1/classify", json={"text": "Ship the portal"}).status_code == 200


def test_malformed_json_is_a_400(client: TestClient) -> None:
    response = client.post("/v1/classify", content=b'{"text": ', headers={"content-type": "application/json"})
    assert_problem(response, 400, mentions="not valid JSON")


def test_invalid_utf8_is_a_400_naming_the_byte(client: TestClient) -> None:
    response = client.post(
        "/v1/classify", content=b'{"text": "caf\xe9"}', headers={"content-type": "application/json"}
    )
    assert_problem(response, 400, mentions="not valid UTF-8 (byte 13)")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_body_that_is_not_json_is_a_415(client: TestClient, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/v1/classify", content=b"text=Ship+it", headers=headers)
    assert_problem(response, 415, mentions="application/json")


def test_a_json_suffix_media_type_is_accepted(client: TestClient) -> None:
    response = client.post(
        "/v1/classify",
        content=b'{"text": "Ship it"}',
        headers={"content-type": "application/vnd.krq+json; charset=utf-8"},
    )
    assert response.status_code == 200


def test_a_declared_body_over_the_limit_is_a_413(make_client: ClientFactory) -> None:
    client = make_client(max_body_bytes=2048)
    response = client.post("/v1/classify", json={"text": "x" * 5000})
    assert_problem(response, 413, mentions="limit is 2048")


def test_a_chunked_body_over_the_limit_is_a_413_counted_as_it_arrives(make_client: ClientFactory) -> None:
    client = make_client(max_body_bytes=2048)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the middleware must count
        yield b'{"text": "'
        for _ in range(10):
            yield b"x" * 500
        yield b'"}'

    response = client.post("/v1/classify", content=chunks(), headers={"content-type": "application/json"})
    assert_problem(response, 413, mentions="over the limit of 2048 bytes")


def test_too_many_items_is_a_413_naming_the_field(make_client: ClientFactory) -> None:
    client = make_client(max_batch=3)
    body = assert_problem(
        client.post("/v1/classify/batch", json={"texts": ["Ship it"] * 4}), 413, mentions="limit is 3"
    )
    assert body["errors"] == [
        {"field": "texts", "message": "texts has 4 key results; the limit is 3 (KRQ_MAX_BATCH)"}
    ]


def test_an_unknown_route_and_a_wrong_method_are_problems_too(client: TestClient) -> None:
    assert_problem(client.get("/v1/nothing"), 404, mentions="/v1/nothing")
    assert_problem(client.get("/v1/classify"), 405)


def test_an_unexpected_error_is_a_logged_500_problem_without_internals(
    make_client: ClientFactory, stub: object, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken:
        model_version = "x"

        def analyze(self, text: str, *, suggestions: bool = True) -> object:
            raise RuntimeError("secret internals")

    client = make_client(analyzer=Broken())
    body = assert_problem(client.post("/v1/classify", json={"text": "Ship it"}), 500)
    assert "secret" not in str(body)
    assert "secret internals" in caplog.text


def test_the_model_still_loading_is_a_503_with_retry_after(client: TestClient) -> None:
    client.app.state.analyzer = None  # type: ignore[attr-defined]
    response = client.post("/v1/classify", json={"text": "Ship it"})
    assert_problem(response, 503, mentions="still loading")
    assert response.headers["retry-after"] == "1"
