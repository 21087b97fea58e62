"""Milestone and task checks on hand-built features."""

from __future__ import annotations

import pytest
from spacy.language import Language

from krquality.checks.base import CheckContext
from krquality.checks.milestone import NO_DEADLINE, PERCENT_COMPLETE
from krquality.checks.task import ACTIVITY, TASK_NO_DEADLINE, names_one_deliverable
from krquality.config import Config
from krquality.features.types import Form
from krquality.features.types import QuantityKind as Q
from krquality.features.types import VerbClass as V
from krquality.labels import Label

from .contexts import real_context


def found(check, context):
    return list(check.detect(context))


def test_a_milestone_without_a_date_is_a_warning(kr) -> None:
    (finding,) = found(NO_DEADLINE, kr("Launch the partner portal", Label.MILESTONE))
    assert (finding.code, finding.severity.value, finding.start, finding.end) == ("KRQ201", "warning", 0, 25)


def test_a_time_frame_is_enough_for_a_milestone(kr) -> None:
    context = kr("Launch the partner portal in Q3", Label.MILESTONE, dates=[("in Q3", "Q3", False)])
    assert found(NO_DEADLINE, context) == []


def test_a_metric_is_not_a_milestone_without_a_date(kr) -> None:
    assert found(NO_DEADLINE, kr("Increase NPS to 48", Label.METRIC)) == []


def test_complete_100_percent_of_is_fixed_by_dropping_it(kr, fixed) -> None:
    text = "Complete 100% of the migration"
    context = kr(
        text, Label.METRIC, lead=("complete", V.DELIVERABLE), quantities=[("100%", Q.PERCENT, 100.0, "%")]
    )
    (finding,) = found(PERCENT_COMPLETE, context)
    assert fixed(text, finding) == "Complete the migration"


def test_a_partial_percentage_of_work_has_no_automatic_fix(kr) -> None:
    text = "Finish 80% of the warehouse build"
    context = kr(
        text, Label.METRIC, lead=("finish", V.DELIVERABLE), quantities=[("80%", Q.PERCENT, 80.0, "%")]
    )
    (finding,) = found(PERCENT_COMPLETE, context)
    assert finding.fix is None


def test_a_coverage_percentage_is_not_percent_complete(kr) -> None:
    context = kr(
        "Raise test coverage to 80%",
        Label.METRIC,
        lead=("raise", V.OUTCOME),
        quantities=[("80%", Q.PERCENT, 80.0, "%")],
    )
    assert found(PERCENT_COMPLETE, context) == []


def test_a_task_is_flagged_at_its_activity_phrase(kr) -> None:
    text = "Keep working on the billing migration"
    context = kr(
        text, Label.TASK, lead=("keep", V.ACTIVITY), markers=[("Keep working on", "activity", "keep work on")]
    )
    (finding,) = found(ACTIVITY, context)
    assert text[finding.start : finding.end] == "Keep working on"
    assert "'Keep working on' says what you will do" in finding.message


def test_an_activity_verb_flags_even_when_the_model_says_milestone(kr) -> None:
    context = kr("Hold weekly pipeline reviews", Label.MILESTONE, lead=("hold", V.ACTIVITY))
    assert [f.code for f in found(ACTIVITY, context)] == ["KRQ301"]


def test_configured_activity_verbs_are_activities(kr) -> None:
    # ("socialize" is read as work that goes on without any setting: a verb the built-in lists lack)
    parts = {"lead": ("demo", V.OTHER)}
    assert found(ACTIVITY, kr("Demo the roadmap", Label.MILESTONE, **parts)) == []
    config = Config(activity_verbs=("demo",))
    assert len(found(ACTIVITY, kr("Demo the roadmap", Label.MILESTONE, config=config, **parts))) == 1


def test_a_task_without_a_date_gets_information(kr) -> None:
    assert [f.severity.value for f in found(TASK_NO_DEADLINE, kr("Help sales with demos", Label.TASK))] == [
        "info"
    ]


def test_the_document_cycle_dates_key_results_that_name_no_date(kr) -> None:
    from dataclasses import replace

    from krquality.checks.metric import METRIC_NO_DEADLINE

    cases = [
        (NO_DEADLINE, "Open the harbour ferry route", Label.MILESTONE),
        (TASK_NO_DEADLINE, "Help the volunteers with rotas", Label.TASK),
        (METRIC_NO_DEADLINE, "Raise ferry punctuality from 81% to 90%", Label.METRIC),
    ]
    for check, text, label in cases:
        context = kr(text, label)
        assert found(check, context), check.name
        assert found(check, replace(context, cycle="Q2 2026")) == [], check.name


