"""The typed result of analysing one key result (and a set of OKRs).

Frozen dataclasses only: the core never imports pydantic or FastAPI; the
interfaces convert these with :func:`dataclasses.asdict` or their own schemas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from krquality.features.types import Direction, Features, SpanRef
from krquality.labels import Label


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Fix:
    """A replacement of ``text[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One weakness found by a check.

    ``code`` is stable (``KRQ101``), ``name`` is the dotted rule name
    (``metric.no_baseline``); ``start``/``end`` index the analysed text.
    """

    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A rewritten key result, re-analysed before it is returned."""

    text: str
    label: Label
    score: int  # with placeholders filled by plausible values (krquality.suggest.fill_placeholders)
    fixes: tuple[str, ...]  # codes of the findings this draft fixes
    placeholders: tuple[str, ...] = ()  # e.g. ("[baseline]", "[date]")


@dataclass(frozen=True, slots=True)
class StructuredKR:
    """The key result as data; each field is None when the text lacks it."""

    metric: str | None = None
    direction: Direction | None = None
    baseline: float | None = None
    target: float | None = None
    unit: str | None = None
    deadline: str | None = None
    deliverable: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span that decided the label, and why."""

    span: SpanRef
    reason: str  # e.g. "target quantity", "deadline", "activity verb"


@dataclass(frozen=True, slots=True)
class Result:
    """Everything krquality says about one key result."""

    text: str
    label: Label
    probabilities: dict[str, float]
    confident: bool
    evidence: tuple[Evidence, ...]
    structured: StructuredKR
    features: Features
    findings: tuple[Finding, ...] = ()
    score: int = 100
    grade: str = "A"
    suggestions: tuple[Suggestion, ...] = ()
    model_version: str = ""
    # Why a key result with findings got no suggestion ("no safe rewrite: ..."); "" otherwise.
    no_suggestion: str = ""

    @property
    def band(self) -> str:
        """The name of the score's band on the scale of docs/checks.md ("outcome" ... "activity")."""
        from krquality.checks.score import band_for  # the scale lives with the score

        return band_for(self.score).name


@dataclass(frozen=True, slots=True)
class Objective:
    """An objective and its key results, as read from a file or a request.

    ``line`` numbers (1-based) are set when read from a file, for diagnostics.
    ``cycle`` is the OKR period the document states for it ("Q3 2025"), which
    dates its key results that name no date of their own.
    """

    title: str
    key_results: tuple[str, ...]
    line: int | None = None
    key_result_lines: tuple[int, ...] = ()
    cycle: str | None = None


@dataclass(frozen=True, slots=True)
class ObjectiveResult:
    objective: Objective
    results: tuple[Result, ...]
    findings: tuple[Finding, ...] = ()  # set-level findings on this objective


@dataclass(frozen=True, slots=True)
class OKRSetResult:
    objectives: tuple[ObjectiveResult, ...]
    findings: tuple[Finding, ...] = field(default=())  # findings on the whole set
