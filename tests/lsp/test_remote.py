"""The remote backend rebuilds results from the service's JSON, applying the editor's check settings."""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any

import httpx
import pytest

from krquality.config import Config
from krquality.lsp.remote import RemoteBackend, RemoteServiceError, build
from krquality.result import Objective, Result

from .stub import StubBackend


def to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, Enum):
        return value.value
    return value


def service(handler: Any) -> RemoteBackend:
    backend = RemoteBackend("http://krq.test", timeout=1.0)
    backend._client = httpx.Client(base_url=backend.url, transport=httpx.MockTransport(handler))
    return backend


def fake_service(request: httpx.Request) -> httpx.Response:
    body = json.loads(request.content)
    stub = StubBackend()
    if request.url.path == "/v1/okrs":
        objectives = [Objective(o["title"], tuple(o["key_results"])) for o in body["objectives"]]
        result = stub.analyze_okrs(objectives, config=Config(), suggestions=body["suggestions"])
        data = to_json(result)
        for item in data["objectives"]:
            item.pop("objective")
        return httpx.Response(200, json=data)
    results = stub.analyze_many(body["texts"], config=Config(), suggestions=True)
    return httpx.Response(
        200, json={"results": [{"index": i, "result": to_json(r)} for i, r in enumerate(results)]}
    )


def test_build_round_trips_a_result() -> None:
    (result,) = StubBackend().analyze_many(["Hold weekly reviews"], config=Config(), suggestions=True)
    assert build(Result, json.loads(json.dumps(to_json(result)))) == result


def test_analyze_okrs_applies_the_editor_configuration() -> None:
    objectives = [Objective("Grow", ("Raise NPS to 48", "Launch the portal"))]
    result = service(fake_service).analyze_okrs(
        objectives, config=Config(disable=("KRQ101",), severity={"KRQ201": "info"}), suggestions=True
    )
    first, second = result.objectives[0].results
    assert first.findings == () and first.score == 100
    assert [(f.code, f.severity.value) for f in second.findings] == [("KRQ201", "info")]
    assert result.objectives[0].objective is objectives[0]


def test_analyze_many() -> None:
    results = service(fake_service).analyze_many(
        ["Raise NPS to 48", "Hold reviews"], config=Config(), suggestions=True
    )
    assert [r.label.value for r in results] == ["metric", "task"]


@pytest.mark.parametrize(
    ("response", "match"),
    [
        (httpx.Response(503, json={"detail": "loading"}), "/v1/okrs answered 503 loading"),
        (httpx.Response(200, content=b"<html>"), "invalid JSON"),
        (httpx.Response(200, json={"objectives": []}), "unexpected shape"),
    ],
)
def test_bad_answers_raise_remote_service_error(response: httpx.Response, match: str) -> None:
    backend = service(lambda request: response)
    with pytest.raises(RemoteServiceError, match=match):
        backend.analyze_okrs([Objective("Grow", ("Raise NPS to 48",))], config=Config(), suggestions=False)


def test_unreachable_service_raises_remote_service_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(RemoteServiceError, match=r"http://krq.test: cannot connect \(refused\)"):
        service(refuse).analyze_many(["x y z"], config=Config(), suggestions=False)


def test_reconfigured_score_keeps_the_band_the_service_scored_in() -> None:
    """A metric whose number only sizes one trial is scored in the milestone band; re-scored
    under the editor's configuration it keeps that band, and a plain metric keeps its own."""
    import krquality
    from krquality.lsp.remote import _reconfigured

    sized = krquality.analyze("The new till is trialled in eight shops", suggestions=False)
    assert sized.label.value == "metric" and [f.code for f in sized.findings] == ["KRQ201"]
    assert sized.structured.target is None and sized.structured.deliverable
    assert _reconfigured(sized, Config(disable=("KRQ201",))).score == 89
    plain = krquality.analyze("Raise NPS to 48 by June", suggestions=False)
    assert [f.code for f in plain.findings] == ["KRQ101"] and plain.structured.target == 48
    assert _reconfigured(plain, Config(disable=("KRQ101",))).score == 100
