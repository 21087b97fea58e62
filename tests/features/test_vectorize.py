"""The engineered feature dict the classifier reads."""

from __future__ import annotations

from krquality.features.types import (
    Change,
    DateRef,
    Direction,
    Features,
    Form,
    LeadVerb,
    Quantity,
    QuantityKind,
    SpanRef,
    VerbClass,
)
from krquality.features.vectorize import feature_dict, normalized_text


def _features(text: str, lead_verb: LeadVerb | None = None, **kwargs: object) -> Features:
    return Features(
        text=text, body=SpanRef(0, len(text), text), form=Form.IMPERATIVE, lead_verb=lead_verb, **kwargs
    )  # type: ignore[arg-type]


def _lead(text: str, lemma: str, verb_class: VerbClass) -> LeadVerb:
    return LeadVerb(SpanRef(0, len(lemma), text[: len(lemma)]), lemma, verb_class)


def test_digits_are_masked_in_the_ngram_text() -> None:
    assert normalized_text(_features("Cut churn from 4.5% to 3%")) == "cut churn from 0.0% to 0%"


def test_a_verb_class_counts_with_a_quantity_only_when_there_is_one() -> None:
    text = "Increase sign-ups"
    without = feature_dict(_features(text, lead_verb=_lead(text, "increase", VerbClass.OUTCOME)))
    assert "lead_class_with_quantity=outcome" not in without
    text = "Increase sign-ups to 40"
    q = Quantity(SpanRef(21, 23, "40"), QuantityKind.NUMBER, 40.0)
    change = Change(SpanRef(18, 23, "to 40"), Direction.INCREASE, None, q)
    with_q = feature_dict(
        _features(
            text, lead_verb=_lead(text, "increase", VerbClass.OUTCOME), quantities=(q,), changes=(change,)
        )
    )
    assert with_q["lead_class_with_quantity=outcome"] == 1.0
    assert with_q["change_has_target"] == 1.0
    assert with_q["change_has_baseline"] == 0.0


def test_a_count_of_exactly_one_is_marked() -> None:
    text = "Hire 1 UX designer"
    q = Quantity(SpanRef(5, 6, "1"), QuantityKind.NUMBER, 1.0)
    assert feature_dict(_features(text, quantities=(q,)))["q_only_one"] == 1.0
    q12 = Quantity(SpanRef(5, 7, "12"), QuantityKind.NUMBER, 12.0)
    assert "q_only_one" not in feature_dict(_features("Hire 12 UX designers", quantities=(q12,)))


def test_deadlines_are_told_apart_from_time_frames() -> None:
    text = "Launch in Q3"
    date = DateRef(SpanRef(10, 12, "Q3"), "Q3", is_deadline=False)
    out = feature_dict(_features(text, dates=(date,)))
    assert out["has_date"] == 1.0 and "has_deadline" not in out
