"""Checks: what is weak about a key result, an objective or a whole OKR set.

A check is data plus a detector (:class:`Check`); families live in one
module each (``metric``, ``milestone``, ``task``, ``wording``, ``okr_set``)
and :mod:`krquality.checks.registry` collects them. The engine calls
:func:`run_checks` per key result and :func:`run_set_checks` per set;
:func:`krquality.checks.score.score_findings` turns findings into a score.

>>> get_check("KRQ101").name
'metric.no_baseline'
"""

from __future__ import annotations

from krquality.checks.base import (
    Check,
    CheckContext,
    Example,
    ExampleObjective,
    Placed,
    Scope,
    SetContext,
    SetExample,
    okrs,
)
from krquality.checks.registry import UnknownCheckError, get_check, list_checks
from krquality.checks.run import is_enabled, run_checks, run_set_checks, severity_of


def render_checks_markdown() -> str:
    """The Markdown checks catalogue (``docs/checks.md``), rendered from the registry.

    >>> render_checks_markdown().startswith("# Checks")
    True
    """
    # Imported on call: `python -m krquality.checks.docs` must find the module unloaded.
    from krquality.checks.docs import render_checks_markdown as render

    return render()


__all__ = [
    "Check",
    "CheckContext",
    "Example",
    "ExampleObjective",
    "Placed",
    "Scope",
    "SetContext",
    "SetExample",
    "UnknownCheckError",
    "get_check",
    "is_enabled",
    "list_checks",
    "okrs",
    "render_checks_markdown",
    "run_checks",
    "run_set_checks",
    "severity_of",
]
