"""Declared conflicts with their category (issue 14, manifest format 4 / sheet format 3).

``declared_conflict`` records, for the sheet that counts for each seat, every project
on which the expert declared a conflict: its category id (NULL for sheets of formats
1 and 2, which have none: 未分类) and the answer to the build's pre-screen hint, if
any. Existing stores are filled from their accepted sheets, which the store keeps
byte for byte (verified when they were merged).

Revision ID: c0007
Revises: c0006
Create Date: 2026-12-05
"""

import base64
import json

import sqlalchemy as sa
from alembic import op

revision = "c0007"
down_revision = "c0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "declared_conflict",
        sa.Column("package_id", sa.String(32), primary_key=True),
        sa.Column("seat_id", sa.String(40), primary_key=True),
        sa.Column("project_id", sa.String(40), primary_key=True),
        sa.Column("category", sa.String(32)),
        sa.Column("hint_answer", sa.String(16)),
        sa.Column("body_sha256", sa.String(64), nullable=False),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT a.package_id, a.seat_id, a.body_sha256, f.raw FROM accepted_sheet a "
        "JOIN sheet_file f ON f.sha256 = a.sheet_sha256 WHERE NOT a.equivocation"))
    records = []
    for package_id, seat_id, body_sha256, raw in rows:
        body = json.loads(base64.b64decode(json.loads(bytes(raw))["payload"]))
        records += [{"package_id": package_id, "seat_id": seat_id,
                     "project_id": entry["project_id"],
                     "category": entry["conflict"].get("category"),
                     "hint_answer": (entry.get("hint") or {}).get("answer"),
                     "body_sha256": body_sha256}
                    for entry in body["projects"] if entry["conflict"]["declared"]]
    if records:
        op.bulk_insert(table, records)


def downgrade() -> None:
    op.drop_table("declared_conflict")
