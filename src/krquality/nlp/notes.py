"""Team labels and progress notes written into a key result's text.

Key results pasted from trackers and check-ins keep their bookkeeping: a team or role
label before a colon ("Payroll Ops: Move the pension export to the new bank") and a
progress note after the sentence ("...: 40%", "... => 0%", "... (100%)", "Hire three
nurses. 1/3", "... - 12/20 done", "Move the rota app to the new host 100%"). Read as
part of the key result, a note looks like its target. These functions find both by their
structure, on the text, so that ``wording.metadata`` reports them, drafts leave them out,
and the checks that look for a target or a baseline do not read a progress figure as one.

They work on the text. The body finder (:mod:`krquality.nlp.body`) leaves both out of
the body, so the classifier reads the key result without them: a progress figure after a
milestone ("...: 100%") is not an amount, and a team label is not the subject.

What is not an annotation: a measure named before its value ("Uptime: 99.9%",
"NPS: from 20 to 35", "Trial users who invite a teammate: 22% → 35%"), a number inside
the sentence ("Reach 30% share", "Achieve 100% of the plan"), a range ("300 - 400").
"""

from __future__ import annotations

import re
from functools import lru_cache

from krquality.nlp.resources import load_data

# A progress figure: a percent, a fraction ("0/2", "7.5/10") or a grade on a 0-1 scale ("0.7").
_NUMBER = r"(?:\d+(?:\.\d+)?\s?%|\d+(?:\.\d+)?\s?/\s?\d+(?:\.\d+)?|[01]\.\d{1,2})"
_ARROW = r"\s?(?:->|→)\s?"
# Words a figure may carry: "12/20 done", "50/50 sourced", "0/3 hired".
_STATUS = r"(?:\s+(?:done|complete|completed|finished|started|[a-z]{3,}ed))?"
# A note set apart by a separator at the end: ": 30%", " => 0%", " - 40% done", ". 0/2".
_SEPARATED = re.compile(
    rf"(?P<sep>\s?:\s+|\s+(?:=>|->|→|-|–|—)\s+|\.\s+)(?P<note>{_NUMBER}{_STATUS})[\s.;]*$", re.IGNORECASE
)
# A grade or a fraction right after a closing bracket, link or owner tag, with only a space
# between: "[Cut the export time.](#kr2) [ana] 0.7", "Ship the app (mobile) 3/5". Not a percent
# ("Grow sign-ups (web) 20%" may be the amount), and not after a word ("Cut churn to 0.5").
_GRADE = r"(?:[01]\.\d{1,2}|\d+\s?/\s?\d+)"
_AFTER_CLOSE = re.compile(rf"(?<=[\])`])(?P<sep>\s+)(?P<note>{_GRADE})[\s.;]*$")
# A status note set apart at the end: " - done", ": Completed mid-August", " - not started".
_WHEN = (
    r"(?:(?:in|on|by|since)\s+)?(?:(?:early|mid|late)[- ])?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?(?:\s+\d{4})?"
    r"|(?:in\s+)?q[1-4](?:\s+\d{4})?"
)
_STATUS_NOTE = re.compile(
    r"(?P<sep>\s?:\s+|\s+(?:=>|->|→|-|–|—)\s+)"
    r"(?P<note>(?:done|complete|completed|finished|delivered|shipped|not started|in progress|on track|"
    rf"at risk|off track|blocked)(?:\s+(?:{_WHEN}))?)[\s.;]*$",
    re.IGNORECASE,
)
# Nothing or all done, after the sentence with only a space: "... the rota app 100%".
_SPACED = re.compile(r"(?<=[A-Za-z)])(?P<sep>\s+)(?P<note>(?:0|100)\s?%)[\s.;]*$")
# Words a figure may follow in the sentence itself: "coverage at 100%", "share of 0%".
_TAKES_NUMBER = frozenset(
    {"at", "to", "of", "by", "from", "above", "below", "over", "under", "than", "about", "around", "is",
     "are", "reach", "reaches", "hit", "hits", "coverage", "rate", "share", "score", "uptime", "retention"}
)  # fmt: skip
# A note in brackets at the end: "(100%)", "(0.0 -> 1.0)", "[8/12 done]".
_BRACKETED = re.compile(
    rf"\s*[(\[]\s*(?P<note>{_NUMBER}(?:{_ARROW}{_NUMBER})?{_STATUS})\s*[)\]][\s.;]*$", re.IGNORECASE
)
# A figure that says nothing about a target: nothing done, all done, a fraction, a grading scale.
_PLAIN_STATUS = re.compile(rf"^(?:0\s?%|100\s?%|.*/.*|.*(?:->|→).*|{_NUMBER}\s+\S+)$")
# Links closing the text, which a note may sit before: "([sheet](https://...))", " https://...".
_TRAILING_LINKS = re.compile(r"(?:\s*\(?\[[^\[\]]*\]\([^()\s]*\)\)?|\s+https?://\S+)+\s*$")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# Before a label: bullets, numbering marks and spaces (not words).
_LEAD = re.compile(r"^[\s\-–—*•>#+·]*")
# A team, function or role label: one to four capitalised words or acronyms, then a colon.
_LABEL = re.compile(
    r"(?P<label>(?:[A-Z][a-z]+|[A-Z]{2,5})(?:\s(?:&\s)?(?:[A-Z][a-z]+|[A-Z]{2,5})){0,3}):\s+"
    r"(?P<first>[A-Z][a-z]+)\s+(?P<second>[\w$€£%'’-]+)"
)
# After a leading verb, a word that makes the verb move the measure the label names ("Grow to 2M").
_MEASURE_MOVE = frozenset({"to", "from", "by", "above", "below", "over", "under", "at", "up", "down"})
# Words that open a label of the document's own outline (the body finder strips those).
_OUTLINE = frozenset({"kr", "krs", "okr", "objective", "objectives", "goal", "goals", "obj", "key", "status"})
_DIGITS = frozenset("0123456789%")
_TOKEN = re.compile(r"[\w$€£%'’-]+")
_MIN_SENTENCE_WORDS = 3  # what a note leaves before it: a whole key result


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """Lead verbs of the lexicon, one word each (``nlp/data/verbs.json``)."""
    data = load_data("verbs")
    words: set[str] = set()
    for kind in ("outcome", "deliverable", "activity", "level", "vague", "multiplier"):
        words.update(phrase.split()[0].lower() for phrase in data[kind])
    return frozenset(words)


