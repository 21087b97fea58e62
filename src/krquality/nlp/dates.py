"""``krq_dates``: dates, periods, durations and deadlines.

"by June 30" -> ``DateRef(normalized="--06-30", is_deadline=True)``;
"Q3 2026" -> "2026-Q3"; "within 6 weeks" -> "P6W"; "EOY" -> "EOY". Word lists
come from ``data/dates.json``; the token patterns that combine them are
built here. The quantities component runs after this one and skips every
token a date claimed, which is how "Q3", "2026" and "June 30" stay out of
the quantities.

Normalised forms: an ISO date ("2027-03-31"), a year-month ("2027-03"),
a month-day without a year in ISO 8601's reduced form ("--06-30"), a month
("--06"), a year ("2026"), a period code ("Q3", "2026-Q3", "H1", "FY27",
"EOY", "EOQ"), or an ISO 8601 duration ("P6W", "P3M"). None when the date
cannot be pinned down ("end of sprint 14", "next quarter", "03/04/2027").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from spacy.attrs import LOWER, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from krquality.features.types import DateRef
from krquality.nlp.extensions import register_extensions
from krquality.nlp.flags import flag_patterns
from krquality.nlp.resources import load_data, lower_set, span_ref
from krquality.nlp.state import DocState, get_state

_YEARS = [str(y) for y in range(1990, 2101)]
_SHORT_YEARS = [f"'{y:02d}" for y in range(15, 60)] + [f"’{y:02d}" for y in range(15, 60)]
_QUARTERS = ["q1", "q2", "q3", "q4"]
_HALVES = ["h1", "h2"]
# "1H 2027", "2H FY27": the half written number first; only beside a year, since "1h" alone is an hour.
_NUMBER_FIRST_HALVES = {"1h": "H1", "2h": "H2"}
_FISCAL = [f"fy{y:02d}" for y in range(15, 60)] + [f"fy{y}" for y in range(2015, 2060)]
_DAYS = [str(d) for d in range(1, 32)] + [f"{d:02d}" for d in range(1, 10)]


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


_ORDINAL_DAYS = [_ordinal(d) for d in range(1, 32)]
_QUARTER_YY = re.compile(r"^[Qq]([1-4])['’](\d{2})$")
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?$")
_MID_YEAR = re.compile(r"^mid-(\d{4})$", re.IGNORECASE)
_DURATION_CODES = {"D": "D", "W": "W", "M": "M", "Y": "Y"}
# Labels that are a date only with a preposition in front ("by May", not "May we").
_NEEDS_PREP = frozenset({"MONTH", "SPRINT", "WEEKDAY", "TBD"})
# The words before which any capitalised name is an event that dates a deadline;
# after "by" a name is more often who does it ("signed off by CISO").
_NAMED_EVENT_PREPS = frozenset({"before", "ahead of", "prior to", "in time for"})
_WEEK_ABBREVIATIONS = ("wk", "cw", "kw")
_DOTTED_SHAPES = ("dd.dd", "d.dd", "dd.d", "d.d")
# School and university calendars: "by half term", "before the Easter holidays".
_TERM_NAMES = ["half", "spring", "summer", "autumn", "winter", "michaelmas", "lent", "easter", "christmas"]
_TERM_WORDS = ["term", "holidays", "holiday", "break", "semester", "recess", "hols"]


# Words before a number-first half that make it an amount of hours: "to 2h", "under 1h".
_AMOUNT_BEFORE = frozenset(
    {
        "to",
        "under",
        "below",
        "within",
        "than",
        "from",
        "of",
        "in",
        "over",
        "about",
        "around",
        "~",
        "<",
        ">",
        "at",
    }
)


def _reads_as_hours(doc: Doc, span: Span, lo: int) -> bool:
    """Whether a "1h 2027"-shaped span follows a word that makes its "1h" an amount of hours."""
    return (
        span[0].lower_ in _NUMBER_FIRST_HALVES
        and span.start > lo
        and doc[span.start - 1].lower_ in _AMOUNT_BEFORE
    )


def _in(words: list[str] | frozenset[str]) -> dict[str, Any]:
    return {"LOWER": {"IN": sorted(words)}}


class DateFinder:
    """Matches date patterns on the body and stores ``doc._.krq_dates``."""

    def __init__(self, nlp: Language) -> None:
        register_extensions()
        data = load_data("dates")
        self.months: dict[str, int] = data["months"]
        self.ambiguous_months = lower_set(data["ambiguous_months"])
        self.deadline_preps = lower_set(data["deadline_preps"])
        self.date_preps = lower_set(data["date_preps"])
        self.period_words: dict[str, str | None] = data["period_words"]
        self.end_units: dict[str, str | None] = data["end_units"]
        self.half_words: dict[str, str] = data["half_words"]
        self.duration_deadline = lower_set(data["duration_deadline_preps"])
        self.time_measure_words = lower_set(data["time_measure_words"])
        time_units: dict[str, str] = load_data("quantities")["time_units"]
        self.time_units = time_units
        self.max_prep_words = max(len(p.split()) for p in self.deadline_preps | self.date_preps)
        self.events: dict[str, list[tuple[str, ...]]] = {}
        for phrase in data["event_words"]:
            words = tuple(phrase.lower().split())
            self.events.setdefault(words[0], []).append(words)
        self.event_heads = frozenset(nlp.vocab.strings.add(head) for head in self.events)
        self.the_hash = nlp.vocab.strings.add("the")
        self._capital_shapes: dict[int, bool] = {}
        self.deadline_ends = frozenset(nlp.vocab.strings.add(p.split()[-1]) for p in self.deadline_preps)
        self.named_event_ends = frozenset(nlp.vocab.strings.add(p.split()[-1]) for p in _NAMED_EVENT_PREPS)
        # Flag patterns (krquality.nlp.flags) are not in spaCy's pattern schema;
        # the patterns are ours and validated in the original form by the tests.
        self.matcher = Matcher(nlp.vocab, validate=False)
        self.vocab = nlp.vocab
        self.trigger_lowers: set[int] = set()
        self.trigger_shapes: set[int] = set()
        self.trigger_after_words: frozenset[int] = frozenset()
        self.conditional_before: frozenset[int] = frozenset()
        self.conditional_after: dict[int, frozenset[int]] = {}
        self.number_shapes: frozenset[int] = frozenset()
        self.dotted_shapes: frozenset[int] = frozenset()
        self.numbered_words: frozenset[int] = frozenset()
        self.prep_words: frozenset[int] = frozenset()
        self.needs_prep: frozenset[int] = frozenset()
        self.any_trigger_lower: frozenset[int] = frozenset()
        self._add_patterns(data, time_units)
        self._add_triggers(nlp)

    def _add_patterns(self, data: dict[str, Any], time_units: dict[str, str]) -> None:
        month = _in(list(self.months))
        day = _in(_DAYS + _ORDINAL_DAYS)
        year = _in(_YEARS)
        quarter = _in(_QUARTERS)
        half = _in(_HALVES)
        half_first = _in(list(_NUMBER_FIRST_HALVES))
        sep = {"ORTH": {"IN": ["-", "/"]}}
        comma = {"ORTH": ",", "OP": "?"}
        quarter_yy = {"LOWER": {"IN": [f"{q}{y}" for q in _QUARTERS for y in _SHORT_YEARS]}}
        numeric_shapes = [
            "dd/dd/dddd",
            "d/d/dddd",
            "dd/d/dddd",
            "d/dd/dddd",
            "dddd/dd/dd",
            "dddd/d/d",
            "dd.dd.dddd",
            "d.d.dddd",
            "dddd-dd-dd",
            "dd/dd/dd",
            "d/d/dd",
        ]
        # "15/6" is a date only after a deadline word ("by 15/6"); "8/10" is a rating.
        short_shapes = ["dd/dd", "d/dd", "dd/d", "d/d"]
        end_single = [u for u in self.end_units if " " not in u]
        duration_units = _in(list(time_units))
        patterns: dict[str, list[list[dict[str, Any]]]] = {
            "QUARTER": [
                [quarter],
                [quarter, year],
                [quarter, sep, year],
                [quarter, {"LOWER": {"IN": [f.lower() for f in _FISCAL]}}],
                [year, sep, quarter],
                [quarter_yy],
            ],
            "HALF": [
                [half],
                [half, year],
                [half, sep, year],
                [year, sep, half],
                [half_first, year],
                [half_first, sep, year],
                [half_first, _in(_FISCAL)],
            ],
            "FISCAL": [[_in(_FISCAL)], [{"LOWER": "fy"}, _in(_YEARS + [y[1:] for y in _SHORT_YEARS[:45]])]],
            "MONTH_DAY": [[month, day], [month, day, comma, year]],
            "DAY_MONTH": [
                [day, month],
                [day, month, year],
                [day, {"LOWER": "of"}, month],
                [day, {"LOWER": "of"}, month, year],
            ],
            "MONTH_YEAR": [[month, year], [month, {"ORTH": ","}, year]],
            "MONTH": [[month]],
            "ISO": [
                [
                    {"SHAPE": "dddd"},
                    {"ORTH": "-"},
                    {"SHAPE": {"IN": ["dd", "d"]}},
                    {"ORTH": "-"},
                    {"SHAPE": {"IN": ["dd", "d"]}},
                ],
                [{"SHAPE": {"IN": numeric_shapes}}],
            ],
            "NUMERIC_SHORT": [[{"SHAPE": {"IN": short_shapes}}]],
            # "bis 30.06.", "by 1.4.": day.month with the closing dot of the European form.
            "DOTTED_DAY": [[{"SHAPE": {"IN": list(_DOTTED_SHAPES)}}]],
            "YEAR": [[year], [_in([f"mid-{y}" for y in _YEARS])]],
            "END_OF": [
                [
                    {"LOWER": {"IN": ["end", "close"]}},
                    {"ORTH": "-", "OP": "?"},
                    {"LOWER": "of"},
                    {"ORTH": "-", "OP": "?"},
                    {"LOWER": "the", "OP": "?"},
                    {"LOWER": {"IN": end_single + _QUARTERS + _HALVES + _YEARS + list(self.months)}},
                ],
                [
                    {"LOWER": {"IN": ["end", "close"]}},
                    {"LOWER": "of"},
                    {"LOWER": "the", "OP": "?"},
                    {"LOWER": {"IN": ["fiscal", "school", "okr"]}},
                    {"LOWER": {"IN": ["year", "cycle"]}},
                ],
                [
                    {"LOWER": {"IN": ["end", "close"]}},
                    {"LOWER": "of"},
                    {"LOWER": "the", "OP": "?"},
                    {"LOWER": {"IN": ["sprint", "iteration", "week", "cycle", "phase"]}},
                    {"SHAPE": {"IN": ["d", "dd"]}},
                ],
                [{"LOWER": {"IN": ["end", "close"]}}, {"LOWER": "of"}, _in(_FISCAL)],
                [
                    {"LOWER": {"IN": ["year", "quarter", "month", "half"]}},
                    {"ORTH": "-", "OP": "?"},
                    {"LOWER": "end"},
                ],
                [{"LOWER": "mid"}, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["year", "quarter"]}}],
            ],
            "PERIOD": [[_in([w for w in self.period_words if "-" not in w])]],
            "DURATION": [
                [
                    {"LOWER": {"IN": ["within", "in", "over", "inside", "after", "for"]}},
                    {"LOWER": "the", "OP": "?"},
                    {"LOWER": {"IN": ["next", "first", "coming"]}, "OP": "?"},
                    {"LIKE_NUM": True},
                    duration_units,
                ],
                [
                    {"LOWER": {"IN": ["within", "in", "over", "inside", "after", "for"]}},
                    {"LOWER": "the", "OP": "?"},
                    {"LOWER": {"IN": ["next", "first", "coming"]}, "OP": "?"},
                    {"LOWER": {"IN": ["a", "an", "one"]}},
                    duration_units,
                ],
                [
                    {"LOWER": {"IN": ["within", "over", "during"]}},
                    {"LOWER": "the"},
                    {"LOWER": {"IN": ["next", "coming", "first"]}},
                    duration_units,
                ],
            ],
            "RELATIVE": [
                [
                    {"LOWER": {"IN": ["this", "next", "coming", "current", "following", "upcoming"]}},
                    _in(load_data("dates")["relative_units"]),
                ]
            ],
            "HALF_WORDS": [
                [
                    {"LOWER": {"IN": ["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"]}},
                    {"LOWER": {"IN": ["half", "quarter"]}},
                    {"LOWER": "of", "OP": "?"},
                    year,
                ]
            ],
            "HALF_WORDS_BARE": [
                [
                    {"LOWER": {"IN": ["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"]}},
                    {"LOWER": {"IN": ["half", "quarter"]}},
                ]
            ],
            "SPRINT": [[{"LOWER": {"IN": ["sprint", "week", "iteration"]}}, {"SHAPE": {"IN": ["d", "dd"]}}]],
            # A calendar week in its short forms is a date with or without "by":
            # "out of dock wk 19", "go-live CW 23", "KW 12".
            "CALENDAR_WEEK": [[{"LOWER": {"IN": list(_WEEK_ABBREVIATIONS)}}, {"SHAPE": {"IN": ["d", "dd"]}}]],
            "TERM": [[_in(_TERM_NAMES), {"ORTH": "-", "OP": "?"}, _in(_TERM_WORDS)]],
            "WEEKDAY": [[_in(load_data("dates")["weekdays"])]],
            "TBD": [[_in(load_data("dates")["placeholder_dates"])]],
        }
        for label, label_patterns in patterns.items():
            self.matcher.add(label, flag_patterns(self.vocab, label_patterns))
        self._patterns = patterns

    def _add_triggers(self, nlp: Language) -> None:
        """Words and shapes that let a date pattern match, as string hashes.

        The matcher is the costliest step of the pipeline, so it runs only on
        bodies with a trigger. Words that are common outside dates ("week",
        "close", "half") trigger only next to the word that makes them one.
        """
        strings = nlp.vocab.strings

        def hashes(words: Iterable[str]) -> frozenset[int]:
            return frozenset(strings.add(w) for w in words)

        dates = load_data("dates")
        # (word, its neighbours that make it a trigger): before it / after it.
        unit_words = [*self.time_units, *dates["relative_units"], "half", "quarter"]
        before = [
            *dates["relative_words"],
            "within",
            "in",
            "over",
            "inside",
            "after",
            "for",
            "first",
            "second",
            "third",
            "fourth",
            "1st",
            "2nd",
            "3rd",
            "4th",
            "the",
        ]
        self.trigger_after_words = hashes(before)
        self.conditional_before = hashes(unit_words)
        self.conditional_after = {
            strings.add(w): hashes(after)
            for w, after in (
                ("end", ["of", "-"]),
                ("close", ["of"]),
                ("mid", ["-", "year", "quarter"]),
                ("year", ["end", "-"]),
                ("quarter", ["end", "-"]),
                ("month", ["end", "-"]),
                ("half", ["term", "-"]),
            )
        }
        self.number_shapes = hashes(["d", "dd"])
        self.dotted_shapes = hashes(_DOTTED_SHAPES)
        self.numbered_words = hashes(["sprint", "week", "iteration", *_WEEK_ABBREVIATIONS])
        self.prep_words = hashes([p for p in self.deadline_preps | self.date_preps if " " not in p])
        self.needs_prep = hashes([*dates["weekdays"], *dates["placeholder_dates"]])
        skip = {
            "DURATION",
            "RELATIVE",
            "DAY_MONTH",
            "HALF_WORDS",
            "HALF_WORDS_BARE",
            "END_OF",
            "SPRINT",
            "CALENDAR_WEEK",
            "DOTTED_DAY",  # a trigger only before its closing dot (_first_trigger): "1.5" is common
            "WEEKDAY",
            "TBD",
        }
        for label, label_patterns in self._patterns.items():
            if label in skip:
                continue
            for pattern in label_patterns:
                first = pattern[0]
                if "LOWER" in first:
                    value = first["LOWER"]
                    words = value["IN"] if isinstance(value, dict) and "IN" in value else [value]
                    self.trigger_lowers.update(strings.add(w) for w in words if isinstance(w, str))
                elif "SHAPE" in first:
                    value = first["SHAPE"]
                    shapes = value["IN"] if isinstance(value, dict) else [value]
                    self.trigger_shapes.update(strings.add(w) for w in shapes)
        self.trigger_lowers.difference_update(self.conditional_before | set(self.conditional_after))
        self.any_trigger_lower = frozenset(
            self.trigger_lowers
            | self.conditional_before
            | set(self.conditional_after)
            | self.numbered_words
            | self.needs_prep
        )

    def __call__(self, doc: Doc) -> Doc:
        self.run(doc, get_state(doc))
        return doc

    def run(self, doc: Doc, state: DocState) -> None:
        """Fill in this step's part of ``state`` (what ``__call__`` does, for composite components)."""
        self._run_matcher(doc, state)
        self._add_events(doc, state)

    def _add_events(self, doc: Doc, state: DocState) -> None:
        """Events that date a deadline: "by GA", "before Black Friday", "ahead of KubeCon"."""
        lo, hi = state.body_start, state.body_end
        if hi - lo < 2:
            return
        # One array read instead of a Token per word: this runs on every key result.
        rows = doc.to_array([LOWER, SHAPE])[lo:hi].tolist()
        taken = {k for start, end in state.date_tokens for k in range(start, end)}
        found: list[tuple[int, int]] = []
        for jj in range(1, len(rows)):
            lower, shape = rows[jj]
            j = lo + jj
            if j in taken or lower == self.the_hash:
                continue
            before = j - 1 if rows[jj - 1][0] != self.the_hash else j - 2
            if before < lo or before in taken:
                continue
            # Cheap tests first, on hashes: most words start no event.
            prev = rows[before - lo][0]
            event = lower in self.event_heads and prev in self.deadline_ends
            if not (event or (prev in self.named_event_ends and self._capital(shape))):
                continue
            prep, prep_start = self._preposition(doc, before + 1, lo)
            if prep is None or prep not in self.deadline_preps:
                continue
            end = self._event_end(doc, j, hi, named=prep in _NAMED_EVENT_PREPS)
            if end:
                found.append((prep_start, end))
                taken.update(range(prep_start, end))
        if found:
            dates = list(state.dates) + [DateRef(span_ref(doc, a, b), None, True) for a, b in found]
            ranges = list(state.date_tokens) + found
            order = sorted(range(len(dates)), key=lambda k: ranges[k][0])
            state.dates = tuple(dates[k] for k in order)
            state.date_tokens = tuple(ranges[k] for k in order)

    def _capital(self, shape: int) -> bool:
        """Whether a word of this shape starts with a capital ("Xxxx", "XxxxXxx", "XX")."""
        known = self._capital_shapes.get(shape)
        if known is None:
            known = self._capital_shapes[shape] = self.vocab.strings[shape].startswith("X")
        return known

    def _event_end(self, doc: Doc, j: int, hi: int, *, named: bool) -> int:
        """The end of an event starting at token ``j``, or 0."""
        for words in self.events.get(doc[j].lower_, ()):
            end = j + len(words)
            if end <= hi and tuple(t.lower_ for t in doc[j:end]) == words:
                return end
        if not named:
            return 0
        end = j
        while end < hi and end < j + 3 and _is_name(doc[end].text):
            end += 1
        return end if end > j else 0

    def _run_matcher(self, doc: Doc, state: DocState) -> None:
        lo, hi = state.body_start, state.body_end
        first = self._first_trigger(doc, lo, hi) if lo < hi else -1
        if first < 0:
            return  # most key results have no date: skip the matcher
        # Patterns start at most 4 tokens before their trigger ("within the next 6 weeks"),
        # and the matcher's cost grows with the tokens it sees.
        window = doc[max(lo, first - 4) : hi]
        spans = filter_spans(self.matcher(window, as_spans=True))
        body = doc[lo:hi]
        time_measured: bool | None = None
        dates: list[DateRef] = []
        ranges: list[tuple[int, int]] = []
        for span in spans:
            label = span.label_
            prep, prep_start = self._preposition(doc, span.start, lo)
            if label in _NEEDS_PREP and prep is None:
                continue
            if (
                label == "NUMERIC_SHORT"
                and prep not in self.deadline_preps
                and not self._on_day(doc, prep, span.end)
            ):
                continue
            if label == "DOTTED_DAY" and not (
                prep in self.deadline_preps and _dotted_day_ends(doc, span.end)
            ):
                continue
            if label == "DURATION":
                if time_measured is None:
                    time_measured = any(t.lower_ in self.time_measure_words for t in body)
                if time_measured:
                    continue  # "Resolve tickets within 2 days" states a threshold, left to quantities
            if label == "HALF" and _reads_as_hours(doc, span, lo):
                continue
            normalized = self._normalize(label, span)
            if normalized is _REJECT:
                continue
            if label == "YEAR" and prep is None and not self._bare_year_ok(doc, span, hi):
                continue
            if label == "MONTH" and span[0].lower_ in self.ambiguous_months and not span[0].is_title:
                continue
            start = prep_start if prep is not None else span.start
            is_deadline = prep is not None and prep in self.deadline_preps
            if label == "DURATION":
                is_deadline = span[0].lower_ in self.duration_deadline
            normalized_text = normalized if isinstance(normalized, str) else None
            dates.append(DateRef(span_ref(doc, start, span.end), normalized_text, is_deadline))
            ranges.append((start, span.end))
        state.dates = tuple(dates)
        state.date_tokens = tuple(ranges)

    @staticmethod
    def _on_day(doc: Doc, prep: str | None, end: int) -> bool:
        """ "on 1/4" is a day, "on 1/4 of the stores" a fraction."""
        return prep == "on" and (end >= len(doc) or doc[end].lower_ != "of")

    def _first_trigger(self, doc: Doc, lo: int, hi: int) -> int:
        """Index of the first token that lets a date pattern match, else -1 (hash lookups only)."""
        array = doc.to_array([LOWER, SHAPE])[lo:hi]
        shapes = array[:, 1].tolist()
        if (
            self.any_trigger_lower.isdisjoint(array[:, 0].tolist())
            and self.trigger_shapes.isdisjoint(shapes)
            and self.dotted_shapes.isdisjoint(shapes)
        ):
            return -1  # one C-level set test settles most key results
        rows = array.tolist()
        n = len(rows)
        for k, (lower, shape) in enumerate(rows):
            if lower in self.trigger_lowers or shape in self.trigger_shapes:
                return lo + k
            nxt = rows[k + 1] if k + 1 < n else None
            if lower in self.conditional_before and any(
                row[0] in self.trigger_after_words for row in rows[max(0, k - 4) : k]
            ):
                return lo + k
            if nxt is not None:
                after = self.conditional_after.get(lower)
                if after is not None and nxt[0] in after:
                    return lo + k
                if lower in self.numbered_words and nxt[1] in self.number_shapes:
                    return lo + k
            if lower in self.needs_prep and k > 0 and rows[k - 1][0] in self.prep_words:
                return lo + k
            if shape in self.dotted_shapes and _dotted_day_ends(doc, lo + k + 1):
                return lo + k
        return -1

    def _preposition(self, doc: Doc, start: int, floor: int) -> tuple[str | None, int]:
        """The longest date preposition ending right before token ``start`` ("no later than").

        A "the" in between is allowed: "by the end of the year", "in the first half".
        """
        best: tuple[str | None, int] = (None, start)
        ends = [start]
        if start - 1 >= floor and doc[start - 1].lower_ == "the":
            ends.append(start - 1)
        for stop in ends:
            words: list[str] = []
            for j in range(stop - 1, max(floor, stop - self.max_prep_words) - 1, -1):
                words.insert(0, doc[j].lower_)
                phrase = " ".join(words)
                if (phrase in self.deadline_preps or phrase in self.date_preps) and j < best[1]:
                    best = (phrase, j)
        return best

    def _bare_year_ok(self, doc: Doc, span: Span, body_end: int) -> bool:
        """A year with no preposition: "2026 roadmap" and "2025 emissions report" are
        dates, "2025 paying customers" a count (the noun it qualifies is plural)."""
        head = None
        for k in range(span.end, min(body_end, span.end + 4)):
            token = doc[k]
            if token.text in ("%", "k", "K", "+"):
                return False
            if token.tag_ not in ("JJ", "VBG", "NN", "NNP", "NNS", "NNPS"):
                break
            head = token
        if head is not None and head.tag_ in ("NNS", "NNPS"):
            return False
        return not (
            span.start > 0 and doc[span.start - 1].text in ("$", "€", "£", "to", "from", "of", "than")
        )

    def _normalize(self, label: str, span: Span) -> str | object | None:
        words = [t.lower_ for t in span]
        if label == "QUARTER":
            quarter = next((w.upper() for w in words if w in _QUARTERS), None)
            match = _QUARTER_YY.match(span.text)
            if match:
                return f"20{match.group(2)}-Q{match.group(1)}"
            year = next((w for w in words if w in _YEARS_SET), None)
            fiscal = next((w.upper() for w in words if w.startswith("fy")), None)
            if fiscal:
                return f"{fiscal}-{quarter}"
            return f"{year}-{quarter}" if year else quarter
        if label == "HALF":
            half = next(
                w.upper() if w in _HALVES else _NUMBER_FIRST_HALVES[w]
                for w in words
                if w in _HALVES or w in _NUMBER_FIRST_HALVES
            )
            year = next((w for w in words if w in _YEARS_SET), None)
            fiscal = next((w.upper() for w in words if w.startswith("fy")), None)
            if fiscal:
                return f"{fiscal}-{half}"
            return f"{year}-{half}" if year else half
        if label == "FISCAL":
            digits = "".join(c for c in span.text if c.isdigit())
            return f"FY{digits[-2:]}"
        if label in ("MONTH_DAY", "DAY_MONTH", "MONTH_YEAR", "MONTH"):
            return self._month_date(words)
        if label in ("ISO", "NUMERIC_SHORT"):
            return _numeric_date(span.text.replace(" ", ""))
        if label == "DOTTED_DAY":
            day, month = (int(part) for part in span.text.split("."))
            return _day_month_iso(day, month) or _REJECT
        if label == "YEAR":
            mid = _MID_YEAR.match(span.text)
            return f"{mid.group(1)}-MOY" if mid else span.text
        if label == "END_OF":
            return self._end_of(words)
        if label == "PERIOD":
            return self.period_words.get(words[0])
        if label == "DURATION":
            return self._duration(span)
        if label in ("HALF_WORDS", "HALF_WORDS_BARE"):
            code = self.half_words.get(f"{words[0]} {words[1]}")
            year = next((w for w in words if w in _YEARS_SET), None)
            return f"{year}-{code}" if code and year else code
        return None

    def _month_date(self, words: list[str]) -> str | object | None:
        month = next((self.months[w] for w in words if w in self.months), None)
        day = next((int(re.sub(r"\D", "", w)) for w in words if w in _DAY_SET), None)
        year = next((int(w) for w in words if w in _YEARS_SET), None)
        if month is None:
            return None
        if day is not None:
            try:
                dt.date(year or 2024, month, day)  # 2024 is a leap year: "Feb 29" stays valid
            except ValueError:
                return _REJECT
            return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        return f"{year:04d}-{month:02d}" if year else f"--{month:02d}"

    def _end_of(self, words: list[str]) -> str | None:
        words = [w for w in words if w not in ("-", "end", "close", "of", "the", "mid")]
        if not words:
            return None
        tail = words[-1]
        if len(words) == 1 and tail in ("year", "quarter") and "mid" in words:
            return "MOY"
        if tail in _QUARTERS or tail in _HALVES:
            return tail.upper()
        if tail.startswith("fy"):
            return f"FY{tail[-2:]}"
        if tail in _YEARS_SET:
            return f"{tail}-12-31"
        if tail in self.months:
            month = self.months[tail]
            last_day = (dt.date(2023 + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
            return f"--{month:02d}-{last_day:02d}"
        return self.end_units.get(" ".join(words)) or self.end_units.get(tail)

    def _duration(self, span: Span) -> str | None:
        unit_token = span[-1].lower_
        code = self.time_units.get(unit_token)
        number_token = span[-2]
        if number_token.lower_ in ("the", "next", "coming", "first"):
            amount: float | None = 1.0
        else:
            from krquality.nlp.numbers import parse_number_word_or_digits

            amount = parse_number_word_or_digits(number_token.lower_)
        if code is None or code == "SPRINT" or amount is None or amount != int(amount):
            return None
        if code == "Q":
            return f"P{int(amount) * 3}M"
        return f"P{int(amount)}{_DURATION_CODES[code]}"


_REJECT = object()
_YEARS_SET = frozenset(_YEARS)
_DAY_SET = frozenset(_DAYS + _ORDINAL_DAYS)


def _numeric_date(text: str) -> str | None:
    """ "2027-03-31" / "30/06/2027" / "06/30/2027" -> ISO; day-first vs month-first ambiguity -> None."""
    match = _NUMERIC_DATE.match(text)
    if not match:
        return None
    a, b, c = match.group(1), match.group(2), match.group(3)
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c or 0)
    elif c is None:
        return _day_month(int(a), int(b), None)
    else:
        year = int(c) if len(c) == 4 else 2000 + int(c)
        return _day_month(int(a), int(b), year)
    return _iso(year, month, day)


def _is_name(text: str) -> bool:
    """A capitalised word, an acronym or a camel-cased name: "KubeCon", "AGM", "Money20"."""
    return text[:1].isupper() and (text.isalpha() or any(c.isdigit() for c in text)) and len(text) > 1


def _dotted_day_ends(doc: Doc, end: int) -> bool:
    """Whether the closing dot of "30.06." follows token ``end - 1`` (the body leaves it out)."""
    return end < len(doc) and doc[end].text == "." and not doc[end - 1].whitespace_


def _day_month_iso(day: int, month: int) -> str | None:
    """ "--06-30" for a real day and month (day first), else None."""
    try:
        dt.date(2024, month, day)
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


def _day_month(a: int, b: int, year: int | None) -> str | None:
    if a > 12 and b <= 12:
        day, month = a, b
    elif b > 12 and a <= 12:
        month, day = a, b
    else:
        return None  # "03/04/2027": March 4 or April 3?
    if year is None:
        return _day_month_iso(day, month)
    return _iso(year, month, day)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@Language.factory("krq_dates")
def make_date_finder(nlp: Language, name: str) -> DateFinder:
    """spaCy factory for :class:`DateFinder`.

    >>> from krquality.nlp import build_nlp
    >>> build_nlp()("Ship it by June 30")._.krq_dates[0].normalized
    '--06-30'
    """
    return DateFinder(nlp)


# -- time frames that are not dates ---------------------------------------------------------------
#
# A rate or a recurring period ("per week", "each quarter", "daily", "a month")
# and a release or planning event ("by GA", "by the Q3 planning") frame a key
# result in time as well as a date does. They stay out of ``krq_dates`` (the
# model's features read those), and the checks and rewrite drafts ask
# :func:`time_frame_spans` instead of testing ``features.dates`` alone.

_PERIOD_NOUNS = (
    r"day|days|week|weeks|fortnight|month|months|quarter|quarters|year|years|term|semester|sprint|sprints|"
    r"release|releases|cycle|cycles|season|iteration|iterations|meeting|meetup|session|event|batch|cohort|"
    r"weekday|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|hour|hours|night|evening|"
    r"morning|shift|semester|academic year|school year|fiscal year|financial year|okr cycle|okr period"
)
_RATE = re.compile(
    r"(?:\b(?:per|each|every|a|an|one|once|twice|times)\s+(?:(?:other|single|calendar|working|business|"
    r"two|three|four|six|\d+)\s+)?(?:" + _PERIOD_NOUNS + r")\b)"
    r"|\b(?:daily|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|yearly|annually|annual|"
    r"nightly|hourly|semi-?annually|biannually|year-?round|ongoing basis|regular basis)\b"
    r"|(?:/\s?(?:day|week|wk|month|mo|quarter|qtr|year|yr)\b)"
    r"|\b(?:mo[mn]|wo[wm]|qo[qq]|yo[yy]|q-?o-?q|y-?o-?y|m-?o-?m)\b"
    r"|\b(?:this|the|next|current|each|every)\s+(?:okr\s+)?(?:quarter|half|year|cycle|semester|term|season)\b"
    r"|\b(?:by|before|ahead of|at|for|until|in time for)\s+(?:the\s+)?(?:ga|launch|release|go-?live|beta|"
    r"alpha|rc|general availability|(?:q[1-4]\s+)?planning|kick-?off|offsite|off-site|all-hands|summit|"
    r"conference|demo day|code freeze|feature freeze|end of (?:the\s+)?(?:cycle|okr period|period|program|"
    r"programme|project|academy|course|cohort|batch|event|season|term|semester|it))\b"
    # the run of a programme the key result belongs to: "during the cohort", "within the agreed period"
    r"|\b(?:during|throughout)\s+(?:the|this|each|every)\s+(?:batch|cohort|sprint|programme|program|course|"
    r"academy|bootcamp|residency|pilot)\b"
    r"|\bwithin\s+the\s+(?:agreed|defined|contracted|contract|project|programme|program)\s+"
    r"(?:time\s+)?(?:period|time\s?frame|window)\b"
    r"|(?:\[\s*(?:q[1-4]|h[12]|20\d\d)[^\]]{0,12}\])"
    # a point inside the cycle: "by halfway through the term", "before the middle of the term", "by mid-Q3"
    r"|\b(?:by|before|until|at)\s+(?:the\s+)?(?:halfway|mid-?way|midpoint|middle)(?:\s+(?:point|mark))?\s+"
    r"(?:through|of|into)\s+(?:the\s+)?(?:okr\s+)?(?:quarter|qtr|half|year|cycle|semester|term|season|sprint"
    r"|month|q[1-4])\b"
    r"|\b(?:by|before|until)\s+mid-?(?:quarter|qtr|year|cycle|term|semester|month|sprint|q[1-4])\b"
    # a deadline counted from an event: "no later than 10 days after the fair", "within 2 days of each match"
    r"|\b(?:no\s+later\s+than|at\s+the\s+latest|within|inside)\s+(?:\d+|one|two|three|four|five|six|seven|"
    r"eight|ten|twelve)\s+(?:working\s+|business\s+|calendar\s+)?(?:hours?|days?|weeks?|months?)\s+"
    r"(?:after|of|following|from)\s+(?:the|each|every|its|their|a|an|our)\b",
    re.IGNORECASE,
)


def time_frame_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of rates, recurring periods and events that frame ``text`` in time.

    >>> text = "Publish one case study per month"
    >>> [text[a:b] for a, b in time_frame_spans(text)]
    ['per month']
    >>> [text for text in ("Read a book a month", "Ship the SDK by GA", "Run the survey daily")
    ...  if time_frame_spans(text)] == ["Read a book a month", "Ship the SDK by GA", "Run the survey daily"]
    True
    >>> text = "Open the booking desk by halfway through the term"
    >>> [text[a:b] for a, b in time_frame_spans(text)]
    ['by halfway through the term']
    >>> text = "Post the photos no later than 5 days after each match"
    >>> [text[a:b] for a, b in time_frame_spans(text)]
    ['no later than 5 days after each']
    >>> time_frame_spans("Launch the partner portal")
    []
    """
    return list(_time_frames(text))


# A key result and its drafts ask about the same few texts (its body, each draft's) some nine
# times an analysis, and the pattern is long: the last texts' spans are kept, a fresh list each call.
@lru_cache(maxsize=256)
def _time_frames(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _RATE.finditer(text))
