"""Key results wrapped in a link or backticks: read as the sentence inside, the tracker
link and the owners' handles reported by wording.metadata, drafts without the markup."""

from __future__ import annotations

import pytest

import krquality

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("[KR: Grow repeat orders at the bakery](https://tracker.example.org/issues/88)",
         "(https://tracker.example.org/issues/88)"),
        ("[Move the rota app to the new host.](#kr4) \\[ines, bo\\] 0.3", "\\[ines, bo\\]"),
        ("`Hold a fire drill in every depot` [ines]", "[ines]"),
        ("[Cut the queue at the front desk](#kr2)", "(#kr2)"),
    ],
)  # fmt: skip
def test_tracker_links_and_handles_are_metadata_and_drafts_drop_the_markup(text: str, detail: str) -> None:
    result = krquality.analyze(text)
    flagged = [text[f.start : f.end] for f in result.findings if f.name == "wording.metadata"]
    assert detail in flagged
    for suggestion in result.suggestions:
        assert "](" not in suggestion.text and "`" not in suggestion.text and "\\" not in suggestion.text
        assert not suggestion.text.startswith(("[", "KR"))


@pytest.mark.parametrize(
    "text",
    [
        "Publish the [allergen guide](https://example.org/g) in every kitchen by May",
        "Cut the queue at the desk, as the [visitor survey](https://example.org/s) asks, by June",
        "`Hold a fire drill in every depot by June`",
    ],
)
def test_links_in_the_sentence_and_code_wrappers_are_not_metadata(text: str) -> None:
    result = krquality.analyze(text)
    assert not [f for f in result.findings if f.name == "wording.metadata"]


def test_a_wrapped_key_result_reads_like_the_bare_one() -> None:
    bare = krquality.analyze("Grow repeat orders at the bakery from 20% to 30% by June")
    wrapped = krquality.analyze("`Grow repeat orders at the bakery from 20% to 30% by June`")
    assert (wrapped.label, wrapped.score) == (bare.label, bare.score)
    assert [f.code for f in wrapped.findings] == [f.code for f in bare.findings]


def test_a_link_address_is_not_counted_as_words() -> None:
    address = "(https://example.org/guides/food-safety/allergen-labels/cold-counter/printable-version/v2)"
    short = (
        f"Publish the [allergen label guide]{address} for every cold counter in the three kitchens by June"
    )
    assert "wording.too_long" not in [f.name for f in krquality.analyze(short).findings]
    long = (
        f"Publish the [allergen label guide]{address} for every cold counter, hot counter, salad bar, "
        "bakery shelf, drinks fridge and takeaway window in the three kitchens and the two cafes by June"
    )
    assert "wording.too_long" in [f.name for f in krquality.analyze(long).findings]
