"""Smoke tests against ``krquality serve`` running in a subprocess on loopback."""

from __future__ import annotations

import asyncio

import httpx
import language_tool_python
import pytest

from .server import Server

pytestmark = pytest.mark.slow


def test_the_running_server_answers_every_resource(live_server: Server) -> None:
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get("/readyz").json()["status"] == "ready"
        assert (
            client.post("/v1/classify", json={"text": "Launch the partner portal"}).json()["label"]
            == "milestone"
        )
        batch = client.post("/v1/classify/batch", json={"texts": ["Double weekly active teams", " "]}).json()
        assert (batch["n_ok"], batch["n_errors"]) == (1, 1)
        assert client.post(
            "/v1/okrs", json={"objectives": [{"title": "Grow", "key_results": ["Ship v2"]}]}
        ).is_success
        assert client.get("/v1/checks").json()["checks"]
        assert client.get("/v1/model").json()["version"].startswith("krq-")
        assert "krq_http_requests_total" in client.get("/metrics").text
        assert "krquality" in client.get("/").text


async def test_concurrent_clients_each_get_their_own_answer(live_server: Server) -> None:
    texts = [f"Increase weekly active teams from {i} to {2 * i + 10}" for i in range(64)]
    async with httpx.AsyncClient(base_url=live_server.url, timeout=60) as client:
        responses = await asyncio.gather(*(client.post("/v1/classify", json={"text": t}) for t in texts))
    assert [r.status_code for r in responses] == [200] * len(texts)
    assert [r.json()["text"] for r in responses] == texts
    assert {r.json()["label"] for r in responses} == {"metric"}


def test_a_real_languagetool_client_gets_findings_and_fixes(live_server: Server) -> None:
    text = "Improve the onboarding experience\n\nIncrease NPS to 48\n"
    tool = language_tool_python.LanguageTool("en-US", remote_server=live_server.url)
    try:
        matches = tool.check(text)
        corrected = tool.correct(text)
    finally:
        tool.close()
    assert matches, "no findings reported through the LanguageTool protocol"
    for match in matches:
        assert match.rule_id.startswith("KRQ")
        assert 0 <= match.offset <= match.offset + match.error_length <= len(text)
        assert match.message and match.category.startswith("KRQ_")
    flagged_lines = {text.count("\n", 0, m.offset) for m in matches}
    assert flagged_lines <= {0, 2}  # findings sit on the key-result lines, never on the blank one
    if any(m.replacements for m in matches):
        assert corrected != text
