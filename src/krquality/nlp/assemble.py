"""``krq_features``: gathers what the other components found into one :class:`Features`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from krquality.features.types import Features, Form, SpanRef
from krquality.nlp.extensions import register_extensions


class FeatureAssembler:
    """Stores ``doc._.krq_features``; the last krquality component in the pipeline."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        body = doc._.krq_body
        if body is not None and len(body):
            start_char = body.start_char
            end_char = body.end_char
            n_words = sum(1 for token in body if not (token.is_punct or token.is_space))
        else:
            start_char = end_char = 0
            n_words = 0
        doc._.krq_features = Features(
            text=doc.text,
            body=SpanRef(start_char, end_char, doc.text[start_char:end_char]),
            form=doc._.krq_form or Form.OTHER,
            lead_verb=doc._.krq_lead_verb,
            quantities=doc._.krq_quantities or (),
            dates=doc._.krq_dates or (),
            changes=doc._.krq_changes or (),
            markers=doc._.krq_markers or (),
            n_words=n_words,
        )
        return doc


@Language.factory("krq_features")
def make_feature_assembler(nlp: Language, name: str) -> FeatureAssembler:
    """spaCy factory for :class:`FeatureAssembler`; add it last.

    >>> from krquality.nlp import build_nlp
    >>> build_nlp()("- Ship it")._.krq_features.body.text
    'Ship it'
    """
    return FeatureAssembler()
