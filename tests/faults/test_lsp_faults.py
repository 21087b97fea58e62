"""Faults against a real language server process, through a raw stdio client.

The client writes bytes, not messages, so it can send what a broken or
hostile editor would: malformed frame headers, params of the wrong shape,
changes to documents it never opened, documents far past the key-result cap.
The server is the real one (``create_server().start_io()``) with the test
stub backend (``tests/lsp/stub.py``), so no model is loaded; every wait is
bounded.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

pytestmark = pytest.mark.slow

STUB_SERVER = Path(__file__).resolve().parents[1] / "lsp" / "stub.py"
TIMEOUT = 20.0

Message = dict[str, Any]


class RawClient:
    """A language client that speaks bytes: frames are written as given, answers parsed strictly."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(STUB_SERVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.received: queue.Queue[Message] = queue.Queue()
        self.stderr = bytearray()
        assert self.process.stdout is not None and self.process.stderr is not None
        threading.Thread(target=self._read_frames, args=(self.process.stdout,), daemon=True).start()
        threading.Thread(target=self._read_stderr, args=(self.process.stderr,), daemon=True).start()
        self._next_id = 0

    def _read_frames(self, stream: IO[bytes]) -> None:
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line == b"\r\n":
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None, "the server sent a frame without Content-Length"
            self.received.put(json.loads(stream.read(length)))

    def _read_stderr(self, stream: IO[bytes]) -> None:
        while chunk := stream.read1(4096):  # type: ignore[attr-defined]
            self.stderr += chunk

    def send_raw(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: Message) -> None:
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method: str, params: Any = None) -> int:
        self._next_id += 1
        self.send({"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params})
        return self._next_id

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def messages(self, timeout: float = TIMEOUT) -> Iterator[Message]:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                yield self.received.get(timeout=left)
            except queue.Empty:
                break

    def wait_for(
        self, accept: Callable[[Message], bool], what: str, seen: list[Message] | None = None
    ) -> Message:
        for message in self.messages():
            if seen is not None:
                seen.append(message)
            if accept(message):
                return message
        pytest.fail(
            f"no {what} within {TIMEOUT:.0f} s; stderr: {self.stderr.decode(errors='replace')[-2000:]}"
        )

    def response(self, msg_id: int | None, seen: list[Message] | None = None) -> Message:
        return self.wait_for(
            lambda m: "method" not in m and m.get("id") == msg_id, f"answer to {msg_id}", seen
        )

    def initialize(self, options: Message | None = None) -> None:
        msg_id = self.request(
            "initialize",
            {"processId": None, "rootUri": None, "capabilities": {}, "initializationOptions": options},
        )
        assert "result" in self.response(msg_id)
        self.notify("initialized", {})

    def shutdown_and_exit(self) -> int:
        assert "result" in self.response(self.request("shutdown"))
        self.notify("exit", None)
        return self.process.wait(timeout=TIMEOUT)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def _started() -> RawClient:
    raw = RawClient()
    raw.initialize({"krquality": {"maxKeyResults": 10, "suggestions": False}})
    return raw


@pytest.fixture(scope="module")
def client() -> Iterator[RawClient]:
    """One server for the probes that leave it running: each checks it still answers afterwards."""
    raw = _started()
    try:
        yield raw
    finally:
        raw.close()


@pytest.fixture
def own_client() -> Iterator[RawClient]:
    """A server of its own, for a probe that ends it."""
    raw = _started()
    try:
        yield raw
    finally:
        raw.close()


def _still_answers(client: RawClient) -> None:
    assert "result" in client.response(client.request("textDocument/hover", HOVER))


HOVER = {"textDocument": {"uri": "file:///nowhere/q3.md"}, "position": {"line": 0, "character": 0}}


def _body(msg_id: int) -> bytes:
    return json.dumps(
        {"jsonrpc": "2.0", "id": msg_id, "method": "textDocument/hover", "params": HOVER}
    ).encode()


@pytest.mark.parametrize(
    "header",
    [
        b"Content-Length: abc\r\n\r\n",
        b"Content-Type: application/vscode-jsonrpc\r\n\r\n",
        b"Content-Length: -4\r\n\r\n",
    ],
    ids=["not-a-number", "no-content-length", "negative"],
)
def test_a_malformed_frame_header_gets_an_error_and_the_server_recovers(
    client: RawClient, header: bytes
) -> None:
    client.send_raw(header + _body(900))
    error = client.response(None)
    assert error["error"]["code"] == -32700
    assert "malformed frame" in error["error"]["message"]
    _still_answers(client)  # not frozen
    assert b"malformed frame" in client.stderr


def test_lf_only_line_ends_are_read(client: RawClient) -> None:
    body = _body(901)
    client.send_raw(b"Content-Length: %d\n\n" % len(body) + body)
    assert client.response(901)["result"] is None


def test_a_body_that_is_not_json_gets_a_parse_error(client: RawClient) -> None:
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    assert client.response(None)["error"]["code"] == -32700
    _still_answers(client)


def test_a_frame_too_large_ends_the_server_cleanly(own_client: RawClient) -> None:
    own_client.send_raw(b"Content-Length: 99999999999\r\n\r\n{}")
    assert "stopping" in own_client.response(None)["error"]["message"]
    assert own_client.process.wait(timeout=TIMEOUT) == 0


def test_after_a_malformed_frame_shutdown_and_exit_still_work(own_client: RawClient) -> None:
    own_client.send_raw(b"Content-Length: abc\r\n\r\n" + _body(902))
    assert own_client.shutdown_and_exit() == 0


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("textDocument/hover", {"textDocument": 5, "position": {"line": 0, "character": 0}}),
        ("textDocument/codeAction", {"textDocument": {"uri": "file:///x.md"}}),
        ("textDocument/hover", None),
    ],
)
def test_a_request_with_params_that_do_not_deserialize_gets_invalid_params(
    client: RawClient, method: str, params: Any
) -> None:
    msg_id = client.request(method, params)
    error = client.response(msg_id)["error"]
    assert error["code"] == -32602
    assert method in error["message"]
    _still_answers(client)


