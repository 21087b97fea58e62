"""Numbers that bound a key result's scope, not the amount it must reach.

"Cut delivery errors in 3 depots" counts the depots the work covers; "rolling
28-day" names the window a measure is taken over; "Improve 4 of the worst-rated
help articles" picks the things to move. None of them says how far the measure must
move, so a key result whose only numbers are of these kinds has no target
(``metric.no_target``) even though it has digits. Without this reading such
a line scored as a complete outcome metric.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from krquality.features.types import Direction, Form, Quantity, QuantityKind
from krquality.labels import Label

if TYPE_CHECKING:
    from krquality.checks.base import CheckContext

# Prepositions that place the work ("in 3 depots", "on 2 platforms", "per 1000 visits").
# Not "over", "under", "within", "to", "by", "at": those state an amount or a limit.
_SCOPE_PREPOSITIONS = frozenset({"in", "on", "across", "per", "among", "throughout"})
# Words that may stand between the preposition and the number ("on the last 2 releases").
# Not "top": "in the top 3" is a rank to reach.
_SCOPE_FILLERS = frozenset({"the", "our", "their", "its", "these", "those", "latest", "last", "next", "all"})
# Units that make a number an amount (a time, a share, a distance), never a place.
_AMOUNT_UNITS = frozenset(
    {"%", "percent", "pct", "points", "pts", "ms", "s", "sec", "seconds", "min", "mins", "minutes"}
    | {"h", "hrs", "hours", "days", "weeks", "months", "years", "km", "kg", "taps", "clicks", "steps"}
)
# Time words: a number just before one is a duration ("in 5 working days"), an amount.
_TIME_WORDS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "sprint", "shift", "quarter"}
)
# Time words that, joined to a number by a hyphen, name a measuring window ("28-day").
_WINDOW_UNITS = frozenset({"day", "week", "month", "hour", "year", "minute"})
# Words that mark a hyphenated time as the window a measure is taken over, not its amount.
_WINDOW_LEADS = frozenset({"rolling", "trailing"})
# Verbs that move a measure. Only with one does a placed or picked number leave the
# key result without an amount: "Run meetups in 6 new cities" counts the cities it reaches.
_MOVING_VERBS = frozenset(
    {"improve", "increase", "reduce", "decrease", "raise", "lower", "cut", "grow", "boost", "speed"}
    | {"optimize", "optimise", "shorten", "lift", "shrink", "minimize", "minimise", "maximize", "maximise"}
)


def _index_at(tokens: Sequence[Token], offset: int) -> int | None:
    return next((i for i, t in enumerate(tokens) if t.idx == offset), None)


def _duration(tokens: Sequence[Token], i: int) -> bool:
    """The number at ``i`` counts time ("in 5 working days"): an amount whatever the preposition."""
    return any(t.lemma_.lower() in _TIME_WORDS or t.lower_ in _TIME_WORDS for t in tokens[i + 1 : i + 3])


def _placed(tokens: Sequence[Token], i: int) -> bool:
    """The number at ``i`` follows a scope preposition, maybe past a few fillers."""
    j = i - 1
    while j >= 0 and tokens[j].lower_ in _SCOPE_FILLERS:
        j -= 1
    return j >= 0 and tokens[j].lower_ in _SCOPE_PREPOSITIONS and not _duration(tokens, i)


def _window(tokens: Sequence[Token], i: int) -> bool:
    """The number at ``i`` is the length of a window joined by a hyphen ("rolling 28-day")."""
    if i == 0 or i + 2 >= len(tokens) or tokens[i + 1].text != "-" or tokens[i + 1].whitespace_:
        return False
    return tokens[i + 2].lower_ in _WINDOW_UNITS and tokens[i - 1].lower_ in _WINDOW_LEADS


def _picked(tokens: Sequence[Token], i: int) -> bool:
    """The number at ``i`` is the first word after the leading verb and picks what it moves
    ("Improve 4 of the worst-rated help articles")."""
    if i + 2 >= len(tokens) or tokens[i + 1].lower_ != "of" or tokens[i + 2].lower_ not in {"the", "our"}:
        return False
    return i == 1 or (i == 2 and tokens[1].lower_ == "up")  # "Speed up 4 of the ..."


def moves_a_measure(tokens: Sequence[Token]) -> bool:
    """Whether the key result opens with a verb that moves a measure ("Cut", "Improve", "Speed up")."""
    return bool(tokens) and (tokens[0].lower_ in _MOVING_VERBS or tokens[0].lemma_.lower() in _MOVING_VERBS)


def is_scope(quantity: Quantity, tokens: Sequence[Token]) -> bool:
    """Whether ``quantity`` bounds where or over what the key result is measured, not its amount.

    ``tokens`` are the key result's tokens in order (a check context's ``tokens``).
    A number that places or picks counts as scope only after a verb that moves
    a measure: without one ("Run meetups in 6 new cities") it is the reach to count.

    >>> import spacy
    >>> from krquality.features.types import SpanRef
    >>> doc = spacy.blank("en")("Cut delivery errors in 3 depots")
    >>> three = Quantity(SpanRef(23, 24, "3"), QuantityKind.NUMBER, 3.0, "depots")
    >>> is_scope(three, tuple(doc))
    True
    >>> doc = spacy.blank("en")("Run meetups in 3 new cities")
    >>> is_scope(Quantity(SpanRef(15, 16, "3"), QuantityKind.NUMBER, 3.0, "cities"), tuple(doc))
    False
    """
    if quantity.kind is not QuantityKind.NUMBER:
        return False
    if quantity.unit is not None and quantity.unit.lower() in _AMOUNT_UNITS:
        return False
    i = _index_at(tokens, quantity.span.start)
    if i is None:
        return False
    if _window(tokens, i):
        return True
    return moves_a_measure(tokens) and (_placed(tokens, i) or _picked(tokens, i))


def scope_spans(quantities: Sequence[Quantity], tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Character spans of the ``quantities`` that are scope (see :func:`is_scope`)."""
    return [(q.span.start, q.span.end) for q in quantities if is_scope(q, tokens)]


