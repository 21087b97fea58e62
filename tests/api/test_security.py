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


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_a_blank_api_key_is_refused_at_start(blank: str) -> None:
    from pydantic import ValidationError

    from krquality.api import Settings

    with pytest.raises(ValidationError, match="empty or only whitespace"):
        Settings(api_key=blank)


@pytest.mark.parametrize(
    ("configured", "sent"),
    [
        ("clé-secrète", "clé-secrète".encode()),  # non-ASCII, sent as UTF-8 bytes
        ("  padded-key  ", b"padded-key"),  # surrounding spaces in the setting
        ("padded-key", b" padded-key\t"),  # and in the header
    ],
)
def test_keys_are_compared_as_stripped_utf8_bytes(
    make_client: ClientFactory, configured: str, sent: bytes
) -> None:
    client = make_client(api_key=configured)
    # httpx sends str headers as ASCII only: pass the raw bytes.
    ok = client.post("/v1/classify", json={"text": "Ship it"}, headers=[(b"X-API-Key", sent)])
    assert ok.status_code == 200, ok.text
    wrong = client.post("/v1/classify", json={"text": "Ship it"}, headers=[(b"X-API-Key", sent + b"x")])
    assert wrong.status_code == 401


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"x" * 5000, "text/plain"),
        (b'{"text": 1}', "application/json"),
    ],
)
def test_the_key_is_checked_before_the_body(
    make_client: ClientFactory, content: bytes, content_type: str
) -> None:
    """Without the key, a malformed, oversized or mistyped body is still a 401: it was never read."""
    client = make_client(api_key=KEY, max_body_bytes=1024)
    response = client.post("/v1/classify", content=content, headers={"content-type": content_type})
    assert response.status_code == 401
    assert response.json()["type"] == "urn:krquality:problem:unauthorized"


def test_the_playground_uses_the_configured_header(make_client: ClientFactory) -> None:
    page = make_client(api_key=KEY, api_key_header="X-Team-Key").get("/").text
    assert '<meta name="krq-api-key-header" content="X-Team-Key">' in page
    script = make_client().get("/static/app.js").text
    assert '"X-API-Key"' not in script.replace('|| "X-API-Key"', "")  # only as the fallback


def test_the_playground_has_security_headers(make_client: ClientFactory) -> None:
    response = make_client().get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/healthz", "/v1/checks", "/docs", "/static/app.js", "/nothing"])
def test_every_response_has_the_basic_security_headers(make_client: ClientFactory, path: str) -> None:
    response = make_client().get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "server" not in response.headers


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_docs_pages_load_nothing_from_elsewhere(make_client: ClientFactory, path: str) -> None:
    client = make_client()
    page = client.get(path).text
    assert "http://" not in page and "https://" not in page
    for asset in ("/docs-assets/swagger-ui-bundle.js", "/docs-assets/redoc.standalone.js"):
        assert client.get(asset).status_code == 200
