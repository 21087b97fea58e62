"""``krq_markers``: vague, hedge, measure, activity, absolute, state, placeholder and conjunction markers.

Phrase lists come from ``data/markers.json`` and match case-insensitively
with one PhraseMatcher. Two kinds need context: an activity verb counts only
when tagged as a verb ("support the team", not "customer support"), and an
"and" counts as a ``conjunction`` only when it joins two key results: a
verb follows it ("Launch X and migrate Y") or quantities stand on both
sides with a new measure between ("NPS above 50 and churn below 2%"), not
"R&D" or "sales and marketing".
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from krquality.features.types import Marker, QuantityKind, SpanRef
from krquality.nlp.extensions import register_extensions
from krquality.nlp.resources import load_data

_PHRASE_KINDS = ("vague", "hedge", "measure", "activity", "absolute", "state")
_VERB_TAGS = ["VB", "VBG", "VBP", "VBZ", "VBD", "VBN"]
_CONJ_VERB_TAGS = frozenset({"VB", "VBP"})
_GERUND_CONJUNCTIONS = frozenset({"as well as", "plus", "while also", "along with"})
_SKIP_AFTER_CONJ = frozenset({"also", "then", "to", "will", "we", "additionally"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_NOT_ABSOLUTE_TAILS = frozenset({"later", "more", "less", "longer", "one"})


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
        self.matcher = Matcher(vocab)
        self.matcher.add("activity", [[{"LOWER": {"IN": sorted(verbs)}, "TAG": {"IN": _VERB_TAGS}}]])
        self.matcher.add(
            "absolute",
            [
                [
                    {"LOWER": {"IN": ["no", "zero", "0"]}},
                    {"POS": "ADJ", "OP": "?"},
                    {"TAG": {"IN": ["NNS", "NN", "NNP"]}},
                ]
            ],
        )
        self.kinds = {kind: vocab.strings.add(kind) for kind in (*_PHRASE_KINDS, "conjunction")}
        self.kind_names = {v: k for k, v in self.kinds.items()}

    def __call__(self, doc: Doc) -> Doc:
        body = doc._.krq_body
        if body is None or not len(body):
            doc._.krq_markers = ()
            return doc
        lo, hi = body.start, body.end
        lead = doc._.krq_lead_verb
        lead_start = lead.span.start if lead is not None else -1
        seen: set[tuple[int, int, str]] = set()
        markers: list[Marker] = []
        quantity_ranges = self._quantity_ranges(doc)
        for match_id, start, end in [*self.phrases(doc), *self.matcher(doc)]:
            if start < lo or end > hi:
                continue
            kind = self.kind_names.get(match_id) or doc.vocab.strings[match_id]
            if kind == "state" and doc[start].idx == lead_start:
                continue  # "Complete the audit": an order, not a state
            if kind == "absolute" and end - start > 1 and doc[end - 1].lower_ in _NOT_ABSOLUTE_TAILS:
                continue  # "no later than", "no more than"
            if kind == "conjunction" and not self._joins_two(doc, start, end, lo, hi, quantity_ranges):
                continue
            key = (start, end, kind)
            if key in seen:
                continue
            seen.add(key)
            markers.append(self._marker(doc, start, end, kind))
        for quantity in doc._.krq_quantities or ():
            if quantity.kind is QuantityKind.PLACEHOLDER:
                markers.append(Marker(quantity.span, "placeholder", quantity.span.text.lower()))
        markers.sort(key=lambda m: (m.span.start, m.span.end, m.kind))
        doc._.krq_markers = tuple(markers)
        return doc

    @staticmethod
    def _marker(doc: Doc, start: int, end: int, kind: str) -> Marker:
        first, last = doc[start], doc[end - 1]
        start_char, end_char = first.idx, last.idx + len(last.text)
        text = doc.text[start_char:end_char]
        lemma = first.lemma_.lower() if end - start == 1 else text.lower()
        return Marker(SpanRef(start_char, end_char, text), kind, lemma)

    @staticmethod
    def _quantity_ranges(doc: Doc) -> list[tuple[int, int]]:
        ranges: list[tuple[int, int]] = []
        for quantity in doc._.krq_quantities or ():
            span = doc.char_span(quantity.span.start, quantity.span.end, alignment_mode="expand")
            if span is not None:
                ranges.append((span.start, span.end))
        return ranges

    @staticmethod
    def _joins_two(
        doc: Doc, start: int, end: int, lo: int, hi: int, quantity_ranges: list[tuple[int, int]]
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
