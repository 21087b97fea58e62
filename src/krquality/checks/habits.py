"""An activity the team repeats on a schedule, read from the sentence's shape.

``outputs.recurring_event`` finds a work product made again and again ("Host an
open day every month"): it needs the thing made. A key result can also name only
the doing and how often ("Sketch in a notebook every evening", "Swim twice a
week"): what it counts is the times the work is done, the same effort count with
no object. The shape decides, not the words:

- the key result opens with a verb in the imperative, a verb of making or doing
  (not one of getting, moving or keeping an outcome: "Grow 5% every month");
- the verb takes no object: a preposition, a particle or the schedule itself
  follows it ("Sketch in a notebook ...", "Swim twice a week"); a verb with an
  object is ``recurring_event``'s to judge;
- the schedule is said as an adverb or an adverbial phrase after the verb, not as
  a modifier of a noun ("Sketch in a weekly notebook" names a journal).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from krquality.checks.helpers import body_tokens, clause_start, verb_lexicon
from krquality.checks.made_count import ACQUIRING, doing, is_verb_base
from krquality.features.types import VerbClass

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext

# How often, said as an adverb or an adverbial phrase: "twice a week", "every evening",
# "each month", "daily". Matched in the text after the verb.
_SCHEDULE = re.compile(
    r"\b(?:(?:once|twice|thrice|\d+\s+times|(?:two|three|four|five|six|seven)\s+times)\s+(?:a|an|per|each|every)\s+\w+"
    r"|every\s+(?:\w+\s+)?(?:day|night|morning|evening|week|weekday|weekend|fortnight|month|quarter|term|year|sprint)s?"
    r"|each\s+(?:day|night|morning|evening|week|weekday|weekend|fortnight|month|quarter|term|year|sprint)"
    r"|daily|nightly|weekly|biweekly|fortnightly|monthly|quarterly|yearly|annually)\b",
    re.IGNORECASE,
)
# Tags of the words that may follow a verb with no object: a preposition or particle, an
# adverb, or the end of the clause.
_NO_OBJECT = frozenset({"ADP", "PART", "ADV", "PUNCT", "SCONJ"})


def repeated_activity(context: CheckContext) -> tuple[int, int] | None:
    """The span of an activity with no object done on a schedule, from the verb to the schedule.

    >>> import krquality
    >>> result = krquality.analyze("Sketch in a notebook every evening", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    >>> result = krquality.analyze("Grow paid members by 5% every month", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    []
    """
    features = context.features
    tokens = body_tokens(context)
    start = clause_start(tokens)  # "Health: swim twice a week": the verb after the label
    if start + 1 >= len(tokens):
        return None
    verb = tokens[start]
    imperative = verb.pos_ == "VERB" and verb.tag_ in {"VB", "VBP"}
    # The tagger often reads a short line's first word as a noun ("Bake every weekend",
    # "Fitness: cycle to work daily"): a verb's base form there, with no object after it, is
    # still the imperative (the object test below keeps "Coffee chats every week" out).
    untagged = verb.pos_ in {"NOUN", "PROPN"} and verb.tag_ in {"NN", "NNP"} and is_verb_base(verb.lower_)
    if not (imperative or untagged):
        return None  # an imperative opens the clause ("Swim ..."), not a subject or a participle
    lemma = (verb.lemma_ or verb.lower_).lower()
    found = verb_lexicon().lookup(lemma, tokens[start + 1].lower_)
    if lemma in ACQUIRING or not doing(verb, verb_lexicon()):
        return None  # "Attend a class every week", "Keep under budget each month": not work made
    if found is not None and found[1] in {VerbClass.VAGUE, VerbClass.OUTCOME, VerbClass.MULTIPLIER}:
        return None  # "Improve ... every sprint": the change may be the outcome
    verb_end = verb.idx + len(verb.text)
    schedule = _SCHEDULE.search(context.text, verb_end, features.body.end)
    if schedule is None:
        return None
    after = tokens[start + 1]
    named = after.is_quote or after.is_left_punct  # "Host “Soup Club” each week": a name, an object
    if (after.pos_ not in _NO_OBJECT or named) and after.idx != schedule.start():
        return None  # "Call the suppliers every week": an object, recurring_event's to judge
    if _level(tokens, start + 1):
        return None  # "Deliver on time every week": a level kept each time, not work counted
    following = next((t for t in tokens if t.idx >= schedule.end()), None)
    if following is not None and following.pos_ in {"NOUN", "PROPN", "ADJ"}:
        return None  # "Sketch in a weekly notebook": the schedule names a thing, not how often
    if any(q.span.start < schedule.start() for q in features.quantities if q.span.start >= verb_end):
        return None  # "Walk 5 km every day": a measure of each time, a metric's number
    return verb.idx, schedule.end()


# Prepositions of a level or limit after a verb: "Ship within budget", "Close under target".
_LIMITS = frozenset({"within", "under", "below", "above", "without", "over"})


def _level(tokens: Sequence[Token], k: int) -> bool:
    """Whether the words at ``k`` say a level each time is done to ("within budget", "on time",
    "on budget"): a limit's preposition, or "on" before a bare common noun."""
    token = tokens[k]
    if token.lower_ in _LIMITS:
        return True
    return token.lower_ == "on" and k + 1 < len(tokens) and tokens[k + 1].pos_ == "NOUN"
