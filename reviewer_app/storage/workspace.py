"""The expert's workspace store: everything typed while reviewing one package.

Edits arrive as :class:`FieldChange` batches (the GUI's autosave collects them
and flushes at most every 500 ms); each batch is one transaction together with
its audit entries, so after a crash the database holds whole batches only.

The key takes the package's share and the expert's own secret
(:mod:`reviewer_app.storage.encrypted`); every encrypted value goes through
:attr:`WorkspaceStore.cipher`, bound to its row.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from reviewer_app.core.errors import ReviewerError
from reviewer_app.files import private_dir
from reviewer_app.storage.encrypted import (
    SEAT_CODE,
    ExpertSecret,
    WorkspaceCipher,
    WorkspaceKeyError,
    workspace_key,
)
from reviewer_app.storage.engines import migrate, sqlite_engine
from reviewer_app.storage.workspace_models import (
    AuditEntry,
    CommitmentAcceptance,
    CriterionScore,
    Evidence,
    ProjectReview,
    SheetExport,
    WorkspaceMeta,
)

KEY_CHECK = "reviewer-app workspace v1"
PROJECT_FIELDS = ("conflict_declared", "conflict_reason", "overall_comment", "recommendation",
                  "conflict_category", "hint_answer", "hint_reason", "second_round_reason")
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
    conflict_category: str | None = None  # manifest format 4: a category id
    hint_answer: str | None = None        # "conflict" / "no_conflict" to the build's hint
    hint_reason: str = ""
    second_round_reason: str = ""  # a second-round package only (复议理由)


def record(session: Session, cipher: WorkspaceCipher, action: str,
           project_id: str | None = None, detail: str | None = None) -> None:
    """Add an audit entry in the caller's transaction."""
    entry = AuditEntry(action=action, project_id=project_id)
    session.add(entry)
    session.flush()  # its id is its row key
    cipher.write(entry, "detail", detail)


