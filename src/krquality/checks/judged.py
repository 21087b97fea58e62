"""Judgements and frequencies a key result states with no bar: "a feasible plan", "a
realistic budget", "records are kept private", "publish the newsletter regularly".

``wording.vague`` reads these beside the listed qualities (``checks/qualities.py``). What
makes a word a judgement here is its place as much as the word: a grading adjective
counts where it grades something, before its noun or after a verb of being; a word that
also names a kind of thing ("the private key", "a stable release") counts only when it
is stated of something ("the records are kept private"). A frequency adverb counts when
the key result names no rate. All are left alone where the key result says how it is
checked (a share, a scored measure, a named standard or test: ``qualities.defined``).
The adverb made from a judgement ("sensibly", "performantly") grades how the work is done;
a vague verb's participle ("a revamped page", "the form is streamlined") states its aim
of a thing, with no more bar than the verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from krquality.checks import qualities
from krquality.checks.helpers import in_brackets, load_words, phrase_hits, verb_lexicon
from krquality.features.types import VerbClass

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext


@cache
def _words(name: str) -> tuple[str, ...]:
    """The entries of ``checks/data/<name>.txt``, as phrases to look for."""
    return tuple(sorted(load_words(name)))


# Verbs that state a quality of their subject or object: "is ideal", "are kept private".
_STATING = frozenset(
    {"be", "become", "remain", "stay", "keep", "seem", "look", "feel", "prove", "get", "make"}
)
# Words that may stand between the verb and the quality: "is fully secure", "is not yet stable".
_BETWEEN = frozenset(
    {"very", "fully", "highly", "truly", "really", "more", "most", "always", "still", "now", "yet"}
)
# Words that open a question the work answers: "find out what is realistic".
_ASKING = frozenset({"what", "whether", "which", "how", "if"})
# A rate or a period that says how often: "every week", "monthly", "twice a term", "per sprint".
_RATE = re.compile(
    r"\b(?:daily|weekly|fortnightly|monthly|quarterly|yearly|annually|hourly|nightly|every|each|per|"
    r"once|twice|times)\b|\ba\s+(?:day|week|month|quarter|year|term|sprint)\b",
    re.IGNORECASE,
)


def judged_spans(context: CheckContext) -> Iterator[tuple[int, int]]:
    """Character spans of judgements and frequencies with no bar in the key result's body.

    >>> import krquality
    >>> result = krquality.analyze("Publish a realistic plan for the depot move", suggestions=False)
    >>> [result.text[f.start : f.end] for f in result.findings if f.code == "KRQ401"]
    ['realistic']
    """
    if qualities.defined(context):
        return
    tokens = context.tokens
    body = context.features.body
    starts = {t.idx: i for i, t in enumerate(tokens)}

    terms = list(phrase_hits(tokens, _words("judged_terms")))

    def inside(start: int) -> bool:
        # (not in brackets, which explain: "(drawn from the cooks' best tips)"; nor in a fixed
        # term: "the ideal customer profile")
        if any(a <= start < b for a, b in terms):
            return False
        if not body.start <= start < body.end:
            return False
        return not in_brackets(context.text[body.start :], start - body.start, square=False)

    for start, end in phrase_hits(tokens, _words("judgement_words")):
        i = starts[start]
        if (
            inside(start)
            and not _joined_word(context.text, start, end)
            and (_before_noun(tokens, i, listed=True) or _stated(tokens, i) or _made_into(tokens, i))
        ):
            yield start, end
    judgements = set(_words("judgement_words"))
    for token in tokens:
        # the adverb of a judgement grades the way something is done: "serve the tiles performantly"
        end = token.idx + len(token.text)
        if token.tag_ == "RB" and _adverb_base(token.lower_) & judgements and inside(token.idx):
            yield token.idx, end
    for start, end in phrase_hits(tokens, _words("judged_states")):
        i = starts[start]
        if not inside(start) or _joined_word(context.text, start, end) or _measured_against(tokens, i):
            continue
        if _stated(tokens, i) or _in_predicate_noun(tokens, i):
            yield start, end
    for i, token in enumerate(tokens):
        # a vague verb's participle used as an adjective: "a revamped booking page", "the intake
        # form is streamlined": the verb's aim with no bar, said of a thing rather than as the aim
        if not inside(token.idx) or _joined_word(context.text, token.idx, token.idx + len(token.text)):
            continue
        if _vague_participle(token) and (
            _before_noun(tokens, i, participle=True) or _stated(tokens, i) or _result_state(tokens, i)
        ):
            yield token.idx, token.idx + len(token.text)
    if context.features.quantities or _RATE.search(context.text):
        return  # "regularly, at least twice a month": the rate is named
    for start, end in phrase_hits(tokens, _words("unrated_frequency")):
        if inside(start) and tokens[starts[start]].pos_ == "ADV":
            yield start, end
    for i, token in enumerate(tokens):
        # the same as an adjective on recurring work: "regular practice sessions", "at a regular pace"
        if inside(token.idx) and token.lower_ in _FREQUENCY_ADJECTIVES and _recurring_work_after(tokens, i):
            yield token.idx, token.idx + len(token.text)


# Adjectives of how often, with no rate: "regular sessions" (not "regular customers": a kind of people).
_FREQUENCY_ADJECTIVES = frozenset({"regular", "frequent", "periodic"})
# Nouns of a pace itself, beside the work items that recur.
_PACES = frozenset({"pace", "basis", "cadence", "intervals", "updates", "check-ins"})


def _recurring_work_after(tokens: Sequence[Token], i: int) -> bool:
    """Whether a noun of recurring work or of a pace follows the adjective at ``i`` within a few
    words ("regular German practice sessions", "a regular pace")."""
    for token in tokens[i + 1 : i + 4]:
        if not token.tag_.startswith(("NN", "JJ")):
            return False
        if token.lower_ in _PACES or token.lower_ in load_words("output_nouns"):
            return True
    return False


def _joined_word(text: str, start: int, end: int) -> bool:
    """Whether the word is part of a hyphenated word ("cost-effective", "safe-to-deploy")."""
    return text[start - 1 : start] == "-" or text[end : end + 1] == "-"


def _adverb_base(form: str) -> set[str]:
    """The adjectives an ``-ly`` adverb may be made from: "feasibly" <- "feasible", "usefully" <-
    "useful", "tidily" <- "tidy", "realistically" <- "realistic" (empty for other words)."""
    if not form.endswith("ly") or len(form) < 6:
        return set()
    stem = form[:-2]
    bases = {stem, stem + "e"}
    if form.endswith("ily"):
        bases.add(form[:-3] + "y")
    if form.endswith("bly"):
        bases.add(form[:-1] + "e")  # "sensibly" <- "sensible"
    if form.endswith("ically"):
        bases.add(form[:-4])  # "realistically" <- "realistic"
    return bases


def _result_state(tokens: Sequence[Token], i: int) -> bool:
    """Whether the participle at ``i`` states the end state of the noun before it, the key
    result's shape with no verb of being ("Payroll exports modernized by June")."""
    return tokens[i].tag_ == "VBN" and i > 0 and tokens[i - 1].pos_ in {"NOUN", "PROPN"}


