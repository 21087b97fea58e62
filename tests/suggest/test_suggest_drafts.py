"""Drafts from hand-built features: the wording rules, without spaCy or a model."""

from __future__ import annotations

import re

import pytest

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
from krquality.result import Finding, Fix, Severity
from krquality.suggest import Draft, DraftKind, build_drafts

# What metric.no_baseline reports: a draft adds the baseline slot only when it is asked for.
NO_BASELINE = (Finding("KRQ101", "metric.no_baseline", Severity.WARNING, "m", 0, 1),)
NO_TARGET = (Finding("KRQ102", "metric.no_target", Severity.WARNING, "m", 0, 1),)


def span(text: str, part: str, start: int = 0) -> SpanRef:
    at = text.index(part, start)
    return SpanRef(at, at + len(part), part)


def features(
    text: str,
    verb: str | None,
    lemma: str,
    verb_class: VerbClass,
    **kwargs: object,
) -> Features:
    lead = LeadVerb(span(text, verb), lemma, verb_class) if verb is not None else None
    return Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, lead, **kwargs)  # type: ignore[arg-type]


def measure(text: str, part: str) -> tuple[Marker, ...]:
    return (Marker(span(text, part), "measure", part.lower()),)


def texts(drafts: list[Draft]) -> list[str]:
    return [d.text for d in drafts]


def test_vague_aim_becomes_a_metric_with_the_abbreviation() -> None:
    text = "Improve customer satisfaction"
    f = features(text, "Improve", "improve", VerbClass.VAGUE, markers=measure(text, "customer satisfaction"))
    drafts = build_drafts(f, Label.TASK, (), span(text, "customer satisfaction"))
    assert texts(drafts) == ["Increase customer satisfaction (CSAT) from [baseline] to [target] by [date]"]
    assert drafts[0].kind is DraftKind.METRIC
    assert drafts[0].placeholders == ("[baseline]", "[target]", "[date]")


def test_target_without_baseline_gets_a_baseline_slot_and_a_date() -> None:
    text = "Increase NPS to 48"
    target = Quantity(span(text, "48"), QuantityKind.NUMBER, 48.0)
    f = features(
        text,
        "Increase",
        "increase",
        VerbClass.OUTCOME,
        quantities=(target,),
        changes=(Change(span(text, "to 48"), Direction.INCREASE, None, target),),
    )
    assert texts(build_drafts(f, Label.METRIC, NO_BASELINE, span(text, "NPS"))) == [
        "Increase NPS from [baseline] to 48 by [date]"
    ]


def test_launch_gets_a_dated_milestone_and_an_outcome_metric() -> None:
    text = "Launch the mobile app"
    f = features(text, "Launch", "launch", VerbClass.DELIVERABLE)
    drafts = build_drafts(f, Label.MILESTONE, (), span(text, "the mobile app"))
    assert texts(drafts) == [
        "Launch the mobile app by [date]",
        "Reach [target] weekly active users of the mobile app by [date]",
    ]
    assert [d.kind for d in drafts] == [DraftKind.MILESTONE, DraftKind.OUTCOME]


def test_the_authors_date_is_kept() -> None:
    text = "Improve customer satisfaction by end of Q3"
    date = DateRef(span(text, "Q3"), "Q3", True)
    markers = measure(text, "customer satisfaction")
    f = features(text, "Improve", "improve", VerbClass.VAGUE, dates=(date,), markers=markers)
    drafts = build_drafts(f, Label.TASK, (), span(text, "customer satisfaction"))
    assert texts(drafts) == ["Increase customer satisfaction (CSAT) from [baseline] to [target] by end of Q3"]


def test_lower_is_better_measures_are_reduced() -> None:
    text = "Improve churn"
    f = features(text, "Improve", "improve", VerbClass.VAGUE, markers=measure(text, "churn"))
    assert texts(build_drafts(f, Label.TASK, (), span(text, "churn"))) == [
        "Reduce churn from [baseline] to [target] by [date]"
    ]


