"""Issue 12: the window fits the screen, one live session per workspace, reopening where
the expert left off, the product's Chinese name, Qt's own dialogs in Chinese."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QRect, QStandardPaths
from PySide6.QtWidgets import QLabel, QLineEdit

from reviewer_app.gui import window_state
from reviewer_app.gui.expert.session import FailureKind
from reviewer_app.gui.expert.session_lock import lock_path
from reviewer_app.gui.settings import Preferences, workspace_path
from reviewer_app.gui.widgets import file_dialogs
from tests.gui.conftest import another_process_can_lock, fill_unlock, open_and_unlock

ROOT = Path(__file__).resolve().parents[2]
LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar


# --- 1. the window fits the screen it opens on; its geometry is remembered --------------
def test_first_start_fits_the_available_screen(window):
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry())
    assert window.width() <= window_state.PREFERRED.width()
    for screen in (LAPTOP, QRect(0, 0, 1024, 600), QRect(1920, 0, 2560, 1400)):
        rect = window_state.fitted(screen)
        assert screen.contains(rect), (screen, rect)
    assert window_state.fitted(QRect(0, 0, 2560, 1400)).size() == window_state.PREFERRED
    assert window_state.fitted(LAPTOP).width() < window_state.PREFERRED.width()


def test_the_open_workspace_fits_a_1366x768_laptop(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= LAPTOP.width() and hint.height() <= LAPTOP.height(), hint
    assert window_state.MINIMUM.width() <= LAPTOP.width()


def test_geometry_is_restored_only_while_it_fits_a_screen(make_window, opener):
    first = make_window(opener)
    available = first.screen().availableGeometry()
    first.resize(first.minimumWidth(), available.height() - 200)
    first.move(available.topLeft())
    size = first.size()
    first.close()
    again = make_window(opener)
    assert again.size() == size
    assert not window_state.fits_a_screen(QRect(available.right() + 50, 0, 400, 300))
    again.prefs.set_window_geometry(b"not a geometry")
    again.close()
    third = make_window(opener)  # an unusable entry: fitted to the screen
    assert available.contains(third.frameGeometry())


# --- 2. one live session per workspace; a killed holder leaves no stuck lock ------------
def _unlock_fails_in_use(qtbot, window, package_file):
    dialog = window.open_path(package_file)
    fill_unlock(qtbot, dialog)
    qtbot.waitUntil(lambda: getattr(dialog, "failure", None) is not None, timeout=10000)
    assert dialog.failure.kind is FailureKind.WORKSPACE_IN_USE
    error = dialog.findChild(QLabel, "errorLabel")
    assert "另一个专家评审工作台窗口" in error.text()
    assert window.session is None
    return dialog


def test_second_window_is_refused_until_the_first_closes(qtbot, make_window, opener,
                                                          package_file):
    first = make_window(opener)
    open_and_unlock(qtbot, first, package_file)
    second = make_window(opener)
    dialog = _unlock_fails_in_use(qtbot, second, package_file)
    first.close_package()
    fill_unlock(qtbot, dialog)
    qtbot.waitUntil(lambda: second.session is not None, timeout=10000)


def test_a_killed_holder_frees_the_workspace(qtbot, window, opener, package_file,
                                             data_dir, tmp_path):
    manifest_file = tmp_path / "manifest.json"
    manifest_file.write_text(json.dumps(opener.manifest, ensure_ascii=False),
                             encoding="utf-8")
    env = {**os.environ, "REVIEWER_APP_DATA_DIR": str(data_dir),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "tests.gui.lock_holder_child",
                              str(manifest_file)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "HELD"
        dialog = _unlock_fails_in_use(qtbot, window, package_file)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    fill_unlock(qtbot, dialog)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10000)


@pytest.mark.skipif(sys.platform == "win32", reason="the probe uses flock")
def test_the_idle_lock_keeps_the_workspace_until_close(qtbot, make_window, opener,
                                                       package_file):
    first = make_window(opener)
    open_and_unlock(qtbot, first, package_file)
    package_id, seat_id = first.session.package.package_id, first.session.seat_id
    lock_file = lock_path(workspace_path(package_id, seat_id))
    cid = first.session.rubric.criterion_ids[0]
    qtbot.keyClicks(first.findChild(QLineEdit, f"scoreInput.{cid}"), "12")
    first.idle.set_timeout(50)  # the real idle timer, made short
    qtbot.waitUntil(lambda: first.pages.currentWidget() is first.locked_page, timeout=5000)
    assert first.session is None
    assert not another_process_can_lock(lock_file), "a locked window let its workspace go"
    second = make_window(opener)
    refused = _unlock_fails_in_use(qtbot, second, package_file)
    refused.reject()

    first.idle.set_timeout(60 * 60_000)
    dialog = first.unlock()  # the same seat, code kept by the window
    fill_unlock(qtbot, dialog, passphrase="not the passphrase")
    qtbot.waitUntil(lambda: dialog.failure is not None, timeout=10000)
    assert not another_process_can_lock(lock_file), "a failed unlock let the workspace go"
    fill_unlock(qtbot, dialog)
    qtbot.waitUntil(lambda: first.session is not None, timeout=10000)
    score = first.findChild(QLineEdit, f"scoreInput.{cid}")
    assert score.text() == "12"
    score.clear()
    qtbot.keyClicks(score, "15")
    assert first.autosave.flush()
    assert first.session.store.load()["P1"].scores[cid] == "15"
    assert not another_process_can_lock(lock_file)

    first.lock()
    first.close_package()  # closing the locked package lets the workspace go
    assert another_process_can_lock(lock_file)
    open_and_unlock(qtbot, second, package_file)
    assert second.session.store.load()["P1"].scores[cid] == "15"


# --- 3. reopening goes back to the project, material, page and rubric scroll ----------
def test_restart_reopens_where_the_expert_left_off(qtbot, make_window, opener,
                                                   package_file):
    first = make_window(opener)
    open_and_unlock(qtbot, first, package_file)
    projects = [p["project_id"] for p in first.session.projects]
    first.select_project(projects[-1])
    materials = [m["member_id"] for m in first.session.projects[-1]["materials"]
                 if m["media_type"] == "application/pdf"]  # three pages each
    first.show_material(materials[-1], 1)
    qtbot.waitUntil(lambda: (first.viewer.member_id, first.viewer.current_page())
                    == (materials[-1], 1), timeout=10000)
    first.resize(first.width(), first.minimumHeight())  # the rubric must scroll
    bar = first.rubric_panel.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
    bar.setValue(bar.maximum())
    scroll = bar.value()
    first.close()

    again = make_window(opener)
    again.resize(first.size())
    open_and_unlock(qtbot, again, package_file)
    assert again.current_project_id() == projects[-1]
    qtbot.waitUntil(lambda: (again.viewer.member_id, again.viewer.current_page())
                    == (materials[-1], 1), timeout=10000)
    qtbot.waitUntil(lambda: again.rubric_panel.verticalScrollBar().value() == scroll,
                    timeout=5000)


def test_a_stale_place_falls_back_to_the_first_project(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    session = window.session
    window.prefs.set_reading_place(session.package.package_id, session.seat_id,
                                   {"project": "NOPE", "member": "x", "page": "-3"})
    window.close_package()
    open_and_unlock(qtbot, window, package_file)
    assert window.current_project_id() == window.session.projects[0]["project_id"]


# --- 4. the product's name ----------------------------------------------------------------
def test_window_title_is_the_readme_name(window):
    assert window.windowTitle() == "专家评审工作台"


# --- 5. Qt's own dialogs in Chinese; file dialogs start in a sensible folder -------------
def test_qt_file_dialog_labels_are_translated(window):
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(window)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    try:
        # Qt 6.12's catalogue gives the labels mnemonics ("查找范围(&L)："), 6.9's does not
        # (the glibc 2.28 set): the translation is what is checked, not the shortcut.
        texts = [re.sub(r"\(&\w\)", "", label.text())
                 for label in dialog.findChildren(QLabel)]
        assert "查找范围：" in texts and "文件类型：" in texts, texts
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        dialog.close()
    window.set_language("en")
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"


def test_file_dialogs_start_in_documents_then_the_last_folder(data_dir, tmp_path):
    prefs = Preferences()
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    expected = documents if Path(documents).is_dir() else str(Path.home())
    assert file_dialogs.start_folder(prefs) == expected
    chosen = tmp_path / "letters" / "review.revpkg"
    chosen.parent.mkdir()
    chosen.write_bytes(b"x")
    file_dialogs.remember_folder(prefs, chosen)
    assert file_dialogs.start_folder(prefs) == str(chosen.parent)
    chosen.unlink()
    chosen.parent.rmdir()  # gone: back to the documents folder
    assert file_dialogs.start_folder(prefs) == expected
