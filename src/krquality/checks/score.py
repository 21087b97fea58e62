"""From findings to a 0-100 score, a letter grade and a band that says what the key result is.

The scale has five bands. The kind of key result sets a ceiling, so an
activity with no measure never reaches the band of a dated, checkable
milestone, and an output count sits below an outcome metric:

| score | grade | band | what it means |
|---|---|---|---|
| 90-100 | A | outcome | a measure of effect with a target (baseline and time frame complete it) |
| 75-89 | B | checkable | a dated deliverable or end state, or an outcome metric with a gap |
| 60-74 | C | partial | work done counted (posts written), an undated deliverable, a serious gap |
| 40-59 | D | unclear | a vague measure or an end state nobody can check ("highly active") |
| 0-39 | F | activity | an activity or an aim: what will be done, not what will be true |

The formula::

    score = min(ceiling, 100 - 30 * E - 12 * W - 4 * I)

where ``E``, ``W`` and ``I`` count the *distinct check codes* with at least
one finding of severity error, warning and info (a check that fires three
times costs once), and ``ceiling`` is the top of the band the key result's
kind allows: 39 for an activity (``task.activity``), 59 for an
uncheckable state (``wording.uncheckable``) or a vague aim with no number
(``wording.vague``, or ``metric.no_target`` on a direction with no amount, or
a topic too short to say what will be true, ``wording.too_short``, outside a metric),
74 for an output count (``metric.output_count``) or an undated deliverable
(``milestone.no_deadline``, or ``task.no_deadline`` on a key result the
checks read as one deliverable, not an activity), 89 for a milestone (a
deliverable is checkable, but not yet the effect it is for; so is a key
result read as a metric whose only number sizes a state or one thing made,
"The new till is trialled with a cohort of eight shops by June", or whose
numbers are all notes or sizes, "Payroll export rebuilt (0.0 -> 1.0)"), 100 for a
metric. So "Be the best company in the world" (a task) scores at most 39,
"Hire a head of data by June" 89, and "Increase trial-to-paid conversion
from 4% to 7% by Q3" 100.

A metric reaches the outcome band only when its number can be judged: a
level stated with neither a baseline nor a time frame ("Guest rating
above 4.5": ``metric.no_baseline`` and ``metric.no_deadline``) scores 84,
and one with vague words beside its number ("... with the aim of reaching
more": ``wording.vague``) at most 88, both in the checkable band; a level
with no baseline, no time frame and vague words drops to 72, in the
partial band. A count of what happens
within the cycle ("Sign 12 partners") needs no baseline, so its only gap
is the time frame (96).

In the three lowest bands (ceiling 74 or less) the other weaknesses still
cost, from the top of the band: ``score = min(formula, ceiling - 30 * E' -
12 * W' - 4 * I')``, where the primed counts leave out the codes that put the
key result in its band (the activity, vagueness, output-count and time-frame
codes). So a plain activity ("Hold weekly pipeline reviews") scores 39, a
vague one ("Better team spirit") 27, and a vague one that also packs two
results into one 15; an output count (74) that is also too long scores 62.

Severities are the configured ones (``[tool.krquality] severity``), so
raising a check to error makes it cost 30.

A suggested rewrite with blanks still to fill (``[baseline]``, ``[target]``,
``[date]``, or a bar to define such as ``[which stages]``) is scored on the same
scale by its text with the blanks filled by plausible values: the score it will
have once its author fills them, which is not the score of the draft as shown.
The suggestion lists its blanks (``placeholders``), and interfaces show them
beside the score; it is offered only if that score beats the key result's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from krquality.config import Config
from krquality.labels import Label
from krquality.result import Finding, Severity

if TYPE_CHECKING:
    from krquality.checks.base import CheckContext

WEIGHTS: dict[Severity, int] = {Severity.ERROR: 30, Severity.WARNING: 12, Severity.INFO: 4}


@dataclass(frozen=True, slots=True)
class Band:
    """A band of the score scale: its lowest score, letter, name and meaning."""

    floor: int
    grade: str
    name: str
    meaning: str


BANDS: tuple[Band, ...] = (
    Band(90, "A", "outcome", "a measured outcome: a measure of effect with a target"),
    Band(75, "B", "checkable", "a checkable result: a dated deliverable, or an outcome metric with a gap"),
    Band(60, "C", "partial", "not yet an effect: work done counted, or a deliverable with no date"),
    Band(40, "D", "unclear", "a vague measure or an end state nobody can check"),
    Band(0, "F", "activity", "an activity or an aim: what will be done, not what will be true"),
)
GRADES: tuple[tuple[int, str], ...] = tuple((b.floor, b.grade) for b in BANDS)

# Ceilings by kind, each the top of its band.
ACTIVITY_CEILING = 39
UNCLEAR_CEILING = 59
OUTPUT_CEILING = 74
MILESTONE_CEILING = 89
_ACTIVITY_CODES = frozenset({"KRQ301"})  # task.activity
_UNCLEAR_CODES = frozenset({"KRQ409"})  # wording.uncheckable
_VAGUE_CODES = frozenset({"KRQ401"})  # wording.vague: unclear when nothing is measured
# metric.no_target outside a metric: a direction on a measure with no amount
# ("Reduce late deliveries") is a vague measure, in the "unclear" band.
_NO_AMOUNT_CODES = frozenset({"KRQ102"})
# wording.too_short outside a metric: a topic in a word or two ("Podcast series") names no end
# state anyone can check, dated or not; a short metric ("NPS 48") still has its number.
_TOPIC_CODES = frozenset({"KRQ408"})
_OUTPUT_CODES = frozenset({"KRQ104"})  # metric.output_count
# milestone.no_deadline: an undated deliverable sits in the "partial" band
# whatever the check's configured severity (it is a warning, not an error, so
# the weights alone left it at 88, in the band of a dated one).
_UNDATED_CODES = frozenset({"KRQ201", "KRQ302"})
# Time-frame codes: the band of an activity or an output count already says
# what they say, so inside those bands they cost nothing more.
_FRAME_CODES = frozenset({"KRQ105", "KRQ201", "KRQ302"})


def band_for(score: int) -> Band:
    """The band of a score.

    >>> band_for(95).name, band_for(89).name, band_for(70).name, band_for(12).name
    ('outcome', 'checkable', 'partial', 'activity')
    """
    return next(band for band in BANDS if score >= band.floor)


def grade_for(score: int) -> str:
    """The letter grade of a score.

    >>> grade_for(88), grade_for(70), grade_for(12)
    ('B', 'C', 'F')
    """
    return band_for(score).grade


def ceiling_for(codes: Iterable[str], label: Label | None) -> int:
    """The highest score a key result of this kind may get (``codes``: its finding codes).

    An activity is known by its finding (``task.activity``), not by the label
    alone: a key result the model reads as a task but the checks see as one
    deliverable ("Document the release steps") is capped like a deliverable.

    >>> ceiling_for(["KRQ104"], Label.METRIC), ceiling_for(["KRQ301"], Label.TASK)
    (74, 39)
    >>> ceiling_for([], Label.MILESTONE)
    89
    >>> ceiling_for(["KRQ201"], Label.MILESTONE), ceiling_for(["KRQ302"], Label.TASK)
    (74, 74)
    """
    found = set(codes)
    if found & _ACTIVITY_CODES:
        return ACTIVITY_CEILING
    aimless = found & (_VAGUE_CODES | _NO_AMOUNT_CODES | _TOPIC_CODES)
    vague_aim = bool(aimless) and label is not None and label is not Label.METRIC
    if found & _UNCLEAR_CODES or vague_aim:
        return UNCLEAR_CEILING
    if found & (_OUTPUT_CODES | _UNDATED_CODES):
        return OUTPUT_CEILING
    if label in (Label.MILESTONE, Label.TASK):
        return MILESTONE_CEILING
    return 100


def _band_codes(ceiling: int) -> frozenset[str]:
    """The codes that put a key result in the band under ``ceiling``: they cost nothing more there."""
    if ceiling == ACTIVITY_CEILING:
        return _ACTIVITY_CODES | _OUTPUT_CODES | _FRAME_CODES  # work done, counted or not, is activity
    if ceiling == UNCLEAR_CEILING:
        return _UNCLEAR_CODES | _VAGUE_CODES | _NO_AMOUNT_CODES | _TOPIC_CODES | _FRAME_CODES
    if ceiling == OUTPUT_CEILING:
        return _OUTPUT_CODES | _FRAME_CODES
    return frozenset()


def scored_kind(context: CheckContext) -> Label:
    """The kind whose band caps the score: the label, but a milestone for a key result read as a
    metric whose only number sizes a state or one thing made ("The new till is trialled in eight shops by
    June": a dated deliverable, not an outcome measure; see ``checks.scope.sized_state``), or that has
    no number to reach ("Automate the depot night checks: 100%"; see ``checks.untargeted``)."""
    from krquality.checks.untargeted import read_as_deliverable

    return Label.MILESTONE if read_as_deliverable(context) else context.label


def score_findings(
    findings: Iterable[Finding], *, config: Config, label: Label | None = None
) -> tuple[int, str]:
    """Score findings (already at their configured severity): ``(score, grade)``.

    ``label`` sets the ceiling of the kind (None: only the findings do).
    ``config`` is taken so future settings (custom weights) need no new signature.

    >>> from krquality.result import Finding
    >>> finding = Finding("KRQ101", "metric.no_baseline", Severity.WARNING, "...", 0, 4)
    >>> score_findings([finding], config=Config())
    (88, 'B')
    >>> score_findings([], config=Config())
    (100, 'A')
    >>> score_findings([], config=Config(), label=Label.MILESTONE)
    (89, 'B')
    """
    # A code counts at its worst severity if findings of it disagree.
    worst: dict[str, int] = {}
    for finding in findings:
        worst[finding.code] = max(worst.get(finding.code, 0), WEIGHTS[finding.severity])
    ceiling = ceiling_for(worst, label)
    score = min(ceiling, max(0, 100 - sum(worst.values())))
    if ceiling <= OUTPUT_CEILING:
        # In a low band the other weaknesses still tell key results apart: a
        # vague, two-in-one activity ranks below a plain one.
        kind = _band_codes(ceiling)
        score = max(0, min(score, ceiling - sum(w for code, w in worst.items() if code not in kind)))
    return score, grade_for(score)
