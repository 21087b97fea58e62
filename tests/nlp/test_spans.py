"""Invariants over arbitrary text: no exceptions, every span inside the text."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from krquality.features.types import Features, SpanRef

# Text that looks like key results often enough to reach the extractors.
_WORDS = st.sampled_from(
    [
        "Increase",
        "Ship",
        "Double",
        "halve",
        "NPS",
        "from",
        "to",
        "by",
        "→",
        "->",
        "=>",
        "40",
        "55%",
        "$1.2M",
        "€500k",
        "3x",
        "4.5/5",
        "Q3",
        "H1",
        "FY27",
        "June",
        "30",
        "2027-03-31",
        "30/06/2027",
        "within",
        "6",
        "weeks",
        "EOY",
        "end",
        "of",
        "the",
        "year",
        "below",
        "at",
        "least",
        "X",
        "TBD%",
        "[target]",
        "??",
        "and",
        ";",
        "-",
        "KR1:",
        "(@maria)",
        "[Owner:",
        "]",
        "v2",
        "24/7",
        "p95",
        "top",
        "a",
        "dozen",
        "no",
        "bugs",
        "is",
        "merged",
        "—",
        "done",
        "\n",
        "  ",
        "•",
        "1)",
        "+1",
        "(415)",
        "555-0100",
        "half",
        "in",
    ]
)
_KR_LIKE = st.lists(_WORDS, max_size=20).map(" ".join)
# Lone surrogates are excluded: they are not encodable text, spaCy itself
# cannot store them, and input validation rejects them before the pipeline.
_CHARS = st.characters(exclude_categories=("Cs",))
_TEXT = st.one_of(st.text(_CHARS, max_size=80), _KR_LIKE, st.text(_CHARS, min_size=1, max_size=40))


def _spans(features: Features) -> Iterator[SpanRef]:
    yield features.body
    if features.lead_verb is not None:
        yield features.lead_verb.span
    yield from (q.span for q in features.quantities)
    yield from (d.span for d in features.dates)
    for change in features.changes:
        yield change.span
        yield from (q.span for q in (change.baseline, change.target) if q is not None)
    yield from (m.span for m in features.markers)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_every_span_lies_inside_the_text(nlp: Language, text: str) -> None:
    features = nlp(text)._.krq_features
    assert features.text == text
    for span in _spans(features):
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_features_are_deterministic(nlp: Language, text: str) -> None:
    assert nlp(text)._.krq_features == nlp(text)._.krq_features


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_KR_LIKE, min_size=1, max_size=8))
def test_pipe_gives_the_same_features_as_single_calls(nlp: Language, texts: list[str]) -> None:
    piped = [doc._.krq_features for doc in nlp.pipe(texts)]
    assert piped == [nlp(text)._.krq_features for text in texts]
