"""gunicorn settings for krquality, for when gunicorn supervises the workers.

    pip install gunicorn uvicorn-worker
    gunicorn -c service/gunicorn.conf.py

Every value comes from the same ``KRQ_*`` variables as ``krquality serve``
(see :class:`krquality.api.Settings`), so both ways of running agree.
"""

from __future__ import annotations

from typing import Any

from krquality.api.process import keep_out, limit_malloc_arenas, return_large_blocks
from krquality.api.settings import Settings

_settings = Settings()

# The app factory: each worker builds its app and loads the model itself,
# after the fork (spaCy pipelines and thread pools do not survive forking).
wsgi_app = "krquality.api.app:create_app()"
worker_class = "uvicorn_worker.UvicornWorker"
preload_app = False

bind = [f"{_settings.host}:{_settings.port}"]
workers = _settings.workers
# Seconds a worker gets to finish in-flight requests after SIGTERM.
graceful_timeout = _settings.graceful_timeout
# A worker silent for this long is killed and replaced (model load included).
timeout = 60
keepalive = 5
# Recycle workers now and then so any slow memory growth is bounded.
max_requests = 20_000
max_requests_jitter = 2_000
accesslog = "-" if _settings.access_log else None
errorlog = "-"
loglevel = _settings.log_level


def post_fork(server: Any, worker: Any) -> None:
    """In each worker, before it imports the app: the same process settings as
    ``krquality serve`` (two malloc arenas, large blocks mapped, pandas kept out; krquality.api.process)."""
    limit_malloc_arenas(2)
    return_large_blocks()
    keep_out()
