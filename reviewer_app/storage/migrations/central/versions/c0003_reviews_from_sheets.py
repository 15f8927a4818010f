"""Reviews are read from the accepted sheet files: the review table goes.

Revision ID: c0003
Revises: c0002
Create Date: 2026-11-29

Every review in the table was a copy of a project entry of an accepted sheet's
body, which the store keeps byte for byte. Downgrading rebuilds the copies.
"""

import base64
import json

import sqlalchemy as sa
from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("review")


def downgrade() -> None:
    review = op.create_table(
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
    accepted = op.get_bind().execute(sa.text(
        "SELECT a.package_id, a.seat_id, f.raw FROM accepted_sheet a "
        "JOIN sheet_file f ON f.sha256 = a.sheet_sha256 WHERE NOT a.equivocation"))
    rows = []
    for package_id, seat_id, raw in accepted:
        body = json.loads(base64.b64decode(json.loads(raw)["payload"]))
        for project in body["projects"]:
            rows.append({
                "package_id": package_id, "seat_id": seat_id,
                "project_id": project["project_id"],
                "conflict": bool(project["conflict"]["declared"]),
                "conflict_reason": project["conflict"]["reason"],
                "scores_json": json.dumps(project["scores"], sort_keys=True),
                "total": project["total"],
                "comments_json": json.dumps(project["comments"], ensure_ascii=False,
                                            sort_keys=True),
                "overall_comment": project["overall_comment"],
                "recommendation": project["recommendation"]})
    if rows:
        op.bulk_insert(review, rows)
