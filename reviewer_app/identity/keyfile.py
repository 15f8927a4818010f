"""The encrypted key file (docs/formats.md §3): a secret under an Argon2id passphrase.

Used where no OS keyring is usable, and for ``--organizer-key K``. The secret
never touches the disk in plaintext.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from reviewer_app.atomic import atomic_write_bytes
from reviewer_app.identity.errors import KeyFileInvalid, WrongKeyPassphrase
from reviewer_app.identity.passphrase import check_strength
from reviewer_app.package import format as fmt
from reviewer_app.package.stanzas import Argon2Params

KEYFILE_FORMAT = "reviewer-app/keyfile/1"
KEYFILE_AAD_PREFIX = b"RVKEY1"
MAX_KEYFILE_SIZE = 65536
MAX_SECRET_SIZE = 4096
MAX_KIND_LENGTH = 64
_KEYS = frozenset({"format", "kind", "kdf", "nonce", "ciphertext"})
_KDF_KEYS = frozenset({"type", "salt", "memory_kib", "iterations", "lanes"})


@dataclass(frozen=True)
class SecretRecord:
    """A secret and what it is (e.g. ``"ed25519-organizer"``)."""

    kind: str
    secret: bytes


def _b64_any(value: object, max_size: int, what: str) -> bytes:
    if not isinstance(value, str) or len(value) > 4 * (-(-max_size // 3)):
        raise fmt.FormatViolation(f"{what} is not base64")
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise fmt.FormatViolation(f"{what} is not base64") from None
    if fmt.b64encode(raw) != value:
        raise fmt.FormatViolation(f"{what} is not canonical base64")
    return raw


def _aad(kind: str, salt: bytes, params: Argon2Params) -> bytes:
    # Binds everything stored in the clear, so no field can be swapped or downgraded.
    return (KEYFILE_AAD_PREFIX + fmt.dumps_compact(
        [kind, salt.hex(), params.memory_kib, params.iterations, params.lanes]))


def _derive(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    with fmt.passphrase_buffer(passphrase) as secret:
        return Argon2id(salt=salt, length=32, iterations=params.iterations, lanes=params.lanes,
                        memory_cost=params.memory_kib).derive(secret)


def encrypt_key_file(record: SecretRecord, passphrase: str,
                     params: Argon2Params | None = None) -> bytes:
    """The key file bytes for ``record`` under ``passphrase``."""
    params = params or Argon2Params()
    params.check()
    if not passphrase:
        raise ValueError("a key file needs a non-empty passphrase")
    if not 0 < len(record.kind) <= MAX_KIND_LENGTH or len(record.secret) > MAX_SECRET_SIZE:
        raise ValueError("key kind or secret size out of range")
    salt, nonce = os.urandom(16), os.urandom(12)
    ciphertext = AESGCM(_derive(passphrase, salt, params)).encrypt(
        nonce, record.secret, _aad(record.kind, salt, params))
    return fmt.dumps_compact({
        "format": KEYFILE_FORMAT, "kind": record.kind,
        "kdf": {"type": "argon2id", "salt": fmt.b64encode(salt),
                "memory_kib": params.memory_kib, "iterations": params.iterations,
                "lanes": params.lanes},
        "nonce": fmt.b64encode(nonce), "ciphertext": fmt.b64encode(ciphertext)}) + b"\n"


def decrypt_key_file(data: bytes, passphrase: str, *, where: str = "key file",
                     expected_kind: str | None = None) -> SecretRecord:
    """Decrypt key file bytes.

    Raises:
        KeyFileInvalid: not a key file, damaged, a limit exceeded, or another kind.
        WrongKeyPassphrase: the passphrase does not open it.
    """
    if len(data) > MAX_KEYFILE_SIZE:
        raise KeyFileInvalid(f"{where}: too large to be a key file")
    try:
        obj = fmt.loads_strict(data.rstrip(b"\r\n"), where)
        if not isinstance(obj, dict) or set(obj) != _KEYS or obj["format"] != KEYFILE_FORMAT:
            raise fmt.FormatViolation("not a reviewer-app key file")
        kind, kdf = obj["kind"], obj["kdf"]
        if not isinstance(kind, str) or not 0 < len(kind) <= MAX_KIND_LENGTH:
            raise fmt.FormatViolation("bad kind")
        if not isinstance(kdf, dict) or set(kdf) != _KDF_KEYS or kdf["type"] != "argon2id":
            raise fmt.FormatViolation("bad kdf")
        params = Argon2Params(kdf["memory_kib"], kdf["iterations"], kdf["lanes"])
        params.check()
        salt = fmt.b64decode_exact(kdf["salt"], 16, "salt")
        nonce = fmt.b64decode_exact(obj["nonce"], 12, "nonce")
        raw = _b64_any(obj["ciphertext"], MAX_SECRET_SIZE + 16, "ciphertext")
        if len(raw) < 16:
            raise fmt.FormatViolation("ciphertext too short")
    except ValueError as exc:  # FormatViolation and LimitViolation
        raise KeyFileInvalid(f"{where}: not a valid key file ({exc})") from None
    if expected_kind is not None and kind != expected_kind:
        raise KeyFileInvalid(f"{where}: holds a {kind} key, not a {expected_kind} key")
    try:
        secret = AESGCM(_derive(passphrase, salt, params)).decrypt(
            nonce, raw, _aad(kind, salt, params))
    except InvalidTag:
        raise WrongKeyPassphrase(f"{where}: wrong passphrase, or the file is damaged") from None
    return SecretRecord(kind, secret)


def write_key_file(path: Path, record: SecretRecord, passphrase: str,
                   params: Argon2Params | None = None) -> None:
    """Write a key file atomically with owner-only permissions (0600).

    Raises:
        WeakPassphrase: ``passphrase`` is below the strength floor
            (``reviewer_app/identity/passphrase.py``): a copied key file is attacked
            offline, so a new one is never written under a guessable passphrase.
            Existing key files still open whatever their passphrase.
    """
    check_strength(passphrase, f"the passphrase for key file {path}")
    atomic_write_bytes(Path(path), encrypt_key_file(record, passphrase, params), mode=0o600)


def read_key_file(path: Path, passphrase: str, *,
                  expected_kind: str | None = None) -> SecretRecord:
    """Read and decrypt a key file.

    Raises:
        KeyFileInvalid, WrongKeyPassphrase: see :func:`decrypt_key_file`.
        OSError: the file cannot be read.
    """
    path = Path(path)
    with path.open("rb") as handle:
        data = handle.read(MAX_KEYFILE_SIZE + 1)
    return decrypt_key_file(data, passphrase, where=f"key file {path}",
                            expected_kind=expected_kind)


def read_passphrase_file(path: Path) -> str:
    """A passphrase stored in a file: its text without one trailing newline."""
    with Path(path).open("rb") as handle:
        data = handle.read(4097)
    if len(data) > 4096:
        raise KeyFileInvalid(f"passphrase file {path}: longer than 4096 bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KeyFileInvalid(f"passphrase file {path}: not UTF-8 text") from None
    text = text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text
    if not text:
        raise KeyFileInvalid(f"passphrase file {path}: empty")
    return text
