"""The committed RVPKG vectors: each meets its stated outcome; regenerating is a no-op."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import blake3
import pytest

from reviewer_app.package import (
    LimitsExceeded,
    NotAPackage,
    NotForThisKey,
    PackageError,
    Tampered,
    Truncated,
    UnsupportedVersion,
    UntrustedOrganizer,
    WrongPassphrase,
    open_package,
)

VECTORS = Path(__file__).resolve().parents[2] / "vectors" / "package"
EXPECTED = sorted(VECTORS.glob("*.json"))
EXPECTED = [p for p in EXPECTED if p.name != "pinned.json"]
ERRORS: dict[str, type[PackageError]] = {
    "wrong passphrase": WrongPassphrase,
    "not for this key": NotForThisKey,
    "tampered": Tampered,
    "truncated": Truncated,
    "unsupported version": UnsupportedVersion,
    "limits exceeded": LimitsExceeded,
    "not a package": NotAPackage,
    "untrusted organizer": UntrustedOrganizer,
}


def _generator():
    spec = importlib.util.spec_from_file_location("rvpkg_vector_generator",
                                                  VECTORS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _open_and_read_all(path: Path, meta: dict) -> dict[str, str]:
    key = bytes.fromhex(meta["x25519_secret"]) if meta["x25519_secret"] else None
    with open_package(path, trusted_keys=meta["trusted_keys"], passphrase=meta["passphrase"],
                      x25519_key=key) as reader:
        return {str(m.id): blake3.blake3(reader.read_member(m.id)).hexdigest()
                for m in reader.members}


def test_every_outcome_has_vectors() -> None:
    outcomes = {json.loads(p.read_text(encoding="utf-8"))["expected"] for p in EXPECTED}
    assert outcomes == {"success", *ERRORS}


@pytest.mark.parametrize("meta_path", EXPECTED, ids=lambda p: p.stem)
def test_vector(meta_path: Path) -> None:
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    path = meta_path.with_suffix(".revpkg")
    if meta["expected"] == "success":
        assert _open_and_read_all(path, meta) == meta["members"]
        return
    with pytest.raises(PackageError) as info:
        _open_and_read_all(path, meta)
    assert type(info.value) is ERRORS[meta["expected"]], str(info.value)
    message = str(info.value)
    assert message == message.lower() or meta["expected"] == "untrusted organizer"
    assert "\n" not in message


def test_layout_reference_matches_the_reader() -> None:
    meta = json.loads((VECTORS / "layout-reference.json").read_text(encoding="utf-8"))
    with open_package(VECTORS / "layout-reference.revpkg", trusted_keys=None,
                      passphrase=meta["passphrase"]) as reader:
        assert reader.members[0].offset == meta["layout"]["members_offset"]
        assert reader.size == meta["layout"]["total_size"]


def test_pinned_derivations() -> None:
    """The first vector's package id and organizer key are the pinned ones."""
    pinned = json.loads((VECTORS / "pinned.json").read_text(encoding="utf-8"))
    with open_package(VECTORS / "passphrase-ok.revpkg", trusted_keys=None,
                      passphrase=_generator().PASSPHRASE) as reader:
        assert reader.package_id == pinned["package_id"]
        # derive_subkey is pinned too: the workspace key must not change between releases.
        assert reader.derive_subkey(b"pinned") == _hkdf_subkey(pinned, b"pinned")


def _hkdf_subkey(pinned: dict, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, bytes.fromhex(pinned["package_id"]),
                b"RVPKG1 subkey" + info).derive(bytes.fromhex(pinned["file_key"]))


def test_regenerating_is_byte_identical(tmp_path: Path) -> None:
    written = _generator().generate(tmp_path)
    names = sorted(p.name for p in written)
    assert names == sorted(p.name for p in VECTORS.iterdir()
                           if p.suffix in {".revpkg", ".json"})
    for path in written:
        assert path.read_bytes() == (VECTORS / path.name).read_bytes(), path.name


def test_independent_reader_from_the_spec_alone() -> None:
    """Re-derive everything of formats.md §1 with bare primitives from the pinned values."""
    import base64
    import struct
    import unicodedata

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    pinned = json.loads((VECTORS / "pinned.json").read_text(encoding="utf-8"))
    meta = json.loads((VECTORS / "both-by-passphrase.json").read_text(encoding="utf-8"))
    data = (VECTORS / "both-by-passphrase.revpkg").read_bytes()
    magic, version, flags, header_len = struct.unpack(">8sHHI", data[:16])
    assert (magic, version, flags) == (bytes.fromhex("895256504b0d0a1a"), 1, 0)
    head = data[:16 + header_len]
    header = json.loads(head[16:])
    package_id = bytes.fromhex(header["package_id"])
    assert header["total_size"] == len(data)
    aad = b"RVPKG1 wrap" + package_id

    pw_stanza = header["stanzas"][0]
    wrap = Argon2id(salt=base64.b64decode(pw_stanza["salt"]), length=32,
                    iterations=pw_stanza["iterations"], lanes=pw_stanza["lanes"],
                    memory_cost=pw_stanza["memory_kib"]).derive(
        unicodedata.normalize("NFC", meta["passphrase"]).encode())
    file_key = AESGCM(wrap).decrypt(bytes(12), base64.b64decode(pw_stanza["body"]), aad)
    assert file_key.hex() == pinned["file_key"]

    recipient = X25519PrivateKey.from_private_bytes(bytes.fromhex(pinned["recipient_secret"]))
    x_stanza = header["stanzas"][1]
    own = recipient.public_key().public_bytes_raw()
    assert x_stanza["key_id"] == hashlib.sha256(own).digest()[:8].hex()
    ephemeral = base64.b64decode(x_stanza["ephemeral"])
    shared = recipient.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    wrap = HKDF(hashes.SHA256(), 32, ephemeral + own, b"RVPKG1 x25519").derive(shared)
    assert AESGCM(wrap).decrypt(bytes(12), base64.b64decode(x_stanza["body"]), aad) == file_key

    def member(index: int, offset: int, length: int) -> bytes:
        key = HKDF(hashes.SHA256(), 32, package_id,
                   b"RVPKG1 member" + struct.pack(">I", index)).derive(file_key)
        count = max(1, -(-length // 65536))
        out = b""
        for k in range(count):
            size = min(65536, length - 65536 * k) + 16
            nonce = k.to_bytes(11, "big") + (b"\x01" if k == count - 1 else b"\x00")
            out += AESGCM(key).decrypt(nonce, data[offset:offset + size], None)
            offset += size
        return out

    offset = 16 + header_len + 64
    manifest = member(0, offset, header["manifest_length"])
    signature = data[16 + header_len:16 + header_len + 64]
    Ed25519PublicKey.from_public_bytes(base64.b64decode(header["organizer"]["public_key"])
                                       ).verify(signature, b"RVPKG1 organizer"
                                                + hashlib.sha256(head).digest()
                                                + hashlib.sha256(manifest).digest())
    offset += header["manifest_length"] + 16 * max(1, -(-header["manifest_length"] // 65536))
    for entry in json.loads(manifest)["members"]:
        plain = member(entry["id"], offset, entry["length"])
        assert blake3.blake3(plain).hexdigest() == entry["blake3"] == \
            meta["members"][str(entry["id"])]
        offset += entry["length"] + 16 * max(1, -(-entry["length"] // 65536))
    assert offset == len(data)
