"""Numbers that are their own reference point: read by ``metric.no_baseline``.

A baseline answers "where does it start?". Some numbers carry the answer in their grammar:

- an amount moved, said as the object of a verb of change ("Lose 4 kg", "Cut 2 hours from
  the payroll run", "Gain 300 followers"): the amount is measured from wherever it is
  today, so today's value adds nothing to judge it; a move *to* a level ("to 70 kg") or a
  share ("by 20%") still needs one;
- a rank ("hits the top 5 of the charts", "finish in the top 3"): a place among others,
  read off a list at the end, not a level measured today;
- zero held each period ("inbox zero every Friday", "zero missed rounds each week"): a
  state reached again every period, each judged on its own, like a level kept with
  "keep".

The pipeline has no parser, so these read part-of-speech tags and word order only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from krquality.checks.helpers import change_of, tokens_after
from krquality.features.types import Direction, Quantity, QuantityKind

if TYPE_CHECKING:
    from krquality.checks.base import CheckContext

# Words between a verb of change and its amount that keep the amount the verb's object:
# "Save another $500", "Lose a further 3 kg".
_ADDED = re.compile(r"^\s*(?:(?:another|an?\s+(?:further|extra|additional)|a\s+further)\s+)?$", re.IGNORECASE)
_MOVES = (Direction.INCREASE, Direction.DECREASE)
# Words that make the number after them a place in a ranking.
_RANK_WORDS = frozenset({"top", "bottom", "#", "no.", "number", "rank", "ranked", "position", "place"})
# A recurring frame: the state is reached again in each period.
_EACH_PERIOD = re.compile(
    r"\b(?:every|each|per)\s+(?:day|week|month|quarter|shift|sprint|morning|evening|night|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)\b|\b(?:daily|weekly|monthly|nightly)\b",
    re.IGNORECASE,
)


def own_reference(context: CheckContext, target: Quantity) -> bool:
    """Whether ``target`` needs no baseline because its grammar names its reference point.

    >>> from krquality.checks.base import CheckContext
    >>> from krquality.labels import Label
    >>> def reads(text):
    ...     context = CheckContext.read(text, Label.METRIC)
    ...     return own_reference(context, context.targets[0])
    >>> reads("Lose 4 kg before the spring race"), reads("Reduce body weight to 70 kg")
    (True, False)
    """
    return (
        amount_moved(context, target) or rank_position(context, target) or zero_each_period(context, target)
    )


def amount_moved(context: CheckContext, target: Quantity) -> bool:
    """Whether ``target`` is the amount a verb of change moves, written as its object: "Lose 4 kg",
    "Cut 2 hours from the weekly run". Not a level reached ("to 70 kg"), a share ("by 20%",
    relative to a value not stated) or a number with no unit ("Cut 40"), which could be a level."""
    lead = context.features.lead_verb
    if lead is None or lead.span.end > target.span.start:
        return False
    change = change_of(target, context.features)
    if change is None or not change.is_bare or change.is_relative or change.direction not in _MOVES:
        return False
    if target.kind not in (QuantityKind.NUMBER, QuantityKind.MONEY) or (
        target.kind is QuantityKind.NUMBER and not target.unit
    ):
        return False
    return _ADDED.match(context.text[lead.span.end : target.span.start]) is not None


def rank_position(context: CheckContext, target: Quantity) -> bool:
    """Whether ``target`` is a place in a ranking: "top 5", "the top 10 of the store", "#1", "number 3"."""
    if target.kind is not QuantityKind.NUMBER:
        return False
    before = [t for t in context.tokens if t.idx + len(t.text) <= target.span.start][-2:]
    if before and before[-1].lower_ in _RANK_WORDS:
        return True
    return target.span.text.startswith("#")


def zero_each_period(context: CheckContext, target: Quantity) -> bool:
    """Whether ``target`` is zero, to be reached again in every period: "inbox zero every Friday",
    "zero missed medication rounds each week". Not zero once ("zero overdue invoices by June")."""
    if target.kind is not QuantityKind.NUMBER or target.value != 0:
        return False
    after = tokens_after(context.tokens, target.span.end, 12)
    rest = " ".join(t.text for t in after)
    return _EACH_PERIOD.search(rest) is not None
