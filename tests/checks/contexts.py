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


def output_span(text: str) -> str | None:
    """The text the output-count finding (KRQ104) covers, or None when there is none."""
    import krquality

    result = krquality.analyze(text, suggestions=False)
    found = [f for f in result.findings if f.code == "KRQ104"]
    return text[found[0].start : found[0].end] if found else None
