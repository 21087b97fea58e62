"""Second results joined without a verb of the first: a subject of their own, or a comma.

Read by ``wording.compound``. Three shapes the joiner rules before them let through,
recognised on the tagger's word classes so they hold for any domain:

- a new subject opened by a quantifier or holding a preposition, then its own finite
  verb: "... , and at least one clinic in each county has cut its waits";
- a new subject and a participle with its "is" left out, after a first state:
  "The old form is withdrawn and the new one published", "Two stalls booked at the fair
  and a flyer about the menu printed";
- orders listed with commas and no joiner: "Book the venue, hire two caterers, print
  the tickets".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Words that open a counted subject: "at least one branch", "more than half of the vans".
_QUANTIFIER_OPENERS = frozenset(
    {"at", "least", "most", "more", "fewer", "less", "than", "over", "up", "to", "no"}
)
_NOMINAL = frozenset({"NOUN", "PROPN", "NUM", "DET", "ADJ"})
_NOMINAL_TAGS = frozenset({"PRP$"})
# Prepositions a subject may hold ("one depot in each region", "the share of members").
_SUBJECT_PREPOSITIONS = frozenset({"in", "of", "for", "at", "from", "across", "within", "on", "about", "per"})
_FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
_FINITE_WORDS = frozenset({"is", "are", "was", "were", "has", "have", "will", "had"})
_BE_HAVE = frozenset({"is", "are", "was", "were", "be", "been", "has", "have", "had"})
_PARTICIPLES = frozenset({"VBN", "VBD"})
_SENTENCE_ENDS = frozenset({".", ";", "!", "?"})
# Objects an order takes: "hire two cooks", "publish the guide", "set up a rota".
_OBJECT_POS = frozenset({"DET", "NUM", "ADJ", "NOUN", "PROPN", "PRON"})


def subject_end(tokens: Sequence[Token], start: int) -> int | None:
    """The index after a subject noun phrase starting at ``start``, or None if none starts there.

    The phrase may open with a quantifier ("at least one", "more than 40") and hold
    prepositional phrases ("one depot in each region"); it needs a noun or a number.
    """
    i = start
    while (
        i < len(tokens)
        and tokens[i].lower_ in _QUANTIFIER_OPENERS
        and tokens[i].pos_ in {"ADV", "ADP", "ADJ", "PART"}
    ):
        i += 1
    named = False
    while i < len(tokens):
        token = tokens[i]
        if token.pos_ in _NOMINAL or token.tag_ in _NOMINAL_TAGS or token.text in {"-", "'s", "’s"}:
            named = named or token.pos_ in {"NOUN", "PROPN", "NUM"}
            i += 1
        elif _describes_noun(tokens, i, start):
            i += 1  # a participle describing the noun after it: "the shared calendar"
        elif (
            named
            and token.lower_ in _SUBJECT_PREPOSITIONS
            and i + 1 < len(tokens)
            and _nominal(tokens[i + 1])
        ):
            i += 1
        else:
            break
    return i if named and i > start else None


def finite_clause_after(tokens: Sequence[Token], start: int) -> bool:
    """Whether a clause with a quantified or prepositional subject and a finite verb starts at
    ``start``: "at least one depot in each region has cut ...". (Plain subjects, "the track is
    open", are read by ``wording.compound`` itself.)"""
    end = subject_end(tokens, start)
    if end is None or end >= len(tokens):
        return False
    opened = tokens[start].lower_ in _QUANTIFIER_OPENERS
    held = any(t.pos_ == "ADP" for t in tokens[start:end])
    verb = tokens[end]
    finite = verb.lower_ in _FINITE_WORDS or (verb.tag_ in _FINITE_TAGS and verb.pos_ in {"VERB", "AUX"})
    return (opened or held) and finite


def elided_state_after(tokens: Sequence[Token], start: int) -> bool:
    """Whether a subject and a participle, its "is" left out, start at ``start`` and end the
    sentence's clause: "(and) the handbook updated", "(and) a flyer about the menu printed".
    A finite verb after the participle makes it a modifier ("refunds issued are listed")."""
    end = subject_end(tokens, start)
    if end is None or end >= len(tokens) or tokens[end].tag_ not in _PARTICIPLES:
        return False
    if tokens[start].pos_ == "ADJ" and end - start == 1:
        return False
    for token in tokens[end + 1 :]:
        if token.text in _SENTENCE_ENDS:
            break
        if token.lower_ in _FINITE_WORDS or token.tag_ in {"VBZ", "VBP", "MD"}:
            return False
    return True


def states_an_end(words: Sequence[Token]) -> bool:
    """Whether ``words`` before a joiner state an end state: a participle after "is"/"has"
    ("The old form is withdrawn"), or a subject and a participle ("Two stalls booked"), in
    the sentence the joiner is in."""
    last_end = max((i for i, t in enumerate(words) if t.text in _SENTENCE_ENDS), default=-1)
    words = words[last_end + 1 :]
    for i, token in enumerate(words):
        if token.tag_ in _PARTICIPLES and i > 0:
            prior = next((w for w in reversed(words[:i]) if w.pos_ != "ADV"), None)
            if prior is not None and prior.lower_ in _BE_HAVE:
                return True
    end = subject_end(words, 0)
    return end is not None and end < len(words) and words[end].tag_ in _PARTICIPLES


def order_after_comma(
    tokens: Sequence[Token], comma: int, lead_at: int | None, verbs: frozenset[str]
) -> bool:
    """Whether the comma at index ``comma`` is followed by an order of its own, with no joiner:
    "Book the venue, hire two caterers" (a base-form verb from ``verbs`` and its object).

    The first order's verb (at ``lead_at``) comes before the comma and has words of its own
    after it: "Scan, sort, label the returns" lists verbs sharing one object.
    """
    if lead_at is None or lead_at >= comma - 1 or comma + 2 >= len(tokens):
        return False
    before, verb = tokens[comma - 1], tokens[comma + 1]
    if before.tag_ in {"VB", "VBP"} or before.pos_ == "VERB":
        return False
    if verb.tag_ != "VB" or (verb.lemma_ or verb.lower_).lower() not in verbs:
        return False
    after = tokens[comma + 2]
    if after.tag_ == "RP" and comma + 3 < len(tokens):
        after = tokens[comma + 3]  # "set up a rota"
    return after.pos_ in _OBJECT_POS


def _describes_noun(tokens: Sequence[Token], i: int, start: int) -> bool:
    """Whether the participle at ``i`` describes the noun after it, after a determiner ("the
    shared calendar", "two trained stewards"); bare ("missed deliveries") it may be a verb."""
    if i == start or i + 1 >= len(tokens) or tokens[i].tag_ not in {"VBN", "VBG"}:
        return False
    prior = tokens[i - 1]
    return tokens[i + 1].pos_ in {"NOUN", "PROPN"} and (prior.pos_ in {"DET", "NUM"} or prior.tag_ == "PRP$")


def _nominal(token: Token) -> bool:
    return token.pos_ in _NOMINAL or token.tag_ in _NOMINAL_TAGS
