"""On-demand dependency parsing for the few docs that need it (suggestions).

The classification pipeline runs with the parser disabled. Its shared
``tok2vec`` output stays on ``doc.tensor``, so the parser can run later on
the same doc and give the parse a full pipeline run would have given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from krquality.features.types import SpanRef
from krquality.nlp.resources import span_ref

# Dependency labels of a verb's object, most direct first.
_OBJECT_DEPS: tuple[str, ...] = ("dobj", "obj", "attr", "oprd", "dative", "nsubjpass", "xcomp", "ccomp")
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_NOUN_RUN_TAGS = frozenset(
    {"DT", "PRP$", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS", "HYPH", "VBG", "POS"}
)


def ensure_parsed(nlp: Language, doc: Doc) -> Doc:
    """Run the (disabled) parser on a doc from the classification pipeline, once.

    Not thread-safe on a shared ``nlp``: callers serialise it (the analyzer holds a lock).

    >>> from krquality.nlp import build_nlp
    >>> nlp = build_nlp()
    >>> ensure_parsed(nlp, nlp("Launch the mobile app")).has_annotation("DEP")
    True
    """
    ensure_parsed_many(nlp, [doc])
    return doc


def ensure_parsed_many(nlp: Language, docs: Sequence[Doc], *, batch_size: int = 256) -> None:
    """:func:`ensure_parsed` for many docs in one ``parser.pipe`` call (in place).

    One call per doc pays the parser's per-call setup each time: batched, a
    key result's parse costs about 40% of its one-at-a-time cost here.
    Not thread-safe on a shared ``nlp``, like :func:`ensure_parsed`.

    >>> from krquality.nlp import build_nlp
    >>> nlp = build_nlp()
    >>> docs = [nlp("Launch the mobile app"), nlp("Increase NPS to 48")]
    >>> ensure_parsed_many(nlp, docs)
    >>> [doc.has_annotation("DEP") for doc in docs]
    [True, True]
    """
    todo = [doc for doc in docs if not doc.has_annotation("DEP")]
    if todo:
        parser: Any = nlp.get_pipe("parser")  # a TrainablePipe: typed as a bare callable by spaCy
        for _ in parser.pipe(todo, batch_size=batch_size):
            pass


def object_phrase(doc: Doc) -> SpanRef | None:
    """The object noun phrase of the key result's leading verb, or None.

    Uses the dependency parse when the doc has one (see :func:`ensure_parsed`),
    else the run of determiners, adjectives and nouns after the verb.

    >>> from krquality.nlp import build_nlp
    >>> nlp = build_nlp()
    >>> object_phrase(ensure_parsed(nlp, nlp("Increase NPS to 48"))).text
    'NPS'
    """
    features = doc._.krq_features
    lead = features.lead_verb if features is not None else None
    if lead is None:
        return None
    span = doc.char_span(lead.span.start, lead.span.end, alignment_mode="expand")
    if span is None:
        return None
    verb = span[0]
    body_end = doc.char_span(features.body.start, features.body.end, alignment_mode="expand")
    limit = body_end.end if body_end is not None else len(doc)
    parsed = doc.has_annotation("DEP")
    if parsed:
        found = _from_parse(doc, verb, span.end, limit)
        if found is not None:
            return found
    run = _noun_run(doc, span.end, limit)
    if run is not None or not parsed:
        return run
    for chunk in doc.noun_chunks:
        if chunk.start >= span.end and chunk.end <= limit:
            return span_ref(doc, chunk.start, chunk.end)
    return None


def _from_parse(doc: Doc, verb: Token, after: int, limit: int) -> SpanRef | None:
    children = list(verb.children)
    for dep in _OBJECT_DEPS:
        for child in children:
            if child.dep_ == dep and after <= child.i < limit:
                return _phrase(doc, child, after, limit)
    # "Work on the billing migration": the object of the verb's own particle
    # (inside the lead-verb span), not of any later preposition ("to the provider").
    for child in children:
        if child.dep_ in ("prep", "prt") and child.i < after:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and after <= grandchild.i < limit:
                    return _phrase(doc, grandchild, after, limit)
    return None


def _phrase(doc: Doc, head: Token, after: int, limit: int) -> SpanRef:
    """The head noun with its pre-modifiers and "of" complements: "the mobile app",
    "the number of active customers"."""
    start = max(head.left_edge.i, after)
    end = head.i + 1
    node = head
    # An "of" phrase names what the head measures ("awareness of recycling");
    # without it a draft would say "Increase number from [baseline] ...".
    while True:
        of = next((c for c in node.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == end), None)
        pobj = next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None) if of is not None else None
        if pobj is None or pobj.i >= limit or pobj.left_edge.i != end + 1:
            return span_ref(doc, start, end)
        end, node = pobj.i + 1, pobj
        while end < limit and doc[end].tag_ in _NOUN_TAGS:
            end += 1  # a noun the parser hung elsewhere: "of the payments API"


def _noun_run(doc: Doc, start: int, limit: int) -> SpanRef | None:
    """Without a parse: the determiners, adjectives and nouns right after the verb,
    and the runs joined to them by "of"."""
    end = _run_end(doc, start, limit)
    if end is None:
        return None
    while end < limit and doc[end].lower_ == "of" and (more := _run_end(doc, end + 1, limit)) is not None:
        end = more
    return span_ref(doc, start, end)


def _run_end(doc: Doc, start: int, limit: int) -> int | None:
    """The end of the noun run from ``start`` (after its last noun), or None if it has none."""
    end = start
    last_noun = -1
    while end < limit and doc[end].tag_ in _NOUN_RUN_TAGS:
        if doc[end].tag_ in _NOUN_TAGS or doc[end].tag_ == "VBG":
            last_noun = end  # a gerund heads the phrase too: "Migrate billing to ..."
        end += 1
    return last_noun + 1 if last_noun >= start else None
