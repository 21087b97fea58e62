"""Text that is not a key result: placeholders, other languages, no words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krquality.nlp.notakr import NotAKeyResult, not_a_key_result


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("KR 4 goes here", NotAKeyResult.PLACEHOLDER),
        ("key result b", NotAKeyResult.PLACEHOLDER),
        ("TBC", NotAKeyResult.PLACEHOLDER),
        ("Insert your metric here", NotAKeyResult.PLACEHOLDER),
        ("XXX these need real targets, write later", NotAKeyResult.PLACEHOLDER),
        ("[placeholder KR]", NotAKeyResult.PLACEHOLDER),
        ("to be defined", NotAKeyResult.PLACEHOLDER),
        ("🎯" * 1000, NotAKeyResult.NO_WORDS),
        ("7" * 1000, NotAKeyResult.NO_WORDS),
        ("--- *** ---", NotAKeyResult.NO_WORDS),
        ("Verkürzung der Lieferzeit auf zwei Tage für alle Bestellungen", NotAKeyResult.NOT_ENGLISH),
        ("Lancer la nouvelle boutique en ligne pour nos clients avant la rentrée", NotAKeyResult.NOT_ENGLISH),
        ("Verhoog het aantal vrijwilligers van 20 naar 35 voor de zomer", NotAKeyResult.NOT_ENGLISH),
        ("ユーザー数を二倍にする", NotAKeyResult.NOT_ENGLISH),
        # a link does not make another language English, nor English another language
        (
            "Lancer la boutique pour nos clients [fiche](https://example.com/boutique)",
            NotAKeyResult.NOT_ENGLISH,
        ),
    ],
)
def test_what_is_not_a_key_result_says_what_it_is(text: str, kind: NotAKeyResult) -> None:
    verdict = not_a_key_result(text)
    assert verdict is not None and verdict.kind is kind and verdict.message


@pytest.mark.parametrize(
    "text",
    [
        "Grow weekly active teams from 1,200 to 2,000",
        "NPS 40 -> 55",
        "99.9% uptime for the payments API",
        "Ship v2",
        "Launch the TBD-free pricing page",
        "Open a café in the Marais for our Paris members",
        "Target 10k MAU",
        "Roll out SSO to the Lyon and Porto offices",
        "Define the targets for Q3 with finance",
        # the words of a link's address ("com", "www") are no language
        "Kiosk: Keep 99% of [refund SLA](https://shop.example.com/com-desk/sla): 97% "
        "([P2 outage](https://www.example.com/com/7))",
        "Depot: 12 audits of the [cold-chain log](https://intranet.example.com/com/cold): 9/12 "
        "(www.example.com/com)",
    ],
)
def test_key_results_pass(text: str) -> None:
    assert not_a_key_result(text) is None


@given(st.text(max_size=300))
def test_any_text_gets_an_answer_without_raising(text: str) -> None:
    verdict = not_a_key_result(text)
    assert verdict is None or verdict.kind in NotAKeyResult


@given(st.text(alphabet=st.characters(categories=["Nd", "P", "S", "Zs"]), min_size=1, max_size=200))
def test_digits_punctuation_and_symbols_alone_are_never_a_key_result(text: str) -> None:
    assert not_a_key_result(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "todo: real targets",
        "KR 3 - to be defined with finance",
        "Key result 1 (to be written by the ops team)",
        "(to fill in)",
        "Metric TBD until the survey is back",
        "same as last quarter",
        "[add KRs]",
        "KR2 (placeholder until the offsite)",
        "[H1] TBC",  # a cycle tag does not fill the line
        "?? (check with Ravi)",
        "Goal 3 / KR tbc",
        "something about the stockroom",
        "Stuff on volunteer rotas",
    ],
)
def test_a_line_still_to_be_written_is_a_placeholder(text: str) -> None:
    verdict = not_a_key_result(text)
    assert verdict is not None and verdict.kind is NotAKeyResult.PLACEHOLDER


@pytest.mark.parametrize(
    "text",
    [
        "TBD% of releases shipped without a hotfix",
        "Cut time-to-fill for engineering roles to 35 days",
        "Ask reviewers to add a test with every fix",
        "OEE 61%->72%",
        "ARR €4M → €6M",
        "Launch the partner portal (date TBD)",
        "Grow ARR to a target TBD by finance [Q3]",
        "[P1] Ship offline mode (Dana)",
        "Something for every age group at the summer fair by June",
        "Publish something about the stockroom moves each month",
    ],
)
def test_key_results_with_the_same_words_pass(text: str) -> None:
    assert not_a_key_result(text) is None
