"""The ``krquality.*`` settings an editor sends, and how they combine with krquality.toml.

Clients send JSON (``workspace/configuration`` or
``workspace/didChangeConfiguration``); a value of the wrong type is dropped
with a warning rather than failing, so one typo in an editor's settings never
switches the language server off.

=================  ==========================  ===========================================
setting            default                     meaning
=================  ==========================  ===========================================
``enable``         ``[]``                      checks to run in addition to the file's
``disable``        ``[]``                      checks to silence (codes, names, prefixes)
``severity``       ``{}``                      ``{"KRQ101": "error"}``
``plainTextFiles`` ``["*.okr"]``               globs of files read as one key result a line
``remoteUrl``      ``""``                      a krquality service; empty = in-process
``remoteTimeout``  ``5``                       seconds per request to the service
``remoteApiKey``   ``""``                      sent as ``X-API-Key`` to the service
``debounceMs``     ``300``                     quiet time after an edit before analysing
``suggestions``    ``true``                    compute rewrite suggestions (code actions)
``maxKeyResults``  ``2000``                    key results analysed per document
=================  ==========================  ===========================================
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from krquality.config import Config
from krquality.errors import ConfigError
from krquality.result import Severity

SECTION = "krquality"


@dataclass(frozen=True, slots=True)
class LspSettings:
    """What the editor configured; :func:`settings_from_client` builds it.

    >>> LspSettings().plain_text_files
    ('*.okr',)
    """

    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    plain_text_files: tuple[str, ...] = ("*.okr",)
    remote_url: str = ""
    remote_timeout: float = 5.0
    remote_api_key: str = ""
    debounce_ms: int = 300
    suggestions: bool = True
    max_key_results: int = 2000


def _strings(value: object) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    return None


def _pattern_ok(pattern: str) -> bool:
    # Config validates check patterns; an unknown one is reported and dropped.
    try:
        Config(disable=(pattern,))
    except ConfigError:
        return False
    return True


def settings_from_client(data: object) -> tuple[LspSettings, list[str]]:
    """Read the ``krquality`` section a client sent; return the settings and warnings.

    Accepts camelCase (``plainTextFiles``) and snake_case keys; unknown keys
    are ignored (editors add their own, e.g. ``trace``).

    >>> settings, warnings = settings_from_client({"disable": ["KRQ101"], "debounceMs": "x"})
    >>> settings.disable, settings.debounce_ms, warnings
    (('KRQ101',), 300, ["krquality.debounceMs: expected a non-negative number, got 'x'"])
    """
    warnings: list[str] = []
    settings = LspSettings()
    if data is None:
        return settings, warnings
    if not isinstance(data, Mapping):
        return settings, [f"krquality settings: expected an object, got {type(data).__name__}"]

    def get(camel: str) -> Any:
        snake = "".join("_" + c.lower() if c.isupper() else c for c in camel)
        return data.get(camel, data.get(snake))

    values: dict[str, Any] = {}
    for key in ("enable", "disable"):
        raw = get(key)
        if raw is None:
            continue
        patterns = _strings(raw)
        if patterns is None:
            warnings.append(f"krquality.{key}: expected a list of check codes, got {raw!r}")
            continue
        bad = [p for p in patterns if not _pattern_ok(p)]
        warnings.extend(f"krquality.{key}: unknown check {p!r}" for p in bad)
        values[key] = tuple(p for p in patterns if p not in bad)

    raw = get("severity")
    if raw is not None:
        if isinstance(raw, Mapping):
            severity: dict[str, Severity] = {}
            for pattern, level in raw.items():
                if str(level) not in {s.value for s in Severity}:
                    warnings.append(
                        f"krquality.severity: {pattern!r}: {level!r} is not error, warning or info"
                    )
                elif not _pattern_ok(str(pattern)):
                    warnings.append(f"krquality.severity: unknown check {pattern!r}")
                else:
                    severity[str(pattern)] = Severity(str(level))
            values["severity"] = severity
        else:
            warnings.append(f"krquality.severity: expected an object of check -> severity, got {raw!r}")

    raw = get("plainTextFiles")
    if raw is not None:
        globs = _strings(raw)
        if globs is None:
            warnings.append(f"krquality.plainTextFiles: expected a list of globs, got {raw!r}")
        else:
            values["plain_text_files"] = globs

    for camel, name in (("remoteUrl", "remote_url"), ("remoteApiKey", "remote_api_key")):
        raw = get(camel)
        if raw is None:
            continue
        if isinstance(raw, str):
            values[name] = raw.strip()
        else:
            warnings.append(f"krquality.{camel}: expected a string, got {raw!r}")

    for camel, name, kind in (
        ("remoteTimeout", "remote_timeout", float),
        ("debounceMs", "debounce_ms", int),
        ("maxKeyResults", "max_key_results", int),
    ):
        raw = get(camel)
        if raw is None:
            continue
        if isinstance(raw, int | float) and not isinstance(raw, bool) and raw >= 0:
            values[name] = kind(raw)
        else:
            warnings.append(f"krquality.{camel}: expected a non-negative number, got {raw!r}")

    raw = get("suggestions")
    if raw is not None:
        if isinstance(raw, bool):
            values["suggestions"] = raw
        else:
            warnings.append(f"krquality.suggestions: expected true or false, got {raw!r}")

    return replace(settings, **values), warnings


def effective_config(base: Config, settings: LspSettings) -> Config:
    """The file's configuration with the editor's checks settings layered on top.

    The editor's ``enable``/``disable`` come after the file's, and its
    ``severity`` entries win for the same pattern.

    >>> effective_config(Config(disable=("KRQ101",)), LspSettings(disable=("KRQ102",))).disable
    ('KRQ101', 'KRQ102')
    """
    if not (settings.enable or settings.disable or settings.severity):
        return base
    return replace(
        base,
        enable=base.enable + tuple(p for p in settings.enable if p not in base.enable),
        disable=base.disable + tuple(p for p in settings.disable if p not in base.disable),
        severity={**base.severity, **settings.severity},
    )


def is_plain_text(path: str, settings: LspSettings) -> bool:
    """Whether ``path`` is read as one key result a line.

    A glob without a ``/`` matches the file name, one with a ``/`` the whole path.

    >>> is_plain_text("/work/team/q3.okr", LspSettings()), is_plain_text("/a/notes.txt", LspSettings())
    (True, False)
    >>> is_plain_text("/a/okrs/q3.txt", LspSettings(plain_text_files=("**/okrs/*.txt",)))
    True
    """
    name = path.rsplit("/", 1)[-1]
    for glob in settings.plain_text_files:
        if "/" in glob:
            if fnmatch.fnmatchcase(path, glob) or fnmatch.fnmatchcase(path, "*/" + glob.lstrip("*/")):
                return True
        elif fnmatch.fnmatchcase(name, glob):
            return True
    return False
