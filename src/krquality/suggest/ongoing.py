"""Work that goes on, which a date does not end: "Maintain the stock sheet", "Draft and
maintain the depot guides", "Align the rota with the main objective", "Establish review
practices", "Curation of recipes".

Read as a milestone or not, such a key result names an activity: "by [date]" gives it a
deadline but no end state anyone can check, so the date-only draft keeps its real
weakness. ``build_drafts`` drops the date-only draft for it; drafts that name what the
work is for (a measure, an end state) are still offered.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from krquality.suggest.structure import structure_of

if TYPE_CHECKING:
    from krquality.features.types import Features

# Verbs of work that goes on: keeping, spreading or steering something, with no end of their own.
ONGOING_VERBS: frozenset[str] = frozenset(
    {"maintain", "align", "socialize", "socialise", "sustain", "foster", "nurture", "cultivate",
     "champion", "evangelize", "evangelise", "advocate", "uphold", "steward", "curate", "moderate",
     "promote", "amplify", "celebrate", "facilitate", "oversee", "monitor", "nurse", "track"}
)  # fmt: skip
# Names of work that goes on ("Curation of recipes", "Stewardship of the archive").
ONGOING_NOUNS: frozenset[str] = frozenset(
    {"curation", "stewardship", "upkeep", "maintenance", "moderation", "socialization", "socialisation",
     "advocacy", "evangelism", "monitoring", "facilitation", "mentoring", "mentorship", "triage",
     "nurturing", "upholding"}
)  # fmt: skip
# Ways of working a team takes up and keeps: "establish review practices", "build a culture of ...".
_HABITS = r"(?:practices?|culture|habits?|norms?|routines?|rhythm|cadence|rituals?|relationships?)"
_SETTING_UP = r"(?:establish|build|develop|create|foster|set\s+up|introduce|instil|instill|embed)"
_HABIT_TAKEN_UP = re.compile(
    rf"^{_SETTING_UP}\s+(?:an?\s+|the\s+|our\s+|new\s+|better\s+)*(?:[\w-]+\s+(?:and\s+)?){{0,4}}?{_HABITS}\b",
    re.IGNORECASE,
)
# The verbs of the leading group: "Draft and maintain ...", "Build, test and maintain ...".
_LEADING_VERBS = re.compile(r"^((?:[a-z]+(?:,\s*|\s+(?:and|&)\s+))*[a-z]+)\b", re.IGNORECASE)
# Watching what was set up, as a later action ("..., agree goals, watch the figures"): it goes on
# after the rest is done. (Alone, "Measure X" ends in a first figure: a baseline to publish.)
_WATCHING = frozenset({"measure", "track", "monitor", "review"})
# A later action in a list of them, after a comma or a semicolon: "..., measure progress".
_LATER_ACTION = re.compile(r"[,;]\s*(?:and\s+)?([a-z]+)\s+(?!and\b|or\b)[a-z]", re.IGNORECASE)
# The head of a verbless name: the word before its first preposition.
_NAME_HEAD = re.compile(r"^(?:the\s+)?(?:[\w-]+\s+){0,3}?([\w-]+)(?:\s+(?:of|for|on|across|in)\b|$)", re.I)


def keeps_going(features: Features) -> bool:
    """Whether the key result names work that goes on ("Maintain ...", "Align ... with ...",
    "Establish review practices", "Curation of ..."), whatever its label."""
    if features.quantities:
        return False  # "Maintain recall at 85% or above": a level held, a metric
    shape = structure_of(features)
    core = shape.core(features.text)
    lead = features.lead_verb
    opens_with_verb = lead is not None and lead.span.start <= shape.start
    # (an opening verb the tagger read as a noun: "Align social media posts with ...")
    first = core.split()[:1]
    opens_with_verb = opens_with_verb or (lead is None and bool(first) and first[0].lower() in ONGOING_VERBS)
    return goes_on(core, verb=opens_with_verb) or (lead is None and goes_on(core, verb=False))


def goes_on(core: str, *, verb: bool) -> bool:
    """Whether ``core``, the key result's own words, names work that goes on.

    ``verb`` says whether the key result opens with a verb; without one, only a name of
    ongoing work counts ("Curation of recipes").

    >>> goes_on("Draft and maintain the onboarding guides", verb=True)
    True
    >>> goes_on("Establish weekly review practices", verb=True)
    True
    >>> goes_on("Draft the onboarding guide", verb=True)
    False
    >>> goes_on("Curation of recipes and menus", verb=False)
    True
    """
    text = core.strip()
    if not verb:
        head = _NAME_HEAD.match(text)
        return head is not None and head.group(1).lower() in ONGOING_NOUNS
    if _HABIT_TAKEN_UP.match(text):
        return True
    leading = _LEADING_VERBS.match(text)
    if leading is None:
        return False
    words = re.split(r",\s*|\s+(?:and|&)\s+", leading.group(1).lower())
    # (the first word alone unless others are joined to it: "Maintain", "Draft and maintain"), and
    # the first word of each later clause of a list of actions ("..., agree goals, watch the figures")
    later = [_lemma(m.group(1).lower()) for m in _LATER_ACTION.finditer(text)]
    watched = any(w in ONGOING_VERBS | _WATCHING for w in later)
    return watched or any(_lemma(w) in ONGOING_VERBS for w in words)


def _lemma(word: str) -> str:
    """A verb's base form from the forms a key result opens with ("maintaining", "aligned")."""
    for ending, base in (("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            stem = word[: -len(ending)]
            for candidate in (stem, stem + "e"):
                if candidate in ONGOING_VERBS:
                    return candidate
            return stem + base
    return word
