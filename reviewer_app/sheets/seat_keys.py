"""Seat keys: the Ed25519 key of a seat, derived from its seat code (docs/formats.md §2.3.1).

A format-2 package carries each seat's *public* key; the expert's app derives the
private key again from the seat code typed at unlock and signs the sheet with it.
So whoever verifies a sheet, the secretariat included, needs no secret: a copy of
the central store or of the package cannot sign for a seat.

Seat codes are 80 random bits, so a plain HKDF is enough: stretching (Argon2id)
would only slow down guesses that are already out of reach.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reviewer_app.core.seat_codes import canonical_seat_code
from reviewer_app.package.format import (
    SEAT_KEY_FORMATS,
    SUITE_ED25519,
    SUITES,
    hkdf_sha256,
)
from reviewer_app.sheets.body import raw_public_key

SEAT_KEY_INFO = b"RVSEATKEY2 "
"""HKDF info prefix; the seat id's UTF-8 bytes follow (one space between)."""


def seat_signing_key(seat_code: str, package_id: str, seat_id: str) -> Ed25519PrivateKey:
    """The seat's Ed25519 key: seed = HKDF-SHA256(ikm = canonical seat code,
    salt = package id bytes, info = "RVSEATKEY2 " || UTF-8(seat id)).

    Raises:
        SeatCodeError: the seat code cannot be canonicalised.
        ValueError: the package id is not 32 hex digits.
    """
    code = canonical_seat_code(seat_code).encode("ascii")
    salt = bytes.fromhex(package_id)
    if len(salt) != 16:
        raise ValueError("a package id is 16 bytes")
    seed = hkdf_sha256(code, salt, SEAT_KEY_INFO + seat_id.encode("utf-8"))
    return Ed25519PrivateKey.from_private_bytes(seed)


def seat_public_key(seat_code: str, package_id: str, seat_id: str) -> str:
    """Base64 of the seat key's raw public key: the manifest's ``seats[].seat_key``."""
    key = seat_signing_key(seat_code, package_id, seat_id)
    return base64.b64encode(raw_public_key(key.public_key())).decode("ascii")


def has_seat_keys(manifest: Mapping[str, Any]) -> bool:
    """Whether sheets of this package prove their seat with seat keys (formats 2, 3)."""
    return manifest.get("format") in SEAT_KEY_FORMATS


def package_suite(manifest: Mapping[str, Any]) -> str | None:
    """The manifest's algorithm suite (None: a format-1 manifest, which has none)."""
    if not has_seat_keys(manifest):
        return None
    suite = manifest.get("suite")
    return suite if suite in SUITES else None


def sheet_signing_key(manifest: Mapping[str, Any], seat_id: str, seat_code: str | None,
                      own_key: Ed25519PrivateKey | None) -> Ed25519PrivateKey:
    """The key a sheet of this seat is signed with.

    Format 2 with a seat code: the seat key derived from it. Otherwise the expert's
    own key (format 1 signs any key and proves it with a seat claim; a format-2
    seat without a code typed must have that key enrolled).

    Raises:
        SheetError: no key can sign (format 1 or no seat code, and no own key).
        SeatCodeError: the seat code cannot be canonicalised.
    """
    from reviewer_app.sheets.errors import SheetError

    if has_seat_keys(manifest) and seat_code:
        return seat_signing_key(seat_code, str(manifest["package_id"]), seat_id)
    if own_key is None:
        raise SheetError(f"seat {seat_id}: no key to sign with")
    return own_key


def needs_own_key(manifest: Mapping[str, Any], seat_code: str | None) -> bool:
    """Whether signing takes the expert's own key (else the seat key does)."""
    return not (has_seat_keys(manifest) and seat_code)


__all__ = ["SEAT_KEY_INFO", "SUITE_ED25519", "has_seat_keys", "needs_own_key", "package_suite",
           "seat_public_key", "seat_signing_key", "sheet_signing_key"]
