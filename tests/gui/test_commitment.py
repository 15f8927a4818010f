"""The 承诺书 gate, the conflict category combo, the pre-screen hint dialog and the
conflicts-complete confirmation at export (issue 14; docs/formats.md §1.8.3, §2.4.1)."""

from __future__ import annotations

import copy

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QPushButton,
    QWidget,
)

from tests.gui.conftest import fill_unlock, open_and_unlock
from tests.gui.fakes import FakeOpener
from tests.gui.test_sheet_export import _score


def _visible_dialog(name: str) -> QDialog | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if w.objectName() == name and w.isVisible()), None)


def _answer_commitment(qtbot, window, path, button: str) -> dict:
    """Unlock with the real commitment dialog and press ``button`` in it; what was seen
    while it was open."""
    del window.confirm_commitment  # the fixture's stand-in: the real dialog from here
    seen: dict = {}

    def press() -> None:
        dialog = _visible_dialog("commitmentDialog")
        if dialog is None:
            return
        timer.stop()
        seen["text"] = dialog.findChild(QWidget, "commitmentText").toPlainText()
        seen["session"] = window.session
        seen["workspace_shown"] = window.pages.currentWidget() is getattr(
            window, "workspace", None)
        seen["reads"] = [list(p.reads) for p in window.opener.opened]
        dialog.findChild(QPushButton, button).click()

    timer = QTimer()
    timer.timeout.connect(press)
    timer.start(20)
    fill_unlock(qtbot, window.open_path(path))
    qtbot.waitUntil(lambda: "text" in seen, timeout=10000)
    qtbot.wait(50)
    return seen


def test_no_material_opens_before_the_commitment_is_accepted(qtbot, make_window, opener,
                                                             package_file) -> None:
    window = make_window(opener)
    seen = _answer_commitment(qtbot, window, package_file, "refuseCommitmentButton")
    assert seen["text"] == opener.manifest["commitment"]["text"]
    assert "保密" in seen["text"] and "回避" in seen["text"]
    # While the commitment is shown nothing of the package is: no session, no material read.
    assert seen["session"] is None and not seen["workspace_shown"]
    assert seen["reads"] == [[]]
    # Declined: the package is closed again, nothing read, nothing recorded.
    assert window.session is None and opener.opened[-1].closed
    assert opener.opened[-1].reads == []

    window = make_window(opener)
    seen = _answer_commitment(qtbot, window, package_file, "acceptCommitmentButton")
    qtbot.waitUntil(lambda: window.session is not None, timeout=10000)
    sha = opener.manifest["commitment"]["sha256"]
    accepted = window.session.store.commitment_accepted(sha)
    assert accepted is not None and accepted.tzinfo is not None
    window.close_package()

    # Accepted once per workspace: the next opening asks no more.
    window.confirm_commitment = lambda text, sha256: (_ for _ in ()).throw(
        AssertionError("asked again"))
    open_and_unlock(qtbot, window, package_file)
    assert window.session.store.commitment_accepted(sha) == accepted


def test_a_declared_conflict_names_its_category(qtbot, window, package_file) -> None:
    open_and_unlock(qtbot, window, package_file)
    combo = window.findChild(QComboBox, "conflictCategory")
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert names == [c["name"] for c in window.session.package.manifest["conflict_categories"]]
    assert combo.isVisible() and not combo.isEnabled()  # only with a declaration
    pid = window.current_project_id()
    window.findChild(QCheckBox, "conflictCheck").click()
    assert combo.isEnabled() and combo.currentData() is None
    combo.setCurrentIndex(combo.findData("shareholding"))
    assert window.session.states[pid].conflict_category == "shareholding"
    # Saved (encrypted) and shown again after reopening the project.
    window.autosave.flush()
    assert window.session.store.load()[pid].conflict_category == "shareholding"
    window.select_project_row(1)
    window.select_project_row(0)
    assert combo.currentData() == "shareholding"


def _hinted_opener(fake_content, pid: str) -> FakeOpener:
    manifest, members = fake_content
    manifest = copy.deepcopy(manifest)
    for seat in manifest["seats"]:
        seat["conflict_hints"] = [{"project_id": pid, "category": "employment",
                                   "matched": ["深圳市甲科技（深圳）股份有限公司",
                                               "深圳市甲科技有限公司"]}]
    return FakeOpener(manifest, members)


def test_a_prescreened_project_is_answered_before_it_can_be_scored(
        qtbot, make_window, fake_content, package_file) -> None:
    first = fake_content[0]["projects"][0]["project_id"]
    window = make_window(_hinted_opener(fake_content, first))
    open_and_unlock(qtbot, window, package_file)
    qtbot.waitUntil(lambda: _visible_dialog("conflictHintDialog") is not None
                    or (window.hint_dialog is not None and window.hint_dialog.isVisible()),
                    timeout=5000)
    dialog = window.hint_dialog
    assert window.current_project_id() == first and not window.rubric_panel.isEnabled()
    assert "深圳市甲科技（深圳）股份有限公司" in dialog.message.text()
    assert "近三年在申报单位任职或担任顾问" in dialog.message.text()
    ok = dialog.findChild(QPushButton, "hintOkButton")
    dialog.findChild(QWidget, "hintNoConflictRadio").click()
    assert not ok.isEnabled()  # "no conflict" needs a reason
    dialog.findChild(QWidget, "hintReasonEdit").setText("2018 年已离职，与本项目无关")
    assert ok.isEnabled()
    ok.click()
    assert window.rubric_panel.isEnabled()
    state = window.session.states[first]
    assert (state.hint_answer, state.hint_reason, state.conflict_declared) == (
        "no_conflict", "2018 年已离职，与本项目无关", False)
    # Answered: selecting the project again asks no more.
    window.select_project_row(1)
    window.select_project_row(0)
    assert window.hint_dialog is dialog or not window.hint_dialog.isVisible()


def test_confirming_the_hint_declares_the_conflict_with_its_category(
        qtbot, make_window, fake_content, package_file) -> None:
    first = fake_content[0]["projects"][0]["project_id"]
    window = make_window(_hinted_opener(fake_content, first))
    open_and_unlock(qtbot, window, package_file)
    qtbot.waitUntil(lambda: window.hint_dialog is not None and window.hint_dialog.isVisible(),
                    timeout=5000)
    dialog = window.hint_dialog
    dialog.findChild(QWidget, "hintConflictRadio").click()
    dialog.findChild(QWidget, "hintReasonEdit").setText("曾任该企业技术顾问")
    dialog.findChild(QPushButton, "hintOkButton").click()
    state = window.session.states[first]
    assert (state.hint_answer, state.conflict_declared, state.conflict_category,
            state.conflict_reason) == ("conflict", True, "employment", "曾任该企业技术顾问")
    assert window.findChild(QCheckBox, "conflictCheck").isChecked()
    assert window.findChild(QComboBox, "conflictCategory").currentData() == "employment"


def test_export_needs_the_conflicts_confirmed_complete(qtbot, window, package_file) -> None:
    open_and_unlock(qtbot, window, package_file)
    _score(qtbot, window, lambda r, c: "10")
    controller = window.sheet_controller
    window.export_action.trigger()  # not confirmed: the finalize step asks first
    dialog = controller.finalize_dialog
    assert dialog is not None and dialog.isVisible() and controller.last_paths is None
    check = dialog.findChild(QCheckBox, "conflictsCompleteCheck")
    assert check.isVisible() and not check.isChecked()
    assert not dialog.sign_button.isEnabled()
    check.click()
    assert dialog.sign_button.isEnabled()
    check.click()
    assert not dialog.sign_button.isEnabled()
    dialog.reject()
