"""Property-based tests from the OpenAPI document: no 5xx, every response matches the schema."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
import schemathesis

# schemathesis imports this lazily while collecting, deep in hypothesis's
# stack, where CPython 3.11's AST validator can raise "recursion depth
# mismatch" (seen once here) as pytest rewrites it; imported here, it is parsed
# at a shallow depth.
import schemathesis.specs.openapi.coverage._operation
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

# The schema does not depend on the model, so the app is built at import
# (schemathesis parametrizes at collection); the real analyzer goes in below.
APP = create_app(Settings())
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(autouse=True, scope="module")
def _real_analyzer(analyzer: Analyzer) -> None:
    APP.state.analyzer = analyzer


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_responses_match_the_schema(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)
