"""The server's side of the LSP base protocol: frames in, malformed ones answered, never a freeze.

pygls reads a frame only when its header is exactly ``Content-Length: N\\r\\n``;
anything else (``Content-Length: abc``, no length, ``\\n`` line ends) makes it
read the body as more header lines, and it waits forever: the server no
longer answers even ``shutdown``. A request whose params do not deserialize
is logged and never answered. This module reads frames itself:

- header lines may end in ``\\r\\n`` or ``\\n``; names are case-insensitive;
- a frame without a usable ``Content-Length`` is answered with a JSON-RPC
  parse error (id ``null``) and logged on stderr; reading resumes at the next
  ``Content-Length`` header, even one glued to the unreadable body;
- a body that is not JSON gets a parse error (-32700), one that is not a
  JSON-RPC message an invalid request (-32600), a request whose params do not
  fit its method invalid params (-32602) with the request's id;
- a frame larger than :data:`MAX_FRAME_BYTES`, or the end of the input, ends
  the server cleanly with a message.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass
from typing import Any

from cattrs import ClassValidationError, transform_error
from pygls.exceptions import JsonRpcInternalError, JsonRpcInvalidParams
from pygls.protocol import JsonRPCProtocol

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES = 256 * 1024 * 1024
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602

_CONTENT_LENGTH = re.compile(rb"content-length[ \t]*:", re.IGNORECASE)
_HEADER = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*(.*?)[ \t]*")


@dataclass(frozen=True, slots=True)
class Frame:
    """One frame read: its body, or why it could not be read (``error``), or the end (``eof``)."""

    body: bytes | None = None
    error: str | None = None
    eof: bool = False
    fatal: bool = False


def parse_content_length(value: bytes) -> int | None:
    """The frame length a ``Content-Length`` value gives, or None when it is not a length.

    >>> parse_content_length(b"52"), parse_content_length(b"abc"), parse_content_length(b"-1")
    (52, None, None)
    """
    text = value.strip()
    if not text.isdigit() or len(text) > 12:
        return None
    return int(text)


async def read_frame(reader: Any) -> Frame:
    """Read the next frame's headers and body from ``reader`` (see the module's rules)."""
    length: int | None = None
    problem: str | None = None
    seen_header = False
    while True:
        line = await reader.readline()
        if not line:
            return Frame(eof=True)
        content = line.rstrip(b"\r\n")
        if not content.strip():
            if not seen_header:
                continue  # blank lines between frames carry nothing
            break
        if not seen_header:
            # A header at the start of a line, or glued to the end of a body we could not read.
            found = _CONTENT_LENGTH.search(content)
            if found is None and _HEADER.fullmatch(content) is None:
                problem = problem or "bytes that are not a frame header"
                continue
            if found is not None and found.start() > 0 and _HEADER.fullmatch(content) is None:
                content = content[found.start() :]
        seen_header = True
        match = _HEADER.fullmatch(content)
        if match is None:
            problem = f"a malformed header line {content[:60]!r}"
            continue
        if match.group(1).lower() == b"content-length":
            length = parse_content_length(match.group(2))
            if length is None:
                problem = f"Content-Length {match.group(2)[:40].decode('latin-1')!r} is not a number of bytes"
    if length is None:
        return Frame(error=problem or "a frame without a Content-Length header")
    if length > MAX_FRAME_BYTES:
        return Frame(error=f"a frame of {length:,} bytes (the limit is {MAX_FRAME_BYTES:,})", fatal=True)
    body = await reader.readexactly(length) if length else b""
    if len(body) < length:
        return Frame(eof=True)
    return Frame(body=body)


def _describe(error: BaseException) -> str:
    """What is wrong with a message's params, in one line (cattrs says where: ``$.params.x``)."""
    if isinstance(error, ClassValidationError):
        return "; ".join(transform_error(error, path="$"))[:300]
    return " ".join(str(error).split())[:300]


def _send_error(protocol: JsonRPCProtocol, msg_id: Any, code: int, message: str) -> None:
    protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}})


def handle_body(protocol: JsonRPCProtocol, body: bytes) -> None:
    """Decode one frame's body and hand the message to ``protocol``, answering what cannot be handled."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        logger.error("a frame's body is not JSON: %s", e)
        _send_error(protocol, None, PARSE_ERROR, f"the message is not valid JSON: {e}")
        return
    if not isinstance(data, dict) or data.get("jsonrpc") != JsonRPCProtocol.VERSION:
        logger.error("a frame's body is not a JSON-RPC 2.0 message")
        _send_error(protocol, data.get("id") if isinstance(data, dict) else None, INVALID_REQUEST,
                    "not a JSON-RPC 2.0 message")
        return
    try:
        message = protocol.structure_message(data)
    except (JsonRpcInvalidParams, JsonRpcInternalError) as e:
        method = data.get("method")
        detail = _describe(e.__cause__ if e.__cause__ is not None else e)
        logger.error("invalid params for %s: %s", method, detail)
        if "id" in data and isinstance(method, str):
            _send_error(protocol, data["id"], INVALID_PARAMS, f"invalid params for {method}: {detail}")
        return  # a notification gets no answer, by the protocol's rules; it is logged
    try:
        protocol.handle_message(message)
    except Exception:  # one message must never cost the connection
        logger.exception("cannot handle a %s message", data.get("method", "response"))


async def serve_frames(stop_event: threading.Event, reader: Any, protocol: JsonRPCProtocol) -> None:
    """Read frames until ``exit``, the end of the input or a fatal frame; malformed ones are answered."""
    while not stop_event.is_set():
        frame = await read_frame(reader)
        if frame.eof:
            logger.info("the client closed the connection")
            return
        if frame.error is not None:
            if frame.fatal:
                logger.error("stopping: %s", frame.error)
                _send_error(protocol, None, PARSE_ERROR, f"stopping: {frame.error}")
                return
            logger.error("skipped a malformed frame: %s", frame.error)
            _send_error(protocol, None, PARSE_ERROR, f"malformed frame skipped: {frame.error}")
            continue
        if frame.body is not None:
            handle_body(protocol, frame.body)
