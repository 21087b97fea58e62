"""gunicorn settings for krquality, for when gunicorn supervises the workers.

    pip install 'krquality[gunicorn]'    # gunicorn and uvicorn-worker
    gunicorn -c service/gunicorn.conf.py

Every value comes from the same ``KRQ_*`` variables as ``krquality serve``
(see :class:`krquality.api.Settings`), so both ways of running agree, limits
on connections included: the workers are
:class:`krquality.api.worker.GuardedUvicornWorker`, which serve with
``krquality serve``'s HTTP protocol, and gunicorn refuses to start with
another worker class (``-k``).
"""

from __future__ import annotations

import logging.config
from typing import Any

from krquality.api.process import keep_out, limit_malloc_arenas, return_large_blocks
from krquality.api.protocol import raise_open_file_limit
from krquality.api.settings import Settings
from krquality.api.worker import WORKER_CLASS, check_worker_class, krquality_log_config

_settings = Settings()

# The app factory: each worker builds its app and loads the model itself,
# after the fork (spaCy pipelines and thread pools do not survive forking).
wsgi_app = "krquality.api.app:create_app()"
worker_class = WORKER_CLASS
preload_app = False

bind = [f"{_settings.host}:{_settings.port}"]
workers = _settings.workers
# Seconds a worker gets to finish in-flight requests after SIGTERM.
graceful_timeout = _settings.graceful_timeout
# A worker silent for this long is killed and replaced (model load included).
timeout = 60
# Idle keep-alive connections (KRQ_KEEP_ALIVE_TIMEOUT); the limits on request heads and
# bodies and on concurrent requests come with the worker class and the app.
keepalive = _settings.keep_alive_timeout
# Recycle workers now and then so any slow memory growth is bounded.
max_requests = 20_000
max_requests_jitter = 2_000
accesslog = "-" if _settings.access_log else None
errorlog = "-"
loglevel = _settings.log_level


def on_starting(server: Any) -> None:
    """In the master, before it binds: refuse a worker class without the service's limits, and
    allow as many open files as ``krquality serve`` does (each connection takes one)."""
    check_worker_class(server.cfg.worker_class)
    raise_open_file_limit()


def post_fork(server: Any, worker: Any) -> None:
    """In each worker, before it imports the app: the same process settings as
    ``krquality serve`` (two malloc arenas, large blocks mapped, pandas kept out; krquality.api.process),
    and krquality's log lines in the same format."""
    limit_malloc_arenas(2)
    return_large_blocks()
    keep_out()
    logging.config.dictConfig(krquality_log_config(_settings))
