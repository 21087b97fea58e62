"""Small shared pieces for detectors: word lists, targets, token lookups, removal fixes.

Word lists live in ``checks/data/*.txt`` (one entry a line, ``#`` comments),
loaded once, so adding a word is a data change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from krquality.checks.periods import framing_dates
from krquality.features.types import Change, Features, Quantity, QuantityKind, VerbClass
from krquality.nlp.dates import time_frame_spans
from krquality.nlp.lemma_tables import lemmatizer_tables
from krquality.nlp.lexicon import VerbLexicon, direction_words
from krquality.nlp.notes import progress_note
from krquality.nlp.quantities import is_measure_name
from krquality.result import Fix

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext


@cache
def load_words(name: str) -> frozenset[str]:
    """The entries of ``checks/data/<name>.txt``, lower-cased.

    >>> "latency" in load_words("needs_unit")
    True
    """
    text = files("krquality.checks").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def word_count(features: Features) -> int:
    """Words in the key result's body (``features.n_words`` when the pipeline set it).

    >>> from krquality.features.types import Form, SpanRef
    >>> word_count(Features("Ship it", SpanRef(0, 7, "Ship it"), Form.IMPERATIVE, None))
    2
    """
    text = features.body.text
    cjk = len(_CJK.findall(text))
    if cjk:
        # Chinese and Japanese have no spaces: about two characters make a word.
        return len(_CJK.sub(" ", text).split()) + (cjk + 1) // 2
    return features.n_words or len(text.split())


def has_time_frame(features: Features) -> bool:
    """Whether the key result says when: a date, or a rate, period or event in its body.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "Publish one case study per month"
    >>> has_time_frame(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None))
    True
    """
    return (
        bool(framing_dates(features))  # not a period used as a label, nor an open bound ("beyond 2030")
        or bool(_rates(features.body.text, _measure_span(features, features.body.start)))
        or bool(_rates(features.text, _measure_span(features, 0)))
        or cycle_tag(features.text) is not None
        or _BEFORE_EVENT.search(features.body.text) is not None
        or _SPAN_OF_TIME.search(features.text) is not None
        or _VERSION_RELEASE.search(features.body.text) is not None
    )


# A release named by its version frames a key result as a date does: "for the 4.2 release",
# "by release 3.1", "in the v2.0 release" (the team ships on its release train).
_VERSION_RELEASE = re.compile(
    r"\b(?:for|by|in|before|until|with)\s+(?:the\s+)?(?:v?\d+(?:\.\d+)+\s+release\b|release\s+v?\d+(?:\.\d+)*\b)",
    re.IGNORECASE,
)


# "a/one" before an event noun is a rate only after a count: "5 attendees a session" is
# one, "Design one meetup kit for libraries" names one thing made.
_ONE_EVENT = re.compile(
    r"(?:a|an|one)\s+(?:release|meeting|meetup|session|event|batch|cohort|sprint|iteration|cycle|season|"
    r"term|semester|shift|evening|morning|night)",
    re.IGNORECASE,
)
_COUNT_BEFORE = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\b", re.I)


def _rates(text: str, measure: tuple[int, int] = (0, 0)) -> list[tuple[int, int]]:
    """The time frames of ``text`` (rates, periods, events), less "one meetup" with no count before
    it and a rate word that names what is measured (``measure``: where the measure is written).

    >>> _rates("Design one meetup kit for libraries"), _rates("5+ attendees a session")
    ([], [(13, 22)])
    """
    return [
        (a, b)
        for a, b in time_frame_spans(text)
        if not (_ONE_EVENT.fullmatch(text[a:b]) and _COUNT_BEFORE.search(text, 0, a) is None)
        and not _names_counted(text, a, b)
        and not (measure[0] <= a and b < measure[1] and _qualifies_noun(text, a, b))
    ]


def _measure_span(features: Features, offset: int) -> tuple[int, int]:
    """Where a change's measure is written, as offsets into a text starting at ``offset``: from
    the end of a verb of change to the start of the amount ("Grow | weekly visits to the shop |
    by 10%"); empty when the key result has no such verb or no amount after it."""
    lead = features.lead_verb
    if lead is None or lead.verb_class not in (VerbClass.OUTCOME, VerbClass.MULTIPLIER):
        return (0, 0)
    after = [c.span.start for c in features.changes if c.span.start >= lead.span.end]
    if not after:
        return (0, 0)
    return (lead.span.end - offset, min(after) - offset)


# A rate word right after a count and before the thing counted: "5000 daily active riders",
# "300 weekly visitors". It says which measure is counted (readers in a month), not by when the
# level is to be reached: such a key result still needs a date.
_RATE_WORD = re.compile(r"(?:daily|weekly|bi-?weekly|fortnightly|monthly|quarterly|yearly|annual)", re.I)
_COUNT_RIGHT_BEFORE = re.compile(r"\d(?:[\d,.']*\d)?\s*[kKmM]?\+?\s+$")
_WORD_AFTER = re.compile(r"\s+[A-Za-z]")


def _qualifies_noun(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a rate word set before a noun ("monthly | donors")."""
    return _RATE_WORD.fullmatch(text[start:end]) is not None and _WORD_AFTER.match(text, end) is not None


def _names_counted(text: str, start: int, end: int) -> bool:
    """Whether the rate ``text[start:end]`` qualifies the noun a count before it counts
    ("10k monthly readers of the blog"), rather than framing the key result in time.

    >>> _names_counted("5000 daily active riders", 5, 10), _names_counted("Serve 40 meals daily", 15, 20)
    (True, False)
    """
    return (
        _RATE_WORD.fullmatch(text[start:end]) is not None
        and _COUNT_RIGHT_BEFORE.search(text, 0, start) is not None
        and _WORD_AFTER.match(text, end) is not None
    )


# A named event the team plans around dates a key result as well as a date does:
# "before the summer fair", "in time for our reopening", "ahead of the AGM".
_BEFORE_EVENT = re.compile(
    r"\b(?:before|ahead of|in time for|by)\s+(?:the|our|this|next|my|his|her|their|your)\s+"
    r"(?:[\w'’-]+\s+){0,3}?"
    r"(?:fair|festival|open day|agm|annual meeting|general meeting|election|show|tournament|trip|audit|"
    r"inspection|gala|camp|retreat|hackathon|exhibition|opening|reopening|fundraiser|match|race|"
    r"graduation|holidays|break|birthday|wedding|anniversary)\b"
    # A personal date needs no article: "by birthday", "before wedding".
    r"|\b(?:before|by|in time for)\s+(?:birthday|wedding|anniversary|graduation)\b",
    re.IGNORECASE,
)
# A span of time named in words: a window from someone's or something's start ("within their
# first 30 days", "in its first two weeks", "within first 30 days"), or the cycle from end to
# end ("from the start of the year to the end"). A window after "the" the pipeline reads already.
_SPAN_OF_TIME = re.compile(
    r"\b(?:within|in|during|over)\s+(?:(?:their|his|her|its|our|your|my)\s+)?first\s+"
    r"(?:\d+|few|two|three|four|six|twelve)?\s*(?:day|week|month|quarter|year|shift|term)s?\b"
    r"|\bfrom\s+(?:the\s+)?(?:start|beginning)\s+of\s+(?:the\s+)?(?:year|quarter|month|term|season|cycle)\s+"
    r"(?:to|until|till)\s+(?:the\s+|its\s+)?end\b",
    re.IGNORECASE,
)


# A cycle written as a tag beside the key result: "[Q2]", "(H1)", "{Q4_2022}",
# "(Q3 2024)", "[FY25]". The body leaves bracketed tags out, so the whole text is read.
_CYCLE_TAG = re.compile(
    r"[\[({]\s*(?:[QH][1-4]|FY\s?\d{2,4}|20\d\d)(?:[\s_/\-'’]*(?:20)?\d\d)?\s*[\])}]", re.IGNORECASE
)


def cycle_tag(text: str) -> tuple[int, int] | None:
    """The character span of a bracketed cycle tag in ``text`` ("[Q2]", "(H1)", "{Q4_2022}"), or None.

    >>> text = "Choose a venue for the summer fair [Q2]"
    >>> start, end = cycle_tag(text)
    >>> text[start:end]
    '[Q2]'
    >>> cycle_tag("Ship v2 (beta)") is None
    True
    """
    match = _CYCLE_TAG.search(text)
    return (match.start(), match.end()) if match is not None else None


def is_dated(features: Features, cycle: str | None) -> bool:
    """Whether the key result has a time frame of its own or from its document's cycle.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "Launch the partner portal"
    >>> features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None)
    >>> is_dated(features, None), is_dated(features, "2026-Q3")
    (False, True)
    """
    return cycle is not None or has_time_frame(features)


def dated(context: CheckContext) -> bool:
    """:func:`is_dated` for a check's context, worked out once for all the checks that ask.

    >>> import spacy
    >>> from krquality.checks.base import CheckContext
    >>> from krquality.config import Config
    >>> from krquality.features.types import Form, SpanRef
    >>> from krquality.labels import Label
    >>> text = "Launch the partner portal"
    >>> features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None)
    >>> dated(CheckContext(text, spacy.blank("en")(text), features, Label.MILESTONE, {}, Config()))
    False
    """
    return context.once(_dated)


def _dated(context: CheckContext) -> bool:
    return is_dated(context.features, context.cycle)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _inside(quantity: Quantity, features: Features) -> bool:
    span = quantity.span
    return any(d.span.start <= span.start and span.end <= d.span.end for d in features.dates)


def baselines(features: Features) -> tuple[Quantity, ...]:
    """Quantities that some change names as its baseline."""
    return tuple(c.baseline for c in features.changes if c.baseline is not None)


def targets(features: Features) -> tuple[Quantity, ...]:
    """Quantities that are success criteria: change targets, else the other numbers.

    Numbers inside dates and baselines are not targets, nor the window a measure is read
    over ("a rolling 30-day window"); placeholders are (a placeholder target is still meant
    as one), but not a bare measure name ("share of late invoices"), which names no amount.

    >>> from krquality.features.types import Form, SpanRef
    >>> targets(Features("Ship it", SpanRef(0, 7, "Ship it"), Form.IMPERATIVE, None))
    ()
    """
    # A progress note ("...: 30%", "(0.0 -> 1.0)") reports where the work stands, not what it aims at.
    start, end = progress_note(features.text) or (0, 0)

    def outside(q: Quantity) -> bool:
        return not start <= q.span.start < end

    from_changes = tuple(
        c.target
        for c in features.changes
        if c.target is not None and not sets_a_window(features.text, c.target.span.end) and outside(c.target)
    )
    if from_changes:
        return from_changes
    used = {(q.span.start, q.span.end) for q in baselines(features)}
    return tuple(
        q
        for q in features.quantities
        if (q.span.start, q.span.end) not in used
        and not _inside(q, features)
        and not sets_a_window(features.text, q.span.end)
        and outside(q)
        and not is_measure_name(q)
    )


# A number that sets the window a measure is read over: "(a rolling 30-day window)", "30-day churn".
_WINDOW = re.compile(r"-(?:day|week|month|quarter|year|hour|minute)s?\b", re.IGNORECASE)


def sets_a_window(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` of ``text`` is the length of a measuring window
    ("30-day churn"), not an amount.

    >>> sets_a_window("Cut 30-day churn to 4%", 6), sets_a_window("Cut churn to 4%", 14)
    (True, False)
    """
    return _WINDOW.match(text, end) is not None


