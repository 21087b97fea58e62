"""Errors as RFC 9457 problem details, in one shape for every route.

Library errors (:class:`krquality.InvalidInputError`, :class:`krquality.OKRFileError`,
model errors), FastAPI's request validation errors and Starlette's HTTP
errors are each mapped once here; the body-guard middleware uses
:func:`problem_response` for what it rejects before routing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from krquality.api.schemas import FieldError, Problem
from krquality.errors import FeedbackStoreError, InvalidInputError, KRQualityError, ModelError, OKRFileError

PROBLEM_MEDIA_TYPE = "application/problem+json"
logger = logging.getLogger("krquality.api")


class ProblemError(Exception):
    """Raise from a route or dependency to answer with a problem document.

    >>> ProblemError(503, "Model not loaded", "the model is still loading").status
    503
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        *,
        slug: str | None = None,
        errors: Sequence[FieldError] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.slug = slug
        self.errors = list(errors)
        self.headers = headers


class BodyError(StarletteHTTPException):
    """A request body refused while it is read (too large, not UTF-8), with its problem type.

    An ``HTTPException`` so that FastAPI, which reads the body, passes it on as it is.
    """

    def __init__(self, status: int, detail: str, *, slug: str) -> None:
        super().__init__(status, detail)
        self.slug = slug


# One problem type per cause for the errors Starlette and FastAPI raise themselves.
_HTTP_SLUGS = {
    400: "bad-request",
    401: "unauthorized",
    404: "not-found",
    405: "method-not-allowed",
    413: "body-too-large",
    415: "unsupported-media-type",
}


def problem(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    slug: str | None = None,
    instance: str | None = None,
    errors: Sequence[FieldError] = (),
) -> Problem:
    """Build a :class:`Problem`; ``slug`` names a krquality problem type.

    >>> problem(422, "text is empty", slug="invalid-input").type
    'urn:krquality:problem:invalid-input'
    """
    return Problem(
        type=f"urn:krquality:problem:{slug}" if slug else "about:blank",
        title=title or _phrase(status),
        status=status,
        detail=detail,
        instance=instance,
        errors=list(errors),
    )


def problem_response(body: Problem, *, headers: dict[str, str] | None = None) -> JSONResponse:
    """Serve a :class:`Problem` with the ``application/problem+json`` media type."""
    return JSONResponse(
        body.model_dump(mode="json"), status_code=body.status, headers=headers, media_type=PROBLEM_MEDIA_TYPE
    )


def invalid_input_problem(error: InvalidInputError, *, instance: str | None = None) -> Problem:
    """The problem for one invalid key result (also used per item of a batch)."""
    return problem(
        422,
        str(error),
        title="Invalid input",
        slug="invalid-input",
        instance=instance,
        errors=[FieldError(field=error.field, message=str(error))],
    )


def field_path(loc: Sequence[Any]) -> str:
    """``("body", "texts", 3)`` -> ``texts[3]``; ``("query", "q")`` -> ``query.q``.

    >>> field_path(("body", "objectives", 0, "key_results", 1))
    'objectives[0].key_results[1]'
    """
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[1:]
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "body"


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _validation_problem(exc: RequestValidationError, instance: str) -> Problem:
    errors = list(exc.errors())
    for error in errors:
        if error.get("type") == "json_invalid":
            position = error.get("loc", ("body", None))[-1]
            reason = (error.get("ctx") or {}).get("error", "invalid JSON")
            detail = f"the request body is not valid JSON: {reason} at character {position}"
            return problem(400, detail, title="Malformed JSON", slug="malformed-json", instance=instance)
    field_errors = []
    for error in errors:
        path = field_path(error.get("loc", ()))
        message = str(error.get("msg", "invalid value"))
        if error.get("type") == "missing":
            message = "field required"
        field_errors.append(FieldError(field=path, message=f"{path}: {message}"))
    if not field_errors:  # pragma: no cover - FastAPI always reports at least one
        field_errors.append(FieldError(field="body", message="invalid request"))
    detail = field_errors[0].message
    if len(field_errors) > 1:
        detail += f" (and {len(field_errors) - 1} more)"
    return problem(
        422, detail, title="Invalid request", slug="invalid-request", instance=instance, errors=field_errors
    )


