"""The spaCy side: loading the English model and krquality's components."""

from krquality.nlp.loader import CLASSIFY_DISABLED, build_nlp, resolve_spacy_model

__all__ = ["CLASSIFY_DISABLED", "build_nlp", "resolve_spacy_model"]
