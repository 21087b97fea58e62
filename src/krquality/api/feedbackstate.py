"""The service's corrections store and the index of standing corrections it keeps current.

The store opens in the background at start-up, as the model does, and only if
it exists already: a service that never gets a correction creates no file. The
first correction creates it. If the store cannot be used (a file that is not a
database, a lock held too long, a server down) the ``/v1/feedback`` routes
answer 503 with the reason, and classification goes on with the corrections
last read. The index is attached to the analyzer
(:attr:`krquality.engine.Analyzer.corrections`): a correction stored through
this worker changes it at once; corrections stored through another worker or
process are picked up within ``Settings.feedback_refresh`` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import anyio.to_thread
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from krquality.errors import FeedbackStoreError
from krquality.feedback import (
    CorrectionIndex,
    FeedbackStore,
    database_url,
    default_path,
    normalize_text,
    resolve,
)
from krquality.feedback.store import open_store
from krquality.feedback.types import Override

if TYPE_CHECKING:
    from krquality.api.settings import Settings
    from krquality.engine import Analyzer

logger = logging.getLogger("krquality.api")


class FeedbackState:
    """The store (once open), the index, and why the store is unavailable if it is."""

    def __init__(self, settings: Settings) -> None:
        self.location = settings.feedback_db or str(default_path())
        self.apply = settings.feedback_apply
        self.refresh = settings.feedback_refresh
        self.busy_timeout = settings.feedback_busy_timeout
        self.index = CorrectionIndex()
        self.store: FeedbackStore | None = None
        self.error: str | None = None
        self._open_lock = threading.Lock()
        self._task: asyncio.Task[None] | None = None
        self._warned: str | None = None
        try:
            url = make_url(database_url(self.location))
        except ArgumentError:  # reported when the store is opened, as a 503 with the reason
            self._file = None
        else:
            self._file = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None

    def attach(self, analyzer: Analyzer) -> None:
        """Let ``analyzer`` answer corrected texts with their corrected label (unless turned off)."""
        if self.apply:
            analyzer.corrections = self.index

    async def start(self) -> None:
        """Open the store (if it exists) and keep the index current, in the background."""
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            try:
                await anyio.to_thread.run_sync(self._refresh)
            except FeedbackStoreError as e:  # keep the index as it is, and try again
                if str(e) != self._warned:  # once per new reason, not every few seconds
                    logger.warning("corrections not refreshed: %s", e)
                self._warned = str(e)
            else:
                self._warned = None
            await asyncio.sleep(self.refresh)

    def _open(self, *, create: bool) -> FeedbackStore | None:
        with self._open_lock:
            if self.store is not None:
                return self.store
            if not create and self._file is not None and not self._file.exists():
                return None
            try:
                self.store = open_store(self.location, busy_seconds=self.busy_timeout)
            except FeedbackStoreError as e:
                if self.error != str(e):
                    logger.error("the corrections store is unavailable: %s", e)
                self.error = str(e)
                raise
            self.error = None
            return self.store

    def _refresh(self) -> None:
        store = self._open(create=False)
        if store is None or not self.apply:
            return
        revision = store.revision()
        if revision != self.index.revision:
            self.index.reload(store.all(), revision=revision)

    def require(self) -> FeedbackStore:
        """The store, opened (and created) if need be; :class:`FeedbackStoreError` with the
        reason if it cannot be. Blocks: call it from a worker thread."""
        store = self._open(create=True)
        if store is None:  # pragma: no cover - create=True opens or raises
            raise FeedbackStoreError(f"cannot open {self.location}")
        return store

    def settle(self, text: str) -> Override | None:
        """Re-resolve ``text``'s corrections after a write, so the index changes at once; the
        text's standing correction, if any (blocks: call it from a worker thread)."""
        key = normalize_text(text)
        resolved = resolve(self.require().for_text(text)).get(key)
        override = resolved.override if resolved is not None else None
        if self.apply:
            self.index.put(key, override)
        return override

    async def close(self) -> None:
        """Stop refreshing and close the store."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self.store is not None:
            await anyio.to_thread.run_sync(self.store.close)
