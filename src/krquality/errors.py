"""One error hierarchy for the library; each interface maps it once."""

from __future__ import annotations


class KRQualityError(Exception):
    """Base class of every error krquality raises on purpose."""


class InvalidInputError(KRQualityError, ValueError):
    """A key result or option the caller gave cannot be analysed.

    ``field`` names the offending input (``text``, ``texts[3]``, ``column``...).
    """

    def __init__(self, message: str, *, field: str = "text") -> None:
        super().__init__(message)
        self.field = field


class SpacyModelNotFoundError(KRQualityError):
    """No spaCy English model with the configured name is installed."""


class ModelError(KRQualityError):
    """A trained model cannot be loaded or used."""


class ModelIntegrityError(ModelError):
    """A model file does not match the sha256 recorded in its manifest."""


class ModelCompatibilityError(ModelError):
    """A model was trained with library versions this install cannot load safely."""


class ConfigError(KRQualityError):
    """A configuration file or setting is invalid (unknown key, bad value)."""


class OKRFileError(KRQualityError):
    """An OKR file (Markdown or YAML) cannot be read; names the path and line."""

    def __init__(
        self, message: str, *, path: str, line: int | None = None, column: int | None = None
    ) -> None:
        where = path if line is None else f"{path}:{line}" + ("" if column is None else f":{column}")
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.column = column


class NotOKRFileError(OKRFileError):
    """A readable file holds no objectives or key results (a README, a config file).

    The linter skips such a file with a note instead of failing the run.
    """

class FeedbackStoreError(KRQualityError):
    """The corrections store cannot be opened, read or written (names the database)."""


class AnalysisTimeoutError(KRQualityError):
    """An analysis ran past the deadline its caller gave; ``done`` key results were finished."""

    def __init__(self, message: str, *, done: int = 0) -> None:
        super().__init__(message)
        self.done = done
