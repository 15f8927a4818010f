"""The fields both package builds at the desk share (gui/desk/build_fields.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog, QWidget

from reviewer_app.gui.desk.build_fields import DeadlineField, PackageFileField, letters_folder


def test_no_deadline_until_the_box_is_ticked(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    field = DeadlineField(owner, "check", "edit", days_ahead=7)
    assert field.deadline() is None and not field.edit.isEnabled()
    field.edit.setDate(QDate(2026, 12, 14))
    field.check.setChecked(True)
    assert field.edit.isEnabled()
    assert field.deadline() == dt.date(2026, 12, 14)


def test_the_save_dialog_starts_in_the_path_typed_and_names_a_package(qtbot, monkeypatch,
                                                                      tmp_path):
    owner = QWidget()
    qtbot.addWidget(owner)
    asked = []

    def save(_parent, _title, start, _filter):
        asked.append(start)
        return str(tmp_path / "第一批"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    field = PackageFileField(owner, "out", "browse", lambda: tmp_path / "work")
    field.browse.click()
    assert asked == [str(tmp_path / "work")]
    assert field.edit.text() == str(tmp_path / "第一批.revpkg")
    field.browse.click()  # again: from what is in the field now
    assert asked[-1] == str(tmp_path / "第一批.revpkg")


def test_letters_go_beside_the_package():
    assert letters_folder(Path("/r/第一批.revpkg")) == Path("/r/第一批-通知函")
