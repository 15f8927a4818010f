"""Inspection photo packages (``*.revphotos``, docs/formats.md §5).

An inspection sheet binds its photos by SHA-256 only; the images stay in the
expert's encrypted workspace. When the package names the organizer's return key
(manifest format 3, §1.8.2), the app exports them beside the sheet as an RVPKG
container encrypted to that key alone and signed with the key that signed the sheet:
the container's member 0 is an index (format ``reviewer-app/photos/1``) binding the
review package, seat, sheet revision and body hash, and each photo's project,
SHA-256, media type and caption; members 1 … n are the images.

The reader here checks the container and the index against the images; whether
they match the seat's *accepted* sheet is the merge's question
(``central.photo_merge``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from reviewer_app.core.errors import ReviewerError
from reviewer_app.files import write_private_bytes
from reviewer_app.package import format as fmt
from reviewer_app.sheets.build import SignedSheet, sheet_filename

PHOTOS_SUFFIX = ".revphotos"
MAX_PHOTO_PACKAGE_BYTES = 1024 * 1024 * 1024
"""A reader refuses a larger file before decrypting anything (§5.4)."""
MAX_REVISION = 2**31 - 1  # what the central store's integer column holds
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX32 = re.compile(r"[0-9a-f]{32}")
_INDEX_KEYS = {"format", "suite", "package_id", "members", "review_package_id",
               "manifest_sha256", "seat_id", "sheet_revision", "sheet_sha256", "photos"}
_PHOTO_KEYS = {"member_id", "project_id", "sha256", "media_type", "caption"}


class PhotoPackageError(ReviewerError):
    """A photo package that cannot be used; ``reason`` is a stable code (§5.4)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.detail = message


@dataclass(frozen=True)
class PhotoEntry:
    member_id: int
    project_id: str
    sha256: str
    media_type: str
    caption: str


@dataclass(frozen=True)
class PhotoIndex:
    """A photo package's verified index and who signed it."""

    container_id: str           # the RVPKG package id of the photo package itself
    review_package_id: str
    manifest_sha256: str
    seat_id: str
    sheet_revision: int
    sheet_sha256: str           # body SHA-256 of the sheet the photos belong to
    photos: tuple[PhotoEntry, ...]
    signer_public_key: bytes    # raw Ed25519: the key that signed the sheet


@dataclass(frozen=True)
class PhotoPackage:
    index: PhotoIndex
    images: tuple[bytes, ...]   # images[i] is index.photos[i]'s content, hash checked


def photo_package_name(sheet: SignedSheet) -> str:
    """``<seat>-r<revision>.revphotos``, beside ``<seat>-r<revision>.revsheet``."""
    return sheet_filename(sheet.seat_id, sheet.revision, PHOTOS_SUFFIX)


def sheet_photos(sheet: SignedSheet) -> list[tuple[str, Any]]:
    """``(project id, Photo)`` for every photo the sheet binds, in visit order."""
    inspection = sheet.body.inspection
    if inspection is None:
        return []
    return [(visit.project_id, photo) for visit in inspection for photo in visit.photos]


def return_recipient(manifest: Mapping[str, Any]) -> bytes | None:
    """The raw return key of a format-3 manifest, or of a format-4 manifest that names
    one (§1.8.3); None for formats 1 and 2 and a format 4 without it."""
    form = manifest.get("format")
    if form == fmt.MANIFEST_FORMAT_4 and "return_recipient" in manifest:
        return fmt.return_recipient_key(manifest)
    if form != fmt.MANIFEST_FORMAT_3:
        return None
    return fmt.return_recipient_key(manifest)


