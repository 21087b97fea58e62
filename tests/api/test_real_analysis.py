"""The service on the real analyzer and model: what clients actually get."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import krquality


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Increase trial-to-paid conversion from 4% to 7%", "metric"),
        ("Launch the partner portal", "milestone"),
        ("Hold weekly pipeline reviews", "task"),
    ],
)
def test_labels_come_from_the_model(real_client: TestClient, text: str, label: str) -> None:
    body = real_client.post("/v1/classify", json={"text": text}).json()
    assert body["label"] == label
    assert body == real_client.post("/v1/classify", json={"text": text}).json()  # deterministic


def test_the_response_is_the_python_api_result(real_client: TestClient, analyzer: krquality.Analyzer) -> None:
    text = "Improve the onboarding experience"
    body = real_client.post("/v1/classify", json={"text": text}).json()
    result = analyzer.analyze(text)
    assert body["label"] == result.label.value
    assert body["score"] == result.score
    assert [f["code"] for f in body["findings"]] == [f.code for f in result.findings]
    assert [s["text"] for s in body["suggestions"]] == [s.text for s in result.suggestions]


def test_every_span_indexes_the_text(real_client: TestClient) -> None:
    text = "- Cut median support response time from 6 h to below 2 hours by June 30"
    body = real_client.post("/v1/classify", json={"text": text}).json()
    spans = [body["features"]["body"]]
    for key in ("quantities", "dates", "changes", "markers"):
        spans += [item["span"] for item in body["features"][key]]
    spans += [e["span"] for e in body["evidence"]]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
    for finding in body["findings"]:
        assert 0 <= finding["start"] <= finding["end"] <= len(text)


def test_a_batch_of_a_thousand_is_answered_in_order(real_client: TestClient) -> None:
    texts = [f"Increase weekly active teams from {i} to {i + 50}" for i in range(1000)]
    body = real_client.post("/v1/classify/batch", json={"texts": texts, "suggestions": False}).json()
    assert body["n_ok"] == 1000
    assert [item["result"]["text"] for item in body["results"]] == texts


def test_markdown_okrs_get_set_level_findings(real_client: TestClient) -> None:
    markdown = "# Be the best\n- Improve onboarding\n- Help the sales team with demos\n"
    body = real_client.post("/v1/okrs/markdown", json={"markdown": markdown}).json()
    codes = {f["code"] for f in body["objectives"][0]["findings"]}
    assert codes  # e.g. all tasks, too few metrics: whatever the set checks say
    assert all(r["label"] == "task" for r in body["objectives"][0]["results"])


def test_the_model_card_is_the_loaded_manifest(real_client: TestClient, analyzer: krquality.Analyzer) -> None:
    body = real_client.get("/v1/model").json()
    assert body["version"] == analyzer.model_version
    assert body["manifest"]["artifact_sha256"] == analyzer.model.manifest["artifact_sha256"]
    assert body["metrics"] == analyzer.model.manifest["metrics"]


def test_a_text_sent_again_is_served_from_the_result_cache(analyzer: krquality.Analyzer) -> None:
    from krquality.api import Settings, create_app
    from krquality.api.app import load_analyzer

    settings = Settings(cache_size=64)
    loaded = load_analyzer(settings)
    assert loaded.cache is not None and len(loaded.cache) == 0  # the warm-up text is not kept
    with TestClient(create_app(settings, analyzer=loaded)) as client:
        text = "Increase weekly active teams to 400"
        first = client.post("/v1/classify", json={"text": text}).json()
        batch = client.post("/v1/classify/batch", json={"texts": [text, "Launch the partner portal"]}).json()
        assert batch["results"][0]["result"] == first
        assert (
            first
            == TestClient(create_app(Settings(), analyzer=analyzer))
            .post("/v1/classify", json={"text": text})
            .json()
        )  # the same answer as an uncached service
        metrics = client.get("/metrics").text
    assert 'krq_result_cache_lookups_total{outcome="hit"} 1.0' in metrics
    assert 'krq_result_cache_lookups_total{outcome="miss"} 2.0' in metrics


def test_a_cache_size_of_zero_turns_the_cache_off() -> None:
    from krquality.api import Settings
    from krquality.api.app import load_analyzer

    assert load_analyzer(Settings(cache_size=0)).cache is None


def test_the_rendered_body_is_what_fastapi_would_have_sent(
    real_client: TestClient, analyzer: krquality.Analyzer
) -> None:
    """The routes send bytes pydantic renders; they must be the JSON of the response model."""
    from krquality.api import convert

    text = "Cut median support response time from 6 h to below 2 hours by June 30 — ünïcode"
    body = real_client.post("/v1/classify", json={"text": text}).json()
    assert body == convert.result_out(analyzer.analyze(text)).model_dump(mode="json")
    batch = real_client.post("/v1/classify/batch", json={"texts": [text, " "]}).json()
    assert batch["results"][0]["result"] == body
    assert batch["results"][1]["result"] is None and batch["results"][1]["error"]["status"] == 422


def test_a_split_comes_back_as_one_suggestion_with_a_key_result_per_line(real_client: TestClient) -> None:
    text = "Sign 6 new sponsors and 2 new venues by October"
    body = real_client.post("/v1/classify", json={"text": text}).json()
    first = body["suggestions"][0]
    assert first["text"] == "Sign 6 new sponsors by October\nSign 2 new venues by October"
    assert "KRQ403" in first["fixes"]
    lines = [krquality.analyze(line, suggestions=False) for line in first["text"].split("\n")]
    assert first["score"] == min(line.score for line in lines)