@lru_cache(maxsize=1)
def _moving_verbs() -> frozenset[str]:
    """Verbs that move a measure ("reduce", "double"): a bare percent after them may be the amount."""
    data = load_data("verbs")
    return frozenset(w.lower() for kind in ("outcome", "multiplier") for w in data[kind] if " " not in w)


@lru_cache(maxsize=1)
def _metric_heads() -> frozenset[str]:
    """Nouns that make a lexicon verb before them a noun ("Open rate", "Test coverage")."""
    return frozenset(w.lower() for w in load_data("verbs")["metric_heads"])


def _opens_with_verb(text: str) -> bool:
    """Whether ``text`` opens with a lexicon verb that has an object of its own ("Ship the app")."""
    words = _WORD.findall(text)
    if len(words) < 2:
        return False
    first, second = words[0].lower(), words[1].lower()
    if first.endswith("ly") and len(words) > 2:  # "Fully document the setup"
        first, second = second, words[2].lower()
    return first in _verbs() and second not in _MEASURE_MOVE


@lru_cache(maxsize=4096)
def owner_label(text: str) -> tuple[int, int] | None:
    """Span of a team, function or role label opening ``text`` ("Design Ops: "), else None.

    The label is capitalised words before a colon, and after it a whole key result opens
    with a capitalised verb. A measure named before its value is not a label.

    >>> text = "Design Ops: Ship the token library to all squads"
    >>> span = owner_label(text); text[span[0] : span[1]]
    'Design Ops: '
    >>> owner_label("Uptime: 99.9%"), owner_label("Revenue: Grow to 2M")
    (None, None)
    """
    if ":" not in text:
        return None
    lead = _LEAD.match(text)
    at = lead.end() if lead is not None else 0
    match = _LABEL.match(text, at)
    if match is None or match["label"].split()[0].lower() in _OUTLINE:
        return None
    if not _opens_with_verb(text[match.start("first") :]):
        return None
    return match.start("label"), match.start("first")


