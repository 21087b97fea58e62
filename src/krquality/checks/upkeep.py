"""Upkeep joined to the making of a thing: "Draft and maintain the admin guides".

A verb of keeping something as it is ("maintain", "keep") has no end point; joined by
"and" to the verb that makes the thing, it adds a second, never-finished piece of work
to a deliverable that is otherwise done or not done. ``wording.compound`` reads it as
two things in one: the deliverable (with its date) and the upkeep (in the plan, or as
a level to hold with a number: "the guides are reviewed every month").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from krquality.checks.helpers import body_tokens, clause_start, load_words, verb_lexicon

if TYPE_CHECKING:
    from krquality.checks.base import CheckContext

# Words that join verbs of one chain: "Draft and maintain", "Build, launch and maintain".
_JOINING = frozenset({"and", "&", ","})


def joined_upkeep(context: CheckContext) -> tuple[int, int] | None:
    """The span from the joiner to a verb of upkeep joined to the key result's opening verb, or
    None. Not with a number to hold ("Build and keep the page under 2 seconds": a level), and
    not a verb that also holds an event ("Design and hold a tasting evening").

    >>> import krquality
    >>> result = krquality.analyze("Draft and maintain the payroll admin guides", suggestions=False)
    >>> [result.text[f.start : f.end] for f in result.findings if f.code == "KRQ403"]
    ['and maintain']
    """
    if context.features.quantities:
        return None
    tokens = body_tokens(context)
    start = clause_start(tokens)
    if start >= len(tokens) or tokens[start].pos_ != "VERB":
        return None
    lexicon = verb_lexicon()
    events = load_words("event_verbs")
    k = start + 1
    while k + 1 < len(tokens) and tokens[k].lower_ in _JOINING:
        joiner = k
        if tokens[k].text == "," and tokens[k + 1].lower_ == "and":
            k += 1  # "Build, launch and maintain"
        verb = tokens[k + 1]
        if verb.pos_ != "VERB" or verb.tag_ not in {"VB", "VBP"}:
            return None
        lemma = (verb.lemma_ or verb.lower_).lower()
        if lexicon.is_level_verb(lemma) and lemma not in events:
            return tokens[joiner].idx, verb.idx + len(verb.text)
        k += 2
    return None
