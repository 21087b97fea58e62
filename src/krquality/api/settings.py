"""Service settings: flags of ``krquality serve`` or ``KRQ_*`` environment variables.

>>> Settings(port=9000).port
9000
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the HTTP service can be configured with.

    Each field reads ``KRQ_<NAME>`` from the environment (``KRQ_PORT=9000``,
    ``KRQ_CORS_ORIGINS='["https://okrs.example.com"]'`` or a comma-separated
    list, ``KRQ_API_KEY=...``); explicit keyword arguments win.
    """

    model_config = SettingsConfigDict(
        env_prefix="KRQ_",
        extra="ignore",
        protected_namespaces=(),
        frozen=True,
        populate_by_name=True,
    )

    host: str = Field("127.0.0.1", description="Interface to bind.")
    port: int = Field(8000, ge=0, le=65535, description="TCP port (0 picks a free one).")
    workers: int = Field(1, ge=1, le=64, description="Worker processes; each loads the model once.")
    # KRQ_MODEL is the name the library and the CLI read; KRQ_MODEL_PATH, this field's
    # own name, is still accepted from older set-ups.
    model_path: str | None = Field(
        None,
        validation_alias=AliasChoices("KRQ_MODEL", "KRQ_MODEL_PATH"),
        description="Model file (.joblib, its manifest beside it), env KRQ_MODEL; default: the bundled one.",
    )
    spacy_model: str | None = Field(None, description="spaCy English model package name.")
    max_chars: int = Field(1000, ge=1, le=100_000, description="Longest key result accepted, in characters.")
    max_batch: int = Field(1000, ge=1, le=100_000, description="Most key results in one request.")
    max_total_chars: int = Field(
        100_000,
        ge=1,
        description="Most characters one request may ask to analyse, all key results and titles together.",
    )
    max_analysis_seconds: float = Field(
        30.0, gt=0, description="Longest analysis of one request; past it the request is stopped."
    )
    max_body_bytes: int = Field(
        2_000_000, ge=1024, description="Largest request body accepted, in bytes (413 above it)."
    )
    max_header_bytes: int = Field(
        32_768, ge=1024, description="Largest request line and headers, in bytes (431 above it)."
    )
    header_timeout: float = Field(
        10.0, gt=0, description="Seconds a connection gets to send a complete request line and headers."
    )
    body_timeout: float = Field(
        60.0,
        gt=0,
        description="Seconds a request gets to send its whole body, from the end of its headers.",
    )
    keep_alive_timeout: int = Field(
        5, ge=1, description="Seconds an idle keep-alive connection is kept open between requests."
    )
    max_concurrent_requests: int = Field(
        256,
        ge=1,
        description="Requests served at once, probes aside; more get a 503 problem with Retry-After.",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed to call the API from a browser."
    )
    api_key: SecretStr | None = Field(
        None, description="If set, /v1 and /v2 require this key in the api_key_header header."
    )
    api_key_header: str = Field("X-API-Key", min_length=1, description="Header that carries the API key.")
    # Analysis holds the GIL, so more threads add no throughput, only memory:
    # two let one batch run beside the micro-batcher of single requests.
    analysis_threads: int = Field(
        2, ge=1, le=256, description="Threads that run analyses concurrently, off the event loop."
    )
    analysis_processes: int | None = Field(
        None,
        ge=0,
        le=64,
        description=(
            "Helper processes per worker that take chunks of big batches, forked once the model is"
            " loaded; default: one for a lone worker on a machine with two or more cores, else none."
        ),
    )
    pin_cpus: bool = Field(
        True,
        description=(
            "With helper processes, pin the worker and each helper to a CPU of its own (from the"
            " process's affinity set, when it has one per process); off lets the scheduler move them."
        ),
    )
    micro_batch: int = Field(
        32, ge=1, le=1000, description="Most concurrent single requests analysed together (1: no batching)."
    )
    cache_size: int = Field(
        2048,
        ge=0,
        le=1_000_000,
        description="Finished results kept for texts sent again, about 2 KB each (0: no cache).",
    )
    cache_bytes: int = Field(
        8_000_000,
        ge=1,
        description="Most memory the result cache may hold, in bytes (estimated per entry).",
    )
    graceful_timeout: int = Field(
        30, ge=0, description="Seconds in-flight requests get to finish on shutdown."
    )
    log_level: str = Field("info", description="uvicorn log level.")
    log_format: Literal["text", "json"] = Field(
        "text", description="Log lines as text, or one JSON object per line (level, time, request id)."
    )
    # A line per request costs the event loop about 20 us (answers from the
    # result cache: 2,760 req/s with it, 2,930 without; next to an analysis
    # of 1-2 ms it is lost in the noise). Off suits a proxy that logs already.
    access_log: bool = Field(True, description="Log a line per request (uvicorn's access log).")

    feedback_db: str | None = Field(
        None,
        description="Corrections store: SQLite file or postgresql:// URL; default: the local SQLite file.",
    )
    feedback_apply: bool = Field(True, description="Answer corrected texts with their corrected label.")
    feedback_busy_timeout: float = Field(
        10.0, gt=0, le=600, description="Seconds a correction waits for a locked SQLite store before 503."
    )
    feedback_refresh: float = Field(
        2.0, gt=0, le=3600, description="Seconds between checks for corrections other workers stored."
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        # ``KRQ_CORS_ORIGINS=https://a.example,https://b.example`` as well as a JSON list.
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("api_key", mode="before")
    @classmethod
    def _no_blank_key(cls, value: object) -> object:
        # An empty or blank KRQ_API_KEY (a compose file's "KRQ_API_KEY=") used to
        # turn authentication off without a word; say so at start instead.
        if isinstance(value, str) and not value.strip():
            raise ValueError(
                "the API key is empty or only whitespace; unset KRQ_API_KEY to run without a key"
            )
        return value
