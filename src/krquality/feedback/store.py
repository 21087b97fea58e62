"""The corrections store: SQLite in a local file by default, PostgreSQL for a team's service.

>>> import tempfile, pathlib
>>> from krquality.feedback.types import CorrectedLabel, NewCorrection, Source
>>> store = open_store(str(pathlib.Path(tempfile.mkdtemp()) / "feedback.sqlite3"))
>>> store.add(NewCorrection("Ship v2", CorrectedLabel.MILESTONE, "u1", Source.CLI)).id
1
>>> store.close()
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from krquality.errors import FeedbackStoreError
from krquality.feedback.normalize import text_key
from krquality.feedback.resolve import resolve
from krquality.feedback.schema import corrections as table
from krquality.feedback.types import CorrectedLabel, Correction, NewCorrection, Source, Stats, stored

# A writer waits this long for another's lock before the store reports it locked.
BUSY_SECONDS = 10.0
# Key of the PostgreSQL advisory lock that serialises concurrent migrations.
_MIGRATION_LOCK = 0x6B7271


def default_path() -> Path:
    """The local store: ``$XDG_DATA_HOME/krquality/feedback.sqlite3`` (``~/.local/share`` without it).

    >>> default_path().name
    'feedback.sqlite3'
    """
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "krquality" / "feedback.sqlite3"


def database_url(spec: str) -> str:
    """A SQLAlchemy URL for ``spec``: a file path (SQLite) or a URL (``postgresql://...``).

    >>> database_url("/tmp/fb.sqlite3")
    'sqlite:////tmp/fb.sqlite3'
    >>> database_url("postgresql://krq@db/krq")
    'postgresql+psycopg://krq@db/krq'
    """
    if "://" not in spec:
        return "sqlite:///" + str(Path(spec).expanduser().resolve())
    for scheme in ("postgresql://", "postgres://"):
        if spec.startswith(scheme):
            return "postgresql+psycopg://" + spec[len(scheme) :]
    return spec


def _describe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def _sqlite_setup(busy_seconds: float) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            # The busy timeout makes concurrent writers queue instead of failing
            # at once; WAL lets readers go on while one client writes.
            cursor.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
            cursor.execute("PRAGMA journal_mode=WAL")
            # In WAL mode a commit survives a crash of the process without an fsync
            # each; only a power cut can lose the last few. It takes the tail off
            # concurrent writes (docs/feedback.md).
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    return on_connect


def _row(row: Any) -> Correction:
    created = row.created_at
    if created.tzinfo is None:  # SQLite gives back naive datetimes; they were written in UTC
        created = created.replace(tzinfo=UTC)
    return Correction(
        id=row.id,
        created_at=created,
        text=row.text,
        label=CorrectedLabel(row.label),
        user=row.user_id,
        source=Source(row.source),
        model_label=row.model_label,
        model_probabilities=row.model_probabilities,
        model_version=row.model_version,
        reason=row.reason,
        suggestion=row.suggestion,
        suggestion_accepted=row.suggestion_accepted,
        rejected_checks=tuple(row.rejected_checks or ()),
    )


class FeedbackStore:
    """Corrections in a SQL database; thread-safe (SQLAlchemy's connection pool).

    Every method raises :class:`~krquality.errors.FeedbackStoreError` naming the
    database (without its password) when the database cannot be used: a file
    that is not a database, a lock held past :data:`BUSY_SECONDS`, a server down.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.where = _describe(str(engine.url.render_as_string(hide_password=False)))
        # SQLite takes one writer at a time; threads of this process queue here
        # rather than in SQLite's busy handler, which sleeps in steps of up to
        # 100 ms and made the slowest writes wait that long. Other processes
        # still meet the busy timeout.
        self._write_lock = threading.Lock() if engine.dialect.name == "sqlite" else contextlib.nullcontext()

    @contextlib.contextmanager
    def _connect(self, doing: str, *, write: bool = False) -> Iterator[Connection]:
        try:
            if write:
                with self._write_lock, self.engine.begin() as connection:
                    yield connection
            else:
                with self.engine.connect() as connection:
                    yield connection
        except SQLAlchemyError as e:
            raise FeedbackStoreError(f"cannot {doing} in {self.where}: {_reason(e)}") from e

    def add(self, correction: NewCorrection, *, at: datetime | None = None) -> Correction:
        """Store ``correction`` (dated now, or ``at``) and return it with its id."""
        created = at or datetime.now(UTC)
        values = {
            "created_at": created,
            "text": correction.text,
            "text_key": text_key(correction.text),
            "label": correction.label.value,
            "user_id": correction.user,
            "source": correction.source.value,
            "model_label": correction.model_label,
            "model_probabilities": correction.model_probabilities,
            "model_version": correction.model_version,
            "reason": correction.reason,
            "suggestion": correction.suggestion,
            "suggestion_accepted": correction.suggestion_accepted,
            "rejected_checks": list(correction.rejected_checks) or None,
        }
        with self._connect("store a correction", write=True) as connection:
            new_id = connection.execute(table.insert().values(**values).returning(table.c.id)).scalar_one()
        return stored(correction, id=new_id, created_at=created)

    def get(self, correction_id: int) -> Correction | None:
        """The correction with ``correction_id``, or None."""
        if not 0 < correction_id < 2**63:  # no store holds such an id, and SQLite cannot bind it
            return None
        with self._connect("read a correction") as connection:
            row = connection.execute(sa.select(table).where(table.c.id == correction_id)).first()
        return _row(row) if row is not None else None

    def page(
        self, *, offset: int = 0, limit: int = 100, user: str | None = None
    ) -> tuple[list[Correction], int]:
        """Corrections newest first, ``limit`` from ``offset``, and how many there are in all."""
        query = sa.select(table)
        count = sa.select(sa.func.count()).select_from(table)
        if user is not None:
            query = query.where(table.c.user_id == user)
            count = count.where(table.c.user_id == user)
        with self._connect("list corrections") as connection:
            total = int(connection.execute(count).scalar_one())
            if offset >= 2**63:  # past any store's rows, and SQLite cannot bind it
                return [], total
            rows = connection.execute(query.order_by(table.c.id.desc()).offset(offset).limit(limit)).all()
        return [_row(r) for r in rows], total

    def for_text(self, text: str) -> list[Correction]:
        """Every correction of ``text`` (however spelt: :func:`~krquality.feedback.normalize.text_key`)."""
        query = sa.select(table).where(table.c.text_key == text_key(text)).order_by(table.c.id)
        with self._connect("read a text's corrections") as connection:
            return [_row(r) for r in connection.execute(query).all()]

    def all(self) -> list[Correction]:
        """Every correction, oldest first."""
        with self._connect("read the corrections") as connection:
            return [_row(r) for r in connection.execute(sa.select(table).order_by(table.c.id)).all()]

    def delete(self, correction_id: int) -> bool:
        """Delete one correction for good; False if there was none with that id."""
        if not 0 < correction_id < 2**63:
            return False
        with self._connect("delete a correction", write=True) as connection:
            return connection.execute(table.delete().where(table.c.id == correction_id)).rowcount > 0

    def revision(self) -> tuple[int, int]:
        """(highest id, count): changes with every addition and every deletion, cheap to read.

        An addition raises the highest id; a deletion lowers the count, and ids
        are never reused, so no sequence of changes gives the same pair back.
        """
        with self._connect("read the store's revision") as connection:
            top, count = connection.execute(sa.select(sa.func.max(table.c.id), sa.func.count())).one()
        return int(top or 0), int(count)

    def stats(self, *, top: int = 10) -> Stats:
        """How many corrections, the label pairs the model confused most, the checks and
        suggestions users rejected most."""
        everything = self.all()
        resolved = resolve(everything)
        confusions: Counter[tuple[str, str]] = Counter(
            (c.model_label, c.label.value) for c in everything if c.model_label and c.model_label != c.label
        )
        checks: Counter[str] = Counter(code for c in everything for code in c.rejected_checks)
        return Stats(
            corrections=len(everything),
            texts=len(resolved),
            users=len({c.user for c in everything}),
            standing=sum(1 for r in resolved.values() if r.override is not None),
            contested=sum(1 for r in resolved.values() if r.override is None),
            by_label=dict(Counter(c.label.value for c in everything).most_common()),
            confusions=tuple((a, b, n) for (a, b), n in confusions.most_common(top)),
            rejected_checks=tuple(checks.most_common(top)),
            rejected_suggestions=sum(1 for c in everything if c.suggestion_accepted is False),
            accepted_suggestions=sum(1 for c in everything if c.suggestion_accepted is True),
        )

    def close(self) -> None:
        """Close the store's connections."""
        self.engine.dispose()


def _reason(error: SQLAlchemyError) -> str:
    original = getattr(error, "orig", None)
    text = str(original if original is not None else error).strip().splitlines()
    return text[0] if text else type(error).__name__


# Alembic's command API runs the migration scripts through module-level proxies
# (alembic.context, alembic.op), so two migrations in two threads of one process
# tear each other's proxies down: one at a time per process.
_MIGRATING = threading.Lock()


def migrate(engine: Engine) -> None:
    """Bring the database's schema to the newest migration (Alembic, shipped in the package)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("krquality.feedback") / "migrations"))
    with _MIGRATING, engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several workers of one service start together: one migrates, the others wait.
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(spec: str, *, create: bool = True, busy_seconds: float = BUSY_SECONDS) -> FeedbackStore:
    """Open (and migrate) the store at ``spec``: a file path or a database URL.

    With ``create`` False a missing SQLite file is not made, and
    :class:`~krquality.errors.FeedbackStoreError` says so.
    """
    url = database_url(spec)
    where = _describe(url)
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise FeedbackStoreError(f"not a database URL or file path: {where}") from e
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database:
        path = Path(parsed.database)
        if not path.exists():
            if not create:
                raise FeedbackStoreError(f"no corrections store at {path}")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise FeedbackStoreError(f"cannot create the folder of {path}: {e}") from e
    try:
        # A database server that does not answer fails a request in seconds, not never.
        connect_args = (
            {"connect_timeout": max(1, int(busy_seconds))}
            if parsed.get_backend_name() == "postgresql"
            else {}
        )
        engine = sa.create_engine(url, pool_pre_ping=not is_sqlite, connect_args=connect_args)
    except (ArgumentError, ImportError, SQLAlchemyError) as e:
        raise FeedbackStoreError(f"cannot open {where}: {e}") from e
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_setup(busy_seconds))
    try:
        migrate(engine)
    except SQLAlchemyError as e:
        engine.dispose()
        raise FeedbackStoreError(f"cannot open {where}: {_reason(e)}") from e
    return FeedbackStore(engine)