def test_a_directional_verb_is_kept_as_written() -> None:
    text = "Grow sign-ups"
    f = features(text, "Grow", "grow", VerbClass.OUTCOME)
    assert texts(build_drafts(f, Label.TASK, (), span(text, "sign-ups"))) == [
        "Grow sign-ups from [baseline] to [target] by [date]"
    ]


def test_baseline_without_target_gets_a_target_slot() -> None:
    text = "Increase trial-to-paid conversion from 4%"
    baseline = Quantity(span(text, "4%"), QuantityKind.PERCENT, 4.0, "%")
    f = features(
        text,
        "Increase",
        "increase",
        VerbClass.OUTCOME,
        quantities=(baseline,),
        changes=(Change(span(text, "from 4%"), Direction.INCREASE, baseline, None),),
    )
    assert texts(build_drafts(f, Label.METRIC, NO_TARGET, span(text, "trial-to-paid conversion")))[0] == (
        "Increase trial-to-paid conversion from 4% to [target] by [date]"
    )


def test_continuing_work_on_a_project_becomes_completing_it() -> None:
    text = "Keep working on the billing migration"
    f = features(text, "Keep working on", "keep", VerbClass.ACTIVITY)
    assert texts(build_drafts(f, Label.TASK, (), span(text, "the billing migration"))) == [
        "Complete the billing migration by [date]"
    ]


def test_research_becomes_publishing_its_report() -> None:
    text = "Research competitor pricing"
    f = features(text, "Research", "research", VerbClass.ACTIVITY)
    assert texts(build_drafts(f, Label.TASK, (), span(text, "competitor pricing"))) == [
        "Publish the competitor pricing report by [date]"
    ]


def test_an_activity_with_no_measure_or_end_point_gets_no_draft() -> None:
    text = "Hold weekly pipeline reviews"
    f = features(text, "Hold", "hold", VerbClass.ACTIVITY)
    assert build_drafts(f, Label.TASK, (), span(text, "weekly pipeline reviews")) == []


def test_a_check_fix_is_applied_in_the_edited_draft() -> None:
    text = "Try to launch the portal"
    hedge = Finding("KRQ402", "wording.hedge", Severity.WARNING, "m", 0, 3, Fix(0, 8, "L"))
    f = features(text, "launch", "launch", VerbClass.DELIVERABLE)
    drafts = build_drafts(f, Label.MILESTONE, (hedge,), span(text, "the portal"))
    assert texts(drafts)[0] == "Launch the portal by [date]"


def test_a_measure_marker_lets_an_activity_become_a_metric() -> None:
    text = "Monitor churn"
    marker = Marker(span(text, "churn"), "measure", "churn")
    f = features(text, "Monitor", "monitor", VerbClass.ACTIVITY, markers=(marker,))
    assert texts(build_drafts(f, Label.TASK, (), span(text, "churn"))) == [
        "Reduce churn from [baseline] to [target] by [date]"
    ]


def test_no_object_phrase_still_completes_a_metric_in_place() -> None:
    text = "NPS to 48"
    target = Quantity(span(text, "48"), QuantityKind.NUMBER, 48.0)
    f = features(
        text,
        None,
        "",
        VerbClass.OTHER,
        quantities=(target,),
        changes=(Change(span(text, "to 48"), Direction.REACH, None, target),),
    )
    assert texts(build_drafts(f, Label.METRIC, NO_BASELINE, None)) == ["NPS from [baseline] to 48 by [date]"]


def test_a_number_that_opens_the_key_result_gets_its_baseline_after_it() -> None:
    text = "€1.5M savings on renewals by Q4"
    target = Quantity(span(text, "€1.5M"), QuantityKind.MONEY, 1_500_000.0, "EUR")
    date = DateRef(span(text, "Q4"), "Q4", True)
    f = features(
        text,
        None,
        "",
        VerbClass.OTHER,
        quantities=(target,),
        dates=(date,),
        changes=(Change(span(text, "€1.5M"), Direction.REACH, None, target),),
    )
    expected = ["€1.5M savings on renewals, from [baseline] by Q4"]
    assert texts(build_drafts(f, Label.METRIC, NO_BASELINE, None)) == expected


