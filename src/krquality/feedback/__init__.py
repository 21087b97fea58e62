"""Corrections from users: stored, applied at once, and learnt from on retraining.

A user who finds a label wrong records a correction (the service's
``/v1/feedback``, ``krquality feedback add``, an editor's code action, the
playground). Corrections live in a SQL store (:mod:`~krquality.feedback.store`);
the standing ones (:mod:`~krquality.feedback.resolve`) answer for their texts at
once (:mod:`~krquality.feedback.overlay`), and ``krquality train --corrections``
learns from them (:mod:`~krquality.feedback.training`).
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from krquality.errors import FeedbackStoreError
from krquality.feedback.normalize import normalize_text, text_key
from krquality.feedback.overlay import CorrectionIndex
from krquality.feedback.resolve import Resolved, resolve
from krquality.feedback.types import CorrectedLabel, Correction, NewCorrection, Override, Source, Stats

if TYPE_CHECKING:
    from krquality.feedback.settings import FeedbackSettings
    from krquality.feedback.store import FeedbackStore, database_url, default_path, open_store

# The analyzer imports this package for the index; SQLAlchemy and pydantic-settings
# load only when a store or the settings are used.
_LAZY = {
    "FeedbackSettings": "krquality.feedback.settings",
    "FeedbackStore": "krquality.feedback.store",
    "database_url": "krquality.feedback.store",
    "default_path": "krquality.feedback.store",
    "open_store": "krquality.feedback.store",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'krquality.feedback' has no attribute {name!r}")

__all__ = [
    "CorrectedLabel",
    "Correction",
    "CorrectionIndex",
    "FeedbackSettings",
    "FeedbackStore",
    "NewCorrection",
    "Override",
    "Resolved",
    "Source",
    "Stats",
    "database_url",
    "default_path",
    "load_index",
    "normalize_text",
    "open_store",
    "resolve",
    "text_key",
]

logger = logging.getLogger("krquality.feedback")


def load_index(settings: FeedbackSettings | None = None) -> CorrectionIndex | None:
    """The standing corrections of the configured store, or None when they do not apply.

    An empty index when the local SQLite file does not exist (nothing corrected
    yet, nothing to read; a correction recorded later fills it). None when the
    store cannot be read: then a warning is logged and analysis goes on with
    the model's labels alone.

    >>> from krquality.feedback.settings import FeedbackSettings
    >>> load_index(FeedbackSettings(apply=False)) is None
    True
    """
    from krquality.feedback.settings import FeedbackSettings
    from krquality.feedback.store import open_store

    settings = settings if settings is not None else FeedbackSettings()
    if not settings.apply:
        return None
    try:
        store = open_store(settings.location, create=False)
    except FeedbackStoreError as e:
        if str(e).startswith("no corrections store at"):
            return CorrectionIndex()
        logger.warning("corrections not applied: %s", e)
        return None
    try:
        index = CorrectionIndex.from_corrections(store.all())
    except FeedbackStoreError as e:
        logger.warning("corrections not applied: %s", e)
        return None
    finally:
        store.close()
    return index
