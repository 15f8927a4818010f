"""The expert's workspace store: everything typed while reviewing one package.

Edits arrive as :class:`FieldChange` batches (the GUI's autosave collects them
and flushes at most every 500 ms); each batch is one transaction together with
its audit entries, so after a crash the database holds whole batches only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from reviewer_app.core.errors import ReviewerError
from reviewer_app.storage.encrypted import WorkspaceKeyError, attach_cipher, detach_cipher
from reviewer_app.storage.engines import migrate, sqlite_engine
from reviewer_app.storage.workspace_models import (
    AuditEntry,
    CriterionScore,
    Evidence,
    ProjectReview,
    SheetExport,
    WorkspaceMeta,
)

KEY_CHECK = "reviewer-app workspace v1"
PROJECT_FIELDS = ("conflict_declared", "conflict_reason", "overall_comment", "recommendation")
CRITERION_FIELDS = ("score", "comment")
# Inspection sessions (storage.inspection): ``criterion_id`` then holds the checklist
# item id, or the photo id for a caption; findings are per project.
INSPECTION_ITEM_FIELDS = ("checklist_result", "checklist_note", "photo_caption")
INSPECTION_PROJECT_FIELDS = ("findings",)


class WorkspaceMismatch(ReviewerError):
    """The workspace file belongs to another package."""


@dataclass(frozen=True)
class FieldChange:
    """One edited field. ``criterion_id`` is set for score and comment (and the
    inspection item fields) only."""

    project_id: str
    field: str
    value: str | bool | None
    criterion_id: str | None = None

    def __post_init__(self) -> None:
        allowed = (CRITERION_FIELDS + INSPECTION_ITEM_FIELDS if self.criterion_id
                   else PROJECT_FIELDS + INSPECTION_PROJECT_FIELDS)
        if self.field not in allowed:
            raise ValueError(f"unknown workspace field {self.field!r}")


@dataclass(frozen=True)
class EvidenceLink:
    criterion_id: str
    member_id: int
    page: int
    note: str | None = None


@dataclass
class ProjectState:
    """What the expert has entered for one project (plain strings, not yet validated)."""

    project_id: str
    scores: dict[str, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    conflict_declared: bool = False
    conflict_reason: str = ""
    overall_comment: str = ""
    recommendation: str = ""
    evidence: list[EvidenceLink] = field(default_factory=list)


class WorkspaceStore:
    """One workspace database, opened with the key derived from the package."""

    def __init__(self, path: Path, key: bytes, *, package_id: str, manifest_sha256: str,
                 seat_id: str | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = sqlite_engine(self.path)
        attach_cipher(self.engine, key)
        migrate(self.engine, "workspace")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._claim(package_id, manifest_sha256, seat_id)

    def _claim(self, package_id: str, manifest_sha256: str, seat_id: str | None) -> None:
        with self._sessions.begin() as session:
            meta = session.scalar(select(WorkspaceMeta))
            if meta is None:
                session.add(WorkspaceMeta(package_id=package_id, manifest_sha256=manifest_sha256,
                                          seat_id=seat_id, key_check=KEY_CHECK))
                return
            if meta.package_id != package_id or meta.manifest_sha256 != manifest_sha256:
                raise WorkspaceMismatch(f"workspace {self.path.name} belongs to package "
                                        f"{meta.package_id}, not {package_id}")
            if meta.key_check != KEY_CHECK:  # decrypting raises first on a wrong key
                raise WorkspaceKeyError("workspace key check failed")
            if seat_id and meta.seat_id != seat_id:
                meta.seat_id = seat_id
                session.add(AuditEntry(action="seat", detail=seat_id))

    def close(self) -> None:
        detach_cipher(self.engine)
        self.engine.dispose()

    # --- writing -----------------------------------------------------------

    def apply(self, changes: Iterable[FieldChange]) -> int:
        """Write a batch of edits in one transaction; returns how many were applied."""
        changes = list(changes)
        if not changes:
            return 0
        with self._sessions.begin() as session:
            for change in changes:
                self._apply_one(session, change)
        return len(changes)

    @staticmethod
    def _review(session: Session, project_id: str) -> ProjectReview:
        review = session.get(ProjectReview, project_id)
        if review is None:
            review = ProjectReview(project_id=project_id, conflict_declared=False)
            session.add(review)
            session.flush()
        return review

    def _apply_one(self, session: Session, change: FieldChange) -> None:
        review = self._review(session, change.project_id)
        if change.field in INSPECTION_ITEM_FIELDS + INSPECTION_PROJECT_FIELDS:
            from reviewer_app.storage.inspection import apply_change

            apply_change(session, change)
        elif change.criterion_id is None:
            value = change.value
            if change.field == "conflict_declared":
                value = bool(value)
            setattr(review, change.field, value)
            review.updated_at = dt.datetime.now(dt.UTC)
        else:
            row = session.get(CriterionScore, (change.project_id, change.criterion_id))
            if row is None:
                row = CriterionScore(project_id=change.project_id,
                                     criterion_id=change.criterion_id)
                session.add(row)
            setattr(row, change.field, change.value)
        session.add(AuditEntry(action=change.field, project_id=change.project_id,
                               detail=json.dumps({"criterion": change.criterion_id,
                                                  "value": change.value},
                                                 ensure_ascii=False)))

    def add_evidence(self, project_id: str, link: EvidenceLink) -> None:
        with self._sessions.begin() as session:
            self._review(session, project_id)
            exists = session.scalar(select(Evidence).where(
                Evidence.project_id == project_id, Evidence.criterion_id == link.criterion_id,
                Evidence.member_id == link.member_id, Evidence.page == link.page))
            if exists is None:
                session.add(Evidence(project_id=project_id, criterion_id=link.criterion_id,
                                     member_id=link.member_id, page=link.page, note=link.note))
                session.add(AuditEntry(action="evidence_add", project_id=project_id,
                                       detail=json.dumps(link.__dict__, ensure_ascii=False)))

    def remove_evidence(self, project_id: str, link: EvidenceLink) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(Evidence).where(
                Evidence.project_id == project_id, Evidence.criterion_id == link.criterion_id,
                Evidence.member_id == link.member_id, Evidence.page == link.page))
            session.add(AuditEntry(action="evidence_remove", project_id=project_id,
                                   detail=json.dumps(link.__dict__, ensure_ascii=False)))

    def record_export(self, revision: int, body_sha256: str) -> None:
        with self._sessions.begin() as session:
            session.add(SheetExport(revision=revision, body_sha256=body_sha256))
            session.add(AuditEntry(action="export", detail=f"revision {revision}"))

    # --- reading -----------------------------------------------------------

    def load(self) -> dict[str, ProjectState]:
        """Everything entered so far, by project id."""
        states: dict[str, ProjectState] = {}
        with self._sessions() as session:
            for review in session.scalars(select(ProjectReview)):
                states[review.project_id] = ProjectState(
                    review.project_id, conflict_declared=review.conflict_declared,
                    conflict_reason=review.conflict_reason or "",
                    overall_comment=review.overall_comment or "",
                    recommendation=review.recommendation or "")
            for row in session.scalars(select(CriterionScore)):
                state = states[row.project_id]
                if row.score is not None:
                    state.scores[row.criterion_id] = row.score
                if row.comment:
                    state.comments[row.criterion_id] = row.comment
            for ev in session.scalars(select(Evidence).order_by(Evidence.id)):
                states[ev.project_id].evidence.append(
                    EvidenceLink(ev.criterion_id, ev.member_id, ev.page, ev.note))
        return states

    def last_export(self) -> tuple[int, str] | None:
        with self._sessions() as session:
            row = session.scalar(select(SheetExport).order_by(SheetExport.revision.desc()))
            return (row.revision, row.body_sha256) if row else None

    def audit_log(self) -> list[tuple[dt.datetime, str, str | None, str | None]]:
        with self._sessions() as session:
            return [(a.at, a.action, a.project_id, a.detail)
                    for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
