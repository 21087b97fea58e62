"""Split drafts: a key result joining two results is offered as the two key results it joins.

The key results here are written for these tests, in the shapes the compound
check flags: a hedged second part, two end states, two sentences, two counts,
a rate beside a count, two parts each with a number.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import krquality
from krquality.result import Result
from krquality.suggest import continued_lines, fill_placeholders
from krquality.suggest.split import split_parts
from krquality.suggest.splitting import _broken

pytestmark = pytest.mark.slow

COMPOUND = "KRQ403"


def split_of(text: str) -> tuple[Result, list[str]]:
    """The analysis of ``text`` and the lines of its first suggestion, which must be a split."""
    result = krquality.analyze(text)
    assert COMPOUND in {f.code for f in result.findings}
    assert result.suggestions, result.no_suggestion
    first = result.suggestions[0]
    assert COMPOUND in first.fixes
    return result, first.text.split("\n")


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # two counts after one verb: the verb and the date go to both
        (
            "Sign 6 new sponsors and 2 new venues by October",
            ["Sign 6 new sponsors by October", "Sign 2 new venues by October"],
        ),
        # two end states, each with its own subject
        (
            "The kitchen audit is complete and the new menu is live for members",
            ["The kitchen audit is complete by [date]", "The new menu is live for members by [date]"],
        ),
        # two sentences, the second led by a verb the tagger reads as a noun
        (
            "Add offline mode to the field app. Support exporting visits as CSV",
            ["Add offline mode to the field app by [date]", "Support exporting visits as CSV by [date]"],
        ),
        # a rate beside a count: the subject and verb go to the count
        (
            "The choir gets 20+ singers per rehearsal and 12 or more rehearsals a term",
            [
                "The choir gets 20+ singers per rehearsal, from [baseline] by [date]",
                "The choir gets 12 or more rehearsals a term",
            ],
        ),
        # two parts with numbers sharing one subject: "is" goes to the participle
        (
            "Field testing is done in 4 parishes and started in 6 others",
            [
                "Field testing is done in 4 parishes by [date]",
                "Field testing is started in 6 others by [date]",
            ],
        ),
        # a leading date and a cycle tag close both parts
        (
            "By June, draft the menu and hire two cooks",
            ["By June, draft the menu", "By June, hire two cooks"],
        ),
        (
            "Open the swap shop and run a repair café by May [Q2]",
            ["Open the swap shop by May [Q2]", "Run a repair café by May [Q2]"],
        ),
        # a date inside one part is lent to the other, never replaced by a [date] slot
        (
            "Hire 12 cooks and 3 porters by end of Q3 so the new kitchens open before the spring fair",
            [
                "Hire 12 cooks by end of Q3",
                "Hire 3 porters by end of Q3 so the new kitchens open before the spring fair",
            ],
        ),
        (
            "Launch the partner portal by Q3 and migrate billing to the new provider",
            ["Launch the partner portal by Q3", "Migrate billing to the new provider by Q3"],
        ),
        # each measure is drafted as a metric of its own (a baseline slot each)
        (
            "Cut queue time to 5 minutes and raise member satisfaction to 90% by Q4",
            [
                "Cut queue time from [baseline] to 5 minutes by Q4",
                "Raise member satisfaction from [baseline] to 90% by Q4",
            ],
        ),
        # a gerund after ";" is an order of its own
        (
            "Publish the annual report; recruiting two new board members",
            ["Publish the annual report", "Recruit two new board members by [date]"],
        ),
    ],
)
def test_a_compound_is_split_into_complete_key_results(text: str, lines: list[str]) -> None:
    _, got = split_of(text)
    assert got == lines


@pytest.mark.parametrize(
    ("text", "verb", "share"),
    [
        # a share after a count is a level of its own, not more of what the verb counts
        ("Open 2 new depots; 30% repeat orders", "Open", "30% repeat orders"),
        # a share that names its population stands alone even after another share
        ("Lift fill rate to 97% and 90% of orders picked same day", "Lift", "90% of orders picked same day"),
    ],
)
def test_a_share_of_its_own_does_not_take_the_first_parts_verb(text: str, verb: str, share: str) -> None:
    _, got = split_of(text)
    assert any(line.startswith(share) for line in got), got
    assert not any(line.startswith(f"{verb} {share}") for line in got), got


def test_one_share_staged_over_two_periods_is_not_split() -> None:
    # One measure with a target for each of two periods is one key result (wording.compound
    # stays quiet), so no draft cuts it in two.
    result = krquality.analyze("Grow market share to 20% in Q2 and 25% in Q4")
    assert COMPOUND not in {f.code for f in result.findings}
    assert not any("\n" in s.text for s in result.suggestions)


def test_a_hedged_part_becomes_a_decision_by_a_date() -> None:
    result, lines = split_of("Draft the volunteer handbook and consider opening a second food hub")
    assert lines == [
        "Draft the volunteer handbook by [date]",
        "Decide whether to open a second food hub by [date]",
    ]
    assert {"KRQ402", COMPOUND} <= set(result.suggestions[0].fixes)


def test_a_task_part_is_drafted_toward_what_it_ends_in() -> None:
    # "Come up with" makes the strategy: the part becomes the strategy, published; the verb goes
    result, lines = split_of("Come up with a marketing strategy, and consider hiring a second van.")
    assert lines == [
        "Publish the marketing strategy by [date]",
        "Decide whether to hire a second van by [date]",
    ]
    assert result.suggestions[0].label is not krquality.Label.TASK


def test_a_task_part_with_no_outcome_still_blocks_the_split() -> None:
    # "Chat with" ends in nothing to publish: no draft of it keeps its words, the split is withheld
    result = krquality.analyze("Chat with the stallholders, and consider hiring a second van.")
    assert not [s for s in result.suggestions if "\n" in s.text]


@pytest.mark.parametrize(
    "text",
    [
        # a part that is an ability with a bare verb, which no draft dates
        "The seed library is catalogued and our swap crew is able to grow",
        "Members can pay dues online and the crew is able to adapt",
    ],
)
def test_a_split_that_dates_one_part_and_leaves_the_other_undated_is_not_offered(text: str) -> None:
    result = krquality.analyze(text)
    assert COMPOUND in {f.code for f in result.findings}
    for suggestion in result.suggestions:
        lines = suggestion.text.split("\n")
        dated = ["[date]" in line for line in lines]
        assert all(dated) or not any(dated), suggestion.text


def test_a_part_with_a_second_level_after_a_comma_is_not_offered_as_one_line() -> None:
    text = (
        "Outreach: Open the winter soup stall for the estate. "
        "Hold complaints under 3%, 60% of regulars on the stamp card."
    )
    assert not [s for s in krquality.analyze(text).suggestions if "\n" in s.text]
    # a share of what the part just named breaks it down: the split stays
    _, lines = split_of("Launch the weekly harvest box by May. Sign 12 partner farms, 30% of them organic.")
    assert lines[1] == "Sign 12 partner farms, 30% of them organic by May"


def test_a_split_whose_parts_all_take_a_date_is_still_offered() -> None:
    _, lines = split_of("The tool library opens on Saturdays and the repair desk is staffed")
    assert lines == ["The tool library opens on Saturdays by [date]", "The repair desk is staffed by [date]"]


@pytest.mark.parametrize(
    "text",
    [
        "Sign 6 new sponsors and 2 new venues by October",
        "Draft the volunteer handbook and consider opening a second food hub",
        "Cut queue time to 5 minutes and raise member satisfaction to 90% by Q4",
        "The choir gets 20+ singers per rehearsal and 12 or more rehearsals a term",
    ],
)
def test_a_split_scores_as_its_weakest_line_and_no_line_is_a_compound_again(text: str) -> None:
    result, lines = split_of(text)
    suggestion = result.suggestions[0]
    analysed = [krquality.analyze(fill_placeholders(line), suggestions=False) for line in lines]
    assert suggestion.score == min(a.score for a in analysed)
    assert suggestion.label == min(analysed, key=lambda a: a.score).label
    assert suggestion.score > result.score
    assert all(COMPOUND not in {f.code for f in a.findings} for a in analysed)
    assert all(a.label is not krquality.Label.TASK for a in analysed)
    assert suggestion.placeholders == tuple(
        dict.fromkeys(p for line in lines for p in ("[baseline]", "[target]", "[date]") if p in line)
    )


@pytest.mark.parametrize(
    "text",
    ["Recruit and onboard 3 mentors", "Research and pick a CRM", "Recruit and onboard three lifeguards"],
)
def test_two_verbs_sharing_one_object_are_not_split(text: str) -> None:
    result = krquality.analyze(text)
    assert COMPOUND not in {f.code for f in result.findings}
    assert all("\n" not in s.text for s in result.suggestions)


def test_a_key_result_without_a_compound_finding_is_not_cut() -> None:
    nlp = krquality.get_analyzer().nlp
    doc = nlp("Sign 6 new sponsors by October")
    assert split_parts(doc, doc._.krq_features, []) is None


def test_a_complement_going_on_after_a_comma_is_not_cut_off_as_a_part() -> None:
    # "complete" is a verb elsewhere; here it is the first part's complement, and the
    # clause after the comma still describes the guide: no complete second key result
    text = "The tenancy guide on the intranet is accurate and complete, and covers the common questions"
    nlp = krquality.get_analyzer().nlp
    doc = nlp(text)
    at = text.index(" and ") + 1
    assert split_parts(doc, doc._.krq_features, [(at, at + 3)]) is None


def test_a_date_owned_by_a_thing_is_not_given_to_every_part() -> None:
    text = "Launch the tenant app and agree a roadmap for the first half of 2027"
    nlp = krquality.get_analyzer().nlp
    doc = nlp(text)
    at = text.index(" and ") + 1
    parts = split_parts(doc, doc._.krq_features, [(at, at + 3)])
    assert parts is not None
    assert [p.text for p in parts] == ["Launch the tenant app", "Agree a roadmap for the first half of 2027"]


def test_a_split_that_drops_a_word_or_a_number_breaks_a_rule() -> None:
    text = "Sign 6 new sponsors and 2 new venues by October"
    analyzer = krquality.get_analyzer()
    doc = analyzer.nlp(text)
    (original,) = analyzer.analyze_docs([(text, doc)])
    whole = ["Sign 6 new sponsors by October", "Sign 2 new venues by October"]
    forms = [(r, r) for r in analyzer.analyze_docs([(line, analyzer.nlp(line)) for line in whole])]
    assert _broken(original, doc, whole, forms) is None
    dropped = ["Sign 6 new sponsors by October", "Sign 2 new by October"]
    assert _broken(original, doc, dropped, forms) == "drops 'venues', a word of the key result"
    counted = ["Sign 6 new sponsors by October", "Sign new venues by October"]
    assert _broken(original, doc, counted, forms) == "drops a number the author wrote"


_ITEM = st.text(alphabet=st.sampled_from("abc xyz"), min_size=1, max_size=12).map(str.strip).filter(bool)


@given(
    st.lists(_ITEM, min_size=1, max_size=4),
    st.sampled_from(["", "- ", "  * ", "1. ", "9) ", "- [x] ", "KR 2: ", "> - "]),
)
def test_later_lines_open_like_the_key_results_line(parts: list[str], lead: str) -> None:
    document = "Intro line\n" + lead + " and ".join(parts) + "\nNext line"
    at = len("Intro line\n") + len(lead)
    out = continued_lines("\n".join(parts), document, at).split("\n")
    assert out[0] == parts[0]
    assert len(out) == len(parts)
    for i, (line, part) in enumerate(zip(out[1:], parts[1:], strict=True), start=1):
        assert line.endswith(part)
        opening = line[: len(line) - len(part)]
        if lead.startswith("KR"):
            assert opening == ""  # a label is the key result's own, not a list marker
        elif lead[:1].isdigit():
            assert opening == f"{int(lead.split(lead[1])[0]) + i}{lead[1]} "
        elif "[x]" in lead:
            assert opening == "- [ ] "
        else:
            assert opening == lead


@pytest.mark.parametrize(
    ("text", "draft"),
    [
        ("Come up with a marketing strategy", "Publish the marketing strategy by [date]"),
        ("Work out a cleaning checklist", "Publish the cleaning checklist by [date]"),
    ],
)
def test_a_verb_with_a_particle_that_makes_a_plan_is_drafted_as_the_plan(text: str, draft: str) -> None:
    assert draft in [s.text for s in krquality.analyze(text).suggestions]


def test_a_verb_with_a_particle_that_makes_no_written_thing_gets_no_publication() -> None:
    # "ideas" are not a document to publish
    drafts = krquality.analyze("Come up with ideas for the fete").suggestions
    assert not [s for s in drafts if "Publish" in s.text]
