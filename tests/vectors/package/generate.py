"""Regenerate the review package (RVPKG v1) test vectors beside this file.

Run ``python tests/vectors/package/generate.py [OUTDIR]``. The output is
byte-for-byte deterministic: the file key, package id, Argon2id salt, X25519
ephemeral keys and organizer key are fixed, Ed25519 signatures are
deterministic, and the manifest has a fixed time. ``tests/unit/package/
test_vectors.py`` checks every vector and that regenerating changes nothing.

Each vector is ``<name>.revpkg`` with ``<name>.json``::

    {"expected": "success" | "wrong passphrase" | "not for this key" | "tampered" |
                 "truncated" | "unsupported version" | "limits exceeded" |
                 "not a package" | "untrusted organizer",
     "passphrase": str | null, "x25519_secret": hex | null,
     "trusted_keys": [base64, ...] | null,
     "members": {"1": blake3 hex, ...}      (success only: every member's BLAKE3-256)
     "description": str}

"tampered" may surface when opening or when reading a member: a reader MUST
raise it at one of the two and MUST NOT return any member's content that does
not match. The pinned secrets are in ``PINNED`` below, so the derivations in
docs/formats.md §1 can be checked by hand.
"""

from __future__ import annotations

import json
import struct
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import blake3
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reviewer_app.package import format as fmt  # noqa: E402
from reviewer_app.package.stanzas import Argon2Params  # noqa: E402
from reviewer_app.package.writer import (  # noqa: E402
    FixedRandomness,
    MemberSource,
    write_package,
)

HERE = Path(__file__).resolve().parent

PINNED = {
    "file_key": bytes(range(32)).hex(),
    "package_id": "00112233445566778899aabbccddeeff",
    "salt": "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
    "organizer_seed": "11" * 32,
    "recipient_secret": "22" * 32,
    "second_recipient_secret": "33" * 32,
    "ephemeral_secrets": ["44" * 32, "55" * 32],
    "other_organizer_seed": "66" * 32,
}
PASSPHRASE = "correct horse 电池 staple"
ARGON2 = Argon2Params(memory_kib=8192, iterations=1, lanes=1)
MANIFEST = {
    "format": fmt.MANIFEST_FORMAT,
    "created_at": "2025-03-01T08:00:00Z",
    "program": {"name": "test vectors", "year": 2025},
    "session": {"kind": "panel", "name": "vector panel", "deadline": "2025-03-15"},
    "rubric": {"criteria": [{"id": "tech", "name": "技术先进性", "max": "10", "step": "0.5",
                             "bands": []}]},
    "seats": [{"seat_id": "S01", "name": "专家一", "public_key": None}],
    "assignments": {"S01": ["P001"]},
    "projects": [{"project_id": "P001", "materials": [
        {"member_id": 1, "category": 1, "title": "营业执照"},
        {"member_id": 2, "category": 8, "title": "empty"},
        {"member_id": 3, "category": 3, "title": "contract"}]}],
}


COMMITMENT = "本人承诺：保密；独立评审；存在利益冲突时主动申请回避。"
MANIFEST_4 = {
    **MANIFEST, "format": fmt.MANIFEST_FORMAT_4, "suite": fmt.SUITE_ED25519,
    "commitment": {"text": COMMITMENT, "sha256": fmt.commitment_sha256(COMMITMENT)},
    "conflict_categories": [{"id": "employment", "name": "近三年在申报单位任职或担任顾问"},
                            {"id": "other", "name": "其他"}],
    "seats": [{"seat_id": "S01", "name": "专家一", "public_key": None,
               "conflict_hints": [{"project_id": "P001", "category": "employment",
                                   "matched": ["甲科技（深圳）有限公司"]}]}],
}
"""Manifest format 4 (docs/formats.md §1.8.3); seat keys are not the reader's business."""


def _members() -> list[MemberSource]:
    pattern = bytes((i * 7 + 3) % 251 for i in range(3000))
    return [MemberSource("licence.txt", "text/plain", data="营业执照 test material\n".encode()),
            MemberSource("empty.bin", "application/octet-stream", data=b""),
            MemberSource("contract.bin", "application/octet-stream", data=pattern)]


def _x25519(hexkey: str) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(bytes.fromhex(hexkey))


