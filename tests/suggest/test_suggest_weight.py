"""A draft that only fills slots (a date, a baseline) is offered only when what it leaves
is no weightier than what it fills. Every example is written for these tests."""

from __future__ import annotations

import pytest

import krquality
from krquality.result import Finding, Severity
from krquality.suggest.weight import finding_weight, weightier_left


def _f(code: str, name: str, severity: Severity) -> Finding:
    return Finding(code, name, severity, "", 0, 1)


_DATE_INFO = _f("KRQ105", "metric.no_deadline", Severity.INFO)
_DATE_WARN = _f("KRQ201", "milestone.no_deadline", Severity.WARNING)
_TARGET = _f("KRQ102", "metric.no_target", Severity.ERROR)
_ACTIVITY = _f("KRQ301", "task.activity", Severity.WARNING)
_TAG = _f("KRQ410", "wording.metadata", Severity.INFO)
_UNIT = _f("KRQ103", "metric.no_unit", Severity.WARNING)
_VAGUE = _f("KRQ401", "wording.vague", Severity.WARNING)


def test_weights_order_kinds_within_a_severity() -> None:
    assert finding_weight(_TAG) < finding_weight(_DATE_INFO) < finding_weight(_DATE_WARN)
    assert finding_weight(_DATE_WARN) < finding_weight(_ACTIVITY) == finding_weight(_TARGET)


@pytest.mark.parametrize(
    ("original", "fixes", "left", "expected"),
    [
        # a date on a state with no target: the missing target stays and weighs more
        ([_DATE_INFO, _TARGET], ["KRQ105"], [_TARGET], "metric.no_target"),
        # a tag taken off and a date added to an activity, which stays
        ([_TAG, _ACTIVITY, _DATE_WARN], ["KRQ410", "KRQ201"], [_ACTIVITY], "task.activity"),
        # a vague word kept beside a date
        ([_VAGUE, _DATE_WARN], ["KRQ201"], [_VAGUE], "wording.vague"),
        # a new error the filled draft brings counts too (dated, the task reads as a metric) ...
        ([_ACTIVITY, _DATE_INFO], ["KRQ105"], [_TARGET], "metric.no_target"),
        # ... but not where the draft mends more than slots
        ([_ACTIVITY, _DATE_INFO], ["KRQ105", "KRQ301"], [_TARGET], None),
        # negatives: what stays is form, or nothing, or the draft fixes more than slots
        ([_DATE_INFO, _UNIT], ["KRQ105"], [_UNIT], None),
        ([_TAG, _DATE_WARN], ["KRQ201"], [_TAG], None),
        ([_ACTIVITY, _DATE_INFO], ["KRQ105"], [], None),
        ([_VAGUE, _DATE_WARN], ["KRQ401", "KRQ201"], [], None),
        # a warning the re-tagged draft raises but the key result did not have is not counted
        ([_DATE_WARN], ["KRQ201"], [_f("KRQ403", "wording.compound", Severity.WARNING)], None),
    ],
)
def test_weightier_left(
    original: list[Finding], fixes: list[str], left: list[Finding], expected: str | None
) -> None:
    found = weightier_left(original, fixes, left)
    assert (found.name if found is not None else None) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "offered"),
    [
        # "improve" some of them, with no level to reach: a date leaves the missing target
        ("Improve 4 of the longest waits at the pharmacy counter", False),
        ("Improve 2 of the slowest checkout steps in the web shop", False),
        # a move or a state a date completes: still offered
        ("Migrate the clinic rota to the new scheduling app", True),
        ("All new drivers complete a standard road safety course", True),
    ],
)
def test_date_only_drafts(text: str, offered: bool) -> None:
    result = krquality.analyze(text)
    dated = [s for s in result.suggestions if s.text == f"{text} by [date]"]
    assert bool(dated) is offered
    if not offered:
        assert "weighs more" in result.no_suggestion


# -- where a baseline slot goes, and levels that take none ---------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        # inside a phrase counting things: the number counts the fairs, it is no level
        ("Guild members at 3 large (500+ visitors) fairs", "from [baseline] to 3"),
        # between a count and its rate
        ("3x pottery sessions per week", "from [baseline] per"),
        # a rank, a tolerance, all of a set: met or not, from no start
        ("1 recipe video reaches top 10 on the cooking charts", "[baseline]"),
        ("Catering spend ends up +/- 10% of budget", "[baseline]"),
        ("Answer 100% queries from tenants within a day", "[baseline]"),
        ("100% of stall holders have a signed lease", "[baseline]"),
        # a zero after the thing it names: a state, reached or not
        ("Quick kitchen clean & inbox zero every day", "[baseline]"),
    ],
)
def test_no_baseline_slot_where_it_garbles_or_means_nothing(text: str, garbled: str) -> None:
    assert all(garbled not in s.text for s in krquality.analyze(text).suggestions)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "draft"),
    [
        # a level of a measure: today's value still has a place before the amount
        ("Increase test coverage of the payroll export to 100%", "from [baseline] to 100%"),
        ("Bed occupancy at 85% across the ward", "from [baseline] to 85% across"),
        ("Volunteer drivers at 40 across the county", "from [baseline] to 40 across"),
        ("Pipeline 3x coverage going into Q3", "3x coverage from [baseline]"),
        # a zero the measure is brought to is a level
        ("Bring open faults to zero", "from [baseline] to zero"),
        ("Defects at zero across the line", "from [baseline] to zero across"),
    ],
)
def test_baseline_slot_kept_before_a_level(text: str, draft: str) -> None:
    assert any(draft in s.text for s in krquality.analyze(text).suggestions)


@pytest.mark.slow
def test_a_set_covered_in_full_keeps_its_date_only_draft() -> None:
    # the missing baseline of "100% of ..." is no gap left, so the dated draft is offered
    texts = [s.text for s in krquality.analyze("100% of stall holders have a signed lease").suggestions]
    assert "100% of stall holders have a signed lease by [date]" in texts
