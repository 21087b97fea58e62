"""A :class:`~krquality.lsp.analysis.Backend` that asks a running krquality service.

``POST /v1/okrs`` analyses objectives, ``POST /v1/classify/batch`` plain
lists; the JSON answers mirror :class:`krquality.Result` field for field
(:mod:`krquality.api.schemas`), so they are rebuilt into the same frozen
dataclasses and the server formats them exactly like in-process results.
The service runs its own configuration; the editor's check settings are
applied to what comes back (enabled checks, severities, the score).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Sequence
from enum import Enum
from typing import Any

import httpx

from krquality.checks import UnknownCheckError, get_check, is_enabled, severity_of
from krquality.checks.score import score_findings
from krquality.config import Config
from krquality.errors import KRQualityError
from krquality.labels import Label
from krquality.result import Finding, Objective, ObjectiveResult, OKRSetResult, Result


class RemoteServiceError(KRQualityError):
    """The krquality service could not be reached or gave an unusable answer."""

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url


def build(cls: Any, data: Any) -> Any:
    """Rebuild a value of type ``cls`` (a dataclass, enum, tuple, dict...) from JSON.

    >>> from krquality.result import Fix
    >>> build(Fix, {"start": 0, "end": 4, "replacement": "Ship"})
    Fix(start=0, end=4, replacement='Ship')
    """
    origin = typing.get_origin(cls)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(cls) if a is not type(None)]
        if data is None:
            return None
        return build(options[0], data)
    if origin is tuple:
        (item, *_) = typing.get_args(cls)
        return tuple(build(item, v) for v in data)
    if origin is dict:
        _, value = typing.get_args(cls)
        return {str(k): build(value, v) for k, v in data.items()}
    if dataclasses.is_dataclass(cls) and isinstance(cls, type):
        if not isinstance(data, dict):
            raise TypeError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
        hints = typing.get_type_hints(cls)
        return cls(
            **{f.name: build(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data}
        )
    if isinstance(cls, type) and issubclass(cls, Enum):
        return cls(data)
    if cls is float:
        return float(data)
    if cls in (int, str, bool) and not isinstance(data, cls):
        raise TypeError(f"expected {cls.__name__}, got {data!r}")
    return data


def _configured(findings: Sequence[Finding], config: Config) -> tuple[Finding, ...]:
    out = []
    for finding in findings:
        try:
            check = get_check(finding.code)
        except UnknownCheckError:
            out.append(finding)  # not a registry check (e.g. a file-level finding): keep as is
            continue
        if is_enabled(check, config):
            out.append(dataclasses.replace(finding, severity=severity_of(check, config)))
    return tuple(out)


def _scored_kind(result: Result) -> Label:
    """The kind whose band the service scored in: the label, but a milestone for a metric the
    service structured as a deliverable (its number only sizes one thing made; the engine's
    ``checks.score.scored_kind``), since a metric's record otherwise never names one."""
    if result.label is Label.METRIC and result.structured.deliverable is not None:
        return Label.MILESTONE
    return result.label


def _reconfigured(result: Result, config: Config) -> Result:
    findings = _configured(result.findings, config)
    if findings == result.findings:
        return result
    score, grade = score_findings(findings, config=config, label=_scored_kind(result))
    return dataclasses.replace(result, findings=findings, score=score, grade=grade)


class RemoteBackend:
    """Analyse through the HTTP API of a krquality service at ``url``.

    >>> RemoteBackend("http://127.0.0.1:8000/", timeout=2.0).url
    'http://127.0.0.1:8000'
    """

    def __init__(self, url: str, *, timeout: float, api_key: str = "") -> None:
        self.url = url.rstrip("/")
        headers = {"X-API-Key": api_key} if api_key else {}
        self._client = httpx.Client(base_url=self.url, timeout=timeout, headers=headers)

    def preload(self) -> None:
        """Nothing to load: the service has its model."""

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def post_feedback(self, body: dict[str, Any]) -> Any:
        """Record a correction with the service (``POST /v1/feedback``); its answer as JSON."""
        return self._post("/v1/feedback", body)

    def _post(self, route: str, body: dict[str, Any]) -> Any:
        try:
            response = self._client.post(route, json=body)
        except httpx.TimeoutException as e:
            raise RemoteServiceError(f"no answer within {self._client.timeout.read}s", url=self.url) from e
        except httpx.HTTPError as e:
            raise RemoteServiceError(f"cannot connect ({e})", url=self.url) from e
        if response.status_code not in (200, 201):
            detail = ""
            try:
                detail = str(response.json().get("detail", ""))
            except (ValueError, AttributeError):
                detail = response.text[:200]
            raise RemoteServiceError(
                f"{route} answered {response.status_code} {detail}".rstrip(), url=self.url
            )
        try:
            return response.json()
        except ValueError as e:
            raise RemoteServiceError(f"{route} answered with invalid JSON", url=self.url) from e

    def analyze_okrs(
        self, objectives: Sequence[Objective], *, config: Config, suggestions: bool
    ) -> OKRSetResult:
        """``POST /v1/okrs`` with the objectives; the answer as an :class:`OKRSetResult`."""
        body = {
            "objectives": [{"title": o.title, "key_results": list(o.key_results)} for o in objectives],
            "suggestions": suggestions,
        }
        data = self._post("/v1/okrs", body)
        try:
            out = []
            for objective, item in zip(objectives, data["objectives"], strict=True):
                results = tuple(_reconfigured(build(Result, r), config) for r in item["results"])
                findings = tuple(build(Finding, f) for f in item.get("findings", ()))
                out.append(ObjectiveResult(objective, results, _configured(findings, config)))
            whole = tuple(build(Finding, f) for f in data.get("findings", ()))
            return OKRSetResult(tuple(out), _configured(whole, config))
        except (KeyError, TypeError, ValueError) as e:
            raise RemoteServiceError(f"/v1/okrs answered an unexpected shape ({e})", url=self.url) from e

    def analyze_many(self, texts: Sequence[str], *, config: Config, suggestions: bool) -> list[Result]:
        """``POST /v1/classify/batch``; a per-item error fails the whole call."""
        if not texts:
            return []
        data = self._post("/v1/classify/batch", {"texts": list(texts), "suggestions": suggestions})
        try:
            items = sorted(data["results"], key=lambda item: item["index"])
            if len(items) != len(texts):
                raise ValueError(f"{len(items)} results for {len(texts)} key results")
            results = []
            for item in items:
                if item.get("result") is None:
                    raise ValueError(f"texts[{item['index']}]: {item.get('error')}")
                results.append(_reconfigured(build(Result, item["result"]), config))
            return results
        except (KeyError, TypeError, ValueError) as e:
            raise RemoteServiceError(
                f"/v1/classify/batch answered an unexpected shape ({e})", url=self.url
            ) from e
