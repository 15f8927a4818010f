"""Inspection sessions in the workspace: checklist answers, findings and site photos.

Checklist results and notes, findings and photo captions are ordinary edits: they
arrive as :class:`~reviewer_app.storage.workspace.FieldChange` objects through the
autosave, and :meth:`WorkspaceStore.apply` hands them to :func:`apply_change` inside
its transaction. Photos are added and removed directly (:class:`InspectionStore`).

A photo's bytes are kept only encrypted in the workspace database, bound to
their row like every other value; they are read back into memory for thumbnails
and never written to disk in plaintext. The SHA-256 stored beside them (it also
goes into the signed sheet) is checked on every read as well.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from reviewer_app.core.errors import ReviewerError
from reviewer_app.storage.encrypted import WorkspaceCipher, WorkspaceKeyError
from reviewer_app.storage.workspace import FieldChange, WorkspaceStore, record
from reviewer_app.storage.workspace_models import (
    InspectionAnswer,
    InspectionFindings,
    InspectionPhoto,
    ProjectReview,
)

# The values of the sheet's checklist ``result`` (docs/formats.md §2.4).
CHECKLIST_RESULTS = ("compliant", "non_compliant", "unverifiable")
MAX_PHOTO_BYTES = 20 * 1024 * 1024
PHOTO_MEDIA_TYPES = ("image/jpeg", "image/png")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"


class PhotoError(ReviewerError):
    """A photo cannot be added. ``reason``: too_large, empty, not_an_image, duplicate."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def sniff_media_type(data: bytes) -> str | None:
    """``image/jpeg`` or ``image/png`` from the file's signature, else None."""
    if data.startswith(_PNG_MAGIC):
        return "image/png"
    if data.startswith(_JPEG_MAGIC):
        return "image/jpeg"
    return None


def check_photo(data: bytes) -> str:
    """The media type of an acceptable photo.

    Raises:
        PhotoError: empty, over :data:`MAX_PHOTO_BYTES`, or not a JPEG/PNG file.
    """
    if not data:
        raise PhotoError("empty", "the file is empty")
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoError("too_large", f"the photo is larger than "
                                      f"{MAX_PHOTO_BYTES // (1024 * 1024)} MB")
    media_type = sniff_media_type(data)
    if media_type is None:
        raise PhotoError("not_an_image", "only JPEG and PNG photos can be attached")
    return media_type


@dataclass(frozen=True)
class PhotoInfo:
    """A stored photo without its bytes."""

    id: int
    project_id: str
    sha256: str
    media_type: str
    size: int
    caption: str = ""


@dataclass
class InspectionState:
    """What the team entered for one project's visit (plain strings, not yet validated)."""

    project_id: str
    results: dict[str, str] = field(default_factory=dict)   # item id -> result
    notes: dict[str, str] = field(default_factory=dict)     # item id -> note
    findings: str = ""
    photos: list[PhotoInfo] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.results or any(self.notes.values()) or self.findings.strip()
                    or self.photos)


def apply_change(session: Session, cipher: WorkspaceCipher, change: FieldChange) -> None:
    """Write one inspection edit in the caller's transaction (the project row exists).

    Raises:
        ValueError: a checklist result other than :data:`CHECKLIST_RESULTS`, or a caption
            for a photo of another project or no longer there.
    """
    value = None if change.value is None else str(change.value)
    if change.field == "findings":
        row = session.get(InspectionFindings, change.project_id)
        if row is None:
            row = InspectionFindings(project_id=change.project_id)
            session.add(row)
        cipher.write(row, "findings", value)
        return
    if change.field == "photo_caption":
        photo = session.get(InspectionPhoto, int(str(change.criterion_id)))
        if photo is None or photo.project_id != change.project_id:
            raise ValueError(f"photo {change.criterion_id} of {change.project_id} not found")
        cipher.write(photo, "caption", value)
        return
    if change.field == "checklist_result" and value not in (None, "", *CHECKLIST_RESULTS):
        raise ValueError(f"checklist result {value!r} is not one of "
                         f"{', '.join(CHECKLIST_RESULTS)}")
    row = session.get(InspectionAnswer, (change.project_id, change.criterion_id))
    if row is None:
        row = InspectionAnswer(project_id=change.project_id, item_id=change.criterion_id)
        session.add(row)
    if change.field == "checklist_result":
        cipher.write(row, "result", value or None)
    elif change.field == "checklist_note":
        cipher.write(row, "note", value)
    else:
        raise ValueError(f"unknown inspection field {change.field!r}")


