"""Recording a correction in the local store, for the command line, the editor and the library."""

from __future__ import annotations

import getpass
import hashlib
import platform

from krquality.feedback.normalize import normalize_text
from krquality.feedback.overlay import CorrectionIndex
from krquality.feedback.resolve import resolve
from krquality.feedback.settings import FeedbackSettings
from krquality.feedback.store import open_store
from krquality.feedback.types import Correction, NewCorrection, Override


def local_user(settings: FeedbackSettings | None = None) -> str:
    """An opaque id for this account on this machine (``KRQ_FEEDBACK_USER``, else a digest, never the name).

    >>> local_user(FeedbackSettings(user="ed-7"))
    'ed-7'
    """
    configured = (settings or FeedbackSettings()).user
    if configured:
        return configured
    seed = f"{getpass.getuser()}@{platform.node()}"
    return "local-" + hashlib.sha256(seed.encode()).hexdigest()[:12]


def record_locally(
    correction: NewCorrection,
    *,
    settings: FeedbackSettings | None = None,
    index: CorrectionIndex | None = None,
) -> tuple[Correction, Override | None]:
    """Store ``correction`` in the configured store (creating it), and return it with the text's
    standing correction now; ``index``, if given, learns that at once."""
    settings = settings or FeedbackSettings()
    store = open_store(settings.location)
    try:
        stored = store.add(correction)
        key = normalize_text(correction.text)
        resolved = resolve(store.for_text(correction.text)).get(key)
    finally:
        store.close()
    override = resolved.override if resolved is not None else None
    if index is not None and settings.apply:
        index.put(key, override)
    return stored, override
