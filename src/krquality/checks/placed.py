"""The team's own people placed at a number of events, read from the sentence's shape.

"Spoke at 4 meetups" is counted work: a verb of doing governs the count of events.
The same count is often said with no verb, naming the team's people by what they do
and the events they do it at: "Our demonstrators at 4 food festivals", "Kestrel
presenters at 6 regional fairs". The noun of the doer carries the verb ("presenter"
is one who presents), so the phrase counts the times the team does it.

The shape decides:

- the clause is a noun phrase with no verb of its own: an owner that makes the doers
  the team's ("our", a name), then a plural noun made from a verb by "-er" or "-or";
- that verb is one of making or doing, not of getting, taking up or using
  ("buyers", "visitors", "users" are people outside the team acting), and the doers are
  not people or organisations the caller lists as others ("our readers");
- then "at" or "on" and a count of two or more plural things ("at 5 trade shows").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from krquality.checks.helpers import TENSED_TAGS, body_tokens, clause_start, is_noun_base, verb_lexicon
from krquality.checks.made_count import doing_lemma, is_verb_base

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext

# Words that make the doers the team's own: "our presenters", "the team's speakers".
_OWNERS = frozenset({"our", "we", "team", "team's", "company", "company's"})
# Prepositions of the events the doers appear at: "at 5 fairs", "on 4 podcasts".
_PLACES = frozenset({"at", "on"})
# Doer nouns whose people belong to the team whoever they are: "speakers" is also a
# word of people in general, but "our speakers" are the team's.
_OWN_DOERS = frozenset({"speakers", "presenters", "exhibitors", "demonstrators", "trainers", "organisers"})
_NOUNS = frozenset({"NOUN", "PROPN"})


def doers_at_events(context: CheckContext, *, others: frozenset[str]) -> tuple[int, int] | None:
    """The span (doers to the events counted) of the team's people at a number of events, or
    None. ``others`` are nouns of people and effects outside the team.

    >>> import krquality
    >>> result = krquality.analyze("Our demonstrators at 4 regional food festivals", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    >>> result = krquality.analyze("Our buyers at 4 regional food festivals", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    []
    """
    tokens = body_tokens(context)
    start = clause_start(tokens)
    place = next((k for k in range(start, len(tokens)) if tokens[k].lower_ in _PLACES), None)
    if place is None or place - start < 2 or place + 2 >= len(tokens):
        return None
    doers = tokens[place - 1]
    phrase = tokens[start : place - 1]
    if not all(
        t.pos_ in _NOUNS | {"DET", "PRON", "ADJ", "PUNCT", "PART"} or _name(t) or t.text == "&"
        for t in phrase
    ):
        return None  # "We send speakers at ...": a verb before, another path's reading
    owned = any(t.lower_ in _OWNERS or _name(t) for t in phrase)
    if not owned or not _doer(doers, others):
        return None
    count = tokens[place + 1]
    if not count.like_num or not count.text.isdigit() or int(count.text) < 2:
        return None
    head = _events(tokens, place + 2)
    if head is None or tokens[head].lower_ in others:
        return None
    return tokens[start].idx, tokens[head].idx + len(tokens[head].text)


def _name(token: Token) -> bool:
    """Whether ``token`` is a name: a proper noun, or a capitalised word with marks inside that
    the tagger may read as anything ("Node.js", "Gear{x}"), which only a brand is spelled with."""
    if token.pos_ == "PROPN":
        return True
    text = token.text
    return text[:1].isupper() and not token.is_alpha and not token.is_punct and not token.like_num


def _doer(token: Token, others: frozenset[str]) -> bool:
    """Whether ``token`` is a plural noun of one who does a verb of making or doing: "presenters"
    (present), "organisers" (organise), "runners" (run); not people outside the team."""
    if token.pos_ not in _NOUNS or token.tag_ not in {"NNS", "NNPS"}:
        return False
    if token.lower_ in others and token.lower_ not in _OWN_DOERS:
        return False
    lemma = (token.lemma_ or token.lower_).lower()
    if not lemma.endswith(("er", "or")) or len(lemma) < 5:
        return False
    stem = lemma[:-2]
    verbs = [v for v in (stem, stem + "e", stem[:-1]) if v and is_verb_base(v)]
    return bool(verbs) and doing_lemma(verbs[0], verb_lexicon())


def _events(tokens: Sequence[Token], at: int) -> int | None:
    """The index of the plural thing counted from ``at`` ("large (500+ guests) conferences" ->
    "conferences"), a parenthesis skipped; the last word may be tagged as a verb ("conferences")."""
    head = None
    k = at
    while k < len(tokens) and k - at < 10:
        token = tokens[k]
        if token.text == "(":
            close = next((j for j in range(k, len(tokens)) if tokens[j].text == ")"), None)
            if close is None:
                return None
            k = close + 1
            continue
        if token.pos_ in _NOUNS | {"ADJ"} or token.text == "-":
            head = k if token.pos_ in _NOUNS else head
            k += 1
            continue
        misread = token.tag_ in TENSED_TAGS and is_noun_base((token.lemma_ or "").lower())
        if misread and (k + 1 == len(tokens) or tokens[k + 1].is_punct):
            head = k  # "at 5 large conferences", the last noun read as a verb
        break
    if head is None or not tokens[head].lower_.endswith("s"):
        return None
    return head
