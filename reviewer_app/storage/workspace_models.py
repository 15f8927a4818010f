"""The expert's workspace: one SQLite database per opened package."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from reviewer_app.storage.encrypted import EncryptedBytes, EncryptedText


class WorkspaceBase(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class WorkspaceMeta(WorkspaceBase):
    """One row: which package and seat this workspace belongs to."""

    __tablename__ = "workspace_meta"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(32))
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    seat_id: Mapped[str | None] = mapped_column(String(40))
    # A known plaintext under the workspace key: opening with another key fails
    # at once with a clear error instead of on the first score.
    key_check: Mapped[str] = mapped_column(EncryptedText("workspace_meta.key_check"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ProjectReview(WorkspaceBase):
    __tablename__ = "project_review"

    project_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    conflict_declared: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict_reason: Mapped[str | None] = mapped_column(
        EncryptedText("project_review.conflict_reason"))
    overall_comment: Mapped[str | None] = mapped_column(
        EncryptedText("project_review.overall_comment"))
    recommendation: Mapped[str | None] = mapped_column(
        EncryptedText("project_review.recommendation"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now,
                                                    onupdate=_now)


class CriterionScore(WorkspaceBase):
    __tablename__ = "criterion_score"

    project_id: Mapped[str] = mapped_column(ForeignKey("project_review.project_id"),
                                            primary_key=True)
    criterion_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    score: Mapped[str | None] = mapped_column(EncryptedText("criterion_score.score"))
    comment: Mapped[str | None] = mapped_column(EncryptedText("criterion_score.comment"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now,
                                                    onupdate=_now)


class Evidence(WorkspaceBase):
    """"This page supports this criterion" links made while reading."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("project_id", "criterion_id", "member_id", "page"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("project_review.project_id"))
    criterion_id: Mapped[str] = mapped_column(String(40))
    member_id: Mapped[int] = mapped_column(Integer)
    page: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(EncryptedText("evidence.note"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AuditEntry(WorkspaceBase):
    """Every change, for the expert's own record and for disputes."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    action: Mapped[str] = mapped_column(String(40))
    project_id: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(EncryptedText("audit_log.detail"))


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

    project_id: Mapped[str] = mapped_column(ForeignKey("project_review.project_id"),
                                            primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    result: Mapped[str | None] = mapped_column(EncryptedText("inspection_answer.result"))
    note: Mapped[str | None] = mapped_column(EncryptedText("inspection_answer.note"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now,
                                                    onupdate=_now)


class InspectionFindings(WorkspaceBase):
    """What the team found on site, per project (free text, encrypted)."""

    __tablename__ = "inspection_findings"

    project_id: Mapped[str] = mapped_column(ForeignKey("project_review.project_id"),
                                            primary_key=True)
    findings: Mapped[str | None] = mapped_column(EncryptedText("inspection_findings.findings"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now,
                                                    onupdate=_now)


class InspectionPhoto(WorkspaceBase):
    """A site photo: the image bytes are encrypted and never written to disk otherwise."""

    __tablename__ = "inspection_photo"
    __table_args__ = (UniqueConstraint("project_id", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("project_review.project_id"))
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str | None] = mapped_column(EncryptedText("inspection_photo.caption"))
    # Deferred: listing photos must not decrypt every image.
    data: Mapped[bytes] = mapped_column(EncryptedBytes("inspection_photo.data"), deferred=True)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
