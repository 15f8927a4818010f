"""Unlocking a package built for the expert (``build --recipient``) with their own key.

Real packages (writer + reader), the real identity store: an in-memory keyring, or
the encrypted key file when no keyring is usable.
"""

from __future__ import annotations

import base64
import copy
import sqlite3
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

pytest.importorskip("reviewer_app.package.reader")

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from reviewer_app.gui.expert.session import FailureKind, open_package
from reviewer_app.identity.expert import ExpertIdentity, ExpertKeys, expert_key_store
from reviewer_app.package import Argon2Params, MemberSource, write_package
from tests.gui.fakes import PASSPHRASE, SEAT_CODE, SEAT_ID

FAST = Argon2Params(memory_kib=64, iterations=1, lanes=1)
KEY_FILE_ARGON2 = Argon2Params(8192, 1, 1)
ORGANIZER = Ed25519PrivateKey.generate()
KEY_PASSPHRASE = "my key file: orchid-tundra-piston-58"


def build(fake_content, out: Path, recipients: list[bytes], *,
          passphrase: str | None = PASSPHRASE) -> Path:
    manifest, members = fake_content
    plan = {k: v for k, v in manifest.items() if k not in ("package_id", "members")}
    sources = [MemberSource(name=m["name"], media_type=m["media_type"], data=members[m["id"]])
               for m in manifest["members"]]
    write_package(out, plan, sources, organizer_key=ORGANIZER, organizer_name="南山区科技创新局",
                  passphrase=passphrase, recipients=recipients, argon2=FAST,
                  package_id=bytes.fromhex(manifest["package_id"]))
    return out


def create_identity(window, *, passphrase: str | None = None) -> ExpertIdentity:
    """The expert's identity where the window's sheet controller keeps it."""
    directory = window.sheet_controller.key_directory
    store = expert_key_store(directory, lambda _creating: passphrase or "", KEY_FILE_ARGON2)
    return ExpertKeys(store, directory).create_new()


def trusting(window):
    window.confirm_trust = lambda _fingerprint: True
    return window


def press_ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox, "buttonBox").button(
        QDialogButtonBox.StandardButton.Ok).click()


def fill_seat(qtbot, dialog) -> None:
    for name, text in (("seatIdEdit", SEAT_ID), ("seatCodeEdit", SEAT_CODE)):
        edit = dialog.findChild(QLineEdit, name)
        edit.clear()
        qtbot.keyClicks(edit, text)


def attempt(qtbot, dialog, passphrase: str | None = None) -> None:
    """Type ``passphrase`` (when given), press OK and wait for the worker's answer."""
    before = dialog.attempts
    if passphrase is not None:
        edit = dialog.findChild(QLineEdit, "passphraseEdit")
        edit.clear()
        qtbot.keyClicks(edit, passphrase)
    press_ok(dialog)
    assert dialog.attempts == before + 1
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20000)


def test_keyring_key_opens_without_any_passphrase(qtbot, make_window, memory_keyring,
                                                  fake_content, tmp_path):
    window = trusting(make_window(open_package))
    identity = create_identity(window)
    package = build(fake_content, tmp_path / "mine.revpkg", [identity.encryption_public_key],
                    passphrase=None)  # only the expert's key opens it
    dialog = window.open_path(package)
    ui = dialog.ui
    assert ui.ownKeyRadio.isChecked(), "the header names our key: preselected"
    assert not ui.passphraseEdit.isVisibleTo(dialog)
    assert identity.fingerprint in ui.ownKeyInfo.text() and "密钥环" in ui.ownKeyInfo.text()
    fill_seat(qtbot, dialog)
    press_ok(dialog)
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)
    assert window.session.package.read_member(1).startswith(b"%PDF")
    # After the idle lock, the same key unlocks again.
    window.lock()
    again = window.unlock()
    assert again.ui.ownKeyRadio.isChecked() and again.ui.seatIdEdit.isReadOnly()
    press_ok(again)
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)


def test_key_file_fallback_asks_for_its_passphrase(qtbot, make_window, fail_keyring,
                                                   fake_content, tmp_path):
    window = trusting(make_window(open_package))
    window.sheet_controller.ask_passphrase = lambda *a: pytest.fail("no pop-up prompt")
    identity = create_identity(window, passphrase=KEY_PASSPHRASE)
    package = build(fake_content, tmp_path / "mine.revpkg", [identity.encryption_public_key])
    dialog = window.open_path(package)
    ui = dialog.ui
    assert ui.ownKeyRadio.isChecked() and ui.passphraseEdit.isVisibleTo(dialog)
    assert ui.passphraseLabel.text() == "密钥文件口令："
    fill_seat(qtbot, dialog)
    press_ok(dialog)  # nothing typed: asked for the key file's passphrase, no attempt
    assert dialog.attempts == 0 and "密钥文件" in ui.errorLabel.text()
    attempt(qtbot, dialog, PASSPHRASE)  # the package passphrase is not the key's
    assert dialog.failure.kind is FailureKind.WRONG_KEY_PASSPHRASE
    assert ui.ownKeyRadio.isChecked() and not ui.passphraseEdit.text()
    attempt(qtbot, dialog, KEY_PASSPHRASE)
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)


