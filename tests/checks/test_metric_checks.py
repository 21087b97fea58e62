"""Metric checks on hand-built features."""

from __future__ import annotations

import pytest

from krquality.checks.metric import METRIC_NO_DEADLINE, NO_BASELINE, NO_TARGET, NO_UNIT, OUTPUT_COUNT
from krquality.config import Config
from krquality.features.types import Direction as D
from krquality.features.types import QuantityKind as Q
from krquality.features.types import VerbClass as V
from krquality.labels import Label

from .contexts import real_context

M = Label.METRIC


def found(check, context):
    return list(check.detect(context))


def test_a_target_without_a_baseline_points_at_the_change(kr) -> None:
    context = kr(
        "Increase NPS to 48",
        M,
        lead=("increase", V.OUTCOME),
        quantities=[("48", Q.NUMBER, 48.0)],
        changes=[("to 48", D.INCREASE, None, "48")],
    )
    (finding,) = found(NO_BASELINE, context)
    assert (finding.code, context.text[finding.start : finding.end]) == ("KRQ101", "to 48")


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Increase NPS from 41 to 48",
            {
                "quantities": [("41", Q.NUMBER, 41.0), ("48", Q.NUMBER, 48.0)],
                "changes": [("from 41 to 48", D.INCREASE, "41", "48")],
            },
        ),
        (
            "Keep churn below 2%",
            {
                "quantities": [("2%", Q.PERCENT, 2.0, "%")],
                "changes": [("below 2%", D.KEEP_BELOW, None, "2%")],
            },
        ),
        ("Sign 12 new reseller partners", {"quantities": [("12", Q.NUMBER, 12.0)]}),
    ],
)
def test_no_baseline_passes(kr, text, parts) -> None:
    assert found(NO_BASELINE, kr(text, M, lead=("increase", V.OUTCOME), **parts)) == []


def test_a_multiplier_asks_for_the_starting_value(kr) -> None:
    context = kr(
        "Double weekly active teams",
        M,
        lead=("double", V.MULTIPLIER),
        quantities=[("Double", Q.MULTIPLIER, 2.0, "x")],
    )
    (finding,) = found(NO_BASELINE, context)
    assert "relative to a starting value" in finding.message


def test_no_baseline_ignores_other_labels(kr) -> None:
    context = kr("Increase NPS to 48", Label.TASK, quantities=[("48", Q.NUMBER, 48.0)])
    assert found(NO_BASELINE, context) == []


def test_a_metric_with_only_a_baseline_has_no_target(kr) -> None:
    context = kr(
        "Increase conversion from 4%",
        M,
        lead=("increase", V.OUTCOME),
        quantities=[("4%", Q.PERCENT, 4.0, "%")],
        changes=[("from 4%", D.INCREASE, "4%", None)],
    )
    (finding,) = found(NO_TARGET, context)
    assert finding.severity.value == "error"
    assert context.text[finding.start : finding.end] == "from 4%"


def test_a_placeholder_target_is_still_a_target(kr) -> None:
    context = kr(
        "Increase NPS to X",
        M,
        quantities=[("X", Q.PLACEHOLDER, None)],
        changes=[("to X", D.INCREASE, None, "X")],
    )
    assert found(NO_TARGET, context) == []


def test_a_bare_number_on_latency_needs_a_unit(kr) -> None:
    context = kr(
        "Reduce latency to 200",
        M,
        lead=("reduce", V.OUTCOME),
        quantities=[("200", Q.NUMBER, 200.0)],
        changes=[("to 200", D.DECREASE, None, "200")],
    )
    (finding,) = found(NO_UNIT, context)
    assert context.text[finding.start : finding.end] == "200"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Reduce latency to 200 ms", "ms"),
        ("Reduce latency to 200 millis", None),
        ("Increase NPS to 200", None),
    ],
)
def test_no_unit_passes_with_a_unit_or_a_unitless_measure(kr, text, unit) -> None:
    context = kr(
        text, M, quantities=[("200", Q.NUMBER, 200.0, unit)], changes=[("to 200", D.DECREASE, None, "200")]
    )
    assert found(NO_UNIT, context) == []


def test_a_unit_on_the_baseline_carries_over(kr) -> None:
    context = kr(
        "Reduce latency from 400 ms to 200",
        M,
        quantities=[("400", Q.NUMBER, 400.0, "ms"), ("200", Q.NUMBER, 200.0)],
        changes=[("from 400 ms to 200", D.DECREASE, "400", "200")],
    )
    assert found(NO_UNIT, context) == []


def test_a_count_of_published_posts_is_an_output(kr) -> None:
    context = kr(
        "Publish 12 blog posts by June",
        M,
        lead=("publish", V.DELIVERABLE),
        quantities=[("12", Q.NUMBER, 12.0)],
    )
    (finding,) = found(OUTPUT_COUNT, context)
    assert context.text[finding.start : finding.end] == "Publish 12 blog posts"


def test_configured_activity_verbs_count_as_output_verbs(kr) -> None:
    # ("collect" gets things from others; configured as an activity verb, what it counts is work)
    parts = {"lead": ("collect", V.OTHER), "quantities": [("30", Q.NUMBER, 30.0)]}
    assert found(OUTPUT_COUNT, kr("Collect 30 ideas", M, **parts)) == []
    config = Config(activity_verbs=("collect",))
    assert len(found(OUTPUT_COUNT, kr("Collect 30 ideas", M, config=config, **parts))) == 1


