"""The expert's identity: an Ed25519 signing key and an X25519 encryption key.

Both secrets live together in one key store entry (:data:`EXPERT_ENTRY`), so
they are created, replaced and lost together. The OS keyring holds them when it
is usable, else an Argon2id-encrypted key file (see :class:`AutoKeyStore`).

Beside the secrets, a small *public* record (``expert-identity.json`` in the key
directory) remembers the current public keys and every retired identity. It
holds no secret; it lets the app tell "first use" from "the key was lost", and
lets the exported public key file list earlier keys. Sheets signed with a
retired key stay verifiable anyway: each sheet carries its own public key.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from reviewer_app.atomic import atomic_write_bytes
from reviewer_app.files import private_dir
from reviewer_app.identity.errors import KeyFileInvalid, KeyNotFound
from reviewer_app.identity.keyfile import SecretRecord
from reviewer_app.identity.keystore import (
    AutoKeyStore,
    EncryptedFileKeyStore,
    KeyStore,
    PassphraseProvider,
    keyring_problem,
)
from reviewer_app.package import format as fmt
from reviewer_app.package.stanzas import Argon2Params

EXPERT_ENTRY = "expert-identity"
EXPERT_KIND = "expert-ed25519-x25519"
PUBLIC_RECORD_NAME = "expert-identity.json"
PUBLIC_RECORD_FORMAT = "reviewer-app/expert-public-keys/1"
PUBLIC_KEY_FILE_HEADER = ("# Expert Review Desk: expert public key "
                          "(reviewer-admin build --recipient)")
MAX_PUBLIC_RECORD_SIZE = 1 << 20


class ExpertKeyLost(KeyNotFound):
    """This user had an identity, but its secret keys are gone (keyring reset, file deleted).

    Attributes:
        previous: the public keys of the lost identity.
    """

    def __init__(self, message: str, previous: PublicKeys) -> None:
        super().__init__(message)
        self.previous = previous


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class PublicKeys:
    """The public half of one identity, with when it was created and retired."""

    signing: bytes
    encryption: bytes
    created_at: str
    retired_at: str | None = None

    @property
    def fingerprint(self) -> str:
        """Of the signing key: what the app shows and compares (docs/formats.md §1.3)."""
        return fmt.fingerprint(self.signing)

    @property
    def key_id(self) -> str:
        """Of the signing key: what sheets and their PDFs carry (16 hex)."""
        return fmt.key_id(self.signing)

    @property
    def encryption_fingerprint(self) -> str:
        return fmt.fingerprint(self.encryption)

    def to_dict(self) -> dict[str, object]:
        return {"signing_public_key": fmt.b64encode(self.signing),
                "encryption_public_key": fmt.b64encode(self.encryption),
                "created_at": self.created_at, "retired_at": self.retired_at}

    @classmethod
    def from_dict(cls, obj: object) -> PublicKeys:
        if not isinstance(obj, dict):
            raise ValueError("not an object")
        retired = obj.get("retired_at")
        if not isinstance(obj.get("created_at"), str) or not (
                retired is None or isinstance(retired, str)):
            raise ValueError("bad dates")
        return cls(fmt.b64decode_exact(obj["signing_public_key"], 32, "signing key"),
                   fmt.b64decode_exact(obj["encryption_public_key"], 32, "encryption key"),
                   obj["created_at"], retired)


@dataclass(frozen=True)
class ExpertIdentity:
    """The expert's two private keys: one signs score sheets, one opens packages."""

    signing_key: Ed25519PrivateKey
    encryption_key: X25519PrivateKey

    @classmethod
    def generate(cls) -> ExpertIdentity:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @classmethod
    def from_record(cls, record: SecretRecord, where: str) -> ExpertIdentity:
        if record.kind != EXPERT_KIND or len(record.secret) != 64:
            raise KeyFileInvalid(f"{where} does not hold an expert identity")
        return cls(Ed25519PrivateKey.from_private_bytes(record.secret[:32]),
                   X25519PrivateKey.from_private_bytes(record.secret[32:]))

    def to_record(self) -> SecretRecord:
        return SecretRecord(EXPERT_KIND, self.signing_key.private_bytes_raw()
                            + self.encryption_key.private_bytes_raw())

    @property
    def signing_public_key(self) -> bytes:
        """The raw 32-byte Ed25519 public key (it goes into every sheet)."""
        return self.signing_key.public_key().public_bytes_raw()

    @property
    def encryption_public_key(self) -> bytes:
        """The raw 32-byte X25519 public key (``build --recipient``)."""
        return self.encryption_key.public_key().public_bytes_raw()

    @property
    def encryption_private_bytes(self) -> bytes:
        """The raw X25519 secret, for opening a package built for this expert."""
        return self.encryption_key.private_bytes_raw()

    @property
    def fingerprint(self) -> str:
        return fmt.fingerprint(self.signing_public_key)

    @property
    def key_id(self) -> str:
        return fmt.key_id(self.signing_public_key)

    @property
    def encryption_fingerprint(self) -> str:
        return fmt.fingerprint(self.encryption_public_key)

    def public_keys(self, created_at: str | None = None) -> PublicKeys:
        return PublicKeys(self.signing_public_key, self.encryption_public_key,
                          created_at or _now())


