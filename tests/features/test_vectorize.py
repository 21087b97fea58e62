"""The engineered feature dict the classifier reads."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
from krquality.features.vectorize import MEASURES, count_kind, feature_dict, normalized_text


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


def test_a_one_in_every_place_is_a_coverage_not_a_count_of_one() -> None:
    for text in (
        "One first-aider on every shift",
        "1 release per sprint",
        "one mentor for each new joiner",
        "Publish one data story a week",
    ):
        word = next(w for w in text.split() if w.lower() in ("one", "1"))
        start = text.index(word)
        q = Quantity(SpanRef(start, start + len(word), word), QuantityKind.NUMBER, 1.0)
        features = feature_dict(_features(text, quantities=(q,)))
        assert features.get("q_one_coverage") == 1.0, text
        assert "q_only_one" not in features, text
    # A coverage word past the clause does not count: "Hire 1 designer; review every PR".
    q = Quantity(SpanRef(5, 6, "1"), QuantityKind.NUMBER, 1.0)
    assert feature_dict(_features("Hire 1 designer; review every PR", quantities=(q,)))["q_only_one"] == 1.0


@given(
    st.integers(0, 10_000).filter(lambda n: n != 1),
    st.sampled_from(["Hire {} nurses", "Ship v{}", "KR {}.2 done"]),
)
def test_only_a_standalone_one_keeps_its_value_in_the_ngram_text(n: int, template: str) -> None:
    masked = normalized_text(_features(template.format(n)))
    assert not any(c.isdigit() and c != "0" for c in masked)


def test_a_one_inside_a_number_or_name_is_masked() -> None:
    assert normalized_text(_features("Hire 1 nurse by Q1")) == "hire 1 nurse by q0"
    assert (
        normalized_text(_features("Cut p95 from 1.5s to 1s, 1-2 days")) == "cut p0 from 0.0s to 0s, 0-0 days"
    )


def test_a_one_with_a_unit_of_measure_is_a_threshold_not_a_count_of_one() -> None:
    q = Quantity(SpanRef(14, 19, "1 day"), QuantityKind.NUMBER, 1.0, "d")
    assert "q_only_one" not in feature_dict(_features("Merge time: 1 day", quantities=(q,)))


def test_the_units_of_measure_are_the_quantity_lexicons() -> None:
    units = json.loads((files("krquality.nlp") / "data" / "quantities.json").read_text())["units"]
    assert set(units.values()) == MEASURES


def test_deadlines_are_told_apart_from_time_frames() -> None:
    text = "Launch in Q3"
    date = DateRef(SpanRef(10, 12, "Q3"), "Q3", is_deadline=False)
    out = feature_dict(_features(text, dates=(date,)))
    assert out["has_date"] == 1.0 and "has_deadline" not in out


def _percent_at(text: str, written: str) -> Quantity:
    start = text.index(written)
    return Quantity(
        SpanRef(start, start + len(written), written), QuantityKind.PERCENT, float(written.strip("~%")), "%"
    )


@pytest.mark.parametrize(
    ("text", "written", "note"),
    [
        # A progress report on the work: a note, out of the quantity count.
        ("Finish the ERP cutover (currently ~60% done) before fiscal year close", "~60%", True),
        ("Keep chipping away at the data migration, now about 40% through", "40%", True),
        ("Dispensing robot rolled out [status: on track, ~60% done]", "~60%", True),
        # "N% done" as the level to reach stays a quantity.
        ("Postgres upgrade 60% complete (by cluster count)", "60%", False),
        ("Budget uploads 90% done before kickoff", "90%", False),
        ("Get the remediation to 90% done before the audit", "90%", False),
    ],
)
def test_a_percent_that_reports_progress_is_a_note(text: str, written: str, note: bool) -> None:
    features = feature_dict(_features(text, quantities=(_percent_at(text, written),)))
    expected = (1.0, 0.0) if note else (None, 1.0)
    assert (features.get("q_progress_note"), features["n_quantities"]) == expected


def _counted(text: str, number: str, value: float, unit: str | None) -> tuple[Features, Quantity]:
    start = text.index(number)
    q = Quantity(SpanRef(start, start + len(number), number), QuantityKind.NUMBER, value, unit)
    return _features(text, quantities=(q,)), q


@pytest.mark.parametrize(
    ("text", "number", "value", "unit", "kind"),
    [
        ("Explore 5 CSS techniques", "5", 5.0, "techniques", "open"),
        ("Partner with 12 museums on loans", "12", 12.0, "museums", "open"),
        ("Coach the four shift leads", "four", 4.0, "leads", "scope"),
        ("Check in with all 40 key accounts", "40", 40.0, "accounts", "scope"),
        ("Hire 1 designer", "1", 1.0, "designer", None),  # one is a yes/no
        ("Pick a Big 4 firm", "4", 4.0, "firm", None),  # a singular noun: a name
        ("2027 territories loaded", "2027", 2027.0, "territories", None),  # a year
        ("Cut load time to 3 s", "3", 3.0, "s", None),  # a measure
    ],
)
def test_counts_of_things(text: str, number: str, value: float, unit: str | None, kind: str | None) -> None:
    features, q = _counted(text, number, value, unit)
    assert count_kind(text, q) == kind
    out = feature_dict(features)
    assert (f"q_count={kind}" in out) is (kind is not None)
    assert not (kind is not None and f"q_count={'scope' if kind == 'open' else 'open'}" in out)


@given(
    n=st.integers(min_value=2, max_value=1899),
    noun=st.sampled_from(["workshops", "partners", "schools", "prototypes"]),
    verb=st.sampled_from(["Run", "Explore", "Support", "Oversee", "Build"]),
)
def test_an_open_count_is_open_whatever_the_verb_and_a_definite_one_is_a_scope(
    n: int, noun: str, verb: str
) -> None:
    for text, kind in ((f"{verb} {n} {noun}", "open"), (f"{verb} the {n} {noun}", "scope")):
        features, q = _counted(text, str(n), float(n), noun)
        assert count_kind(text, q) == kind
        out = feature_dict(features)
        assert out[f"q_count={kind}"] == 1.0
        assert out[f"q_count_{kind}_after=imperative"] == 1.0  # no lead verb given: the form
