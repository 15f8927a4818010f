"""The expert identity: keyring when usable, encrypted key file otherwise; loss; export."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from reviewer_app.cli.package_commands import read_recipient
from reviewer_app.identity import KeyFileInvalid, KeyStoreUnavailable, WrongKeyPassphrase
from reviewer_app.identity.expert import (
    EXPERT_ENTRY,
    ExpertIdentity,
    ExpertKeyLost,
    ExpertKeys,
    expert_key_store,
    parse_public_key_file,
    public_key_file_text,
    write_public_key_file,
)
from reviewer_app.package import Argon2Params, fingerprint
from reviewer_app.sheets.body import key_id_for

FAST = Argon2Params(8192, 1, 1)


class Prompts:
    """A passphrase provider that records whether each call was a creation."""

    def __init__(self, passphrase: str = "expert key: amber-quartz-violin-7") -> None:
        self.passphrase = passphrase
        self.calls: list[bool] = []

    def __call__(self, creating: bool) -> str:
        self.calls.append(creating)
        return self.passphrase


def _keys(tmp_path: Path, prompts: Prompts | None = None) -> ExpertKeys:
    directory = tmp_path / "keys"
    return ExpertKeys(expert_key_store(directory, prompts or Prompts(), FAST), directory)


def test_first_use_creates_both_keys_in_the_keyring(memory_keyring, tmp_path):
    keys = _keys(tmp_path)
    identity, created = keys.load_or_create()
    assert created
    assert len(identity.signing_public_key) == 32 and len(identity.encryption_public_key) == 32
    again, created = keys.load_or_create()
    assert not created
    assert again.signing_public_key == identity.signing_public_key
    assert again.encryption_private_bytes == identity.encryption_private_bytes
    assert ("reviewer-app", EXPERT_ENTRY) in memory_keyring.store
    assert not (tmp_path / "keys" / f"{EXPERT_ENTRY}.key").exists()
    location = keys.location()
    assert location.kind == "keyring" and location.why_not_keyring is None
    # Same fingerprint style as the organizer's; the key id is what sheets carry.
    assert identity.fingerprint == fingerprint(identity.signing_public_key)
    assert identity.key_id == key_id_for(identity.signing_public_key)
    assert identity.fingerprint.replace(" ", "").lower().startswith(identity.key_id)
    # The public record holds public keys only.
    record = json.loads(keys.record_path.read_text(encoding="utf-8"))
    secret = identity.to_record().secret
    assert identity.signing_key.private_bytes_raw().hex() not in json.dumps(record)
    assert secret[:32] not in keys.record_path.read_bytes()


def test_no_keyring_falls_back_to_the_encrypted_file(fail_keyring, tmp_path):
    prompts = Prompts()
    keys = _keys(tmp_path, prompts)
    identity, created = keys.load_or_create()
    assert created and prompts.calls == [True]  # creating: the GUI asks twice
    path = tmp_path / "keys" / f"{EXPERT_ENTRY}.key"
    assert path.is_file()
    location = keys.location()
    assert location.kind == "file" and location.where == str(path)
    assert location.why_not_keyring == "no system keyring is available"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    for secret in (identity.signing_key.private_bytes_raw(), identity.encryption_private_bytes):
        assert secret not in raw and secret.hex().encode() not in raw
    assert json.loads(raw)["format"] == "reviewer-app/keyfile/1"
    again, created = keys.load_or_create()
    assert not created and prompts.calls == [True, False]  # unlocking: asked once
    assert again.signing_public_key == identity.signing_public_key
    with pytest.raises(WrongKeyPassphrase):
        _keys(tmp_path, Prompts("wrong")).load()


def test_a_lost_key_is_reported_never_silently_replaced(memory_keyring, tmp_path):
    keys = _keys(tmp_path)
    first, _ = keys.load_or_create()
    memory_keyring.store.clear()  # e.g. the OS keyring was reset
    with pytest.raises(ExpertKeyLost) as lost:
        keys.load_or_create()
    assert lost.value.previous.signing == first.signing_public_key
    second = keys.create_new()
    assert second.signing_public_key != first.signing_public_key
    record = keys.public_record()
    assert record.current is not None and record.current.signing == second.signing_public_key
    assert [r.signing for r in record.retired] == [first.signing_public_key]
    assert record.retired[0].retired_at
    assert keys.load().signing_public_key == second.signing_public_key


def test_create_new_replaces_a_working_identity(memory_keyring, tmp_path):
    keys = _keys(tmp_path)
    first, _ = keys.load_or_create()
    second = keys.create_new()
    third = keys.create_new()
    assert keys.load().signing_public_key == third.signing_public_key
    assert [r.signing for r in keys.public_record().retired] == [
        first.signing_public_key, second.signing_public_key]


def test_a_damaged_public_record_is_repaired(memory_keyring, tmp_path):
    keys = _keys(tmp_path)
    identity, _ = keys.load_or_create()
    keys.record_path.write_text("{not json", encoding="utf-8")
    assert keys.load().signing_public_key == identity.signing_public_key
    assert keys.public_record().current.signing == identity.signing_public_key


def test_locked_keyring_is_an_error_not_a_new_key(memory_keyring, tmp_path):
    keys = _keys(tmp_path)
    identity, _ = keys.load_or_create()
    memory_keyring.locked = True
    with pytest.raises(KeyStoreUnavailable):
        keys.load_or_create()
    memory_keyring.locked = False
    assert keys.load().signing_public_key == identity.signing_public_key


def test_a_record_of_another_kind_is_refused(memory_keyring, tmp_path):
    from reviewer_app.identity import OrganizerIdentity

    keys = _keys(tmp_path)
    keys.store.save(EXPERT_ENTRY, OrganizerIdentity.generate().to_record())
    with pytest.raises(KeyFileInvalid):
        keys.load()


def test_public_key_file_works_with_build_recipient(memory_keyring, tmp_path):
    keys = _keys(tmp_path)
    old, _ = keys.load_or_create()
    identity = keys.create_new()
    path = tmp_path / "me.pub"
    write_public_key_file(path, identity, "张三", keys.public_record().retired)
    text = path.read_text(encoding="utf-8")
    assert read_recipient(path) == identity.encryption_public_key
    parsed = parse_public_key_file(text)
    assert parsed.encryption == identity.encryption_public_key
    assert parsed.signing == identity.signing_public_key
    assert parsed.expert_name == "张三"
    assert identity.fingerprint in text and identity.encryption_fingerprint in text
    assert old.key_id in text  # the retired key is listed for the secretariat's records
    assert identity.signing_key.private_bytes_raw().hex() not in text


@pytest.mark.parametrize("name", ["a\nAAAA", "a\rb", "x\u2028QUJD", "x\x85y", "x\x0bq",
                                  "x\u2029y\x1ez"])
def test_a_name_cannot_inject_a_key_line(name, tmp_path):
    identity = ExpertIdentity.generate()
    text = public_key_file_text(identity, name)
    path = tmp_path / "pub"
    path.write_text(text, encoding="utf-8")
    assert read_recipient(path) == identity.encryption_public_key
    assert sum(1 for ln in text.splitlines() if ln.strip() and not ln.startswith("#")) == 1


def test_parse_rejects_junk():
    for text in ("", "# only a comment\n", "not base64!\n", "QUJD\n"):
        with pytest.raises(KeyFileInvalid):
            parse_public_key_file(text)
