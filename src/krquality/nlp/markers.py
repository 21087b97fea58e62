"""``krq_markers``: vague, hedge, measure, activity, absolute, state, placeholder and conjunction
markers, and the shape markers artifact, plural_object and capability.

Phrase lists come from ``data/markers.json`` and match case-insensitively
with one PhraseMatcher. Two kinds need context: an activity verb counts only
when tagged as a verb ("support the team", not "customer support"), and an
"and" counts as a ``conjunction`` only when it joins two key results: a
verb follows it ("Launch X and migrate Y") or quantities stand on both
sides with a new measure between ("NPS above 50 and churn below 2%"), not
"R&D" or "sales and marketing".

Shape markers read the head of the key result's first noun phrase (the lead
verb's object, the subject of a state sentence, or the noun phrase itself):
``artifact`` when it names one deliverable thing ("Create a fundraising
strategy", "Query planner revamp"), ``plural_object`` when it is a plural
with no number ("Write blog posts"); ``definite_object`` when the lead verb's
object starts with a definite word ("Fix the login bug", "Identify the tools we
need": a known thing or set rather than open-ended work); ``capability`` marks a present-tense
ability or property of a named thing ("users can export their data", "the SDK
supports streaming", "billing is able to refund").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from krquality.features.types import Form, Marker, QuantityKind, VerbClass
from krquality.nlp.extensions import register_extensions
from krquality.nlp.lead import is_gerund_after
from krquality.nlp.resources import load_data, span_ref
from krquality.nlp.state import DocState, get_state

_PHRASE_KINDS = ("vague", "hedge", "measure", "activity", "absolute", "state")
_VERB_TAGS = frozenset({"VB", "VBG", "VBP", "VBZ", "VBD", "VBN"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP"})
_ABSOLUTE_HEADS = frozenset({"no", "zero", "0"})
_CONJ_VERB_TAGS = frozenset({"VB", "VBP"})
_GERUND_CONJUNCTIONS = frozenset({"as well as", "plus", "while also", "along with"})
_SKIP_AFTER_CONJ = frozenset({"also", "then", "to", "will", "we", "additionally"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_PARTICIPLE_TAGS = frozenset({"VBN", "VBD"})
# Participles of a practice or of learning, which is never finished: "type hints understood
# and used", "the style guide is followed".
_PRACTICE_PARTICIPLES = frozenset(
    {"understood", "used", "applied", "followed", "known", "practised", "practiced", "embraced", "valued"}
)
# Words before a state word that make it something else: "to set up", "self-identified".
_NOT_BEFORE_STATE = frozenset({"to", "-"})
# Verbs whose "-ing" object is the activity itself, kept up or begun: "keep writing posts".
_ASPECT_VERBS = frozenset(
    {
        "keep",
        "continue",
        "start",
        "begin",
        "stop",
        "avoid",
        "consider",
        "try",
        "practice",
        "practise",
        "resume",
    }
)
_NOT_ABSOLUTE_TAILS = frozenset({"later", "more", "less", "longer", "one"})
# A noun phrase's words before its head: determiners, modifiers and the nouns of a compound.
_RUN_TAGS = frozenset(
    {"DT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "HYPH", "VBG", "VBN", "POS"}
)
_HEAD_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_CAPABILITY_MODALS = frozenset({"can", "could"})
_SUBJECT_POS = frozenset({"NOUN", "PROPN", "PRON", "DET", "ADJ", "PUNCT", "NUM", "CCONJ"})
_NOT_CAPABILITY = frozenset({"be", "have", "do", "will", "need", "want"})
# Determiners of a known thing or a closed set ("the", "our"), as opposed to "a" or none.
_DEFINITE = frozenset(
    {"the", "our", "this", "that", "these", "those", "my", "their", "its", "his", "her", "your"}
)


def inflections(verb: str) -> set[str]:
    """Regular inflections of a verb, to match it on token text.

    >>> sorted(inflections("monitor"))
    ['monitor', 'monitored', 'monitoring', 'monitors']
    """
    forms = {verb, verb + "s"}
    if verb.endswith("e"):
        forms.update({verb + "d", verb[:-1] + "ing"})
    elif verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms.update({verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"})
    else:
        forms.update({verb + "ed", verb + "ing"})
    return forms


class MarkerFinder:
    """Stores ``doc._.krq_markers`` in text order."""

    def __init__(
        self, nlp: Language, *, vague_words: Iterable[str] = (), activity_verbs: Iterable[str] = ()
    ) -> None:
        register_extensions()
        data = load_data("markers")
        vocab = nlp.vocab
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        extra_vague = [w.lower() for w in vague_words]
        for kind in _PHRASE_KINDS:
            words = list(data[kind]) + (extra_vague if kind == "vague" else [])
            self.phrases.add(kind, [nlp.make_doc(w) for w in sorted(set(words))])
        self.phrases.add("conjunction", [nlp.make_doc(w) for w in data["conjunctions"]])
        verbs: set[str] = set()
        for verb in list(data["activity_verbs"]) + [w.lower() for w in activity_verbs]:
            if " " in verb:
                self.phrases.add("activity", [nlp.make_doc(verb)])
            else:
                verbs |= inflections(verb)
        self.activity_hashes = frozenset(vocab.strings.add(v) for v in verbs)
        self.context_heads = self.activity_hashes | {vocab.strings.add(w) for w in _ABSOLUTE_HEADS}
        self.kind_names = {vocab.strings.add(kind): kind for kind in (*_PHRASE_KINDS, "conjunction")}
        self.artifacts = frozenset(w.lower() for w in data["artifacts"])
        # Participles that do not say a thing was finished: "tracked", "improved".
        self.activity_forms = frozenset(verbs)
        self.vague_forms = frozenset(w.lower() for w in list(data["vague"]) + extra_vague)

    def __call__(self, doc: Doc) -> Doc:
        self.run(doc, get_state(doc))
        return doc

    def run(self, doc: Doc, state: DocState) -> None:
        """Fill in this step's part of ``state`` (what ``__call__`` does, for composite components)."""
        lo, hi = state.body_start, state.body_end
        if lo >= hi:
            return
        lead_start = state.lead_verb.span.start if state.lead_verb is not None else -1
        seen: set[tuple[int, int, str]] = set()
        markers: list[Marker] = []
        matches = [(self.kind_names.get(m), s, e) for m, s, e in self.phrases(doc)]
        matches.extend(self._context_matches(doc, lo, hi))
        for kind, start, end in matches:
            if kind is None or start < lo or end > hi:
                continue
            if kind == "state" and doc[start].idx == lead_start:
                continue  # "Complete the audit": an order, not a state
            if kind == "state" and start > lo and doc[start - 1].lower_ in _NOT_BEFORE_STATE:
                continue  # "time needed to set up", "self-identified": an infinitive or a compound word
            if kind == "activity" and self._not_activity(doc, start, lo, lead_start, state):
                continue
            if kind == "conjunction" and not self._joins_two(doc, start, end, lo, hi, state.quantity_tokens):
                continue
            key = (start, end, kind)
            if key in seen:
                continue
            seen.add(key)
            markers.append(self._marker(doc, start, end, kind))
        markers.extend(self._reached_states(doc, lo, hi, state, seen))
        for quantity in state.quantities:
            if quantity.kind is QuantityKind.PLACEHOLDER:
                markers.append(Marker(quantity.span, "placeholder", quantity.span.text.lower()))
        markers.extend(self._shape(doc, lo, hi, state))
        markers.sort(key=lambda m: (m.span.start, m.span.end, m.kind))
        state.markers = tuple(markers)

    @staticmethod
    def _not_activity(doc: Doc, start: int, lo: int, lead_start: int, state: DocState) -> bool:
        """An activity verb that the lead-verb step read as something else: "Support renaming
        files" (a capability to deliver) or the "-ing" subject of a state sentence ("Coaching
        guides are published")."""
        lead = state.lead_verb
        if lead is not None and doc[start].idx == lead_start:
            return lead.verb_class is VerbClass.DELIVERABLE
        return state.form is Form.STATE and start == lo and doc[start].tag_ == "VBG"

    def _reached_states(
        self, doc: Doc, lo: int, hi: int, state: DocState, seen: set[tuple[int, int, str]]
    ) -> list[Marker]:
        """``state`` markers for participles that say a thing was done to the subject of a state
        sentence ("Data from the old CRM is backed up", "Vendor shortlist agreed and budgeted"),
        beyond the fixed list of state words; not for ongoing or vague verbs ("Costs are
        monitored", "Onboarding is improved"), which say nothing was finished."""
        if state.form is not Form.STATE:
            return []
        found: list[Marker] = []
        for j in range(lo + 1, hi):
            token = doc[j]
            if token.tag_ not in _PARTICIPLE_TAGS or doc[j - 1].pos_ == "ADP":
                continue
            if token.tag_ == "VBD" and not _after_subject_or_be(doc, j, lo):
                continue
            lower = token.lower_
            if (
                lower in self.activity_forms
                or lower in self.vague_forms
                or lower in _PRACTICE_PARTICIPLES
                or (j, j + 1, "state") in seen
            ):
                continue
            seen.add((j, j + 1, "state"))
            found.append(Marker(span_ref(doc, j, j + 1), "state", "participle"))
        return found

    def _context_matches(self, doc: Doc, lo: int, hi: int) -> list[tuple[str, int, int]]:
        """Activity verbs tagged as verbs, and "no"/"zero" + noun ("no bugs", "zero defects")."""
        found: list[tuple[str, int, int]] = []
        rows = doc.to_array(LOWER)[lo:hi].tolist()
        for k, lower_hash in enumerate(rows):
            if lower_hash not in self.context_heads:
                continue  # hash lookups first: most tokens are neither
            token = doc[lo + k]
            if lower_hash in self.activity_hashes:
                if token.tag_ in _VERB_TAGS:
                    found.append(("activity", token.i, token.i + 1))
            elif token.i + 1 < hi:
                j = token.i + 1
                if doc[j].pos_ == "ADJ" and j + 1 < hi:
                    j += 1
                noun = doc[j]
                if noun.tag_ in _NOUN_TAGS and noun.lower_ not in _NOT_ABSOLUTE_TAILS:
                    found.append(("absolute", token.i, j + 1))
        return found

    def _shape(self, doc: Doc, lo: int, hi: int, state: DocState) -> list[Marker]:
        """The artifact or plural_object marker of the first noun phrase, a definite_object
        marker and a capability marker."""
        found: list[Marker] = []
        start = lo
        if state.lead_verb is not None:
            lead_end = state.lead_verb.span.end
            start = next((t.i for t in doc[lo:hi] if t.idx >= lead_end), hi)
        if (
            state.lead_verb is not None
            and start < hi
            and is_gerund_after(doc[start], state.lead_verb.lemma)
            and state.lead_verb.lemma.split()[0] not in _ASPECT_VERBS
        ):
            # "Support exporting invoices", "Allow guests checking out": what the product is to do
            # is the object, a capability; the noun inside it is not the key result's object.
            found.append(Marker(span_ref(doc, start, start + 1), "capability", doc[start].lemma_.lower()))
            return found
        head = self._head(doc, start, hi, state.quantity_tokens)
        if head is not None and head + 1 < hi and doc[head + 1].tag_ in _VERB_TAGS:
            after = doc[head + 1]
            if after.lower_ in self.artifacts and (head + 2 == hi or doc[head + 2].pos_ in ("ADP", "PUNCT")):
                head += 1  # "the new hobbies report by ...": the tagger read the head noun as a verb
        if head is not None:
            token = doc[head]
            lemma = token.lemma_.lower() or token.lower_
            if state.lead_verb is not None and doc[start].lower_ in _DEFINITE:
                # "Fix the perf issue", "Identify the tools we need": a known thing or set,
                # not open-ended work.
                found.append(Marker(span_ref(doc, start, head + 1), "definite_object", lemma))
            if token.tag_ in _PLURAL_TAGS:
                found.append(Marker(span_ref(doc, head, head + 1), "plural_object", lemma))
            elif lemma in self.artifacts or token.lower_ in self.artifacts:
                found.append(Marker(span_ref(doc, head, head + 1), "artifact", lemma))
        if state.lead_verb is None:
            capability = self._capability(doc, lo, hi)
            if capability is not None:
                found.append(
                    Marker(
                        span_ref(doc, capability, capability + 1),
                        "capability",
                        doc[capability].lemma_.lower(),
                    )
                )
        return found

    @staticmethod
    def _head(doc: Doc, start: int, hi: int, quantities: tuple[tuple[int, int], ...]) -> int | None:
        """The last noun of the noun run at ``start`` (None when a number counts it or none is there)."""
        head = None
        j = start
        while j < hi and doc[j].tag_ in _RUN_TAGS:
            if doc[j].tag_ in _HEAD_TAGS:
                head = j
            j += 1
        if head is None or any(start <= q_start <= head for q_start, _ in quantities):
            return None
        return head

    @staticmethod
    def _capability(doc: Doc, lo: int, hi: int) -> int | None:
        """The verb of "X can do", "X is able to do", "X supports Y" after a subject, else None."""
        for j in range(lo + 1, min(hi, lo + 8)):
            token = doc[j]
            if token.lower_ in _CAPABILITY_MODALS and j + 1 < hi and doc[j + 1].tag_ == "VB":
                return j + 1
            if token.lower_ == "able" and j + 2 < hi and doc[j + 1].lower_ == "to":
                return j + 2
            if token.tag_ == "VBZ" and token.lemma_.lower() not in _NOT_CAPABILITY:
                return j
            if token.lemma_ == "be" and j + 1 < hi and doc[j + 1].lower_ == "able":
                continue
            if token.pos_ not in _SUBJECT_POS:
                return None
        return None

    @staticmethod
    def _marker(doc: Doc, start: int, end: int, kind: str) -> Marker:
        ref = span_ref(doc, start, end)
        lemma = doc[start].lemma_.lower() if end - start == 1 else ref.text.lower()
        return Marker(ref, kind, lemma)

    @staticmethod
    def _joins_two(
        doc: Doc, start: int, end: int, lo: int, hi: int, quantity_ranges: tuple[tuple[int, int], ...]
    ) -> bool:
        if start == lo or end >= hi:
            return False
        j = end
        while j < hi and doc[j].lower_ in _SKIP_AFTER_CONJ:
            j += 1
        if j >= hi:
            return False
        nxt = doc[j]
        conj = doc[start:end].text.lower()
        if nxt.tag_ in _CONJ_VERB_TAGS or (conj in _GERUND_CONJUNCTIONS and nxt.tag_ == "VBG"):
            return True
        if start > lo and doc[start - 1].lower_ == "between":
            return False
        left = any(e <= start for _, e in quantity_ranges)
        for q_start, _ in quantity_ranges:
            if q_start >= end:
                # a new noun between the conjunction and the next quantity: "and churn below 2%"
                return left and any(doc[k].pos_ in _NOUN_POS for k in range(end, q_start))
        return False


def _after_subject_or_be(doc: Doc, j: int, lo: int) -> bool:
    """Whether a past-tense word at ``j`` follows a noun, a "be" or another participle joined by
    "and" ("shortlist agreed and budgeted"): the tagger often reads such participles as past tense."""
    before = doc[j - 1]
    if before.lemma_ == "be" or before.tag_ in ("NN", "NNS", "NNP", "NNPS"):
        return True
    return before.lower_ in ("and", ",", "&") and j - 2 >= lo and doc[j - 2].tag_ in _PARTICIPLE_TAGS


@Language.factory("krq_markers", default_config={"vague_words": [], "activity_verbs": []})
def make_marker_finder(
    nlp: Language, name: str, vague_words: list[str], activity_verbs: list[str]
) -> MarkerFinder:
    """spaCy factory for :class:`MarkerFinder`; add it after ``krq_changes``.

    >>> from krquality.nlp import build_nlp
    >>> [m.kind for m in build_nlp()("Try to improve NPS")._.krq_markers]
    ['hedge', 'vague', 'measure']
    """
    return MarkerFinder(nlp, vague_words=vague_words, activity_verbs=activity_verbs)