def _build(path: Path, *, passphrase: str | None, recipients: int,
           organizer_seed: str = PINNED["organizer_seed"],
           manifest: dict[str, Any] = MANIFEST) -> bytes:
    keys = [PINNED["recipient_secret"], PINNED["second_recipient_secret"]][:recipients]
    fixed = FixedRandomness(
        file_key=bytes.fromhex(PINNED["file_key"]),
        package_id=bytes.fromhex(PINNED["package_id"]),
        salt=bytes.fromhex(PINNED["salt"]),
        ephemeral_keys=tuple(bytes.fromhex(e) for e in PINNED["ephemeral_secrets"][:recipients]))
    write_package(path, manifest, _members(),
                  organizer_key=Ed25519PrivateKey.from_private_bytes(
                      bytes.fromhex(organizer_seed)),
                  organizer_name="Vector Secretariat 秘书处", passphrase=passphrase,
                  recipients=[_x25519(k).public_key() for k in keys], argon2=ARGON2,
                  fixed=fixed)
    return path.read_bytes()


def _signed_anyway(path: Path, manifest: dict[str, Any]) -> bytes:
    """A manifest this writer refuses (format-4 rules broken), written as another
    writer would: the organizer signs whatever it is given."""
    check = fmt.check_manifest_4
    fmt.check_manifest_4 = lambda _manifest: None
    try:
        return _build(path, passphrase=PASSPHRASE, recipients=0, manifest=manifest)
    finally:
        fmt.check_manifest_4 = check


# --- byte surgery ---------------------------------------------------------------

def split(data: bytes) -> tuple[bytes, dict[str, Any], bytes]:
    """(preamble, header object, everything after the header)."""
    header_len = struct.unpack(">I", data[12:16])[0]
    return data[:16], json.loads(data[16:16 + header_len]), data[16 + header_len:]


def rewrite_header(data: bytes, edit: Callable[[dict[str, Any]], None]) -> bytes:
    """Apply ``edit`` to the header object and re-encode it, keeping total_size right."""
    preamble, header, rest = split(data)
    edit(header)
    for _ in range(8):
        encoded = fmt.dumps_compact(header)
        total = 16 + len(encoded) + len(rest)
        if header.get("total_size") == total:
            break
        if isinstance(header.get("total_size"), int):
            header["total_size"] = total
        else:
            break
    return preamble[:12] + struct.pack(">I", len(encoded)) + encoded + rest


def reencrypt_member(data: bytes, index: int, plaintext: bytes) -> bytes:
    """An insider's forgery: new content for member ``index`` under the real file key."""
    _, header, rest = split(data)
    header_len = len(data) - len(rest) - 16
    offset = 16 + header_len + 64 + fmt.ciphertext_length(header["manifest_length"])
    lengths = [len(m.data or b"") for m in _members()]
    for i in range(1, index):
        offset += fmt.ciphertext_length(lengths[i - 1])
    assert len(plaintext) == lengths[index - 1]
    aead = AESGCM(fmt.member_key(bytes.fromhex(PINNED["file_key"]),
                                 bytes.fromhex(PINNED["package_id"]), index))
    segments = fmt.segment_count(len(plaintext))
    forged = b"".join(aead.encrypt(fmt.segment_nonce(k, k == segments - 1),
                                   plaintext[k * fmt.SEGMENT_SIZE:(k + 1) * fmt.SEGMENT_SIZE],
                                   None) for k in range(segments))
    return data[:offset] + forged + data[offset + len(forged):]


def flip(data: bytes, position: int, bit: int = 0) -> bytes:
    out = bytearray(data)
    out[position] ^= 1 << bit
    return bytes(out)


# --- the vectors ------------------------------------------------------------------

