"""The HTTP service: ``create_app(settings)`` and its :class:`Settings`.

>>> from krquality.api import Settings, create_app
>>> create_app(Settings()).title
'krquality'
"""

from __future__ import annotations

from krquality.api.app import create_app
from krquality.api.settings import Settings

__all__ = ["Settings", "create_app"]