# Prepositions that size what a state sentence's subject runs with or covers ("is trialled with
# eight shops", "is piloted in 3 depots"). Not "by", "to", "over", "under": an amount or a limit.
_SIZING_PREPOSITIONS = frozenset({"with", "in", "across", "among", "at", "covering"})
# Words of a group between the preposition and its number: "with a cohort of eight", "in the first 3".
_GROUP_WORDS = frozenset(
    {"a", "the", "our", "first", "group", "cohort", "panel", "sample", "set", "pilot", "of", "an", "initial"}
)


def sizes_a_scope(quantity: Quantity, tokens: Sequence[Token]) -> bool:
    """Whether ``quantity`` sizes a group the sentence's subject works with or in
    ("is trialled with a cohort of eight shops", "is piloted in 3 depots"), not an amount."""
    if quantity.kind is not QuantityKind.NUMBER:
        return False
    if quantity.unit is not None and quantity.unit.lower() in _AMOUNT_UNITS:
        return False
    i = _index_at(tokens, quantity.span.start)
    if i is None or _duration(tokens, i):
        return False
    j = i - 1
    # "with a group of", "with a trial group of", "in the main": group words and their describing words
    while j >= max(0, i - 6) and (
        tokens[j].lower_ in _GROUP_WORDS
        or tokens[j].lower_ in _SCOPE_FILLERS
        or (tokens[j].pos_ in {"ADJ", "NOUN"} and j + 1 < i and tokens[j + 1].lower_ in _GROUP_WORDS)
    ):
        j -= 1
    return j >= 0 and tokens[j].lower_ in _SIZING_PREPOSITIONS


def sized_state(context: CheckContext) -> bool:
    """Whether a key result read as a metric is a state sentence (or one thing made) whose numbers
    only size its scope.

    "The new till is trialled with a cohort of eight shops", "The new rota is tested in 3 depots": the
    state is reached or not (a milestone's question is its date), and the number says how
    big the trial is, not a level to reach. Not a sentence that names a measure ("Churn is
    below 2% in 3 regions") or moves one, nor a count of work (``metric.output_count``).
    """
    if not sized_scope(context):
        return False
    from krquality.checks.task import counts_outputs  # the output check imports this module

    return not counts_outputs(context)


def sized_scope(context: CheckContext) -> bool:
    """:func:`sized_state` before it asks ``metric.output_count``, which reads this to leave
    the group a thing made covers uncounted ("Run a pilot with eight shops")."""
    return context.once(_sized_state)


def _one_thing_made(context: CheckContext) -> bool:
    """Whether an imperative key result makes or runs one thing before its first number
    ("Run a pilot with a cohort of eight shops", "Open the new depot in 2 towns")."""
    lead = context.features.lead_verb
    if context.features.form is not Form.IMPERATIVE or lead is None or not context.targets:
        return False
    between = context.text[lead.span.end : context.targets[0].span.start].lower().split()
    return len(between) >= 3 and between[0] in {"a", "an", "one", "the", "our"}


def _sized_state(context: CheckContext) -> bool:
    features = context.features
    if context.label is not Label.METRIC or not (features.form is Form.STATE or _one_thing_made(context)):
        return False
    # The pipeline may read "of eight" as a level reached; a baseline or a move is a measure.
    if any(c.baseline is not None or c.direction is not Direction.REACH for c in features.changes):
        return False
    if not context.targets or features.markers_of("measure"):
        return False
    return all(sizes_a_scope(q, context.tokens) for q in context.targets)
