"""Start the real service in a subprocess on a free loopback port, and stop it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port nobody listens on right now, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def krquality_command() -> list[str]:
    """The installed ``krquality`` script of this interpreter's environment."""
    script = shutil.which("krquality", path=str(Path(sys.executable).parent))
    if script is None:  # pragma: no cover - the package is installed in the venv
        raise RuntimeError(f"no krquality script beside {sys.executable}")
    return [script]


@dataclass
class Server:
    """A running service: its base URL, process and log file."""

    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    started: float
    ready_after: float = 0.0

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM (a graceful shutdown), then SIGKILL if it does not exit in time."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return int(self.process.returncode)


def start_server(
    command: list[str],
    *,
    env: dict[str, str] | None = None,
    port: int | None = None,
    ready_timeout: float = 90.0,
) -> Server:
    """Run ``command`` with ``KRQ_HOST=127.0.0.1`` and a free ``KRQ_PORT``; wait for ``/readyz``."""
    port = port or free_port()
    full_env = {
        **os.environ,
        "KRQ_HOST": "127.0.0.1",
        "KRQ_PORT": str(port),
        "KRQ_LOG_LEVEL": "warning",
        **(env or {}),
    }
    handle, name = tempfile.mkstemp(prefix="krq-server-", suffix=".log")
    os.close(handle)
    log_path = Path(name)
    with log_path.open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=full_env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    server = Server(url=f"http://127.0.0.1:{port}", process=process, log_path=log_path, started=started)
    deadline = time.monotonic() + ready_timeout
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}:\n{server.log()}")
            try:
                if client.get(f"{server.url}/readyz").status_code == 200:
                    server.ready_after = time.perf_counter() - started
                    return server
            except httpx.TransportError:
                pass
            time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"server not ready after {ready_timeout} s:\n{server.log()}")
