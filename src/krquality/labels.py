"""The three key-result labels (see ``../shared/labelling-guide.md``)."""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    """What kind of statement a key result is, as written.

    >>> Label("metric") is Label.METRIC
    True
    """

    METRIC = "metric"
    MILESTONE = "milestone"
    TASK = "task"


LABELS: tuple[Label, ...] = (Label.METRIC, Label.MILESTONE, Label.TASK)