def write_photo_package(path: Path, sheet: SignedSheet, *, return_key: bytes,
                        signing_key: Ed25519PrivateKey,
                        image: Callable[[str, str], bytes], fixed: Any = None) -> int:
    """Write the sheet's photos to ``path`` (atomic, owner-only), encrypted to
    ``return_key`` only and signed with ``signing_key`` (the sheet's key).

    Args:
        image: ``image(project_id, sha256)`` gives a photo's bytes (from the
            encrypted workspace: they only ever exist in memory).
        fixed: pinned randomness (``package.FixedRandomness``), for test vectors only.

    Returns:
        The number of photos written.

    Raises:
        PhotoPackageError: a photo's bytes do not match the hash the sheet binds
            (``photo mismatch``), or the sheet's key is not ``signing_key``.
        PackageWriteError, OSError: nothing was written.
    """
    from reviewer_app.package import write_package

    body = sheet.body
    if signing_key.public_key().public_bytes_raw() != body.public_key:
        raise PhotoPackageError("signer mismatch", "the photos must be signed with the key "
                                                   "that signed the sheet")
    index, members = photo_index(sheet, image)
    write_package(Path(path), index, members, organizer_key=signing_key,
                  organizer_name=f"seat {body.seat_id}"[:fmt.MAX_ORGANIZER_NAME],
                  recipients=[return_key], manifest_formats=(fmt.PHOTOS_FORMAT,),
                  fixed=fixed)
    return len(members)


def photo_index(sheet: SignedSheet, image: Callable[[str, str], bytes]
                ) -> tuple[dict[str, Any], list[Any]]:
    """The index (member 0, without ``package_id`` and ``members``: the RVPKG writer
    adds them) and the image members of ``sheet``'s photo package.

    Raises:
        PhotoPackageError: ``photo mismatch``: an image is not what the sheet binds.
    """
    from reviewer_app.package import MemberSource

    body = sheet.body
    entries, members = [], []
    for member_id, (project_id, photo) in enumerate(sheet_photos(sheet), start=1):
        data = image(project_id, photo.sha256)
        if hashlib.sha256(data).hexdigest() != photo.sha256:
            raise PhotoPackageError("photo mismatch", f"project {project_id}: a photo does "
                                    f"not match its hash {photo.sha256[:12]}…")
        entries.append({"member_id": member_id, "project_id": project_id,
                        "sha256": photo.sha256, "media_type": photo.media_type,
                        "caption": photo.caption})
        members.append(MemberSource(name=f"{project_id}/{photo.sha256[:16]}",
                                    media_type=photo.media_type, data=data))
    index = {"format": fmt.PHOTOS_FORMAT, "suite": fmt.SUITE_ED25519,
             "review_package_id": body.package_id, "manifest_sha256": body.manifest_sha256,
             "seat_id": body.seat_id, "sheet_revision": body.revision,
             "sheet_sha256": sheet.body_sha256, "photos": entries}
    return index, members


def read_photo_package(path: Path, return_key: X25519PrivateKey) -> PhotoPackage:
    """Open, authenticate and check a photo package (§5.3): every image is read and
    its SHA-256 compared with the index.

    Raises:
        PhotoPackageError: with one reason code of §5.4.
        OSError: the file cannot be read.
    """
    from reviewer_app.package import (
        LimitsExceeded,
        NotAPackage,
        NotForThisKey,
        Tampered,
        Truncated,
        UnsupportedVersion,
        WrongPassphrase,
        open_package,
    )

    path = Path(path)
    if path.stat().st_size > MAX_PHOTO_PACKAGE_BYTES:
        raise PhotoPackageError("too large", f"more than {MAX_PHOTO_PACKAGE_BYTES} bytes")
    try:
        with open_package(path, trusted_keys=None, x25519_key=return_key,
                          manifest_formats=(fmt.PHOTOS_FORMAT, *fmt.MANIFEST_FORMATS)) as reader:
            if reader.manifest["format"] != fmt.PHOTOS_FORMAT:
                raise PhotoPackageError("not a photo package", "this is a review package")
            index = _parse_index(reader.manifest, reader.package_id,
                                 reader.organizer_public_key,
                                 [(m.media_type, m.length) for m in reader.members])
            images = tuple(reader.read_member(p.member_id) for p in index.photos)
    except NotAPackage as exc:
        raise PhotoPackageError("not a photo package", exc.detail or str(exc)) from None
    except (NotForThisKey, WrongPassphrase):
        raise PhotoPackageError("not for this key", "it is not encrypted to this "
                                "organizer's return key") from None
    except Truncated as exc:
        raise PhotoPackageError("truncated", exc.detail or str(exc)) from None
    except Tampered as exc:
        raise PhotoPackageError("tampered", exc.detail or str(exc)) from None
    except (LimitsExceeded, UnsupportedVersion) as exc:
        raise PhotoPackageError("unsupported", exc.detail or str(exc)) from None
    for entry, data in zip(index.photos, images, strict=True):
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            raise PhotoPackageError("photo mismatch", f"photo {entry.member_id} of project "
                                    f"{entry.project_id} does not match its sha256")
    return PhotoPackage(index, images)


