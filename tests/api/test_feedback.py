"""``/v1/feedback`` on the real analyzer, against a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import ClientFactory

if TYPE_CHECKING:
    from krquality.engine import Analyzer

TEXT = "Move the staff rota into the scheduling tool"
KEY = "s3cret-feedback-key"


def _label_other_than(analyzer: Analyzer, text: str) -> str:
    model = analyzer.analyze(text, suggestions=False).label.value
    return "metric" if model != "metric" else "task"


@pytest.fixture
def fresh(analyzer: Analyzer) -> Analyzer:
    """An analyzer of its own per test: the app attaches its corrections to it."""
    from krquality.engine import Analyzer

    return Analyzer(analyzer.nlp, analyzer.model, analyzer.config, cache_size=64)


def test_a_correction_changes_the_answer_at_once(
    make_client: ClientFactory, fresh: Analyzer, feedback_db: str
) -> None:
    client = make_client(analyzer=fresh, feedback_db=feedback_db)
    before = client.post("/v1/classify", json={"text": TEXT}).json()
    wanted = _label_other_than(fresh, TEXT)
    response = client.post("/v1/feedback", json={"text": TEXT, "label": wanted, "reason": "I know better"})
    assert response.status_code == 201, response.text
    stored = response.json()
    assert stored["model_label"] == before["label"]  # the service filled in the model's verdict
    assert stored["model_version"] == before["model_version"]
    assert stored["user"] == "anonymous" and stored["source"] == "service"
    assert stored["standing"] == {"label": wanted, "users": 1, "corrections": 1}
    after = client.post("/v1/classify", json={"text": TEXT.lower() + "."}).json()
    assert after["label"] == wanted and after["confident"] is True
    assert after["evidence"][0]["reason"] == f"corrected by 1 user to {wanted} (1 correction in all)"
    batch = client.post("/v1/classify/batch", json={"texts": ["Ship the rota app", TEXT]}).json()
    assert batch["results"][1]["result"]["label"] == wanted

    assert client.delete(f"/v1/feedback/{stored['id']}").status_code == 204
    assert client.post("/v1/classify", json={"text": TEXT}).json()["label"] == before["label"]
    missing = client.delete(f"/v1/feedback/{stored['id']}")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["detail"] == f"no correction with id {stored['id']}"


def test_listing_pages_newest_first(make_client: ClientFactory, fresh: Analyzer, feedback_db: str) -> None:
    client = make_client(analyzer=fresh, feedback_db=feedback_db)
    for i in range(5):
        body = {
            "text": f"Train {i} new duty managers",
            "label": "metric",
            "model_label": "task",
            "user": f"ed-{i % 2}",
        }
        assert client.post("/v1/feedback", json=body).status_code == 201
    page = client.get("/v1/feedback", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 5 and page["offset"] == 1 and page["limit"] == 2
    assert [item["text"] for item in page["items"]] == [
        "Train 3 new duty managers",
        "Train 2 new duty managers",
    ]
    mine = client.get("/v1/feedback", params={"user": "ed-1"}).json()
    assert mine["total"] == 2
    one = client.get(f"/v1/feedback/{page['items'][0]['id']}").json()
    assert one["text"] == "Train 3 new duty managers" and one["model_label"] == "task"
    stats = client.get("/v1/feedback/stats").json()
    assert stats["corrections"] == 5 and stats["users"] == 2
    assert stats["confusions"] == [{"model_label": "task", "label": "metric", "count": 5}]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": TEXT, "label": "objective"}, "label"),
        ({"text": "  ", "label": "task"}, "text"),
        ({"text": TEXT}, "label"),
        ({"text": TEXT, "label": "task", "rejected_checks": ["nope"]}, "rejected_checks[0]"),
        ({"text": TEXT, "label": "task", "colour": "red"}, "colour"),
    ],
)
def test_bad_corrections_are_refused_by_field(
    make_client: ClientFactory, fresh: Analyzer, tmp_path: Path, body: dict[str, object], field: str
) -> None:
    client = make_client(analyzer=fresh, feedback_db=str(tmp_path / "fb.sqlite3"))
    response = client.post("/v1/feedback", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == field


def test_the_api_key_guards_feedback_and_names_the_user(
    make_client: ClientFactory, fresh: Analyzer, tmp_path: Path
) -> None:
    client = make_client(analyzer=fresh, feedback_db=str(tmp_path / "fb.sqlite3"), api_key=KEY)
    assert client.post("/v1/feedback", json={"text": TEXT, "label": "task"}).status_code == 401
    assert client.get("/v1/feedback").status_code == 401
    assert client.delete("/v1/feedback/1").status_code == 401
    made = client.post(
        "/v1/feedback", json={"text": TEXT, "label": "task"}, headers={"X-API-Key": KEY}
    ).json()
    assert made["user"].startswith("key-") and KEY not in made["user"]


def test_a_corrupt_store_is_a_problem_and_classification_goes_on(
    make_client: ClientFactory, fresh: Analyzer, tmp_path: Path
) -> None:
    path = tmp_path / "fb.sqlite3"
    path.write_bytes(b"not a database, whatever the name says\n" * 100)
    client = make_client(analyzer=fresh, feedback_db=str(path))
    response = client.post("/v1/feedback", json={"text": TEXT, "label": "task"})
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:krquality:problem:feedback-store-unavailable"
    assert "file is not a database" in response.json()["detail"]
    assert client.get("/v1/feedback/stats").status_code == 503
    assert client.post("/v1/classify", json={"text": TEXT}).status_code == 200


def test_a_locked_store_is_a_problem_and_classification_goes_on(
    make_client: ClientFactory, fresh: Analyzer, tmp_path: Path
) -> None:
    path = tmp_path / "fb.sqlite3"
    client = make_client(analyzer=fresh, feedback_db=str(path), feedback_busy_timeout=0.3)
    assert client.post("/v1/feedback", json={"text": TEXT, "label": "task"}).status_code == 201
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        response = client.post("/v1/feedback", json={"text": TEXT, "label": "metric"})
        assert response.status_code == 503
        assert "database is locked" in response.json()["detail"]
        classified = client.post("/v1/classify", json={"text": TEXT})
        assert classified.status_code == 200 and classified.json()["label"] == "task"
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_corrections_can_be_turned_off(make_client: ClientFactory, fresh: Analyzer, tmp_path: Path) -> None:
    client = make_client(analyzer=fresh, feedback_db=str(tmp_path / "fb.sqlite3"), feedback_apply=False)
    before = client.post("/v1/classify", json={"text": TEXT}).json()["label"]
    wanted = _label_other_than(fresh, TEXT)
    assert client.post("/v1/feedback", json={"text": TEXT, "label": wanted}).status_code == 201
    assert client.post("/v1/classify", json={"text": TEXT}).json()["label"] == before