# Penn tags of a tensed verb (present or past, no modal): "every depot | audits", "| ran".
TENSED_TAGS = frozenset({"VBZ", "VBP", "VBD"})
# Penn tags of a finite verb: what closes a clause's subject ("every depot | has", "| will").
FINITE_TAGS = TENSED_TAGS | {"MD"}


def change_of(quantity: Quantity, features: Features) -> Change | None:
    """The change whose span holds ``quantity``, if any."""
    for change in features.changes:
        if change.span.start <= quantity.span.start and quantity.span.end <= change.span.end:
            return change
    return None


def is_real(quantity: Quantity) -> bool:
    """True for a stated number (not a placeholder like ``X`` or ``TBD``)."""
    return quantity.kind is not QuantityKind.PLACEHOLDER


def tokens_after(tokens: Iterable[Token], offset: int, n: int = 2) -> list[Token]:
    """Up to ``n`` of ``tokens`` (a doc's, in order) starting at or after character ``offset``."""
    out = []
    for token in tokens:
        if token.idx >= offset:
            out.append(token)
            if len(out) == n:
                break
    return out


@lru_cache(maxsize=64)
def _phrases(phrases: tuple[str, ...]) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """``phrases`` as word tuples, by first word, each with its place in ``phrases``."""
    by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for order, phrase in enumerate(p.lower().split() for p in phrases if p.strip()):
        by_first.setdefault(phrase[0], []).append((order, tuple(phrase)))
    return {word: tuple(entries) for word, entries in by_first.items()}


