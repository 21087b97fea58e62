"""Per-request limits: total characters to analyse (413) and analysis time (503 or partial)."""

from __future__ import annotations

import time

import pytest

from .conftest import ClientFactory
from .stub import StubAnalyzer
from .test_problems import assert_problem

LONG = "Increase the share of weekly active project teams that export a report " * 10  # 720 chars


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/v1/classify/batch", {"texts": [LONG] * 20}),
        ("/v1/okrs", {"objectives": [{"title": "Grow", "key_results": [LONG] * 20}]}),
        ("/v1/okrs", {"objectives": [{"title": "T" * 900, "key_results": ["Ship it"]}] * 20}),
        ("/v1/okrs/markdown", {"markdown": "# Grow\n" + "".join(f"- {LONG}\n" for _ in range(20))}),
    ],
)
def test_too_much_text_in_one_request_is_a_413(
    make_client: ClientFactory, path: str, payload: object
) -> None:
    client = make_client(max_total_chars=10_000)
    body = assert_problem(client.post(path, json=payload), 413, mentions="KRQ_MAX_TOTAL_CHARS")
    assert body["type"] == "urn:krquality:problem:text-too-large"


def test_languagetool_text_over_the_total_is_a_413(make_client: ClientFactory) -> None:
    client = make_client(max_total_chars=10_000)
    response = client.post("/v2/check", data={"text": "\n".join([LONG] * 20), "language": "en-US"})
    body = assert_problem(response, 413, mentions="limit is 10000")
    assert body["type"] == "urn:krquality:problem:text-too-large"


def test_objectives_without_key_results_count_against_the_item_limit(make_client: ClientFactory) -> None:
    client = make_client(max_batch=50)
    markdown = "".join(f"Objective: goal {i}\n" for i in range(200))
    body = assert_problem(client.post("/v1/okrs/markdown", json={"markdown": markdown}), 413)
    assert "objectives" in str(body["detail"]) and body["type"] == "urn:krquality:problem:too-many-items"
    objectives = [{"title": f"Goal {i}", "key_results": []} for i in range(51)]
    assert_problem(client.post("/v1/okrs", json={"objectives": objectives}), 413, mentions="51 objectives")


def test_a_batch_out_of_time_is_a_503_and_frees_the_lanes(make_client: ClientFactory) -> None:
    slow = StubAnalyzer(delay=0.3)  # 0.3 s a chunk of 64
    client = make_client(analyzer=slow, max_analysis_seconds=0.5, max_batch=2000)
    started = time.monotonic()
    response = client.post("/v1/classify/batch", json={"texts": ["Ship it"] * 64 * 20})
    elapsed = time.monotonic() - started
    body = assert_problem(response, 503, mentions="KRQ_MAX_ANALYSIS_SECONDS")
    assert body["type"] == "urn:krquality:problem:analysis-timeout"
    assert response.headers["retry-after"] == "5"
    assert elapsed < 2.0  # 20 chunks would take 3 s on two lanes; it stopped after the deadline
    assert slow.calls < 20


def test_an_okr_set_out_of_time_is_a_503(make_client: ClientFactory) -> None:
    slow = StubAnalyzer(delay=0.2, delay_every=2)
    client = make_client(analyzer=slow, max_analysis_seconds=0.3)
    payload = {"objectives": [{"title": "Grow", "key_results": ["Ship it"] * 10}]}
    body = assert_problem(client.post("/v1/okrs", json=payload), 503, mentions="stopped after")
    assert body["type"] == "urn:krquality:problem:analysis-timeout"


def test_languagetool_out_of_time_answers_what_it_has(make_client: ClientFactory) -> None:
    slow = StubAnalyzer(delay=0.2, delay_every=2)
    client = make_client(analyzer=slow, max_analysis_seconds=0.3)
    text = "\n".join(f"Improve area {n}" for n in "abcdefghij")
    response = client.post("/v2/check", data={"text": text, "language": "en-US"})
    assert response.status_code == 200
    body = response.json()
    assert body["warnings"]["incompleteResults"] is True
    assert 0 < len(body["matches"]) < 10
