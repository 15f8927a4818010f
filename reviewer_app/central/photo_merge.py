"""Merging inspection photo packages (docs/formats.md §5.5) into the central store.

A photo package comes with an inspection sheet and holds the images that sheet
binds by hash. Merge runs after the sheets of the same call, so that a package
and its sheet can be handed in together. Each file is kept as it came (encrypted
to the organizer's return key) and gets one recorded decision:

- ``accepted``: it opens with the return key, is signed with the key of the seat's
  accepted sheet, is for exactly that sheet (package, seat, body hash), and its
  photos are exactly the photos the sheet's visits list (project, SHA-256, media
  type, caption), each image matching its hash;
- ``no-op``: the same file again, or another package of the same sheet's photos
  (re-exports encrypt afresh) once one was accepted;
- ``superseded``: its sheet was replaced by a higher revision: the seat's photos
  must come with the revision that counts (a later export writes them);
- ``rejected``: anything else, with the reason (missing, extra or mismatched photos
  are named).

A file refused because its sheet had not been merged yet is judged again when it
is merged again.

:func:`merge_photo_files` reads the files and merges them as both ``reviewer-admin
merge`` and the desk's merge page run it (after the sheets among the same inputs).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reviewer_app.central.merge import sheet_body
from reviewer_app.sheets.photos import PhotoPackage, PhotoPackageError, read_photo_package_bytes
from reviewer_app.storage import central_models as m

SETTLED = ("accepted", "no-op")
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class PhotoOutcome:
    source: str
    sha256: str
    decision: str
    reason: str
    seat_id: str | None = None
    revision: int | None = None
    photos: int = 0

    @property
    def rejected(self) -> bool:
        return self.decision in ("rejected", "superseded")


def merge_photo_packages(engine: Engine, files: Iterable[tuple[str, bytes]],
                         return_key: X25519PrivateKey) -> list[PhotoOutcome]:
    """Judge and store each ``(source name, raw bytes)``; one transaction per file."""
    outcomes = []
    for source, raw in files:
        for attempt in range(MAX_ATTEMPTS):
            try:
                with Session(engine) as session, session.begin():
                    outcomes.append(_merge_one(session, source, raw, return_key))
                break
            except IntegrityError:
                # Another merge stored the same file meanwhile: judge it again, against
                # what that merge decided.
                if attempt == MAX_ATTEMPTS - 1:
                    raise
    return outcomes


@dataclass(frozen=True)
class PhotoRun:
    outcomes: tuple[PhotoOutcome, ...]       # one per merged file, in the files' order
    unreadable: tuple[Any, ...]              # merge_files.Unreadable: not merged
    not_processed: tuple[Path, ...]          # files left when the merge was stopped

    @property
    def stopped(self) -> bool:
        return bool(self.not_processed)


def merge_photo_files(engine: Engine, files: Sequence[Path], return_key: X25519PrivateKey,
                      *, keep_going: Callable[[int, int], bool] | None = None,
                      follow_links: bool = True) -> PhotoRun:
    """Read and merge the photo packages ``files`` (source name: the path as given).

    ``keep_going(done, total)`` is asked before each file (a photo package is large and
    decrypted whole); when it says no, the rest are returned as not processed. Without
    it a file that cannot be read stops the merge with ``OSError``, as the command line
    does; with it the file is listed as unreadable and the merge goes on."""
    from reviewer_app.central.merge_files import Unreadable
    from reviewer_app.central.sheet_files import read_photo_file

    outcomes: list[PhotoOutcome] = []
    unreadable: list[Unreadable] = []
    for done, path in enumerate(files):
        if keep_going is not None and not keep_going(done, len(files)):
            return PhotoRun(tuple(outcomes), tuple(unreadable), tuple(files[done:]))
        try:
            raw = read_photo_file(path, follow_links=follow_links)
        except OSError as exc:
            if keep_going is None:
                raise
            unreadable.append(Unreadable(path, exc.strerror or type(exc).__name__))
            continue
        outcomes += merge_photo_packages(engine, [(str(path), raw)], return_key)
    if keep_going is not None:
        keep_going(len(files), len(files))
    return PhotoRun(tuple(outcomes), tuple(unreadable), ())


def _merge_one(session: Session, source: str, raw: bytes,
               return_key: X25519PrivateKey) -> PhotoOutcome:
    sha = hashlib.sha256(raw).hexdigest()
    row = session.get(m.PhotoPackageFile, sha)
    if row is not None and row.decision in SETTLED:
        return PhotoOutcome(source, sha, "no-op", "this file was merged before",
                            row.seat_id, row.sheet_revision)
    try:
        package = read_photo_package_bytes(raw, return_key)
    except PhotoPackageError as exc:
        return _record(session, row, source, sha, raw, None, "rejected", str(exc))
    decision, reason = _judge(session, package)
    return _record(session, row, source, sha, raw, package, decision, reason)


def _record(session: Session, row: m.PhotoPackageFile | None, source: str, sha: str,
            raw: bytes, package: PhotoPackage | None, decision: str,
            reason: str) -> PhotoOutcome:
    index = package.index if package is not None else None
    if row is None:
        row = m.PhotoPackageFile(sha256=sha, raw=raw, source_name=source)
        session.add(row)
    row.package_id = index.review_package_id if index else None
    row.seat_id = index.seat_id if index else None
    row.sheet_revision = index.sheet_revision if index else None
    row.sheet_body_sha256 = index.sheet_sha256 if index else None
    row.decision, row.reason = decision, reason
    session.flush()
    session.execute(delete(m.ReceivedPhoto).where(m.ReceivedPhoto.photo_package_sha256 == sha))
    if decision == "accepted" and package is not None:
        session.add_all(m.ReceivedPhoto(photo_package_sha256=sha, member_id=p.member_id,
                                        project_id=p.project_id, sha256=p.sha256,
                                        media_type=p.media_type, caption=p.caption,
                                        size=len(data))
                        for p, data in zip(package.index.photos, package.images, strict=True))
    return PhotoOutcome(source, sha, decision, reason, index.seat_id if index else None,
                        index.sheet_revision if index else None,
                        len(index.photos) if index else 0)


def _judge(session: Session, package: PhotoPackage) -> tuple[str, str]:
    index = package.index
    registered = session.get(m.Package, index.review_package_id)
    if registered is None:
        return "rejected", (f"unknown package {index.review_package_id}: register it first "
                            "(merge --package)")
    if registered.manifest_sha256 != index.manifest_sha256:
        return "rejected", "wrong package: made for another manifest of this package id"
    if registered.session_kind != "inspection":
        return "rejected", "wrong kind: photos belong to inspection packages only"
    seat = index.seat_id
    accepted = session.get(m.AcceptedSheet, (index.review_package_id, seat))
    if accepted is None:
        return "rejected", (f"seat {seat} has no accepted sheet yet: merge its sheet "
                            f"(revision {index.sheet_revision}) first")
    if accepted.body_sha256 != index.sheet_sha256:
        if index.sheet_revision < accepted.revision:
            return "superseded", (f"for seat {seat}'s sheet revision {index.sheet_revision}, "
                                  f"which revision {accepted.revision} replaced: the photos "
                                  "of the accepted revision are needed (exported with it)")
        return "rejected", (f"for a sheet of seat {seat} (revision {index.sheet_revision}) "
                            f"that is not the accepted revision {accepted.revision}")
    if accepted.equivocation:
        return "rejected", (f"seat {seat}'s sheets equivocate: no photos count until a "
                            "higher revision settles it")
    body = sheet_body(session.get(m.SheetFile, accepted.sheet_sha256).raw)
    if base64.b64decode(body["public_key"]) != index.signer_public_key:
        return "rejected", ("signer mismatch: not signed with the key of seat "
                            f"{seat}'s accepted sheet")
    problems = compare_photos(expected_photos(body), index.photos)
    if problems:
        return "rejected", "; ".join(problems)
    earlier = session.scalar(select(m.PhotoPackageFile.sha256).where(
        m.PhotoPackageFile.package_id == index.review_package_id,
        m.PhotoPackageFile.seat_id == seat,
        m.PhotoPackageFile.sheet_body_sha256 == index.sheet_sha256,
        m.PhotoPackageFile.decision == "accepted"))
    if earlier is not None:
        return "no-op", (f"the photos of this sheet were received before (file "
                         f"{earlier[:12]}…)")
    return "accepted", (f"{len(index.photos)} photo(s) of seat {seat}, sheet revision "
                        f"{index.sheet_revision}")


def expected_photos(body: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    """``(project id, sha256)`` → the sheet's photo entry, for every visit's photos."""
    return {(str(visit["project_id"]), str(photo["sha256"])): photo
            for visit in (body.get("inspection") or {}).get("visits", ())
            for photo in visit.get("photos", ())}


def compare_photos(expected: Mapping[tuple[str, str], Mapping[str, Any]],
                   photos: Iterable[Any]) -> list[str]:
    """What differs between the sheet's photos and a package's, each named."""
    got = {(p.project_id, p.sha256): p for p in photos}
    problems = [f"missing photo: project {pid} {sha[:12]}…"
                for (pid, sha) in expected if (pid, sha) not in got]
    problems += [f"extra photo: project {pid} {sha[:12]}… is not in the sheet"
                 for (pid, sha) in got if (pid, sha) not in expected]
    for key, photo in got.items():
        entry = expected.get(key)
        if entry is not None and (entry.get("media_type") != photo.media_type
                                  or entry.get("caption") != photo.caption):
            problems.append(f"mismatched photo: project {key[0]} {key[1][:12]}… has another "
                            "media type or caption than the sheet says")
    return problems