def _parse_index(obj: Mapping[str, Any], container_id: str, signer: bytes,
                 members: list[tuple[str, int]]) -> PhotoIndex:
    def bad(what: str) -> PhotoPackageError:
        return PhotoPackageError("malformed index", what)

    if set(obj) != _INDEX_KEYS:
        raise bad("the index does not have exactly the members of §5.2")
    if obj["suite"] != fmt.SUITE_ED25519:
        raise bad(f"unknown suite {str(obj['suite'])[:64]!r}")
    for name, pattern in (("review_package_id", _HEX32), ("manifest_sha256", _HEX64),
                          ("sheet_sha256", _HEX64)):
        if not isinstance(obj[name], str) or not pattern.fullmatch(obj[name]):
            raise bad(f"{name} is not lowercase hex of the right length")
    if not isinstance(obj["seat_id"], str) or not obj["seat_id"]:
        raise bad("seat_id is not a non-empty string")
    revision = obj["sheet_revision"]
    if not isinstance(revision, int) or isinstance(revision, bool) \
            or not 1 <= revision <= MAX_REVISION:
        raise bad(f"sheet_revision is not an integer from 1 to {MAX_REVISION}")
    photos = obj["photos"]
    if not isinstance(photos, list) or len(photos) != len(members):
        raise bad("photos does not list exactly one entry per member")
    entries, seen = [], set()
    for position, raw in enumerate(photos, start=1):
        if not isinstance(raw, dict) or set(raw) != _PHOTO_KEYS or raw["member_id"] != position:
            raise bad(f"photo entry {position} is malformed or out of order")
        if not all(isinstance(raw[k], str) for k in _PHOTO_KEYS - {"member_id"}) \
                or not _HEX64.fullmatch(raw["sha256"]) or not raw["project_id"]:
            raise bad(f"photo entry {position} is malformed")
        if raw["media_type"] != members[position - 1][0]:
            raise bad(f"photo entry {position}: media type differs from its member's")
        if (raw["project_id"], raw["sha256"]) in seen:
            raise bad(f"photo entry {position} repeats a photo of project {raw['project_id']}")
        seen.add((raw["project_id"], raw["sha256"]))
        entries.append(PhotoEntry(position, raw["project_id"], raw["sha256"],
                                  raw["media_type"], raw["caption"]))
    return PhotoIndex(container_id, obj["review_package_id"], obj["manifest_sha256"],
                      obj["seat_id"], revision, obj["sheet_sha256"], tuple(entries), signer)


def read_photo_package_bytes(raw: bytes, return_key: X25519PrivateKey) -> PhotoPackage:
    """:func:`read_photo_package` on bytes already read (the merge keeps exactly these
    bytes; the store's copy is opened the same way). They go to an owner-only
    temporary file first: still encrypted, the reader works on files.

    Raises:
        PhotoPackageError: as :func:`read_photo_package`.
    """
    import tempfile

    if len(raw) > MAX_PHOTO_PACKAGE_BYTES:
        raise PhotoPackageError("too large", f"more than {MAX_PHOTO_PACKAGE_BYTES} bytes")
    with tempfile.TemporaryDirectory(prefix="revphotos-") as folder:  # mode 0700
        path = Path(folder) / "package.revphotos"
        write_private_bytes(path, raw)
        return read_photo_package(path, return_key)
