"""The ``krq_`` extension attributes krquality's components set.

Two Doc attributes are stored, each written once: ``krq_state`` (the
working state, written by ``krq_body`` and filled in by the components after
it) and ``krq_features`` (written by ``krq_features``). The rest are getters
over the state, so reading them costs nothing on the classification path.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token


def _state(doc: Doc) -> Any:
    return doc._.krq_state


def _body(doc: Doc) -> Span | None:
    state = _state(doc)
    return None if state is None else doc[state.body_start : state.body_end]


def _field(name: str) -> Any:
    def getter(doc: Doc) -> Any:
        state = _state(doc)
        return None if state is None else getattr(state, name)

    return getter


def _is_retagged(token: Token) -> bool:
    state = _state(token.doc)
    return state is not None and token.i in state.retagged


# Getter attributes on Doc -> the DocState field they read.
DOC_GETTERS: tuple[str, ...] = (
    "retagged",  # dict[int, str]: token index -> the tagger's original tag (krq_tagfix)
    "dates",  # tuple[DateRef, ...] (krq_dates)
    "quantities",  # tuple[Quantity, ...] (krq_quantities)
    "lead_verb",  # LeadVerb | None (krq_lead_verb)
    "form",  # Form (krq_lead_verb)
    "changes",  # tuple[Change, ...] (krq_changes)
    "markers",  # tuple[Marker, ...] (krq_markers)
)


def register_extensions() -> None:
    """Register every ``krq_`` extension once (safe to call again).

    >>> register_extensions()
    >>> Doc.has_extension("krq_features")
    True
    """
    for name in ("krq_state", "krq_features"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("krq_body"):
        Doc.set_extension("krq_body", getter=_body)
    for field in DOC_GETTERS:
        if not Doc.has_extension(f"krq_{field}"):
            Doc.set_extension(f"krq_{field}", getter=_field(field))
    if not Token.has_extension("krq_retagged"):
        Token.set_extension("krq_retagged", getter=_is_retagged)