def test_a_multiplier_gets_a_baseline_before_the_date() -> None:
    text = "Double weekly active teams by Q3"
    date = DateRef(span(text, "Q3"), "Q3", True)
    f = features(text, "Double", "double", VerbClass.MULTIPLIER, dates=(date,))
    assert texts(build_drafts(f, Label.METRIC, (), span(text, "weekly active teams")))[0] == (
        "Double weekly active teams from [baseline] by Q3"
    )


def test_a_multiplier_verb_that_is_its_own_change_gets_a_baseline_after_the_measure() -> None:
    text = "Double weekly active teams by Q3"
    double = Quantity(span(text, "Double"), QuantityKind.MULTIPLIER, 2.0, "x")
    f = features(
        text,
        "Double",
        "double",
        VerbClass.MULTIPLIER,
        quantities=(double,),
        dates=(DateRef(span(text, "by Q3"), "Q3", True),),
        changes=(Change(span(text, "Double"), Direction.INCREASE, None, double, is_relative=True),),
    )
    assert texts(build_drafts(f, Label.METRIC, (), span(text, "weekly active teams"))) == [
        "Double weekly active teams from [baseline] by Q3"
    ]


def test_a_two_word_activity_lemma_is_read_by_its_first_word() -> None:
    text = "Keep working on the billing migration"
    f = features(text, "Keep working", "keep working", VerbClass.ACTIVITY)
    assert texts(build_drafts(f, Label.TASK, (), span(text, "the billing migration"))) == [
        "Complete the billing migration by [date]"
    ]


def test_no_baseline_slot_unless_the_finding_asks_for_one() -> None:
    text = "Keep uptime at 99.9%"
    target = Quantity(span(text, "99.9%"), QuantityKind.PERCENT, 99.9, "%")
    f = features(
        text,
        "Keep",
        "keep",
        VerbClass.OUTCOME,
        quantities=(target,),
        changes=(Change(span(text, "at 99.9%"), Direction.REACH, None, target),),
    )
    uptime = span(text, "uptime")
    assert texts(build_drafts(f, Label.METRIC, (), uptime)) == ["Keep uptime at 99.9% by [date]"]
    assert texts(build_drafts(f, Label.METRIC, NO_BASELINE, uptime)) == [
        "Keep uptime from [baseline] to 99.9% by [date]"
    ]


def test_no_target_slot_where_a_target_is_written_elsewhere() -> None:
    text = "Crash-free sessions 99.8%+ (currently ~99.2%)"
    target = Quantity(span(text, "99.8%"), QuantityKind.PERCENT, 99.8, "%")
    baseline = Quantity(span(text, "99.2%"), QuantityKind.PERCENT, 99.2, "%")
    f = features(
        text,
        None,
        "",
        VerbClass.OTHER,
        quantities=(target, baseline),
        changes=(Change(span(text, "currently ~99.2%"), Direction.REACH, baseline, None),),
    )
    assert texts(build_drafts(f, Label.METRIC, (), None)) == [f"{text} by [date]"]


def test_cut_below_keeps_the_authors_comparison() -> None:
    text = "Cut median support response time below 2 hours"
    target = Quantity(span(text, "2 hours"), QuantityKind.NUMBER, 2.0, "h")
    f = features(
        text,
        "Cut",
        "cut",
        VerbClass.OUTCOME,
        quantities=(target,),
        changes=(Change(span(text, "below 2 hours"), Direction.DECREASE, None, target),),
    )
    assert texts(build_drafts(f, Label.METRIC, NO_BASELINE, span(text, "median support response time"))) == [
        "Cut median support response time from [baseline] to below 2 hours by [date]"
    ]


def test_a_vague_aim_on_something_that_is_not_a_measure_gets_its_usual_measure() -> None:
    text = "Improve the onboarding experience"
    f = features(text, "Improve", "improve", VerbClass.VAGUE)
    assert texts(build_drafts(f, Label.TASK, (), span(text, "the onboarding experience"))) == [
        "Increase onboarding experience satisfaction score from [baseline] to [target] by [date]"
    ]


