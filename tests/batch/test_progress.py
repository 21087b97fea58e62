"""The progress bar: shown on a terminal, silent when piped or quiet."""

from __future__ import annotations

import io

from krquality.batch.progress import RichProgress, make_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_or_piped_means_no_progress() -> None:
    assert make_progress(quiet=True, stream=Terminal()) is None
    assert make_progress(stream=io.StringIO()) is None


def test_terminal_gets_a_bar_with_rows_per_second_and_time_left() -> None:
    stream = Terminal()
    progress = make_progress(stream=stream)
    assert isinstance(progress, RichProgress)
    progress.start(total=1000, unit="bytes", rows_done=0)
    progress.update(rows=40, position=500)
    progress.finish()
    shown = stream.getvalue()
    assert "classifying" in shown and "40 rows" in shown and "rows/s" in shown and "left" in shown