class WorkspaceStore:
    """One workspace database, opened with the keys of the package and the expert.

    Args:
        package_key: the package's share (``OpenedPackage.workspace_key()``); alone it
            was the whole key of workspaces before migration w0003, which upgrades them.
        secret: the expert's share (seat code or identity key).

    Raises:
        WorkspaceKeyError: the workspace belongs to another seat or secret, or a value
            does not decrypt (the file was altered).
        WorkspaceMismatch: the workspace belongs to another package.
    """

    def __init__(self, path: Path, package_key: bytes, secret: ExpertSecret, *,
                 package_id: str, manifest_sha256: str, seat_id: str) -> None:
        self.path = Path(path)
        private_dir(self.path.parent)
        self.cipher = WorkspaceCipher(workspace_key(package_key, package_id, secret))
        self.engine = sqlite_engine(self.path)
        try:
            migrate(self.engine, "workspace", legacy_key=package_key, cipher=self.cipher,
                    key_source=secret.source, seat_id=seat_id)
            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
            self._claim(package_id, manifest_sha256, seat_id, secret.source)
        except BaseException:
            self.engine.dispose()
            raise

    def _claim(self, package_id: str, manifest_sha256: str, seat_id: str,
               key_source: str) -> None:
        with self._sessions.begin() as session:
            meta = session.scalar(select(WorkspaceMeta))
            if meta is None:
                meta = WorkspaceMeta(package_id=package_id, manifest_sha256=manifest_sha256,
                                     seat_id=seat_id, key_source=key_source)
                self.cipher.write(meta, "key_check", KEY_CHECK)
                session.add(meta)
                return
            if meta.package_id != package_id or meta.manifest_sha256 != manifest_sha256:
                raise WorkspaceMismatch(f"workspace {self.path.name} belongs to package "
                                        f"{meta.package_id}, not {package_id}")
            self._check_key(meta, key_source)
            if meta.seat_id != seat_id:  # the same secret: the seat id was mistyped before
                meta.seat_id = seat_id
                record(session, self.cipher, "seat", detail=seat_id)

    def _check_key(self, meta: WorkspaceMeta, key_source: str) -> None:
        if meta.key_source != key_source:
            raise WorkspaceKeyError(
                f"this workspace was created with the seat code of seat {meta.seat_id}: "
                "enter that seat code" if meta.key_source == SEAT_CODE else
                f"this workspace was created for seat {meta.seat_id} with your own key and "
                "no seat code: unlock with your own key and leave the seat code empty")
        try:
            matches = self.cipher.read(meta, "key_check") == KEY_CHECK
        except WorkspaceKeyError:
            matches = False
        if not matches:
            raise WorkspaceKeyError(
                f"this workspace belongs to seat {meta.seat_id} and does not open with "
                + ("this seat code" if key_source == SEAT_CODE else "this key")
                + " (or the file was altered)")

    def close(self) -> None:
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

            apply_change(session, self.cipher, change)
        elif change.field == "conflict_declared":
            review.conflict_declared = bool(change.value)
            review.updated_at = dt.datetime.now(dt.UTC)
        elif change.criterion_id is None:
            self.cipher.write(review, change.field, _text(change.value))
            review.updated_at = dt.datetime.now(dt.UTC)
        else:
            row = session.get(CriterionScore, (change.project_id, change.criterion_id))
            if row is None:
                row = CriterionScore(project_id=change.project_id,
                                     criterion_id=change.criterion_id)
                session.add(row)
            self.cipher.write(row, change.field, _text(change.value))
        record(session, self.cipher, change.field, change.project_id,
               json.dumps({"criterion": change.criterion_id, "value": change.value},
                          ensure_ascii=False))

    def add_evidence(self, project_id: str, link: EvidenceLink) -> None:
        with self._sessions.begin() as session:
            self._review(session, project_id)
            exists = session.scalar(select(Evidence).where(
                Evidence.project_id == project_id, Evidence.criterion_id == link.criterion_id,
                Evidence.member_id == link.member_id, Evidence.page == link.page))
            if exists is None:
                evidence = Evidence(project_id=project_id, criterion_id=link.criterion_id,
                                    member_id=link.member_id, page=link.page)
                self.cipher.write(evidence, "note", link.note)
                session.add(evidence)
                record(session, self.cipher, "evidence_add", project_id,
                       json.dumps(link.__dict__, ensure_ascii=False))

    def remove_evidence(self, project_id: str, link: EvidenceLink) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(Evidence).where(
                Evidence.project_id == project_id, Evidence.criterion_id == link.criterion_id,
                Evidence.member_id == link.member_id, Evidence.page == link.page))
            record(session, self.cipher, "evidence_remove", project_id,
                   json.dumps(link.__dict__, ensure_ascii=False))

    def record_export(self, revision: int, body_sha256: str) -> None:
        with self._sessions.begin() as session:
            session.add(SheetExport(revision=revision, body_sha256=body_sha256))
            record(session, self.cipher, "export", detail=f"revision {revision}")

    # --- reading -----------------------------------------------------------

    def load(self) -> dict[str, ProjectState]:
        """Everything entered so far, by project id."""
        states: dict[str, ProjectState] = {}
        read = self.cipher.read
        with self._sessions() as session:
            for review in session.scalars(select(ProjectReview)):
                states[review.project_id] = ProjectState(
                    review.project_id, conflict_declared=review.conflict_declared,
                    conflict_reason=read(review, "conflict_reason") or "",
                    overall_comment=read(review, "overall_comment") or "",
                    recommendation=read(review, "recommendation") or "",
                    conflict_category=read(review, "conflict_category") or None,
                    hint_answer=read(review, "hint_answer") or None,
                    hint_reason=read(review, "hint_reason") or "",
                    second_round_reason=read(review, "second_round_reason") or "")
            for row in session.scalars(select(CriterionScore)):
                state = states[row.project_id]
                score, comment = read(row, "score"), read(row, "comment")
                if score is not None:
                    state.scores[row.criterion_id] = score
                if comment:
                    state.comments[row.criterion_id] = comment
            for ev in session.scalars(select(Evidence).order_by(Evidence.id)):
                states[ev.project_id].evidence.append(
                    EvidenceLink(ev.criterion_id, ev.member_id, ev.page, read(ev, "note")))
        return states

    def accept_commitment(self, sha256: str, at: dt.datetime | None = None) -> dt.datetime:
        """Record that the expert accepted the commitment text of this SHA-256 (once: a
        second acceptance keeps the first time). Returns the recorded time (UTC, s)."""
        at = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
        with self._sessions.begin() as session:
            row = session.get(CommitmentAcceptance, sha256)
            if row is not None:
                return dt.datetime.fromisoformat(self.cipher.read(row, "accepted_at"))
            row = CommitmentAcceptance(sha256=sha256)
            self.cipher.write(row, "accepted_at", at.isoformat())
            session.add(row)
            record(session, self.cipher, "commitment", detail=sha256)
        return at

    def commitment_accepted(self, sha256: str) -> dt.datetime | None:
        """When the commitment of this SHA-256 was accepted, None if it was not."""
        with self._sessions() as session:
            row = session.get(CommitmentAcceptance, sha256)
            return None if row is None else dt.datetime.fromisoformat(
                self.cipher.read(row, "accepted_at"))

    def last_export(self) -> tuple[int, str] | None:
        with self._sessions() as session:
            row = session.scalar(select(SheetExport).order_by(SheetExport.revision.desc()))
            return (row.revision, row.body_sha256) if row else None

    def audit_log(self) -> list[tuple[dt.datetime, str, str | None, str | None]]:
        with self._sessions() as session:
            return [(a.at, a.action, a.project_id, self.cipher.read(a, "detail"))
                    for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def _text(value: str | bool | None) -> str | None:
    return None if value is None else str(value)


def adopt_workspace(legacy: Path, target: Path, seat_id: str,
                    sidecar_suffixes: Iterable[str] = ()) -> bool:
    """Move a workspace from the former one-file-per-package layout to ``target``.

    Only when ``target`` does not exist yet and ``legacy`` was created for
    ``seat_id`` (its unencrypted ``workspace_meta.seat_id``): another seat's work
    stays where it is, for that seat to adopt. ``sidecar_suffixes`` name files
    beside the database that move with it (``legacy.with_suffix(suffix)``).

    Returns:
        Whether the workspace moved. An unreadable legacy file is left alone, and
        opening ``target`` then starts an empty workspace.
    """
    if target.exists() or not legacy.is_file():
        return False
    try:
        # A plain connection: closing it checkpoints a WAL left by a crash, so the
        # single file that moves holds every committed change.
        connection = sqlite3.connect(legacy)
        try:
            row = connection.execute("SELECT seat_id FROM workspace_meta").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    if row is None or row[0] != seat_id:
        return False
    private_dir(target.parent)
    os.replace(legacy, target)
    for suffix in sidecar_suffixes:
        old = legacy.with_suffix(suffix)
        if old.exists():
            os.replace(old, target.with_suffix(suffix))
    return True