@lru_cache(maxsize=4096)
def progress_note(text: str) -> tuple[int, int] | None:
    """Span of a progress note closing ``text`` (with its separator), else None.

    >>> text = "Ship the offline mode: 30%"
    >>> span = progress_note(text); text[span[0] : span[1]]
    ': 30%'
    >>> progress_note("Reach 30% share"), progress_note("Uptime: 99.9%"), progress_note("Grow to 300 - 400")
    (None, None, None)
    >>> text = "[Cut the export time.](#kr2) [ana] 0.7"
    >>> span = progress_note(text); text[span[0] : span[1]]
    '0.7'
    >>> progress_note("Cut the error rate to 0.5"), progress_note("Grow sign-ups (web) 20%")
    (None, None)
    """
    label = owner_label(text)
    start = label[1] if label is not None else (m.end() if (m := _LEAD.match(text)) else 0)
    tail = _TRAILING_LINKS.search(text, start)
    stop = tail.start() if tail is not None else len(text)  # "...: 40% ([sheet](https://...))"
    note = _note_before(text, start, stop)
    if note is None:
        return _commented_note(text, start, stop)
    earlier = _note_before(text, start, note[0])  # two notes: "...: 12/20 done (60%)"
    return (earlier[0] if earlier is not None else note[0]), note[1]


