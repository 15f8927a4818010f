"""Initial workspace schema.

Revision ID: w0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "w0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "workspace_meta",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("package_id", sa.String(32), nullable=False),
        sa.Column("manifest_sha256", sa.String(64), nullable=False),
        sa.Column("seat_id", sa.String(40)),
        sa.Column("key_check", sa.LargeBinary, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "project_review",
        sa.Column("project_id", sa.String(40), primary_key=True),
        sa.Column("conflict_declared", sa.Boolean, nullable=False),
        sa.Column("conflict_reason", sa.LargeBinary),
        sa.Column("overall_comment", sa.LargeBinary),
        sa.Column("recommendation", sa.LargeBinary),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "criterion_score",
        sa.Column("project_id", sa.String(40), sa.ForeignKey("project_review.project_id"),
                  primary_key=True),
        sa.Column("criterion_id", sa.String(40), primary_key=True),
        sa.Column("score", sa.LargeBinary),
        sa.Column("comment", sa.LargeBinary),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.String(40), sa.ForeignKey("project_review.project_id"),
                  nullable=False),
        sa.Column("criterion_id", sa.String(40), nullable=False),
        sa.Column("member_id", sa.Integer, nullable=False),
        sa.Column("page", sa.Integer, nullable=False),
        sa.Column("note", sa.LargeBinary),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("project_id", "criterion_id", "member_id", "page"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", TS, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("project_id", sa.String(40)),
        sa.Column("detail", sa.LargeBinary),
    )
    op.create_table(
        "sheet_export",
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("exported_at", TS, nullable=False),
    )


def downgrade() -> None:
    for table in ("sheet_export", "audit_log", "evidence", "criterion_score", "project_review",
                  "workspace_meta"):
        op.drop_table(table)
