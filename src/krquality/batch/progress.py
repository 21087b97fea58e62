"""Progress of a batch run: a rich bar on a terminal, nothing when piped or quiet."""

from __future__ import annotations

import sys
import time
from typing import IO, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class ProgressReporter(Protocol):
    """What the runner tells about its progress; implement it to show progress elsewhere."""

    def start(self, *, total: int | None, unit: str, rows_done: int) -> None:
        """The run begins; ``total`` is in ``unit`` (bytes or rows), ``rows_done`` were done before."""

    def update(self, *, rows: int, position: int) -> None:
        """``rows`` handled so far in all (written or failed); ``position`` of ``total`` read."""

    def finish(self) -> None:
        """The run ended (finished or interrupted)."""


class RichProgress:
    """A rich progress bar on stderr: share done, rows, rows per second, time left."""

    def __init__(self, *, stream: IO[str] | None = None) -> None:
        self.console = Console(file=stream or sys.stderr)
        self.progress = Progress(
            TextColumn("[bold]classifying"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rows]:,} rows"),
            TextColumn("{task.fields[rate]:,.0f} rows/s"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self._task: TaskID | None = None
        self._started = 0.0
        self._first_rows = 0

    def start(self, *, total: int | None, unit: str, rows_done: int) -> None:
        self._started = time.perf_counter()
        self._first_rows = rows_done
        self.progress.start()
        self._task = self.progress.add_task("classify", total=total, rows=rows_done, rate=0.0)

    def update(self, *, rows: int, position: int) -> None:
        if self._task is None:
            return
        elapsed = time.perf_counter() - self._started
        rate = (rows - self._first_rows) / elapsed if elapsed > 0 else 0.0
        self.progress.update(self._task, completed=position, rows=rows, rate=rate)

    def finish(self) -> None:
        if self._task is not None:
            task = self.progress.tasks[0]
            if task.total is not None and task.finished is False and task.completed >= task.total:
                self.progress.update(self._task, completed=task.total)
        self.progress.stop()


def make_progress(*, quiet: bool = False, stream: IO[str] | None = None) -> ProgressReporter | None:
    """A :class:`RichProgress` if ``stream`` (default stderr) is a terminal and not ``quiet``, else ``None``.

    >>> make_progress(quiet=True) is None
    True
    """
    stream = stream or sys.stderr
    if quiet or not stream.isatty():
        return None
    return RichProgress(stream=stream)
