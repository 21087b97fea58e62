"""Capitalising the first word of a draft without breaking a name written in lowercase.

A draft starts with a capital letter, like any sentence, but a first word the
author wrote in lowercase on purpose must keep its case: a package or tool
name ("npm", "pandoc"), a code name with a digit ("s3cmd"), a hyphenated
name with a part that is no English word ("vue-router", "js-ipfs"), or a
product with internal capitals ("iPad", "eBay"). Such a word is recognised by
its shape (digit, a capital after the first letter) or by a part that is not
an English word the spaCy model's lemmatizer tables, the stop-word list or
our own word lists know. A hyphenated word of English parts ("long-term",
"follow-up") is capitalised: far more key results open with one of those than
with a package named in plain words ("node-fetch" becomes "Node-fetch").
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from spacy.lang.en.stop_words import STOP_WORDS

from krquality.checks.helpers import load_words
from krquality.nlp.lemma_tables import lemmatizer_tables

# The first word: letters, digits and the joiners a name can hold.
_FIRST_WORD = re.compile(r"[\w.'’-]+")
# Endings an English word takes on its base form ("pipelines", "shipped", "rolling").
_ENDINGS = ("ies", "es", "s", "ed", "d", "ing", "er", "ers", "ly")


def capitalise_first(text: str) -> str:
    """``text`` with its first letter in capitals, unless its first word is a lowercase name.

    >>> capitalise_first("publish the rota by [date]")
    'Publish the rota by [date]'
    >>> capitalise_first("pandoc builds every handbook by [date]")
    'pandoc builds every handbook by [date]'
    >>> capitalise_first("iPad sales reach 400 a month")
    'iPad sales reach 400 a month'
    """
    match = _FIRST_WORD.match(text)
    if match is None or not match.group()[:1].islower() or keeps_case(match.group()):
        return text
    return text[:1].upper() + text[1:]


def keeps_case(word: str) -> bool:
    """Whether ``word``, first in a sentence, must keep its lowercase first letter.

    It must when it holds a digit or a capital after its first letter ("x86", "macOS"), or
    when it, or a part of it between hyphens, is not a known English word ("kubectl",
    "vue-router"); "long-term" is capitalised.
    """
    if any(ch.isdigit() for ch in word) or any(ch.isupper() for ch in word[1:]):
        return True
    parts = [part for part in word.strip(".'’").lower().split("-") if part]
    return not parts or not all(is_english(part) for part in parts)


def is_english(word: str) -> bool:
    """Whether the lowercase ``word`` is an English word (or an inflection of one) we know."""
    known = _known_words()
    if word in known:
        return True
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            candidates = {stem, stem + "e", stem + "y"} | ({stem[:-1]} if stem[-1:] == stem[-2:-1] else set())
            if candidates & known:
                return True
    return False


@cache
def _known_words() -> frozenset[str]:
    """Stop words, the checks' word lists and every base form and irregular form the spaCy model's
    rule lemmatizer lists (empty tables where the installed model has none)."""
    words: set[str] = set(STOP_WORDS)
    for path in files("krquality.checks").joinpath("data").iterdir():
        if path.name.endswith(".txt"):
            words |= {w for w in load_words(path.name.removesuffix(".txt")) if " " not in w}
    words |= _lemmatizer_words()
    return frozenset(words)


def _lemmatizer_words() -> set[str]:
    """The words in the installed model's ``lemma_index`` and ``lemma_exc`` tables."""
    lookups = lemmatizer_tables()
    words: set[str] = set()
    if lookups is None:
        return words
    for name in ("lemma_index", "lemma_exc"):
        if not lookups.has_table(name):
            continue
        table = lookups.get_table(name)
        for pos in ("noun", "verb", "adj", "adv"):
            entries = table.get(pos, ())
            words |= {w.lower() for w in entries if "_" not in w}
            if isinstance(entries, dict):
                words |= {str(v).lower() for forms in entries.values() for v in forms}
    return words
