"""Docs for small edits of an analysed text, with the tagger's work borrowed.

A rewrite draft is analysed twice (see :mod:`krquality.suggest.rewrite`):
filled with plausible values ("Raise NPS from 38 to 48 by Q4"), and as
shown ("Raise NPS from [baseline] to 48 by [date]"). The filled form is
mostly its key result's words with a few added ("by Q4"), and the shown
form differs from the filled one only where a placeholder stands for a
value, yet tagging each from scratch was most of the time suggestions take:
tok2vec costs some 30 us a token.

:func:`borrowed_docs` aligns each new text's tokens with its source doc's
(:class:`difflib.SequenceMatcher` on the token texts), copies the tags of
the tokens they share, gives each added token its tag from a small table
(``known_tags``: for the filled form the words drafts add, for the shown
form the placeholder tokens) or ``CD`` for a number, and runs only the
components after the tagger: krquality's tag fixer, the attribute rules,
the lemmatizer and the feature extractors. A text that adds any other
word, or starts with another word than its source (the tagger reads a
first word its own way: a new leading verb is tagged afresh), is tagged
by spaCy in full, in one ``nlp.pipe`` with the others like it.

Measured on the 4,237 training texts, the suggestions (texts, the codes
each fixes, scores and labels) came out the same with both forms borrowed
as with both tagged afresh, for all but one key result, where a suggestion
claimed one fix fewer; 2,477 of the 3,126 filled drafts borrowed. Analysis
with suggestions took 12-22% less time (1,000 KRs at once) and 16% less
for one key result at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from difflib import SequenceMatcher

from spacy.language import Language
from spacy.tokens import Doc

# The first component that reads tags instead of predicting them.
FIRST_AFTER_TAGGER = "krq_tagfix"


def borrowed_docs(
    nlp: Language,
    items: Sequence[tuple[str, Doc | None]],
    known_tags: Mapping[str, str],
) -> list[Doc]:
    """Annotated docs for ``(text, source)`` pairs, in order.

    Where ``source`` is a doc of a nearly equal text, the shared tokens keep
    its tags; where it is ``None``, or the text adds a token that is neither
    a number nor in ``known_tags`` (lower-cased keys), spaCy tags the text
    itself. Either way the result carries what the classification path
    reads: tags, POS, morphology, lemmas and ``doc._.krq_features``. A
    borrowed doc has no ``doc.tensor``, so it must not be parsed, and its
    copied tags are the source's after the tag fixer, so the fixer finds
    nothing left to correct (``lead_verb.corrected`` is False where a fresh
    doc would say True; nothing that scores reads it).

    >>> from krquality.nlp import build_nlp
    >>> nlp = build_nlp()
    >>> source = nlp("Fix the login bugs")
    >>> (doc,) = borrowed_docs(nlp, [("Fix the login bugs by Q4", source)], {"by": "IN", "q4": "NNP"})
    >>> [t.tag_ for t in doc]
    ['VB', 'DT', 'NN', 'NNS', 'IN', 'NNP']
    """
    out: list[Doc | None] = [None] * len(items)
    tagged: list[tuple[int, Doc]] = []
    fresh: list[tuple[int, str]] = []
    for i, (text, source) in enumerate(items):
        doc = _with_tags(nlp, text, source, known_tags) if source is not None else None
        if doc is None:
            fresh.append((i, text))
        else:
            tagged.append((i, doc))
    if tagged:
        docs = [doc for _, doc in tagged]
        for _, component in _after_tagger(nlp):
            docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
        for (i, _), doc in zip(tagged, docs, strict=True):
            out[i] = doc
    if fresh:
        for (i, _), doc in zip(fresh, nlp.pipe(text for _, text in fresh), strict=True):
            out[i] = doc
    return [doc for doc in out if doc is not None]


def _with_tags(nlp: Language, text: str, source: Doc, known_tags: Mapping[str, str]) -> Doc | None:
    """``text`` tokenized, with tags from ``source`` and ``known_tags``; None if a tag is unknown."""
    tokens = nlp.tokenizer(text)
    if not len(tokens) or not len(source) or tokens[0].text != source[0].text:
        # The tagger reads a first word its own way (an imperative verb is often
        # a noun there), so a text that starts differently is tagged afresh.
        return None
    words = [t.text for t in tokens]
    tags: list[str | None] = [None] * len(words)
    matcher = SequenceMatcher(a=[t.text for t in source], b=words, autojunk=False)
    for start_a, start_b, size in matcher.get_matching_blocks():
        for k in range(size):
            tags[start_b + k] = source[start_a + k].tag_
    for j, word in enumerate(words):
        if tags[j] is None:
            tag = known_tags.get(word.lower()) or ("CD" if tokens[j].like_num else None)
            if tag is None:
                return None
            tags[j] = tag
    return Doc(
        nlp.vocab,
        words=words,
        spaces=[bool(t.whitespace_) for t in tokens],
        tags=[tag or "" for tag in tags],
    )


def _after_tagger(nlp: Language) -> list[tuple[str, Callable[[Doc], Doc]]]:
    """The enabled components from krquality's tag fixer on."""
    names = nlp.pipe_names
    if FIRST_AFTER_TAGGER not in names:
        raise ValueError(f"the pipeline has no {FIRST_AFTER_TAGGER!r}; build it with krquality.nlp.build_nlp")
    return list(nlp.pipeline[names.index(FIRST_AFTER_TAGGER) :])
