"""Drafts that put a bar to define where an uncheckable or boundless phrase was.

Taking "highly" out of "highly active stewards" leaves a bar as hard to
check and lower, and taking "all" out of "all parts of each order" leaves
the scope unsaid. These drafts keep the author's sentence and put a slot
naming what to define in the phrase's place:

- people graded by opinion ("at least four highly engaged stewards"):
  "at least four stewards who [what they do and how often]", for the
  author to write the bar ("who lead a litter pick each month");
- things graded by opinion ("high quality photo entries", "substantial
  pull requests"): "photo entries that meet [which criteria]", for the
  author to write down what a good one has;
- a scope nobody can reach ("tooling that tracks all parts of each
  order"): "tooling that tracks [which parts] of each order";
- a process in a state nobody can check ("The returns process is
  systematised", "... is streamlined"): the end state that shows it, "The
  returns process is written down and followed in [which cases] by
  [date]", and for a process made faster, its cycle time reduced.

A key result with no time frame gets "by [date]" too. Every draft is
re-analysed and judged like any other (:mod:`krquality.suggest.rewrite`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from krquality.checks.periods import framing_dates
from krquality.features.types import Features
from krquality.result import Finding
from krquality.suggest import lexicon
from krquality.suggest.aims import split_frame
from krquality.suggest.casing import capitalise_first
from krquality.suggest.slots import DATE, PEOPLE_BAR, SLOTS, scope_slot
from krquality.suggest.structure import structure_of

_PEOPLE = lexicon.PEOPLE_NOUNS | {
    "people", "users", "customers", "readers", "players", "residents", "staff", "employees", "partners",
    "stewards", "teachers", "parents", "guests", "clients", "developers", "researchers", "designers",
}
# "all aspects", "all the parts", "every step": a boundless scope over countable things.
_SCOPE = re.compile(r"(?:all|every)\s+(?:the\s+|of\s+the\s+)?(?P<noun>[a-z][a-z-]+)", re.I)
_NEXT_WORD = re.compile(r"\s+(?P<word>[A-Za-z][\w-]*)")


def bar_drafts(features: Features, findings: Sequence[Finding]) -> list[str]:
    """The key result's sentence with each uncheckable grade of people, or boundless scope,
    replaced by a slot naming the bar to define; one draft with every replacement made.

    >>> from krquality.features.types import Form, SpanRef
    >>> from krquality.result import Severity
    >>> text = "Each branch has at least four highly engaged stewards"
    >>> flagged = Finding("KRQ409", "wording.uncheckable", Severity.WARNING, "", 30, 44)
    >>> bar_drafts(Features(text, SpanRef(0, len(text), text), Form.STATE, None), [flagged])
    ['Each branch has at least four stewards who [what they do and how often]']
    """
    shape = structure_of(features)
    text = features.text
    if shape.question or shape.trails_off or shape.sentences > 1 or "\n" in text[shape.start : shape.end]:
        return []
    edits: list[tuple[int, int, str]] = []
    for finding in findings:
        if not shape.start <= finding.start < finding.end <= shape.end:
            continue
        if finding.name == "wording.uncheckable":
            edit = _graded_people(text, finding) or _graded_things(text, finding)
        elif finding.name == "wording.vague":
            edit = _graded_things(text, finding)
        elif finding.name == "wording.absolute":
            edit = _boundless_scope(text, finding)
        else:
            continue
        if edit is not None:
            edits.append(edit)
    if not edits:
        return []
    core = text
    for start, end, replacement in sorted(edits, reverse=True):
        core = core[:start] + replacement + core[end:]
    shift = len(core) - len(text)
    core = core[shape.start : shape.end + shift].strip().rstrip(" .!;")
    undated = any(f.name.endswith("no_deadline") for f in findings)
    if undated and not shape.time_frame and not framing_dates(features):
        core = f"{core} by {DATE}"
    return [capitalise_first(core)]


def _graded_people(text: str, finding: Finding) -> tuple[int, int, str] | None:
    """ "highly active organisers" -> "organisers who [what they do and how often]"."""
    phrase = text[finding.start : finding.end]
    if len(phrase.split()) > 3 or not phrase[:1].isalpha():
        return None
    after = _NEXT_WORD.match(text, finding.end)
    if after is not None and after["word"].lower() not in _PEOPLE:
        after = _NEXT_WORD.match(text, after.end())  # "very active | patient advocates"
    if after is None or after["word"].lower() not in _PEOPLE:
        return None  # "highly active forums", "properly documented": no people to set a bar for
    rest = text[after.end() :]
    if re.match(r"\s+(?:who|that|which)\b", rest, re.I):
        return None  # "... stewards who ...": a clause already follows, a second would muddle it
    people = text[finding.end : after.end()].strip()
    return finding.start, after.end(), f"{people} who {PEOPLE_BAR}"


# Grades of quality an author means as a bar but never writes down ("high quality entries").
_QUALITY_GRADES = frozenset(
    {"high quality", "high-quality", "top quality", "top-quality", "good", "great", "excellent", "solid",
     "substantial", "meaningful", "valuable", "high value", "high-value", "strong", "promising", "thorough",
     "robust", "useful", "credible", "significant", "quality"}
)
# What may follow the graded things so that a clause after them still reads as theirs: the end,
# a break, or a time frame or place ("... by June", "... in the gallery"). "of", "for" or
# "from" would leave the clause on the wrong noun ("entries that meet [...] of the club").
_AFTER_THINGS = re.compile(
    r"\s*(?:$|[,;.:(\u2013\u2014]|-\s|(?:by|in|per|each|every|before|until|during|this|next|within|across|"
    r"at|on)\b)",
    re.I,
)
_NOT_THINGS = frozenset(
    {"times", "days", "weeks", "months", "years", "hours", "minutes", "results", "us", "its"}
)


def _graded_things(text: str, finding: Finding) -> tuple[int, int, str] | None:
    """ "high quality photo entries" -> "photo entries that meet [which criteria]"."""
    grade = text[finding.start : finding.end].lower()
    if grade not in _QUALITY_GRADES:
        return None
    if re.search(r"\b(?:a|an|one|the\s+most)\s*$", text[: finding.start], re.I):
        return None  # "a solid plan": one thing, whose bar is what it contains, not criteria to count
    at = finding.end
    for _ in range(2):  # the plural noun that heads the things, one or two words on
        word = _NEXT_WORD.match(text, at)
        if word is None or word["word"].lower() in _PEOPLE:
            return None  # people graded take a bar of what they do (above)
        at = word.end()
        noun = word["word"]
        plural = noun.islower() and noun.endswith("s") and not noun.endswith(("ss", "us", "is"))
        if plural and noun.lower() not in _NOT_THINGS and _AFTER_THINGS.match(text, at):
            things = text[finding.end : at].strip()
            return finding.start, at, f"{things} that meet {scope_slot('criteria')}"
    return None


def _boundless_scope(text: str, finding: Finding) -> tuple[int, int, str] | None:
    """ "all aspects of each launch" -> "[which aspects] of each launch"."""
    scope = _SCOPE.fullmatch(text[finding.start : finding.end])
    if scope is None:
        after = _NEXT_WORD.match(text, finding.end)
        if after is None or text[finding.start : finding.end].lower() not in {"all", "every"}:
            return None
        scope = _SCOPE.fullmatch(text[finding.start : after.end()])
        if scope is None:
            return None
        end = after.end()
    else:
        end = finding.end
    noun = scope["noun"].lower()
    if not noun.endswith("s") or noun.endswith("ss") or noun in {"times", "us", "this", "its"}:
        return None  # "all the time", "every week": not a set of things to name
    return finding.start, end, scope_slot(noun)


# "The returns process is systematised": a way of working in a state nobody can check.
_PROCESS_STATE = re.compile(
    r"^(?P<subject>.*?\b(?:process|processes|workflow|workflows|procedure|procedures|method|methods|routine|"
    r"routines|pipeline|pipelines)\b.*?)\s+(?P<verb>is|are)\s+(?:now\s+|fully\s+)?"
    r"(?P<state>systemati[sz]ed|formali[sz]ed|streamlined|optimi[sz]ed)$",
    re.I,
)


def process_drafts(features: Features) -> list[tuple[str, bool]]:
    """End states (and, for a process made faster, a measure) for a process in a state nobody
    can check; each with whether it is a milestone.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "The returns process is streamlined"
    >>> process_drafts(Features(text, SpanRef(0, len(text), text), Form.STATE, None))[0]
    ('Reduce the cycle time of the returns process from [baseline] to [target] by [date]', False)
    """
    shape = structure_of(features)
    core = features.text[shape.start : shape.end].strip().rstrip(" .!;")
    body, date = split_frame(core, shape.time_frame or bool(framing_dates(features)))
    state = _PROCESS_STATE.match(body)
    if state is None or shape.question or len(core.split()) > 16 or re.search(r"[\d+:;?]", body):
        return []
    date = f" {date}" if date else ""
    subject = state["subject"]
    if not state["state"].lower().startswith(("streamlin", "optimi")):
        # made systematic or formal: written down and followed is what shows it
        followed = f"{subject} {state['verb']} written down and followed in {scope_slot('cases')}{date}"
        return [(capitalise_first(followed), True)]
    drafts: list[tuple[str, bool]] = []
    if not re.search(r"\band\b", subject):  # made faster: one process's cycle time
        what = subject[:1].lower() + subject[1:] if subject[1:2].islower() else subject
        if not what.lower().startswith(("the ", "our ")):
            what = f"the {what}"
        drafts.append((f"Reduce the cycle time of {what} {SLOTS}{date}", False))
    return drafts
