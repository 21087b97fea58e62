"""The kind of effect an output count is for, named by what is counted and the verb of the work.

A count draft states the change the work is for ("... through overseeing 3
depot refits"). Where the words name no measure, a bare ``[effect
measure]`` slot leaves the author guessing what to measure; the slot here
says what kind of effect to fill and of what: "[adoption of the booking
widgets]", "[use of the parish sites]", "[on-time delivery of the depot
refits]". Each kind is a measure its filled form reads as (a rising share or
count), so the filled draft scores as a metric.

Only the kind is chosen here; the slot is still the author's to fill, and a
head noun no kind fits keeps the plain ``[effect measure]`` slot.
"""

from __future__ import annotations

import re

# (the kinds are written in slots, where the filling reads them back: krquality.suggest.fill)
from krquality.suggest.slots import ADOPTION, EFFECT, FIXED, ON_TIME, TIME_SAVED, TRIAL_MEASURE, USE

# Things others use once they are made: the effect is that they are taken up.
_ADOPTED = frozenset(
    {"components", "component", "libraries", "library", "packages", "package", "plugins", "plugin",
     "tools", "tool", "templates", "template", "frameworks", "framework", "techniques", "technique",
     "releases", "release", "features", "feature", "modules", "module", "datasets", "dashboards",
     "guidelines", "playbooks", "toolkits", "widgets", "extensions", "integrations", "apis"}
)  # fmt: skip
# Places people visit or run things on: the effect is that they are used.
_VISITED = frozenset(
    {"sites", "site", "websites", "website", "apps", "app", "hubs", "hub", "portals", "portal",
     "platforms", "platform", "pages", "services"}
)  # fmt: skip
# Pieces of work delivered for someone: shipped, then used; overseen, then delivered on time.
_PROJECTS = frozenset({"projects", "project", "initiatives", "refits", "rollouts", "migrations", "builds"})
# Trials of an idea: the effect is the measure each trial sets out to move.
_TRIED = frozenset(
    {"experiments", "experiment", "pilots", "pilot", "trials", "trial", "prototypes", "prototype"}
)  # (not "tests": a test suite's effect is the bugs it stops, drafted elsewhere)
# Reviews of work that is not code ("docs assessments"): what they find, fixed.
_REVIEWS = frozenset({"assessments", "assessment", "audits", "audit", "reviews", "review", "inspections"})
# Verbs of steering others' work: its effect is the work delivered on time, not taken up.
_STEERING = frozenset(
    {
        "oversee",
        "overseeing",
        "lead",
        "leading",
        "manage",
        "managing",
        "direct",
        "directing",
        "coordinate",
        "coordinating",
        "contribute",
        "contributing",
        "support",
        "supporting",
        "mentor",
        "mentoring",
    }
)
# Verbs of taking up a tool oneself: its effect is the time the tool saves.
_TAKING_UP = frozenset({"use", "using", "adopt", "adopting", "try", "trying", "learn", "learning"})
# Verbs of taking in what others made ("Read 20 pages a day"): the author is its audience, and
# its use or readers are no effect of the work.
TAKING_IN = frozenset(
    {"read", "reading", "reread", "watch", "watching", "listen", "listening", "study", "studying",
     "view", "viewing", "skim", "browse", "consume"}
)  # fmt: skip
# The words a slot may hold and still read as one (the placeholder check's own pattern).
_SLOT_WORDS = re.compile(r"[A-Za-z][A-Za-z /-]*")


def effect_slot(things: str, head: str, verb: str) -> str:
    """The slot naming the kind of effect the counted ``things`` are for, or ``[effect measure]``.

    ``things`` is the counted noun phrase as written ("React widgets", "3 parish sites"),
    ``head`` its head noun, lower-cased, and ``verb`` the first word of the work ("oversee"),
    lower-cased, or "" when the key result has none.

    >>> effect_slot("booking widgets", "widgets", "build")
    '[adoption of the booking widgets]'
    >>> effect_slot("depot refits", "refits", "oversee")
    '[on-time delivery of the depot refits]'
    >>> effect_slot("kitchen rotas", "rotas", "draft")
    '[effect measure]'
    >>> effect_slot("the pilot", "pilot", "run")
    '[the measure tested by the pilot]'
    """
    kind = effect_kind(head, verb)
    if kind is None:
        return EFFECT
    return f"[{kind} {_named(things, head)}]"


def effect_kind(head: str, verb: str = "") -> str | None:
    """The kind of effect for things named by ``head`` made by the work ``verb``; None for none.

    >>> effect_kind("experiments"), effect_kind("rotas")
    ('the measure tested by', None)
    """
    if verb in TAKING_IN:
        return None
    if head in _TRIED:
        return TRIAL_MEASURE
    if head in _REVIEWS:
        return FIXED
    if head in _PROJECTS:
        return ON_TIME if verb in _STEERING else ADOPTION
    if head in _ADOPTED | _VISITED and verb in _TAKING_UP:
        return TIME_SAVED  # "Use 3 rota apps": their use is the work, the time they save its effect
    if head in _ADOPTED:
        return ADOPTION
    if head in _VISITED:
        return USE
    return None


def _named(things: str, head: str) -> str:
    """``things`` as the slot names them ("the booking widgets"): without a count or amount
    word before them, and only the head noun where other words could not stand in a slot
    (digits, an apostrophe, a bracket)."""
    # (and no article of its own: "the pilot" is named "the pilot", not "the the pilot")
    dropped = r"[\d,.+–-]+|of|additional|new|more|the|a|an|our"
    words = [w for w in things.split() if not re.fullmatch(dropped, w, re.I)]
    named = " ".join(words).strip(" ,;:.")
    if not named or not _SLOT_WORDS.fullmatch(named) or len(words) > 5 or not named.lower().endswith(head):
        named = head
    return f"the {named}"
