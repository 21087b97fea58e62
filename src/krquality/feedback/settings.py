"""Where corrections are kept and whether they apply: ``KRQ_FEEDBACK_*`` environment variables.

>>> FeedbackSettings(db="/tmp/fb.sqlite3").apply
True
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from krquality.feedback.store import default_path


class FeedbackSettings(BaseSettings):
    """The corrections store of the command line, the language server and the library.

    The service reads the same variables through its own settings
    (``KRQ_FEEDBACK_DB``, ``KRQ_FEEDBACK_APPLY``), so one environment configures all.
    """

    model_config = SettingsConfigDict(env_prefix="KRQ_FEEDBACK_", extra="ignore", frozen=True)

    db: str | None = Field(
        None,
        description="SQLite file or database URL (postgresql://...); default: the local file "
        "$XDG_DATA_HOME/krquality/feedback.sqlite3.",
    )
    apply: bool = Field(True, description="Answer corrected texts with their corrected label.")
    user: str | None = Field(None, description="Opaque id recorded as the author of local corrections.")

    @property
    def location(self) -> str:
        """The store's file path or URL."""
        return self.db or str(default_path())
