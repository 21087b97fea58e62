"""The structure of a key result before any draft: its core words, metadata and time frame.

A rewrite starts from the *core*: the body (``features.body``, without
bullets, numbering and owner tags) with any owner, priority, status or link
details still in it taken off its ends (``P0:``, ``[Accountable - @sam]``,
``(see https://...)``). A draft is built from the core only, so metadata is
never copied into a rewrite. The structure also says whether the key result
already has a time frame (a date, a rate such as "per week", an event such as
"by GA"), whether it runs over more than one sentence, and how long it is:
an edited draft never adds a second time frame, and a date is not appended to
several sentences or to a long text, where "by [date]" would land in the
wrong place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from krquality.checks.helpers import has_time_frame
from krquality.checks.wording import metadata_spans
from krquality.features.types import Features

# A Markdown link: "[text](address)"; group 1 is the "](address)" part's start..end.
_LINK = re.compile(r"\[[^\[\]]+(\]\([^)\s]*\))")
# A sentence ends inside the core: ". " or "? " or "! " before more words.
# (not after "e.g." or "i.e.", which open an example inside the sentence)
_SENTENCE_BREAK = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)[.!?]\s+\S", re.I)
_TRAILING = " \t.;,:!"
# Past this many words, "by [date]" at the end would sit far from the verb it dates.
MAX_WORDS_FOR_DATE = 20
# A cycle tag the author put beside the key result: "[Q2]", "(H1 2026)", "[Q3-25]", "(2026)".
# It is the key result's time frame even though the body leaves it out.
_CYCLE_TAG = re.compile(
    r"[\[(]\s*(?P<tag>(?:[QqHh][1-4]|[Tt][1-3])(?:\s*[-/ ]?\s*(?:20)?\d{2})?"
    r"|20\d{2}(?:\s*[-/ ]?\s*[QqHh][1-4])?)\s*[\])]"
)
# Ready for an event: the event is the time frame ("Plans are ready for the Lisbon summit").
_READY_FOR = re.compile(
    r"\b(?:ready|done|complete|completed|finished|prepared|in place|set)\s+(?:for|before)\s+(?:the\s+)?[A-Z]"
)
# Attending an event: the event is the time frame ("12 tutors attend the teaching summit at FieldCon").
_EVENT_BOUND = re.compile(
    r"\b(?:attend(?:s|ed|ing)?|join(?:s|ed)?|present(?:s|ed)?|speak(?:s)?|spoke|exhibit(?:s|ed)?)\b"
    r"(?:\s+\S+){0,8}?\s+(?:at|during)\s+(?:the\s+)?[A-Z0-9]"
)

# Bound to one named event: the event is the time frame ("Demo the kiosk at the All Hands",
# "Ship offline mode for the 2.0 release", "... before the spring fair"). One event, named with a
# determiner; not events counted ("at 5 fairs") or recurring ("at each fair", which bounds no
# cycle), nor a kind of work ("a launch plan").
_AT_EVENT = re.compile(
    r"\b(?:at|during|before|for|in\s+time\s+for|ahead\s+of)\s+(?:the|our|this|next)\s+"
    r"(?:[\w.-]+\s+){0,3}?"
    r"(?:all[- ]hands|summit|conference|offsite|off-site|retreat|town\s*hall|kick-?off|launch|release|"
    r"meetup|AGM|general\s+meeting|fair|festival|demo\s+day|hackathon|expo|showcase|open\s+day|"
    r"congress|symposium|convention)\b(?!\s+(?:plan|notes|checklist|process|page|post|strategy)s?\b)",
    re.IGNORECASE,
)

# The words that lead into a date or a rate ("by the end of | June", "at the end of | each week").
DATE_LEAD = re.compile(r"(?:\b(?:by|before|until|till|in|within|on|at|during|the|end|of)\s+)+$", re.I)
_OWN_PREPOSITION = re.compile(r"\s*(?:by|before|until|till|in|within|on|at|during)\b", re.I)


def date_lead_start(text: str, date_start: int, floor: int = 0) -> int:
    """Where the phrase of the date starting at ``date_start`` starts, with the words leading
    into it; ``date_start`` when there are none.

    A date that opens with its own preposition takes no more ("3 talks presented at | in Q2":
    the "at" belongs to "presented").

    >>> text = "Launch the app by the end of June"
    >>> text[date_lead_start(text, text.index("June")):]
    'by the end of June'
    >>> text = "3 talks presented at in Q2"
    >>> text[date_lead_start(text, text.index("in Q2")):]
    'in Q2'
    """
    if _OWN_PREPOSITION.match(text, date_start):
        return date_start
    match = DATE_LEAD.search(text, floor, date_start)
    return match.start() if match is not None else date_start


# A preposition right before a trailing address: the address is the place the sentence names.
_NAMES_PLACE = re.compile(r"\b(?:on|at|to|in|into|from|via|for)\s*$", re.I)
# An address (one word with a dot or a slash) ending the text, after the body.
_PLACE_AFTER = re.compile(r"\s+(?=\S*[./])[^\s\[\]()]+?(?=[.;,:!]*\s*$)")
# A period the key result names as its own ("back inside the agreed loan window", "within the
# given time frame", "by the end of the course"): a time frame, though no date is written.
_OWN_PERIOD = re.compile(
    r"\b(?:within|inside|during)\s+(?:the|each|its|their)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:time\s*(?:period|frame)|timeframe|window|deadline|period)\b"
    # the end of something the key result names: "by the end of it", "by the end of the course"
    r"|\bby\s+the\s+end\s+of\s+(?:it|them|(?:the|this|each|every)\s+[a-z-]+)\b",
    re.I,
)
# A sentence that opens with its own time frame ("After the launch, ...", "Within a month of ...").
_OPENS_WITH_TIME = re.compile(
    r"(?:after|before|during|within|until|once|in the (?:first|last|next))\b", re.I
)


@dataclass(frozen=True, slots=True)
class Structure:
    """Where the core of the key result is, and what it already has."""

    start: int  # the core's span in features.text
    end: int
    inner_metadata: bool  # owner/priority/link details inside the core, not at its ends
    time_frame: bool  # a date, a rate or period, or an event
    sentences: int
    words: int
    link_marks: tuple[tuple[int, int], ...] = ()  # "[" and "](address)" of Markdown links in the core
    question: bool = False  # "Fix the name cache?": an open question, not a result to date
    trails_off: bool = False  # "... (example: ads, questions…)": an unfinished list, nothing to date
    cycle_tag: str | None = None  # "Q2" of "[Q2]" beside the body: the time frame, written as a tag

    def core(self, text: str) -> str:
        """The core of ``text`` with its Markdown links read as their words ("the [Seed
        Forum](https://...)" -> "the Seed Forum"): the address is metadata no draft copies.

        >>> shape = Structure(0, 35, False, False, 1, 4, link_marks=((9, 10), (14, 30)))
        >>> shape.core("Grow the [Tool](https://e.org) list")
        'Grow the Tool list'
        """
        kept, at = [], self.start
        for a, b in self.link_marks:
            kept.append(text[at:a])
            at = b
        kept.append(text[at : self.end])
        return "".join(kept)

    @property
    def can_take_date(self) -> bool:
        """Whether "by [date]" can be appended: no time frame yet, one sentence, not long."""
        return (
            not self.time_frame
            and self.sentences == 1
            and self.words <= MAX_WORDS_FOR_DATE
            and not self.question
            and not self.trails_off
        )

    @property
    def can_take_leading_date(self) -> bool:
        """Whether "By [date], " can open a sentence too long to take it at its end: no time
        frame yet, one sentence, not a question or an unfinished list.

        >>> Structure(0, 9, False, False, 1, 25).can_take_leading_date
        True
        """
        return (
            not self.time_frame
            and self.sentences == 1
            and self.words > MAX_WORDS_FOR_DATE
            and not self.question
            and not self.trails_off
        )


@lru_cache(maxsize=256)
def structure_of(features: Features) -> Structure:
    """The structure of a key result from its features.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "P0: Ship the offline mode [Accountable - @dana]"
    >>> s = structure_of(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None))
    >>> text[s.start : s.end], s.time_frame, s.can_take_date
    ('Ship the offline mode', False, True)

    Cached: drafting and judging ask for the structure of the same key result several times.
    """
    text = features.text
    body = features.body
    start, end = body.start, body.start + len(body.text.rstrip(_TRAILING))
    if (place := _PLACE_AFTER.match(text, end)) is not None and _NAMES_PLACE.search(text, start, end):
        end = place.end()  # "views on example.org/docs": the body left out the address it names
    links = [(m.start(), m.start(1), m.end(1)) for m in _LINK.finditer(text, start, end)]
    addresses = {(b, d) for _, b, d in links}
    spans = sorted(s for s in metadata_spans(text) if s[1] > start and s[0] < end and s not in addresses)
    for a, b in spans:  # leading tags: "P0: 1.0: ..."
        if not text[start:a].strip(_TRAILING):
            start = max(start, b)
    end = reference_start(text, start, end)  # "... the booking form. ([ticket](https://...))"
    for a, b in reversed(spans):  # trailing tags: "... [Accountable - @sam] [Involved - @kim]"
        if _NAMES_PLACE.search(text, start, a) is not None:
            break  # "views on example.org/docs": the address is where, part of the sentence
        if a >= start and not text[b:end].strip(_TRAILING + "()[]"):
            end = min(end, a)
    inner = any(start < b and a < end for a, b in spans)
    while start < end and text[start] in " \t":
        start += 1
    end = start + len(text[start:end].rstrip(_TRAILING))
    end = _before_marks(text, start, end)
    marks = tuple(m for a, b, d in links if start <= a and d <= end for m in ((a, a + 1), (b, d)))
    core = text[start:end]
    tag = cycle_tag_of(text)
    return Structure(
        start=start,
        end=end,
        inner_metadata=inner,
        time_frame=(
            has_time_frame(features)
            or tag is not None
            or bool(_EVENT_BOUND.search(core))
            or bool(_READY_FOR.search(core))
            or bool(_AT_EVENT.search(core))
            or _OPENS_WITH_TIME.match(core) is not None
            or _OWN_PERIOD.search(core) is not None
        ),
        sentences=1 + len(_SENTENCE_BREAK.findall(core)),
        words=len(core.split()),
        link_marks=marks,
        question=body.text.rstrip().endswith("?"),
        trails_off=core.rstrip(" )").endswith(("…", "...", "etc", "etc.")),
        cycle_tag=tag,
    )


# A link inside a bracket: "([ticket #12](https://...))", "(see https://...)".
_HAS_LINK = re.compile(r"\]\(|https?://|www\.")
# What may follow a reference: a progress figure and a comment on it (": 30% (design done)").
_AFTER_REFERENCE = re.compile(r"\s*(?::\s*\d+(?:\.\d+)?\s?%(?:\s*\([^()]*\))?)?[\s.;]*")


def reference_start(text: str, start: int, end: int) -> int:
    """Where a reference closing a whole sentence in ``text[start:end]`` starts, or ``end``.

    A bracket holding a link after the sentence's stop points to where the work is
    tracked ("... the booking form. ([ticket](https://...))"), with at most a progress
    figure after it: metadata, not a second sentence a date would leave undated.
    A bracket inside the sentence, before its stop, is the author's aside and stays.

    >>> text = "Move the rota to the new app. ([ticket 12](https://e.org/12)): 40% (half done)"
    >>> text[: reference_start(text, 0, len(text))]
    'Move the rota to the new app.'
    >>> text = "Move the rota (see https://e.org) to the new app"
    >>> reference_start(text, 0, len(text)) == len(text)
    True
    """
    for stop in re.finditer(r"[.!?]\s*\(", text[start:end]):
        opening = start + stop.end() - 1
        closing = _closing_bracket(text, opening, end)
        if closing is None or not _HAS_LINK.search(text, opening, closing):
            continue
        after = _AFTER_REFERENCE.match(text, closing + 1, end)
        if after is not None and after.end() == end:
            return start + stop.start() + 1
    return end


def _closing_bracket(text: str, opening: int, end: int) -> int | None:
    """Index of the ")" closing the "(" at ``opening`` before ``end``, or None."""
    depth = 0
    for i in range(opening, end):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return None
# Joiners and the variation selector that build one emoji out of several code points.
_EMOJI_PARTS = frozenset({"\u200d", "\ufe0f", "\ufe0e"})


def _is_mark(char: str) -> bool:
    """Whether ``char`` is a pictograph a tracker or an author puts beside a key result (a star
    for a priority, a tick for done, a rocket): no word of the key result. Symbols of the Latin
    range ("°", "©") are units and names, not marks."""
    return char in _EMOJI_PARTS or (ord(char) >= 0x2300 and unicodedata.category(char) == "So")


def _before_marks(text: str, start: int, end: int) -> int:
    """``end`` moved back over the pictographs that close ``text[start:end]`` ("... documents ⭐"):
    a status or priority mark, which a draft does not copy (blind reviews called a star left in
    a rewrite noise). A core made only of them is left whole.

    >>> text = "Tenants can download their statements ⭐ ✅"
    >>> text[: _before_marks(text, 0, len(text))]
    'Tenants can download their statements'
    >>> _before_marks("Keep the cold room at 4 °", 0, 25)
    25
    """
    at = end
    while at > start and (text[at - 1].isspace() or _is_mark(text[at - 1])):
        at -= 1
    if at == start or not any(_is_mark(c) for c in text[at:end]):
        return end
    return start + len(text[start:at].rstrip(_TRAILING))


def cycle_tag_of(text: str) -> str | None:
    """The cycle a tag in ``text`` names ("Q2" of "... [Q2]"), or None.

    >>> cycle_tag_of("Map the supplier risks (H1 2026)"), cycle_tag_of("Ship v2 [done]")
    ('H1 2026', None)
    """
    match = _CYCLE_TAG.search(text)
    return " ".join(match["tag"].split()) if match is not None else None


def names_place(text: str, at: int) -> bool:
    """Whether the word at ``at`` follows a preposition that makes it a place ("views on | example.org").

    >>> names_place("Grow views on example.org/docs", 14), names_place("Ship it (see example.org)", 13)
    (True, False)
    """
    return _NAMES_PLACE.search(text, 0, at) is not None