def _note_before(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """A progress note ending at ``stop``, after a whole sentence starting at ``start``."""
    bracketed = _BRACKETED.search(text, start, stop)
    if bracketed is not None:
        sentence = text[start : bracketed.start()]
        plain = _PLAIN_STATUS.match(bracketed["note"]) is not None
        if _whole(sentence) and (plain or not any(ch.isdigit() for ch in sentence)):
            return _start(text, bracketed.start()), _end(text, bracketed.end())
        # After a note of its own the bracket is one too: "...: 3/6 hired (50%)".
        inner = _note_before(text, start, bracketed.start())
        return (inner[0], _end(text, bracketed.end())) if inner is not None else None
    separated = _SEPARATED.search(text, start, stop) or _STATUS_NOTE.search(text, start, stop)
    if separated is None:
        spaced = _spaced_note(text, start, stop)
        if spaced is not None:
            return spaced
        closed = _AFTER_CLOSE.search(text, start, stop)
        if closed is not None and _whole(text[start : closed.start()]):
            return _start(text, closed.start()), _end(text, closed.end())  # a grade: never an amount
        return None
    sentence = text[start : separated.start()]
    ranged = separated["sep"].strip() in ("-", "–", "—", "->", "→")
    if not _whole(sentence) or (ranged and sentence.rstrip()[-1:] in _DIGITS):
        return None  # "300 - 400", "70% → 85%": a range or a move
    if separated["sep"].strip() == ":" and not _opens_with_verb(sentence):
        return None  # "Teachers trained on the new LMS: 100%": a measure and its value
    first = (_WORD.findall(sentence) or [""])[0].lower()
    if first in _moving_verbs() and not any(ch.isdigit() for ch in sentence):
        return None  # "Cut food waste - 20%": the figure may be the amount
    return _start(text, separated.start()), _end(text, separated.end())


# A comment in brackets closing the text, with no figure of its own: "(parts ordered)".
_COMMENT = re.compile(r"\s*\((?P<words>[^()\d]*[A-Za-z][^()\d]*)\)[\s.;]*$")


def _commented_note(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """A note set apart by a separator with a comment on it in brackets: "...: 30% (parts
    ordered)". The comment says how the work stands, as the figure does.

    >>> text = "Install the ward printer: 30% (parts ordered)"
    >>> span = _commented_note(text, 0, len(text)); text[span[0] : span[1]]
    ': 30% (parts ordered)'
    >>> _commented_note("Uptime: 99.9% (monthly)", 0, 23) is None
    True
    """
    comment = _COMMENT.search(text, start, stop)
    if comment is None:
        return None
    note = _note_before(text, start, comment.start())
    if note is None or _BRACKETED.search(text, start, comment.start()) is not None:
        return None  # no figure before it, or one in brackets of its own
    return note[0], _end(text, comment.end())


def _spaced_note(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """A nothing-done or all-done figure set after a piece of work with only a space ("Move the
    rota app to the new host 100%"): no verb of the work takes a bare percent after its object,
    so it is the note of a tracker's progress column, not a level. Not after a verb that moves a
    measure ("Cut paper use 100%"), nor after a word a number may follow ("coverage at 100%")."""
    spaced = _SPACED.search(text, start, stop)
    if spaced is None:
        return None
    sentence = text[start : spaced.start()]
    words = _WORD.findall(sentence)
    if not _whole(sentence) or not _opens_with_verb(sentence) or not words:
        return None
    if words[0].lower() in _moving_verbs() or words[-1].lower() in _TAKES_NUMBER:
        return None
    if len(words) > 1 and words[1].lower() in _metric_heads():
        return None  # "Test coverage of the till 100%": the first word names a measure, no verb

    return _start(text, spaced.start()), _end(text, spaced.end())


def _whole(sentence: str) -> bool:
    """Whether ``sentence`` is enough of a key result to stand without the note."""
    return len(_TOKEN.findall(sentence)) >= _MIN_SENTENCE_WORDS


def _start(text: str, start: int) -> int:
    """``start`` past the spaces before the note's separator."""
    return start + len(text[start:]) - len(text[start:].lstrip())


def _end(text: str, end: int) -> int:
    """``end`` without the trailing spaces and stops the note patterns take in."""
    return len(text[:end].rstrip(" \t.;"))


def annotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the team label and the progress note in ``text``, in text order.

    >>> text = "Payroll Ops: Move the pension export to the new bank => 0%"
    >>> [text[a:b] for a, b in annotation_spans(text)]
    ['Payroll Ops: ', '=> 0%']
    """
    spans = (owner_label(text), handles_note(text), progress_note(text))
    return [span for span in spans if span is not None]


# Owners' handles after a key result wrapped in a link or backticks, before an optional
# grade: "[Cut the queue.](#kr2) \[ana, li\] 0.7", "`Ship the app` [dana]". Lower-case
# handles only (Markdown may escape the brackets); a capitalised word in brackets
# ("... [Beta]") or a bracket inside the sentence ("Have [redacted] in savings") is not one.
_HANDLES = re.compile(
    r"(?:\]\([^\s()]*\)|`)(?P<sep>\s+)(?P<note>\\?\[\s*[a-z][\w.-]*(?:\s*,\s*[a-z][\w.-]*)*\s*\\?\])"
    rf"(?=(?:\s+{_GRADE})?[\s.;]*$)"
)


def handles_note(text: str) -> tuple[int, int] | None:
    """The character span of a list of owners' handles after a wrapped key result, else ``None``.

    >>> text = "[Cut the queue.](#kr2) \\\\[ana, li\\\\] 0.7"
    >>> a, b = handles_note(text)
    >>> text[a:b]
    '\\\\[ana, li\\\\]'
    >>> handles_note("Have [redacted] in savings") is None
    True
    """
    match = _HANDLES.search(text)
    return None if match is None else (match.start("note"), match.end("note"))
