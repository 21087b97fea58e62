"""Every one of the team's units holding a thing the team made, read from the sentence's shape.

``made_count`` reads "100% of the depots have run at least one fire drill": a share
of units that each did the work. The same count of work is often said as what each
unit now has or keeps: "All our kitchens have a written allergen plan", "90% of the
branches keep a signed-off fire log". What each unit holds is the product of work
(the participle in front of it says it was made: written, signed off, documented,
ranked), so the key result counts the work across the units, not its effect.

The shape, not the words, decides:

- the subject is all or a share of some units: "All (of the) X", "Every X",
  "Each X", "N% of (the) X", where X is not people or effects outside the team
  ("All customers have a verified email" is what customers did);
- the verb is one of holding: have, keep, maintain (after a modal or not);
- its object is one thing, with a determiner and a participle of writing work
  down in front ("a documented plan", "a ranked list"; "have documented the plans" is a
  perfect tense), itself not people, an effect or whoever does a verb
  ("a trained manager").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from krquality.checks.helpers import body_tokens, clause_start, verb_lexicon
from krquality.checks.made_count import ACQUIRING, doing, is_verb_base
from krquality.features.types import QuantityKind, VerbClass

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext

# Verbs of holding a thing: what each unit has at the end.
_HOLDING = frozenset({"have", "keep", "maintain"})
# Words that open a subject of all of some units.
_ALL = frozenset({"all", "every", "each"})
# Words of a modal or auxiliary between the subject and the verb: "All shops will have".
_MODALS = frozenset({"will", "shall", "should", "must", "can", "do", "does", "now", "already", "still"})
# Determiners of the object: "have a", "keep an", "maintain their".
_OBJECT_DETERMINERS = frozenset({"a", "an", "one", "the", "their", "its", "his", "her", "own"})
_NOUNS = frozenset({"NOUN", "PROPN"})


def units_hold_made(context: CheckContext, *, others: frozenset[str]) -> tuple[int, int] | None:
    """The span (subject to the thing held) of all or a share of the team's units holding a
    thing the team made, or None. ``others`` are nouns of people and effects outside the team.

    >>> import krquality
    >>> result = krquality.analyze("All our kitchens have a written allergen plan", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    >>> result = krquality.analyze("All our kitchens have a fridge below 5C", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    []
    """
    tokens = body_tokens(context)
    start = clause_start(tokens)  # "Ops: all depots ...": the subject after the label
    if start >= len(tokens):
        return None  # "Goals for the club:": a heading, nothing after it
    units_start = _units_start(context, tokens, start)
    if units_start is None:
        return None
    k = units_start
    units: Token | None = None
    while k < len(tokens) and _in_noun_phrase(tokens, k):
        if tokens[k].pos_ in _NOUNS:
            units = tokens[k]
        k += 1
    if units is None or _names(units, others):
        return None  # "All customers have ...": what people outside the team have or did
    while k < len(tokens) and tokens[k].lower_ in _MODALS:
        k += 1
    if k + 2 >= len(tokens) or (tokens[k].lemma_ or tokens[k].lower_).lower() not in _HOLDING:
        return None
    if tokens[k].pos_ not in {"VERB", "AUX"}:
        return None
    k += 1
    determined = k
    while k < len(tokens) and tokens[k].lower_ in _OBJECT_DETERMINERS:
        k += 1
    if k == determined:
        return None  # "All depots have baselined their costs": a perfect tense, the work itself
    if k >= len(tokens) or not _made_participle(tokens[k]):
        return None
    head = None
    for token in tokens[k + 1 : k + 6]:
        if token.pos_ in _NOUNS:
            head = token
        elif token.pos_ != "ADJ" and token.text != "-":
            break
    if head is None or _names(head, others) or _agent(head):
        return None  # "All shops have a trained manager": a person, not a thing made
    return tokens[start].idx, head.idx + len(head.text)


def made_for_each(context: CheckContext, *, others: frozenset[str]) -> tuple[int, int] | None:
    """The span (thing to the units) of one thing written up for each of some units, said with its
    participle first: "Risk log drafted for each site with a spring fair", "Rota agreed for every
    kitchen" (one made per unit: a count of work across them, like "All our kitchens
    have a written allergen plan"), or None. Not a state the thing reached ("Price raised for
    each product": not a verb of writing work down), nor units who are people or effects
    outside the team (``others``).

    >>> import krquality
    >>> result = krquality.analyze("Risk log drafted for each site", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    """
    tokens = body_tokens(context)
    start = clause_start(tokens)
    k = start
    if k < len(tokens) and tokens[k].lower_ in {"a", "an", "one"}:
        k += 1
    thing: Token | None = None
    while k < len(tokens) and (tokens[k].pos_ in _NOUNS | {"ADJ"} or tokens[k].text == "-"):
        if tokens[k].pos_ in _NOUNS:
            thing = tokens[k]
        k += 1
    if thing is None or thing.tag_ not in {"NN", "NNP"} or _names(thing, others) or _agent(thing):
        return None  # "Trained cook hired for each shop": a person, not a thing written
    while k < len(tokens) and tokens[k].lower_ in {"is", "be", "will", "gets", "get"}:
        k += 1
    if k + 3 >= len(tokens) or not _made_participle(tokens[k], past=True):
        return None
    if tokens[k + 1].lower_ != "for" or tokens[k + 2].lower_ not in _ALL:
        return None
    units: Token | None = None
    for token in tokens[k + 3 : k + 8]:
        if token.pos_ in _NOUNS:
            units = token
        elif token.pos_ != "ADJ" and token.text != "-":
            break
    if units is None or _names(units, others):
        return None  # "Care note written for each customer": people outside the team
    return tokens[start].idx, units.idx + len(units.text)


def _units_start(context: CheckContext, tokens: Sequence[Token], start: int) -> int | None:
    """Where the units' noun phrase starts after "All (of the)", "Every", "N% of (the)", or None."""
    first = tokens[start]
    if first.lower_ in _ALL:
        k = start + 1
    else:
        share = next(
            (
                q
                for q in context.features.quantities
                if q.kind is QuantityKind.PERCENT and q.span.start == first.idx
            ),
            None,
        )
        if share is None:
            return None
        k = next((i for i, t in enumerate(tokens) if t.idx >= share.span.end), len(tokens))
        if k >= len(tokens) or tokens[k].lower_ != "of":
            return None
    if k < len(tokens) and tokens[k].lower_ == "of":
        k += 1  # "All of the depots", "80% of the depots"
    return k if k < len(tokens) else None


def _in_noun_phrase(tokens: Sequence[Token], k: int) -> bool:
    """Whether ``tokens[k]`` belongs to the units' noun phrase: determiners, modifiers, nouns,
    and a participle that modifies a following noun ("customer-facing kiosks")."""
    token = tokens[k]
    if token.pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM"} or token.text in {"-", "/"}:
        return token.lower_ not in _HOLDING  # "have" read as a noun is still the verb
    if token.tag_ in {"VBG", "VBN"} and k + 1 < len(tokens):
        return tokens[k + 1].pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}
    return token.pos_ == "PRON" and token.tag_ == "PRP$"  # "All our kitchens"


def _made_participle(token: Token, *, past: bool = False) -> bool:
    """Whether ``token`` is a participle of setting work down in writing ("written", "documented",
    "ranked"): what the team writes up for each unit. Not one of a state a thing or its owner
    reached ("a completed profile", "a verified email", "a fitted tracker": the owners' doing or
    equipment), nor of getting or moving an outcome ("a raised budget")."""
    # (``past``: where the form also reads as a past tense after a bare noun, "Rota agreed for ...")
    tags = {"VBN", "VBD"} if past else {"VBN"}
    if token.tag_ not in tags and not (token.tag_ == "JJ" and token.lower_.endswith("ed")):
        return False
    lemma = (token.lemma_ or token.lower_).lower()
    if lemma not in _WRITING or lemma in ACQUIRING or not doing(token, verb_lexicon()):
        return False
    found = verb_lexicon().lookup(lemma, "")
    return found is None or found[1] is not VerbClass.VAGUE  # "an improved plan" says no more


# Verbs of setting work down in writing, whose participle before a thing says the team wrote
# it up: "a documented plan", "a ranked list", "an agreed rota".
_WRITING = frozenset(
    {
        "document",
        "write",
        "draft",
        "publish",
        "record",
        "define",
        "map",
        "plan",
        "agree",
        "approve",
        "review",
        "update",
        "rank",
        "catalogue",
        "catalog",
        "chart",
        "schedule",
        "audit",
        "version",
        "draw",
        "outline",
        "list",
        "log",
    }
)


def _names(token: Token, words: frozenset[str]) -> bool:
    """Whether ``token`` (as written, its lemma or the lemma's plural) is one of ``words``."""
    lemma = (token.lemma_ or "").lower()
    return bool({token.lower_, lemma, f"{lemma}s"} & words)


def _agent(token: Token) -> bool:
    """Whether ``token`` names whoever does a verb ("manager" <- "manage", "inspector" <-
    "inspect"): mostly people ("a trained manager"), or a device ("a fitted tracker") that is
    equipment bought, not work written up."""
    lemma = (token.lemma_ or token.lower_).lower()
    if not lemma.endswith(("er", "or")) or len(lemma) < 5:
        return False
    return is_verb_base(lemma[:-1]) or is_verb_base(lemma[:-2])
