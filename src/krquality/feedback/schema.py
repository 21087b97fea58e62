"""The corrections table, as SQLAlchemy Core sees it (the migrations create it)."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, DateTime, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

corrections = Table(
    "krq_corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("text", Text, nullable=False),
    Column("text_key", String(64), nullable=False),
    Column("label", String(16), nullable=False),
    Column("user_id", String(200), nullable=False),
    Column("source", String(16), nullable=False),
    Column("model_label", String(16), nullable=True),
    Column("model_probabilities", JSON, nullable=True),
    Column("model_version", String(200), nullable=True),
    Column("reason", Text, nullable=True),
    Column("suggestion", Text, nullable=True),
    Column("suggestion_accepted", Boolean, nullable=True),
    Column("rejected_checks", JSON, nullable=True),
    Index("ix_krq_corrections_text_key", "text_key"),
)

# The Alembic version table has a name of its own, so a database shared with
# another application that uses Alembic keeps both histories apart.
VERSION_TABLE = "krq_feedback_alembic_version"
