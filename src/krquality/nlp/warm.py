"""Warm the tokenizer with common words once, outside any memory zone.

Every analysis runs inside a spaCy memory zone (:mod:`krquality.nlp.zone`),
and inside one spaCy neither caches how it split a chunk of text nor keeps
the lexemes of words new to the vocabulary: each request splits every chunk
again (some 5 us each, prefixes, suffixes and infixes tried in turn) and
builds a lexeme for every word the shipped vocabulary lacks ("Q4", about
25 us, with krquality's lexical flags). A suggestion pays that twice more
per draft: its filled and its shown text hold the key result's words again,
plus the few that drafts add.

:func:`warm_tokenizer` tokenizes a fixed list of words once, at load: their
lexemes become permanent and their splits cached, so later requests find
them. The list is bounded (the model's most common words and the words
drafts add), so memory does not grow with traffic. Tokens, lexemes and
their attributes are the same whether a chunk was split afresh or read from
the cache, so no analysis changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language


def warm_tokenizer(nlp: Language, words: Iterable[str]) -> int:
    """Tokenize each of ``words`` (one whitespace-free chunk each) outside any memory zone,
    so that its split is cached and its lexemes kept; returns how many were tokenized.

    Must run outside ``nlp.memory_zone()``, where spaCy would keep neither.

    >>> from krquality.nlp import build_nlp
    >>> nlp = build_nlp()
    >>> warm_tokenizer(nlp, ["Q4", "by", "by"])
    2
    >>> "Q4" in nlp.vocab.strings
    True
    """
    vocab: Any = nlp.vocab  # ``in_memory_zone`` (spaCy 3.8) is missing from spaCy's type stubs
    if vocab.in_memory_zone:
        raise RuntimeError("warm the tokenizer outside a memory zone: inside one spaCy keeps nothing")
    seen: set[str] = set()
    for word in words:
        if word and not any(c.isspace() for c in word) and word not in seen:
            seen.add(word)
            nlp.tokenizer(word)
    return len(seen)
