"""Finalize, sign and export with the real demo package; ``reviewer-admin verify`` accepts it."""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import os
from decimal import Decimal
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

pytest.importorskip("reviewer_app.package.reader")

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from reviewer_app.cli.admin import main as admin
from reviewer_app.gui.expert.session import open_package
from reviewer_app.gui.expert.unlock import Prefill
from reviewer_app.identity.errors import KeyNotFound
from reviewer_app.sheets.body import key_id_for
from reviewer_app.sheets.envelope import PAYLOAD_TYPE_3
from tests.gui.conftest import open_and_unlock, type_text


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from reviewer_app.central.demo_package import ensure_demo_package

    return ensure_demo_package(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def admin_files(demo, tmp_path) -> tuple[Path, Path]:
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text(demo.passphrase + "\n", encoding="utf-8")
    codes = tmp_path / "seat-codes.csv"
    codes.write_text(f"seat_id,name,seat_code\n{demo.seat_id},expert,{demo.seat_code}\n",
                     encoding="utf-8")
    return passphrase, codes


class Dialogs:
    """Stands in for every blocking dialog of the sheet controller."""

    def __init__(self, controller, folder: Path) -> None:
        self.folder = folder
        self.name: str | None = None   # None: accept the prefilled name
        self.infos: list[str] = []
        self.confirms: list[str] = []
        self.prefills: list[str] = []
        controller.inform = lambda title, text: self.infos.append(text)
        controller.confirm = lambda title, text: self.confirms.append(text) or True
        controller.choose_folder = lambda title: self.folder
        controller.ask_text = self._ask_text

    def _ask_text(self, title: str, label: str, default: str) -> str:
        self.prefills.append(default)
        return default if self.name is None else self.name


def _verify(sheet: Path, demo, admin_files) -> int:
    passphrase, codes = admin_files
    return admin(["verify", str(sheet), "--package", str(demo.path), "--passphrase-file",
                  str(passphrase), "--seat-codes", str(codes)])


def _body(path: Path) -> dict:
    envelope = json.loads(path.read_bytes())
    assert envelope["payloadType"] == PAYLOAD_TYPE_3
    return json.loads(base64.b64decode(envelope["payload"]))


def _body_sha(path: Path) -> str:
    return hashlib.sha256(base64.b64decode(json.loads(path.read_bytes())["payload"])).hexdigest()


def _score(qtbot, window, value_for) -> None:
    """Type a score into every criterion of every project, through the objectNames."""
    rubric = window.session.rubric
    for row, project in enumerate(window.session.projects):
        assert window.select_project(project["project_id"])
        for cid in rubric.criterion_ids:
            edit = window.findChild(QLineEdit, f"scoreInput.{cid}")
            edit.clear()
            qtbot.keyClicks(edit, value_for(row, cid))


def _export(window) -> None:
    """Export as the File menu does, the conflicts confirmed complete (what ticking
    conflictsCompleteCheck and Sign do; tests/gui/test_commitment.py drives the box)."""
    window.sheet_controller.confirm_conflicts_complete()
    window.export_action.trigger()


def _finalize(qtbot, window):
    window.finalize_action.trigger()
    dialog = window.sheet_controller.finalize_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_score_finalize_sign_export_verify(qtbot, make_window, demo, admin_files, tmp_path,
                                          memory_keyring, monkeypatch):
    window = make_window(open_package)
    window.confirm_trust = lambda fingerprint: True
    # The demo passphrase is Chinese (QTest types Latin-1 only): prefill as --demo does.
    dialog = window.open_path(demo.path, Prefill(demo.passphrase, demo.seat_id, demo.seat_code))
    dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)
    assert window.finalize_action.isEnabled() and window.export_action.isEnabled()
    controller = window.sheet_controller
    usb = tmp_path / "usb"
    usb.mkdir()
    dialogs = Dialogs(controller, usb)
    session = window.session
    pids = [p["project_id"] for p in session.projects]
    cids = session.rubric.criterion_ids

    # Nothing scored: finalize lists every score, and a click goes to the field.
    dialog = _finalize(qtbot, window)
    assert dialog.missing_list.count() == len(pids) * len(cids)
    assert not dialog.sign_button.isVisible()
    row = dialog.missing_list.item(len(cids) + 1)   # the second project, second criterion
    dialog.missing_list.itemClicked.emit(row)
    assert window.current_project_id() == pids[1]
    assert window.focusWidget() is window.findChild(QLineEdit, f"scoreInput.{cids[1]}")

    # Mid-band scores everywhere (no comment needed), varied per project; then a top score
    # without its required comment, and a conflict without a reason.
    _score(qtbot, window, lambda r, c: str(10 + r))
    assert window.select_project(pids[0])
    top = window.findChild(QLineEdit, f"scoreInput.{cids[0]}")
    top.clear()
    qtbot.keyClicks(top, "28")
    assert window.select_project(pids[-1])
    window.findChild(QWidget, "conflictCheck").click()
    dialog = _finalize(qtbot, window)
    kinds = [dialog.missing_list.item(i).data(0x0100).kind
             for i in range(dialog.missing_list.count())]
    assert kinds == ["comment_required", "conflict_reason", "conflict_category"]
    criterion = window.session.rubric.criterion(cids[0])
    band = criterion.band_for(Decimal(28))
    assert f"“{criterion.name}” 28 分处于“{band.name}”档，需要填写评语" in \
        dialog.missing_list.item(0).text()  # names the score and its band
    dialog.missing_list.itemClicked.emit(dialog.missing_list.item(0))
    comment = window.findChild(QPlainTextEdit, f"comment.{cids[0]}")
    assert window.current_project_id() == pids[0] and window.focusWidget() is comment
    type_text(qtbot, comment, "技术指标明显领先同类方案")
    dialog = _finalize(qtbot, window)
    dialog.missing_list.itemClicked.emit(dialog.missing_list.item(0))
    reason = window.findChild(QLineEdit, "conflictReason")
    assert window.current_project_id() == pids[-1] and window.focusWidget() is reason
    qtbot.keyClicks(reason, "former employer")
    category = window.findChild(QComboBox, "conflictCategory")
    category.setCurrentIndex(category.findData("employment"))

    # Complete: the distribution of the expert's own scores, then sign.
    dialog = _finalize(qtbot, window)
    assert dialog.pages.currentIndex() == 1 and not dialog.sign_button.isEnabled()
    dialog.findChild(QCheckBox, "conflictsCompleteCheck").click()
    assert dialog.sign_button.isEnabled()
    assert dialog.table.rowCount() == len(cids) + 1
    assert dialog.table.item(len(cids), 1).text() == str(len(pids) - 1)  # totals, no conflict
    assert len(dialog.chart.rows) == len(cids) + 1
    dialog.grab()  # paints the chart
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: controller.last_paths is not None, timeout=20000)
    first, pdf = controller.last_paths
    assert first.name == f"{demo.seat_id}-r1.revsheet" and pdf.read_bytes().startswith(b"%PDF")
    assert dialogs.prefills[-1] == "马平"  # the seat's name from the manifest
    assert "1" in dialogs.infos[-1] and str(first) in dialogs.infos[-1]
    assert window.session.store.last_export() == (1, _body_sha(first))
    assert _verify(first, demo, admin_files) == 0
    body = _body(first)
    assert body["revision"] == 1 and body["previous_sha256"] is None
    assert body["projects"][-1]["conflict"] == {"declared": True, "reason": "former employer",
                                                "category": "employment"}
    assert body["commitment"]["sha256"] == session.package.manifest["commitment"]["sha256"]
    # Signed with the seat's key, derived from the seat code typed at unlock: the
    # manifest carries its public half; no key of the expert's own was needed.
    seat = next(s for s in session.package.manifest["seats"] if s["seat_id"] == demo.seat_id)
    assert body["key_id"] == key_id_for(base64.b64decode(seat["seat_key"]))
    assert body["suite"] == session.package.manifest["suite"] and "seat_claim" not in body
    with pytest.raises(KeyNotFound):
        window.sheet_controller.keys().load()

    # A tampered copy (one score raised, the envelope re-encoded) is rejected.
    envelope = json.loads(first.read_bytes())
    forged = dict(body, projects=[dict(body["projects"][1], total="99"), *body["projects"][1:]])
    envelope["payload"] = base64.b64encode(json.dumps(forged).encode()).decode()
    tampered = tmp_path / "tampered.revsheet"
    tampered.write_text(json.dumps(envelope), encoding="utf-8")
    assert _verify(tampered, demo, admin_files) == 1
    flipped = tmp_path / "flipped.revsheet"
    raw = bytearray(first.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    flipped.write_bytes(bytes(raw))
    assert _verify(flipped, demo, admin_files) == 1

    # Unchanged: "already exported" and no new revision; into an empty folder the same
    # revision is written again, byte for byte.
    _export(window)
    assert "1" in dialogs.infos[-1] and window.session.store.last_export()[0] == 1
    assert sorted(p.name for p in usb.iterdir()) == sorted([first.name, pdf.name])
    other = tmp_path / "other"
    other.mkdir()
    dialogs.folder = other
    _export(window)
    assert (other / first.name).read_bytes() == first.read_bytes()
    assert window.session.store.last_export()[0] == 1

    # A change: revision 2 chains to revision 1.
    dialogs.folder = usb
    assert window.select_project(pids[2])
    edit = window.findChild(QLineEdit, f"scoreInput.{cids[2]}")
    edit.clear()
    qtbot.keyClicks(edit, "9.5")
    _export(window)
    second = usb / f"{demo.seat_id}-r2.revsheet"
    assert controller.last_paths[0] == second
    body2 = _body(second)
    assert body2["revision"] == 2 and body2["previous_sha256"] == _body_sha(first)
    assert _verify(second, demo, admin_files) == 0
    assert window.session.store.last_export() == (2, _body_sha(second))

    # A destination that refuses the write: the error is shown, nothing is left or recorded.
    edit.clear()
    qtbot.keyClicks(edit, "11")
    full = tmp_path / "full"
    full.mkdir()
    dialogs.folder = full
    real_fsync = os.fsync

    def no_space(fd: int) -> None:
        if os.path.dirname(os.readlink(f"/proc/self/fd/{fd}")) == str(full):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to tell the export's file descriptors apart")
    monkeypatch.setattr(os, "fsync", no_space)
    errors_before = len(getattr(window, "errors", []))
    _export(window)
    monkeypatch.undo()
    assert len(window.errors) == errors_before + 1
    assert "磁盘已满" in window.errors[-1][1] or "disk is full" in window.errors[-1][1]
    assert list(full.iterdir()) == []
    assert window.session.store.last_export()[0] == 2


def test_read_only_destination_records_nothing(qtbot, make_window, opener, package_file,
                                              memory_keyring, tmp_path, monkeypatch):
    window = make_window(opener)
    open_and_unlock(qtbot, window, package_file)
    controller = window.sheet_controller
    folder = tmp_path / "stick"
    folder.mkdir()
    Dialogs(controller, folder)
    _score(qtbot, window, lambda r, c: "10")
    assert controller.identity() is not None
    real_replace = os.replace

    def refuse(src, dst):
        if Path(dst).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    controller.confirm_conflicts_complete()
    assert controller.export() is None
    monkeypatch.undo()
    assert window.errors and str(folder) in window.errors[-1][1]
    assert list(folder.iterdir()) == []
    assert window.session.store.last_export() is None
    controller.confirm_conflicts_complete()
    assert controller.export() is not None  # the same export works once writable
    assert window.session.store.last_export()[0] == 1


def test_identity_dialog_export_and_replace(qtbot, window, memory_keyring, tmp_path):
    from reviewer_app.cli.package_commands import read_recipient

    controller = window.sheet_controller
    action = window.findChild(type(window.lock_action), "identityAction")
    assert action is not None and action.text()
    dialogs = Dialogs(controller, tmp_path)
    dialogs.name = "张三"
    dialog = controller.show_identity()
    assert dialog.fingerprint.text() == "—"   # no key yet: nothing was asked for
    target = tmp_path / "me.pub"
    controller.choose_save_path = lambda title, suggested: target
    dialog.export_button.click()
    first = controller.keys().load()
    assert read_recipient(target) == first.encryption_public_key
    assert "张三" in target.read_text(encoding="utf-8")
    assert dialog.fingerprint.text() == first.fingerprint
    assert "系统密钥环" in dialog.location.text() or "keyring" in dialog.location.text()
    dialog.new_button.click()
    assert dialogs.confirms and first.fingerprint in dialogs.confirms[-1]
    second = controller.keys().load()
    assert second.fingerprint != first.fingerprint
    assert dialog.fingerprint.text() == second.fingerprint and dialog.history.isVisible()
    # Key loss: asked before a new key is made, never silently.
    memory_keyring.store.clear()
    assert controller.identity() is not None
    assert second.fingerprint in dialogs.confirms[-1]


def test_no_keyring_uses_a_passphrase_protected_file(qtbot, window, tmp_path):
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        controller = window.sheet_controller
        Dialogs(controller, tmp_path)
        asked: list[tuple[bool, str]] = []
        good = "expert key: amber-quartz-violin-7"
        answers = iter([good, "wrong one", good])
        controller.ask_passphrase = lambda creating, where, error: (
            asked.append((creating, error)) or next(answers))
        identity = controller.identity()
        assert identity is not None and asked == [(True, "")]
        key_file = controller.key_directory / "expert-identity.key"
        assert key_file.is_file()
        assert identity.signing_key.private_bytes_raw() not in key_file.read_bytes()
        again = controller.identity()
        assert again.fingerprint == identity.fingerprint
        assert asked[1] == (False, "") and asked[2][0] is False and asked[2][1]  # retried
        about = controller.about_text()
        assert str(key_file.parent) in about and key_file.name not in about  # no raw path
        assert "加密" in about
        controller.ask_passphrase = lambda creating, where, error: None  # cancelled
        assert controller.identity() is None and not getattr(window, "errors", [])
    finally:
        keyring.set_keyring(previous)


def test_passphrase_dialog_checks_what_was_typed(qtbot, window):
    """``window`` installs the Chinese catalogue (no longer left over by earlier tests)."""
    from reviewer_app.gui.expert.identity_dialog import PassphraseDialog

    dialog = PassphraseDialog(True, "/keys/expert-identity.key")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "/keys" in dialog.intro.text() and "expert-identity.key" not in dialog.intro.text()
    assert dialog.repeat.isVisible()
    # Long but guessable (zxcvbn: about 14 bits) is refused like short, in Chinese.
    for weak in ("short", "password1234567890"):
        dialog.edit.setText(weak)
        dialog.repeat.setText(weak)
        dialog.buttons.accepted.emit()
        assert dialog.error.isVisible() and dialog.result() == 0
        assert "太容易被猜到" in dialog.error.text() and "60" in dialog.error.text()
    strong = "expert key: amber-quartz-violin-7"
    dialog.edit.setText(strong)
    dialog.repeat.setText(strong + "x")
    dialog.buttons.accepted.emit()
    assert dialog.result() == 0 and dialog.error.text() == "两次输入的口令不一致。"
    dialog.repeat.setText(strong)
    dialog.buttons.accepted.emit()
    assert dialog.result() == 1 and dialog.passphrase() == strong
    unlock = PassphraseDialog(False, "/k", "wrong")
    qtbot.addWidget(unlock)
    unlock.show()
    assert not unlock.repeat.isVisible() and unlock.error.text() == "wrong"


def test_new_dialogs_are_translated(qtbot, window, opener, package_file, memory_keyring):
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTableWidget

    from reviewer_app.gui.expert.identity_dialog import PassphraseDialog
    from tests.gui.test_i18n_and_forms import ALLOWED_LATIN, LATIN_WORD

    def visible_texts(dialog) -> list[tuple[str, str]]:
        out = [(dialog.objectName(), dialog.windowTitle())]
        for widget in dialog.findChildren(QWidget):
            if not widget.isVisibleTo(dialog):
                continue
            if isinstance(widget, QLabel | QAbstractButton):
                out.append((widget.objectName(), widget.text()))
            if isinstance(widget, QTableWidget):
                out += [(widget.objectName(), widget.horizontalHeaderItem(i).text())
                        for i in range(widget.columnCount())]
            out.append((widget.objectName(), widget.toolTip()))
        return out

    open_and_unlock(qtbot, window, package_file)
    controller = window.sheet_controller
    dialogs = [_finalize(qtbot, window), controller.show_identity(),
               PassphraseDialog(True, "/keys/expert-identity.key", "", window)]
    _score(qtbot, window, lambda r, c: "10")
    dialogs.append(_finalize(qtbot, window))
    dialogs[-1].grab()
    dialogs[2].show()
    bad = []
    for dialog in dialogs:
        for name, text in visible_texts(dialog):
            words = set(LATIN_WORD.findall(text)) - ALLOWED_LATIN
            words -= {"keys", "expert", "identity", "key"}  # the key file path
            if words:
                bad.append((name, text))
    assert bad == []
    assert ("signButton", "签名并导出…") in visible_texts(dialogs[-1])
    assert any(h == "平均" for _, h in visible_texts(dialogs[-1]))
    assert "我的签名密钥" in controller.identity_action.text()
    window.set_language("en")
    assert controller.identity_action.text() == "My &signing key…"
    assert dialogs[-1].sign_button.text() == "Sign and export…"


def test_the_pdf_renders_off_the_gui_thread_with_progress_and_can_be_cancelled(
        qtbot, make_window, opener, package_file, memory_keyring, tmp_path, monkeypatch):
    """Issue 11 (7): a long comment's sheet PDF renders on a thread of its own behind a
    progress dialog; the GUI keeps running meanwhile; Cancel writes and records nothing."""
    import threading
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    import reviewer_app.sheets.export as export_module

    window = make_window(opener)
    open_and_unlock(qtbot, window, package_file)
    controller = window.sheet_controller
    folder = tmp_path / "stick"
    folder.mkdir()
    Dialogs(controller, folder)
    _score(qtbot, window, lambda r, c: "10")
    assert controller.identity() is not None
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {"threads": set(), "values": []}
    real_render = export_module.render_sheet_pdf

    def slow_render(*args, progress=None, **kwargs):
        seen["threads"].add(threading.get_ident())

        def slowed(done: int, total: int) -> None:
            time.sleep(0.01)   # a long sheet: the dialog has time to appear
            progress(done, total)

        return real_render(*args, progress=slowed, **kwargs)

    monkeypatch.setattr(export_module, "render_sheet_pdf", slow_render)
    ticks = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start(20)

    def watch() -> None:
        dialog = window.findChild(QProgressDialog, "progressDialog")
        if dialog is not None:
            seen["values"].append(dialog.value())
            if seen.get("cancel"):
                dialog.findChild(QPushButton).click()   # its Cancel button

    watcher = QTimer()
    watcher.timeout.connect(watch)
    watcher.start(30)
    controller.confirm_conflicts_complete()
    paths = controller.export()
    assert paths is not None and all(p.is_file() for p in paths)
    assert gui_thread not in seen["threads"] and seen["threads"]
    assert len(ticks) >= 3, "the GUI thread kept running while the PDF rendered"
    assert any(0 < v <= 100 for v in seen["values"])
    assert window.findChild(QProgressDialog, "progressDialog") is None or \
        not window.findChild(QProgressDialog, "progressDialog").isVisible()

    # The same revision to another stick, cancelled while it renders: nothing written.
    other = tmp_path / "other-stick"
    other.mkdir()
    Dialogs(controller, other)
    seen["cancel"] = True
    recorded = window.session.store.last_export()
    controller.confirm_conflicts_complete()
    assert controller.export() is None
    assert list(other.iterdir()) == []
    assert window.session.store.last_export() == recorded
    assert "取消" in window.statusBar().currentMessage() or \
        "cancelled" in window.statusBar().currentMessage()
    ticker.stop()
    watcher.stop()
