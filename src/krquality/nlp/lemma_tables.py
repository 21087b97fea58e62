"""The installed spaCy model's rule-lemmatizer tables, read from disk once per process.

Two readers need the English words the model knows without a parse: the output-count check
(its verbs, ``checks.made_count``) and the draft casing (any known word, ``suggest.casing``).
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.lookups import Lookups

from krquality.errors import SpacyModelNotFoundError
from krquality.nlp.loader import resolve_spacy_model

_TABLES = ("lemma_index", "lemma_exc")


@cache
def lemmatizer_tables() -> Lookups | None:
    """The first lemmatizer lookups folder of the installed model holding ``lemma_index`` or
    ``lemma_exc``, or None where the model ships none (the callers then know no words)."""
    try:
        root = spacy.util.get_package_path(resolve_spacy_model())
    except (ImportError, OSError, SpacyModelNotFoundError):
        return None
    for folder in sorted(root.glob("*/lemmatizer/lookups")) + sorted(root.glob("lemmatizer/lookups")):
        lookups = Lookups().from_disk(folder)
        if any(lookups.has_table(name) for name in _TABLES):
            return lookups
    return None
