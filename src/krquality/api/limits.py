"""Per-request limits on what is analysed: total text length and analysis time.

Every analysis route counts the characters it would analyse (key results
and objective titles, a Markdown document or a LanguageTool text as sent)
against ``max_total_chars`` before it starts, and gives the analysis a
deadline ``max_analysis_seconds`` away. A request over the length is
refused with a 413 problem; one that runs out of time stops between two
chunks (the lanes go back to other requests) and is answered with a 503
problem and ``Retry-After``, or, on ``/v2/check``, with the results so far and
LanguageTool's ``incompleteResults`` warning.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from krquality.api.problems import ProblemError
from krquality.api.schemas import FieldError
from krquality.api.settings import Settings

# Seconds a client is told to wait after a request ran out of time.
RETRY_AFTER_TIMEOUT = 5


def check_total_chars(field: str, count: int, settings: Settings) -> None:
    """Refuse (413) a request whose ``count`` characters to analyse are over ``max_total_chars``.

    >>> check_total_chars("texts", 10, Settings(max_total_chars=100))
    >>> check_total_chars("texts", 101, Settings(max_total_chars=100))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    krquality.api.problems.ProblemError: texts holds 101 characters to analyse; the limit is 100 ...
    """
    limit = settings.max_total_chars
    if count > limit:
        detail = f"{field} holds {count} characters to analyse; the limit is {limit} (KRQ_MAX_TOTAL_CHARS)"
        raise ProblemError(
            413,
            "Text too large",
            detail,
            slug="text-too-large",
            errors=[FieldError(field=field, message=detail)],
        )


def total_chars(texts: Iterable[object]) -> int:
    """Characters in the strings of ``texts`` (other values count 0: they fail validation later).

    >>> total_chars(["Ship it", "Grow 5%", 3])
    14
    """
    return sum(len(text) for text in texts if isinstance(text, str))


def deadline(settings: Settings) -> float:
    """The :func:`time.monotonic` time by which a request's analysis must be done."""
    return time.monotonic() + settings.max_analysis_seconds


def out_of_time(settings: Settings, done: int) -> ProblemError:
    """The 503 problem for a request whose analysis ran past ``max_analysis_seconds``."""
    return ProblemError(
        503,
        "Analysis timed out",
        f"the analysis took over {settings.max_analysis_seconds:g} s (KRQ_MAX_ANALYSIS_SECONDS) and was"
        f" stopped after {done} key results; send fewer or shorter key results, or retry later",
        slug="analysis-timeout",
        headers={"Retry-After": str(RETRY_AFTER_TIMEOUT)},
    )
