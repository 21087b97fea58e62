"""``POST /v1/okrs`` (JSON) and ``POST /v1/okrs/markdown`` (read by krquality.okrfile)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import ClientFactory

MARKDOWN = """\
# Delight new customers
- Increase trial conversion from 4% to 7%
- Launch the onboarding checklist

## Keep the pipeline healthy
* Hold weekly pipeline reviews
"""


def test_okrs_return_per_key_result_results_and_set_findings(client: TestClient) -> None:
    payload = {
        "objectives": [
            {"title": "Delight customers", "key_results": ["Grow NPS 40 to 55", "Launch the portal"]},
            {"title": "Healthy pipeline", "key_results": ["Hold weekly reviews"]},
        ]
    }
    body = client.post("/v1/okrs", json=payload).json()
    assert [o["title"] for o in body["objectives"]] == ["Delight customers", "Healthy pipeline"]
    assert [[r["label"] for r in o["results"]] for o in body["objectives"]] == [
        ["metric", "milestone"],
        ["task"],
    ]
    assert body["objectives"][1]["findings"][0]["code"] == "KRQ501"
    assert body["findings"] == []


def test_a_bad_key_result_in_an_okr_set_is_named_by_its_path(client: TestClient) -> None:
    payload = {"objectives": [{"title": "Grow", "key_results": ["Ship it", "  "]}]}
    response = client.post("/v1/okrs", json=payload)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "objectives[0].key_results[1]"


def test_the_item_limit_counts_key_results_across_objectives(make_client: ClientFactory) -> None:
    client = make_client(max_batch=2)
    payload = {
        "objectives": [
            {"title": "A", "key_results": ["Ship a", "Ship b"]},
            {"title": "B", "key_results": ["Ship c"]},
        ]
    }
    assert client.post("/v1/okrs", json=payload).status_code == 413


def test_markdown_is_read_server_side_with_positions(client: TestClient) -> None:
    body = client.post("/v1/okrs/markdown", json={"markdown": MARKDOWN}).json()
    first, second = body["objectives"]
    assert first["title"] == "Delight new customers" and first["line"] == 1
    assert first["key_result_lines"] == [2, 3]
    for objective in body["objectives"]:
        for offset, result in zip(objective["key_result_offsets"], objective["results"], strict=True):
            assert MARKDOWN[offset : offset + len(result["text"])] == result["text"]
    assert [r["label"] for r in second["results"]] == ["task"]


def test_markdown_without_objectives_is_answered_not_crashed(client: TestClient) -> None:
    response = client.post("/v1/okrs/markdown", json={"markdown": "just some prose"})
    assert response.status_code in (200, 422)
    if response.status_code == 422:
        assert response.headers["content-type"].startswith("application/problem+json")


def test_markdown_suppressions_hide_findings_and_unexplained_ones_are_reported(client: TestClient) -> None:
    markdown = (
        "# Grow\n<!-- krquality: disable KRQ101 -- agreed with finance -->\n- Grow revenue 10%\n"
        "<!-- krquality: disable KRQ301 -->\n- Hold reviews\n"
    )
    body = client.post("/v1/okrs/markdown", json={"markdown": markdown}).json()
    results = body["objectives"][0]["results"]
    assert [r["findings"] for r in results] == [[], []]
    assert [f["code"] for f in body["file_findings"]] == ["KRQ900"]
