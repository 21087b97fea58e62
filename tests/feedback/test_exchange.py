"""The JSON-lines export of corrections: a round trip, and bad lines reported without losing the rest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krquality.errors import FeedbackStoreError
from krquality.feedback import CorrectedLabel, Correction, Source
from krquality.feedback.exchange import from_json, load_corrections, read_jsonl, to_json, write_jsonl

corrections = st.builds(
    Correction,
    id=st.integers(1, 10**9),
    created_at=st.datetimes(timezones=st.just(UTC)),
    text=st.text(min_size=1, max_size=80).filter(str.strip),
    label=st.sampled_from(CorrectedLabel),
    user=st.text(min_size=1, max_size=20),
    source=st.sampled_from(Source),
    model_label=st.none() | st.sampled_from(["metric", "milestone", "task"]),
    reason=st.none() | st.text(max_size=40),
    suggestion_accepted=st.none() | st.booleans(),
    rejected_checks=st.lists(st.from_regex(r"KRQ\d{3}", fullmatch=True), max_size=3).map(tuple),
)


@given(corrections)
def test_to_json_and_back_is_the_same_correction(correction: Correction) -> None:
    assert from_json(to_json(correction)) == correction


def test_a_bad_line_is_reported_and_the_others_kept(tmp_path: Path) -> None:
    good = Correction(
        "Close the Leeds office",
        CorrectedLabel.MILESTONE,
        "u",
        Source.CLI,
        id=1,
        created_at=datetime(2026, 2, 2, tzinfo=UTC),
    )
    path = tmp_path / "c.jsonl"
    lines = [*write_jsonl([good]), "{not json\n", '{"id": 2, "text": "x"}\n', "\n", *write_jsonl([good])]
    path.write_text("".join(lines), encoding="utf-8")
    problems: list[str] = []
    read = read_jsonl(path, on_error=problems.append)
    assert read == [good, good]
    assert [p.split(": ")[0] for p in problems] == [f"{path}:2", f"{path}:3"]


def test_a_missing_export_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FeedbackStoreError, match=r"cannot read .*missing\.jsonl"):
        load_corrections(str(tmp_path / "missing.jsonl"))
