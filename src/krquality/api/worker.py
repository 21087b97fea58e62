"""The gunicorn worker class krquality runs under gunicorn: uvicorn's, with the same limits.

``uvicorn_worker.UvicornWorker`` builds uvicorn's configuration itself and
picks uvicorn's default HTTP protocol, so under it a request head of any
size was read, and a client that sent nothing, a header a byte at a time
or a body a byte at a time held its connection for ever.
:class:`GuardedUvicornWorker` runs :mod:`krquality.api.protocol` instead, as
``krquality serve`` does: the same 431 on heads over ``KRQ_MAX_HEADER_BYTES``,
the same ``KRQ_HEADER_TIMEOUT`` and ``KRQ_BODY_TIMEOUT``, no ``server``
header. The idle keep-alive timeout is gunicorn's ``keepalive``, which
``service/gunicorn.conf.py`` sets from ``KRQ_KEEP_ALIVE_TIMEOUT``; the limit
on concurrent requests is in the app itself, so it holds under any server.

Needs the ``gunicorn`` extra (``pip install 'krquality[gunicorn]'``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from uvicorn_worker import UvicornWorker

from krquality.api.protocol import PROTOCOL
from krquality.api.settings import Settings
from krquality.errors import ConfigError

# gunicorn's name of this class: its ``worker_class`` setting (``-k``).
WORKER_CLASS = "krquality.api.worker.GuardedUvicornWorker"


class GuardedUvicornWorker(UvicornWorker):  # type: ignore[misc]  # gunicorn has no type hints
    """A gunicorn worker serving the app with krquality's HTTP protocol and limits."""

    CONFIG_KWARGS: ClassVar[dict[str, Any]] = {
        "loop": "auto",
        "http": PROTOCOL,
        "server_header": False,
        "proxy_headers": False,
        "h11_max_incomplete_event_size": Settings().max_header_bytes,
    }


class UnsupportedWorkerError(ConfigError, RuntimeError):
    """gunicorn was told to run another worker class (gunicorn prints a RuntimeError and exits 1)."""


def check_worker_class(worker_class: type) -> None:
    """Refuse to start gunicorn with another worker class (one without krquality's limits).

    ``-k uvicorn_worker.UvicornWorker`` on the command line overrides the
    config's class, and the service would run without its limits on
    connections and say nothing; ``service/gunicorn.conf.py`` calls this when
    gunicorn starts, which then stops with this message instead.

    >>> check_worker_class(GuardedUvicornWorker)
    >>> check_worker_class(UvicornWorker)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    krquality.api.worker.UnsupportedWorkerError: krquality runs under gunicorn with the worker class ...
    """
    if not (isinstance(worker_class, type) and issubclass(worker_class, GuardedUvicornWorker)):
        module = getattr(worker_class, "__module__", "?")
        name = f"{module}.{getattr(worker_class, '__qualname__', worker_class)}"
        raise UnsupportedWorkerError(
            f"krquality runs under gunicorn with the worker class {WORKER_CLASS} only (service/"
            f"gunicorn.conf.py sets it), not {name}: other worker classes lack the service's limits on"
            " request heads and bodies (KRQ_MAX_HEADER_BYTES, KRQ_HEADER_TIMEOUT, KRQ_BODY_TIMEOUT);"
            " leave out -k / --worker-class"
        )


def krquality_log_config(settings: Settings) -> dict[str, Any]:
    """The ``logging.config`` dictionary for krquality's own lines in a gunicorn worker.

    gunicorn formats its own and uvicorn's lines; without this, krquality's
    (a refused head or body, a lost helper) went to Python's last-resort
    handler, warnings only and without level or time. They get the same
    format as under ``krquality serve`` (:func:`krquality.api.logs.log_config`).

    >>> sorted(krquality_log_config(Settings())["loggers"])
    ['krquality']
    """
    from krquality.api.logs import log_config

    config = log_config(settings.log_level, json_lines=settings.log_format == "json")
    config["loggers"] = {"krquality": config["loggers"]["krquality"]}
    return config