def test_a_state_reached_is_not_an_activity_even_if_read_as_a_task(kr) -> None:
    assert found(ACTIVITY, kr("Coaches are able to book rooms themselves", Label.TASK, form=Form.STATE)) == []


def test_a_state_sentence_with_a_verb_of_ongoing_work_is_an_activity(kr) -> None:
    (finding,) = found(ACTIVITY, kr("The team works on the backlog", Label.TASK, form=Form.STATE))
    assert finding.code == "KRQ301"


@pytest.mark.parametrize(
    "text", ["Card payments work on every till in the shop", "Uploads work on all tablets"]
)
def test_a_thing_that_works_on_a_whole_set_is_a_state(kr, text: str) -> None:
    assert found(ACTIVITY, kr(text, Label.TASK, form=Form.STATE)) == []
    (finding,) = found(ACTIVITY, kr("Volunteers work on the tool library rota", Label.TASK, form=Form.STATE))
    assert finding.code == "KRQ301"


@pytest.mark.parametrize(
    "text",
    [
        "Document the cold-chain rules for the harbour depot",
        "Shared register of loaned tools the caretakers are tracking",
        "Work with the rangers to produce a visitor plan",
        "Host a tasting evening for the new menu",
        "Build a map of what the wardens are patrolling",
    ],
)
def test_a_task_naming_one_deliverable_gets_the_milestone_date_warning_not_the_task_note(
    feature_nlp, text: str
) -> None:
    context = real_context(feature_nlp, text, Label.TASK)
    assert names_one_deliverable(context)
    assert [f.code for f in found(NO_DEADLINE, context)] == ["KRQ201"]
    assert found(TASK_NO_DEADLINE, context) == []
    assert found(ACTIVITY, context) == []


@pytest.mark.parametrize(
    "text",
    [
        "Help the sales team with demos",
        "Draft house rules as the co-op grows",
        "Identify leaks whenever the meters show a spike",
        "Build our volunteer brand",
        "writing leaflets for the tenants' meeting",
        "develop more recipes for the cookbook",
        "Reduce missed bin collections",
        "Tenants can book laundry slots online",
    ],
)
def test_work_with_no_end_a_measure_or_a_state_is_not_read_as_one_deliverable(feature_nlp, text: str) -> None:
    context = real_context(feature_nlp, text, Label.TASK)
    assert not names_one_deliverable(context)
    assert found(NO_DEADLINE, context) == []
    assert [f.code for f in found(TASK_NO_DEADLINE, context)] == ["KRQ302"]


def test_only_a_task_is_read_as_one_deliverable_by_this_predicate(feature_nlp) -> None:
    text = "Document the cold-chain rules for the harbour depot"
    assert not names_one_deliverable(real_context(feature_nlp, text, Label.METRIC))


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # An "-ing" subject with a clause or an aside before its verb: the pipeline reads a lead
        # verb, the check's own looser rule still reads a state reached.
        ("Coaching notes which are shared are agreed", False),
        ("Visiting drills, while busy, are done", False),
        ("Coaching new referees every week", True),  # the "-ing" word is the work
    ],
)
def test_an_ing_subject_of_a_state_is_not_an_activity(
    feature_nlp: Language, text: str, flagged: bool
) -> None:
    doc = feature_nlp(text)
    context = CheckContext(
        text=text,
        doc=doc,
        features=doc._.krq_features,
        label=Label.TASK,
        probabilities={"task": 1.0},
        config=Config(),
    )
    assert bool(found(ACTIVITY, context)) is flagged


def test_a_verb_in_an_indirect_question_is_not_the_activity_quoted(feature_nlp) -> None:
    # "promoting" says what the measures are about; the key result's own verb is "Create"
    context = real_context(
        feature_nlp, "Create measures for how well we are promoting the harvest fair", Label.TASK
    )
    quoted = [context.text[f.start : f.end] for f in found(ACTIVITY, context)]
    assert "promoting" not in quoted


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # a gerund before a noun names a thing; the activity is elsewhere
        ("Stewards reviewing supporting notes for every new tenant", "reviewing"),
        ("Tidy rota and supporting notes", "Tidy rota and supporting notes"),
    ],
)
def test_the_activity_quoted_is_not_a_gerund_naming_a_thing(feature_nlp, text: str, quoted: str) -> None:
    findings = found(ACTIVITY, real_context(feature_nlp, text, Label.TASK))
    assert [text[f.start : f.end] for f in findings] == [quoted]
