"""Fixtures: TestClients on a stub or the real analyzer, and a real running server."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from krquality.api import Settings, create_app

from .server import Server, krquality_command, start_server
from .stub import StubAnalyzer

with warnings.catch_warnings():
    # Starlette prefers the httpx2 fork for its TestClient but works with
    # httpx, which is what the project depends on.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

if TYPE_CHECKING:
    from krquality.engine import Analyzer

ClientFactory = Callable[..., TestClient]


@pytest.fixture
def stub() -> StubAnalyzer:
    return StubAnalyzer()


@pytest.fixture
def make_client(stub: StubAnalyzer) -> Iterator[ClientFactory]:
    """``make_client(analyzer=..., **settings)``: a TestClient (lifespan run) on a fresh app."""
    clients: list[TestClient] = []

    def make(*, analyzer: Any = None, **settings: Any) -> TestClient:
        app = create_app(Settings(**settings), analyzer=analyzer if analyzer is not None else stub)
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: ClientFactory) -> TestClient:
    """A client of an app whose analyzer is :class:`StubAnalyzer`."""
    return make_client()


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """The real analyzer with the bundled model, loaded once per session."""
    from krquality import Analyzer

    return Analyzer.load()


@pytest.fixture(scope="session")
def real_client(analyzer: Analyzer) -> Iterator[TestClient]:
    """A client of an app on the real analyzer (default settings)."""
    with TestClient(create_app(Settings(), analyzer=analyzer), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="session")
def live_server() -> Iterator[Server]:
    """``krquality serve`` in a subprocess on a free loopback port, ready (model loaded)."""
    server = start_server([*krquality_command(), "serve"])
    try:
        yield server
    finally:
        server.stop()
