"""Alembic environment: runs on the connection :func:`krquality.feedback.store.migrate` hands in."""

from __future__ import annotations

from alembic import context

from krquality.feedback.schema import VERSION_TABLE, metadata


def run_migrations() -> None:
    """Upgrade on the connection in ``config.attributes`` (online mode only: no SQL scripts)."""
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=metadata, version_table=VERSION_TABLE)
    with context.begin_transaction():
        context.run_migrations()


# Only Alembic sets up ``context.config``; another importer (a doctest collector) gets the function alone.
if getattr(context, "config", None) is not None:
    run_migrations()