def test_one_deliverable_is_not_an_output_count(kr) -> None:
    context = kr(
        "Publish 1 migration guide", M, lead=("publish", V.DELIVERABLE), quantities=[("1", Q.NUMBER, 1.0)]
    )
    assert found(OUTPUT_COUNT, context) == []


def test_a_metric_without_a_date_gets_information(kr) -> None:
    assert [f.severity.value for f in found(METRIC_NO_DEADLINE, kr("Increase NPS to 48", M))] == ["info"]
    dated = kr("Increase NPS to 48 by Q3", M, dates=[("by Q3", "Q3", True)])
    assert found(METRIC_NO_DEADLINE, dated) == []


def test_no_target_stays_quiet_when_a_number_was_not_parsed(kr) -> None:
    text = "Community members on Discord from 3k to 8k"
    context = kr(
        text, M, quantities=[("3k", Q.NUMBER, 3000.0)], changes=[("from 3k", D.INCREASE, "3k", None)]
    )
    assert found(NO_TARGET, context) == []


@pytest.mark.parametrize(
    "text", ["Complete my first Ironman 70.3", "Complete the 30-day yoga challenge", "Publish our 2 guides"]
)
def test_output_count_needs_the_count_as_the_verbs_object(kr, text) -> None:
    number = next(w for w in text.replace("-", " ").split() if w[0].isdigit())
    context = kr(text, M, lead=("complete", V.DELIVERABLE), quantities=[(number, Q.NUMBER, float(number))])
    assert found(OUTPUT_COUNT, context) == []


def test_no_unit_is_quiet_for_counts_and_ratios(kr) -> None:
    text = "Cut the median number of clicks to share a report from 6 to 2"
    context = kr(
        text,
        M,
        quantities=[("6", Q.NUMBER, 6.0), ("2", Q.NUMBER, 2.0)],
        changes=[("from 6 to 2", D.DECREASE, "6", "2")],
    )
    assert found(NO_UNIT, context) == []


@pytest.mark.parametrize(
    "text",
    [
        "Diner sentiment above 30 NPS",
        "18+ average turnout at the Thursday choir",
        "Median wait for a repair visit under 5 days",
        "90 weekly riders of the community minibus",
        "12 carers using the respite booking page every week",
        "Ensure at least 40% of the jurors are first-time volunteers",
    ],
)
def test_a_level_of_a_score_an_average_or_active_people_needs_a_baseline(feature_nlp, text: str) -> None:
    assert [f.code for f in found(NO_BASELINE, real_context(feature_nlp, text))] == ["KRQ101"]


@pytest.mark.parametrize(
    "text",
    [
        "All 6 ferries and 2 tugs are inspected every month",
        "one check-in call per month for every tenant on the list",
        "25 new carers join the respite scheme",
        "Sign 9 new community sponsors",
    ],
)
def test_things_serviced_a_rate_of_work_and_counts_from_zero_need_no_baseline(feature_nlp, text: str) -> None:
    assert found(NO_BASELINE, real_context(feature_nlp, text)) == []


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # a state sentence naming no measure: nothing to give a number to
        ("[Ledger](https://example.org/ledger) has a named maintainer again", False),
        ("The booking kiosk is live in every branch", False),
        # a measure named, or a vague comparison: the number to reach is missing
        ("Customer satisfaction with the help desk is higher", True),
        ("Increase repeat orders from 12%", True),
    ],
)
def test_no_target_asks_only_where_a_measure_is_named(feature_nlp, text: str, flags: bool) -> None:
    assert bool(found(NO_TARGET, real_context(feature_nlp, text))) is flags


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # a range or a joined word is read on to the counted thing
        ("Hold 2-3 pop-up tastings for new customers", "Hold 2-3 pop-up tastings"),
        ("Write 3 recipe/menu guides", "Write 3 recipe/menu guides"),
        ("Run 4 baking + pastry demo evenings", "Run 4 baking + pastry demo evenings"),
        ("8 craft talks / repair workshops held by the youth club", "8 craft talks / repair workshops"),
        # a plain count keeps its span, and stops before the date
        ("Publish 12 blog posts by June", "Publish 12 blog posts"),
    ],
)
def test_an_output_count_span_covers_the_whole_count(feature_nlp, text: str, span: str) -> None:
    (finding,) = found(OUTPUT_COUNT, real_context(feature_nlp, text))
    assert text[finding.start : finding.end] == span
    assert f"'{span}'" in finding.message


@pytest.mark.parametrize(
    ("text", "code", "span"),
    [
        # the window a measure is read over is no target: the target is missing, or elsewhere
        ("Raise the number of library card holders (active in a rolling 30-day window)", "KRQ102", "Raise"),
        ("Grow weekly active members (7-day window) to 400", "KRQ101", "to 400"),
        ("Raise 30-day retention to 60% by June", "KRQ101", "to 60%"),
    ],
)
def test_a_window_of_days_is_not_the_target(text: str, code: str, span: str) -> None:
    import krquality

    findings = krquality.analyze(text, suggestions=False).findings
    assert [text[f.start : f.end] for f in findings if f.code == code] == [span]
    assert all(text[f.start : f.end] not in {"7", "30"} for f in findings)
