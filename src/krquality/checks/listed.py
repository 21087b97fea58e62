"""Three or more pieces of work listed in one key result, each a result of its own.

Read by ``wording.compound`` where its joiner rules found nothing. Two shapes, recognised on
the tagger's word classes so they hold for any domain:

- work reported done, each item its own verb with its own object: "We've mapped the
  routes, hired a dispatcher and cut the idle time" (the tagger reads the later verbs as
  past tense or participles, which the rules for "and" take for one state);
- things listed as the subject of one state, each with its own determiner: "The rota, the
  stock list and the cleaning plan are published".

A list of the parts of one thing stays one result: nouns without verbs after a verb
("a guide covering labels, boxes and fragile items", "Train cooks in knife skills, hygiene
and stock rotation"), verbs sharing one object ("Scan, sort and label every parcel"), one
noun phrase with one determiner ("The sales, ops and HR rotas are published").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Tags of a verb reporting work done: the tagger reads "launched" as either.
_DONE_TAGS = frozenset({"VBD", "VBN"})
# What opens an object of its own: "the routes", "a dispatcher", "our rota", "20 cooks".
_OBJECT_OPENERS = frozenset({"DT", "PRP$", "CD"})
# What joins the last item of a list.
_LAST_JOINERS = frozenset({"and", "&"})
# Determiners that open a listed thing: "the rota", "a stock list", "our plan".
_THING_OPENERS = frozenset({"DT", "PRP$"})
# Words that make the list part of a clause describing something: "cooks who ...".
_RELATIVE = frozenset({"who", "which", "that", "whose"})
# The verb of a state the listed things share: "are published", "are live".
_STATE_VERBS = frozenset({"is", "are", "were", "was", "have", "has"})


def _own_object(tokens: Sequence[Token], at: int) -> bool:
    """Whether the verb at ``at`` has an object of its own right after it."""
    if at + 1 >= len(tokens):
        return False
    following = tokens[at + 1]
    return following.tag_ in _OBJECT_OPENERS or following.pos_ in {"NOUN", "PROPN"}


def _items(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """The list's separators: (index, index of the token opening the next item) for each comma
    and the last "and", in order, ending at the first "and". Empty where there is no such list."""
    separators: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if token.text in {".", ";", "!", "?"}:
            break
        if token.text == "," or token.lower_ in _LAST_JOINERS:
            nxt = i + 1
            if token.text == "," and nxt < len(tokens) and tokens[nxt].lower_ in _LAST_JOINERS:
                continue  # the serial comma: the "and" after it separates
            separators.append((i, nxt))
            if token.lower_ in _LAST_JOINERS:
                break
    return separators if separators and tokens[separators[-1][0]].lower_ in _LAST_JOINERS else []


# Forms of "have" before work reported done: "We've mapped", "The team has hired".
_HAVE = frozenset({"have", "'ve", "’ve", "has", "'s", "’s", "had"})


def _reported_verb(body: Sequence[Token]) -> int | None:
    """The index of the first verb reporting work done: after a form of "have" ("We've
    mapped ..."), or opening the key result ("Mapped the routes, ...")."""
    for k, token in enumerate(body[:6]):
        if token.tag_ in _DONE_TAGS and (k == 0 or body[k - 1].lower_ in _HAVE):
            return k
    return None


def done_work_listed(body: Sequence[Token], lead_at: int | None) -> list[int]:
    """Indexes (into ``body``) of the separators of a list of three or more pieces of work
    reported done, each its own verb with its own object; empty where there is none.

    ``lead_at`` is the index of the key result's lead verb in ``body``.
    """
    if lead_at is None or body[lead_at].tag_ not in _DONE_TAGS:
        lead_at = _reported_verb(body)
    if lead_at is None or not _own_object(body, lead_at):
        return []
    if any(t.lower_ in _RELATIVE for t in body[:lead_at]):
        return []
    separators = [(i, nxt) for i, nxt in _items(body[lead_at:])]
    if len(separators) < 2:
        return []
    for i, nxt in separators:
        at = lead_at + nxt
        if at >= len(body) or body[at].tag_ not in _DONE_TAGS or not _own_object(body, at):
            return []
        if any(t.lower_ in _RELATIVE for t in body[lead_at : lead_at + i]):
            return []
    return [lead_at + i for i, _ in separators]


def things_listed(body: Sequence[Token]) -> list[int]:
    """Indexes (into ``body``) of the separators of three or more things, each with its own
    determiner, listed as the subject of one state ("The rota, the stock list and the
    cleaning plan are published"); empty where there is none."""
    if not body or body[0].tag_ not in _THING_OPENERS:
        return []
    separators = _items(body)
    if len(separators) < 2:
        return []
    # The first thing is a bare noun phrase: "A guide with the plan, the list and ..." lists
    # the parts of the guide.
    if any(
        t.pos_ not in {"DET", "ADJ", "NOUN", "PROPN"} and t.tag_ not in {"PRP$", "HYPH"}
        for t in body[: separators[0][0]]
    ):
        return []
    for _, nxt in separators:
        if nxt >= len(body) or body[nxt].tag_ not in _THING_OPENERS:
            return []
    # After the last thing: its nouns, then the shared state's verb and a participle or adjective.
    j = separators[-1][1] + 1
    while j < len(body) and (body[j].pos_ in {"NOUN", "PROPN", "ADJ"} or body[j].tag_ == "HYPH"):
        j += 1
    if j + 1 >= len(body) or body[j].lower_ not in _STATE_VERBS:
        return []
    state = body[j + 1]
    if state.lower_ == "been" and j + 2 < len(body):
        state = body[j + 2]
    if state.tag_ not in {"VBN", "JJ"}:
        return []
    # Every item a thing without a number: "3 vans, 4 bikes and 2 trailers" is one fleet counted.
    if any(t.tag_ == "CD" for t in body[:j]):
        return []
    return [i for i, _ in separators]


def separate_results_listed(body: Sequence[Token], lead_at: int | None) -> Iterator[Token]:
    """The separators (commas and the last "and") of a list of three or more results in ``body``."""
    found = done_work_listed(body, lead_at) or things_listed(body)
    for i in found:
        yield body[i]
