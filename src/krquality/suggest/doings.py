"""Requests, work in progress and work on open objects, which a date does not turn into a result.

"Ask the parish for volunteers to run the stall" is done once the asking is, whatever
the answer; "We are measuring tenant satisfaction" says what the team is busy with.
Dated, both are still the doing, not a state anyone can check at the end ("the stall
has two volunteer leads", "the survey score is published"), and blind reviews judged
such date-only drafts bad. So is work on a thing with no point at which it is done ("Develop an
opportunity for a joint bid"). ``build_drafts`` drops the date-only draft for them; drafts
that name what the work is for are still offered.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from krquality.checks.helpers import load_words
from krquality.features.types import VerbClass
from krquality.nlp.lexicon import VerbLexicon
from krquality.suggest.structure import structure_of

if TYPE_CHECKING:
    from krquality.features.types import Features

# Verbs of asking others to act: the result is their answer, which the key result leaves open.
REQUEST_VERBS: frozenset[str] = frozenset(
    {"ask", "request", "invite", "encourage", "urge", "appeal", "solicit", "petition", "lobby", "nudge",
     "remind", "prompt", "canvass"}
)  # fmt: skip
# Verbs of watching a measure: in progress, they produce figures, not an end state.
_WATCHING = frozenset({"measure", "track", "monitor", "observe", "survey", "check", "assess", "evaluate"})
# "We are (regularly) measuring ...", "The crew is actively exploring ...": the first clause
# in the progressive, with adverbs of manner or frequency between.
_PROGRESSIVE = re.compile(
    r"^(?P<subject>we|i|they|(?:the|our|my)\s+[\w-]+(?:\s+[\w-]+)?|[\w-]+)\s+(?:is|are|am|'re|'m)\s+"
    r"(?:[a-z]+ly\s+)*(?P<verb>[a-z]+ing)\b",
    re.IGNORECASE,
)
# A state that is work under way, at the end of the sentence: "... a sales effort in progress".
_IN_PROGRESS = re.compile(r"\b(?:in[- ]progress|under\s?way|ongoing)\W*$", re.IGNORECASE)
# Subjects that are the team itself: what "we are running" names is the team's own activity,
# where "the kiosk is running" is a state of a thing.
_OURSELVES = frozenset({"we", "i", "they"})


@cache
def _lexicon() -> VerbLexicon:
    return VerbLexicon()


def _base_forms(gerund: str) -> list[str]:
    """Candidate base forms of an -ing form: "measuring" -> measur, measure; "running" -> run."""
    stem = gerund.lower()[:-3]
    forms = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.append(stem[:-1])
    return forms


def _is_doing(gerund: str, *, ourselves: bool) -> bool:
    """Whether the -ing form names a watching or a request ("measuring", "asking") or, said of
    the team itself (``ourselves``), an activity ("we are exploring")."""
    for base in _base_forms(gerund):
        if base in _WATCHING or base in REQUEST_VERBS:
            return True
        found = _lexicon().lookup(base, "")
        if found is not None:
            return ourselves and found[1] is VerbClass.ACTIVITY
    return False


def asks_or_is_doing(features: Features) -> bool:
    """Whether the key result asks others to act ("Ask the choir for two new soloists") or states
    an activity in progress ("We are measuring volunteer satisfaction"), with no number, or work
    under way whatever its number ("30% of stalls have a refit in progress"): a date leaves
    either the doing it is.

    >>> from krquality.features.types import Features, Form, SpanRef
    >>> text = "We are measuring volunteer satisfaction"
    >>> asks_or_is_doing(Features(text, SpanRef(0, len(text), text), Form.STATE, None))
    True
    """
    core = structure_of(features).core(features.text).strip()
    if _IN_PROGRESS.search(core):
        return True  # "25% of tenants have a repair visit in progress": work under way, whatever its count
    if features.quantities:
        return False  # "Ask 40 donors ...", "We are measuring 3 sites": a count, judged by other rules
    first = core.split()[:1]
    lead = features.lead_verb
    if (
        first
        and lead is not None
        and lead.lemma.lower() in REQUEST_VERBS
        and first[0].lower() == lead.span.text.lower()
    ):
        return True
    progressive = _PROGRESSIVE.match(core)
    if progressive is None:
        return False
    return _is_doing(progressive.group("verb"), ourselves=progressive.group("subject").lower() in _OURSELVES)


# Words that end the verb's object: a preposition, a clause, a stop.
_OBJECT_ENDS = frozenset(
    {"for", "with", "to", "in", "on", "of", "at", "by", "from", "that", "which", "and", "so"}
)


def names_open_object(features: Features) -> bool:
    """Whether the verb the key result opens with acts on an object with no point at which it is
    done ("Develop an opportunity for a joint bid", "Explore ways to cut waste": the words of
    ``checks/data/open_objects.txt``): dated, the work is still open.

    >>> from krquality.features.types import Features, Form, LeadVerb, SpanRef, VerbClass
    >>> text = "Develop an opportunity for a joint bid"
    >>> lead = LeadVerb(SpanRef(0, 7, "Develop"), "develop", VerbClass.OTHER)
    >>> names_open_object(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, lead))
    True
    """
    lead = features.lead_verb
    if lead is None or features.quantities:
        return False
    core = structure_of(features).core(features.text)
    if not core.lower().startswith(lead.span.text.lower()):
        return False
    words: list[str] = []
    for word in re.findall(r"[\w'-]+|[,;:.()]", core[len(lead.span.text) :].lower()):
        if word in _OBJECT_ENDS or not word[0].isalnum():
            break
        words.append(word)
    # the head of the object, the last word before it ends: "an opportunity", not "garden repair jobs"
    return bool(words) and len(words) <= 5 and words[-1] in load_words("open_objects")


def keeps_own_words(own: str, draft: str, date: str) -> bool:
    """Whether ``draft`` is the words of ``own`` in their order, some perhaps left out, with
    only ``date`` ("by [date]") added, and perhaps today's value (", up from [baseline]"): the
    author's doing, still the doing.

    >>> keeps_own_words("We are regularly measuring morale", "We are measuring morale by [date]", "[date]")
    True
    >>> keeps_own_words("We are measuring morale", "Publish the morale survey score by [date]", "[date]")
    False
    """
    words = re.findall(r"[\w\[\]'-]+", own.lower())
    added = re.sub(rf"\b[Bb]y {re.escape(date)},?", " ", draft)
    added = re.sub(r",?\s*\b(?:up|down)\s+from\s+\[baseline\]", " ", added)  # today's value beside the date
    left = iter(words)
    return all(word in left for word in re.findall(r"[\w\[\]'-]+", added.lower()))
