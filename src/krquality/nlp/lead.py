"""``krq_lead_verb``: the verb a key result starts with, its class, and the form.

"Launch the partner portal" -> lead verb "launch" (deliverable), IMPERATIVE;
"The export API is merged" -> no lead verb, STATE; "NPS 40 -> 55" ->
NOUN_PHRASE. Reads tags and lemmas only (the parser is disabled here).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Token

from krquality.features.types import Form, LeadVerb, VerbClass
from krquality.nlp.extensions import register_extensions
from krquality.nlp.lexicon import VerbLexicon
from krquality.nlp.resources import load_data, lower_set, span_ref
from krquality.nlp.state import DocState, get_state

_LEAD_TAGS = frozenset({"VB", "VBP", "VBG"})
_STATE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD", "VBN"})
_NOUN_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM", "SYM", "X", "PRON", "ADV", "PUNCT"})
_SUBJECTS = frozenset({"we", "i", "they", "you", "team", "the team", "we'll", "i'll"})
_MODALS = frozenset({"will", "shall", "must", "should", "'ll", "need", "want", "plan", "aim"})
_DASHES = frozenset({"—", "–", "-", ":", "=", "|"})
# Verbs whose "-ing" object is something a product does: "Enable sharing dashboards".
CAPABILITY_VERBS = frozenset({"support", "enable", "allow", "handle"})
# A subject noun right after a leading "-ing" word: "Coaching materials ... are ready".
_GERUND_SUBJECT_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# Words that start a clause inside a subject, whose verb is not the sentence's.
_CLAUSE_OPENERS = frozenset({"that", "which", "who", "where", "when", "so", "to", "while", "because", "if"})


def is_gerund_after(token: Token, lead_lemma: str) -> bool:
    """Whether ``token``, right after a lead verb, is an "-ing" verb that is the verb's object
    ("Support renaming files"). The tagger often reads it as a noun ("Support scheduling posts");
    after a verb of product capability that reading is taken as the verb.

    >>> from krquality.nlp import build_nlp
    >>> is_gerund_after(build_nlp()("Support scheduling posts")[1], "support")
    True
    """
    if token.tag_ == "VBG":
        return True
    return (
        lead_lemma in CAPABILITY_VERBS
        and token.tag_ == "NN"
        and token.lower_.endswith("ing")
        and len(token) > 5
    )


class LeadVerbFinder:
    """Sets ``doc._.krq_lead_verb`` (a :class:`LeadVerb` or None) and ``doc._.krq_form``."""

    def __init__(self, *, vague_words: Iterable[str] = (), activity_verbs: Iterable[str] = ()) -> None:
        register_extensions()
        self.lexicon = VerbLexicon(vague_words=vague_words, activity_verbs=activity_verbs)
        self.state_words = lower_set(load_data("markers")["state"])

    def __call__(self, doc: Doc) -> Doc:
        self.run(doc, get_state(doc))
        return doc

    def run(self, doc: Doc, state: DocState) -> None:
        """Fill in this step's part of ``state`` (what ``__call__`` does, for composite components)."""
        start, end = state.body_start, state.body_end
        lead: LeadVerb | None = None
        form = Form.OTHER
        if start < end:
            i = self._verb_start(doc, start, end)
            token = doc[i]
            if (
                token.tag_ in _LEAD_TAGS
                and token.pos_ in ("VERB", "AUX")
                and not self._gerund_subject(doc, i, end)
            ):
                lead = self._lead(doc, i, end, state)
                form = Form.IMPERATIVE
            elif self._is_state(doc, start, end):
                form = Form.STATE
            elif doc[start].pos_ in _NOUN_PHRASE_POS:
                form = Form.NOUN_PHRASE
        state.lead_verb = lead
        state.form = form

    @staticmethod
    def _verb_start(doc: Doc, start: int, end: int) -> int:
        """Skip "To" and "We will" in front of the verb ("We will launch X" -> "launch")."""
        first = doc[start]
        if first.lower_ == "to" and start + 1 < end:
            return start + 1
        if first.lower_ in _SUBJECTS and start + 1 < end and doc[start + 1].lower_ in _MODALS:
            j = start + 2
            if j < end and doc[j].lower_ == "to":
                j += 1
            return j if j < end else start
        return start

    def _lead(self, doc: Doc, i: int, end: int, state: DocState) -> LeadVerb:
        token = doc[i]
        lemma = token.lemma_.lower()
        next1 = doc[i + 1].lower_ if i + 1 < end else ""
        next2 = doc[i + 2].lower_ if i + 2 < end else ""
        found = self.lexicon.lookup(lemma, next1, next2)
        n_tokens = 1
        verb_class = VerbClass.OTHER
        if found is not None:
            lemma, verb_class, n_tokens = found
        if lemma == "support" and i + 1 < end and is_gerund_after(doc[i + 1], lemma):
            # "Support renaming files": what a product will be able to do, not help given.
            verb_class = VerbClass.DELIVERABLE
        if (
            verb_class is VerbClass.ACTIVITY
            and n_tokens <= 2  # "keep an eye on" watches; it keeps no level
            and self.lexicon.is_level_verb(lemma.split()[0])
            and state.quantities
        ):
            verb_class = VerbClass.OUTCOME  # "Maintain 99.9% uptime" keeps a level
        return LeadVerb(
            span=span_ref(doc, i, i + n_tokens),
            lemma=lemma,
            verb_class=verb_class,
            corrected=i in state.retagged,
        )

    @staticmethod
    def _gerund_subject(doc: Doc, i: int, end: int) -> bool:
        """Whether a leading "-ing" word names the subject of a state sentence rather than an
        activity: "Mentoring guidelines for new volunteers are published" (a state reached),
        unlike "Mentoring new volunteers" or "Running workshops that are free" (activities)."""
        if doc[i].tag_ != "VBG" or i + 1 >= end or doc[i + 1].tag_ not in _GERUND_SUBJECT_NOUNS:
            return False
        for j in range(i + 2, end - 1):
            token = doc[j]
            if token.lower_ in _CLAUSE_OPENERS or token.tag_ in ("VB", "VBG"):
                return False
            if token.lemma_ == "be" and token.tag_ in ("VBZ", "VBP", "VBD"):
                return doc[j + 1].tag_ in ("VBN", "JJ") or doc[j + 1].lower_ in ("now", "fully", "all")
            if token.tag_ in ("VBZ", "VBP", "VBD", "MD"):
                return False
        return False

    def _is_state(self, doc: Doc, start: int, end: int) -> bool:
        """A subject then a finite verb, participle or state word: "SSO available to all"."""
        for j in range(start + 1, end):
            token = doc[j]
            if token.tag_ in _STATE_TAGS and doc[j - 1].pos_ != "ADP":
                return True
            if token.lower_ in self.state_words and (
                doc[j - 1].pos_ in ("NOUN", "PROPN", "AUX", "PART") or doc[j - 1].text in _DASHES
            ):
                return True
        return False


@Language.factory("krq_lead_verb", default_config={"vague_words": [], "activity_verbs": []})
def make_lead_verb_finder(
    nlp: Language, name: str, vague_words: list[str], activity_verbs: list[str]
) -> LeadVerbFinder:
    """spaCy factory for :class:`LeadVerbFinder`; add it after the lemmatizer and ``krq_quantities``.

    >>> from krquality.nlp import build_nlp
    >>> build_nlp()("Launch the partner portal")._.krq_lead_verb.verb_class.value
    'deliverable'
    """
    return LeadVerbFinder(vague_words=vague_words, activity_verbs=activity_verbs)
