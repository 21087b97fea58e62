"""``POST /v1/classify`` and ``/v1/classify/batch`` on the stub analyzer (the service's own behaviour)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from krquality.api.routes.classify import CHUNK

from .stub import StubAnalyzer


def test_classify_returns_what_the_analyzer_returns(client: TestClient) -> None:
    body = client.post("/v1/classify", json={"text": "Hold weekly pipeline reviews"}).json()
    assert body["label"] == "task"
    assert body["probabilities"] == {"metric": 0.1, "milestone": 0.1, "task": 0.8}
    assert body["features"]["body"] == {"start": 0, "end": 28, "text": "Hold weekly pipeline reviews"}
    assert body["findings"][0] | {"fix": None} == {
        "code": "KRQ301",
        "name": "task.activity",
        "severity": "warning",
        "message": "This describes an activity.",
        "start": 0,
        "end": 4,
        "fix": None,
    }
    assert body["suggestions"][0]["fixes"] == ["KRQ301"]
    assert (body["score"], body["grade"], body["model_version"]) == (80, "C", "krq-stub-1")


def test_suggestions_can_be_turned_off(client: TestClient) -> None:
    body = client.post("/v1/classify", json={"text": "Hold reviews", "suggestions": False}).json()
    assert body["suggestions"] == []


def test_a_batch_keeps_input_order_and_isolates_bad_items(client: TestClient) -> None:
    texts = ["Launch the portal", "", "Grow revenue 10%", "x" * 1001, "Hold reviews"]
    body = client.post("/v1/classify/batch", json={"texts": texts, "suggestions": False}).json()
    assert [item["index"] for item in body["results"]] == [0, 1, 2, 3, 4]
    assert [item["result"]["label"] if item["result"] else None for item in body["results"]] == [
        "milestone",
        None,
        "metric",
        None,
        "task",
    ]
    errors = {item["index"]: item["error"] for item in body["results"] if item["error"]}
    assert errors[1]["status"] == 422 and errors[1]["errors"][0]["field"] == "texts[1]"
    assert "limit is 1000" in errors[3]["detail"]
    assert (body["n_ok"], body["n_errors"]) == (3, 2)


def test_a_batch_is_one_analyzer_call_per_chunk(client: TestClient, stub: StubAnalyzer) -> None:
    client.post("/v1/classify/batch", json={"texts": ["Ship it"] * CHUNK})
    assert stub.calls == 1
    client.post("/v1/classify/batch", json={"texts": ["Ship it"] * (2 * CHUNK + 1)})
    assert stub.calls == 1 + 3


def test_a_chunked_batch_keeps_input_order_across_chunk_boundaries(client: TestClient) -> None:
    texts = [f"Grow revenue {i}%" for i in range(3 * CHUNK + 5)]
    bad = {0, CHUNK - 1, CHUNK, 2 * CHUNK + 1, len(texts) - 1}
    for i in bad:
        texts[i] = " "
    body = client.post("/v1/classify/batch", json={"texts": texts, "suggestions": False}).json()
    assert [item["index"] for item in body["results"]] == list(range(len(texts)))
    assert {item["index"] for item in body["results"] if item["error"]} == bad
    assert [item["result"]["text"] for item in body["results"] if item["result"]] == [
        t for i, t in enumerate(texts) if i not in bad
    ]
    assert (body["n_ok"], body["n_errors"]) == (len(texts) - len(bad), len(bad))


def test_a_batch_of_only_bad_items_still_answers_200(client: TestClient) -> None:
    body = client.post("/v1/classify/batch", json={"texts": [" ", ""]}).json()
    assert (body["n_ok"], body["n_errors"]) == (0, 2)


def test_an_empty_batch_is_a_422(client: TestClient) -> None:
    response = client.post("/v1/classify/batch", json={"texts": []})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "texts"