# The forms and lemmas of the token tuple read last. The checks ask ``phrase_hits`` about one
# key result's tokens (a check context's tuple) some six times in a row, each with other
# phrases; the entry holds the tuple, so its identity cannot pass to another while cached.
_last_words: tuple[tuple[Token, ...], list[str], list[str]] | None = None


def _token_words(tokens: Sequence[Token]) -> tuple[list[str], list[str]]:
    """The lower-case forms and lemmas of ``tokens``, reused while the same tuple is asked about."""
    global _last_words
    last = _last_words  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is tokens:
        return last[1], last[2]
    lowers = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    if isinstance(tokens, tuple):  # a list could change under the cache
        _last_words = (tokens, lowers, lemmas)
    return lowers, lemmas


def phrase_hits(tokens: Sequence[Token], phrases: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Character spans where one of ``phrases`` occurs, word by word (form or lemma).

    A single-word phrase matches by lemma too, so "leverage" finds "leveraging".
    Where several phrases start at a token, the first of ``phrases`` that matches wins.
    """
    wanted = _phrases(phrases)
    if not wanted:
        return
    # Each token is read once (a spaCy attribute costs far more than a dict look-up),
    # and only the phrases starting with its form or lemma are tried there.
    lowers, lemmas = _token_words(tokens)
    n = len(tokens)
    for i in range(n):
        by_form = wanted.get(lowers[i], ())
        by_lemma = wanted.get(lemmas[i], ()) if lemmas[i] != lowers[i] else ()
        candidates = sorted(by_form + by_lemma) if by_form and by_lemma else by_form or by_lemma
        for _, words in candidates:
            end = i + len(words)
            if end > n:
                continue
            if all(lowers[i + k] == w or lemmas[i + k] == w for k, w in enumerate(words)):
                last = tokens[end - 1]
                yield tokens[i].idx, last.idx + len(last.text)
                break


_TO = re.compile(r"\s+to\b", re.I)
_TRAILING = re.compile(r"[\s,;:]+")


def removal_fix(text: str, start: int, end: int, *, body_start: int) -> Fix:
    """A fix deleting ``text[start:end]`` and the space around it, keeping the sentence well formed.

    A hedge verb takes its "to" with it ("Try to launch" -> "Launch"); at the
    start of the key result the next word is capitalised.

    >>> text = "Try to launch the portal"
    >>> fix = removal_fix(text, 0, 3, body_start=0)
    >>> text[: fix.start] + fix.replacement + text[fix.end :]
    'Launch the portal'
    >>> text = "Increase NPS significantly"
    >>> fix = removal_fix(text, 13, 26, body_start=0)
    >>> text[: fix.start] + fix.replacement + text[fix.end :]
    'Increase NPS'
    """
    phrase = text[start:end].lower()
    if phrase.split()[-1] in {"try", "aim", "strive", "attempt", "seek", "hope"}:
        to = _TO.match(text, end)
        if to is not None:
            end = to.end()
    if start <= body_start:
        gap = _TRAILING.match(text, end)
        end = gap.end() if gap is not None else end
        if end < len(text):
            return Fix(start, end + 1, text[end].upper())
        return Fix(start, end, "")
    # Mid-sentence: take the space before, so "NPS significantly to" -> "NPS to".
    while start > body_start and text[start - 1] in " \t":
        start -= 1
    return Fix(start, end, "")


def overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    """True when span ``a`` overlaps any of ``spans``."""
    return any(a[0] < b[1] and b[0] < a[1] for b in spans)


def part_of_a_name(context: CheckContext, start: int, end: int) -> bool:
    """Whether the vague word at ``[start, end)`` is part of a name: a noun that modifies
    another noun ("improvement suggestions") or a capitalised word inside a proper name
    ("the Better Streets Fund").

    >>> import krquality
    >>> codes = [f.code for f in krquality.analyze("Write improvement plans for each shop").findings]
    >>> "KRQ401" in codes
    False
    """
    inside = [t for t in context.tokens if start <= t.idx < end]
    if len(inside) != 1:
        return False
    token = inside[0]
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is None:
        return False
    # The pipeline has no parser: a noun right before another noun modifies it.
    before_noun = following.pos_ in {"NOUN", "PROPN"} and following.idx < context.features.body.end
    if token.pos_ == "NOUN" and before_noun and not _guessed_noun(token):
        return True
    mid_sentence = token.idx > context.features.body.start and token.text[:1].isupper()
    return mid_sentence and following.pos_ == "PROPN" and following.text[:1].isupper()


def _guessed_noun(token: Token) -> bool:
    """Whether ``token`` is tagged a noun but is no noun the lemmatizer knows: a word the tagger did
    not know ("a performant search page"), not a noun that names a kind ("improvement plans")."""
    index = _noun_index()
    if not index:
        return False  # no table to ask: trust the tag
    return token.lower_ not in index and (token.lemma_ or "").lower() not in index


# What follows a skill noun: "familiarity with", "knowledge of", "ability to".
_SKILL_PREPS = frozenset({"with", "of", "in", "to", "at", "on"})


def names_a_skill(context: CheckContext) -> tuple[int, int] | None:
    """The span of the skill noun heading a key result with no verb ("familiarity with the
    payroll rules", "ability to read the tax tables"), or None.

    Such a key result names a state someone is in, not work to do; whether its bar can be
    checked is ``wording.uncheckable``'s to say.

    >>> import krquality
    >>> result = krquality.analyze("fluency with the booking system", suggestions=False)
    >>> sorted(f.name for f in result.findings)
    ['milestone.no_deadline', 'wording.uncheckable']
    """
    features = context.features
    if features.lead_verb is not None:
        return None
    body = context.body_tokens
    words = [t for t in body[:3] if t.pos_ not in {"DET", "ADJ"}]  # "a solid grasp of", "basic knowledge of"
    if len(words) < 2 or words[1].lower_ not in _SKILL_PREPS:
        return None
    head = words[0]
    if (head.lemma_ or head.lower_).lower() not in load_words("skill_nouns"):
        return None
    return head.idx, head.idx + len(head.text)


def direction_without_amount(features: Features) -> bool:
    """Whether the key result moves a named measure with no amount ("Reduce late deliveries").

    The labelling guide reads it as a task (a direction states no quantity),
    but it is not an activity: it names what should change and lacks only the
    number to reach, which is ``metric.no_target``'s finding. A vague object
    ("Increase awareness") is left to the vagueness checks.
    """
    lead = features.lead_verb
    return (
        lead is not None
        and lead.verb_class is VerbClass.OUTCOME
        and not features.quantities
        and not features.markers_of("vague")
        and not (
            lead.lemma.split()[0].lower() in _MOVING_THINGS
            and _ONE_THING_FILED.match(features.text, lead.span.end) is not None
        )
    )


# Direction verbs that also move things ("raise a ticket", "push an update", "drop a note",
# "lift a ban"): only with one thing as the object do they leave the measure; "Grow a community
# of makers" and "Reduce a backlog of requests" still move one.
_MOVING_THINGS = frozenset({"raise", "push", "lift", "drop", "bring", "move", "put", "pull", "send"})


# The object of a verb like "raise" or "push" that is one thing filed or sent, not a measure:
# "Raise a ticket with the vendor", "Push an update to the kiosks", "Raise PR to the docs repo"
# (an acronym sent to somewhere). A measure is not counted with "a" ("Raise awareness", "Lift NPS").
_ONE_THING_FILED = re.compile(
    r"\s+(?:an?\s+\w|[A-Z]{2,}s?\s+to\s+(?![\d$€£]|the\s+(?:level|high|mark|top)|an?\s+(?:level|high|record)))"
)


@cache
def deliverable_nouns() -> frozenset[str]:
    """Nouns of things made once: the pipeline's artifact nouns and ``checks/data/deliverable_nouns.txt``.

    >>> {"handbook", "queue"} <= deliverable_nouns()
    True
    """
    from krquality.nlp.resources import load_data

    artifacts = frozenset(str(w).lower() for w in load_data("markers")["artifacts"])
    return artifacts | load_words("deliverable_nouns")


# Nouns that name a measure when "of" follows: "Number of repeat buyers".
_MEASURE_HEADS = frozenset(
    {"number", "percentage", "percent", "share", "proportion", "rate", "ratio", "count", "amount", "total"}
)

# Signs written for a measure's head noun: "% of ..." for "share of ...", "# of ..." for "number of ...".
_MEASURE_SIGNS = frozenset({"%", "#"})


def names_measure(context: CheckContext) -> bool:
    """Whether the key result is only the name of a measure ("Number of volunteers at our stalls").

    It says what to count but no number to reach: ``metric.no_target``'s
    finding, not an activity, whatever verb follows in the phrase.

    >>> import krquality
    >>> result = krquality.analyze("Number of volunteers at the weekend stalls", suggestions=False)
    >>> [f.code for f in result.findings if f.code in ("KRQ102", "KRQ301")]
    ['KRQ102']
    """
    features = context.features
    # The quantities component reads the measure's own name as its blank amount ("share of ...").
    if features.lead_verb is not None or not all(is_measure_name(q) for q in features.quantities):
        return False
    body = context.body_tokens
    if len(body) > 1 and body[0].text in _MEASURE_SIGNS and not body[1].is_punct:
        return True  # "% of tenants on the paperless plan", "% monthly bookings with an add-on"
    for i, token in enumerate(body[:3]):
        if token.lower_ in _MEASURE_HEADS and i + 1 < len(body) and body[i + 1].lower_ == "of":
            return all(t.pos_ in {"DET", "ADJ"} for t in body[:i])  # not "measure share of ..."
    return _measure_at_head(context)


def _measure_at_head(context: CheckContext) -> bool:
    """Whether the key result is a noun phrase whose head is a measure the pipeline marks:
    "Tenant satisfaction with the repair service", "Volunteer retention across the winter".

    The head is the last noun of the opening noun group; what follows may only say what or
    where it is measured (a preposition, a bracket, the end). A measure word that only
    describes the head ("Revenue dashboard for the shop") is no measure named.
    """
    body = context.body_tokens
    group: list[Token] = []
    for token in body:
        if token.pos_ not in {"NOUN", "PROPN", "ADJ", "DET"} and token.text not in {"-", "/"}:
            break
        group.append(token)
    nouns = [t for t in group if t.pos_ in {"NOUN", "PROPN"}]
    if not nouns:
        return False
    if len(group) < len(body):
        after = body[len(group)]
        if after.pos_ != "ADP" and not after.is_punct:
            return False  # "Tenant satisfaction rose ...": a sentence, not a name
    head = nouns[-1]
    return any(m.span.start <= head.idx < m.span.end for m in context.features.markers_of("measure"))


# Verbs that move a measure up or down; "get" or "reach" may lead a deliverable too.
_DIRECTION_VERBS = direction_words("moves_a_measure")


def moves_a_measure(features: Features) -> bool:
    """Whether a direction verb moves a named measure with no amount ("Reduce late deliveries"),
    whatever the label: a milestone reading of it is not a deliverable.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "Ship the app"
    >>> moves_a_measure(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None))
    False
    """
    lead = features.lead_verb
    return (
        lead is not None
        and lead.lemma.split()[0].lower() in _DIRECTION_VERBS
        and direction_without_amount(features)
    )


def in_brackets(text: str, at: int, *, square: bool = True) -> bool:
    """Whether ``at`` is inside an open round bracket, or (with ``square``) a square one.

    >>> in_brackets("volunteers (rostered at least twice a month)", 21)
    True
    >>> in_brackets("Ship the app [20% done]", 14), in_brackets("Ship the app [20% done]", 14, square=False)
    (True, False)
    """
    before = text[:at]
    if before.count("(") > before.count(")"):
        return True
    return square and before.count("[") > before.count("]")


@cache
def verb_lexicon() -> VerbLexicon:
    """The pipeline's lead-verb lexicon with no settings, built once for every check (it reads
    its data file); checks that honour a configuration build their own."""
    return VerbLexicon()


# Marks that end a label before the key result's first word: "Ops: ...", "Q3 - ...".
_LABEL_MARKS = frozenset({":", "-", "–"})


def body_tokens(context: CheckContext) -> list[Token]:
    """The key result's tokens inside its body (no metadata around it), spaces left out."""
    return [t for t in context.body_tokens if not t.is_space]


def clause_start(tokens: Sequence[Token]) -> int:
    """Where the clause starts after a short label ("Health: swim ...", "Q3 - swim ..."): after a
    colon, or a dash standing apart (not the hyphen of "end-user"), in the first six tokens."""
    for k, token in enumerate(tokens[:6]):
        apart = k > 0 and bool(tokens[k - 1].whitespace_) and bool(token.whitespace_)
        if token.text == ":" or (token.text in _LABEL_MARKS and apart):
            return k + 1
    return 0


def is_noun_base(word: str) -> bool:
    """Whether ``word`` is a noun's base form in the spaCy model's lemmatizer index ("reach")."""
    return word in _noun_index()


@cache
def _noun_index() -> frozenset[str]:
    """The base forms of nouns the spaCy model's rule lemmatizer knows (empty where it has none)."""
    lookups = lemmatizer_tables()
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("noun", ()))
