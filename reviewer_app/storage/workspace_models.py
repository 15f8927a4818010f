"""The expert's workspace: one SQLite database per opened package.

Encrypted columns hold sealed bytes (docs/formats.md §4); the stores read and
write them only through :class:`~reviewer_app.storage.encrypted.WorkspaceCipher`.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class WorkspaceBase(DeclarativeBase):
    # The encrypted columns, and the columns whose values name the row in their AAD:
    # the natural key where the table has one. Those are never updated.
    __sealed__: ClassVar[tuple[str, ...]] = ()
    __row_key__: ClassVar[tuple[str, ...]] = ()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class WorkspaceMeta(WorkspaceBase):
    """One row: which package and seat this workspace belongs to."""

    __tablename__ = "workspace_meta"
    __sealed__ = ("key_check",)
    __row_key__ = ("package_id",)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(32))
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    seat_id: Mapped[str | None] = mapped_column(String(40))
    # Which secret of the expert's the key takes ("seat-code" or "identity"), so that
    # opening with the other one can say what to do.
    key_source: Mapped[str] = mapped_column(String(16))
    # A known plaintext under the workspace key: opening with another key fails
    # at once with a clear error instead of on the first score.
    key_check: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ProjectReview(WorkspaceBase):
    __tablename__ = "project_review"
    __sealed__ = ("conflict_reason", "overall_comment", "recommendation", "conflict_category",
                  "hint_answer", "hint_reason", "second_round_reason")
    __row_key__ = ("project_id",)

    project_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    conflict_declared: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict_reason: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Manifest format 4 (w0004): the category id of a declared conflict, the answer to
    # the build's conflict hint ("conflict" / "no_conflict") and why there is none.
    conflict_category: Mapped[bytes | None] = mapped_column(LargeBinary)
    hint_answer: Mapped[bytes | None] = mapped_column(LargeBinary)
    hint_reason: Mapped[bytes | None] = mapped_column(LargeBinary)
    overall_comment: Mapped[bytes | None] = mapped_column(LargeBinary)
    recommendation: Mapped[bytes | None] = mapped_column(LargeBinary)
    # A second-round (复议) package only: why the expert re-scores the project (w0005).
    second_round_reason: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now,
                                                    onupdate=_now)


class CriterionScore(WorkspaceBase):
    __tablename__ = "criterion_score"
    __sealed__ = ("score", "comment")
    __row_key__ = ("project_id", "criterion_id")

    project_id: Mapped[str] = mapped_column(ForeignKey("project_review.project_id"),
                                            primary_key=True)
    criterion_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    score: Mapped[bytes | None] = mapped_column(LargeBinary)
    comment: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now,
                                                    onupdate=_now)


class Evidence(WorkspaceBase):
    """"This page supports this criterion" links made while reading."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("project_id", "criterion_id", "member_id", "page"),)
    __sealed__ = ("note",)
    __row_key__ = ("project_id", "criterion_id", "member_id", "page")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("project_review.project_id"))
    criterion_id: Mapped[str] = mapped_column(String(40))
    member_id: Mapped[int] = mapped_column(Integer)
    page: Mapped[int] = mapped_column(Integer)
    note: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AuditEntry(WorkspaceBase):
    """Every change, for the expert's own record and for disputes."""

    __tablename__ = "audit_log"
    __sealed__ = ("detail",)
    # No natural key: the id, so an entry is flushed before its detail is sealed.
    __row_key__ = ("id",)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    action: Mapped[str] = mapped_column(String(40))
    project_id: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[bytes | None] = mapped_column(LargeBinary)


class CommitmentAcceptance(WorkspaceBase):
    """The expert accepted the package's 承诺书 (manifest format 4): the text's SHA-256,
    and the time (RFC 3339 UTC) sealed."""

    __tablename__ = "commitment_acceptance"
    __sealed__ = ("accepted_at",)
    __row_key__ = ("sha256",)

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    accepted_at: Mapped[bytes] = mapped_column(LargeBinary)


class SheetExport(WorkspaceBase):
    """Each exported score-sheet revision; the next export chains to the last."""

    __tablename__ = "sheet_export"

    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    body_sha256: Mapped[str] = mapped_column(String(64))
    exported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


# --- inspection sessions (storage.inspection) ---------------------------------------

class InspectionAnswer(WorkspaceBase):
    """One checklist item of an inspection visit: result and note, both encrypted."""

    __tablename__ = "inspection_answer"
    __sealed__ = ("result", "note")
    __row_key__ = ("project_id", "item_id")

    project_id: Mapped[str] = mapped_column(ForeignKey("project_review.project_id"),
                                            primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    result: Mapped[bytes | None] = mapped_column(LargeBinary)
    note: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now,
                                                    onupdate=_now)


class InspectionFindings(WorkspaceBase):
    """What the team found on site, per project (free text, encrypted)."""

    __tablename__ = "inspection_findings"
    __sealed__ = ("findings",)
    __row_key__ = ("project_id",)

    project_id: Mapped[str] = mapped_column(ForeignKey("project_review.project_id"),
                                            primary_key=True)
    findings: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now,
                                                    onupdate=_now)


class InspectionPhoto(WorkspaceBase):
    """A site photo: the image bytes are encrypted and never written to disk otherwise."""

    __tablename__ = "inspection_photo"
    __table_args__ = (UniqueConstraint("project_id", "sha256"),)
    __sealed__ = ("caption", "data")
    __row_key__ = ("project_id", "sha256")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("project_review.project_id"))
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    caption: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Deferred: listing photos must not load every image.
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
