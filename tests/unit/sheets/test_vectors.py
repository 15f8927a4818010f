"""The committed test vectors: each gives its expected verdict, and regenerating is a no-op."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

from reviewer_app.sheets import REASONS, SheetContext, SheetRejected, verify_sheet

VECTORS = Path(__file__).resolve().parents[2] / "vectors" / "sheets"
EXPECTED = sorted(VECTORS.glob("*.expected.json"))


def _generator():
    spec = importlib.util.spec_from_file_location("sheet_vector_generator",
                                                  VECTORS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _context(expected: dict) -> SheetContext:
    raw = (VECTORS / expected["manifest"]).read_bytes()
    codes = json.loads((VECTORS / "seat-codes.json").read_text()) if expected["seat_codes"] \
        else None
    return SheetContext.from_manifest(json.loads(raw), hashlib.sha256(raw).hexdigest(), codes)


def test_there_are_vectors_for_valid_and_many_rejections() -> None:
    outcomes = [json.loads(p.read_text(encoding="utf-8")) for p in EXPECTED]
    reasons = {o["reason"] for o in outcomes if o["expect"] == "reject"}
    assert sum(o["expect"] == "accept" for o in outcomes) >= 4
    assert {"bad signature", "wrong package", "key mismatch", "seat claim", "not canonical",
            "signature count", "oversized", "malformed", "float", "score off step",
            "unknown seat"} <= reasons
    assert reasons <= set(REASONS)


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_vector(path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    data = (VECTORS / expected["file"]).read_bytes()
    context = _context(expected)
    if expected["expect"] == "accept":
        sheet = verify_sheet(data, context)
        assert sheet.seat_proof == expected["seat_proof"]
        assert sheet.revision == expected["revision"]
        assert sheet.body_sha256 == expected["body_sha256"]
        assert sheet.previous_sha256 == expected.get("previous_sha256")
        assert sheet.raw == data
    else:
        with pytest.raises(SheetRejected) as info:
            verify_sheet(data, context)
        assert info.value.reason == expected["reason"], str(info.value)
        message = str(info.value)
        assert message and not message[:1].isupper()
        assert "\n" not in message


def test_regenerating_yields_identical_bytes(tmp_path: Path) -> None:
    written = _generator().generate(tmp_path)
    assert written
    for path in written:
        assert path.read_bytes() == (VECTORS / path.name).read_bytes(), path.name
    committed = {p.name for p in VECTORS.iterdir() if p.name != "generate.py"
                 and not p.name.startswith(".") and p.is_file()}
    assert committed == {p.name for p in written}


def _hkdf_sha256(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    """RFC 5869 written out with hmac alone, apart from the code under test."""
    import hmac

    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


def test_the_format_2_seat_keys_follow_from_the_seat_codes() -> None:
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    manifest = json.loads((VECTORS / "manifest-v2.json").read_bytes())
    codes = json.loads((VECTORS / "seat-codes.json").read_text())
    assert manifest["format"] == "rvpkg-manifest/2"
    assert manifest["suite"] == "ed25519-hkdf-sha256-aes256gcm-blake3"
    for seat in manifest["seats"]:
        seed = _hkdf_sha256(codes[seat["seat_id"]].encode("ascii"),
                            bytes.fromhex(manifest["package_id"]),
                            b"RVSEATKEY2 " + seat["seat_id"].encode("utf-8"))
        public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()
        assert seat["seat_key"] == base64.b64encode(public).decode("ascii")
    outcomes = [json.loads(p.read_text(encoding="utf-8")) for p in EXPECTED
                if p.name.startswith("v2-")]
    assert {o.get("seat_proof") for o in outcomes if o["expect"] == "accept"} == {
        "seat key", "enrolled key"}
    assert {o["reason"] for o in outcomes if o["expect"] == "reject"} == {
        "key mismatch", "unsupported format"}
