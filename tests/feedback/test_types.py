"""A stored correction is the correction as given plus its id and time."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krquality.feedback.types import CorrectedLabel, Correction, NewCorrection, Source, stored

new_corrections = st.builds(
    NewCorrection,
    text=st.text(min_size=1, max_size=40),
    label=st.sampled_from(CorrectedLabel),
    user=st.text(min_size=1, max_size=10),
    source=st.sampled_from(Source),
    model_label=st.none() | st.sampled_from(["metric", "milestone", "task"]),
    model_probabilities=st.none() | st.dictionaries(st.sampled_from(["metric", "task"]), st.floats(0, 1)),
    model_version=st.none() | st.text(max_size=10),
    reason=st.none() | st.text(max_size=20),
    suggestion=st.none() | st.text(max_size=20),
    suggestion_accepted=st.none() | st.booleans(),
    rejected_checks=st.lists(st.from_regex(r"KRQ\d{3}", fullmatch=True), max_size=3).map(tuple),
)


@given(new_corrections, st.integers(1, 2**62), st.datetimes(timezones=st.just(UTC)))
def test_stored_keeps_every_field_given_and_adds_id_and_time(
    new: NewCorrection, id_: int, at: datetime
) -> None:
    correction = stored(new, id=id_, created_at=at)
    for f in dataclasses.fields(NewCorrection):
        assert getattr(correction, f.name) == getattr(new, f.name)
    assert (correction.id, correction.created_at) == (id_, at)


def test_a_correction_has_the_fields_of_a_new_one_then_id_and_time() -> None:
    names = [f.name for f in dataclasses.fields(Correction)]
    assert names == [f.name for f in dataclasses.fields(NewCorrection)] + ["id", "created_at"]


def test_id_and_time_are_required_keywords() -> None:
    with pytest.raises(TypeError, match="id"):
        Correction("Open the depot", CorrectedLabel.MILESTONE, "u", Source.CLI)  # type: ignore[call-arg]
