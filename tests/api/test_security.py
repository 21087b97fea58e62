"""Optional API key and CORS."""

from __future__ import annotations

import pytest

from .conftest import ClientFactory

KEY = "s3cret-key"


@pytest.mark.parametrize(
    ("headers", "status"), [({}, 401), ({"X-API-Key": "wrong"}, 401), ({"X-API-Key": KEY}, 200)]
)
def test_the_api_key_guards_v1(make_client: ClientFactory, headers: dict[str, str], status: int) -> None:
    client = make_client(api_key=KEY)
    response = client.post("/v1/classify", json={"text": "Ship it"}, headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "X-API-Key" in response.json()["detail"]


def test_the_api_key_guards_v2(make_client: ClientFactory) -> None:
    client = make_client(api_key=KEY)
    assert client.post("/v2/check", data={"text": "Ship it", "language": "en-US"}).status_code == 401
    assert client.get("/v2/languages", headers={"X-API-Key": KEY}).status_code == 200


@pytest.mark.parametrize(
    "path", ["/healthz", "/readyz", "/metrics", "/", "/static/app.js", "/docs", "/openapi.json"]
)
def test_operations_and_the_playground_stay_open(make_client: ClientFactory, path: str) -> None:
    assert make_client(api_key=KEY).get(path).status_code == 200


def test_the_header_name_is_configurable_and_documented(make_client: ClientFactory) -> None:
    client = make_client(api_key=KEY, api_key_header="Authorization-Key")
    assert client.get("/v1/checks", headers={"Authorization-Key": KEY}).status_code == 200
    schemes = client.get("/openapi.json").json()["components"]["securitySchemes"]
    assert next(iter(schemes.values())) == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization-Key",
        "description": "The service's API key.",
    }


def test_no_key_configured_means_no_auth(make_client: ClientFactory) -> None:
    client = make_client()
    assert client.get("/v1/checks").status_code == 200
    assert "securitySchemes" not in client.get("/openapi.json").json().get("components", {})


def test_cors_allows_configured_origins_only(make_client: ClientFactory) -> None:
    client = make_client(cors_origins=["https://okrs.example.com"], api_key=KEY)
    preflight = client.options(
        "/v1/classify",
        headers={
            "Origin": "https://okrs.example.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-api-key",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://okrs.example.com"
    assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
    other = client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_without_cors_origins_no_cors_headers_are_sent(make_client: ClientFactory) -> None:
    response = make_client().get("/healthz", headers={"Origin": "https://okrs.example.com"})
    assert "access-control-allow-origin" not in response.headers
