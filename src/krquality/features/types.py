"""Typed features extracted from a key result, each with its character span.

These frozen dataclasses are what the spaCy components put on
``doc._.krq_features``; everything downstream (model, checks, suggestions,
interfaces) reads them and never the raw spaCy objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class VerbClass(StrEnum):
    """What the leading verb says about the key result."""

    OUTCOME = "outcome"  # increase, reduce, grow, reach, achieve: metric if a quantity follows
    DELIVERABLE = "deliverable"  # launch, ship, create, build, migrate, publish: milestone
    ACTIVITY = "activity"  # work on, support, help, maintain, monitor, explore, research, hold: task
    VAGUE = "vague"  # improve, optimize, enhance: task unless a quantity follows
    MULTIPLIER = "multiplier"  # double, triple, halve: a quantity in itself
    OTHER = "other"


class Form(StrEnum):
    """The grammatical shape of the key result."""

    IMPERATIVE = "imperative"  # "Launch the portal"
    STATE = "state"  # "The export API is merged", "Offline mode ships in 5.2"
    NOUN_PHRASE = "noun_phrase"  # "Partner portal", "NPS 40 -> 55"
    OTHER = "other"


class QuantityKind(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    MONEY = "money"
    MULTIPLIER = "multiplier"  # 3x, double, halve
    RATING = "rating"  # 4.5/5
    PLACEHOLDER = "placeholder"  # X, TBD%, [target]


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    KEEP_ABOVE = "keep_above"
    KEEP_BELOW = "keep_below"
    REACH = "reach"  # a target with no stated direction ("to 55" after an unknown verb)


@dataclass(frozen=True, slots=True)
class SpanRef:
    """A character span ``text[start:end]`` of the original key result."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number that may be a success criterion.

    ``value`` is normalised (``"$1.2M"`` -> 1_200_000, ``"45%"`` -> 45.0,
    ``"halve"`` -> 0.5, ``"4.5/5"`` -> 4.5 with ``scale`` 5); ``unit`` is
    ``"%"``, an ISO currency code (``"USD"``), ``"x"``, or a unit noun
    (``"ms"``, ``"users"``), else None.
    """

    span: SpanRef
    kind: QuantityKind
    value: float | None
    unit: str | None = None
    scale: float | None = None


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date, period or deadline ("by June 30", "Q4", "within 6 weeks").

    ``normalized`` is an ISO date (``"2027-03-31"``), a period code
    (``"Q4"``, ``"H1"``, ``"FY27"``, ``"EOY"``), a duration (``"P6W"``) or None.
    ``is_deadline`` is true when a preposition makes it a due date ("by", "before").
    """

    span: SpanRef
    normalized: str | None
    is_deadline: bool


@dataclass(frozen=True, slots=True)
class Change:
    """A change pattern: "from 40 to 55", "40 -> 55", "to 55", "by 10%", "below 2 h"."""

    span: SpanRef
    direction: Direction
    baseline: Quantity | None
    target: Quantity | None
    is_relative: bool = False  # "by 10%": the target is an amount of change, not a level

    @property
    def is_bare(self) -> bool:
        """Whether the change is its target alone ("Reach 10k users", "€1.5M savings"),
        with no "to", comparator or baseline around it."""
        return self.target is not None and self.span == self.target.span


@dataclass(frozen=True, slots=True)
class LeadVerb:
    """The verb the key result starts with (after bullets, "KR1:", owner tags)."""

    span: SpanRef
    lemma: str
    verb_class: VerbClass
    corrected: bool = False  # the statistical tagger had it as a non-verb


@dataclass(frozen=True, slots=True)
class Marker:
    """A word or phrase of interest: ``kind`` is one of ``vague``, ``hedge``,
    ``measure`` (rate, NPS, churn...), ``conjunction`` (joins two key results),
    ``activity`` (ongoing work phrase), ``placeholder``, ``absolute``
    ("no bugs", "never"), ``state`` (merged, live, available...)."""

    span: SpanRef
    kind: str
    lemma: str


@dataclass(frozen=True, slots=True)
class Features:
    """Everything extracted from one key result."""

    text: str
    body: SpanRef  # the key result without bullets, numbering and owner tags
    form: Form
    lead_verb: LeadVerb | None
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateRef, ...] = ()
    changes: tuple[Change, ...] = ()
    markers: tuple[Marker, ...] = field(default=())
    n_words: int = 0

    def markers_of(self, kind: str) -> tuple[Marker, ...]:
        """Markers of one kind, in text order."""
        return tuple(m for m in self.markers if m.kind == kind)