def _vague_participle(token: Token) -> bool:
    """Whether ``token`` is the past participle of a verb the lexicon calls vague ("revamped",
    "streamlined", "strengthened"), tagged as a participle or as an adjective."""
    form = token.lower_
    if token.tag_ not in {"VBN", "VBD", "JJ"} or not form.endswith("ed") or len(form) < 5:
        return False
    lexicon = verb_lexicon()
    stems = {(token.lemma_ or "").lower(), form[:-1], form[:-2]}  # "revamped" <- "revamp", "revamped"
    if form.endswith("ied"):
        stems.add(form[:-3] + "y")  # "amplified" <- "amplify"
    if len(form) > 6 and form[-3] == form[-4]:
        stems.add(form[:-3])  # "planned" <- "plan"
    for stem in stems - {"", form}:
        found = lexicon.lookup(stem, "")
        if found is not None and found[1] is VerbClass.VAGUE:
            return True
    return False


def _before_noun(tokens: Sequence[Token], i: int, *, participle: bool = False, listed: bool = False) -> bool:
    """Whether the adjective at ``i`` grades a noun after it ("a feasible plan", "viable and cheap
    options"): the pipeline has no parser, so the next noun-phrase word decides. With
    ``participle`` a participle may be the modifier ("a revamped page"). With ``listed`` the word
    is a listed judgement the tagger may not know and read as a noun: after a determiner and
    before a noun it is still the adjective ("a performant search page")."""
    tags = {"JJ", "JJR", "JJS"} | ({"VBN", "VBD"} if participle else set())
    unknown = listed and tokens[i].tag_ == "NN" and i > 0 and tokens[i - 1].pos_ == "DET"
    if tokens[i].tag_ not in tags and not unknown:
        return False
    for token in tokens[i + 1 : i + 4]:
        if token.pos_ in {"NOUN", "PROPN"}:
            return True
        if participle and token.tag_ == "VBG":
            continue  # "a revamped booking page": a gerund modifier inside the noun phrase
        if token.pos_ not in {"ADJ", "CCONJ", "PUNCT"} or token.text in {".", ";", ":", "(", ")"}:
            return False
    return False


