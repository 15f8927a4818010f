"""The inspection photos the store holds, as results list them and ``photos`` extracts them.

Only photos of a seat's *accepted* sheet count: a package accepted for a revision
that a later sheet replaced no longer links (its visits may list other photos).
What is missing is said with its reason: no photo package received, the last one
refused (and why), or a package without a return key (the photos stayed with
the inspection team).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from reviewer_app.core.errors import ReviewerError
from reviewer_app.files import private_dir, write_private_bytes
from reviewer_app.storage import central_models as m


@dataclass(frozen=True)
class StoredPhoto:
    package_id: str
    seat_id: str
    project_id: str
    sha256: str
    media_type: str
    caption: str
    size: int
    file_sha256: str     # the photo package that holds it
    member_id: int


@dataclass(frozen=True)
class SeatPhotos:
    """What the store has of one seat's photos for its accepted sheet."""

    photos: tuple[StoredPhoto, ...]
    missing_reason: str | None   # why photos listed by the sheet are absent (None: none are)


def seat_photos(session: Session, accepted: Iterable[m.AcceptedSheet],
                return_keys: Mapping[str, bool]) -> dict[tuple[str, str], SeatPhotos]:
    """For each accepted sheet, the photos received for exactly that revision and,
    when there are none, why.

    Args:
        return_keys: package id → whether its manifest carries a return key.
    """
    out = {}
    for sheet in accepted:
        files = session.scalars(select(m.PhotoPackageFile).where(
            m.PhotoPackageFile.package_id == sheet.package_id,
            m.PhotoPackageFile.seat_id == sheet.seat_id)
            .order_by(m.PhotoPackageFile.decided_at)).all()
        good = [f for f in files if f.decision == "accepted"
                and f.sheet_body_sha256 == sheet.body_sha256]
        if good:
            rows = session.scalars(select(m.ReceivedPhoto).where(
                m.ReceivedPhoto.photo_package_sha256 == good[0].sha256)
                .order_by(m.ReceivedPhoto.member_id)).all()
            out[(sheet.package_id, sheet.seat_id)] = SeatPhotos(tuple(
                StoredPhoto(sheet.package_id, sheet.seat_id, r.project_id, r.sha256,
                            r.media_type, r.caption, r.size, r.photo_package_sha256,
                            r.member_id) for r in rows), None)
            continue
        if not return_keys.get(sheet.package_id, False):
            reason = ("照片留在考察组电脑上：评审包未携带组织方照片回收密钥（清单格式 1/2）"
                      " (photos stayed with the team: the package has no return key)")
        elif files:
            last = files[-1]
            reason = (f"照片包未被接收 (photo package {last.decision}): {last.reason}")
        else:
            reason = "未收到照片包 (no photo package received for this sheet)"
        out[(sheet.package_id, sheet.seat_id)] = SeatPhotos((), reason)
    return out


def extract_project_photos(engine: Engine, project_id: str, out_dir: Path,
                           return_key: X25519PrivateKey) -> list[Path]:
    """Decrypt the photos of ``project_id`` that the results link (accepted sheets'
    accepted photo packages) into ``out_dir``: owner-only files named
    ``<project>-<seat>-<n>-<sha256 prefix>.<ext>``, each checked against its hash.

    Raises:
        ReviewerError: no photo of that project is held, or a stored package no longer
            opens (an altered store).
    """
    from reviewer_app.sheets.photos import PhotoPackageError, read_photo_package_bytes

    with Session(engine) as session:
        accepted = session.scalars(select(m.AcceptedSheet).where(
            m.AcceptedSheet.equivocation.is_(False))).all()
        held = seat_photos(session, accepted, {})
        wanted = [p for entry in held.values() for p in entry.photos
                  if p.project_id == project_id]
        raws = {sha: session.get(m.PhotoPackageFile, sha).raw
                for sha in {p.file_sha256 for p in wanted}}
    if not wanted:
        raise ReviewerError(f"project {project_id}: the store holds no photo of an accepted "
                            "inspection sheet")
    private_dir(out_dir)
    written = []
    opened = {}
    for number, photo in enumerate(wanted, start=1):
        if photo.file_sha256 not in opened:
            try:
                opened[photo.file_sha256] = read_photo_package_bytes(
                    raws[photo.file_sha256], return_key)
            except PhotoPackageError as exc:
                raise ReviewerError(f"stored photo package {photo.file_sha256[:12]}… no "
                                    f"longer opens: {exc}") from None
        package = opened[photo.file_sha256]
        data = package.images[photo.member_id - 1]
        if package.index.photos[photo.member_id - 1].sha256 != photo.sha256:
            raise ReviewerError(f"stored photo package {photo.file_sha256[:12]}… differs "
                                "from what was recorded at merge")
        extension = mimetypes.guess_extension(photo.media_type) or ".bin"
        path = Path(out_dir) / (f"{_safe(project_id)}-{_safe(photo.seat_id)}-{number}-"
                                f"{photo.sha256[:12]}{extension}")
        write_private_bytes(path, data)
        written.append(path)
    return written


def _safe(text: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9._-]", "_", text).lstrip(".") or "_"
