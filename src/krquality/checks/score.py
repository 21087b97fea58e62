"""From findings to a 0-100 score and a letter grade.

The formula::

    score = max(0, 100 - 30 * E - 12 * W - 4 * I)

where ``E``, ``W`` and ``I`` count the *distinct check codes* with at least
one finding of severity error, warning and info. A check that fires three
times (three vague words) costs once: the score says how many kinds of
problem a key result has, not how wordy it is. The grade is A for 90 and
above, B for 80-89, C for 70-79, D for 60-69 and F below 60, so one warning
gives a B (88), one error a C (70), an error and a warning an F (58), and
information alone never drops below A unless there are three or more kinds.

Severities are the configured ones (``[tool.krquality] severity``), so
raising a check to error makes it cost 30.
"""

from __future__ import annotations

from collections.abc import Iterable

from krquality.config import Config
from krquality.result import Finding, Severity

WEIGHTS: dict[Severity, int] = {Severity.ERROR: 30, Severity.WARNING: 12, Severity.INFO: 4}
GRADES: tuple[tuple[int, str], ...] = ((90, "A"), (80, "B"), (70, "C"), (60, "D"), (0, "F"))


def grade_for(score: int) -> str:
    """The letter grade of a score.

    >>> grade_for(88), grade_for(70), grade_for(12)
    ('B', 'C', 'F')
    """
    return next(letter for floor, letter in GRADES if score >= floor)


def score_findings(findings: Iterable[Finding], *, config: Config) -> tuple[int, str]:
    """Score findings (already at their configured severity): ``(score, grade)``.

    ``config`` is taken so future settings (custom weights) need no new signature.

    >>> from krquality.result import Finding
    >>> finding = Finding("KRQ101", "metric.no_baseline", Severity.WARNING, "...", 0, 4)
    >>> score_findings([finding], config=Config())
    (88, 'B')
    >>> score_findings([], config=Config())
    (100, 'A')
    """
    # A code counts at its worst severity if findings of it disagree.
    worst: dict[str, int] = {}
    for finding in findings:
        worst[finding.code] = max(worst.get(finding.code, 0), WEIGHTS[finding.severity])
    score = max(0, 100 - sum(worst.values()))
    return score, grade_for(score)
