"""Byte-level tools for hostile-input tests: the package's regions, and a minimal
independent writer built from the spec's derivations (not from the real writer)."""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reviewer_app.package import format as fmt
from reviewer_app.package.stanzas import make_x25519_stanza


@dataclass(frozen=True)
class Region:
    name: str
    start: int
    end: int


def regions(data: bytes, member_lengths: list[int]) -> list[Region]:
    """Preamble, header, signature, then every segment's ciphertext and tag."""
    header_len = struct.unpack(">I", data[12:16])[0]
    header = json.loads(data[16:16 + header_len])
    out = [Region("preamble", 0, 16), Region("header", 16, 16 + header_len),
           Region("signature", 16 + header_len, 16 + header_len + 64)]
    offset = 16 + header_len + 64
    for index, length in enumerate([header["manifest_length"], *member_lengths]):
        segments = fmt.segment_count(length)
        for k in range(segments):
            plain = min(fmt.SEGMENT_SIZE, length - k * fmt.SEGMENT_SIZE)
            name = "manifest" if index == 0 else f"member {index}"
            out.append(Region(f"{name} segment {k}", offset, offset + plain))
            out.append(Region(f"{name} tag {k}", offset + plain, offset + plain + 16))
            offset += plain + 16
    assert offset == len(data)
    return out


def craft(manifest: bytes, members: list[bytes], organizer: Ed25519PrivateKey,
          recipient: bytes, *, file_key: bytes = bytes(32), package_id: bytes = bytes(16),
          header_edit: Any = None, stanzas: list[dict[str, Any]] | None = None) -> bytes:
    """A package assembled directly from formats.md §1: lets a test sign anything."""
    stanza = make_x25519_stanza(recipient, file_key, package_id).to_json()

    def encrypt(index: int, plain: bytes) -> bytes:
        aead = AESGCM(fmt.member_key(file_key, package_id, index))
        n = fmt.segment_count(len(plain))
        return b"".join(aead.encrypt(fmt.segment_nonce(k, k == n - 1),
                                     plain[k * fmt.SEGMENT_SIZE:(k + 1) * fmt.SEGMENT_SIZE], None)
                        for k in range(n))

    body = encrypt(0, manifest) + b"".join(encrypt(i, m) for i, m in enumerate(members, 1))
    header: dict[str, Any] = {
        "package_id": package_id.hex(), "aead": "AES-256-GCM", "segment_size": 65536,
        "manifest_length": len(manifest), "total_size": 0,
        "organizer": {"name": "crafted",
                      "public_key": fmt.b64encode(organizer.public_key().public_bytes_raw())},
        "stanzas": [stanza, *(stanzas or [])]}
    if header_edit is not None:
        header_edit(header)
    total = 0
    while True:
        header["total_size"] = total
        encoded = fmt.dumps_compact(header)
        new_total = 16 + len(encoded) + 64 + len(body)
        if new_total == total:
            break
        total = new_total
    head = fmt.MAGIC + struct.pack(">HHI", 1, 0, len(encoded)) + encoded
    signature = organizer.sign(fmt.signature_message(head, manifest))
    return head + signature + body
