"""The committed photo package vectors (docs/formats.md §5.6): each gives its expected
outcome, the manifest vector is a valid format-3 manifest, and regenerating is a no-op."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from reviewer_app.central.merge import sheet_body
from reviewer_app.central.photo_merge import compare_photos, expected_photos
from reviewer_app.package import format as fmt
from reviewer_app.sheets import SheetContext, verify_sheet
from reviewer_app.sheets.photos import PhotoPackageError, read_photo_package

VECTORS = Path(__file__).resolve().parents[2] / "vectors" / "photos"
EXPECTED = sorted(VECTORS.glob("*.expected.json"))


def _generator():
    spec = importlib.util.spec_from_file_location("photo_vector_generator",
                                                  VECTORS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _return_key() -> X25519PrivateKey:
    pinned = json.loads((VECTORS / "pinned.json").read_text())
    return X25519PrivateKey.from_private_bytes(bytes.fromhex(pinned["return_secret"]))


def _outcome(expected: dict) -> tuple[str, str | int]:
    """accept with the photo count, or reject with the reason (§5.4, §5.5)."""
    try:
        package = read_photo_package(VECTORS / expected["file"], _return_key())
    except PhotoPackageError as exc:
        return "reject", exc.reason
    raw = (VECTORS / expected["sheet"]).read_bytes()
    body = sheet_body(raw)
    index = package.index
    assert index.sheet_sha256 == hashlib.sha256(
        base64.b64decode(json.loads(raw)["payload"])).hexdigest()
    if base64.b64decode(body["public_key"]) != index.signer_public_key:
        return "reject", "signer mismatch"
    problems = compare_photos(expected_photos(body), index.photos)
    if problems:
        return "reject", problems[0].split(":")[0]
    return "accept", len(index.photos)


def test_the_vectors_cover_every_tampering_reason() -> None:
    reasons = {json.loads(p.read_text())["reason"] for p in EXPECTED
               if json.loads(p.read_text())["expect"] == "reject"}
    assert {"not for this key", "signer mismatch", "photo mismatch", "truncated",
            "tampered", "missing photo"} <= reasons


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_vector(path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    outcome, detail = _outcome(expected)
    assert outcome == expected["expect"]
    assert detail == (expected["photos"] if outcome == "accept" else expected["reason"])


def test_the_manifest_and_sheet_vectors_hold() -> None:
    raw = (VECTORS / "manifest-v3.json").read_bytes()
    manifest = json.loads(raw)
    key = fmt.return_recipient_key(manifest)
    assert key == _return_key().public_key().public_bytes_raw()
    context = SheetContext.from_manifest(manifest, hashlib.sha256(raw).hexdigest(), None)
    verified = verify_sheet((VECTORS / "S1-r1.revsheet").read_bytes(), context)
    assert verified.seat_proof == "seat key"


def test_regenerating_is_a_no_op(tmp_path: Path) -> None:
    for path in _generator().generate(tmp_path):
        assert path.read_bytes() == (VECTORS / path.name).read_bytes(), path.name
