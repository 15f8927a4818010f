"""Inspection sessions: checklist answers, findings and site photos (all encrypted).

Revision ID: w0002
Revises: w0001
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "w0002"
down_revision = "w0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "inspection_answer",
        sa.Column("project_id", sa.String(40), sa.ForeignKey("project_review.project_id"),
                  primary_key=True),
        sa.Column("item_id", sa.String(64), primary_key=True),
        sa.Column("result", sa.LargeBinary),
        sa.Column("note", sa.LargeBinary),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "inspection_findings",
        sa.Column("project_id", sa.String(40), sa.ForeignKey("project_review.project_id"),
                  primary_key=True),
        sa.Column("findings", sa.LargeBinary),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "inspection_photo",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.String(40), sa.ForeignKey("project_review.project_id"),
                  nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("media_type", sa.String(40), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("caption", sa.LargeBinary),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("added_at", TS, nullable=False),
        sa.UniqueConstraint("project_id", "sha256"),
    )


def downgrade() -> None:
    for table in ("inspection_photo", "inspection_findings", "inspection_answer"):
        op.drop_table(table)
