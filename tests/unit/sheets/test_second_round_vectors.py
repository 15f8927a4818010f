"""The committed second-round vectors (tests/vectors/second_round): each states its
expected outcome (docs/formats.md §1.8.4, §2.4.4), and regenerating is a no-op."""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
from pathlib import Path

import pytest

from reviewer_app.sheets import REASONS, SheetContext, SheetRejected, verify_sheet
from reviewer_app.sheets.first_round import FirstRoundError, open_sealed

VECTORS = Path(__file__).resolve().parents[2] / "vectors" / "second_round"
EXPECTED = sorted(p for p in VECTORS.glob("round2-*.expected.json"))


def _generator():
    spec = importlib.util.spec_from_file_location("second_round_vectors",
                                                  VECTORS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _context() -> SheetContext:
    raw = (VECTORS / "manifest-v5.json").read_bytes()
    return SheetContext.from_manifest(json.loads(raw), hashlib.sha256(raw).hexdigest())


def test_the_vectors_cover_acceptance_and_each_rejection() -> None:
    outcomes = [json.loads(p.read_text(encoding="utf-8")) for p in EXPECTED]
    assert sum(o["expect"] == "accept" for o in outcomes) == 1
    reasons = {o["reason"] for o in outcomes if o["expect"] == "reject"}
    assert reasons == {"missing reason", "wrong package", "malformed", "unsupported format"}
    assert reasons <= set(REASONS)


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_sheet_vector(path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    data = (VECTORS / expected["file"]).read_bytes()
    if expected["expect"] == "accept":
        sheet = verify_sheet(data, _context())
        assert sheet.seat_proof == expected["seat_proof"]
        assert sheet.body_sha256 == expected["body_sha256"]
        assert sheet.body["format"] == "reviewer-app/sheet/4"
        assert sheet.body["round"] == 2
        assert all(p["reason"].strip() for p in sheet.body["projects"])
    else:
        with pytest.raises(SheetRejected) as info:
            verify_sheet(data, _context())
        assert info.value.reason == expected["reason"], str(info.value)


def _hkdf_sha256(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    """RFC 5869 with hmac alone, apart from the code under test."""
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


def test_first_round_members_open_for_their_seat_only() -> None:
    """§1.8.4: key = HKDF-SHA256(canonical code, salt = package id, info =
    "RVROUND2 first-round " || seat id); AES-256-GCM, zero nonce, stated AAD."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    expected = json.loads((VECTORS / "first-round.expected.json").read_text(encoding="utf-8"))
    package_id = expected["package_id"]
    for seat, case in expected["seats"].items():
        key = _hkdf_sha256(case["seat_code"].encode("ascii"), bytes.fromhex(package_id),
                           b"RVROUND2 first-round " + seat.encode("utf-8"))
        assert key.hex() == case["key_hex"]
        sealed = (VECTORS / case["file"]).read_bytes()
        aad = b"RVROUND2 first-round" + bytes.fromhex(package_id) + seat.encode("utf-8")
        assert AESGCM(key).decrypt(bytes(12), sealed, aad).decode("utf-8") == case["plaintext"]
        own = open_sealed(sealed, case["seat_code"], package_id, seat,
                          expected["first_round_package_id"])
        assert own.seat_id == seat and own.projects
        flipped = bytearray(sealed)
        flipped[len(flipped) // 2] ^= 1
        with pytest.raises(FirstRoundError):
            open_sealed(bytes(flipped), case["seat_code"], package_id, seat,
                        expected["first_round_package_id"])
    for case in expected["must_fail"]:
        with pytest.raises(FirstRoundError):
            open_sealed((VECTORS / case["file"]).read_bytes(), case["seat_code"], package_id,
                        case["seat"], expected["first_round_package_id"])


def test_regenerating_yields_identical_bytes(tmp_path: Path) -> None:
    written = _generator().generate(tmp_path)
    for path in written:
        assert path.read_bytes() == (VECTORS / path.name).read_bytes(), path.name
    committed = {p.name for p in VECTORS.iterdir() if p.name != "generate.py"
                 and not p.name.startswith(".") and p.is_file()}
    assert committed == {p.name for p in written}


def test_the_printed_round_2_sheet_shows_the_round_and_the_reason() -> None:
    import io

    from pypdf import PdfReader

    from reviewer_app.sheets.pdf import render_sheet_pdf

    manifest = json.loads((VECTORS / "manifest-v5.json").read_bytes())
    sheet = verify_sheet((VECTORS / "round2-valid.revsheet").read_bytes(), _context())
    data = render_sheet_pdf(sheet.model, sheet.body_sha256, manifest)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "第二轮复议" in text and "第二轮复议理由" in text
    assert sheet.model.projects[0].reason in text.replace("\n", "")
