"""The central store keeps no seat code (issue 11): drop ``seat.seat_code``.

A seat code in the store let anyone who could read the file sign sheets for
every seat. Format-2 packages carry each seat's public key instead; a format-1
package's codes are given to each merge and kept in memory only.

The codes are first overwritten (``secure_delete`` is on for every SQLite
connection, so the freed bytes are zeroed), then the column goes. SQLite drops it
natively (3.35+): a batch rebuild would have to drop the ``seat`` table, which
``assignment`` refers to. On PostgreSQL the old row versions stay in the table
file until ``VACUUM FULL seat`` runs (docs/guide-secretariat.md says so).

Revision ID: c0005
Revises: c0004
Create Date: 2027-01-10
"""

import sqlalchemy as sa
from alembic import context, op

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE seat SET seat_code = NULL")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE seat DROP COLUMN seat_code")
    else:
        op.drop_column("seat", "seat_code")
    context.config.attributes["erased_secrets"] = True  # storage.engines.migrate checkpoints


def downgrade() -> None:
    # The codes are gone for good; a format-1 merge is given them again.
    op.add_column("seat", sa.Column("seat_code", sa.String(16)))
