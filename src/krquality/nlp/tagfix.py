"""``krq_tagfix``: correct the tagger on imperative first words.

en_core_web_sm tags many sentence-initial imperatives as nouns or
adjectives ("Ship offline mode": NN; "Double weekly active teams": JJ;
"Migrate billing": NNP) because headline-style text rarely starts with a
verb in its training data. The component runs between the tagger and the
attribute ruler, so the corrected ``VB`` tag flows into ``pos_`` and the
lemmatizer ("Migrate" -> "migrate") without touching either.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from krquality.nlp.extensions import register_extensions
from krquality.nlp.lexicon import VerbLexicon
from krquality.nlp.resources import load_data, lower_set

# Tags after the first word that show it is the subject of a clause
# ("Support tickets are resolved", "Research findings published").
_FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
_NOUNISH_POS_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "CD"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})


class TagFixer:
    """Retag a lexicon verb at the start of the body as ``VB`` unless it is a subject."""

    def __init__(self, *, vague_words: Iterable[str] = (), activity_verbs: Iterable[str] = ()) -> None:
        register_extensions()
        self.lexicon = VerbLexicon(vague_words=vague_words, activity_verbs=activity_verbs)
        markers = load_data("markers")
        self.state_words = lower_set(markers["state"])
        self.measure_words = lower_set(markers["measure"])
        self.strong = frozenset(
            word for word, cls in self.lexicon.single.items() if cls.value in ("multiplier", "outcome")
        )

    def __call__(self, doc: Doc) -> Doc:
        retagged: dict[int, str] = {}
        body = doc._.krq_body
        start, end = (body.start, body.end) if body is not None else (0, len(doc))
        if start < end:
            first = doc[start]
            if first.lower_ == "to" and start + 1 < end:
                first = doc[start + 1]  # "To launch the portal"
            tag = first.tag_
            if (
                not tag.startswith("VB")
                and first.lower_ in self.lexicon.retaggable
                and self._is_imperative(doc, first.i, end)
            ):
                retagged[first.i] = tag
                first.tag_ = "VB"
        doc._.krq_retagged = retagged
        return doc

    def _is_imperative(self, doc: Doc, i: int, end: int) -> bool:
        word = doc[i].lower_
        if i + 1 >= end:
            return True  # a lone lexicon verb ("Ship") is an order
        nxt = doc[i + 1]
        if nxt.text in ("-", "–", "'s", "’s") or nxt.text.startswith("'"):
            return False  # "Sign-ups doubled", "Double-digit growth", "Ship's log"
        if nxt.lower_ in self.measure_words and word not in self.strong:
            return False  # "Open rate above 40%", "Support tickets under 50"
        for j in range(i + 1, end):
            token = doc[j]
            tag = token.tag_
            lower = token.lower_
            if tag in _FINITE_TAGS or lower in self.lexicon.state_blockers:
                return False
            if tag == "VBN" and (j + 1 >= end or doc[j + 1].tag_ not in _NOUNISH_POS_TAGS):
                return False  # "Support tickets resolved within 2 days"
            if lower in self.state_words and doc[j - 1].tag_ in _NOUN_TAGS:
                return False  # "Support portal available to all"
            if lower in ("—", "–", "-", ":") and j + 1 < end and doc[j + 1].lower_ in self.state_words:
                return False  # "Kubernetes migration — done"
        return True


@Language.factory(
    "krq_tagfix",
    default_config={"vague_words": [], "activity_verbs": []},
)
def make_tag_fixer(nlp: Language, name: str, vague_words: list[str], activity_verbs: list[str]) -> TagFixer:
    """spaCy factory for :class:`TagFixer`; add it after ``krq_body``, before ``attribute_ruler``.

    >>> from krquality.nlp import build_nlp
    >>> build_nlp()("Ship offline mode")[0].pos_
    'VERB'
    """
    return TagFixer(vague_words=vague_words, activity_verbs=activity_verbs)
