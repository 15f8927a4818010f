"""Encryption of the expert's workspace at rest (docs/formats.md §4).

The key needs two secrets: the package's (every expert of a panel can derive it)
and the expert's own, their seat code or, without one, a secret derived from
their identity key. So one expert's workspace stays closed to the others.

Every encrypted value is bound to its place: the AAD names the table, the column
and the row's natural key, so a value moved to another row or column does not
decrypt. A column type cannot do that (it never sees the row), so the store
seals and opens values through :class:`WorkspaceCipher` with the row in hand.
Models declare which columns are encrypted (``__sealed__``) and which columns name
the row (``__row_key__``); those are never updated, so a value stays with its row.

This module imports no SQLAlchemy: the GUI derives the expert's secret at unlock.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reviewer_app.core.errors import ReviewerError
from reviewer_app.core.seat_codes import canonical_seat_code

# The stored form's version byte. Version 1 (label-only AAD, package key alone) is
# only ever read by migration w0003; a shipped version's meaning never changes.
VERSION = b"\x02"
NONCE_SIZE = 12
TAG_SIZE = 16
SEAT_CODE = "seat-code"
IDENTITY = "identity"
IDENTITY_INFO = b"reviewer-app workspace identity v1"
KEY_INFO = b"reviewer-app workspace v2 "
AAD_PREFIX = b"RVWS2"


class WorkspaceKeyError(ReviewerError):
    """Stored data does not decrypt with this key: another seat, or a tampered file."""


def _hkdf(ikm: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


@dataclass(frozen=True)
class ExpertSecret:
    """The expert's share of the workspace key; ``source`` says where it came from."""

    source: str
    value: bytes = field(repr=False)

    @classmethod
    def from_seat_code(cls, seat_code: str) -> ExpertSecret:
        """Raises: SeatCodeError: not a seat code."""
        return cls(SEAT_CODE, canonical_seat_code(seat_code).encode("ascii"))

    @classmethod
    def from_identity(cls, x25519_private_key: bytes) -> ExpertSecret:
        """From the raw 32-byte X25519 key of the expert's identity (``identity.expert``)."""
        if len(x25519_private_key) != 32:
            raise ValueError("an X25519 private key is 32 bytes")
        return cls(IDENTITY, _hkdf(x25519_private_key, None, IDENTITY_INFO))


def workspace_key(package_key: bytes, package_id: str, secret: ExpertSecret) -> bytes:
    """The 32-byte key of one expert's workspace for one package.

    ``package_key`` is the package's subkey for the workspace (docs/formats.md §1.13).
    """
    if len(package_key) != 32:
        raise ValueError("the package's workspace key must be 32 bytes")
    salt = bytes.fromhex(package_id)
    if len(salt) != 16:
        raise ValueError(f"bad package id {package_id!r}")
    return _hkdf(package_key + secret.value, salt, KEY_INFO + secret.source.encode("ascii"))


def _field(part: str | int) -> bytes:
    data = str(part).encode("utf-8")
    if len(data) > 0xFFFF:
        raise ValueError("an AAD field is at most 65535 bytes")
    return len(data).to_bytes(2, "big") + data


def row_aad(table: str, column: str, row_key: Sequence[str | int]) -> bytes:
    """The AAD of one value: table, column and the row's key, each length-prefixed."""
    return AAD_PREFIX + b"".join(_field(part) for part in (table, column, *row_key))


class WorkspaceCipher:
    """Seals and opens the encrypted values of one workspace, each bound to its row."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("workspace key must be 32 bytes")
        self._aead = AESGCM(key)

    def seal(self, aad: bytes, plain: bytes) -> bytes:
        nonce = os.urandom(NONCE_SIZE)
        return VERSION + nonce + self._aead.encrypt(nonce, plain, aad)

    def open(self, aad: bytes, blob: bytes) -> bytes:
        """Raises: WorkspaceKeyError: another format, key or place."""
        blob = bytes(blob)
        if blob[:1] != VERSION or len(blob) < 1 + NONCE_SIZE + TAG_SIZE:
            raise WorkspaceKeyError("workspace value has an unknown format")
        try:
            return self._aead.decrypt(blob[1:1 + NONCE_SIZE], blob[1 + NONCE_SIZE:], aad)
        except InvalidTag:
            raise WorkspaceKeyError("workspace value does not decrypt with this key") from None

    # --- values of ORM rows -------------------------------------------------------
    def write(self, row: Any, column: str, value: str | None) -> None:
        """Set a text column of ``row`` (its key columns already set) to ``value``."""
        self.write_bytes(row, column, None if value is None else value.encode("utf-8"))

    def read(self, row: Any, column: str) -> str | None:
        data = self.read_bytes(row, column)
        return None if data is None else data.decode("utf-8")

    def write_bytes(self, row: Any, column: str, value: bytes | None) -> None:
        setattr(row, column, None if value is None else self.seal(_aad(row, column),
                                                                   bytes(value)))

    def read_bytes(self, row: Any, column: str) -> bytes | None:
        """Raises: WorkspaceKeyError: the value is not this row's (or not this key's)."""
        blob = getattr(row, column)
        if blob is None:
            return None
        aad = _aad(row, column)
        try:
            return self.open(aad, blob)
        except WorkspaceKeyError:
            model = type(row)
            key = ", ".join(str(getattr(row, name)) for name in model.__row_key__)
            raise WorkspaceKeyError(
                f"{model.__tablename__}.{column} of ({key}) does not decrypt: the workspace "
                "file was altered or values were moved between rows") from None


def _aad(row: Any, column: str) -> bytes:
    model = type(row)
    if column not in model.__sealed__:
        raise ValueError(f"{model.__tablename__}.{column} is not an encrypted column")
    key = [getattr(row, name) for name in model.__row_key__]
    if not key or any(part is None for part in key):
        raise ValueError(f"{model.__tablename__}: the row's key is not set yet (flush first)")
    return row_aad(model.__tablename__, column, key)
