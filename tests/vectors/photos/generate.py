"""Deterministic test vectors of the inspection photo package (docs/formats.md §5.6).

Run ``python tests/vectors/photos/generate.py`` to rewrite them; the test
``tests/unit/sheets/test_photo_vectors.py`` fails when the committed files differ
from what this generates, and checks each vector's expected outcome.

The review package is the sheet vectors' inspection fixture as manifest format 3:
suite, seat keys and the return key of a pinned organizer seed.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import importlib.util
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey  # noqa: E402

from reviewer_app.central.manifest import return_recipient_entry  # noqa: E402
from reviewer_app.identity.organizer import OrganizerIdentity  # noqa: E402
from reviewer_app.package import FixedRandomness, write_package  # noqa: E402
from reviewer_app.package import format as fmt  # noqa: E402
from reviewer_app.sheets.body import ChecklistAnswer, InspectionVisit, Photo  # noqa: E402
from reviewer_app.sheets.build import build_sheet  # noqa: E402
from reviewer_app.sheets.photos import photo_index, write_photo_package  # noqa: E402
from reviewer_app.sheets.seat_keys import seat_public_key, seat_signing_key  # noqa: E402

HERE = Path(__file__).resolve().parent
PACKAGE_ID = "1f5bec7100000000000000000000bee3"
CREATED_AT = dt.datetime(2026, 7, 1, 1, 0, tzinfo=dt.UTC)


def _seed(label: str) -> bytes:
    return hashlib.sha256(f"reviewer-app photo vector {label}".encode()).digest()


ORGANIZER = OrganizerIdentity(Ed25519PrivateKey.from_private_bytes(_seed("organizer")))
FIXED = FixedRandomness(file_key=_seed("file key"), package_id=_seed("package id")[:16],
                        ephemeral_keys=(_seed("ephemeral"),))
OTHER_RETURN_KEY = X25519PrivateKey.from_private_bytes(_seed("other return key"))
IMAGES = {n: b"\x89PNG\r\n\x1a\n" + f"photo vector image {n}".encode() * 40 for n in (1, 2)}


def _sheet_generator():
    spec = importlib.util.spec_from_file_location(
        "sheet_vector_generator", ROOT / "tests" / "vectors" / "sheets" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SHEETS = _sheet_generator()


def manifest() -> dict[str, Any]:
    m = copy.deepcopy(SHEETS.manifests()["manifest-inspection.json"])
    m.update(format=fmt.MANIFEST_FORMAT_3, suite=fmt.SUITE_ED25519, package_id=PACKAGE_ID,
             return_recipient=return_recipient_entry(ORGANIZER.return_public_key))
    for seat in m["seats"]:
        seat["seat_key"] = seat_public_key(SHEETS.SEAT_CODES[seat["seat_id"]], PACKAGE_ID,
                                           seat["seat_id"])
    return m


def manifest_bytes() -> bytes:
    return SHEETS.manifest_bytes(manifest())


def _image(project_id: str, sha256: str) -> bytes:
    return next(d for d in IMAGES.values() if hashlib.sha256(d).hexdigest() == sha256)


def sheet():
    m = manifest()
    photos = tuple(Photo(hashlib.sha256(IMAGES[n]).hexdigest(), "image/png", caption)
                   for n, caption in ((1, "质检工位"), (2, "机房外景")))
    visit = InspectionVisit(
        "P1", (ChecklistAnswer("premises", "compliant", ""),
               ChecklistAnswer("system_demo", "compliant", "演示正常")),
        findings="生产线已部署质检系统。", recommendation="建议资助", photos=photos)
    return build_sheet(m, manifest_sha256=hashlib.sha256(manifest_bytes()).hexdigest(),
                       seat_id="S01", expert_name="张伟",
                       states={"P1": SHEETS._states_s01(1)["P1"]},
                       private_key=seat_signing_key(SHEETS.SEAT_CODES["S01"], PACKAGE_ID, "S01"),
                       seat_code=SHEETS.SEAT_CODES["S01"], created_at=CREATED_AT,
                       inspection=[visit])


def vectors(tmp: Path) -> dict[str, tuple[bytes, dict[str, Any]]]:
    signed = sheet()
    key = seat_signing_key(SHEETS.SEAT_CODES["S01"], PACKAGE_ID, "S01")
    out = {}

    def package(name: str, for_sheet=signed, signer=key, return_key=None) -> bytes:
        write_photo_package(tmp / name, for_sheet,
                            return_key=return_key or ORGANIZER.return_public_key,
                            signing_key=signer, image=_image, fixed=FIXED)
        return (tmp / name).read_bytes()

    def expect(outcome: str, description: str, **extra: Any) -> dict[str, Any]:
        return {"description": description, "manifest": "manifest-v3.json",
                "sheet": "S1-r1.revsheet", "expect": outcome, **extra}

    valid = package("valid")
    out["valid"] = (valid, expect("accept", "the two photos of seat S01's revision 1, "
                                  "signed with its seat key", photos=2))
    other = OTHER_RETURN_KEY.public_key().public_bytes_raw()
    out["wrong-key"] = (package("wrong-key", return_key=other), expect(
        "reject", "encrypted to another return key than the organizer's",
        reason="not for this key"))
    other_seat = SHEETS.KEY_B   # seat S02's enrolled key
    forged = replace(signed, body=replace(
        signed.body, public_key=other_seat.public_key().public_bytes_raw()))
    out["other-seat-signature"] = (package("other", forged, other_seat), expect(
        "reject", "claims seat S01's sheet but is signed by seat S02's key",
        reason="signer mismatch"))
    index, members = photo_index(signed, _image)
    swapped = [replace(members[0], data=members[1].data), replace(members[1],
                                                                   data=members[0].data)]
    write_package(tmp / "swapped", index, swapped, organizer_key=key, organizer_name="seat S01",
                  recipients=[ORGANIZER.return_public_key],
                  manifest_formats=(fmt.PHOTOS_FORMAT,), fixed=FIXED)
    out["swapped-photo"] = ((tmp / "swapped").read_bytes(), expect(
        "reject", "the two images exchanged, the index unchanged (each member's BLAKE3 is "
        "right, its SHA-256 is not the index's)", reason="photo mismatch"))
    out["truncated"] = (valid[:-50], expect("reject", "the valid package cut short by 50 bytes",
                                            reason="truncated"))
    flipped = bytearray(valid)
    header_len = int.from_bytes(valid[12:16], "big")
    flipped[16 + header_len + 7] ^= 0x01
    out["flipped-signature"] = (bytes(flipped), expect(
        "reject", "one bit of the seat's signature flipped", reason="tampered"))
    visit = signed.body.inspection[0]
    fewer = replace(signed, body=replace(signed.body, inspection=(
        replace(visit, photos=visit.photos[:1]),)))
    out["missing-photo"] = (package("fewer", fewer), expect(
        "reject", "a well-formed package for the sheet that leaves out its second photo",
        reason="missing photo"))
    return out


def generate(out_dir: Path = HERE) -> list[Path]:
    import tempfile

    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / "manifest-v3.json", out_dir / "S1-r1.revsheet"]
    written[0].write_bytes(manifest_bytes())
    written[1].write_bytes(sheet().envelope)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (data, expected) in vectors(Path(tmp)).items():
            (out_dir / f"{name}.revphotos").write_bytes(data)
            path = out_dir / f"{name}.expected.json"
            path.write_bytes((json.dumps({"file": f"{name}.revphotos", **expected},
                                         ensure_ascii=False, indent=2) + "\n").encode())
            written += [out_dir / f"{name}.revphotos", path]
    pinned = out_dir / "pinned.json"
    pinned.write_bytes((json.dumps({
        "organizer_seed": _seed("organizer").hex(),
        "return_secret": ORGANIZER.return_key.private_bytes_raw().hex(),
        "file_key": FIXED.file_key.hex(), "package_id": FIXED.package_id.hex(),
        "ephemeral": FIXED.ephemeral_keys[0].hex(),
        "other_return_secret": OTHER_RETURN_KEY.private_bytes_raw().hex()}, indent=2)
        + "\n").encode())
    return [*written, pinned]


if __name__ == "__main__":
    for path in generate():
        print(path.relative_to(ROOT))
