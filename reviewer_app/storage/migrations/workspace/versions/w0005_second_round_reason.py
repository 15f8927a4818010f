"""A second-round (复议) package's reason per project (issue 14 item 4):
``project_review.second_round_reason``, sealed like the other free texts of the row
(docs/formats.md §4). Empty (NULL) for every existing row.

Revision ID: w0005
Revises: w0004
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "w0005"
down_revision = "w0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("project_review", sa.Column("second_round_reason", sa.LargeBinary))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE project_review DROP COLUMN second_round_reason")
    else:
        op.drop_column("project_review", "second_round_reason")
