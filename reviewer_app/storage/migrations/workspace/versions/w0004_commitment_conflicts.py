"""The 承诺书 acceptance and structured conflicts (manifest format 4, issue 14).

Adds, all encrypted under the workspace key with row-bound AAD (docs/formats.md §4):
each project's conflict category, the answer to the build's conflict hint and its
reason; and a table of commitment acceptances (the text's SHA-256 in clear, as the
row key, and the time of acceptance sealed). Older workspaces gain empty columns:
nothing they hold changes.

Revision ID: w0004
Revises: w0003
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "w0004"
down_revision = "w0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for column in ("conflict_category", "hint_answer", "hint_reason"):
        op.add_column("project_review", sa.Column(column, sa.LargeBinary))
    op.create_table(
        "commitment_acceptance",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("accepted_at", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("commitment_acceptance")
    for column in ("hint_reason", "hint_answer", "conflict_category"):
        op.drop_column("project_review", column)
