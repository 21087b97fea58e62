"""Health, readiness, metrics, the check catalogue and the model card."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from krquality.api import Settings, create_app
from krquality.checks import list_checks
from krquality.checks.filelevel import list_file_checks

from .conftest import ClientFactory


def test_healthz_is_always_ok(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_reports_the_loaded_model(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "model_version": "krq-stub-1",
        "detail": None,
        "degraded": False,
    }


def test_readyz_reports_a_model_that_failed_to_load(tmp_path: pytest.TempPathFactory) -> None:
    app = create_app(Settings(model_path=f"{tmp_path}/missing.joblib"))
    with TestClient(app) as client:
        deadline = time.monotonic() + 30
        while client.get("/readyz").json()["status"] == "loading" and time.monotonic() < deadline:
            time.sleep(0.02)
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["status"] == "failed"
        assert "missing.joblib" in response.json()["detail"]
        assert str(tmp_path) not in response.json()["detail"]  # never where the service's files are
        assert client.get("/healthz").status_code == 200
        problem = client.post("/v1/classify", json={"text": "Ship it"}).json()
        assert problem["status"] == 503 and "failed to load" in problem["detail"]
        assert str(tmp_path) not in problem["detail"]


def test_metrics_count_requests_latency_and_labels(client: TestClient) -> None:
    client.post("/v1/classify/batch", json={"texts": ["Ship it", "Grow 5%", "Hold reviews"]})
    client.post("/v1/classify", json={"text": ""})
    text = client.get("/metrics").text
    assert 'krq_http_requests_total{method="POST",route="/v1/classify/batch",status="200"} 1.0' in text
    assert 'krq_http_requests_total{method="POST",route="/v1/classify",status="422"} 1.0' in text
    assert (
        'krq_http_request_duration_seconds_bucket{le="0.025",method="POST",route="/v1/classify/batch"}'
        in text
    )
    for label in ("metric", "milestone", "task"):
        assert f'krq_labels_served_total{{label="{label}"}} 1.0' in text
    assert 'krq_findings_served_total{code="KRQ301"} 1.0' in text


def test_metrics_do_not_grow_with_unknown_paths(client: TestClient) -> None:
    for i in range(5):
        client.get(f"/scan/{i}")
    text = client.get("/metrics").text
    assert 'route="unmatched",status="404"} 5.0' in text
    assert "/scan/" not in text


def test_the_check_catalogue_is_the_registry(client: TestClient) -> None:
    checks = client.get("/v1/checks").json()["checks"]
    file_level = [c.code for c in list_file_checks()]
    assert [c["code"] for c in checks] == [c.code for c in list_checks()] + file_level
    assert [c["scope"] for c in checks if c["code"] in file_level] == ["file"] * len(file_level)
    first = checks[0]
    assert set(first) == {
        "code",
        "name",
        "alias",
        "severity",
        "scope",
        "message",
        "docs",
        "enabled_by_default",
    }


def test_the_model_card_has_name_version_manifest_and_metrics(client: TestClient) -> None:
    body = client.get("/v1/model").json()
    assert body["name"] == "stub-kr" and body["version"] == "krq-stub-1"
    assert body["metrics"] == {"held_out": {"macro_f1": 0.9}}
    assert body["manifest"]["labels"] == ["metric", "milestone", "task"]


def test_the_playground_and_its_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "/static/app.js" in page.text
    assert (
        client.get("/static/app.js")
        .headers["content-type"]
        .startswith(("text/javascript", "application/javascript"))
    )
    assert client.get("/static/style.css").status_code == 200


def test_docs_and_schema_are_served_with_examples(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    schema = client.get("/openapi.json").json()
    request = schema["components"]["schemas"]["ClassifyRequest"]
    assert request["examples"][0]["text"]
    assert request["properties"]["text"]["maxLength"] == 1000
    assert schema["components"]["schemas"]["BatchRequest"]["properties"]["texts"]["maxItems"] == 1000
    classify = schema["paths"]["/v1/classify"]["post"]["responses"]
    assert "application/problem+json" in classify["422"]["content"]
    for name in ("ResultOut", "BatchResponse", "OKRSetOut", "LTCheckResponse"):
        assert schema["components"]["schemas"][name]["examples"], name


def test_the_schema_shows_configured_limits(make_client: ClientFactory) -> None:
    schema = make_client(max_chars=200, max_batch=10).get("/openapi.json").json()
    assert schema["components"]["schemas"]["ClassifyRequest"]["properties"]["text"]["maxLength"] == 200
    assert schema["components"]["schemas"]["BatchRequest"]["properties"]["texts"]["maxItems"] == 10


def test_metrics_label_refused_and_starlette_routes_by_template(client: TestClient) -> None:
    client.post(
        "/v1/classify", content=b"text", headers={"content-type": "text/plain"}
    )  # 415, before routing
    client.get("/openapi.json")
    client.get("/static/app.js")
    text = client.get("/metrics").text
    assert 'route="/v1/classify",status="415"' in text
    assert 'route="/openapi.json",status="200"' in text
    assert 'route="/static",status="200"' in text
