"""Effort put in, read as the result: time spent and the author's own doing at a rate.

``metric.output_count`` reads counts of things made ("Publish 12 posts"). A personal or
team key result just as often counts the effort itself: time spent ("Three hours of
sketching a week", "Give 2 hours a week to the garden"), bouts of practice ("15 study
sessions per month") or the author's own doing at a rate ("Swim three times a week",
"Bake one new bread every week", "We call each supplier once a month"). All of them
can be met while nothing changes, so they are flagged as counted work.

The reading is by grammar and word classes: a rate of a verb of doing whose subject is
the author (an imperative, "I" or "we"), or a span of time (or of sessions) that heads
the key result. It is not effort when the verb gets, moves or keeps something ("Get 20
sign-ups every week", "Keep uptime above 99.9% each month"), when the figure is a level
(a percentage, money, a rating), when the time is a limit for serving others ("Answer
every call within 4 hours") or time lost or saved ("Save 5 hours a week of re-keying",
"4 hours of downtime a month"), or when what is counted is people or an effect.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from krquality.checks.base import CheckContext
from krquality.checks.helpers import load_words
from krquality.features.types import Form, QuantityKind, VerbClass

# A rate: how often per span of time. "every (other) week", "per day", "each month",
# "a week" (after a count or a time, not after "in"/"within"), and the adverbs "daily",
# "weekly" at the end of a clause (not "weekly active users", which names a measure).
_PERIOD = r"(?:day|week|weekday|weekend|month|fortnight|morning|evening|night|quarter|sprint)s?"
_EVERY = re.compile(
    rf"\b(?:every\s+(?:other\s+|second\s+|\d+\s+|two\s+|three\s+|few\s+)?|each\s+|per\s+){_PERIOD}\b", re.I
)
_A_PERIOD = re.compile(rf"\b(?:a|an)\s+{_PERIOD}\b", re.I)
_ADVERB = re.compile(r"\b(?:daily|weekly|fortnightly|monthly|nightly|bi-?weekly)\b", re.I)
# Words before "a week" that make it a span, not a rate: "within a week", "in a month".
_SPAN_BEFORE = frozenset({"in", "within", "for", "over", "after", "under", "than", "of"})

# Words of a span of time (a number before them makes a time put in, "30 minutes").
_TIME_WORDS = frozenset(
    {"hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "day", "days", "week", "weeks"}
)
# Words right before a time that make it a limit or a threshold, not time put in:
# "within 4 hours", "under 30 minutes", "no more than 2 days", "from 10 days to 3".
_LIMIT_WORDS = frozenset(
    {
        "within",
        "under",
        "below",
        "than",
        "most",
        "max",
        "maximum",
        "to",
        "from",
        "by",
        "in",
        "over",
        "last",
        "next",
        "first",
        "after",
        "before",
        "up",
        "only",
        "past",
        "about",
        "around",
    }
)
# Words after a time that make it an offset from a date: "3 weeks before the AGM".
_OFFSET_AFTER = frozenset(
    {"before", "after", "ahead", "prior", "earlier", "later", "notice", "ago", "late", "early"}
)
# Time lost, waited or saved is an effect (something to bring down), not effort put in.
_LOST_TIME = frozenset(
    {
        "downtime",
        "outage",
        "outages",
        "delay",
        "delays",
        "wait",
        "waiting",
        "latency",
        "lag",
        "overtime",
        "saved",
        "saving",
        "savings",
        "save",
        "freed",
        "lost",
        "response",
        "turnaround",
        "recovery",
        "uptime",
        "availability",
        "lead",
        "cycle",
        "resolution",
        "notice",
        "late",
        "delayed",
        "overdue",
        "old",
        "older",
        "ago",
        "left",
        "remaining",
        "off",
        "leave",
        "holiday",
        "holidays",
        "vacation",
        "without",
        "time",
        "times",
        "sla",
        "deadline",
    }
)
# Verbs of getting, keeping or reaching: their object is an outcome, whatever the rate.
_GETTING = frozenset(
    {
        "get",
        "gain",
        "win",
        "earn",
        "attract",
        "acquire",
        "sell",
        "reach",
        "achieve",
        "keep",
        "maintain",
        "hit",
        "have",
        "receive",
        "generate",
        "drive",
        "bring",
        "sign",
        "close",
        "land",
        "convert",
        "retain",
        "grow",
        "increase",
        "reduce",
        "cut",
        "save",
        "lose",
        "hire",
        "recruit",
        "onboard",
        "book",
        "collect",
        "raise",
        "secure",
        "serve",
        "answer",
        "respond",
        "resolve",
        "handle",
        "process",
        "ship",
        "deliver",
        "limit",
        "stay",
        "remain",
        "be",
        "average",
        "score",
        "exceed",
        "see",
        "lower",
        "decrease",
        "go",
        "sustain",
        "ensure",
        "make",
        "meet",
        "pass",
        "return",
        "approve",
        "fund",
        "support",
        "open",
        "hold",
    }
)
# Verbs of observing: doing them at a rate keeps a measure ("Weigh the compost bins each
# week"), it makes or does nothing the key result could count.
_OBSERVING = frozenset({"track", "monitor", "measure", "check", "weigh", "observe", "chart"})
# Levels and effects, not counts of doing.
_LEVELS = frozenset({QuantityKind.PERCENT, QuantityKind.MONEY, QuantityKind.RATING, QuantityKind.MULTIPLIER})
_FIRST_PERSON = frozenset({"i", "we"})
# Verbs of wanting or planning after "I"/"we" take a clause about someone else's doing:
# "I want every rep to log one call a day".
_WANTING = frozenset({"want", "need", "hope", "aim", "wish", "expect", "plan", "like", "would", "ask"})


def _rate(context: CheckContext) -> tuple[int, int] | None:
    """The span of the first rate ("every week", "3 times a month", "daily") in the key result."""
    text = context.text
    match = _EVERY.search(text)
    if match is not None:
        return match.start(), match.end()
    for match in _A_PERIOD.finditer(text):
        before = text[: match.start()].split()
        if before and before[-1].lower() not in _SPAN_BEFORE:
            return match.start(), match.end()
    for match in _ADVERB.finditer(text):
        after = [t for t in context.tokens if t.idx >= match.end()][:1]
        previous = [t for t in context.tokens if t.idx < match.start()][-1:]
        if previous and previous[0].pos_ == "DET":
            continue  # "at the monthly all-hands": a named event, not how often
        if not after or after[0].pos_ not in {"NOUN", "PROPN", "ADJ"}:
            return match.start(), match.end()  # "Run weekly", not "weekly active users"
    return None


# A number glued to its unit of time ("45min", "1.5h"); compiled here, as every token is tried.
_GLUED_TIME = re.compile(r"\d+(?:\.\d+)?(?:h|hr|hrs|min|mins)")


def _is_time(token: Token) -> bool:
    return token.lower_ in _TIME_WORDS or bool(_GLUED_TIME.fullmatch(token.lower_))


def _time_spans(context: CheckContext) -> list[tuple[int, Token]]:
    """Time quantities as (token index of the unit, the unit token) with a number before them."""
    tokens = context.tokens
    found = []
    for i, token in enumerate(tokens):
        if not _is_time(token):
            continue
        joined_number = token.lower_[:1].isdigit()
        # a cardinal before the unit ("30 minutes", "an hour"), not an ordinal ("the first day")
        counted = i > 0 and (tokens[i - 1].tag_ == "CD" or tokens[i - 1].lower_ in {"an", "a", "one"})
        if joined_number or counted:
            found.append((i, token))
    return found


def _limited(tokens: list[Token], unit: int) -> bool:
    """Whether the time at ``unit`` is a limit, a threshold or time lost, not time put in."""
    start = unit if tokens[unit].lower_[:1].isdigit() else unit - 1
    before = [t.lower_ for t in tokens[max(0, start - 2) : start]]
    if before and before[-1] in _LIMIT_WORDS:
        return True
    after = [t.lower_ for t in tokens[unit + 1 : unit + 2]]
    if after and after[0] in _OFFSET_AFTER:
        return True  # "three weeks before the meeting": a date set against another, not time put in
    near = {t.lower_ for t in tokens[max(0, start - 4) : unit + 5]}
    return bool(near & _LOST_TIME)


def _has_level(context: CheckContext) -> bool:
    """Whether the key result names a level or a move ("above 99.9%", "£4k a month", "from
    weekly to daily", "release frequency"): a measure, not a count of doing."""
    features = context.features
    if any(q.kind in _LEVELS for q in features.quantities) or features.changes:
        return True
    if any(t.tag_ == "$" or t.is_currency for t in context.tokens):
        return True
    lead = features.lead_verb.span.start if features.lead_verb is not None else -1
    # (the lead verb itself may be a measure word, "Spend": time spent is what is read here)
    measures = [m for m in features.markers_of("measure") if m.span.start != lead]
    return bool(measures) or _FROM_TO.search(context.text) is not None


_FROM_TO = re.compile(r"\bfrom\b.+\bto\b", re.I)
# Words that open a clause of its own: a rate after them is that clause's ("the mailbox that
# emails the export every morning", "the reasons we report on weekly").
_CLAUSE_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
_SUBJECTS = frozenset({"i", "we", "they", "he", "she", "you", "it"})


def _subordinate(tokens: list[Token], verb: Token, rate_start: int) -> bool:
    """Whether a clause of its own opens between the author's verb and the rate."""
    between = [t for t in tokens if verb.idx < t.idx < rate_start]
    return any(t.tag_ in _CLAUSE_TAGS or (t.lower_ in _SUBJECTS and t.tag_ == "PRP") for t in between[1:])


def _not_doing(tokens: list[Token], verb: Token, outcome_words: frozenset[str]) -> bool:
    """Whether the lead verb does not govern the author's doing: its object is an effect
    ("Shop sales of £4k a month"), or it is a noun before the real verb of a state sentence
    ("restore test passes on every cluster each month")."""
    after = [t for t in tokens if t.idx > verb.idx][:4]
    for token in after:
        if token.lower_ in outcome_words or (token.lemma_ or "").lower() in outcome_words:
            return token.pos_ in {"NOUN", "PROPN"}
        if token.tag_ in {"VBZ", "VBD"}:
            return True
        if token.pos_ not in {"NOUN", "PROPN", "ADJ", "DET", "NUM"}:
            return False
    return False


def _counts_others(context: CheckContext, outcome_words: frozenset[str]) -> bool:
    """Whether a count in the key result counts people or effects ("20 new sign-ups a week")."""
    tokens = context.tokens
    for i, token in enumerate(tokens):
        if token.like_num:
            for follower in tokens[i + 1 : i + 4]:
                if follower.lower_ in outcome_words or (follower.lemma_ or "").lower() in outcome_words:
                    return True
                if follower.pos_ not in {"ADJ", "NOUN", "PROPN"}:
                    break
    return False


def _doer_verb(context: CheckContext) -> Token | None:
    """The author's verb of doing: the lead verb of an imperative, or the verb after "I"/"we"."""
    features = context.features
    tokens = [t for t in context.tokens if t.idx >= features.body.start]
    lead = features.lead_verb
    if lead is not None and features.form is Form.IMPERATIVE:
        if lead.verb_class in {VerbClass.OUTCOME, VerbClass.MULTIPLIER, VerbClass.VAGUE}:
            return None
        head = lead.lemma.split()[0].lower()
        if head in _GETTING | _OBSERVING and lead.lemma.lower() not in {"reach out", "work out"}:
            return None
        return next((t for t in tokens if t.idx >= lead.span.start), None)
    if lead is None and len(tokens) > 2 and tokens[1].lower_ in {"a", "an", "one"} and tokens[0].is_alpha:
        # "Knit a scarf every month": a word the tagger read as a name, then an article; a noun
        # is not followed by "a" (unless a rate follows, "revenue a month"), so it is the verb
        first = tokens[0].lower_
        if first not in _GETTING | _OBSERVING and not re.fullmatch(_PERIOD, tokens[2].lower_):
            return tokens[0]
    if lead is None and len(tokens) > 3 and tokens[0].is_alpha and tokens[0].lower_ not in _LOST_TIME:
        # "Exercise 15 minutes daily", "Stretch for 10 minutes a day": a word the tagger read as a
        # noun, then a time put in; a measure's name takes a colon before its value ("Downtime: 15 min")
        at = 2 if tokens[1].lower_ == "for" else 1
        timed = at + 1 < len(tokens) and tokens[at].like_num and _is_time(tokens[at + 1])
        if timed and _rate(context) is not None:  # at a rate: "Onboarding 2 days for new hires" is a span
            return tokens[0]
    if len(tokens) > 2 and tokens[0].lower_ in _FIRST_PERSON and tokens[1].tag_ in {"VBP", "VB", "MD"}:
        verb = tokens[2] if tokens[1].tag_ == "MD" else tokens[1]
        lemma = (verb.lemma_ or verb.lower_).lower()
        return None if lemma in _GETTING | _OBSERVING | _WANTING or verb.pos_ != "VERB" else verb
    return None


# An amount still to be set, written as a letter or a mark: "run X km a week".
_PLACEHOLDER = re.compile(r"(?<![\w-])(?:X|N|TBD|TBC|\?+)(?![\w-])")


def doing_at_a_rate(context: CheckContext, *, outcome_words: frozenset[str]) -> bool:
    """Whether the key result is the author's doing at a rate ("Bake one new bread every
    week"): the rate is its amount, so it does not lack a number to reach.

    >>> import krquality
    >>> codes = lambda text: [f.code for f in krquality.analyze(text, suggestions=False).findings]
    >>> "KRQ102" in codes("Knit a scarf every month")
    False
    """
    placeholder = _PLACEHOLDER.search(context.text) is not None
    if placeholder or any(q.kind is QuantityKind.PLACEHOLDER for q in context.features.quantities):
        return False  # "run X km a week": the amount is still to be set
    return _rate(context) is not None and effort_input(context, outcome_words=outcome_words) is not None


def effort_input(context: CheckContext, *, outcome_words: frozenset[str]) -> tuple[int, int] | None:
    """The span of effort put in that the key result presents as its result, or None: a time
    or a rate of the author's verb of doing, a span of time heading the key result, or a
    count of bouts of practice at a rate.

    ``outcome_words`` are counted things that are people or effects (their count is an outcome).

    >>> import krquality
    >>> codes = lambda text: [f.code for f in krquality.analyze(text, suggestions=False).findings]
    >>> "KRQ104" in codes("Swim three times a week"), "KRQ104" in codes("Answer every call within 4 hours")
    (True, False)
    """
    if _has_level(context) or _counts_others(context, outcome_words):
        return None
    tokens = list(context.tokens)
    rate = _rate(context)
    times = [
        (i, unit)
        for i, unit in _time_spans(context)
        if not _limited(tokens, i)
        and not (rate and rate[0] <= unit.idx < rate[1])  # "a week" of "twice a week"
    ]
    verb = _doer_verb(context)
    if verb is not None and _not_doing(tokens, verb, outcome_words):
        verb = None
    if verb is not None and rate is not None and _subordinate(tokens, verb, rate[0]):
        rate = None  # "Retire the mailbox that emails the export every morning": the rate is the clause's
    if verb is not None and (rate is not None or times):
        end = max([rate[1] if rate else 0] + [u.idx + len(u.text) for _, u in times])
        return verb.idx, end
    body = [t for t in tokens if t.idx >= context.features.body.start]
    if context.features.lead_verb is None and body and times and times[0][0] - (body[0].i) <= 1:
        # The key result is headed by a span of time: "Three hours of sketching", "45 mins of scales a day".
        last = tokens[-1]
        verbs = [t for t in body[:12] if t.tag_.startswith("VB") and t.tag_ != "VBG" and not _is_time(t)]
        if not any(t.i > times[0][0] + 1 for t in verbs):
            return body[0].idx, last.idx + len(last.text)
    if rate is not None and body and context.features.lead_verb is None:
        return _bouts(context, body, rate)
    return None


def _bouts(context: CheckContext, body: list[Token], rate: tuple[int, int]) -> tuple[int, int] | None:
    """A count of bouts of the author's practice at a rate, heading the key result: "15 study
    sessions per month", "Swim 3 times a week" (a verb the tagger read as a noun)."""
    units = load_words("effort_units")
    first = body[0]
    if first.like_num:
        for token in body[1:5]:
            if token.lower_ in units or (token.lemma_ or "").lower() in units:
                return first.idx, rate[1]
            if token.pos_ not in {"ADJ", "NOUN", "PROPN"}:
                return None
        return None
    # "Swim three times a week": a word, then how many times, then the rate.
    if len(body) > 3 and (body[1].like_num or body[1].lower_ in {"once", "twice"}):
        after = body[2].lower_ if body[1].like_num else "times"
        if after in {"times", "time"} and first.pos_ in {"NOUN", "VERB", "PROPN"} and first.is_alpha:
            return first.idx, rate[1]
    return None
