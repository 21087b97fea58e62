"""The corrections table.

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "krq_corrections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_key", sa.String(64), nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("user_id", sa.String(200), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("model_label", sa.String(16), nullable=True),
        sa.Column("model_probabilities", sa.JSON(), nullable=True),
        sa.Column("model_version", sa.String(200), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("suggestion", sa.Text(), nullable=True),
        sa.Column("suggestion_accepted", sa.Boolean(), nullable=True),
        sa.Column("rejected_checks", sa.JSON(), nullable=True),
    )
    op.create_index("ix_krq_corrections_text_key", "krq_corrections", ["text_key"])


def downgrade() -> None:
    op.drop_index("ix_krq_corrections_text_key", table_name="krq_corrections")
    op.drop_table("krq_corrections")
