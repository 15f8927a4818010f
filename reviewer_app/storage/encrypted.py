"""A column type that encrypts its value with AES-256-GCM, transparently.

Each engine gets its own cipher (the key comes from the package's file key, so
it exists only while the package is unlocked); the type finds it through the
engine's dialect, which SQLAlchemy hands to every bind and result conversion.

Stored form: ``0x01 || nonce (12 B) || ciphertext || tag (16 B)``; the AAD is the
column's label, so a value cannot be moved to another column unnoticed.
"""

from __future__ import annotations

import os
import weakref
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import LargeBinary
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.types import TypeDecorator

from reviewer_app.core.errors import ReviewerError

VERSION = b"\x01"
NONCE_SIZE = 12

_CIPHERS: weakref.WeakKeyDictionary[Dialect, AESGCM] = weakref.WeakKeyDictionary()


class WorkspaceKeyError(ReviewerError):
    """Stored data does not decrypt with this key: wrong package or tampered file."""


def attach_cipher(engine: Engine, key: bytes) -> None:
    if len(key) != 32:
        raise ValueError("workspace key must be 32 bytes")
    _CIPHERS[engine.dialect] = AESGCM(key)


def detach_cipher(engine: Engine) -> None:
    _CIPHERS.pop(engine.dialect, None)


def _cipher(dialect: Dialect) -> AESGCM:
    try:
        return _CIPHERS[dialect]
    except KeyError:
        raise WorkspaceKeyError("workspace is locked: no key attached") from None


def _seal(dialect: Dialect, label: bytes, plain: bytes) -> bytes:
    nonce = os.urandom(NONCE_SIZE)
    return VERSION + nonce + _cipher(dialect).encrypt(nonce, plain, label)


def _unseal(dialect: Dialect, label: bytes, value: bytes) -> bytes:
    blob = bytes(value)
    if blob[:1] != VERSION or len(blob) < 1 + NONCE_SIZE + 16:
        raise WorkspaceKeyError("workspace value has an unknown format")
    try:
        return _cipher(dialect).decrypt(blob[1:1 + NONCE_SIZE], blob[1 + NONCE_SIZE:], label)
    except InvalidTag:
        raise WorkspaceKeyError("workspace data does not match this package's key "
                                "(wrong package, or the file was altered)") from None


class EncryptedText(TypeDecorator[str]):
    """Text encrypted at rest; ``label`` names the column in the AAD."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, label: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label = label.encode("ascii")

    def process_bind_param(self, value: str | None, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        return _seal(dialect, self.label, value.encode("utf-8"))

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return _unseal(dialect, self.label, value).decode("utf-8")


class EncryptedBytes(TypeDecorator[bytes]):
    """Binary data (site photos) encrypted at rest like :class:`EncryptedText`.

    The whole value is one AES-GCM message: fine for the photo size cap (tens of MB);
    callers that need more than the column label bound (the row) check a hash.
    """

    impl = LargeBinary
    cache_ok = True

    def __init__(self, label: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label = label.encode("ascii")

    def process_bind_param(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        return _seal(dialect, self.label, bytes(value))

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        return _unseal(dialect, self.label, value)
