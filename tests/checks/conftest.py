"""Fixtures for the checks: a tagged spaCy doc and hand-built features.

The checks read ``Features``; these build them by hand (spans located by
substring), so each detector is tested without the feature components.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
import spacy
from spacy.language import Language

from krquality.checks import CheckContext
from krquality.config import Config
from krquality.features.types import (
    Change,
    DateRef,
    Direction,
    Features,
    Form,
    LeadVerb,
    Marker,
    Quantity,
    QuantityKind,
    SpanRef,
    VerbClass,
)
from krquality.labels import Label
from krquality.nlp import resolve_spacy_model


@pytest.fixture(scope="session")
def tagger() -> Language:
    """The English model with tagger and lemmatizer only (no krquality components)."""
    return spacy.load(resolve_spacy_model(), exclude=["ner", "parser"])


def _span(text: str, sub: str) -> SpanRef:
    start = text.index(sub)
    return SpanRef(start, start + len(sub), sub)


QuantitySpec = tuple[str, QuantityKind, float | None] | tuple[str, QuantityKind, float | None, str | None]


def build_features(
    text: str,
    *,
    lead: tuple[str, VerbClass] | None = None,
    form: Form = Form.IMPERATIVE,
    quantities: Sequence[QuantitySpec] = (),
    changes: Sequence[
        tuple[str, Direction, str | None, str | None] | tuple[str, Direction, str | None, str | None, bool]
    ] = (),
    dates: Sequence[tuple[str, str | None, bool]] = (),
    markers: Sequence[tuple[str, str, str]] = (),
) -> Features:
    """Features for ``text``; every part is named by the substring it covers.

    ``lead`` is ``(lemma, class)`` and spans the first word; a change names
    its baseline and target by the substrings of quantities listed before.
    """
    qs = {}
    for spec in quantities:
        sub, kind, value = spec[0], spec[1], spec[2]
        unit = spec[3] if len(spec) > 3 else None  # type: ignore[misc]
        qs[sub] = Quantity(_span(text, sub), kind, value, unit)
    built_changes = []
    for spec in changes:
        sub, direction, base, target = spec[0], spec[1], spec[2], spec[3]
        relative = bool(spec[4]) if len(spec) > 4 else False  # type: ignore[misc]
        built_changes.append(
            Change(
                _span(text, sub),
                direction,
                qs[base] if base else None,
                qs[target] if target else None,
                relative,
            )
        )
    lead_verb = None
    if lead is not None:
        word = text.split()[0]
        lead_verb = LeadVerb(_span(text, word), lead[0], lead[1])
    return Features(
        text=text,
        body=SpanRef(0, len(text), text),
        form=form,
        lead_verb=lead_verb,
        quantities=tuple(qs.values()),
        dates=tuple(DateRef(_span(text, sub), norm, deadline) for sub, norm, deadline in dates),
        changes=tuple(built_changes),
        markers=tuple(Marker(_span(text, sub), kind, lemma) for sub, kind, lemma in markers),
        n_words=len(text.split()),
    )


@pytest.fixture
def kr(tagger: Language) -> Callable[..., CheckContext]:
    """Build a :class:`CheckContext` from text, a label and hand-built feature parts.

    ``kr("Increase NPS to 48", Label.METRIC, lead=("increase", VerbClass.OUTCOME), ...)``;
    ``config=`` passes a :class:`Config`.
    """

    def make(text: str, label: Label, *, config: Config | None = None, **parts: Any) -> CheckContext:
        features = build_features(text, **parts)
        return CheckContext(
            text=text,
            doc=tagger(text),
            features=features,
            label=label,
            probabilities={label.value: 1.0},
            config=config if config is not None else Config(),
        )

    return make


def apply_fix(text: str, start: int, end: int, replacement: str) -> str:
    return text[:start] + replacement + text[end:]


@pytest.fixture
def fixed() -> Callable[[str, Any], str]:
    """Apply a finding's fix to the text: ``fixed(text, finding)``."""

    def run(text: str, finding: Any) -> str:
        assert finding.fix is not None, f"{finding.code} has no fix"
        return apply_fix(text, finding.fix.start, finding.fix.end, finding.fix.replacement)

    return run


@pytest.fixture(scope="session")
def feature_nlp(request: pytest.FixtureRequest) -> Language:
    """The full pipeline with krquality's feature components (the shared ``nlp`` fixture when present).

    Skips while the feature components are not in the tree yet.
    """
    pytest.importorskip("krquality.nlp.components", reason="the krquality spaCy components have not landed")
    try:
        nlp: Language = request.getfixturevalue("nlp")
    except pytest.FixtureLookupError:
        from krquality.nlp import build_nlp

        nlp = build_nlp()
    return nlp