def test_package_not_built_for_my_key_says_use_the_passphrase(
        qtbot, make_window, memory_keyring, fake_content, tmp_path):
    window = trusting(make_window(open_package))
    create_identity(window)
    stranger = X25519PrivateKey.generate().public_key().public_bytes_raw()
    package = build(fake_content, tmp_path / "other.revpkg", [stranger])
    dialog = window.open_path(package)
    ui = dialog.ui
    assert ui.passphraseRadio.isChecked(), "not built for us: the passphrase by default"
    ui.ownKeyRadio.setChecked(True)
    fill_seat(qtbot, dialog)
    attempt(qtbot, dialog)
    assert dialog.failure.kind is FailureKind.NOT_FOR_THIS_KEY
    assert ui.errorLabel.text() == "这个评审包不是为您的密钥制作的。请改用评审包口令。"
    assert ui.passphraseRadio.isChecked() and ui.passphraseEdit.isVisibleTo(dialog)
    attempt(qtbot, dialog, PASSPHRASE)
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)


def test_without_a_key_on_this_computer(qtbot, make_window, memory_keyring, fake_content,
                                        tmp_path):
    window = trusting(make_window(open_package))
    stranger = X25519PrivateKey.generate().public_key().public_bytes_raw()
    keys_only = build(fake_content, tmp_path / "keys-only.revpkg", [stranger],
                      passphrase=None)
    dialog = window.open_path(keys_only)
    ui = dialog.ui
    fill_seat(qtbot, dialog)
    attempt(qtbot, dialog, PASSPHRASE)  # a package that has no passphrase stanza
    assert dialog.failure.kind is FailureKind.NOT_FOR_THIS_KEY
    assert "登记专家的密钥" in ui.errorLabel.text() and ui.ownKeyRadio.isChecked()
    assert ui.ownKeyInfo.text() == "本机上还没有签名密钥。"
    attempt(qtbot, dialog)
    assert dialog.failure.kind is FailureKind.NO_OWN_KEY
    assert "请使用评审包口令" in ui.errorLabel.text() and ui.passphraseRadio.isChecked()
    assert window.session is None


def enrolled(fake_content, identity: ExpertIdentity):
    """The fake content with seat S01 enrolled with the expert's signing key."""
    manifest, members = fake_content
    manifest = copy.deepcopy(manifest)
    manifest["seats"][0]["public_key"] = base64.b64encode(identity.signing_public_key).decode()
    return manifest, members


def test_enrolled_expert_needs_no_seat_code(qtbot, make_window, memory_keyring, fake_content,
                                            tmp_path, data_dir):
    window = trusting(make_window(open_package))
    identity = create_identity(window)
    package = build(enrolled(fake_content, identity), tmp_path / "mine.revpkg",
                    [identity.encryption_public_key])
    dialog = window.open_path(package)
    dialog.findChild(QLineEdit, "seatIdEdit").setText(SEAT_ID)
    attempt(qtbot, dialog)  # no passphrase, no seat code: the key stands for both
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)
    package_id = window.session.package.package_id
    window.lock()
    again = window.unlock()
    press_ok(again)
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)
    window.close_package()
    with sqlite3.connect(data_dir / "workspaces" / f"{package_id}-S01.sqlite") as raw:
        assert raw.execute("SELECT key_source FROM workspace_meta").fetchone() == ("identity",)
    # The workspace takes the key, so the passphrase with a seat code does not open it.
    dialog = window.open_path(package)
    dialog.ui.passphraseRadio.setChecked(True)
    fill_seat(qtbot, dialog)
    attempt(qtbot, dialog, PASSPHRASE)
    assert dialog.failure.kind is FailureKind.WORKSPACE
    assert "own key and no seat code" in dialog.ui.errorLabel.text()
    assert window.session is None


def test_seat_without_an_enrolled_key_still_needs_its_code(qtbot, make_window, memory_keyring,
                                                          fake_content, tmp_path):
    window = trusting(make_window(open_package))
    identity = create_identity(window)
    package = build(fake_content, tmp_path / "mine.revpkg", [identity.encryption_public_key])
    dialog = window.open_path(package)
    dialog.findChild(QLineEdit, "seatIdEdit").setText(SEAT_ID)
    attempt(qtbot, dialog)
    assert dialog.failure.kind is FailureKind.SEAT_CODE_NEEDED
    assert dialog.ui.errorLabel.text() == "此席位需要席位码：请输入通知函上印的席位码。"
    assert window.session is None
    fill_seat(qtbot, dialog)
    attempt(qtbot, dialog)
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)
