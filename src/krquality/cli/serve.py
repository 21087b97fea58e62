"""``krquality serve``: run the HTTP service with uvicorn.

Every flag has a ``KRQ_*`` environment variable (see
:class:`krquality.api.Settings`); a flag given on the command line wins.
The flags are passed to the app through the environment, so each of
several worker processes builds the same settings.
"""

from __future__ import annotations

import logging.config
import os
import signal
from pathlib import Path
from typing import Annotated

import typer

from krquality.cli.app import app

APP_FACTORY = "krquality.api.app:create_app"
# Two arenas: the event loop's and one the analysis threads share (MALLOC_ARENA_MAX wins if set).
MALLOC_ARENAS = 2


def _overrides(**flags: object) -> dict[str, str]:
    """``KRQ_*`` variables for the flags that were given (None means not given)."""
    import json

    env: dict[str, str] = {}
    for name, value in flags.items():
        if value is None or value == []:
            continue
        key = f"KRQ_{name.upper()}"
        env[key] = json.dumps(value) if isinstance(value, list) else str(value)
    return env


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Interface to bind (env KRQ_HOST; default 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="TCP port (env KRQ_PORT; default 8000).")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (env KRQ_WORKERS; default 1).")
    ] = None,
    model: Annotated[
        Path | None, typer.Option(help="Model file (.joblib beside its manifest) (env KRQ_MODEL).")
    ] = None,
    spacy_model: Annotated[
        str | None, typer.Option(help="spaCy model package (env KRQ_SPACY_MODEL).")
    ] = None,
    max_chars: Annotated[
        int | None, typer.Option(help="Longest key result, in characters (env KRQ_MAX_CHARS; default 1000).")
    ] = None,
    max_batch: Annotated[
        int | None, typer.Option(help="Most key results per request (env KRQ_MAX_BATCH; default 1000).")
    ] = None,
    max_body_bytes: Annotated[
        int | None, typer.Option(help="Largest request body (env KRQ_MAX_BODY_BYTES; default 2000000).")
    ] = None,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(help="Origin allowed from browsers; repeat for several (env KRQ_CORS_ORIGINS)."),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            help="Require this key on /v1 and /v2 (env KRQ_API_KEY; prefer the env var).", show_default=False
        ),
    ] = None,
    api_key_header: Annotated[
        str | None, typer.Option(help="Header carrying the key (env KRQ_API_KEY_HEADER; default X-API-Key).")
    ] = None,
    graceful_timeout: Annotated[
        int | None,
        typer.Option(help="Seconds in-flight requests get on shutdown (env KRQ_GRACEFUL_TIMEOUT)."),
    ] = None,
    log_level: Annotated[str | None, typer.Option(help="uvicorn log level (env KRQ_LOG_LEVEL).")] = None,
    access_log: Annotated[
        bool | None,
        typer.Option(
            "--access-log/--no-access-log",
            help="Log a line per request (env KRQ_ACCESS_LOG; default on).",
            show_default=False,
        ),
    ] = None,
    feedback_db: Annotated[
        str | None,
        typer.Option(help="Corrections store: SQLite file or postgresql:// URL (env KRQ_FEEDBACK_DB)."),
    ] = None,
) -> None:
    """Serve the HTTP API (/v1, LanguageTool-compatible /v2), the playground at / and the docs at /docs."""
    from pydantic import ValidationError

    from krquality.api.settings import Settings

    if model is not None and not model.is_file():
        raise typer.BadParameter(f"no model file at {model}", param_hint="--model")
    overrides = _overrides(
        host=host,
        port=port,
        workers=workers,
        model=model,  # KRQ_MODEL: the name the library reads too (krquality.model.io)
        spacy_model=spacy_model,
        max_chars=max_chars,
        max_batch=max_batch,
        max_body_bytes=max_body_bytes,
        cors_origins=cors_origin,
        api_key=api_key,
        api_key_header=api_key_header,
        graceful_timeout=graceful_timeout,
        log_level=log_level,
        access_log=access_log,
        feedback_db=feedback_db,
    )
    os.environ.update(overrides)
    try:
        settings = Settings()
    except ValidationError as e:
        first = e.errors()[0]
        name = str(first["loc"][0]) if first.get("loc") else "settings"
        raise typer.BadParameter(
            f"{first['msg']}", param_hint=f"--{name.replace('_', '-')} / KRQ_{name.upper()}"
        ) from e

    from krquality.model.io import load_model
    from krquality.nlp.loader import resolve_spacy_model

    # Check the model files here, not in a worker's lifespan: a bad model is then one line and
    # exit code 2 (see cli/app.py) instead of a traceback from each uvicorn worker.
    load_model(settings.model_path)
    resolve_spacy_model(settings.spacy_model)

    import uvicorn

    from krquality.api.process import LARGE_BLOCK, keep_out, limit_malloc_arenas, return_large_blocks

    # Before uvicorn starts its threads and the model loads (see krquality.api.process);
    # worker processes (--workers N) read the variables when they start.
    limit_malloc_arenas(MALLOC_ARENAS)
    return_large_blocks()
    os.environ.setdefault("MALLOC_ARENA_MAX", str(MALLOC_ARENAS))
    os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", str(LARGE_BLOCK))
    os.environ.setdefault("MALLOC_TRIM_THRESHOLD_", str(LARGE_BLOCK))
    keep_out()
    from krquality.api.logs import log_config
    from krquality.api.protocol import PROTOCOL, raise_open_file_limit

    logging.config.dictConfig(log_config(settings.log_level, json_lines=settings.log_format == "json"))
    raise_open_file_limit()
    # uvicorn stops on SIGTERM, then raises it again with the handler it found
    # in place: with the default one the process died of the signal (-15);
    # after a graceful stop, exit 0 as the docs promise.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level.lower(),
        log_config=log_config(settings.log_level, json_lines=settings.log_format == "json"),
        access_log=settings.access_log,
        timeout_graceful_shutdown=settings.graceful_timeout,
        proxy_headers=False,
        # The limits on request heads and silent connections (krquality.api.protocol).
        http=PROTOCOL,
        h11_max_incomplete_event_size=settings.max_header_bytes,
        timeout_keep_alive=settings.keep_alive_timeout,
        server_header=False,
    )


def _exit_cleanly(signum: int, frame: object) -> None:
    """SIGTERM once uvicorn has shut down gracefully: a clean exit."""
    raise SystemExit(0)
