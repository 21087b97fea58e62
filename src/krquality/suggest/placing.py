"""Where a long sentence takes "by [date]": at the end of its main clause, or nowhere.

"By [date], " opening a sentence of twenty words or more reads badly: the
reader holds the date through several clauses before learning what it dates.
The date goes where the main clause ends instead:

- before an addition the author set off from it: a comma before "with",
  "including", "by", "so that", "to", "which" ... ("... have a shared rota
  for the three kitchens by [date], with the cooks' sign-off"), a dash, or a
  closing parenthesis ("... by [date] (as a stand-in for ...)");
- before a guardrail the result must hold to ("... without raising the
  error rate", "... while keeping ...", "... but not ..."): a date after it
  would read as the guardrail's ("without raising the error rate by [date]");
- otherwise at the end of the sentence, unless it holds a clause of its
  own ("... for the tenants who moved in last spring"), where the date would
  read as that clause's ("moved in ... by [date]"), joins two results (the
  date would date the last only) or ends in a preposition.

No clean place: no date-only draft (the caller says "no safe rewrite").
"""

from __future__ import annotations

import re

# A comma, dash or parenthesis setting off an addition to the main clause.
_ADDITION = re.compile(
    r",\s+(?=(?:with|including|incl\.|by|so|which|as|while|resulting|using|through|via|to|in\s+order|"
    r"where|whereby|thereby|allowing|enabling|ensuring|e\.g\.|i\.e\.)\b)"
    r"|\s+[-–—]\s+"
    r"|\s+\((?=[^()]*\)\s*$)",
    re.I,
)
# A guardrail: what the result must not cost, set off by "without" doing something, "while",
# "whilst" or "but not", with or without a comma. ("without assistance" is a manner, not one.)
_GUARDRAIL = re.compile(r",?\s+(?=(?:without\s+\w+ing|while|whilst|but\s+not)\s+\w)", re.I)
# The words a main clause needs before a guardrail can follow it ("Cut waits without ...").
_MIN_GUARDED = 2
# A clause of its own, whose verb a date at the sentence's end would be read with.
_OWN_CLAUSE = re.compile(r"\b(?:who|whom|whose|which|that|where|who[’']ve|who[’']d|who[’']s)\b", re.I)
# Ending in a preposition, "by [date]" after it garbles the sentence.
_DANGLING = re.compile(r"\b(?:on|in|at|to|for|with|of|from|about|by|into|onto)$", re.I)
# The words a main clause needs before the date can close it.
_MIN_WORDS = 4


def date_place(text: str, start: int, end: int, *, joined: bool = False) -> int | None:
    """Where " by [date]" goes in the long sentence ``text[start:end]``, or None for nowhere.

    ``joined`` says the sentence joins two results (``wording.compound``): a date at its end
    would date the last one only.

    >>> text = "The three kitchens share one cleaning rota, with the cooks' sign-off on every change"
    >>> text[: date_place(text, 0, len(text))]
    'The three kitchens share one cleaning rota'
    >>> text = "Every stall at the market takes cards, for the traders who signed up in spring"
    >>> date_place(text, 0, len(text)) is None
    True
    >>> text = "The allotment waiting list is kept online and checked by two volunteers"
    >>> date_place(text, 0, len(text)) == len(text)
    True
    """
    core = text[start:end]
    guarded = guardrail_start(text, start, end)
    if guarded is not None:
        return guarded
    for addition in _ADDITION.finditer(core):
        before = core[: addition.start()].rstrip(" ,")
        if len(before.split()) < _MIN_WORDS:
            continue  # "For each branch, ...": an opening phrase, not the main clause
        if _DANGLING.search(before) or _OWN_CLAUSE.search(_last_part(before)):
            return None
        return start + len(before)
    if joined or _DANGLING.search(core.rstrip()) or _OWN_CLAUSE.search(core):
        return None
    return end


def guardrail_start(text: str, start: int, end: int) -> int | None:
    """Where the main clause of ``text[start:end]`` ends before a guardrail, or None.

    "by [date]" goes there: at the sentence's end it would date the guardrail instead.

    >>> text = "Cut the clinic's waiting time to 20 minutes without adding evening shifts"
    >>> text[: guardrail_start(text, 0, len(text))]
    "Cut the clinic's waiting time to 20 minutes"
    >>> guardrail_start("Every form is filed without assistance", 0, 38) is None
    True
    """
    core = text[start:end]
    for guard in _GUARDRAIL.finditer(core):
        before = core[: guard.start()].rstrip(" ,")
        if len(before.split()) < _MIN_GUARDED or _DANGLING.search(before):
            continue
        return start + len(before)
    return None


def _last_part(text: str) -> str:
    """The words after the last comma of ``text``, where a clause of its own would end it."""
    return text.rsplit(",", 1)[-1]
