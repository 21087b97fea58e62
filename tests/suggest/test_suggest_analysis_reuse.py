"""Drafts are re-analysed only where the analysis can change the answer: a draft whose
broken rule needs no analysis is dropped before it, and a draft offered twice in one batch
is analysed once. The suggestions, and the rules the dropped drafts broke, stay the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import krquality
from krquality import get_analyzer
from krquality.engine import Analyzer
from krquality.result import Result
from krquality.suggest.drafts import Draft, DraftKind, build_drafts
from krquality.suggest.rewrite import (
    _analyse_forms,
    _judge_all,
    _within_limit,
    breaks_rules,
    broken_before_analysis,
)

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "realworld" / "dev.jsonl"

# Our own key results, in the shapes whose drafts break rules without being analysed
# (a time frame added to one that has it, a number dropped, an aim word dropped) and
# those that need the analysis (a dated key result, a vague word a number may measure).
OWN = [
    "Publish two recipe videos per week",
    "Try to open the second bakery",
    "Improve the onboarding of new volunteers",
    "Somewhat better cleaning of the shared kitchen",
    "Grow newsletter readers to 4,000 by June",
    "Train 12 new lifeguards (8 at the lake and 4 at the pool)",
    "Hold the annual tenants' meeting",
    "Better signage in the park [Q3]",
    "Increase awareness of the repair café",
    "Answer letters from residents",
    "Open the tool library and the seed exchange",
    "Plan and run the spring clean-up day",
    "Run 10 cooking classes with 15 or more cooks in each",
]


def _drafts(analyzer: Analyzer, text: str) -> tuple[Result, list[Draft]]:
    from krquality.nlp.parse import ensure_parsed_many, object_phrase

    result = analyzer.analyze(text, suggestions=False)
    doc = analyzer.nlp(text)
    ensure_parsed_many(analyzer.nlp, [doc])
    drafts = build_drafts(result.features, result.label, result.findings, object_phrase(doc))
    return result, _within_limit(drafts, analyzer.config.max_chars)


def _agree(analyzer: Analyzer, texts: list[str]) -> tuple[int, int]:
    """Check every draft of ``texts`` settled before the analysis against the rule found after it,
    and the suggestions and broken rules with and without settling; (drafts settled, drafts in all)."""
    settled_count = total = 0
    for text in texts:
        if len(text) > analyzer.config.max_chars:
            continue
        result, drafts = _drafts(analyzer, text)
        settled = [broken_before_analysis(d, result) for d in drafts]
        total += len(drafts)
        if all(rule is None for rule in settled):
            continue  # every draft is analysed, as before
        analysed = list(_analyse_forms(drafts, analyzer))
        at = 0
        plain: list[str] = []
        everything = iter(analysed)
        want = _judge_all(drafts, result, everything, broken=plain)
        for draft, rule in zip(drafts, settled, strict=True):
            filled = analysed[at]
            at += 2 if draft.placeholders else 1
            if rule is not None:
                settled_count += 1
                assert breaks_rules(draft, result, filled=filled) == rule, (text, draft.text)
        rest = [d for d, rule in zip(drafts, settled, strict=True) if rule is None]
        fast: list[str] = []
        got = _judge_all(drafts, result, _analyse_forms(rest, analyzer), broken=fast, settled=settled)
        assert (got, fast) == (want, plain), text
    return settled_count, total


def test_a_rule_found_before_the_analysis_is_the_rule_found_after_it() -> None:
    settled, total = _agree(get_analyzer(), OWN)
    assert total >= len(OWN) // 2
    assert settled >= 1


def test_a_time_frame_added_to_a_key_result_with_one_is_settled_unanalysed() -> None:
    original = krquality.analyze("Publish two recipe videos per week", suggestions=False)
    draft = Draft("Publish two recipe videos per week by [date]", DraftKind.EDITED)
    assert broken_before_analysis(draft, original) == "adds a time frame the key result already has"


def test_a_dated_key_result_leaves_its_drafts_to_the_analysis() -> None:
    # Whether the draft still has the date is read on its analysis, and that rule comes
    # before the one on numbers: dropping "12" here could be reported either way.
    original = krquality.analyze("Train 12 lifeguards by June", suggestions=False)
    draft = Draft("Train lifeguards by [date]", DraftKind.EDITED)
    assert breaks_rules(draft, original) is not None
    assert broken_before_analysis(draft, original) is None


def test_a_draft_offered_twice_in_a_batch_is_analysed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    analyzer = Analyzer(get_analyzer().nlp, get_analyzer().model, get_analyzer().config)  # no result cache
    repeated = "Increase the share of repaired bikes"
    texts = [repeated, repeated, "Launch the tool library"]
    alone = [analyzer.analyze(t) for t in texts]
    sizes: list[int] = []
    analyse_docs = analyzer.analyze_docs

    def counting(batch, *, cycle=None):  # type: ignore[no-untyped-def]
        sizes.append(len(batch))
        return analyse_docs(batch, cycle=cycle)

    monkeypatch.setattr(analyzer, "analyze_docs", counting)
    together = list(analyzer.analyze_many(texts, cached=False))
    assert together == alone
    assert together[0].suggestions  # the repeated key result has drafts
    monkeypatch.undo()
    sizes_single: list[int] = []

    def counting_single(batch, *, cycle=None):  # type: ignore[no-untyped-def]
        sizes_single.append(len(batch))
        return analyse_docs(batch, cycle=cycle)

    monkeypatch.setattr(analyzer, "analyze_docs", counting_single)
    list(analyzer.analyze_many(texts[1:], cached=False))
    assert sizes == sizes_single  # the second copy added nothing to analyse


@pytest.mark.slow
@pytest.mark.skipif(not DEV.exists(), reason="the real-world development set is not beside the checkout")
def test_on_real_key_results_settling_early_changes_no_answer() -> None:
    lines = DEV.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    settled, total = _agree(get_analyzer(), texts)
    assert total > 300
    assert settled > 0
