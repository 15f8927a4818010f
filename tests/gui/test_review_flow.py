"""A whole review driven through the objectNames of docs/architecture.md §7."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QListView, QPlainTextEdit, QTreeView

from reviewer_app.core.seat_codes import canonical_seat_code
from reviewer_app.gui.expert.session import FailureKind
from tests.gui.conftest import fill_unlock, open_and_unlock, type_text
from tests.gui.fakes import PACKAGE_ID, SEAT_CODE

SCORES = {"P1": ("25", "20.5", "15", "18"), "P2": ("10", "12", "8.5", "9"),
          "P3": ("30", "25", "20", "25")}


def _criteria(window) -> list[str]:
    return list(window.session.rubric.criterion_ids)


def _score_current(qtbot, window, values) -> None:
    for cid, value in zip(_criteria(window), values, strict=True):
        edit = window.findChild(QLineEdit, f"scoreInput.{cid}")
        assert edit.objectName() == f"scoreInput.{cid}"
        edit.clear()
        qtbot.keyClicks(edit, value)
        comment = window.findChild(QPlainTextEdit, f"comment.{cid}")
        type_text(qtbot, comment, f"依据充分 {cid}")


def test_whole_review_survives_restart(qtbot, make_window, opener, package_file, data_dir):
    window = make_window(opener)
    open_and_unlock(qtbot, window, package_file)
    projects = window.findChild(QListView, "projectList")
    assert projects.model().rowCount() == 3
    assert window.findChild(QTreeView, "materialList").model().rowCount() == 8
    for row in range(3):
        projects.setCurrentIndex(projects.model().index(row, 0))
        pid = window.current_project_id()
        _score_current(qtbot, window, SCORES[pid])
        overall = window.findChild(QPlainTextEdit, "overallComment")
        type_text(qtbot, overall, f"总体评价 {pid}")
        total = window.findChild(QLabel, "totalLabel").text()
        expected = sum(float(v) for v in SCORES[pid])
        assert f"{expected:g}" in total
    saved = window.findChild(QLabel, "saveStatusLabel")
    qtbot.waitUntil(lambda: "已保存" in saved.text(), timeout=3000)
    assert window.progress_label.text() == "3 / 3 已评分"
    window.close()

    # Restart: a new window over the same user data dir restores everything.
    again = make_window(opener)
    open_and_unlock(qtbot, again, package_file)
    for pid, values in SCORES.items():
        assert again.select_project(pid)
        for cid, value in zip(_criteria(again), values, strict=True):
            assert again.findChild(QLineEdit, f"scoreInput.{cid}").text() == value
            assert again.findChild(QPlainTextEdit, f"comment.{cid}").toPlainText() \
                == f"依据充分 {cid}"
        assert again.findChild(QPlainTextEdit, "overallComment").toPlainText() == f"总体评价 {pid}"
    assert again.progress_label.text() == "3 / 3 已评分"
    again.close()
    db = data_dir / "workspaces" / f"{PACKAGE_ID}-S01.sqlite"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Scores are encrypted at rest: no plaintext comment in the file.
    assert "依据充分".encode() not in db.read_bytes()


def test_wrong_passphrase_then_retry(qtbot, window, opener, package_file):
    dialog = window.open_path(package_file)
    fill_unlock(qtbot, dialog, passphrase="wrong one")
    error = dialog.ui.errorLabel
    qtbot.waitUntil(lambda: error.isVisible() and bool(error.text()), timeout=5000)
    assert "口令不正确" in error.text()
    assert dialog.isVisible() and dialog.failure.kind is FailureKind.WRONG_PASSPHRASE
    assert dialog.ui.passphraseEdit.text() == ""
    fill_unlock(qtbot, dialog)
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
    assert opener.calls == 2


def test_bad_seat_code_is_refused_before_opening(qtbot, window, opener, package_file):
    dialog = window.open_path(package_file)
    fill_unlock(qtbot, dialog, seat_code="123")
    assert "16" in dialog.ui.errorLabel.text()
    assert opener.calls == 0
    dialog.reject()


def test_unknown_seat_is_a_friendly_error(qtbot, window, package_file):
    dialog = window.open_path(package_file)
    fill_unlock(qtbot, dialog, seat_id="S99")
    qtbot.waitUntil(lambda: dialog.failure is not None, timeout=5000)
    assert dialog.failure.kind is FailureKind.BAD_SEAT
    assert "席位号不属于" in dialog.ui.errorLabel.text()
    assert window.session is None


def test_another_seats_code_is_refused_before_any_workspace(qtbot, window, package_file,
                                                           data_dir):
    dialog = window.open_path(package_file)
    fill_unlock(qtbot, dialog, seat_code="0000-0000-0000-0000")  # well-formed, not ours
    qtbot.waitUntil(lambda: dialog.failure is not None, timeout=5000)
    assert dialog.failure.kind is FailureKind.WRONG_SEAT_CODE
    assert "该席位码不属于此席位" in dialog.ui.errorLabel.text()
    assert window.session is None and dialog.isVisible()
    assert not list((data_dir / "workspaces").glob("*.sqlite"))  # nothing keyed to a typo
    fill_unlock(qtbot, dialog)
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)


def test_another_seat_code_cannot_open_the_saved_work(qtbot, make_window, fake_content,
                                                      package_file):
    """A format-1 package without seat-code check values (they are optional): the
    workspace key still refuses a code other than the one it was created with."""
    from tests.gui.fakes import FakeOpener

    manifest, members = fake_content
    unchecked = {**manifest, "format": "rvpkg-manifest/1",
                 "seats": [{k: v for k, v in seat.items()
                            if k not in ("seat_code_check", "seat_key")}
                           for seat in manifest["seats"]]}
    del unchecked["suite"]
    window = make_window(FakeOpener(unchecked, members))
    open_and_unlock(qtbot, window, package_file)
    window.close_package()
    dialog = window.open_path(package_file)
    fill_unlock(qtbot, dialog, seat_code="0000-0000-0000-0000")  # well-formed, not ours
    qtbot.waitUntil(lambda: dialog.failure is not None, timeout=5000)
    assert dialog.failure.kind is FailureKind.WORKSPACE
    assert dialog.ui.errorLabel.text().startswith("无法打开您为此评审包保存的评审内容：")
    assert "does not open with this seat code" in dialog.ui.errorLabel.text()
    assert window.session is None and dialog.isVisible()
    fill_unlock(qtbot, dialog)  # the seat's own code still opens it
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)


def test_untrusted_organizer_is_asked_once(qtbot, make_window, fake_content, package_file):
    from tests.gui.fakes import FakeOpener

    manifest, members = fake_content
    opener = FakeOpener(manifest, members, organizer_key="b3JnYW5pemVy")
    window = make_window(opener)
    asked = []
    window.confirm_trust = lambda fingerprint: asked.append(fingerprint) or True
    open_and_unlock(qtbot, window, package_file)
    assert asked == ["1A2B 3C4D 5E6F"]
    assert "b3JnYW5pemVy" in window.prefs.trusted_organizers()
    window.close_package()
    open_and_unlock(qtbot, window, package_file)
    assert asked == ["1A2B 3C4D 5E6F"]  # remembered


def test_conflict_disables_scoring(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    cid = _criteria(window)[0]
    score = window.findChild(QLineEdit, f"scoreInput.{cid}")
    assert score.isEnabled()
    check = window.findChild(QCheckBox, "conflictCheck")
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    reason = window.findChild(QLineEdit, "conflictReason")
    type_text(qtbot, reason, "曾任该企业顾问")
    assert check.isChecked() and not score.isEnabled()
    assert not window.findChild(QPlainTextEdit, "overallComment").isEnabled()
    assert window.session.status("P1").value == "conflict"
    window.autosave.flush()
    state = window.session.store.load()["P1"]
    assert state.conflict_declared and state.conflict_reason == "曾任该企业顾问"
    assert window.progress_label.text() == "1 / 3 已评分"


def test_invalid_scores_are_not_saved(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    cid = _criteria(window)[0]
    score = window.findChild(QLineEdit, f"scoreInput.{cid}")
    qtbot.keyClicks(score, "7.3")  # off the 0.5 step
    window.autosave.flush()
    assert window.session.store.load().get("P1") is None or \
        window.session.store.load()["P1"].scores.get(cid) != "7.3"
    score.clear()
    qtbot.keyClicks(score, "0")  # zero is a score, distinct from "not scored"
    window.autosave.flush()
    assert window.session.store.load()["P1"].scores[cid] == "0"
    score.selectAll()
    qtbot.keyClick(score, Qt.Key.Key_Backspace)
    window.autosave.flush()
    assert cid not in window.session.store.load()["P1"].scores
    qtbot.keyClick(score, Qt.Key.Key_Up)
    qtbot.keyClick(score, Qt.Key.Key_Up)
    assert score.text() == "0.5"  # the rubric's step


def test_autosave_indicator_only_after_commit(qtbot, window, package_file, monkeypatch):
    open_and_unlock(qtbot, window, package_file)
    label = window.findChild(QLabel, "saveStatusLabel")
    store = window.session.store
    commits = []
    real_apply = store.apply

    def watched(changes):
        # The indicator must not claim "saved" while the commit is still running.
        assert "已保存" not in label.text() or commits
        result = real_apply(changes)
        commits.append(len(list(changes)) if not isinstance(changes, list) else len(changes))
        return result

    monkeypatch.setattr(store, "apply", watched)
    cid = _criteria(window)[1]
    qtbot.keyClicks(window.findChild(QLineEdit, f"scoreInput.{cid}"), "12")
    assert label.text() == "正在保存…"
    qtbot.waitUntil(lambda: label.text().startswith("已保存"), timeout=2000)
    assert commits  # the label changed only after apply() returned
    assert window.session.store.load()["P1"].scores[cid] == "12"


def test_evidence_link_jumps_to_page(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    qtbot.waitUntil(window.viewer.is_pdf, timeout=5000)
    window.viewer.go_to_page(2)
    cid = _criteria(window)[0]
    assert window.attach_evidence(cid)
    first_member = window.viewer.member_id
    evidence = window.rubric_panel.evidence_list
    assert evidence.count() == 1 and "第 3 页" in evidence.item(0).text()
    window.step_material(+1)
    qtbot.waitUntil(lambda: window.viewer.member_id not in (-1, first_member), timeout=5000)
    window.rubric_panel._on_evidence_activated(evidence.item(0))
    qtbot.waitUntil(lambda: window.viewer.member_id == first_member
                    and window.viewer.current_page() == 2, timeout=5000)
    stored = window.session.store.load()["P1"].evidence
    assert [(e.criterion_id, e.page) for e in stored] == [(cid, 3)]


def test_filter_and_search_projects(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    projects = window.findChild(QListView, "projectList")
    window.project_search.setText("智能质检2")
    assert projects.model().rowCount() == 1
    window.project_search.setText("")
    window.status_filter.setCurrentIndex(window.status_filter.findData("complete"))
    assert projects.model().rowCount() == 0
    window.status_filter.setCurrentIndex(0)
    assert projects.model().rowCount() == 3


def test_keyboard_navigation(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    assert window.current_project_id() == "P1"
    window.next_project_action.trigger()
    assert window.current_project_id() == "P2"
    window.prev_project_action.trigger()
    assert window.current_project_id() == "P1"
    window.criterion_actions[2].trigger()
    cid = _criteria(window)[2]
    assert window.focusWidget() is window.findChild(QLineEdit, f"scoreInput.{cid}")
    menus = [a.text() for a in window.review_menu.actions()]
    assert any("下一个项目" in t for t in menus)
    assert window.next_project_action.shortcut().toString() == "Ctrl+PgDown"


def test_lock_drops_everything_and_unlock_restores(qtbot, window, opener, package_file):
    open_and_unlock(qtbot, window, package_file)
    qtbot.waitUntil(window.viewer.is_pdf, timeout=5000)
    cid = _criteria(window)[0]
    qtbot.keyClicks(window.findChild(QLineEdit, f"scoreInput.{cid}"), "22")
    package = opener.opened[-1]
    window.findChild(type(window.lock_action), "lockAction").trigger()
    assert window.session is None and package.closed
    assert window.pages.currentWidget() is window.locked_page
    assert window.viewer.page_count() == 0 and len(window.cache) == 0
    assert window.findChild(QListView, "projectList").model().rowCount() == 0
    dialog = window.unlock()
    assert dialog.ui.seatIdEdit.isReadOnly()
    shown = dialog.ui.seatCodeEdit.text()
    assert shown.endswith("-····-····-····") and SEAT_CODE not in shown  # masked
    assert canonical_seat_code(SEAT_CODE).startswith(shown[:4])
    fill_unlock(qtbot, dialog)
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
    assert window.findChild(QLineEdit, f"scoreInput.{cid}").text() == "22"


def test_idle_lock_fires(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    window.idle.set_timeout(150)
    qtbot.waitUntil(lambda: window.session is None, timeout=3000)
    assert window.locked_as is not None


def test_sheet_actions_wait_for_an_open_package(qtbot, window, package_file):
    """Finalize, export and print are in the menus from the start, enabled once a package
    is open; the sheet controller behind them is built on first use, not at start-up."""
    names = ("finalizeAction", "exportAction", "printAction")
    for name in names:
        action = window.findChild(type(window.lock_action), name)
        assert action is not None and not action.isEnabled() and action.toolTip()
    assert "sheet_controller" not in window.__dict__
    open_and_unlock(qtbot, window, package_file)
    for name in names:
        assert window.findChild(type(window.lock_action), name).isEnabled()
    assert window.identity_action in window.settings_menu.actions()
    assert window.print_action in window.file_menu.actions()


def test_demo_without_builder_shows_a_clear_error(qtbot, window, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "reviewer_app.central.demo_package", None)
    window.open_demo()
    assert window.errors and "演示评审包" in window.errors[0][1]
    assert window.session is None


def test_demo_with_builder_prefills_the_dialog(qtbot, window, monkeypatch, package_file):
    import sys
    import types

    from reviewer_app.central.demo_package import DemoPackage
    from tests.gui.fakes import PASSPHRASE, SEAT_CODE, SEAT_ID

    fake = types.ModuleType("reviewer_app.central.demo_package")
    calls = []
    fake.ensure_demo_package = lambda cache_dir: calls.append(cache_dir) or DemoPackage(
        package_file, PASSPHRASE, SEAT_ID, SEAT_CODE, "0000 0000")
    monkeypatch.setitem(sys.modules, "reviewer_app.central.demo_package", fake)
    window.open_demo()
    qtbot.waitUntil(lambda: window.unlock_dialog is not None, timeout=5000)
    dialog = window.unlock_dialog
    assert PASSPHRASE in dialog.ui.hintLabel.text()
    assert dialog.ui.passphraseEdit.text() == PASSPHRASE
    assert calls and calls[0].name == "demo"
    dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)


def test_recent_packages_are_remembered(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    assert window.prefs.recent_packages() == [str(package_file.resolve())]
    window.close_package()
    assert window.pages.currentWidget() is window.welcome
    assert window.recent_list.model().rowCount() == 1

