"""Configuration: ``[tool.krquality]`` in ``pyproject.toml`` or a ``krquality.toml``.

Unknown keys are an error naming the key, so a typo never silently does nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from krquality.errors import ConfigError
from krquality.result import Severity


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for checks and limits.

    ``enable``/``disable`` hold check codes (``KRQ101``), names
    (``metric.no_baseline``), aliases, family prefixes (``metric.``,
    ``KRQ1``) or ``*``; the most specific pattern wins, ``disable`` on a tie.
    ``severity`` maps any of those to a new severity. ``vague_words`` and
    ``activity_verbs`` add to the built-in lists. A pattern that names no
    check, a bad severity or crossed bounds raise :class:`ConfigError`.

    >>> Config(severity={"KRQ101": "error"}).severity["KRQ101"]
    <Severity.ERROR: 'error'>
    """

    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    vague_words: tuple[str, ...] = ()
    activity_verbs: tuple[str, ...] = ()
    min_key_results: int = 2
    max_key_results: int = 4
    max_objectives: int = 5
    max_words: int = 25
    min_words: int = 3
    max_chars: int = 1000

    def __post_init__(self) -> None:
        # Severities given as strings by API callers become the enum here, once.
        severity = {
            str(k): v if isinstance(v, Severity) else _severity(k, v) for k, v in self.severity.items()
        }
        object.__setattr__(self, "severity", severity)
        if self.min_key_results > self.max_key_results:
            raise ConfigError(
                f"min-key-results ({self.min_key_results}) is above max-key-results ({self.max_key_results})"
            )
        if self.min_words > self.max_words:
            raise ConfigError(f"min-words ({self.min_words}) is above max-words ({self.max_words})")
        if self.enable or self.disable or self.severity:
            _check_names(self)


def _severity(key: object, value: object) -> Severity:
    try:
        return Severity(str(value))
    except ValueError as e:
        known = ", ".join(s.value for s in Severity)
        raise ConfigError(f"severity of {key!r}: {value!r} is not one of {known}") from e


def _check_names(config: Config) -> None:
    # Imported here: the checks import Config, so a top-level import would be circular.
    from krquality.checks.registry import UnknownCheckError, validate_patterns

    try:
        validate_patterns(config.enable, setting="enable")
        validate_patterns(config.disable, setting="disable")
        validate_patterns(tuple(config.severity), setting="severity")
    except UnknownCheckError as e:
        raise ConfigError(str(e)) from e


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config)}


def config_from_mapping(data: dict[str, Any], *, source: str = "configuration") -> Config:
    """Build a :class:`Config` from a TOML table; unknown keys raise :class:`ConfigError`.

    >>> config_from_mapping({"max-key-results": 5}).max_key_results
    5
    """
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a table of settings, got {type(data).__name__}")
    values: dict[str, Any] = {}
    defaults = Config()
    for key, raw in data.items():
        name = _KEYS.get(key) or (key if key in _KEYS.values() else None)
        if name is None:
            raise ConfigError(f"{source}: unknown key {key!r} (known: {', '.join(sorted(_KEYS))})")
        default = getattr(defaults, name)
        if name == "severity":
            if not isinstance(raw, dict):
                raise ConfigError(f"{source}: {key!r} must be a table of check -> severity")
            try:
                values[name] = {str(k): _severity(k, v) for k, v in raw.items()}
            except ConfigError as e:
                raise ConfigError(f"{source}: {e}") from e
        elif isinstance(default, tuple):
            if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
                raise ConfigError(f"{source}: {key!r} must be a list of strings")
            values[name] = tuple(raw)
        elif isinstance(default, int):
            if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
                raise ConfigError(f"{source}: {key!r} must be a non-negative integer")
            values[name] = raw
    try:
        return replace(defaults, **values)
    except ConfigError as e:
        raise ConfigError(f"{source}: {e}") from e


def load_config(path: str | Path | None = None, *, start: str | Path | None = None) -> Config:
    """Read the configuration from ``path``, or look for one from ``start`` upwards.

    A ``krquality.toml`` holds the settings at top level; a ``pyproject.toml``
    under ``[tool.krquality]``. No file found means the defaults.

    >>> load_config(start="/").max_key_results
    4
    """
    if path is not None:
        explicit = _read(Path(path))
        return explicit if explicit is not None else Config()
    here = Path(start) if start is not None else Path.cwd()
    for folder in (here, *here.parents):
        for name in ("krquality.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                config = _read(candidate, optional=name == "pyproject.toml")
                if config is not None:
                    return config
    return Config()


def _read(path: Path, *, optional: bool = False) -> Config | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: cannot read configuration: {e}") from e
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("krquality")
        if table is None:
            return None if optional else Config()
        return config_from_mapping(table, source=f"{path} [tool.krquality]")
    return config_from_mapping(data, source=str(path))