@pytest.mark.parametrize(
    ("text", "verb", "lemma", "verb_class", "obj"),
    [
        ("Be better at estimating sprint work", "Be", "be", VerbClass.VAGUE, "sprint work"),
        ("Analyze campaign performance", "Analyze", "analyze", VerbClass.ACTIVITY, "campaign performance"),
        ("Hold weekly pipeline reviews", "Hold", "hold", VerbClass.ACTIVITY, "weekly pipeline reviews"),
    ],
)
def test_no_metric_is_made_of_something_that_is_not_measured(
    text: str, verb: str, lemma: str, verb_class: VerbClass, obj: str
) -> None:
    drafts = build_drafts(features(text, verb, lemma, verb_class), Label.TASK, (), span(text, obj))
    assert [d for d in drafts if d.kind is DraftKind.METRIC] == []


def test_a_metric_with_a_plain_verb_is_only_completed_in_place() -> None:
    text = "Bring onboarding completion from 28% to 45%"
    baseline = Quantity(span(text, "28%"), QuantityKind.PERCENT, 28.0, "%")
    target = Quantity(span(text, "45%"), QuantityKind.PERCENT, 45.0, "%")
    f = features(
        text,
        "Bring",
        "bring",
        VerbClass.OTHER,
        quantities=(baseline, target),
        changes=(Change(span(text, "from 28% to 45%"), Direction.INCREASE, baseline, target),),
        markers=measure(text, "onboarding completion"),
    )
    assert texts(build_drafts(f, Label.METRIC, (), span(text, "onboarding completion"))) == [
        "Bring onboarding completion from 28% to 45% by [date]"
    ]


@pytest.mark.parametrize(
    ("text", "verb", "lemma", "verb_class", "label", "obj"),
    [
        (
            "Improve the onboarding experience",
            "Improve",
            "improve",
            VerbClass.VAGUE,
            Label.TASK,
            "the onboarding experience",
        ),
        (
            "Launch the partner portal",
            "Launch",
            "launch",
            VerbClass.DELIVERABLE,
            Label.MILESTONE,
            "the partner portal",
        ),
        ("Optimize checkout", "Optimize", "optimize", VerbClass.VAGUE, Label.TASK, "checkout"),
    ],
)
def test_drafts_invent_no_number(
    text: str, verb: str, lemma: str, verb_class: VerbClass, label: Label, obj: str
) -> None:
    drafts = build_drafts(features(text, verb, lemma, verb_class), label, (), span(text, obj))
    assert drafts
    for draft in drafts:
        assert re.findall(r"\d", draft.text) == []


def test_a_writing_task_becomes_the_published_text() -> None:
    # The label is given: whether the model reads the line as a task or a deliverable moves with
    # the training data, the rule for a task does not.
    text = "Write up the volunteer rota rules"
    f = features(text, "Write up", "write up", VerbClass.DELIVERABLE)
    drafts = build_drafts(f, Label.TASK, (), span(text, "the volunteer rota rules"))
    assert "Publish the volunteer rota rules by [date]" in texts(drafts)


def test_a_process_named_without_a_verb_is_dated_as_done_when_it_is_a_task() -> None:
    text = "Archive restructuring"
    f = Features(text, SpanRef(0, len(text), text), Form.NOUN_PHRASE, None)
    assert texts(build_drafts(f, Label.TASK, (), None)) == ["Complete the archive restructuring by [date]"]
    # read as a milestone, the name is dated as it is
    assert texts(build_drafts(f, Label.MILESTONE, (), None)) == ["Archive restructuring by [date]"]


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        # a floor rises to its level, whatever word of limits the text has
        ("At least 70% of funded pantries hit their milestones within the agreed time period", "up"),
        # a cap is held from above
        ("Under 10% of orders are refunded within 30 days", "down"),
    ],
)
def test_the_baseline_slot_follows_the_level_s_direction(text: str, slot: str) -> None:
    import krquality

    drafts = [s.text for s in krquality.analyze(text).suggestions]
    assert any(d.endswith(f", {slot} from [baseline]") for d in drafts), drafts