@dataclass(frozen=True)
class PublicRecord:
    """What ``expert-identity.json`` holds: the current public keys and retired ones."""

    current: PublicKeys | None = None
    retired: tuple[PublicKeys, ...] = ()


@dataclass(frozen=True)
class KeyLocation:
    """Where the secret keys are kept: ``kind`` is "keyring" or "file"; ``where`` names it.

    ``why_not_keyring`` says why the keyring is not used (None when it is).
    """

    kind: str
    where: str
    why_not_keyring: str | None = None


class ExpertKeys:
    """The expert identity in a key store, with its public record in ``directory``.

    Args:
        store: where the secrets go (normally :func:`expert_key_store`).
        directory: holds the public record (and the key file, in the file fallback).
    """

    def __init__(self, store: KeyStore, directory: Path) -> None:
        self.store = store
        self.directory = Path(directory)

    @property
    def record_path(self) -> Path:
        return self.directory / PUBLIC_RECORD_NAME

    # --- public record --------------------------------------------------------
    def public_record(self) -> PublicRecord:
        """The public record; an absent or damaged one reads as empty (it holds no secret)."""
        try:
            with self.record_path.open("rb") as handle:
                data = handle.read(MAX_PUBLIC_RECORD_SIZE + 1)
            obj = json.loads(data)
            if not isinstance(obj, dict) or obj.get("format") != PUBLIC_RECORD_FORMAT:
                return PublicRecord()
            current = obj.get("current")
            return PublicRecord(None if current is None else PublicKeys.from_dict(current),
                                tuple(PublicKeys.from_dict(r) for r in obj.get("retired", ())))
        except (OSError, ValueError, KeyError, TypeError):
            return PublicRecord()

    def _write_record(self, record: PublicRecord) -> None:
        private_dir(self.directory)
        data = json.dumps({"format": PUBLIC_RECORD_FORMAT,
                           "current": record.current.to_dict() if record.current else None,
                           "retired": [r.to_dict() for r in record.retired]},
                          ensure_ascii=False, indent=1).encode("utf-8")
        atomic_write_bytes(self.record_path, data + b"\n", mode=0o600)

    # --- secrets ----------------------------------------------------------------
    def load(self) -> ExpertIdentity:
        """The stored identity.

        Raises:
            ExpertKeyLost: the public record names an identity whose secrets are gone.
            KeyNotFound: no identity was ever created here.
            KeyStoreUnavailable, WrongKeyPassphrase, KeyFileInvalid: from the store.
        """
        stored = self.store.load(EXPERT_ENTRY)
        record = self.public_record()
        if stored is None:
            if record.current is not None:
                raise ExpertKeyLost(
                    f"the expert signing key {record.current.fingerprint} is no longer in "
                    f"{self.store.description}", record.current)
            raise KeyNotFound(f"no expert identity in {self.store.description}")
        identity = ExpertIdentity.from_record(stored, self.store.description)
        current = record.current
        if current is None or (current.signing, current.encryption) != (
                identity.signing_public_key, identity.encryption_public_key):
            # Repair a missing or stale public record (e.g. restored keyring, lost json).
            retired = record.retired + ((_retire(current),) if current else ())
            self._write_record(PublicRecord(identity.public_keys(), retired))
        return identity

    def load_or_create(self) -> tuple[ExpertIdentity, bool]:
        """The stored identity, or a new one on first use; and whether it is new.

        Raises:
            ExpertKeyLost: an identity existed but is gone; only :meth:`create_new`
                (after asking the expert) replaces it, never a silent new key.
        """
        try:
            return self.load(), False
        except ExpertKeyLost:
            raise
        except KeyNotFound:
            return self.create_new(), True

    def create_new(self) -> ExpertIdentity:
        """Create and store a new identity, retiring the current one's public keys.

        The old secrets are overwritten: a new identity is for a lost or exposed key.
        """
        identity = ExpertIdentity.generate()
        record = self.public_record()
        store = self.store
        if isinstance(store, AutoKeyStore) and store.files.exists(EXPERT_ENTRY):
            # AutoKeyStore.load prefers an existing key file: the replacement must go
            # there too, or the old key would keep being loaded.
            store = store.files
        store.save(EXPERT_ENTRY, identity.to_record())
        retired = record.retired + ((_retire(record.current),) if record.current else ())
        self._write_record(PublicRecord(identity.public_keys(), retired))
        return identity

    def location(self) -> KeyLocation:
        """Where the identity is (or will be) kept, for the Settings dialog."""
        problem = keyring_problem()
        if isinstance(self.store, AutoKeyStore):
            files = self.store.files
            if files.exists(EXPERT_ENTRY) or problem is not None:
                return KeyLocation("file", str(files.path(EXPERT_ENTRY)), problem)
            return KeyLocation("keyring", self.store.ring.description)
        if isinstance(self.store, EncryptedFileKeyStore):
            return KeyLocation("file", str(self.store.path(EXPERT_ENTRY)), problem)
        return KeyLocation("keyring", self.store.description)


