"""A bare measure name ("share of X", "% of X", "# of X") is a metric whose number to reach is
missing (metric.no_target), not a placeholder left in (wording.placeholder)."""

from __future__ import annotations

import pytest

import krquality


def _codes(text: str) -> set[str]:
    return {f.code for f in krquality.analyze(text, suggestions=False).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Share of ferry crossings leaving on time",
        "% of weekly veg boxes packed without plastic",
        "Number of regulars at the Tuesday quiz",
        "# of members renewing online",
    ],
)
def test_a_bare_measure_name_lacks_a_target_and_is_no_placeholder(text: str) -> None:
    codes = _codes(text)
    assert "KRQ102" in codes and "KRQ406" not in codes


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("Share of ferry crossings leaving on time above 95%", False),
        ("Raise the share of ferry crossings leaving on time from X to Y", True),
    ],
)
def test_a_measure_with_a_number_or_a_blank_keeps_its_reading(text: str, flags: bool) -> None:
    codes = _codes(text)
    assert "KRQ102" not in codes
    assert ("KRQ406" in codes) is flags


@pytest.mark.parametrize(
    ("text", "draft"),
    [
        (
            "Number of regulars at the Tuesday quiz",
            "Increase the number of regulars at the Tuesday quiz from [baseline] to [target] by [date]",
        ),
        ("Share of ferry crossings leaving on time above 95%", None),
    ],
)
def test_a_bare_measure_read_as_a_metric_is_drafted_with_its_target(text: str, draft: str | None) -> None:
    texts = [s.text for s in krquality.analyze(text).suggestions]
    if draft is None:
        assert not any("from [baseline] to [target]" in t for t in texts)
    else:
        assert draft in texts
