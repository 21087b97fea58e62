"""Property-based tests from the OpenAPI document: no 5xx, every response matches the schema."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from krquality.api import Settings, create_app

if TYPE_CHECKING:
    from krquality.engine import Analyzer

CHECKS = [
    checks.not_a_server_error,
    checks.response_schema_conformance,
    checks.status_code_conformance,
    checks.content_type_conformance,
]


@pytest.fixture(scope="module")
def api_schema(analyzer: Analyzer) -> Any:
    """The service's own OpenAPI document, called in-process on the real analyzer."""
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(), analyzer=analyzer))


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_responses_match_the_schema(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)
