"""OKR cycles: the period a heading, title or file name states, and when it ends.

A key result under "## Q3 2025" is due at the end of Q3 2025 even if its own
text names no date. :func:`find_cycle` recognises the usual ways of writing
a cycle (a quarter, a half, a fiscal year, a year, a year range, a month, a
season or sprint, a date range); :func:`cycle_end` says when it ends, for the
structured result's deadline.
"""

from __future__ import annotations

import calendar
import re

_YEAR = r"(?:19|20)\d\d"
_SHORT_YEAR = r"(?:'?\d\d)"
_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
_MONTH_WORD = "|".join(sorted((m for m in _MONTHS if m), key=len, reverse=True))

# Order matters: the more specific forms are tried first.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "range",
        re.compile(
            r"\bfrom\s+(?P<a>\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d\d-\d\d)\s+(?:to|until|-|–)\s+"
            r"(?P<b>\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d\d-\d\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "quarter",
        re.compile(
            rf"\b(?P<q>Q[1-4])(?:\s*(?:-|–|&|and|to)\s*(?P<q2>Q[1-4]))?[\s,/'-]*(?:FY\s*)?(?P<y>{_YEAR}|{_SHORT_YEAR})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "quarter",
        re.compile(
            rf"\b(?P<y>{_YEAR})[\s,/-]*(?P<q>Q[1-4])(?:\s*(?:-|–|&|and|to)\s*(?P<q2>Q[1-4]))?\b",
            re.IGNORECASE,
        ),
    ),
    ("half", re.compile(rf"\b(?P<h>H[12])[\s,/'-]*(?P<y>{_YEAR}|{_SHORT_YEAR})\b", re.IGNORECASE)),
    ("half", re.compile(rf"\b(?P<y>{_YEAR})[\s,/-]*(?P<h>H[12])\b", re.IGNORECASE)),
    ("fiscal", re.compile(r"\bFY\s?'?(?P<y>\d{4}|\d\d)(?:[-/](?P<y2>\d{2,4}))?\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?P<m>{_MONTH_WORD})\.?\s+(?P<y>{_YEAR})\b", re.IGNORECASE)),
    ("month", re.compile(rf"(?<!\d)(?P<y>{_YEAR})\s*(?:年\s*)?(?P<mn>1[0-2]|0?[1-9])\s*月")),
    ("years", re.compile(rf"(?<![\d/.-])(?P<y>{_YEAR})\s*(?:-|–|/|to)\s*(?P<y2>{_YEAR}|\d\d)(?![\d/.-])")),
    (
        "season",
        re.compile(r"\b(?P<kind>season|sprint|cycle|term|semester|trimester)\s+(?P<n>\d{1,3})\b", re.I),
    ),
    ("quarter", re.compile(r"\b(?P<q>Q[1-4])(?:\s*(?:-|–|&|and|to)\s*(?P<q2>Q[1-4]))?\b")),
    ("half", re.compile(r"\b(?P<h>H[12])\b")),
    ("year", re.compile(rf"(?<![\d/.:-])(?P<y>{_YEAR})(?![\d/.:-]|\s*年\s*\d)")),
)
# A full date is a day, not a cycle ("Date: 2020-04-08", "posted 3/4/2021").
_FULL_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_YEAR_ONLY = re.compile(rf"^{_YEAR}$")


def _year(text: str) -> int:
    digits = text.strip("'")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def find_cycle(text: str) -> str | None:
    """The OKR cycle ``text`` states, normalised ("Q3 2025", "2021", "H1 2022"), or None.

    A bare quarter or half ("Q4") comes back without a year; a full date is
    not a cycle.

    >>> find_cycle("## OKRs for Q2 2018"), find_cycle("2024 Q2-Q3"), find_cycle("Date: 2020-04-08")
    ('Q2 2018', 'Q2-Q3 2024', None)
    """
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        if kind == "range":
            return f"{groups['a']} to {groups['b']}"
        if kind in ("quarter", "half") and _FULL_DATE.search(text) and groups.get("y") is None:
            continue
        if kind == "quarter":
            quarter = groups["q"].upper() + (f"-{groups['q2'].upper()}" if groups.get("q2") else "")
            return quarter if groups.get("y") is None else f"{quarter} {_year(groups['y'])}"
        if kind == "half":
            half = groups["h"].upper()
            return half if groups.get("y") is None else f"{half} {_year(groups['y'])}"
        if kind == "fiscal":
            return "FY" + groups["y"] + (f"-{groups['y2']}" if groups.get("y2") else "")
        if kind == "month":
            month = _MONTHS[groups["m"].lower()] if groups.get("m") else int(groups["mn"])
            return f"{calendar.month_name[month]} {groups['y']}"
        if kind == "years":
            second = groups["y2"]
            second = second if len(second) == 4 else groups["y"][:2] + second
            if int(second) <= int(groups["y"]):
                continue
            return f"{groups['y']}-{second}"
        if kind == "season":
            return f"{groups['kind'].capitalize()} {groups['n']}"
        if kind == "year":
            if _FULL_DATE.search(text):
                return None
            return groups["y"]
    return None


def with_year(cycle: str, outer: str | None) -> str:
    """A bare quarter or half takes its year from the enclosing cycle ("Q4" under "2017").

    >>> with_year("Q4", "2017"), with_year("Q4 2018", "2017"), with_year("Q4", None)
    ('Q4 2017', 'Q4 2018', 'Q4')
    """
    if outer is not None and re.fullmatch(r"[QH][1-4](?:-Q[1-4])?", cycle) and _YEAR_ONLY.match(outer):
        return f"{cycle} {outer}"
    return cycle


def cycle_end(cycle: str) -> str:
    """When ``cycle`` ends: an ISO date where the cycle says it, else "end of <cycle>".

    >>> cycle_end("Q2 2018"), cycle_end("2021"), cycle_end("H1 2022"), cycle_end("Season 2")
    ('2018-06-30', '2021-12-31', '2022-06-30', 'end of Season 2')
    """
    quarter = re.fullmatch(r"Q[1-4](?:-Q(?P<last>[1-4]))? (?P<y>\d{4})", cycle)
    if quarter is not None:
        last = int(quarter["last"] or cycle[1])
        return _month_end(int(quarter["y"]), last * 3)
    half = re.fullmatch(r"H(?P<h>[12]) (?P<y>\d{4})", cycle)
    if half is not None:
        return _month_end(int(half["y"]), 6 * int(half["h"]))
    if _YEAR_ONLY.match(cycle):
        return f"{cycle}-12-31"
    years = re.fullmatch(r"\d{4}-(?P<y>\d{4})", cycle)
    if years is not None:
        return f"end of {cycle}"
    month = re.fullmatch(r"(?P<m>[A-Z][a-z]+) (?P<y>\d{4})", cycle)
    if month is not None and month["m"].lower() in _MONTHS:
        return _month_end(int(month["y"]), _MONTHS[month["m"].lower()])
    return f"end of {cycle}"


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
