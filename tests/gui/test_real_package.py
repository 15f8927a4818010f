"""End to end with a real package built by the writer and opened by the real reader."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

pytest.importorskip("reviewer_app.package.reader")

from PySide6.QtWidgets import QLineEdit

from reviewer_app.gui.expert.session import Credentials, FailureKind, OpenFailure, open_package
from reviewer_app.package import Argon2Params, MemberSource, write_package
from tests.gui.conftest import fill_unlock, open_and_unlock
from tests.gui.fakes import PASSPHRASE

FAST = Argon2Params(memory_kib=64, iterations=1, lanes=1)


@pytest.fixture(scope="module")
def expert_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


@pytest.fixture(scope="module")
def real_package(tmp_path_factory, fake_content, expert_key):
    from cryptography.hazmat.primitives import serialization

    manifest, members = fake_content
    plan = {k: v for k, v in manifest.items() if k not in ("package_id", "members")}
    sources = [MemberSource(name=m["name"], media_type=m["media_type"], data=members[m["id"]])
               for m in manifest["members"]]
    out = tmp_path_factory.mktemp("pkg") / "review.revpkg"
    recipient = expert_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                     serialization.PublicFormat.Raw)
    write_package(out, plan, sources, organizer_key=Ed25519PrivateKey.generate(),
                  organizer_name="南山区科技创新局", passphrase=PASSPHRASE,
                  recipients=[recipient], argon2=FAST,
                  package_id=bytes.fromhex(manifest["package_id"]))
    return out


def test_adapter_maps_reader_errors(real_package, tmp_path):
    with pytest.raises(OpenFailure) as wrong:
        open_package(real_package, Credentials(passphrase="nope"), set())
    assert wrong.value.kind is FailureKind.WRONG_PASSPHRASE
    with pytest.raises(OpenFailure) as untrusted:
        open_package(real_package, Credentials(passphrase=PASSPHRASE), set())
    assert untrusted.value.kind is FailureKind.UNTRUSTED_ORGANIZER
    assert untrusted.value.fingerprint and untrusted.value.public_key
    junk = tmp_path / "junk.revpkg"
    junk.write_bytes(b"hello, this is not a package at all" * 10)
    with pytest.raises(OpenFailure) as not_pkg:
        open_package(junk, Credentials(passphrase=PASSPHRASE), set())
    assert not_pkg.value.kind is FailureKind.NOT_A_PACKAGE
    cut = tmp_path / "cut.revpkg"
    cut.write_bytes(real_package.read_bytes()[:-100])
    with pytest.raises(OpenFailure) as truncated:
        open_package(cut, Credentials(passphrase=PASSPHRASE), {untrusted.value.public_key})
    assert truncated.value.kind in (FailureKind.TRUNCATED, FailureKind.TAMPERED)
    package = open_package(real_package, Credentials(passphrase=PASSPHRASE),
                           {untrusted.value.public_key})
    try:
        assert len(package.workspace_key()) == 32
        assert package.read_member(1).startswith(b"%PDF")
    finally:
        package.close()


def test_own_key_opens_a_package_built_for_it(real_package, expert_key):
    with pytest.raises(OpenFailure) as untrusted:
        open_package(real_package, Credentials(x25519_key=expert_key), set())
    assert untrusted.value.kind is FailureKind.UNTRUSTED_ORGANIZER
    trusted = {untrusted.value.public_key}
    package = open_package(real_package, Credentials(x25519_key=expert_key), trusted)
    try:
        assert package.read_member(1).startswith(b"%PDF")
    finally:
        package.close()
    with pytest.raises(OpenFailure) as wrong_key:
        open_package(real_package, Credentials(x25519_key=X25519PrivateKey.generate()),
                     trusted)
    assert wrong_key.value.kind is FailureKind.NOT_FOR_THIS_KEY


def test_real_package_end_to_end(qtbot, make_window, real_package):
    window = make_window(open_package)
    trusted = []
    window.confirm_trust = lambda fingerprint: trusted.append(fingerprint) or True
    dialog = window.open_path(real_package)
    fill_unlock(qtbot, dialog, passphrase="wrong")
    qtbot.waitUntil(lambda: dialog.failure is not None, timeout=20000)
    assert dialog.failure.kind is FailureKind.WRONG_PASSPHRASE
    fill_unlock(qtbot, dialog)
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)
    assert len(trusted) == 1
    qtbot.waitUntil(window.viewer.is_pdf, timeout=10000)
    assert window.viewer.page_count() == 3
    cid = window.session.rubric.criterion_ids[0]
    qtbot.keyClicks(window.findChild(QLineEdit, f"scoreInput.{cid}"), "21.5")
    window.close()
    again = make_window(open_package)
    open_and_unlock(qtbot, again, real_package)  # trusted now: no question
    assert again.findChild(QLineEdit, f"scoreInput.{cid}").text() == "21.5"


def test_real_demo_package_opens_without_a_trust_question(qtbot, make_window, data_dir):
    window = make_window(open_package)
    window.confirm_trust = lambda fingerprint: pytest.fail("the demo asked to trust its key")
    window.open_demo()
    qtbot.waitUntil(lambda: window.unlock_dialog is not None, timeout=60000)
    dialog = window.unlock_dialog
    assert "演示" in dialog.ui.passphraseEdit.text()
    dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)
    assert window.session.package.manifest["session"]["name"].startswith("演示")
    assert any(data_dir.rglob("demo.revpkg"))
