"""Inspection photo packages (issue 12): ``photo_package`` keeps every received
``.revphotos`` file as it came (encrypted to the organizer's return key) with its
decision, ``received_photo`` the hashes, media types and captions of the photos of
accepted ones, so that results can link each visit's photos without decrypting.

Revision ID: c0006
Revises: c0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "c0006"
down_revision = "c0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "photo_package",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("source_name", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("package_id", sa.String(32)),
        sa.Column("seat_id", sa.Text),
        sa.Column("sheet_revision", sa.Integer),
        sa.Column("sheet_body_sha256", sa.String(64)),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_photo_package_package_id", "photo_package", ["package_id"])
    op.create_table(
        "received_photo",
        sa.Column("photo_package_sha256", sa.String(64), sa.ForeignKey("photo_package.sha256"),
                  primary_key=True),
        sa.Column("member_id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("media_type", sa.Text, nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
    )
    op.create_index("ix_received_photo_project_id", "received_photo", ["project_id"])


def downgrade() -> None:
    op.drop_index("ix_received_photo_project_id", "received_photo")
    op.drop_table("received_photo")
    op.drop_index("ix_photo_package_package_id", "photo_package")
    op.drop_table("photo_package")
