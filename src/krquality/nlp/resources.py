"""Word lists and patterns shipped as data files in ``krquality/nlp/data``.

Components read these once, at initialisation; nothing here is consulted
per document.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc

from krquality.features.types import SpanRef

DATA_PACKAGE = "krquality.nlp.data"


@cache
def load_data(name: str) -> dict[str, Any]:
    """Load ``krquality/nlp/data/<name>.json`` (cached; treat the result as read-only).

    >>> "launch" in load_data("verbs")["deliverable"]
    True
    """
    text = resources.files(DATA_PACKAGE).joinpath(f"{name}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def lower_set(words: list[str] | tuple[str, ...]) -> frozenset[str]:
    """Lower-cased words as a frozenset, for O(1) lookups on ``token.lower_``.

    >>> sorted(lower_set(["EOY", "eoq"]))
    ['eoq', 'eoy']
    """
    return frozenset(word.lower() for word in words)


def span_ref(doc: Doc, start: int, end: int) -> SpanRef:
    """The :class:`SpanRef` of tokens ``doc[start:end]`` (end exclusive, at least one token).

    >>> import spacy
    >>> span_ref(spacy.blank("en")("Ship it now"), 1, 3)
    SpanRef(start=5, end=11, text='it now')
    """
    # Built from the tokens: ``doc.text`` re-joins the whole document on every call.
    last = doc[end - 1]
    if end - start == 1:
        return SpanRef(last.idx, last.idx + len(last), last.text)
    text = "".join([doc[k].text_with_ws for k in range(start, end - 1)]) + last.text
    start_char = doc[start].idx
    return SpanRef(start_char, start_char + len(text), text)
