"""``/v1/feedback`` on a real running service: concurrent clients lose nothing, a restart keeps all."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from .server import krquality_command, start_server

CLIENTS = 32
EACH = 4


@pytest.mark.slow
def test_concurrent_corrections_survive_a_restart(feedback_db: str) -> None:
    env = {"KRQ_FEEDBACK_DB": feedback_db, "KRQ_ACCESS_LOG": "false"}
    server = start_server([*krquality_command(), "serve"], env=env)
    try:

        async def client(i: int, http: httpx.AsyncClient) -> list[int]:
            ids = []
            for j in range(EACH):
                body = {"text": f"Open pop-up clinic number {i}-{j}", "label": "milestone", "user": f"ed-{i}"}
                response = await http.post(f"{server.url}/v1/feedback", json=body)
                assert response.status_code == 201, response.text
                ids.append(response.json()["id"])
            return ids

        async def everyone() -> list[int]:
            async with httpx.AsyncClient(timeout=60) as http:
                done = await asyncio.gather(*(client(i, http) for i in range(CLIENTS)))
            return [n for ids in done for n in ids]

        ids = asyncio.run(everyone())
        assert len(set(ids)) == CLIENTS * EACH
        listed = httpx.get(f"{server.url}/v1/feedback", params={"limit": 1000}, timeout=30).json()
        assert listed["total"] == CLIENTS * EACH
        assert {item["id"] for item in listed["items"]} == set(ids)
        corrected = httpx.post(
            f"{server.url}/v1/classify", json={"text": "Open pop-up clinic number 7-2"}
        ).json()
        assert corrected["label"] == "milestone" and corrected["confident"] is True
    finally:
        server.stop()

    again = start_server([*krquality_command(), "serve"], env=env)
    try:
        listed = httpx.get(f"{again.url}/v1/feedback", params={"limit": 1000}, timeout=30).json()
        assert {item["id"] for item in listed["items"]} == set(ids)
        corrected = httpx.post(
            f"{again.url}/v1/classify", json={"text": "open pop-up clinic number 31-0"}
        ).json()
        assert corrected["evidence"][0]["reason"].startswith("corrected by 1 user to milestone")
    finally:
        again.stop()
