"""The ``krq_`` extension attributes krquality's components set.

Doc attributes are written once, each by the component that owns it; the
Token attribute is a getter over the Doc attribute, so nothing is stored per
token.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Doc attribute -> the component that sets it.
DOC_EXTENSIONS: dict[str, str] = {
    "krq_body": "krq_body",  # Span: the key result without bullets, numbering, owner tags
    "krq_retagged": "krq_tagfix",  # dict[int, str]: token index -> the tagger's original tag
    "krq_dates": "krq_dates",  # tuple[DateRef, ...]
    "krq_quantities": "krq_quantities",  # tuple[Quantity, ...]
    "krq_lead_verb": "krq_lead_verb",  # LeadVerb | None
    "krq_form": "krq_lead_verb",  # Form
    "krq_changes": "krq_changes",  # tuple[Change, ...]
    "krq_markers": "krq_markers",  # tuple[Marker, ...]
    "krq_features": "krq_features",  # Features
}


def _is_retagged(token: Token) -> bool:
    retagged = token.doc._.krq_retagged
    return bool(retagged) and token.i in retagged


def register_extensions() -> None:
    """Register every ``krq_`` extension once (safe to call again).

    >>> register_extensions()
    >>> Doc.has_extension("krq_features")
    True
    """
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Token.has_extension("krq_retagged"):
        Token.set_extension("krq_retagged", getter=_is_retagged)
