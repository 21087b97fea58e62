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

from krquality.nlp.body import BodyFinder
from krquality.nlp.extensions import register_extensions
from krquality.nlp.lexicon import VerbLexicon
from krquality.nlp.resources import load_data, lower_set
from krquality.nlp.state import DocState

_NOUNISH_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "CD"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# pos_ is not set yet (the attribute ruler runs after this component): use tags.
# Tags that open an object: "Publish the guide", "Grow our pipeline".
_OBJECT_START_TAGS = frozenset({"DT", "PRP$", "CD", "PDT", "$"})
_DASHES = frozenset({"—", "–", ":", "(", ";"})
# Words that open a trailing deadline, after which a word ends the object as if it were last.
_DEADLINE_WORDS = frozenset({"by", "before", "until", "till", "ahead"})
_CLAUSE_ENDS = frozenset(
    {"and", ",", "so", "that", "which", "who", "rather", "while", "without", "when", "because", "if", "&"}
)


class TagFixer:
    """Retag a lexicon verb at the start of the body as ``VB`` unless it is a subject.

    Finds the body itself (and starts the doc's :class:`DocState`) unless a
    ``krq_body`` component ran before it.
    """

    def __init__(self, *, vague_words: Iterable[str] = (), activity_verbs: Iterable[str] = ()) -> None:
        register_extensions()
        self.body = BodyFinder()
        self.lexicon = VerbLexicon(vague_words=vague_words, activity_verbs=activity_verbs)
        markers = load_data("markers")
        self.state_words = lower_set(markers["state"])
        self.strong = frozenset(
            word for word, cls in self.lexicon.single.items() if cls.value in ("multiplier", "outcome")
        )
        self.multipliers = frozenset(w for w, cls in self.lexicon.single.items() if cls.value == "multiplier")
        self.metric_heads = lower_set(load_data("verbs")["metric_heads"])
        self.noun_first = lower_set(load_data("verbs")["noun_first"])

    def __call__(self, doc: Doc) -> Doc:
        state: DocState | None = doc._.krq_state
        if state is None:
            # No separate krq_body in the pipeline: find the body here.
            state = DocState(*self.body.find(doc))
            doc._.krq_state = state
        retagged = state.retagged
        start, end = state.body_start, state.body_end
        if start < end:
            first = doc[start]
            if first.lower_ == "to" and start + 1 < end:
                first = doc[start + 1]  # "To launch the portal"
            tag = first.tag_
            if (
                not tag.startswith("VB")
                and first.lower_ in self.lexicon.retaggable
                and (self._shouted_order(doc, first.i, start, end) or self._is_imperative(doc, first.i, end))
            ):
                retagged[first.i] = tag
                first.tag_ = "VB"
        return doc

    def _shouted_order(self, doc: Doc, i: int, start: int, end: int) -> bool:
        """A first lexicon verb in a body in capitals is an order unless a past
        participle or a copula follows ("SUPPORT TICKETS RESOLVED IN 2 DAYS")."""
        return _shouted(doc, start, end) and not any(
            t.tag_ in ("VBN", "VBD", "MD") or t.lower_ in self.lexicon.state_blockers
            for t in doc[i + 1 : end]
        )

    def _is_imperative(self, doc: Doc, i: int, end: int) -> bool:
        """Is the lexicon verb at ``i`` an order, or the head of a subject noun phrase?"""
        word = doc[i].lower_
        if i + 1 >= end:
            return True  # a lone lexicon verb ("Ship") is an order
        nxt = doc[i + 1]
        if (
            nxt.text == "-"
            and i + 2 < end
            and not doc[i].whitespace_
            and not nxt.whitespace_
            and (word, f"- {doc[i + 2].lower_}") in self.lexicon.phrases
        ):
            return self._is_imperative(doc, i + 2, end)  # "Fine-tune Llama", "Re-launch the app"
        if nxt.text in ("-", "–", "'s", "’s") or nxt.lower_ in ("of", "'s"):
            return False  # "Sign-ups doubled", "Share of revenue", "Audit of funds finished"
        if nxt.lower_ in self.lexicon.state_blockers:
            return False  # "Support is staffed"
        strong = word in self.strong
        if word in self.noun_first and not (
            nxt.tag_ in _OBJECT_START_TAGS or nxt.tag_ in ("IN", "PRP", "RP") or nxt.like_num
        ):
            return False  # "Partner portal", "Design doc approved"
        if word in self.multipliers or nxt.tag_ in _OBJECT_START_TAGS or nxt.like_num or nxt.text in "$€£":
            return True  # "Triple the number", "Ship 97% of orders", "Book $500k"
        later = doc[i + 1 : end]
        if (
            not strong
            and any(t.text == ":" for t in later)
            and any(t.like_num or "%" in t.text for t in later)
        ):
            return False  # "Open security advisories: 18 -> 0" is a noun phrase with a target
        if (
            not strong
            and nxt.lower_ in self.metric_heads
            and (i + 2 >= end or doc[i + 2].tag_ not in _NOUN_TAGS)
        ):
            return False  # "Open rate above 40%", "Test coverage on core pipelines"
        if strong and any(t.like_num for t in later):
            return True  # "Cut AWS spend by 20%": the tagger's "spend"/VBP does not make it a clause
        for j in range(i + 1, end):
            token = doc[j]
            tag = token.tag_
            if token.text in _DASHES and j + 1 < end and doc[j + 1].lower_ in self.state_words:
                return False  # "Kubernetes migration — done"
            if token.lower_ in _CLAUSE_ENDS or token.text in _DASHES:
                return True  # what follows is another clause: "Track X and share it monthly"
            if tag == "VBG":
                return True  # "Finish migrating Looker explores": the rest is the object
            if (token.lower_ in self.lexicon.state_blockers and tag != "POS") or tag in ("VBD", "MD"):
                return False
            if tag in ("VBZ", "VBP"):
                if j == i + 1 or j == end - 1 or doc[j + 1].lower_ in _DEADLINE_WORDS:
                    # "Optimize database queries", "Build dashboards for ops leads by Q4":
                    # a plural noun the tagger took for a verb
                    continue
                return False  # "Partner channel grows to 25%"
            if tag == "VBN":
                attributive = j + 1 < end and doc[j + 1].tag_ in _NOUNISH_TAGS
                if attributive or j == i + 1 or doc[j - 1].lower_ == "as":
                    continue  # "Launch the redesigned app", "Upgrade libraries as needed"
                return False  # "Support tickets resolved within 2 days"
            if token.lower_ in self.state_words and doc[j - 1].tag_ in _NOUN_TAGS:
                return False  # "Support portal available to all"
        return True


def _shouted(doc: Doc, start: int, end: int) -> bool:
    """Whether the body is in capitals ("RUN WEEKLY LIVE EVENTS"): the tagger reads
    such text as a string of proper nouns, so its tags cannot tell an order from a
    subject, and a first lexicon verb is taken as the order it usually is."""
    words = [t.text for t in doc[start:end] if t.is_alpha]
    return len(words) >= 2 and all(w.isupper() for w in words) and sum(len(w) for w in words) > 6


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
