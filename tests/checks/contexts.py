"""A check's context built by the real pipeline, shared by the check tests."""

from __future__ import annotations

from spacy.language import Language

from krquality.checks.base import CheckContext
from krquality.config import Config
from krquality.labels import Label


def real_context(nlp: Language, text: str, label: Label = Label.METRIC) -> CheckContext:
    """``text`` read by ``nlp`` (the full pipeline), with ``label`` given rather than predicted."""
    doc = nlp(text)
    return CheckContext(text, doc, doc._.krq_features, label, {}, Config())


def codes(text: str) -> set[str]:
    """The codes of the findings ``krquality.analyze`` gives ``text`` (label predicted)."""
    import krquality

    return {f.code for f in krquality.analyze(text, suggestions=False).findings}
