"""``krq_features``: runs the extractors and gathers their results into one :class:`Features`.

Each extractor is also a component of its own (``krq_dates``,
``krq_quantities``, ``krq_lead_verb``, ``krq_changes``, ``krq_markers``), but
the classification pipeline runs them inside this one: a pipeline step and a
``doc._`` lookup cost about as much as an extractor's work on a ten-word key
result, and the speed budget is 15% on top of the tagger.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from krquality.features.types import Features, SpanRef
from krquality.nlp.changes import ChangeFinder
from krquality.nlp.dates import DateFinder
from krquality.nlp.extensions import register_extensions
from krquality.nlp.lead import LeadVerbFinder
from krquality.nlp.markers import MarkerFinder
from krquality.nlp.quantities import QuantityFinder
from krquality.nlp.state import DocState, get_state


class FeatureAssembler:
    """Stores ``doc._.krq_features``; the last krquality component in the pipeline.

    With ``run_extractors`` (the default) it runs dates, quantities, lead verb,
    changes and markers first, in that order; without, it only gathers what
    separately added components found.
    """

    def __init__(
        self,
        nlp: Language,
        *,
        run_extractors: bool = True,
        vague_words: Iterable[str] = (),
        activity_verbs: Iterable[str] = (),
    ) -> None:
        register_extensions()
        vague, activity = tuple(vague_words), tuple(activity_verbs)
        self.steps: tuple[
            DateFinder | QuantityFinder | LeadVerbFinder | ChangeFinder | MarkerFinder, ...
        ] = ()
        if run_extractors:
            self.steps = (
                DateFinder(nlp),
                QuantityFinder(nlp),
                LeadVerbFinder(vague_words=vague, activity_verbs=activity),
                ChangeFinder(),
                MarkerFinder(nlp, vague_words=vague, activity_verbs=activity),
            )

    def __call__(self, doc: Doc) -> Doc:
        state = get_state(doc)
        for step in self.steps:
            step.run(doc, state)
        doc._.krq_features = self.features(doc, state)
        return doc

    @staticmethod
    def features(doc: Doc, state: DocState) -> Features:
        """The :class:`Features` for what ``state`` holds."""
        lo, hi = state.body_start, state.body_end
        text = doc.text
        if lo < hi:
            start_char = doc[lo].idx
            last = doc[hi - 1]
            end_char = last.idx + len(last)
            body = SpanRef(start_char, end_char, text[start_char:end_char])
            n_words = (hi - lo) - int(doc.to_array([IS_PUNCT, IS_SPACE])[lo:hi].sum())
        else:
            body = SpanRef(0, 0, "")
            n_words = 0
        return Features(
            text=text,
            body=body,
            form=state.form,
            lead_verb=state.lead_verb,
            quantities=state.quantities,
            dates=state.dates,
            changes=state.changes,
            markers=state.markers,
            n_words=n_words,
        )


@Language.factory(
    "krq_features",
    default_config={"run_extractors": True, "vague_words": [], "activity_verbs": []},
)
def make_feature_assembler(
    nlp: Language, name: str, run_extractors: bool, vague_words: list[str], activity_verbs: list[str]
) -> FeatureAssembler:
    """spaCy factory for :class:`FeatureAssembler`; add it last.

    >>> from krquality.nlp import build_nlp
    >>> build_nlp()("- Ship it")._.krq_features.body.text
    'Ship it'
    """
    return FeatureAssembler(
        nlp, run_extractors=run_extractors, vague_words=vague_words, activity_verbs=activity_verbs
    )
