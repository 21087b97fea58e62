"""What several checks work out once per key result: the context's memo, indexed phrase
look-ups and the kept not-a-key-result verdicts give the answers the plain code gave."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from krquality.checks import helpers, run_checks, task
from krquality.checks.base import CheckContext
from krquality.checks.helpers import dated, phrase_hits
from krquality.checks.not_a_kr import VERDICTS_KEPT, verdict_of
from krquality.checks.task import names_one_deliverable
from krquality.config import Config
from krquality.labels import Label
from krquality.nlp.notakr import not_a_key_result

from .contexts import real_context


@pytest.fixture(scope="module")
def nlp() -> Language:
    from krquality.nlp import build_nlp

    return build_nlp()


def _counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[str]:
    """Replace ``module.name`` by a wrapper that records each call's text."""
    calls: list[str] = []
    original = getattr(module, name)

    def wrapper(context: CheckContext) -> object:
        calls.append(context.text)
        return original(context)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def test_a_task_is_judged_a_deliverable_once_for_both_deadline_checks(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch, task, "_names_one_deliverable")
    context = real_context(nlp, "Draft the packing guide for the new warehouse", Label.TASK)
    codes = {f.name for f in run_checks(context)}
    assert "milestone.no_deadline" in codes  # both checks asked, one worked it out
    assert "task.no_deadline" not in codes
    assert calls == [context.text]


def test_whether_a_key_result_is_dated_is_worked_out_once(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch, helpers, "_dated")
    context = real_context(nlp, "Draft the packing guide for the new warehouse", Label.TASK)
    run_checks(context)
    assert dated(context) is False
    assert len(calls) == 1


def test_the_memo_belongs_to_one_context(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch, task, "_names_one_deliverable")
    deliverable = real_context(nlp, "Draft the packing guide for the new warehouse", Label.TASK)
    ongoing = real_context(nlp, "Answer questions from new tenants every week", Label.TASK)
    assert [names_one_deliverable(c) for c in (deliverable, ongoing, deliverable, ongoing)] == [
        True,
        False,
        True,
        False,
    ]
    assert calls == [deliverable.text, ongoing.text]
    # The same text read again is a new context, worked out afresh.
    again = real_context(nlp, deliverable.text, Label.TASK)
    assert names_one_deliverable(again) is True
    assert len(calls) == 3
    assert again.memo is not deliverable.memo
    assert "memo" not in repr(again)


def test_once_remembers_by_function() -> None:
    import spacy

    from krquality.features.types import Features, Form, SpanRef

    text = "Open the second depot"
    features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None)
    context = CheckContext(text, spacy.blank("en")(text), features, Label.MILESTONE, {}, Config())
    seen: list[int] = []

    def count(c: CheckContext) -> int:
        seen.append(1)
        return len(c.tokens)

    def words(c: CheckContext) -> int:
        return len(c.text.split())

    assert [context.once(count), context.once(count), context.once(words)] == [4, 4, 4]
    assert len(seen) == 1
    assert len(context.memo) == 2


# ---- phrase look-ups: the indexed search finds what trying every phrase at every token found


@dataclass(frozen=True)
class _Token:
    """What ``phrase_hits`` reads of a spaCy token."""

    text: str
    lower_: str
    lemma_: str
    idx: int


def _tokens(words: Sequence[tuple[str, str]]) -> list[_Token]:
    out, idx = [], 0
    for form, lemma in words:
        out.append(_Token(form, form.lower(), lemma, idx))
        idx += len(form) + 1
    return out


def _plain_hits(tokens: Sequence[_Token], phrases: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Every phrase tried at every token, in order, the first that matches winning."""
    wanted = [tuple(p.lower().split()) for p in phrases if p.strip()]
    for i in range(len(tokens)):
        for words in wanted:
            if i + len(words) > len(tokens):
                continue
            if all(
                tokens[i + k].lower_ == w or (tokens[i + k].lemma_ and tokens[i + k].lemma_.lower() == w)
                for k, w in enumerate(words)
            ):
                last = tokens[i + len(words) - 1]
                yield tokens[i].idx, last.idx + len(last.text)
                break


_WORD = st.sampled_from(["grow", "growing", "Grow", "the", "team", "Team", "more", "better", "", "x"])
_PAIR = st.tuples(_WORD.filter(bool), _WORD)
_PHRASE = st.lists(_WORD.filter(bool), min_size=1, max_size=3).map(" ".join) | st.just("  ")


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_PAIR, max_size=8), phrases=st.lists(_PHRASE, max_size=6).map(tuple))
def test_phrase_hits_match_trying_every_phrase_everywhere(
    words: list[tuple[str, str]], phrases: tuple[str, ...]
) -> None:
    tokens = _tokens(words)
    assert list(phrase_hits(tokens, phrases)) == list(_plain_hits(tokens, phrases))  # type: ignore[arg-type]


def test_phrase_hits_prefer_the_earlier_phrase_by_form_or_lemma() -> None:
    tokens = _tokens([("Growing", "grow"), ("the", "the"), ("team", "team")])
    # One phrase starts with the form ("growing"), the other with the lemma ("grow"):
    # whichever is listed first wins.
    assert list(phrase_hits(tokens, ("growing the", "grow the team"))) == [(0, 11)]  # type: ignore[arg-type]
    assert list(phrase_hits(tokens, ("grow the team", "growing the"))) == [(0, 16)]  # type: ignore[arg-type]


# ---- the kept not-a-key-result verdicts


def test_verdicts_are_those_of_the_plain_function_and_stay_apart_by_text() -> None:
    texts = ["TBD", "Cut the clinic queue to 10 minutes", "KR 4 goes here", "🙂🙂🙂", "Open two depots"]
    for _ in range(2):
        assert [verdict_of(t) for t in texts] == [not_a_key_result(t) for t in texts]


def test_the_verdict_cache_is_bounded() -> None:
    for i in range(VERDICTS_KEPT + 50):
        verdict_of(f"Open {i} new reading rooms")
    info = verdict_of.cache_info()
    assert info.maxsize == VERDICTS_KEPT
    assert info.currsize <= VERDICTS_KEPT


def test_verdicts_asked_from_many_threads_at_once_are_right() -> None:
    texts = [f"Plant {i} trees on the river bank" if i % 3 else f"KR {i} goes here" for i in range(300)]
    expected = [not_a_key_result(t) for t in texts]
    verdict_of.cache_clear()
    errors: list[str] = []
    start = threading.Barrier(8)

    def ask(offset: int) -> None:
        start.wait()
        for k in range(len(texts)):
            i = (k + offset * 37) % len(texts)
            if verdict_of(texts[i]) != expected[i]:
                errors.append(texts[i])

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