class InspectionStore:
    """The inspection tables of one open :class:`WorkspaceStore` (same engine and key)."""

    def __init__(self, store: WorkspaceStore) -> None:
        self._sessions = sessionmaker(store.engine, expire_on_commit=False)
        self._cipher = store.cipher

    # --- reading -----------------------------------------------------------
    def load(self) -> dict[str, InspectionState]:
        """Everything entered so far, by project id (photos without their bytes)."""
        states: dict[str, InspectionState] = {}

        def state(pid: str) -> InspectionState:
            return states.setdefault(pid, InspectionState(pid))

        read = self._cipher.read
        with self._sessions() as session:
            for answer in session.scalars(select(InspectionAnswer)):
                result, note = read(answer, "result"), read(answer, "note")
                if result:
                    state(answer.project_id).results[answer.item_id] = result
                if note:
                    state(answer.project_id).notes[answer.item_id] = note
            for row in session.scalars(select(InspectionFindings)):
                findings = read(row, "findings")
                if findings:
                    state(row.project_id).findings = findings
            for photo in session.scalars(select(InspectionPhoto).order_by(InspectionPhoto.id)):
                state(photo.project_id).photos.append(self._info(photo))
        return states

    def photo_bytes(self, photo_id: int) -> bytes:
        """The decrypted image, checked against its stored SHA-256.

        Raises:
            KeyError: no such photo.
            WorkspaceKeyError: the bytes do not decrypt or do not match their hash.
        """
        with self._sessions() as session:
            photo = session.get(InspectionPhoto, photo_id)
            if photo is None:
                raise KeyError(photo_id)
            data = self._cipher.read_bytes(photo, "data") or b""
            if hashlib.sha256(data).hexdigest() != photo.sha256:
                raise WorkspaceKeyError(f"photo {photo_id} does not match its hash "
                                        "(the workspace file was altered)")
            return data

    # --- writing -----------------------------------------------------------
    def add_photo(self, project_id: str, data: bytes, caption: str = "") -> PhotoInfo:
        """Store a JPEG/PNG photo for a project, encrypted.

        Raises:
            PhotoError: not acceptable (see :func:`check_photo`), or the project
                already has this very photo (``duplicate``).
        """
        media_type = check_photo(data)
        digest = hashlib.sha256(data).hexdigest()
        try:
            with self._sessions.begin() as session:
                if session.get(ProjectReview, project_id) is None:
                    session.add(ProjectReview(project_id=project_id, conflict_declared=False))
                    session.flush()
                exists = session.scalar(select(InspectionPhoto.id).where(
                    InspectionPhoto.project_id == project_id, InspectionPhoto.sha256 == digest))
                if exists is not None:
                    raise PhotoError("duplicate", "this photo is already attached")
                photo = InspectionPhoto(project_id=project_id, sha256=digest,
                                        media_type=media_type, size=len(data))
                self._cipher.write(photo, "caption", caption)
                self._cipher.write_bytes(photo, "data", data)
                session.add(photo)
                session.flush()
                info = self._info(photo)
                record(session, self._cipher, "photo_add", project_id,
                       json.dumps({"id": info.id, "sha256": digest,
                                   "media_type": media_type, "size": len(data)}))
        except IntegrityError as exc:  # a second window added it meanwhile
            raise PhotoError("duplicate", "this photo is already attached") from exc
        return info

    def remove_photo(self, project_id: str, photo_id: int) -> None:
        """Delete a photo and its bytes (``secure_delete`` overwrites the freed pages)."""
        with self._sessions.begin() as session:
            digest = session.scalar(select(InspectionPhoto.sha256).where(
                InspectionPhoto.id == photo_id, InspectionPhoto.project_id == project_id))
            if digest is None:
                return
            session.execute(delete(InspectionPhoto).where(InspectionPhoto.id == photo_id))
            record(session, self._cipher, "photo_remove", project_id,
                   json.dumps({"id": photo_id, "sha256": digest}))

    def _info(self, photo: InspectionPhoto) -> PhotoInfo:
        return PhotoInfo(photo.id, photo.project_id, photo.sha256, photo.media_type,
                         photo.size, self._cipher.read(photo, "caption") or "")