def vectors(tmp: Path) -> dict[str, tuple[bytes, dict[str, Any]]]:
    pw = _build(tmp / "pw.revpkg", passphrase=PASSPHRASE, recipients=0)
    x = _build(tmp / "x.revpkg", passphrase=None, recipients=1)
    both = _build(tmp / "both.revpkg", passphrase=PASSPHRASE, recipients=2)
    other_org = _build(tmp / "o.revpkg", passphrase=PASSPHRASE, recipients=0,
                       organizer_seed=PINNED["other_organizer_seed"])
    sums = {str(i): blake3.blake3(m.data or b"").hexdigest()
            for i, m in enumerate(_members(), start=1)}
    organizer_pub = fmt.b64encode(Ed25519PrivateKey.from_private_bytes(
        bytes.fromhex(PINNED["organizer_seed"])).public_key().public_bytes_raw())
    me, second = PINNED["recipient_secret"], PINNED["second_recipient_secret"]
    stranger = "77" * 32
    _, header, rest = split(pw)
    header_len = len(pw) - len(rest) - 16
    sig_at = 16 + header_len
    manifest_at = sig_at + 64
    members_at = manifest_at + fmt.ciphertext_length(header["manifest_length"])
    last_member_at = len(pw) - fmt.ciphertext_length(3000)

    def v(expected: str, description: str, *, passphrase: str | None = PASSPHRASE,
          x25519: str | None = None, trusted: list[str] | None = None) -> dict[str, Any]:
        return {"expected": expected, "description": description, "passphrase": passphrase,
                "x25519_secret": x25519, "trusted_keys": trusted,
                **({"members": sums} if expected == "success" else {})}

    def set_(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
        return lambda h: h.__setitem__(key, value)

    def stanza0(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
        return lambda h: h["stanzas"][0].__setitem__(key, value)

    def duplicate_key(data: bytes) -> bytes:
        p, h, r = split(data)
        encoded = fmt.dumps_compact(h)
        encoded = encoded[:-1] + b',"aead":"AES-256-GCM"}'
        return p[:12] + struct.pack(">I", len(encoded)) + encoded + r

    v4 = _build(tmp / "v4.revpkg", passphrase=PASSPHRASE, recipients=0, manifest=MANIFEST_4)
    forged_commitment = _signed_anyway(tmp / "v4-bad.revpkg", {
        **MANIFEST_4, "commitment": {"text": COMMITMENT + "（已删除回避条款）",
                                     "sha256": MANIFEST_4["commitment"]["sha256"]}})
    nfd = unicodedata.normalize("NFD", "Ünïcödé 密码")
    nfc_pkg = _build(tmp / "nfc.revpkg", passphrase=unicodedata.normalize("NFC", nfd),
                     recipients=0)
    swapped = bytearray(pw)
    seg = slice(last_member_at, last_member_at + 16)
    swapped[seg] = bytes(reversed(swapped[seg]))

    return {
        "passphrase-ok": (pw, v("success", "passphrase stanza only", trusted=[organizer_pub])),
        "manifest-4-ok": (v4, v("success", "manifest format 4: commitment, conflict "
                                "categories and a seat's conflict hint",
                                trusted=[organizer_pub])),
        "manifest-4-tampered-commitment": (forged_commitment, v(
            "tampered", "manifest format 4 signed by the organizer, but the commitment text "
            "is not the one its sha256 names (edited before signing by another writer)",
            trusted=[organizer_pub])),
        "x25519-ok": (x, v("success", "one x25519 stanza", passphrase=None, x25519=me)),
        "both-by-passphrase": (both, v("success", "passphrase + two x25519 stanzas")),
        "both-by-second-key": (both, v("success", "the second x25519 recipient",
                                       passphrase=None, x25519=second)),
        "nfd-passphrase": (nfc_pkg, {**v("success", "written with the NFC form, opened with "
                                         "the NFD form of the same passphrase",
                                         passphrase=nfd)}),
        "wrong-passphrase": (pw, v("wrong passphrase", "another passphrase",
                                   passphrase="correct horse battery staple")),
        "not-for-this-key": (x, v("not for this key", "an x25519 key that is not a recipient",
                                  passphrase=None, x25519=stranger)),
        "passphrase-for-key-only": (x, v("not for this key", "a passphrase for a package "
                                         "without a passphrase stanza")),
        "untrusted-organizer": (other_org, v("untrusted organizer", "valid, signed by another "
                                             "organizer key", trusted=[organizer_pub])),
        "flipped-signature": (flip(pw, sig_at + 5), v("tampered", "one bit of the signature")),
        "flipped-manifest": (flip(pw, manifest_at + 40), v("tampered", "one bit of the "
                                                           "encrypted manifest")),
        "flipped-member": (flip(pw, last_member_at + 100), v("tampered", "one bit of member 3")),
        "flipped-member-tag": (flip(pw, len(pw) - 1), v("tampered", "one bit of member 3's tag")),
        "swapped-bytes-in-member": (bytes(swapped), v("tampered", "member 3 bytes reordered")),
        "reencrypted-member": (reencrypt_member(pw, 3, bytes(3000)),
                               v("tampered", "an insider who knows the file key replaced "
                                 "member 3 with valid ciphertext of other content: only the "
                                 "signed SHA-256 catches it")),
        "edited-organizer-name": (rewrite_header(pw, lambda h: h["organizer"].__setitem__(
            "name", "Evil Secretariat")), v("tampered", "organizer name edited: the "
                                            "signature covers the header")),
        "added-stanza": (rewrite_header(pw, lambda h: h["stanzas"].append(
            {"type": "future-kem", "data": "x"})), v("tampered", "an unknown stanza added "
                                                     "after signing")),
        "duplicate-header-key": (duplicate_key(pw), v("tampered", "the header repeats a key")),
        "header-extra-key": (rewrite_header(pw, set_("comment", "hi")),
                             v("tampered", "an unknown header key")),
        "header-float": (rewrite_header(pw, set_("segment_size", 65536.0)),
                         v("tampered", "segment_size written as a float")),
        "trailing-bytes": (pw + b"\x00", v("tampered", "one byte after the last member")),
        "truncated-last-member": (pw[:-1], v("truncated", "the last byte is missing")),
        "truncated-at-member-boundary": (pw[:last_member_at],
                                         v("truncated", "cut exactly before member 3")),
        "truncated-in-header": (pw[:16 + header_len // 2], v("truncated", "cut in the header")),
        "truncated-preamble": (pw[:5], v("truncated", "five bytes of the magic")),
        "version-2": (pw[:8] + b"\x00\x02" + pw[10:], v("unsupported version", "version 2")),
        "flags-set": (pw[:10] + b"\x00\x01" + pw[12:], v("unsupported version",
                                                          "an unknown feature flag")),
        "argon2-memory-too-large": (rewrite_header(pw, stanza0("memory_kib", 1048577)),
                                    v("limits exceeded", "Argon2id memory above 1 GiB")),
        "argon2-iterations-too-large": (rewrite_header(pw, stanza0("iterations", 11)),
                                        v("limits exceeded", "11 Argon2id iterations")),
        "segment-size-other": (rewrite_header(pw, set_("segment_size", 1024)),
                               v("limits exceeded", "segment size 1024")),
        "manifest-too-long": (rewrite_header(pw, set_("manifest_length", 64 * 2**20 + 1)),
                              v("limits exceeded", "manifest length above 64 MiB")),
        "stanza-flood": (rewrite_header(pw, lambda h: h["stanzas"].extend(
            [{"type": "x"}] * 16)), v("limits exceeded", "17 stanzas")),
        "header-len-too-large": (pw[:12] + struct.pack(">I", 65537) + pw[16:],
                                 v("limits exceeded", "header_len 65537")),
        "not-a-package-pdf": (b"%PDF-1.7\n" + bytes(200), v("not a package", "a PDF file")),
        "not-a-package-empty": (b"", v("not a package", "an empty file")),
        "not-a-package-age": (b"age-encryption.org/v1\n-> X25519 abc\n",
                              v("not a package", "an age file")),
        "layout-reference": (pw, {**v("success", "layout reference"), "layout": {
            "header_len": header_len, "signature_offset": sig_at,
            "manifest_offset": manifest_at, "members_offset": members_at,
            "total_size": len(pw)}}),
    }


def generate(outdir: Path = HERE) -> list[Path]:
    import tempfile

    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (data, meta) in vectors(Path(tmp)).items():
            (outdir / f"{name}.revpkg").write_bytes(data)
            (outdir / f"{name}.json").write_text(
                json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                encoding="utf-8")
            written += [outdir / f"{name}.revpkg", outdir / f"{name}.json"]
    (outdir / "pinned.json").write_text(json.dumps(PINNED, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")
    return [*written, outdir / "pinned.json"]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for path in generate(target):
        print(path.name)
