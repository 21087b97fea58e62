"""A change put up for review, taken to where it is accepted: "Open a PR to X" -> "Get the PR to X merged".

"Raise a PR to the docs on caching", "Submit a merge request for the retry
logic" or "Send a patch to the router library" name the moment work is
offered, which the author controls and which proves nothing: the result is
the change accepted. The draft keeps every word after the verb and names
that end: "Get the PR to the docs on caching merged by [date]". A proposal or
an RFC is accepted rather than merged.

Only a verb of putting up (raise, open, submit, file, send, create, make)
followed by the change itself; not a key result with a number, a date or a
time frame of its own, or of more than one sentence.
"""

from __future__ import annotations

import re

from krquality.features.types import Features
from krquality.nlp.dates import time_frame_spans
from krquality.suggest.slots import DATE
from krquality.suggest.structure import structure_of

_PUT_UP = re.compile(
    r"^(?:raise|open|submit|file|send|create|make|put\s+up)\s+(?P<article>(?:a|an|the|our|my)\s+)?"
    r"(?P<change>(?P<kind>PRs?|pull\s+requests?|MRs?|merge\s+requests?|patch(?:es)?|RFCs?|proposals?)\b.*)$",
    re.IGNORECASE,
)
# What acceptance is called for each kind of change.
_MERGED = re.compile(r"^(?:PRs?|pull|MRs?|merge|patch(?:es)?)\b", re.IGNORECASE)


def submitted_drafts(features: Features) -> list[str]:
    """The change put up for review, accepted by a date.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "Raise a PR to the docs on caching"
    >>> submitted_drafts(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None))
    ['Get the PR to the docs on caching merged by [date]']
    """
    if features.quantities or features.dates:
        return []
    shape = structure_of(features)
    if shape.question or shape.trails_off or shape.sentences > 1 or shape.cycle_tag is not None:
        return []
    core = shape.core(features.text).strip().rstrip(" .!;")
    match = _PUT_UP.match(core)
    if match is None or "\n" in core or time_frame_spans(core):
        return []
    change = match["change"]
    plural = re.match(r"(?:PRs|MRs|pull\s+requests|merge\s+requests|patches|RFCs|proposals)\b", change, re.I)
    if plural:
        return []  # "Open PRs to ...": how many is still open
    end = "merged" if _MERGED.match(match["kind"]) else "accepted"
    return [f"Get the {change} {end} by {DATE}"]
