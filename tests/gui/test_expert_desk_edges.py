"""Rough edges an expert met under a real display (issue 12): wheel, IME scores, tab order,
accessible names."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tests.gui.conftest import open_and_unlock, type_text


def _first_criterion(window) -> str:
    return window.session.rubric.criterion_ids[0]


def _saved_score(window, cid):
    window.autosave.flush()
    state = window.session.store.load().get("P1")
    return None if state is None else state.scores.get(cid)


def _wheel_down(widget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(QPoint(0, 0))) + centre,
                        QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_recommendation_scrolls_instead_of_choosing(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    panel = window.rubric_panel
    window.resize(900, 420)  # the rubric no longer fits: it scrolls
    qtbot.waitUntil(lambda: panel.verticalScrollBar().maximum() > 0)
    combo = window.findChild(QComboBox, "recommendationCombo")
    panel.ensureWidgetVisible(combo)
    before = panel.verticalScrollBar().value()
    panel.verticalScrollBar().setValue(before - 40)
    scrolled_to = panel.verticalScrollBar().value()
    _wheel_down(combo)
    assert combo.currentIndex() == 0, "the wheel chose a recommendation"
    assert panel.verticalScrollBar().value() > scrolled_to, "the form did not scroll"
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    window.autosave.flush()
    state = window.session.store.load().get("P1")
    assert state is None or not state.recommendation
    window.activateWindow()  # once chosen deliberately, the wheel works as usual
    qtbot.waitUntil(window.isActiveWindow)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel_down(combo)
    assert combo.currentIndex() == 1


def test_ime_decimal_point_and_full_width_digits_are_read(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    cid = _first_criterion(window)
    score = window.findChild(QLineEdit, f"scoreInput.{cid}")
    qtbot.keyClicks(score, "2")
    type_text(qtbot, score, "。")  # the IME's full stop, between two typed digits
    qtbot.keyClicks(score, "5")
    assert score.text() == "2。5"
    assert _saved_score(window, cid) == "2.5"
    score.clear()
    type_text(qtbot, score, "１２")
    assert _saved_score(window, cid) == "12"


def test_negative_score_is_refused_visibly_and_not_saved(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    cid = _first_criterion(window)
    score = window.findChild(QLineEdit, f"scoreInput.{cid}")
    qtbot.keyClicks(score, "12")
    assert _saved_score(window, cid) == "12"
    score.clear()
    qtbot.keyClicks(score, "-3")
    assert score.text() == "-3"  # kept as typed, never turned into 3
    editor = window.rubric_panel.editors[cid]
    assert editor.error_label.isVisibleTo(window) and "负" in editor.error_label.text()
    assert _saved_score(window, cid) == "12"  # the last valid value stays
    score.clear()
    qtbot.keyClicks(score, "abc")
    assert "不是数字" in editor.error_label.text()


def test_tab_reaches_recommendation_and_overall_comment(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    first = window.findChild(QLineEdit, f"scoreInput.{_first_criterion(window)}")
    first.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is first)
    wanted = {window.findChild(QComboBox, "recommendationCombo"),
              window.findChild(QPlainTextEdit, "overallComment")}
    reached = []
    for _ in range(40):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        reached.append(window.focusWidget())
        if wanted <= set(reached):
            break
    assert wanted <= set(reached), [w.objectName() for w in reached]
    names = [w.objectName() for w in reached]
    assert names.index("recommendationCombo") < names.index("overallComment")
    assert all(not n.startswith("scoreInput.") for n in names[names.index("overallComment"):])


def _looks_like_an_id(text: str, object_names: set[str]) -> bool:
    return any(name and name in text for name in object_names) or (
        text.isascii() and ("." in text or any(c.isupper() for c in text[1:]))
        and " " not in text)


def _announced(widget) -> str:
    """What a screen reader reads: the accessible name, else the buddy label or the
    button text (Qt's accessibility interface works this out)."""
    from PySide6.QtGui import QAccessible

    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def test_accessible_names_are_translated_labels(qtbot, window, package_file):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView

    open_and_unlock(qtbot, window, package_file)
    window.finalize_action.trigger()  # the finalize dialog too (a child of the window)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "finalizeDialog") is not None)
    object_names = {w.objectName() for w in window.findChildren(object)
                    if len(w.objectName()) > 3}
    for widget in window.findChildren(QWidget):
        name = widget.accessibleName()
        assert not (name and _looks_like_an_id(name, object_names)), \
            f"{widget.objectName()} is announced as {name!r}"
    inputs = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView, QAbstractButton)
    for panel in (window.rubric_panel, window.findChild(QWidget, "finalizeDialog")):
        for widget in panel.findChildren(QWidget):
            if isinstance(widget, inputs) and widget.isVisibleTo(panel) and \
                    widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.objectName():
                assert _announced(widget), f"{widget.objectName()} has no accessible name"
    for name in ("projectList", "materialList", "pdfView", "missingList", "conflictCheck",
                 "recommendationCombo", "overallComment"):
        announced = _announced(window.findChild(QWidget, name))
        assert announced and not _looks_like_an_id(announced, object_names), name
    cid = _first_criterion(window)
    score = window.findChild(QLineEdit, f"scoreInput.{cid}")
    criterion = window.session.rubric.criterion(cid)
    assert criterion.name in score.accessibleName()
    window.set_language("en")
    assert criterion.name_en in score.accessibleName()


def test_project_summary_heading_is_translated(qtbot, window):
    from reviewer_app.gui.expert.project_info import ProjectInfoView

    info = ProjectInfoView()
    qtbot.addWidget(info)
    info.set_project({"project_title": "示例项目", "summary": "一种新型电池材料"})
    html = info.toHtml()
    assert "项目摘要" in html and "Summary" not in html
    window.set_language("en")
    info.set_english(True)
    assert "Project summary" in info.toHtml()


def test_a_file_that_is_not_a_package_is_refused_before_credentials(qtbot, window, opener,
                                                                    tmp_path):
    pdf = tmp_path / "申报书.pdf"
    pdf.write_bytes(b"%PDF-1.7\n% not a review package\n")
    assert window.open_path(pdf) is None
    assert window.findChild(QLineEdit, "passphraseEdit") is None  # no dialog asked
    (_title, text), = window.errors
    assert "不是评审包" in text and opener.calls == 0
    empty = tmp_path / "empty.revpkg"
    empty.write_bytes(b"")
    assert window.open_path(empty) is None
    assert window.open_path(tmp_path / "gone.revpkg") is None
    assert "无法读取" in window.errors[-1][1]
    assert len(window.errors) == 3 and opener.calls == 0


def test_key_folder_is_shown_as_a_person_reads_it(tmp_path):
    from reviewer_app.gui.expert.identity_dialog import key_folder_text

    home = tmp_path / "home" / "王专家"
    assert key_folder_text(home / ".local/share/desk/keys/expert.key", home) == \
        "~/.local/share/desk/keys"
    assert key_folder_text(home / "expert.key", home) == "~"
    assert key_folder_text(tmp_path / "elsewhere" / "expert.key", home) == \
        str(tmp_path / "elsewhere")


def test_the_letter_has_one_name_everywhere():
    from reviewer_app.gui.build_translations import ts_path
    from reviewer_app.paths import TRANSLATIONS

    chinese = ts_path("zh_CN").read_text(encoding="utf-8")
    guide = (TRANSLATIONS.parents[1] / "docs" / "guide-expert.md").read_text(encoding="utf-8")
    assert "通知函" in chinese and "通知函" in guide
    for other in ("函件", "组织方函", "来信"):
        assert other not in chinese and other not in guide, other
