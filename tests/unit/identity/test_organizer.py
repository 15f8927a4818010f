"""Organizer key storage: keyring when usable, encrypted key file otherwise, never plaintext."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from reviewer_app.identity import (
    ORGANIZER_ENTRY,
    AutoKeyStore,
    EncryptedFileKeyStore,
    KeyFileInvalid,
    KeyNotFound,
    KeyringKeyStore,
    KeyStoreUnavailable,
    OrganizerIdentity,
    SecretRecord,
    WrongKeyPassphrase,
    export_public_key,
    keyring_problem,
    load_organizer_key_file,
    organizer_fingerprint,
    read_key_file,
    read_passphrase_file,
    write_key_file,
)
from reviewer_app.identity.keyfile import decrypt_key_file, encrypt_key_file
from reviewer_app.package import Argon2Params, fingerprint
from tests.helpers.keyring_memory import MemoryKeyring, PlaintextKeyring

STRONG = "my key file: orchid-tundra-piston-58"
FAST = Argon2Params(8192, 1, 1)


def _files(tmp_path: Path,
           passphrase: str = "key file: lantern-cobalt-thistle-42") -> EncryptedFileKeyStore:
    return EncryptedFileKeyStore(tmp_path / "keys", lambda confirm: passphrase, FAST)


def test_keyring_store_round_trip(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    store = AutoKeyStore(_files(tmp_path))
    first, created = OrganizerIdentity.load_or_create(store)
    assert created
    again, created = OrganizerIdentity.load_or_create(store)
    assert not created and again.public_key == first.public_key
    assert ("reviewer-app", ORGANIZER_ENTRY) in memory_keyring.store
    assert not (tmp_path / "keys").exists()
    assert store.location(ORGANIZER_ENTRY).startswith("the system keyring")


def test_fail_backend_falls_back_to_encrypted_file(fail_keyring: None, tmp_path: Path) -> None:
    assert keyring_problem() == "no system keyring is available"
    store = AutoKeyStore(_files(tmp_path))
    identity, created = OrganizerIdentity.load_or_create(store)
    assert created
    path = tmp_path / "keys" / f"{ORGANIZER_ENTRY}.key"
    assert path.is_file() and store.location(ORGANIZER_ENTRY) == str(path)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    assert identity.private_key.private_bytes_raw() not in raw
    assert json.loads(raw)["format"] == "reviewer-app/keyfile/1"
    again, created = OrganizerIdentity.load_or_create(store)
    assert not created and again.public_key == identity.public_key
    with pytest.raises(WrongKeyPassphrase):
        OrganizerIdentity.load(AutoKeyStore(_files(tmp_path, "another")))


def test_plaintext_keyring_is_refused(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    try:
        assert "does not encrypt" in (keyring_problem() or "")
        identity, _ = OrganizerIdentity.load_or_create(AutoKeyStore(_files(tmp_path)))
        assert (tmp_path / "keys" / f"{ORGANIZER_ENTRY}.key").is_file()
        assert identity.fingerprint
    finally:
        keyring.set_keyring(previous)


def test_locked_keyring(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    memory_keyring.locked = True
    store = AutoKeyStore(_files(tmp_path))
    # Reading a locked keyring is an error, never a reason to mint a second key...
    with pytest.raises(KeyStoreUnavailable):
        OrganizerIdentity.load_or_create(store)
    # ...but saving a new key when the keyring refuses goes to the encrypted file.
    identity = OrganizerIdentity.generate()
    store.save(ORGANIZER_ENTRY, identity.to_record())
    assert OrganizerIdentity.load(store).public_key == identity.public_key


def test_existing_key_file_wins(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    files = _files(tmp_path)
    identity = OrganizerIdentity.generate()
    files.save(ORGANIZER_ENTRY, identity.to_record())
    assert OrganizerIdentity.load(AutoKeyStore(files)).public_key == identity.public_key


def test_missing_key(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    with pytest.raises(KeyNotFound):
        OrganizerIdentity.load(AutoKeyStore(_files(tmp_path)))
    memory_keyring.store[("reviewer-app", ORGANIZER_ENTRY)] = "garbage"
    with pytest.raises(KeyFileInvalid):
        OrganizerIdentity.load(KeyringKeyStore())


def test_explicit_key_file_option(tmp_path: Path) -> None:
    identity = OrganizerIdentity.generate()
    key = tmp_path / "organizer.key"
    identity.save_key_file(key, "pässphrase für Schlüssel-Datei 9k", FAST)
    pw = tmp_path / "pw.txt"
    pw.write_text("pässphrase für Schlüssel-Datei 9k\n", encoding="utf-8")
    loaded = load_organizer_key_file(key, pw)
    assert loaded.public_key == identity.public_key
    assert export_public_key(loaded) == identity.public_key_b64
    assert organizer_fingerprint(loaded.public_key) == fingerprint(identity.public_key)
    pw.write_text("wrong\n", encoding="utf-8")
    with pytest.raises(WrongKeyPassphrase):
        load_organizer_key_file(key, pw)
    other = tmp_path / "other.key"
    write_key_file(other, SecretRecord("x25519-expert", bytes(32)), STRONG, FAST)
    pw.write_text(STRONG, encoding="utf-8")
    with pytest.raises(KeyFileInvalid):
        load_organizer_key_file(other, pw)


def test_key_file_is_authenticated(tmp_path: Path) -> None:
    data = encrypt_key_file(SecretRecord("ed25519-organizer", b"s" * 32), "pw", FAST)
    assert decrypt_key_file(data, "pw").secret == b"s" * 32
    obj = json.loads(data)
    for field, value in [("kind", "x25519-expert")]:
        tampered = json.dumps({**obj, field: value}).encode()
        with pytest.raises(WrongKeyPassphrase):
            decrypt_key_file(tampered, "pw")
    downgraded = json.dumps({**obj, "kdf": {**obj["kdf"], "iterations": 2}}).encode()
    with pytest.raises(WrongKeyPassphrase):
        decrypt_key_file(downgraded, "pw")
    for bad in (b"", b"{}", b"not json", data.replace(b'"format"', b'"format","x":1,"y"'),
                json.dumps({**obj, "kdf": {**obj["kdf"], "memory_kib": 2**21}}).encode(),
                b"{" * 70000):
        with pytest.raises(KeyFileInvalid):
            decrypt_key_file(bad, "pw")


def test_passphrase_file(tmp_path: Path) -> None:
    path = tmp_path / "p"
    path.write_bytes(b"secret words\r\n")
    assert read_passphrase_file(path) == "secret words"
    path.write_bytes(b"  spaces kept  ")
    assert read_passphrase_file(path) == "  spaces kept  "
    for bad in (b"", b"\n", b"\xff\xfe", b"x" * 5000):
        path.write_bytes(bad)
        with pytest.raises(KeyFileInvalid):
            read_passphrase_file(path)


def test_key_file_read_limits(tmp_path: Path) -> None:
    path = tmp_path / "big.key"
    path.write_bytes(b" " * 70000)
    with pytest.raises(KeyFileInvalid):
        read_key_file(path, "pw")
