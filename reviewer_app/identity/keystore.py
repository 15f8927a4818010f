"""Where long-lived private keys live: the OS keyring, or an encrypted key file.

A :class:`KeyStore` keeps :class:`SecretRecord` values under entry names. The
organizer identity uses the entry ``"organizer-signing-key"``; the expert
identity (signing + encryption keys) can use its own entries in the same store.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import keyring
import keyring.errors

from reviewer_app.files import private_dir
from reviewer_app.identity.errors import KeyFileInvalid, KeyStoreUnavailable
from reviewer_app.identity.keyfile import SecretRecord, read_key_file, write_key_file
from reviewer_app.package.stanzas import Argon2Params

SERVICE_NAME = "reviewer-app"
KEYRING_VALUE_FORMAT = "reviewer-app/keyring-secret/1"
_ENTRY_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")

PassphraseProvider = Callable[[bool], str]
"""``provider(confirm)`` returns the key file passphrase; ``confirm`` is True when a
new file is being created (ask twice)."""


class KeyStore(Protocol):
    description: str

    def load(self, entry: str) -> SecretRecord | None:
        """The record stored under ``entry``, or None."""

    def save(self, entry: str, record: SecretRecord) -> None:
        """Store ``record`` under ``entry`` (replacing any previous one)."""


def _check_entry(entry: str) -> str:
    if not _ENTRY_RE.fullmatch(entry):
        raise ValueError(f"bad key store entry name {entry!r}")
    return entry


def keyring_problem(backend: Any = None) -> str | None:
    """Why the keyring backend must not hold our keys, or None when it may.

    Refused: no backend (``fail``/``null``), and backends that store secrets in
    plaintext or behind their own console prompts (keyrings.alt).
    """
    backend = backend if backend is not None else keyring.get_keyring()
    klass = type(backend)
    module, name = klass.__module__, klass.__name__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return "no system keyring is available"
    if module.startswith("keyrings.alt") or "plaintext" in name.lower():
        return f"the keyring backend {module}.{name} does not encrypt secrets"
    if module == "keyring.backends.chainer":
        inner = list(getattr(backend, "backends", []))
        if not inner:
            return "no system keyring is available"
        problems = [keyring_problem(b) for b in inner]
        if any(problems):
            return next(p for p in problems if p)
    return None


class KeyringKeyStore:
    """Records in the OS keyring (service ``reviewer-app``), as a small JSON value."""

    def __init__(self, service: str = SERVICE_NAME) -> None:
        self.service = service
        self.description = f"the system keyring (service {service!r})"

    def load(self, entry: str) -> SecretRecord | None:
        try:
            value = keyring.get_password(self.service, _check_entry(entry))
        except keyring.errors.KeyringError as exc:
            raise KeyStoreUnavailable(f"the system keyring cannot be read ({exc}); "
                                      "unlock it and try again") from None
        if value is None:
            return None
        try:
            obj = json.loads(value)
            if obj.get("format") != KEYRING_VALUE_FORMAT:
                raise ValueError("format")
            return SecretRecord(str(obj["kind"]),
                                base64.b64decode(obj["secret"], validate=True))
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
            raise KeyFileInvalid(f"keyring entry {entry!r} is not a reviewer-app key") from None

    def save(self, entry: str, record: SecretRecord) -> None:
        value = json.dumps({"format": KEYRING_VALUE_FORMAT, "kind": record.kind,
                            "secret": base64.b64encode(record.secret).decode("ascii")})
        try:
            keyring.set_password(self.service, _check_entry(entry), value)
        except keyring.errors.KeyringError as exc:
            raise KeyStoreUnavailable(f"the system keyring refused the key ({exc})") from None


class EncryptedFileKeyStore:
    """One Argon2id-encrypted key file per entry: ``<directory>/<entry>.key`` (0600)."""

    def __init__(self, directory: Path, passphrase: PassphraseProvider,
                 params: Argon2Params | None = None) -> None:
        self.directory = Path(directory)
        self._passphrase = passphrase
        self._params = params
        self.description = f"an encrypted key file in {self.directory}"

    def path(self, entry: str) -> Path:
        return self.directory / f"{_check_entry(entry)}.key"

    def exists(self, entry: str) -> bool:
        return self.path(entry).is_file()

    def load(self, entry: str) -> SecretRecord | None:
        path = self.path(entry)
        if not path.is_file():
            return None
        return read_key_file(path, self._passphrase(False))

    def save(self, entry: str, record: SecretRecord) -> None:
        private_dir(self.directory)
        write_key_file(self.path(entry), record, self._passphrase(True), self._params)


class AutoKeyStore:
    """The keyring when it is usable, else the encrypted file store.

    An existing key file always wins, so a key created while the keyring was
    unusable is found again later. A keyring that fails while *reading* is an
    error, never a reason to create a second key elsewhere.
    """

    def __init__(self, files: EncryptedFileKeyStore, ring: KeyringKeyStore | None = None) -> None:
        self.files = files
        self.ring = ring or KeyringKeyStore()

    @property
    def description(self) -> str:
        return self.ring.description if keyring_problem() is None else self.files.description

    def load(self, entry: str) -> SecretRecord | None:
        if self.files.exists(entry):
            return self.files.load(entry)
        if keyring_problem() is None:
            return self.ring.load(entry)
        return None

    def save(self, entry: str, record: SecretRecord) -> None:
        if keyring_problem() is None:
            try:
                self.ring.save(entry, record)
                return
            except KeyStoreUnavailable:
                pass  # a locked or refusing keyring: the encrypted file is still safe
        self.files.save(entry, record)

    def location(self, entry: str) -> str:
        """Where ``entry`` is (or would be) kept, for messages."""
        if self.files.exists(entry) or keyring_problem() is not None:
            return str(self.files.path(entry))
        return self.ring.description


def default_key_directory() -> Path:
    from reviewer_app.paths import user_data_dir

    return user_data_dir() / "keys"