def to_problem(exc: Exception, request: Request) -> tuple[Problem, dict[str, str] | None]:
    """Map any exception a request can raise to its problem document (and headers).

    The one place where errors become HTTP statuses: input errors are 4xx,
    a missing model is 503, anything else is a logged 500.
    """
    instance = request.url.path
    if isinstance(exc, ProblemError):
        body = problem(
            exc.status, exc.detail, title=exc.title, slug=exc.slug, instance=instance, errors=exc.errors
        )
        return body, exc.headers
    if isinstance(exc, InvalidInputError):
        return invalid_input_problem(exc, instance=instance), None
    if isinstance(exc, OKRFileError):
        field = "markdown" if exc.line is None else f"markdown (line {exc.line})"
        return problem(
            422,
            str(exc),
            title="Invalid OKR document",
            slug="invalid-okr-document",
            instance=instance,
            errors=[FieldError(field=field, message=str(exc))],
        ), None
    if isinstance(exc, RequestValidationError):
        return _validation_problem(exc, instance), None
    if isinstance(exc, StarletteHTTPException):
        return _http_problem(exc, request), dict(exc.headers) if exc.headers else None
    if isinstance(exc, ModelError):
        logger.error("model error on %s: %s", instance, exc)
        return problem(
            503, str(exc), title="Model unavailable", slug="model-unavailable", instance=instance
        ), None
    if isinstance(exc, FeedbackStoreError):
        logger.error("corrections store error on %s: %s", instance, exc)
        return problem(
            503, str(exc), title="Corrections store unavailable", slug="feedback-store-unavailable",
            instance=instance,
        ), None
    if isinstance(exc, KRQualityError):
        logger.error("analysis failed on %s", instance, exc_info=exc)
        return problem(
            500, f"analysis failed: {exc}", title="Analysis failed", slug="analysis-failed", instance=instance
        ), None
    logger.error("unexpected error on %s", instance, exc_info=exc)
    return problem(
        500, "an unexpected error occurred; it has been logged", slug="internal-error", instance=instance
    ), None


def _http_problem(exc: StarletteHTTPException, request: Request) -> Problem:
    """The problem for an HTTP error raised by Starlette, FastAPI or the body guard."""
    instance = request.url.path
    status = exc.status_code
    detail = exc.detail if isinstance(exc.detail, str) else _phrase(status)
    slug = getattr(exc, "slug", None) or _HTTP_SLUGS.get(status)
    if status == 404 and detail == "Not Found":
        detail = f"no route {request.method} {instance}"
    elif isinstance(exc.__cause__, RecursionError):
        # FastAPI's "There was an error parsing the body": JSON nested past Python's stack.
        detail, slug = "the request body is nested too deeply to read", "too-deeply-nested"
    elif status == 400 and detail.startswith("Part exceeded maximum size"):
        # A multipart form field over Starlette's part size (1 MB).
        status, slug = 413, "form-field-too-large"
        detail = f"a form field is too large: {detail}"
    elif status == 400 and detail == "There was an error parsing the body":
        slug = "unreadable-body"
        if exc.__cause__ is not None:
            detail = f"the request body could not be read: {type(exc.__cause__).__name__}"
    return problem(status, detail, slug=slug, instance=instance)


async def handle_exception(request: Request, exc: Exception) -> JSONResponse:
    """The exception handler registered for every error class (see :func:`to_problem`)."""
    body, headers = to_problem(exc, request)
    return problem_response(body, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    """Register :func:`handle_exception` so every error leaves as a problem document."""
    for exc_class in (
        ProblemError,
        InvalidInputError,
        OKRFileError,
        RequestValidationError,
        StarletteHTTPException,
        ModelError,
        KRQualityError,
        Exception,
    ):
        app.add_exception_handler(exc_class, handle_exception)
