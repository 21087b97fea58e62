"""The corrections store, on a real SQLite file and a real PostgreSQL server alike."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from krquality.errors import FeedbackStoreError
from krquality.feedback import CorrectedLabel, NewCorrection, Source, open_store


def _new(
    text: str = "Publish the vendor scorecard", label: str = "milestone", user: str = "u1"
) -> NewCorrection:
    return NewCorrection(
        text=text,
        label=CorrectedLabel(label),
        user=user,
        source=Source.SERVICE,
        model_label="task",
        model_probabilities={"metric": 0.1, "milestone": 0.3, "task": 0.6},
        model_version="krq-test",
        reason="the scorecard published is the end state",
        suggestion="Publish the vendor scorecard by [date]",
        suggestion_accepted=False,
        rejected_checks=("KRQ301",),
    )


def test_a_correction_comes_back_as_it_went_in(feedback_db: str) -> None:
    store = open_store(feedback_db)
    try:
        stored = store.add(_new())
        again = store.get(stored.id)
    finally:
        store.close()
    assert again == stored
    assert again.model_probabilities == {"metric": 0.1, "milestone": 0.3, "task": 0.6}
    assert again.rejected_checks == ("KRQ301",)
    assert again.created_at.tzinfo is not None


def test_reopening_keeps_corrections_and_migrates_once(feedback_db: str) -> None:
    store = open_store(feedback_db)
    store.add(_new())
    store.close()
    store = open_store(feedback_db)  # the migrations run again and find nothing to do
    try:
        assert [c.text for c in store.all()] == ["Publish the vendor scorecard"]
    finally:
        store.close()


def test_pages_are_newest_first_with_the_total(feedback_db: str) -> None:
    store = open_store(feedback_db)
    try:
        for i in range(7):
            store.add(_new(f"Run the supplier audit number {i}", user=f"u{i % 2}"))
        first, total = store.page(limit=3)
        second, _ = store.page(offset=3, limit=3)
        mine, mine_total = store.page(user="u1")
    finally:
        store.close()
    assert total == 7
    assert [c.text[-1] for c in first + second] == ["6", "5", "4", "3", "2", "1"]
    assert mine_total == 3 and {c.user for c in mine} == {"u1"}


def test_an_offset_past_any_row_is_an_empty_page(feedback_db: str) -> None:
    store = open_store(feedback_db)
    try:
        store.add(_new("Run the supplier audit"))
        for offset in (5, 2**63, 2**80):  # SQLite cannot bind the last two
            assert store.page(offset=offset) == ([], 1)
    finally:
        store.close()


def test_delete_removes_one_and_the_revision_moves(feedback_db: str) -> None:
    store = open_store(feedback_db)
    try:
        a = store.add(_new())
        b = store.add(_new(user="u2"))
        before = store.revision()
        assert store.delete(a.id) is True
        assert store.delete(a.id) is False
        after = store.revision()
        assert [c.id for c in store.all()] == [b.id]
    finally:
        store.close()
    assert before != after


@pytest.mark.parametrize("correction_id", [0, -1, 2**63, 10**30])
def test_ids_no_store_can_hold_are_simply_absent(feedback_db: str, correction_id: int) -> None:
    store = open_store(feedback_db)
    try:
        assert store.get(correction_id) is None
        assert store.delete(correction_id) is False
    finally:
        store.close()


def test_corrections_of_a_text_are_found_however_it_is_spelt(feedback_db: str) -> None:
    store = open_store(feedback_db)
    try:
        store.add(_new("Publish the vendor scorecard"))
        store.add(_new("- publish the  Vendor scorecard.", user="u2"))
        store.add(_new("Publish the vendor scorecards", user="u3"))
        found = store.for_text("PUBLISH the vendor scorecard")
    finally:
        store.close()
    assert [c.user for c in found] == ["u1", "u2"]


def test_stats_count_confusions_and_rejections(feedback_db: str) -> None:
    store = open_store(feedback_db)
    try:
        store.add(_new(user="u1"))
        store.add(_new(user="u2", label="task"))  # a tie with u1: contested
        store.add(_new("Cut refund time to 2 days", label="metric", user="u1"))
        stats = store.stats()
    finally:
        store.close()
    assert (stats.corrections, stats.texts, stats.users) == (3, 2, 2)
    assert (stats.standing, stats.contested) == (1, 1)
    # u2's "task" agrees with the model: no confusion.
    assert set(stats.confusions) == {("task", "milestone", 1), ("task", "metric", 1)}
    assert stats.rejected_checks == (("KRQ301", 3),)
    assert stats.rejected_suggestions == 3


def test_concurrent_writers_lose_nothing(feedback_db: str) -> None:
    store = open_store(feedback_db)
    errors: list[BaseException] = []

    def write(i: int) -> None:
        try:
            for j in range(5):
                store.add(_new(f"Audit supplier {i}-{j}", user=f"u{i}"))
        except BaseException as e:  # collected, so the assertion shows it
            errors.append(e)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert store.revision()[1] == 80
        assert len({c.id for c in store.all()}) == 80
    finally:
        store.close()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite3"
    path.write_bytes(b"this is not SQLite at all\n" * 200)
    with pytest.raises(FeedbackStoreError, match=r"feedback\.sqlite3: file is not a database"):
        open_store(str(path))


def test_a_missing_file_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    with pytest.raises(FeedbackStoreError, match="no corrections store at"):
        open_store(str(tmp_path / "nowhere.sqlite3"), create=False)
    assert not (tmp_path / "nowhere.sqlite3").exists()


def test_a_server_that_is_not_there_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(
        FeedbackStoreError, match=r"cannot open postgresql\+psycopg://krq:\*\*\*@127\.0\.0\.1:1/x"
    ):
        open_store("postgresql://krq:secret@127.0.0.1:1/x")


def test_a_locked_sqlite_store_is_a_clear_error(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "feedback.sqlite3"
    store = open_store(str(path), busy_seconds=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(FeedbackStoreError, match=r"cannot store a correction .*database is locked"):
            store.add(_new())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()


def test_times_given_are_kept(feedback_db: str) -> None:
    store = open_store(feedback_db)
    at = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    try:
        store.add(_new(), at=at)
        store.add(_new(user="u2"), at=at + timedelta(days=1))
        times = [c.created_at for c in store.all()]
    finally:
        store.close()
    assert times == [at, at + timedelta(days=1)]


def test_stores_opened_at_once_in_threads_of_one_process_all_migrate(tmp_path: Path) -> None:
    # Several services (or a service and the CLI) in one process open their stores at the same
    # time; Alembic's migration context is process-wide, so each must still migrate cleanly.
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def open_one(i: int) -> None:
        try:
            start.wait()
            store = open_store(str(tmp_path / f"store{i}.sqlite3"))
            store.close()
        except BaseException as e:  # any failure is the finding
            errors.append(e)

    for _ in range(3):
        threads = [threading.Thread(target=open_one, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for path in tmp_path.glob("store*.sqlite3"):
            path.unlink()
    assert errors == []