def _retire(keys: PublicKeys) -> PublicKeys:
    return keys if keys.retired_at else PublicKeys(keys.signing, keys.encryption,
                                                   keys.created_at, _now())


def expert_key_store(directory: Path, passphrase: PassphraseProvider,
                     params: Argon2Params | None = None) -> AutoKeyStore:
    """The keyring when usable, else ``<directory>/expert-identity.key`` under a passphrase."""
    return AutoKeyStore(EncryptedFileKeyStore(directory, passphrase, params))


# --- the exported public key file ----------------------------------------------

def _one_line(text: str) -> str:
    # A line break inside the name would start a non-comment line that
    # ``parse_public_key_file`` takes for the key: fold every control and separator to a space.
    cleaned = "".join(" " if unicodedata.category(ch)[0] == "C"
                      or unicodedata.category(ch) in ("Zl", "Zp") else ch for ch in text)
    return " ".join(cleaned.split())[:200]


def public_key_file_text(identity: ExpertIdentity, expert_name: str = "",
                         retired: tuple[PublicKeys, ...] = ()) -> str:
    """The "Export my public key" file.

    The first line that is neither empty nor a ``#`` comment is the base64 of the
    raw X25519 key, which is all ``reviewer-admin build --recipient`` reads. The
    comments name the expert and give the Ed25519 signing key and fingerprints
    for the secretariat's records, plus every retired signing key.
    """
    lines = [PUBLIC_KEY_FILE_HEADER]
    name = _one_line(expert_name)
    if name:
        lines.append(f"# expert: {name}")
    lines += [
        f"# encryption key (X25519) fingerprint: {identity.encryption_fingerprint}",
        f"# signing key (Ed25519): {fmt.b64encode(identity.signing_public_key)}",
        f"# signing key fingerprint: {identity.fingerprint} (key id {identity.key_id})",
        f"# exported: {_now()}",
        fmt.b64encode(identity.encryption_public_key),
    ]
    for old in retired:
        lines.append(f"# retired signing key (Ed25519): {fmt.b64encode(old.signing)} "
                     f"key id {old.key_id}, retired {old.retired_at or '?'}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ExportedPublicKey:
    """What a public key file says: the X25519 key, and the signing key when present."""

    encryption: bytes
    signing: bytes | None = None
    expert_name: str = ""


def parse_public_key_file(text: str) -> ExportedPublicKey:
    """Read a public key file: the X25519 key (the first line neither empty nor a
    ``#`` comment, all that ``build --recipient`` needs), plus the commented signing key.

    Raises:
        KeyFileInvalid: no base64 line of a 32-byte key.
    """
    lines = [ln.strip() for ln in text.splitlines()]
    keys = [ln for ln in lines if ln and not ln.startswith("#")]
    try:
        raw = base64.b64decode(keys[0], validate=True) if keys else b""
    except binascii.Error:
        raw = b""
    if len(raw) != 32:
        raise KeyFileInvalid("not an exported public key (base64 of 32 bytes)")
    signing, name = None, ""
    for line in lines:
        if line.startswith("# signing key (Ed25519): ") and signing is None:
            try:
                signing = fmt.b64decode_exact(line.split(": ", 1)[1], 32, "signing key")
            except ValueError:
                signing = None
        elif line.startswith("# expert: ") and not name:
            name = line.split(": ", 1)[1]
    return ExportedPublicKey(raw, signing, name)


def write_public_key_file(path: Path, identity: ExpertIdentity, expert_name: str = "",
                          retired: tuple[PublicKeys, ...] = ()) -> None:
    """Write :func:`public_key_file_text` atomically (it holds no secret)."""
    atomic_write_bytes(Path(path), public_key_file_text(identity, expert_name, retired)
                       .encode("utf-8"))