# Verbs that set a quality on their object: "make the page fast", "keep the yard tidy".
_SETTING = frozenset({"make", "keep", "render", "get"})


def _made_into(tokens: Sequence[Token], i: int) -> bool:
    """Whether the word at ``i`` is the quality a verb sets on its object ("Make the search page
    performant", "Keep the rota realistic"): a verb of setting, its object's noun phrase, then the
    word, closing the clause."""
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if following is not None and not (following.is_punct or following.pos_ in {"ADP", "SCONJ", "CCONJ"}):
        return False
    j = i - 1
    if j < 1 or tokens[j].pos_ not in {"NOUN", "PROPN"}:
        return False
    while j > 0 and tokens[j].pos_ in {"NOUN", "PROPN", "ADJ", "DET", "NUM"}:
        j -= 1
    verb = tokens[j]
    return verb.pos_ == "VERB" and (verb.lemma_ or verb.lower_).lower() in _SETTING


def _in_predicate_noun(tokens: Sequence[Token], i: int) -> bool:
    """Whether the word at ``i`` grades the noun of a predicate ("the export is a sound basis
    for the close", "the yard is a safe place"): what is graded is the subject."""
    article = i >= 2 and tokens[i - 1].lower_ in {"a", "an"}
    return article and _before_noun(tokens, i) and _stated(tokens, i - 1)


def _measured_against(tokens: Sequence[Token], i: int) -> bool:
    """Whether the state at ``i`` is measured against a thing named after it ("consistent with
    the handbook", "in sync with the register"): anyone can compare the two."""
    following = tokens[i + 1 : i + 3]
    return bool(following) and following[0].lower_ in {"with", "to"}


def _stated(tokens: Sequence[Token], i: int) -> bool:
    """Whether the word at ``i`` is stated of something: a verb of being or keeping before it
    ("is ideal", "are kept private", "remains fully secure")."""
    j = i - 1
    while j >= 0 and tokens[j].lower_ in _BETWEEN | {"not"}:
        j -= 1
    if j < 0:
        return False
    verb = tokens[j]
    if j > 0 and tokens[j - 1].lower_ in _ASKING:
        return False  # "learn what was useful": a question the work answers, not a grade it meets
    if verb.tag_ == "VBN" and j > 0 and tokens[j - 1].lemma_.lower() == "be":
        return verb.lemma_.lower() in _STATING  # "are kept private"
    return verb.lemma_.lower() in _STATING and verb.pos_ in {"AUX", "VERB"}
