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
kind allows: 39 for a task or an activity (``task.activity``), 59 for an
uncheckable state (``wording.uncheckable``) or a vague aim with no number,
74 for an output count (``metric.output_count``) or an undated deliverable
(``milestone.no_deadline``), 89 for a milestone (a
deliverable is checkable, but not yet the effect it is for), 100 for a
metric. So "Be the best company in the world" (a task) scores at most 39,
"Hire a head of data by June" 89, and "Increase trial-to-paid conversion
from 4% to 7% by Q3" 100.

Severities are the configured ones (``[tool.krquality] severity``), so
raising a check to error makes it cost 30.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from krquality.config import Config
from krquality.labels import Label
from krquality.result import Finding, Severity

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
_OUTPUT_CODES = frozenset({"KRQ104"})  # metric.output_count
# milestone.no_deadline: an undated deliverable sits in the "partial" band
# whatever the check's configured severity (it is a warning, not an error, so
# the weights alone left it at 88, in the band of a dated one).
_UNDATED_CODES = frozenset({"KRQ201"})


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

    >>> ceiling_for(["KRQ104"], Label.METRIC), ceiling_for([], Label.TASK), ceiling_for([], Label.MILESTONE)
    (74, 39, 89)
    >>> ceiling_for(["KRQ201"], Label.MILESTONE)
    74
    """
    found = set(codes)
    if label is Label.TASK or found & _ACTIVITY_CODES:
        return ACTIVITY_CEILING
    vague_aim = bool(found & _VAGUE_CODES) and label is not None and label is not Label.METRIC
    if found & _UNCLEAR_CODES or vague_aim:
        return UNCLEAR_CEILING
    if found & (_OUTPUT_CODES | _UNDATED_CODES):
        return OUTPUT_CEILING
    if label is Label.MILESTONE:
        return MILESTONE_CEILING
    return 100


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
    score = min(ceiling_for(worst, label), max(0, 100 - sum(worst.values())))
    return score, grade_for(score)
