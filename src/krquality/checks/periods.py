"""Which of a key result's dates frame it in time, and which only name a period.

The date finder (``krq_dates``, whose output the model reads) marks every period
name. Two kinds say nothing about when the key result is due:

- a period name used as a label or a heading: "H2: reliability - cut paging alerts
  by 30%", a list of phases "(Q1 - triage, Q2 - automation)";
- an open bound: "beyond 2030", "after 2027", "since 2024" start a span with no end.

"by Q1", "in Q1" and a cycle tag with its year ("Q1 2027: ...") stay time frames.
"""

from __future__ import annotations

import re

from krquality.features.types import DateRef, Features

# A bare quarter or half, written with no year: "Q1", "H2", "1H".
_BARE_PERIOD = re.compile(r"^(?:[QqHh][1-4]|[12][Hh])$")
# The separator after a period name used as a label: "Q1 - ", "H2: ", "Q3 – ".
_LABEL_SEPARATOR = re.compile(r"\s*(?:[-–—:=]|->)\s*")
# A heading of one to three words closed by a separator of its own: "reliability - ", "learning: ".
_HEADING = re.compile(r"[\w&+/'’]+(?:\s+[\w&+/'’]+){0,2}?\s*(?:[-–—:]|->)\s")
# Words that open a span with no end: "beyond 2030", "after 2027", "since 2024", "post-2026"
# ("from May" starts work at a date and is left a time frame).
_OPEN_BOUND = re.compile(r"(?:\b(?:beyond|after|since)\s+(?:the\s+)?|\bpost-?\s*)$", re.IGNORECASE)

# Normalised dates that name a point on the calendar: "2027", "2027-Q1", "H2", "FY27", "2027-06".
_CALENDAR_POINT = re.compile(r"^(?:\d{4}(?:-(?:[QH][1-4]|\d{2}))?|[QH][1-4]|FY\d{2}(?:-[QH][1-4])?)$")


def framing_dates(features: Features) -> tuple[DateRef, ...]:
    """The dates that say when the key result is due: all but period labels and open bounds.

    >>> from krquality.features.types import DateRef, Form, SpanRef
    >>> def dates(text, *found):
    ...     spans = [SpanRef(text.index(d), text.index(d) + len(d), d) for d in found]
    ...     refs = tuple(DateRef(span, span.text.split()[-1], False) for span in spans)
    ...     body = SpanRef(0, len(text), text)
    ...     kept = framing_dates(Features(text, body, Form.IMPERATIVE, None, dates=refs))
    ...     return [d.span.text for d in kept]
    >>> dates("H2: reliability - cut paging alerts by 30%", "H2")
    []
    >>> dates("Keep the archive readable beyond 2030", "2030")
    []
    >>> dates("Q1 2027: open the supplier portal", "Q1 2027"), dates("Open the portal in Q1", "in Q1")
    (['Q1 2027'], ['in Q1'])
    """
    dates = features.dates
    if not dates:
        return dates
    text = features.text
    labels = [d for d in dates if _labels_what_follows(text, d)]
    # Two or more periods each followed by a separator list phases, whatever follows them.
    phases = [d for d in dates if _period_then_separator(text, d)]
    dropped = set(map(id, labels)) | (set(map(id, phases)) if len(phases) > 1 else set())
    return tuple(d for d in dates if id(d) not in dropped and not _open_bound(text, d))


def _period_then_separator(text: str, date: DateRef) -> bool:
    """Whether ``date`` is a bare quarter or half ("Q1", no year, no preposition) before a separator."""
    if _BARE_PERIOD.match(date.span.text.strip()) is None:
        return False
    return _LABEL_SEPARATOR.match(text, date.span.end) is not None


def _labels_what_follows(text: str, date: DateRef) -> bool:
    """Whether a bare period heads a short heading closed by its own separator: "H2: reliability - ..."."""
    if not _period_then_separator(text, date):
        return False
    separator = _LABEL_SEPARATOR.match(text, date.span.end)
    return separator is not None and _HEADING.match(text, separator.end()) is not None


def _open_bound(text: str, date: DateRef) -> bool:
    """Whether ``date`` opens a span with no end: "beyond 2030", "after 2027" (unless an end follows).

    Only a point on the calendar (a year, a quarter or half, a fiscal year) opens one;
    "within 2 days after month end" ties work to a recurring moment, which frames it.
    """
    if _CALENDAR_POINT.match(date.normalized or "") is None:
        return False
    span = date.span.text.lower()
    lead = next((w for w in ("beyond ", "after ", "since ") if span.startswith(w)), None)
    opened = lead is not None or _OPEN_BOUND.search(text, 0, date.span.start) is not None
    if not opened:
        return False
    # "from 2025 to 2027", "after May and by July": the span has an end after all
    return re.match(r"\s*(?:to|until|till|through|-|–)\s", text[date.span.end :]) is None
