"""Whether a "Support ..."/"Handle ..." key result names a capability a product gains.

"Support SAML sign-in in the admin console", "Handle CSV imports with two sheets":
the verb reads as ongoing work, but its object is a feature, a format, a standard
or a platform, so the key result states an end state (the product supports it),
done or not done, like a milestone. "Support the sales team with forecasts" and
"Support the launch of the app" help people or an effort: those stay activities.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from krquality.checks.helpers import load_words
from krquality.checks.made_count import is_verb_base

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext

# Activity verbs that, with a feature as their object, say what a product can do.
_CAPABILITY_VERBS = frozenset({"support", "handle"})
# Words that end the object phrase: a preposition, a conjunction, a clause, punctuation.
_PHRASE_POS = frozenset({"ADJ", "NOUN", "PROPN", "DET", "NUM", "VERB"})


def names_capability(context: CheckContext) -> bool:
    """Whether the key result is a capability verb whose object is a feature, format or platform.

    The object phrase (up to the first preposition, conjunction or punctuation) must
    hold a sign of a technical thing: an acronym or a camel-cased name ("SAML",
    "IPv6"), a name before a noun ("Android tablets"), a noun made from a verb
    ("mirroring"), or a noun of ``checks/data/capability_nouns.txt`` ("format",
    "sign-in"); and its head must not be people, a group or an effort
    (``checks/data/helped_nouns.txt``: "team", "customers", "launch").

    >>> from krquality.checks.base import CheckContext
    >>> reads = lambda text: names_capability(CheckContext.read(text))
    >>> reads("Support SAML sign-in in the admin console"), reads("Support the sales team with forecasts")
    (True, False)
    """
    lead = context.features.lead_verb
    if lead is None or lead.lemma.split()[0].lower() not in _CAPABILITY_VERBS:
        return False
    following = [t for t in context.tokens if lead.span.end <= t.idx < context.features.body.end]
    # "Support for signed receipts in the till": the word is a noun naming what the
    # product will support (the verb takes no "for"), so any object but people or an
    # effort is a capability, technical-looking or not.
    nominal = bool(following) and following[0].lower_ == "for"
    phrase = _object_phrase(following[1:] if nominal else following)
    words = [t for t in phrase if t.pos_ != "DET"]
    if not words or words[-1].lower_ in load_words("helped_nouns"):
        return False  # "Support the sales team", "Support new volunteers", "Support the launch"
    if any((t.lemma_ or t.lower_).lower() in load_words("helped_nouns") for t in words):
        return False  # "Support customer teams": the head's modifiers name people as well
    return nominal or any(_technical(t, i + 1 < len(words)) for i, t in enumerate(words))


def _object_phrase(tokens: Sequence[Token]) -> list[Token]:
    """The words after the verb up to the first preposition, conjunction or punctuation.

    A hyphen or slash inside a name stays: "sign-in", "reading/writing". The tagger
    often reads a technical noun after the verb as a verb ("Support SAML login"), so
    verbs stay in the phrase unless they are a participle or infinitive ("to").
    """
    phrase: list[Token] = []
    joined = False
    for token in tokens:
        if token.text in {"-", "/"} and phrase and not token.whitespace_:
            phrase.append(token)
            joined = True
            continue
        if joined:  # "right-to-left": a word joined by a hyphen stays whatever its tag
            phrase.append(token)
            joined = False
            continue
        if token.pos_ not in _PHRASE_POS and not _acronym(token.text):
            break
        phrase.append(token)
    return [t for t in phrase if t.text not in {"-", "/"}]


def _technical(token: Token, before_noun: bool) -> bool:
    """Whether a word of the object phrase names a technical thing (see :func:`names_capability`)."""
    text = token.text
    lower = token.lower_
    if _acronym(text):
        return True
    if token.pos_ == "PROPN" and before_noun:
        return True  # "Android tablets", "Postgres backups"
    if token.pos_ == "NOUN" and lower.endswith("ing") and len(lower) > 5:
        return True  # "mirroring", "batch signing": a function the product gains
    return (token.lemma_ or lower).lower() in load_words("capability_nouns") or lower in load_words(
        "capability_nouns"
    )


def _verb_read_as_noun(words: Sequence[Token], i: int) -> bool:
    """Whether ``words[i]`` is a bare verb the tagger took for a noun: "kiosk | print | receipts"."""
    word, following = words[i], words[i + 1]
    return (
        word.tag_ == "NN"
        and is_verb_base(word.lower_)
        and words[i - 1].pos_ in {"NOUN", "PROPN"}
        and (following.tag_ in {"NNS", "NNPS"} or following.pos_ == "ADV")
    )


def _acronym(text: str) -> bool:
    """ "SAML", "IPv6", "XLSX", "macOS": two capitals or letters and digits in one word."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return False
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 or (capitals >= 1 and any(c.isdigit() for c in text))


def makes_capable(context: CheckContext) -> bool:
    """Whether the key result makes a product or system able to do something: "Make the kiosk
    print receipts", "Make the booking app to work offline".

    The causative "make" takes an object and a bare verb (with or without a stray "to"): what
    is made is a capability the thing gains, done or not done, like "Support SAML sign-in".
    Not when the object is people, a group or an effort ("Make the volunteers feel welcome":
    ``checks/data/helped_nouns.txt``), nor "make" with an adjective ("Make the site faster"),
    which moves a measure.

    >>> from krquality.checks.base import CheckContext
    >>> reads = lambda text: makes_capable(CheckContext.read(text))
    >>> reads("Make the kiosk print receipts"), reads("Make the volunteers feel welcome")
    (True, False)
    """
    lead = context.features.lead_verb
    if lead is None or lead.lemma.split()[0].lower() != "make":
        return False
    following = [t for t in context.tokens if lead.span.end <= t.idx < context.features.body.end]
    phrase: list[Token] = []
    for token in following:
        if token.pos_ not in {"DET", "ADJ", "NOUN", "PROPN"} and not _acronym(token.text):
            break
        phrase.append(token)
    words = [t for t in phrase if t.pos_ != "DET"]
    rest = following[len(phrase) :]
    if rest and rest[0].lower_ == "to":
        rest = rest[1:]
    if not rest or rest[0].tag_ != "VB":
        # The tagger often reads the bare verb as a noun ("the kiosk print receipts"): a singular
        # verb base after the object's noun, with an object or an adverb of its own after it
        cut = next((i for i in range(1, len(words) - 1) if _verb_read_as_noun(words, i)), None)
        if cut is None:
            return False
        words = words[:cut]
    helped = load_words("helped_nouns")
    return not any((t.lemma_ or t.lower_).lower() in helped or t.lower_ in helped for t in words)
