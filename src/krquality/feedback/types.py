"""What a correction is: the frozen records the store reads and writes.

The core never imports pydantic or FastAPI; the service converts these at its edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum


class CorrectedLabel(StrEnum):
    """The label a user says is right: one of the three, or "not a key result".

    >>> CorrectedLabel("not_kr").is_key_result
    False
    """

    METRIC = "metric"
    MILESTONE = "milestone"
    TASK = "task"
    NOT_KR = "not_kr"

    @property
    def is_key_result(self) -> bool:
        return self is not CorrectedLabel.NOT_KR


class Source(StrEnum):
    """Where a correction was made."""

    SERVICE = "service"
    CLI = "cli"
    EDITOR = "editor"
    PLAYGROUND = "playground"
    LIBRARY = "library"


@dataclass(frozen=True, slots=True)
class NewCorrection:
    """A correction as a user gives it, before the store numbers and dates it.

    ``model_label``, ``model_probabilities`` and ``model_version`` say what the
    model answered; ``suggestion`` with ``suggestion_accepted`` says which rewrite
    the user took up or turned down; ``rejected_checks`` lists finding codes the
    user says are wrong for this text. ``user`` is an opaque id (a digest of an
    API key, an editor's installation id), never a name.
    """

    text: str
    label: CorrectedLabel
    user: str
    source: Source
    model_label: str | None = None
    model_probabilities: dict[str, float] | None = None
    model_version: str | None = None
    reason: str | None = None
    suggestion: str | None = None
    suggestion_accepted: bool | None = None
    rejected_checks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Correction(NewCorrection):
    """A stored correction: a :class:`NewCorrection` with its id and time (UTC).

    ``id`` and ``created_at`` are keyword-only: a subclass's fields come after the
    inherited ones, and those end in fields with defaults.

    >>> at = datetime(2026, 1, 2)
    >>> c = Correction("Ship v2", CorrectedLabel.TASK, "u1", Source.CLI, id=3, created_at=at)
    >>> c.id, c.text
    (3, 'Ship v2')
    """

    id: int = field(kw_only=True)
    created_at: datetime = field(kw_only=True)


def stored(correction: NewCorrection, *, id: int, created_at: datetime) -> Correction:
    """``correction`` as stored under ``id`` at ``created_at``.

    >>> new = NewCorrection("Ship v2", CorrectedLabel.TASK, "u1", Source.CLI, reason="a date")
    >>> stored(new, id=7, created_at=datetime(2026, 1, 2)).reason
    'a date'
    """
    given = {f.name: getattr(correction, f.name) for f in fields(NewCorrection)}
    return Correction(**given, id=id, created_at=created_at)


@dataclass(frozen=True, slots=True)
class Override:
    """A standing correction of one text: the label and how many stand behind it.

    ``users`` agree on ``label`` (their latest word each); ``corrections`` counts
    every correction of the text, duplicates and dissent included.
    """

    label: CorrectedLabel
    users: int
    corrections: int


@dataclass(frozen=True, slots=True)
class Stats:
    """What the corrections say, counted: see :meth:`FeedbackStore.stats`."""

    corrections: int
    texts: int
    users: int
    standing: int
    contested: int
    by_label: dict[str, int]
    confusions: tuple[tuple[str, str, int], ...]  # (model label, corrected label, count), most first
    rejected_checks: tuple[tuple[str, int], ...]
    rejected_suggestions: int
    accepted_suggestions: int
