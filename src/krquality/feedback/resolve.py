"""The rule that turns every correction of a text into one standing label, or none.

1. **Latest per user**: a user who corrected the same text more than once means
   their most recent correction (by time, then by id); the earlier ones are kept
   in the store but no longer vote.
2. **Majority across users**: the label most users' latest corrections give stands.
3. **Ties stand for nothing**: when two or more labels have the same, highest
   number of users, the text is *contested*; the model's own label is used and
   the corrections wait for another user to break the tie.

The same rule decides what the service answers at once and what retraining learns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from krquality.feedback.normalize import normalize_text
from krquality.feedback.types import Correction, Override


@dataclass(frozen=True, slots=True)
class Resolved:
    """One text's corrections resolved: the text (the latest spelling seen) and its standing
    :class:`Override`, or None when contested."""

    key: str  # normalize_text(text)
    text: str
    override: Override | None


def resolve(corrections: Iterable[Correction]) -> dict[str, Resolved]:
    """Resolve corrections by the rule above, keyed by :func:`normalize_text`.

    >>> from datetime import UTC, datetime
    >>> from krquality.feedback.types import CorrectedLabel as L, Source
    >>> def c(i, user, label):
    ...     at = datetime(2026, 1, 1, tzinfo=UTC)
    ...     return Correction("Ship v2", L(label), user, Source.CLI, id=i, created_at=at)
    >>> resolve([c(1, "a", "task"), c(2, "a", "milestone")])["ship v2"].override.label
    <CorrectedLabel.MILESTONE: 'milestone'>
    >>> resolve([c(1, "a", "task"), c(2, "b", "milestone")])["ship v2"].override is None
    True
    """
    latest: dict[str, dict[str, Correction]] = {}
    totals: Counter[str] = Counter()
    spelling: dict[str, Correction] = {}
    for correction in corrections:
        key = normalize_text(correction.text)
        totals[key] += 1
        by_user = latest.setdefault(key, {})
        previous = by_user.get(correction.user)
        if previous is None or (correction.created_at, correction.id) > (previous.created_at, previous.id):
            by_user[correction.user] = correction
        seen = spelling.get(key)
        if seen is None or (correction.created_at, correction.id) > (seen.created_at, seen.id):
            spelling[key] = correction
    out: dict[str, Resolved] = {}
    for key, by_user in latest.items():
        votes = Counter(c.label for c in by_user.values()).most_common()
        tied = len(votes) > 1 and votes[0][1] == votes[1][1]
        override = None if tied else Override(votes[0][0], votes[0][1], totals[key])
        out[key] = Resolved(key, spelling[key].text, override)
    return out
