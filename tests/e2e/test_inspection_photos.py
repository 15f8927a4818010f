"""Inspection photos from end to end, with the real crypto and the real CLI:
build (inspection, manifest format 3) -> the app's export writes sheet, PDF and photo
package -> merge takes sheets and photo packages together -> results list the photos
received and the missing ones with a reason -> ``photos`` extracts a project's."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from reviewer_app.central.demo_intake import generate_demo_intake
from reviewer_app.cli.admin import main as admin
from reviewer_app.package import open_package
from reviewer_app.sheets.body import ChecklistAnswer, InspectionVisit, Photo
from reviewer_app.sheets.build import build_sheet
from reviewer_app.sheets.export import PhotoExport, export_sheet
from reviewer_app.sheets.photos import return_recipient
from reviewer_app.sheets.seat_keys import sheet_signing_key
from reviewer_app.storage.workspace import ProjectState
from tests.e2e.test_secretariat_flow import scores_for, secretariat  # noqa: F401
from tests.helpers.commitment import ACCEPTED_AT
from tests.helpers.images import tiny_png

PASSPHRASE = "评审 passphrase 2026 kp7x-m2qd-wv9h"


def _build(tmp: Path, kind: str) -> tuple[Path, dict, str, dict[str, str]]:
    package, codes_file = tmp / f"{kind}.revpkg", tmp / f"{kind}-codes.csv"
    assert admin(["build", str(tmp / "intake"), "--out", str(package), "--kind", kind,
                  "--passphrase-file", str(tmp / "pass.txt"), "--seat-codes-out",
                  str(codes_file), "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    codes = {row["seat_id"]: row["seat_code"]
             for row in csv.DictReader(codes_file.open(encoding="utf-8"))}
    with open_package(package, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        return package, reader.manifest, reader.manifest_sha256, codes


def _merge(tmp: Path, package: Path, files: list[Path], db: str) -> int:
    return admin(["merge", *map(str, files), "--db", db, "--package", str(package),
                  "--passphrase-file", str(tmp / "pass.txt"),
                  "--organizer-passphrase-file", str(tmp / "org.txt")])


def test_photos_reach_the_results(secretariat: Path,  # noqa: F811
                                  capsys: pytest.CaptureFixture) -> None:
    tmp = secretariat
    generate_demo_intake(tmp / "intake", projects=3, seats=2, seed=11)
    db = str(tmp / "central.sqlite")
    panel, manifest, sha, codes = _build(tmp, "panel")
    assert manifest["format"] == "rvpkg-manifest/4" and "return_recipient" not in manifest
    sheets = []
    (tmp / "panel-usb").mkdir()
    for s, seat in enumerate(sorted(manifest["assignments"]), start=1):
        states = {pid: ProjectState(pid, scores=scores_for(k, s))
                  for k, pid in enumerate(manifest["assignments"][seat])}
        signed = build_sheet(manifest, manifest_sha256=sha, seat_id=seat, expert_name=f"专家{s}",
                             states=states, seat_code=codes[seat],
                             private_key=sheet_signing_key(manifest, seat, codes[seat], None),
                             commitment_accepted_at=ACCEPTED_AT)
        sheets.append(export_sheet(tmp / "panel-usb", signed, manifest)[0])
    assert _merge(tmp, panel, sheets, db) == 0

    package, manifest, sha, codes = _build(tmp, "inspection")
    assert manifest["format"] == "rvpkg-manifest/4" and return_recipient(manifest)
    items = [item["id"] for item in manifest["inspection_checklist"]]
    usb = tmp / "inspection-usb"
    usb.mkdir()
    images: dict[str, bytes] = {}
    files: list[Path] = []
    seats = sorted(manifest["assignments"])
    for s, seat in enumerate(seats, start=1):
        states, visits = {}, []
        for k, pid in enumerate(manifest["assignments"][seat]):
            states[pid] = ProjectState(pid, scores=scores_for(k, s))
            shots = [tiny_png(f"{seat} {pid} {n}".encode()) for n in range(2)]
            images.update((hashlib.sha256(d).hexdigest(), d) for d in shots)
            visits.append(InspectionVisit(
                pid, tuple(ChecklistAnswer(i, "compliant", "") for i in items),
                findings="现场核实", recommendation="建议支持",
                photos=tuple(Photo(hashlib.sha256(d).hexdigest(), "image/png", f"{pid} 照片{n}")
                             for n, d in enumerate(shots))))
        key = sheet_signing_key(manifest, seat, codes[seat], None)
        signed = build_sheet(manifest, manifest_sha256=sha, seat_id=seat, expert_name=f"专家{s}",
                             states=states, seat_code=codes[seat], private_key=key,
                             inspection=visits, commitment_accepted_at=ACCEPTED_AT)
        # As the app's export does (gui/expert/sheet_export.write_export).
        revsheet, _ = export_sheet(usb, signed, manifest, photos=PhotoExport(
            return_recipient(manifest), key, lambda pid, digest: images[digest]))
        files.append(revsheet)
    photo_files = sorted(usb.glob("*.revphotos"))
    assert [p.name for p in photo_files] == [f"{seat}-r1.revphotos" for seat in seats]
    # The second seat's photos are handed in, the first seat's are not (yet).
    capsys.readouterr()
    assert _merge(tmp, package, [*files, photo_files[1]], db) == 0
    out = capsys.readouterr().out
    assert "接收 accepted" in out and "1 photo package(s): 1 ok, 0 refused" in out

    assert admin(["results", "--db", db, "--out", str(tmp / "results")]) == 0
    document = json.loads((tmp / "results" / "results.json").read_text(encoding="utf-8"))
    visits = {(v["seat_id"], pid): v for pid, found in document["inspections"].items()
              for v in found["visits"]}
    second = seats[1]
    for (seat, pid), visit in visits.items():
        if seat == second:
            assert [p["caption"] for p in visit["photos_received"]] == [f"{pid} 照片0",
                                                                       f"{pid} 照片1"]
            assert visit["photos_missing"] == []
        else:
            assert visit["photos_received"] == []
            assert [m["reason"] for m in visit["photos_missing"]] == [
                "未收到照片包 (no photo package received for this sheet)"] * 2
    rows = list(csv.DictReader((tmp / "results" / "results.csv").open(encoding="utf-8-sig")))
    photo_cells = {r["项目编号"]: r["现场照片"] for r in rows}
    pid = next(p for (seat, p) in visits if seat == second)
    assert "：照片 2/2 张已收到" in photo_cells[pid]
    assert any("：照片 0/2 张已收到（未收到照片包" in cell for cell in photo_cells.values())
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in
                   PdfReader(tmp / "results" / "results.pdf").pages)
    assert "现场照片" in text and "未收到照片包" in text

    # The photos of a project, as the results link them: decrypted, owner-only.
    assert admin(["photos", "--db", db, "--project", pid, "--out", str(tmp / "photos"),
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    extracted = sorted((tmp / "photos").iterdir())
    assert len(extracted) == 2
    assert {p.read_bytes() for p in extracted} <= set(images.values())
    assert all(p.stat().st_mode & 0o077 == 0 for p in extracted)
    # A tampered copy of the first seat's package is refused with its reason: exit 1.
    damaged = tmp / "damaged.revphotos"
    damaged.write_bytes(photo_files[0].read_bytes()[:-20])
    assert admin(["merge", str(damaged), "--db", db,
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 1
    assert "拒收 rejected" in capsys.readouterr().out
