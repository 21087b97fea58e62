"""Faults against a real ``krquality`` batch process: killed parents, inputs that change, bad models.

Every probe runs the command as a user would (a subprocess), with bounded
waits, and checks what is left behind: exit code, stderr, output files,
checkpoints and processes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

MODELS = Path(__file__).resolve().parents[2] / "models"
WORDS = ("revenue", "churn", "onboarding", "latency", "pipeline", "renewals", "signups", "tickets")


def _krquality(*args: str, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "krquality", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        **kwargs,  # type: ignore[call-overload]
    )


def _run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "krquality", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def _write_krs(path: Path, rows: int) -> None:
    lines = ["team,text"]
    for i in range(rows):
        word = WORDS[i % len(WORDS)]
        start, end = 20 + i % 50, 10 + i % 9
        lines.append(f"t{i % 7},Cut {word} handling time from {start} to {end} minutes by Q{1 + i % 4}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found += [int(child) for child in text.split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


# ---------------------------------------------------------------- processes


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc (Linux)")
def test_workers_die_when_the_parent_is_killed_with_sigkill(tmp_path: Path) -> None:
    source, out = tmp_path / "krs.csv", tmp_path / "out.csv"
    _write_krs(source, 20_000)
    parent = _krquality("classify", str(source), "-o", str(out), "--jobs", "2", "-q", "--no-suggestions")
    try:
        _wait_for(lambda: _lines(out) > 1, timeout=120, what="the first results")
        workers = [pid for pid in _children(parent.pid) if _alive(pid)]
        assert len(workers) >= 2, workers  # the pool's two workers (and maybe its resource tracker)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        _wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=15, what="the workers to exit")
    finally:
        parent.kill()
        parent.communicate(timeout=10)


# ---------------------------------------------------------------- inputs that change


def test_an_input_truncated_while_it_is_read_is_an_error_naming_it(tmp_path: Path) -> None:
    source, out = tmp_path / "krs.csv", tmp_path / "out.csv"
    _write_krs(source, 4_000)
    run = _krquality("classify", str(source), "-o", str(out), "-q", "--no-suggestions")
    try:
        _wait_for(lambda: _lines(out) > 1, timeout=120, what="the first results")
        with source.open("r+b") as handle:  # cut in the middle of a line, as a crashed writer would
            handle.truncate(source.stat().st_size // 2 + 7)
        _, stderr = run.communicate(timeout=120)
    finally:
        run.kill()
    assert run.returncode == 2, stderr
    assert f"{source} changed while it was being read" in stderr
    assert "size" in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_resume_refuses_an_input_changed_in_place_past_its_first_mebibyte(tmp_path: Path) -> None:
    source, out = tmp_path / "krs.csv", tmp_path / "out.csv"
    _write_krs(source, 22_000)
    assert source.stat().st_size > 1 << 20
    checkpoint = tmp_path / "out.csv.krq-resume.json"
    run = _krquality("classify", str(source), "-o", str(out), "-q", "--no-suggestions")
    try:
        _wait_for(checkpoint.exists, timeout=120, what="a checkpoint")
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=10)
    finally:
        run.kill()
        run.communicate(timeout=10)
    data = bytearray(source.read_bytes())
    at = data.rindex(b"minutes")  # same size, one letter changed, far past the first MiB
    data[at] = ord("M")
    source.write_bytes(bytes(data))
    before = out.read_bytes()

    result = _run("classify", str(source), "-o", str(out), "-q", "--no-suggestions", "--resume")
    assert result.returncode == 2, result.stderr
    assert f"{source} changed since the interrupted run (content" in result.stderr
    assert out.read_bytes() == before  # refused before touching the output


# ---------------------------------------------------------------- bad model files


def _broken_model(folder: Path, how: str) -> Path:
    for name in ("krquality-kr.joblib", "krquality-kr.compiled.npz", "krquality-kr.manifest.json"):
        shutil.copy(MODELS / name, folder / name)
    compiled = folder / "krquality-kr.compiled.npz"
    manifest_file = folder / "krquality-kr.manifest.json"
    if how == "truncated and vouched for":  # a consistent but broken deploy: passes the checksum
        compiled.write_bytes(compiled.read_bytes()[:4096])
        manifest = json.loads(manifest_file.read_text())
        manifest["compiled_sha256"] = hashlib.sha256(compiled.read_bytes()).hexdigest()
        manifest_file.write_text(json.dumps(manifest))
    elif how == "truncated":
        compiled.write_bytes(compiled.read_bytes()[:4096])
    else:
        manifest_file.unlink()
    return folder / "krquality-kr.joblib"


@pytest.mark.parametrize(
    ("how", "jobs"), [("truncated and vouched for", "1"), ("no manifest", "1"), ("truncated", "2")]
)
def test_classify_with_a_bad_model_is_one_line_and_exit_2_before_any_output(
    tmp_path: Path, how: str, jobs: str
) -> None:
    model = _broken_model(tmp_path, how)
    source, out = tmp_path / "krs.csv", tmp_path / "out.csv"
    _write_krs(source, 10)
    result = _run("classify", str(source), "-o", str(out), "--jobs", jobs, env={"KRQ_MODEL": str(model)})
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("error: ") and "krquality-kr" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out")) == []


@pytest.mark.parametrize(
    "command",
    [["lint", "{okrs}"], ["lsp"], ["serve", "--port", "9"]],
    ids=["lint", "lsp", "serve"],
)
def test_every_command_reports_a_bad_model_in_one_line(tmp_path: Path, command: list[str]) -> None:
    model = _broken_model(tmp_path, "truncated and vouched for")
    okrs = tmp_path / "okrs.md"
    okrs.write_text("# Objective: Make support faster\n\n- Cut first reply time from 9 h to 2 h\n")
    args = [part.format(okrs=okrs) for part in command]
    result = _run(*args, env={"KRQ_MODEL": str(model), "KRQ_MODEL_PATH": str(model)}, timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: ") and "cannot load compiled model" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stdout == ""