def test_a_change_to_a_document_never_opened_is_ignored_quietly(client: RawClient) -> None:
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": "file:///never/opened.md", "version": 2},
            "contentChanges": [{"text": "# O\n"}],
        },
    )
    seen: list[Message] = []
    logged_before = len(client.stderr)
    client.response(client.request("textDocument/hover", HOVER), seen)
    shown = [m for m in seen if m.get("method") in ("window/showMessage", "window/logMessage")]
    assert not any(m["params"]["type"] == 1 for m in shown), shown  # no error shown to the user
    assert b"KeyError" not in client.stderr[logged_before:]


def test_past_the_cap_key_results_are_skipped_not_counted_as_missing(client: RawClient) -> None:
    # 30 objectives of 3 key results; the cap (maxKeyResults 10) falls inside the fourth.
    text = "".join(
        f"## Objective: Grow region {i}\n\n- Raise repeat orders to {i + 20}%\n- Launch depot {i} by May\n"
        f"- Ship courier app {i} by June\n\n"
        for i in range(30)
    )
    uri = "file:///okrs/big.md"
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
    )
    published = client.wait_for(
        lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri,
        "diagnostics",
    )
    diagnostics = published["params"]["diagnostics"]
    # The stub's set check (KRQ501: fewer than two key results) must not fire on objectives
    # whose key results were skipped, nor on the one the cap cut.
    assert [d for d in diagnostics if d["code"] == "KRQ501"] == []
    notes = [d for d in diagnostics if d["code"] == "input"]
    assert len(notes) == 1
    assert "maxKeyResults" in notes[0]["message"] and "79 after it are skipped" in notes[0]["message"]
    assert notes[0]["range"]["start"]["line"] == 3 * 6 + 3  # the fourth objective's second key result
