"""Programs and results runs.

Revision ID: c0002
Revises: c0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "program",
        sa.Column("program_id", sa.String(80), primary_key=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("program_file", sa.Text, nullable=False),
    )
    op.create_table(
        "results_run",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("budget", sa.String(40), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("document_json", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("results_run")
    op.drop_table("program")
