"""The second round (复议, issue 14 item 4): a package records its round (1, or 2 for a
second-round package of manifest format 5) and the first round's package, whose
seats' reviews its accepted sheets replace project by project.

Columns are added and dropped natively (SQLite 3.35+), never by a batch rebuild: that
would drop ``package``, which ``seat`` refers to. ``first_round_package_id`` has no
foreign key for the same reason; ``register_package`` checks that it names a
registered first-round package.

Revision ID: c0008
Revises: c0007
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "c0008"
down_revision = "c0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("package", sa.Column("round", sa.Integer, nullable=False,
                                       server_default="1"))
    op.add_column("package", sa.Column("first_round_package_id", sa.String(32)))
    op.create_index("ix_package_first_round_package_id", "package", ["first_round_package_id"])


def downgrade() -> None:
    op.drop_index("ix_package_first_round_package_id", "package")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE package DROP COLUMN first_round_package_id")
        op.execute("ALTER TABLE package DROP COLUMN round")
    else:
        op.drop_column("package", "first_round_package_id")
        op.drop_column("package", "round")
