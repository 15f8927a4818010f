"""The organizer's Ed25519 signing key: created once, kept in a key store, shown by fingerprint."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from reviewer_app.identity.errors import KeyFileInvalid, KeyNotFound
from reviewer_app.identity.keyfile import (
    SecretRecord,
    read_key_file,
    read_passphrase_file,
    write_key_file,
)
from reviewer_app.identity.keystore import KeyStore
from reviewer_app.package import format as fmt
from reviewer_app.package.stanzas import Argon2Params

ORGANIZER_ENTRY = "organizer-signing-key"
ORGANIZER_KIND = "ed25519-organizer"
RETURN_KEY_INFO = b"RVRETURN1 x25519"
"""HKDF info of the organizer's return key (docs/formats.md §1.8.2)."""


@dataclass(frozen=True)
class OrganizerIdentity:
    """The organizer signing key (what ``write_package(organizer_key=...)`` takes)."""

    private_key: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> OrganizerIdentity:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_record(cls, record: SecretRecord, where: str) -> OrganizerIdentity:
        if record.kind != ORGANIZER_KIND or len(record.secret) != 32:
            raise KeyFileInvalid(f"{where} does not hold an organizer signing key")
        return cls(Ed25519PrivateKey.from_private_bytes(record.secret))

    def to_record(self) -> SecretRecord:
        return SecretRecord(ORGANIZER_KIND, self.private_key.private_bytes_raw())

    @property
    def public_key(self) -> bytes:
        """The raw 32-byte Ed25519 public key."""
        return self.private_key.public_key().public_bytes_raw()

    @property
    def public_key_b64(self) -> str:
        """The public key as experts receive it (base64 of the raw 32 bytes)."""
        return fmt.b64encode(self.public_key)

    @property
    def fingerprint(self) -> str:
        return fmt.fingerprint(self.public_key)

    @property
    def return_key(self) -> X25519PrivateKey:
        """The X25519 key inspection photo packages are encrypted to (formats.md §1.8.2).

        Derived from the signing key's seed rather than drawn and stored apart: it then
        lives wherever the signing key lives (keyring, encrypted key file,
        ``--organizer-key``, ``organizer --export-key-file``) with the same protection,
        and no second secret can be lost or left unprotected. The HKDF info separates
        it from every other use of the seed.
        """
        seed = self.private_key.private_bytes_raw()
        return X25519PrivateKey.from_private_bytes(
            fmt.hkdf_sha256(seed, bytes(32), RETURN_KEY_INFO))

    @property
    def return_public_key(self) -> bytes:
        """The raw 32-byte public half of :attr:`return_key`: what a package carries."""
        return self.return_key.public_key().public_bytes_raw()

    # --- storage -----------------------------------------------------------------
    @classmethod
    def load(cls, store: KeyStore) -> OrganizerIdentity:
        """Raises KeyNotFound when the store has no organizer key."""
        record = store.load(ORGANIZER_ENTRY)
        if record is None:
            raise KeyNotFound(f"no organizer signing key in {store.description}")
        return cls.from_record(record, store.description)

    @classmethod
    def load_or_create(cls, store: KeyStore) -> tuple[OrganizerIdentity, bool]:
        """The stored organizer key, or a new one saved to ``store``; and whether it is new."""
        record = store.load(ORGANIZER_ENTRY)
        if record is not None:
            return cls.from_record(record, store.description), False
        identity = cls.generate()
        store.save(ORGANIZER_ENTRY, identity.to_record())
        return identity, True

    def save_key_file(self, path: Path, passphrase: str,
                      params: Argon2Params | None = None) -> None:
        """Write this key to an encrypted key file (0600, atomic)."""
        write_key_file(path, self.to_record(), passphrase, params)


def load_organizer_key_file(path: Path, passphrase_file: Path) -> OrganizerIdentity:
    """The ``--organizer-key K`` option: an encrypted key file and its passphrase file.

    Raises:
        KeyFileInvalid: not an organizer key file.
        WrongKeyPassphrase: the passphrase does not open it.
        OSError: either file cannot be read.
    """
    passphrase = read_passphrase_file(passphrase_file)
    record = read_key_file(path, passphrase, expected_kind=ORGANIZER_KIND)
    return OrganizerIdentity.from_record(record, f"key file {path}")


def export_public_key(identity: OrganizerIdentity) -> str:
    """The text to hand to experts: base64 of the raw public key."""
    return identity.public_key_b64


def organizer_fingerprint(public_key: bytes) -> str:
    """The fingerprint experts compare (docs/formats.md §1.3)."""
    return fmt.fingerprint(public_key)
