"""Sentence shapes that state what will be true rather than work to do, and joined words
that stay one key result.

Read by ``task.activity`` (a state is not an activity, whatever the model reads) and by
``wording.compound`` (a joiner inside one subject, one capability or one staged target
does not join two key results). They work on the tagger's word classes only, so they
hold for any domain's nouns and verbs:

- a capability: a subject other than "we"/"I" before "can", "could" or "(be) able to"
  and a verb ("Tenants can book laundry slots", "Riders are able to read up on
  their bike"): what someone can do once the work is done;
- a subject list in a state: names joined before a form of "be" and an adjective or
  participle ("The till and the ledger are compatible", "rust and kotlin are
  interoperable"), the tagger's reading of the first name as a verb notwithstanding;
- staged targets: one measure with a second number for a later period ("120 by May
  & 140 by June", "for the spring fair the target is 40 & for the summer fair the
  target is 60").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Subjects that make "can" a statement about the team's own work ("We can run ...").
_FIRST_PERSON = frozenset({"we", "i", "us"})
_BE = frozenset({"is", "are", "be", "been", "will", "was", "were"})
_CAPABILITY_MODALS = frozenset({"can", "could"})
# Words that open a clause inside the key result: a new subject may follow them.
_CLAUSE_OPENERS = frozenset(
    {"how", "what", "whether", "which", "where", "when", "why", "that", "if", ":", ",", ";", "."}
)
_NOMINAL = frozenset({"NOUN", "PROPN", "DET", "ADJ", "NUM"})
_JOINING = frozenset({"and", "&", ",", "/", "+"})


def capability_modal(tokens: Sequence[Token]) -> int | None:
    """The index of the modal of a capability ("Members can swap shifts"), or None.

    The words before the modal are the subject: nouns, names, determiners and
    adjectives, not "we" or "I" ("We can hold reviews" is the team's work). "Be able
    to" counts as the modal. The modal must be followed by a verb in its base form,
    an adverb allowed between ("can easily share").

    >>> from krquality.nlp import build_nlp
    >>> nlp = build_nlp()
    >>> capability_modal(nlp("Tenants can book laundry slots")), capability_modal(nlp("We can hold reviews"))
    (1, None)
    """
    for i, token in enumerate(tokens):
        lower = token.lower_
        if lower in _CAPABILITY_MODALS:
            modal, verb_at = i, i + 1
        elif lower == "able" and i > 0 and tokens[i - 1].lower_ in _BE and _word(tokens, i + 1) == "to":
            modal, verb_at = i, i + 2
        else:
            continue
        subject = [t for t in tokens[:modal] if t.lower_ not in _BE]
        if not subject or any(t.lower_ in _FIRST_PERSON for t in subject):
            return None
        if any(t.pos_ not in _NOMINAL and t.text not in _JOINING and t.lower_ != "of" for t in subject):
            return None  # a verb before the modal: "Staff who train can ..." is not a plain subject
        while verb_at < len(tokens) and tokens[verb_at].pos_ == "ADV":
            verb_at += 1
        if verb_at < len(tokens) and tokens[verb_at].tag_ == "VB":
            return modal
        return None
    return None


def subject_list_state(tokens: Sequence[Token]) -> bool:
    """Whether the key result is names joined as one subject, then "be" and a state:
    "The till and the ledger are compatible", "rust and kotlin are interoperable".

    The first word may be tagged as a verb ("go", "make" used as names): it counts as a
    name when a joiner follows it directly.

    >>> from krquality.nlp import build_nlp
    >>> nlp = build_nlp()
    >>> subject_list_state(nlp("The till and the ledger are compatible")), subject_list_state(nlp("Fix it"))
    (True, False)
    """
    be = next((i for i, t in enumerate(tokens) if t.lower_ in {"is", "are"}), None)
    if be is None or be < 3 or be + 1 >= len(tokens):
        return False
    subject = tokens[:be]
    if not any(t.lower_ in _JOINING for t in subject[1:-1]):
        return False
    for i, token in enumerate(subject):
        if token.pos_ in _NOMINAL or token.lower_ in _JOINING:
            continue
        if i == 0 and subject[1].lower_ in _JOINING:
            continue  # a name the tagger read as a verb
        return False
    after = tokens[be + 1]
    return after.pos_ == "ADJ" or after.tag_ == "VBN"


def joins_one_subject(tokens: Sequence[Token], joiner: int) -> bool:
    """Whether the joiner at index ``joiner`` lists the subject of the one verb that follows:
    "Document how the tills and the scales are used", "A and B are interoperable".

    The left side runs from the start or a clause opener ("how", "that", ":", ",") to the
    joiner with no verb in it (a first word read as a verb before the joiner counts as a
    name); the right side is a noun phrase and then a verb or "be".
    """
    start = 0
    for i in range(joiner - 1, -1, -1):
        if tokens[i].lower_ in _CLAUSE_OPENERS:
            start = i + 1
            break
    left = tokens[start:joiner]
    if not left:
        return False
    for i, token in enumerate(left):
        if token.pos_ in _NOMINAL or token.text in _JOINING:
            continue
        if start == 0 and i == 0 and len(left) == 1:
            continue  # "go and js are ...": the tagger took the first name for a verb
        return False
    right = tokens[joiner + 1 :]
    for i, token in enumerate(right):
        if token.pos_ in _NOMINAL:
            continue
        return i > 0 and (token.pos_ in {"AUX", "VERB"} and token.tag_ in {"VBZ", "VBP", "MD", "VBD"})
    return False


def shares_capability(tokens: Sequence[Token], joiner: int) -> bool:
    """Whether a verb after the joiner is a second thing the same subject can do: "Members
    can book rooms across sites, and cancel bookings" (one capability, one workflow).

    The key result is a capability (:func:`capability_modal`) whose modal comes before the
    joiner, in the same sentence, and the joiner is followed by a verb in its base form.
    """
    modal = capability_modal(tokens)
    if modal is None or modal > joiner:
        return False
    if any(t.text in {".", ";"} for t in tokens[modal:joiner]):
        return False
    return joiner + 1 < len(tokens) and tokens[joiner + 1].tag_ == "VB"


# Prepositions that name a stage of a target: "for the May release", "by June", "in Q3".
_STAGE = frozenset({"for", "by", "in", "at", "until", "before", "after"})


def staged_targets(tokens: Sequence[Token], joiner: int) -> bool:
    """Whether a number after the joiner is the same measure's target for another stage:
    "120 for the spring appeal & 140 for the autumn appeal", "For the May release the
    target is 90 & for June the target is 110".

    Both sides hold a number; the right side, up to the end of its sentence, has no verb
    but "be", and every noun in it outside a stage phrase ("for ...", "by ...") is
    already on the left (the same measure's words). "Sign 500 members and 40 sponsors"
    names a new thing counted, so it stays two.
    """
    left = tokens[:joiner]
    right: list[Token] = []
    for token in tokens[joiner + 1 :]:
        if token.text in {".", ";"}:
            break
        right.append(token)
    if not any(t.like_num for t in left) or not any(t.like_num for t in right):
        return False
    left_words = {(t.lemma_ or t.lower_).lower() for t in left}
    in_stage = False
    stage_seen = False
    for token in right:
        if token.lower_ in _STAGE:
            in_stage, stage_seen = True, True
            continue
        if token.lower_ in _BE or token.text == ",":
            in_stage = False  # "for June, the target is 140": the stage ends before the measure
            continue
        if token.pos_ in {"VERB", "AUX"}:
            return False
        named = token.pos_ in {"NOUN", "PROPN"} and not token.like_num
        if named and not in_stage and (token.lemma_ or token.lower_).lower() not in left_words:
            return False
    return stage_seen


def _word(tokens: Sequence[Token], i: int) -> str:
    return tokens[i].lower_ if 0 <= i < len(tokens) else ""


# Verbs of passing on a thing made to people: with no object of their own after a joiner
# ("Draft the plan and circulate among the leads"), their object is the thing just made.
_PASSING_ON = frozenset(
    {"share", "circulate", "socialize", "socialise", "present", "distribute", "send", "communicate"}
    | {"announce", "publish", "promote", "pitch", "shop", "disseminate", "broadcast"}
)


def passes_on(tokens: Sequence[Token], joiner: int) -> bool:
    """Whether the verb after the joiner passes on what the left side made, with no object of
    its own: "Draft the rota plan and circulate among the leads for feedback" is one result
    (the plan, drafted and shared). "... and circulate the survey" has its own object."""
    if joiner + 1 >= len(tokens) or not any(t.pos_ in {"NOUN", "PROPN"} for t in tokens[:joiner]):
        return False
    verb = tokens[joiner + 1]
    if (verb.lemma_ or verb.lower_).lower() not in _PASSING_ON and verb.lower_ not in _PASSING_ON:
        return False
    after = tokens[joiner + 2] if joiner + 2 < len(tokens) else None
    return after is None or after.pos_ in {"ADP", "PUNCT"} or after.lower_ in {"it", "them", "widely"}
