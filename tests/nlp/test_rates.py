"""Counts kept at a rate ("once a fortnight", "5 or more times weekly") and bare measure names
("share of X", "% of X") as quantities; "once" as a conjunction and directions with no amount as none."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from krquality.features.types import Features, QuantityKind
from krquality.features.vectorize import feature_dict

Extract = Callable[[str], Features]
N, PH = QuantityKind.NUMBER, QuantityKind.PLACEHOLDER


@cache
def _nlp() -> Language:
    # hypothesis cannot take the function-scoped fixture; the pipeline is loaded once here.
    from krquality.nlp import build_nlp

    return build_nlp()


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("Post to the parish newsletter once a fortnight", "once", 1.0, "times"),
        ("Water the greenhouse twice every day", "twice", 2.0, "times"),
        ("Inspect the scaffolding thrice weekly", "thrice", 3.0, "times"),
        ("Ring each tenant at least once per month", "once", 1.0, "times"),
        ("Cycle to the depot 5 or more times weekly", "5", 5.0, "times"),
        ("fill in the sleep diary 4x a week", "4x", 4.0, "times"),
        ("Defrost the freezers once every other week", "once", 1.0, "times"),
        ("Service the boilers once every six months", "once", 1.0, "times"),
        ("Draft a short essay every month", "a", 1.0, "essay"),
        ("Try a new bread recipe each weekend", "a", 1.0, "recipe"),
        ("bake something new every weekend", "something", 1.0, "something"),
    ],
)
def test_a_count_at_a_rate_is_a_quantity(
    extract: Extract, text: str, span: str, value: float, unit: str
) -> None:
    features = extract(text)
    quantity = features.quantities[0]  # "once every six months" has the six months too
    assert (quantity.span.text, quantity.kind, quantity.value, quantity.unit) == (span, N, value, unit)
    assert feature_dict(features).get("q_rate") == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Once the audit closes, publish the findings",
        "Switch the tills to card-only once the new reader arrives",
        "Hold weekly stock reviews with the buyers",
        "Practise the violin every day",
        "Host a coffee morning for carers",
        "Sketch at the harbour café weekly",
        "Fix the printer jam that happens every time",
        "Run twice as fast on the new hardware",
        "Make checkout 3x faster",
    ],
)
def test_a_frequency_or_conjunction_without_a_count_is_no_rate(extract: Extract, text: str) -> None:
    features = extract(text)
    assert all(q.unit != "times" or q.kind is not N for q in features.quantities)
    assert "q_rate" not in feature_dict(features)


def test_the_size_of_a_known_set_at_a_rate_is_a_scope_not_a_rate(extract: Extract) -> None:
    features = extract("Coach the 4 shift leads weekly")
    assert [q.value for q in features.quantities] == [4.0]
    assert "q_rate" not in feature_dict(features)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(2, 30),
    st.sampled_from(["or more times", "or fewer times", "times"]),
    st.sampled_from(["weekly", "a week", "per month", "every other day", "each term", "a fortnight"]),
)
def test_any_count_of_times_before_a_rate_keeps_its_unit(n: int, times: str, rate: str) -> None:
    features = _nlp()(f"Visit the allotment {n} {times} {rate}")._.krq_features
    assert [(q.value, q.unit) for q in features.quantities] == [(float(n), "times")]
    assert feature_dict(features).get("q_rate") == 1.0


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("% of weekly orders with gift wrap", "%"),
        ("% monthly members with a saved basket", "%"),
        ("Share of invoices paid on time", None),
        ("The share of calls answered within a minute", None),
        ("Number of repeat donors", None),
        ("number of loans returned late", None),
        ("Proportion of meals cooked from surplus stock", None),
        ("Rate of failed card payments", None),
        ("Ratio of mentors to mentees", None),
        ("Percentage of pupils reading at age level", None),
    ],
)
def test_a_bare_measure_name_is_an_amount_left_blank(extract: Extract, text: str, unit: str | None) -> None:
    placeholders = [q for q in extract(text).quantities if q.kind is PH]
    assert len(placeholders) == 1 and placeholders[0].unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "Increase the share of invoices paid on time",
        "Number of repeat donors grows",
        "share of local suppliers goes up",
        "Share our roadmap with the partners",
        "Rate the suppliers on delivery",
        "Count the stock in the back room",
        "Reach 40% of weekly orders with gift wrap",
        "Number of calls with suppliers: 8",
        "Share of invoices paid on time above 90%",
    ],
)
def test_a_measure_name_with_a_direction_or_as_a_verb_is_no_placeholder(extract: Extract, text: str) -> None:
    assert all(q.kind is not PH for q in extract(text).quantities)
