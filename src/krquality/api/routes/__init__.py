"""One router per resource; :func:`krquality.api.app.create_app` includes them."""

from __future__ import annotations

from typing import Any

from krquality.api.schemas import Problem

_PROBLEM_STATUSES = {
    400: "Malformed request (bad JSON, not UTF-8, unsupported language).",
    413: "The body or the number of items is over the limit.",
    404: "No such item.",
    415: "The body is not application/json.",
    422: "A field is invalid; the problem names it.",
    503: "The model is not loaded yet.",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for problem documents (served as application/problem+json).

    >>> sorted(problem_responses(422))
    [422]
    """
    chosen = statuses or tuple(_PROBLEM_STATUSES)
    return {
        status: {"model": Problem, "description": _PROBLEM_STATUSES.get(status, "Error.")}
        for status in chosen
    }
