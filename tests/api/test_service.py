"""``service/``: the Dockerfile's command line, the gunicorn config, flags, graceful shutdown."""

from __future__ import annotations

import json
import os
import runpy
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from .server import ROOT, krquality_command, start_server

DOCKERFILE = ROOT / "service" / "Dockerfile"
# uvicorn re-raises SIGTERM once its graceful shutdown is done, so a clean
# stop ends "killed by SIGTERM" (exit 143 in a shell, as Docker reports it).
CLEAN_EXIT = (0, -signal.SIGTERM)


def dockerfile_lines() -> list[str]:
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def dockerfile_cmd() -> list[str]:
    cmd = [line for line in dockerfile_lines() if line.startswith("CMD ")][-1]
    argv = json.loads(cmd.removeprefix("CMD "))
    assert isinstance(argv, list) and all(isinstance(a, str) for a in argv)
    return argv


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for line in dockerfile_lines():
        if line.startswith("ENV "):
            for pair in line.removeprefix("ENV ").split():
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def test_the_image_is_multi_stage_and_runs_as_a_non_root_user() -> None:
    lines = dockerfile_lines()
    assert sum(line.startswith("FROM ") for line in lines) >= 2
    users = [line.removeprefix("USER ").strip() for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert lines.index(f"USER {users[-1]}") < max(
        i for i, line in enumerate(lines) if line.startswith("CMD ")
    )


@pytest.mark.slow
def test_the_image_command_serves_a_ready_model() -> None:
    """Run the Dockerfile's CMD as it is, with the image's KRQ_* settings, on loopback."""
    argv = dockerfile_cmd()
    env = {k: v for k, v in dockerfile_env().items() if k.startswith("KRQ_")}
    env.pop("KRQ_MODEL")  # /app/models in the image; the source tree's models here
    env.pop("KRQ_HOST")  # 0.0.0.0 in the image; loopback only here
    env.pop("KRQ_PORT")
    bin_dir = str(Path(krquality_command()[0]).parent)
    env["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    server = start_server(argv, env=env)  # start_server sets KRQ_HOST=127.0.0.1 and a free KRQ_PORT
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            assert client.get("/readyz").json()["status"] == "ready"
            assert client.post("/v1/classify", json={"text": "Ship offline mode in 5.2"}).status_code == 200
    finally:
        assert server.stop() in CLEAN_EXIT


def test_the_gunicorn_config_reads_the_same_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRQ_HOST", "0.0.0.0")
    monkeypatch.setenv("KRQ_PORT", "9123")
    monkeypatch.setenv("KRQ_WORKERS", "3")
    monkeypatch.setenv("KRQ_GRACEFUL_TIMEOUT", "12")
    config = runpy.run_path(str(ROOT / "service" / "gunicorn.conf.py"))
    assert config["bind"] == ["0.0.0.0:9123"]
    assert (config["workers"], config["graceful_timeout"]) == (3, 12)
    assert config["worker_class"] == "krquality.api.worker.GuardedUvicornWorker"
    assert config["keepalive"] == 5
    module, _, factory = config["wsgi_app"].partition(":")
    assert factory == "create_app()" and callable(__import__(module, fromlist=["x"]).create_app)
    assert config["accesslog"] == "-"
    monkeypatch.setenv("KRQ_ACCESS_LOG", "false")
    assert runpy.run_path(str(ROOT / "service" / "gunicorn.conf.py"))["accesslog"] is None


GUNICORN_WORKER = """
import runpy, sys
config = runpy.run_path(sys.argv[1])
config["post_fork"](None, None)
try:
    import pandas
except ModuleNotFoundError:
    print("pandas kept out")
"""


def test_gunicorn_workers_keep_pandas_out_before_the_app_loads() -> None:
    # In a child process: keeping pandas out is for good in the process that does it.
    run = subprocess.run(
        [sys.executable, "-c", GUNICORN_WORKER, str(ROOT / "service" / "gunicorn.conf.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert run.stdout.strip() == "pandas kept out"


@pytest.mark.slow
@pytest.mark.parametrize(("flags", "logged"), [([], True), (["--no-access-log"], False)])
def test_the_access_log_can_be_turned_off(flags: list[str], logged: bool) -> None:
    server = start_server([*krquality_command(), "serve", *flags], env={"KRQ_LOG_LEVEL": "info"})
    try:
        response = httpx.post(f"{server.url}/v1/classify", json={"text": "Ship the export API"}, timeout=30)
        assert response.status_code == 200
    finally:
        assert server.stop() in CLEAN_EXIT
    log = server.log()
    assert "Application startup complete" in log  # info lines are there either way
    assert ('"POST /v1/classify HTTP/1.1" 200' in log) is logged


@pytest.mark.slow
def test_flags_reach_every_worker_process() -> None:
    server = start_server([*krquality_command(), "serve", "--workers", "2", "--max-chars", "40"])
    try:
        answered = 0
        # Each worker loads its own model; on a busy shared machine that can take minutes.
        deadline = time.monotonic() + 240
        with httpx.Client(base_url=server.url, timeout=60) as client:
            while answered < 6 and time.monotonic() < deadline:  # new connections reach both workers
                response = client.post(
                    "/v1/classify",
                    json={"text": "Increase weekly active teams to 400 by Q3"},
                    headers={"Connection": "close"},
                )
                if response.status_code == 503:  # the other worker is still loading its model
                    time.sleep(0.1)
                    continue
                assert response.status_code == 422
                assert "limit is 40" in response.json()["detail"]
                answered += 1
        assert answered == 6
    finally:
        assert server.stop() in CLEAN_EXIT


@pytest.mark.slow
def test_shutdown_lets_in_flight_requests_finish() -> None:
    server = start_server([*krquality_command(), "serve"])
    texts = [f"Reduce churn from {i}% to {i / 2}% by Q4" for i in range(1, 1001)]
    outcome: dict[str, object] = {}

    def send() -> None:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            outcome["response"] = client.post("/v1/classify/batch", json={"texts": texts})

    sender = threading.Thread(target=send)
    sender.start()
    time.sleep(0.3)  # the batch is being analysed
    server.process.send_signal(signal.SIGTERM)
    sender.join(timeout=60)
    assert server.process.wait(timeout=60) in CLEAN_EXIT
    response = outcome["response"]
    assert isinstance(response, httpx.Response) and response.status_code == 200
    assert response.json()["n_ok"] == 1000
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{server.url}/healthz", timeout=2)


def test_serve_refuses_a_missing_model_file(tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run(
        [*krquality_command(), "serve", "--model", str(tmp_path / "none.joblib")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no model file" in result.stderr


def test_serve_refuses_a_bad_setting() -> None:
    import subprocess

    result = subprocess.run(
        [*krquality_command(), "serve", "--port", "70000"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "KRQ_PORT" in result.stderr
