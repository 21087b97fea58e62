"""Per-document working state shared by krquality's components.

Reading a ``doc._`` attribute or calling ``doc.char_span`` costs
microseconds each, which adds up to more than the statistical tagger on a
ten-word key result. So ``krq_body`` stores one :class:`DocState` on
``doc._.krq_state`` and every later component reads and fills it; the
public ``krq_`` attributes are getters over it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from krquality.features.types import Change, DateRef, Form, LeadVerb, Marker, Quantity


class DocState:
    """What the components found so far, with the token ranges they came from."""

    __slots__ = (
        "body_end",
        "body_start",
        "changes",
        "date_tokens",
        "dates",
        "form",
        "lead_verb",
        "markers",
        "quantities",
        "quantity_tokens",
        "retagged",
    )

    def __init__(self, body_start: int, body_end: int) -> None:
        self.body_start = body_start
        self.body_end = body_end
        self.retagged: dict[int, str] = {}
        self.dates: tuple[DateRef, ...] = ()
        self.date_tokens: tuple[tuple[int, int], ...] = ()
        self.quantities: tuple[Quantity, ...] = ()
        self.quantity_tokens: tuple[tuple[int, int], ...] = ()
        self.lead_verb: LeadVerb | None = None
        self.form: Form = Form.OTHER
        self.changes: tuple[Change, ...] = ()
        self.markers: tuple[Marker, ...] = ()


def get_state(doc: Doc) -> DocState:
    """The doc's :class:`DocState`, creating a whole-doc one if ``krq_body`` did not run."""
    state: DocState | None = doc._.krq_state
    if state is None:
        state = DocState(0, len(doc))
        doc._.krq_state = state
    return state
