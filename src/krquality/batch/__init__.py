"""Batch classification of files: streaming, parallel, resumable (see ``docs/batch.md``).

>>> from krquality.batch import classify_file  # doctest: +SKIP
>>> classify_file("backlog.csv", "results.parquet", jobs=2).exit_code  # doctest: +SKIP
0
"""

from __future__ import annotations

from krquality.batch.errorsfile import ERROR_COLUMNS, default_errors_path
from krquality.batch.progress import ProgressReporter, RichProgress, make_progress
from krquality.batch.readers import InputRow, Reader, open_reader
from krquality.batch.resume import InputChangedError, ResumeError, checkpoint_path
from krquality.batch.rows import RESULT_COLUMNS, output_row, result_to_row, row_id
from krquality.batch.runner import BatchSummary, classify_file
from krquality.batch.writers import Writer, open_writer

__all__ = [
    "ERROR_COLUMNS",
    "RESULT_COLUMNS",
    "BatchSummary",
    "InputChangedError",
    "InputRow",
    "ProgressReporter",
    "Reader",
    "ResumeError",
    "RichProgress",
    "Writer",
    "checkpoint_path",
    "classify_file",
    "default_errors_path",
    "make_progress",
    "open_reader",
    "open_writer",
    "output_row",
    "result_to_row",
    "row_id",
]
