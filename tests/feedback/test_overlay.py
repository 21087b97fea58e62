"""Standing corrections applied by the analyzer: at once, in one place, and only where they stand."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from krquality.engine import Analyzer
from krquality.feedback import (
    CorrectedLabel,
    Correction,
    CorrectionIndex,
    FeedbackSettings,
    NewCorrection,
    Source,
    load_index,
    open_store,
)
from krquality.labels import Label

TEXT = "Roll out the new expense policy to all regional offices"


@pytest.fixture(scope="module")
def base() -> Analyzer:
    return Analyzer.load()


def _analyzer(base: Analyzer, index: CorrectionIndex | None, *, cache_size: int = 0) -> Analyzer:
    return Analyzer(base.nlp, base.model, base.config, cache_size=cache_size, corrections=index)


def _index(*pairs: tuple[str, str, str]) -> CorrectionIndex:
    now = datetime.now(UTC)
    return CorrectionIndex.from_corrections(
        Correction(text, CorrectedLabel(label), user, Source.CLI, id=i, created_at=now)
        for i, (text, label, user) in enumerate(pairs, start=1)
    )


def _other_label(analyzer: Analyzer, text: str) -> Label:
    model_label = analyzer.analyze(text, suggestions=False).label
    # A metric: a deliverable corrected to task still gets milestone.no_deadline (its words
    # name one thing made), so only the metric checks stand apart from the model's label.
    return Label.METRIC if model_label is not Label.METRIC else Label.TASK


def test_a_corrected_text_gets_the_corrected_label_confident_with_evidence(base: Analyzer) -> None:
    wanted = _other_label(base, TEXT)
    analyzer = _analyzer(base, _index((TEXT, wanted.value, "a"), (TEXT.upper(), wanted.value, "b")))
    result = analyzer.analyze("  " + TEXT + ".", suggestions=True)
    plain = base.analyze("  " + TEXT + ".", suggestions=True)
    assert result.label is wanted
    assert result.confident is True
    assert result.evidence[0].reason == f"corrected by 2 users to {wanted.value} (2 corrections in all)"
    assert result.probabilities == plain.probabilities  # the model's own, for the record
    # The checks ran for the corrected label.
    assert {f.name.split(".")[0] for f in result.findings} <= {wanted.value, "wording"}


def test_not_a_key_result_keeps_the_models_label_and_is_not_confident(base: Analyzer) -> None:
    analyzer = _analyzer(base, _index((TEXT, "not_kr", "a")))
    result = analyzer.analyze(TEXT, suggestions=False)
    assert result.label is base.analyze(TEXT, suggestions=False).label
    assert result.confident is False
    assert "not a key result" in result.evidence[0].reason


def test_a_tie_leaves_the_model_alone(base: Analyzer) -> None:
    analyzer = _analyzer(base, _index((TEXT, "task", "a"), (TEXT, "metric", "b")))
    assert analyzer.analyze(TEXT, suggestions=False) == base.analyze(TEXT, suggestions=False)


def test_other_texts_are_untouched_in_a_batch(base: Analyzer) -> None:
    texts = ["Grow newsletter signups from 2k to 5k", TEXT, "Hold a fortnightly design review"]
    wanted = _other_label(base, TEXT)
    analyzer = _analyzer(base, _index((TEXT, wanted.value, "a")))
    got = list(analyzer.analyze_many(texts, suggestions=False))
    plain = list(base.analyze_many(texts, suggestions=False))
    assert [r.label for r in got] == [plain[0].label, wanted, plain[2].label]
    assert got[0] == plain[0] and got[2] == plain[2]


def test_a_correction_made_after_a_cached_answer_wins_at_once(base: Analyzer) -> None:
    index = CorrectionIndex()
    analyzer = _analyzer(base, index, cache_size=16)
    before = analyzer.analyze(TEXT, suggestions=False)
    wanted = _other_label(base, TEXT)
    assert analyzer.analyze(TEXT, suggestions=False) is before  # still cached
    index.put(TEXT.casefold(), _index((TEXT, wanted.value, "a")).lookup(TEXT))
    assert analyzer.analyze(TEXT, suggestions=False).label is wanted
    (again,) = analyzer.analyze_many([TEXT], suggestions=False)
    assert again.label is wanted
    index.put(TEXT.casefold(), None)  # the correction deleted
    assert analyzer.analyze(TEXT, suggestions=False) is before


def test_load_index_reads_the_configured_store(tmp_path: Path) -> None:
    db = str(tmp_path / "fb.sqlite3")
    empty = load_index(FeedbackSettings(db=db))  # no file yet: nothing read, nothing made
    assert empty is not None and not empty
    assert not Path(db).exists()
    store = open_store(db)
    store.add(NewCorrection(TEXT, CorrectedLabel.TASK, "u", Source.CLI))
    store.close()
    index = load_index(FeedbackSettings(db=db))
    assert index is not None and index.lookup(TEXT) is not None
    assert load_index(FeedbackSettings(db=db, apply=False)) is None


def test_load_index_survives_a_broken_store(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "fb.sqlite3"
    path.write_bytes(b"garbage" * 500)
    assert load_index(FeedbackSettings(db=str(path))) is None
    assert "corrections not applied" in caplog.text
