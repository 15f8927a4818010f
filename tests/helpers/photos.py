"""An inspection package's manifest with the organizer's return key, real sheets with
photos, and their photo packages: for the photo package format and merge tests."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer_app.central.intake import load_intake
from reviewer_app.central.manifest import build_manifest
from reviewer_app.core.seat_codes import seat_code_from_bytes
from reviewer_app.identity.organizer import OrganizerIdentity
from reviewer_app.sheets.body import ChecklistAnswer, InspectionVisit, Photo
from reviewer_app.sheets.build import SignedSheet, build_sheet
from reviewer_app.sheets.seat_keys import seat_signing_key
from reviewer_app.storage.workspace import ProjectState
from tests.helpers.central import PACKAGE_ID, _other_uscc
from tests.helpers.commitment import ACCEPTED_AT
from tests.helpers.images import tiny_png
from tests.helpers.intake import ROW, write_intake

SEATS = ("S1", "S2")
PROJECTS = ("P1", "P2")
CODES = {seat: seat_code_from_bytes(bytes([i]) * 10) for i, seat in enumerate(SEATS, start=1)}


def photo(seat: str, project: str, n: int) -> bytes:
    return tiny_png(f"{seat} {project} photo {n}".encode())


@dataclass
class InspectionSetup:
    organizer: OrganizerIdentity
    manifest: dict[str, Any]
    manifest_bytes: bytes
    images: dict[tuple[str, str], bytes]   # (project id, sha256) -> bytes

    @property
    def manifest_sha256(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    def key(self, seat: str):
        return seat_signing_key(CODES[seat], PACKAGE_ID, seat)

    def sheet(self, seat: str, *, revision: int = 1, previous: str | None = None,
              photos: int = 2, caption: str = "厂房外景") -> SignedSheet:
        """Seat ``seat``'s sheet: every project scored and visited, ``photos`` photos each."""
        items = [item["id"] for item in self.manifest["inspection_checklist"]]
        states, visits = {}, []
        for pid in PROJECTS:
            states[pid] = ProjectState(pid, scores={"advancement": "20", "innovation": "18",
                                                    "applicability": "15", "outcome": "20"})
            shots = []
            for n in range(photos):
                data = photo(seat, pid, n + 10 * revision)
                sha = hashlib.sha256(data).hexdigest()
                self.images[(pid, sha)] = data
                shots.append(Photo(sha, "image/png", f"{caption} {n + 1}"))
            visits.append(InspectionVisit(
                pid, tuple(ChecklistAnswer(i, "compliant", "") for i in items),
                findings="现场核实", recommendation="建议支持", photos=tuple(shots)))
        return build_sheet(self.manifest, manifest_sha256=self.manifest_sha256, seat_id=seat,
                           expert_name=f"专家{seat}", states=states, private_key=self.key(seat),
                           seat_code=CODES[seat], revision=revision, previous_sha256=previous,
                           inspection=visits, commitment_accepted_at=ACCEPTED_AT)

    def image(self, project_id: str, sha256: str) -> bytes:
        return self.images[(project_id, sha256)]


def inspection_setup(tmp_path: Path, *, return_key: bool = True) -> InspectionSetup:
    """A format-4 inspection manifest (without its optional return key when
    ``return_key=False``) of two
    projects and two seats, package id :data:`PACKAGE_ID`."""
    rows = [{**ROW, "project_id": pid, "uscc": ROW["uscc"] if i == 1 else _other_uscc(i),
             "actual_cost": "1000000", "requested_amount": "300000"}
            for i, pid in enumerate(PROJECTS, start=1)]
    root = write_intake(tmp_path / "intake", rows)
    (root / "seats.csv").write_text(
        "seat_id,name,projects\n" + "".join(f"{s},专家{s},{';'.join(PROJECTS)}\n" for s in SEATS),
        encoding="utf-8")
    organizer = OrganizerIdentity.generate()
    manifest = build_manifest(
        load_intake(root), kind="inspection", package_id=bytes.fromhex(PACKAGE_ID),
        random_bytes=[bytes([i]) * 10 for i in range(1, len(SEATS) + 1)],
        return_recipient=organizer.return_public_key if return_key else None).manifest
    manifest["package_id"] = PACKAGE_ID
    data = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return InspectionSetup(organizer, manifest, data, {})


def keep_organizer_key(identity: OrganizerIdentity, passphrase: str = "") -> None:
    """Make ``identity`` this machine's organizer key, where the desk and
    ``reviewer-admin`` look for it (the system keyring, else the encrypted key file
    with ``passphrase``)."""
    from reviewer_app.identity.keystore import (
        AutoKeyStore,
        EncryptedFileKeyStore,
        default_key_directory,
    )
    from reviewer_app.identity.organizer import ORGANIZER_ENTRY

    store = AutoKeyStore(EncryptedFileKeyStore(default_key_directory(),
                                                lambda creating: passphrase))
    store.save(ORGANIZER_ENTRY, identity.to_record())


def hand_in(setup: InspectionSetup, folder: Path, sheet: SignedSheet, *,
            signing_key=None, photos: bool = True) -> tuple[Path, Path | None]:
    """What an inspection team's export writes for ``sheet`` into ``folder``: the
    sheet file and (with ``photos``) its photo package, signed with ``signing_key``
    (the seat's key unless told)."""
    from reviewer_app.sheets.build import sheet_filename
    from reviewer_app.sheets.photos import photo_package_name, write_photo_package

    folder.mkdir(parents=True, exist_ok=True)
    sheet_path = folder / sheet_filename(sheet.seat_id, sheet.revision, ".revsheet")
    sheet_path.write_bytes(sheet.envelope)
    if not photos:
        return sheet_path, None
    photo_path = folder / photo_package_name(sheet)
    write_photo_package(photo_path, sheet, return_key=setup.organizer.return_public_key,
                        signing_key=signing_key or setup.key(sheet.seat_id),
                        image=setup.image)
    return sheet_path, photo_path
