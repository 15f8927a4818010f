"""Initial central schema.

Revision ID: c0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "package",
        sa.Column("package_id", sa.String(32), primary_key=True),
        sa.Column("manifest_sha256", sa.String(64), nullable=False),
        sa.Column("program_id", sa.String(80), nullable=False),
        sa.Column("session_kind", sa.String(20), nullable=False),
        sa.Column("session_name", sa.Text, nullable=False),
        sa.Column("manifest_json", sa.Text, nullable=False),
        sa.Column("registered_at", TS, nullable=False),
    )
    op.create_table(
        "seat",
        sa.Column("package_id", sa.String(32), sa.ForeignKey("package.package_id"),
                  primary_key=True),
        sa.Column("seat_id", sa.String(40), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("public_key", sa.String(64)),
        sa.Column("seat_code", sa.String(16)),
    )
    op.create_table(
        "assignment",
        sa.Column("package_id", sa.String(32), primary_key=True),
        sa.Column("seat_id", sa.String(40), primary_key=True),
        sa.Column("project_id", sa.String(40), primary_key=True),
        sa.ForeignKeyConstraint(["package_id", "seat_id"], ["seat.package_id", "seat.seat_id"]),
    )
    op.create_table(
        "sheet_file",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("source_name", sa.Text, nullable=False),
    )
    op.create_table(
        "merge_decision",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sheet_sha256", sa.String(64), sa.ForeignKey("sheet_file.sha256"),
                  nullable=False),
        sa.Column("package_id", sa.String(32)),
        sa.Column("seat_id", sa.String(40)),
        sa.Column("revision", sa.Integer),
        sa.Column("body_sha256", sa.String(64)),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("decided_at", TS, nullable=False),
    )
    op.create_table(
        "accepted_sheet",
        sa.Column("package_id", sa.String(32), primary_key=True),
        sa.Column("seat_id", sa.String(40), primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("sheet_sha256", sa.String(64), sa.ForeignKey("sheet_file.sha256"),
                  nullable=False),
        sa.Column("equivocation", sa.Boolean, nullable=False),
        sa.ForeignKeyConstraint(["package_id", "seat_id"], ["seat.package_id", "seat.seat_id"]),
    )
    op.create_table(
        "review",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("package_id", sa.String(32), nullable=False),
        sa.Column("seat_id", sa.String(40), nullable=False),
        sa.Column("project_id", sa.String(40), nullable=False),
        sa.Column("conflict", sa.Boolean, nullable=False),
        sa.Column("conflict_reason", sa.Text, nullable=False),
        sa.Column("scores_json", sa.Text, nullable=False),
        sa.Column("total", sa.String(20)),
        sa.Column("comments_json", sa.Text, nullable=False),
        sa.Column("overall_comment", sa.Text, nullable=False),
        sa.Column("recommendation", sa.Text, nullable=False),
        sa.UniqueConstraint("package_id", "seat_id", "project_id"),
    )


def downgrade() -> None:
    for table in ("review", "accepted_sheet", "merge_decision", "sheet_file", "assignment",
                  "seat", "package"):
        op.drop_table(table)
