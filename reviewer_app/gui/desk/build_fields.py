"""The fields both package builds at the desk share (the packages page and the
second-round dialog): the optional review deadline, the package file to write with its
save dialog, and the letters folder beside it. Texts are set by the owner's
``retranslate`` (its labels and accessible names); the save dialog's own texts are
translated here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

PACKAGE_SUFFIX = ".revpkg"


class DeadlineField:
    """A check box and a date: no deadline until the box is ticked."""

    def __init__(self, parent: QWidget, check_name: str, edit_name: str,
                 days_ahead: int) -> None:
        self.check = QCheckBox(parent)
        self.check.setObjectName(check_name)
        self.edit = QDateEdit(parent)
        self.edit.setObjectName(edit_name)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate.currentDate().addDays(days_ahead))
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        self.row = QHBoxLayout()
        self.row.addWidget(self.check)
        self.row.addWidget(self.edit, 1)

    def deadline(self) -> dt.date | None:
        if not self.check.isChecked():
            return None
        return dt.date.fromisoformat(self.edit.date().toString("yyyy-MM-dd"))


class PackageFileField:
    """Where the package is written: a path and a 浏览 button opening a save dialog in
    the path typed so far, or in ``start_dir``."""

    def __init__(self, parent: QWidget, edit_name: str, browse_name: str,
                 start_dir: Callable[[], Path]) -> None:
        self._parent, self._start_dir = parent, start_dir
        self.edit = QLineEdit(parent)
        self.edit.setObjectName(edit_name)
        self.browse = QPushButton(parent)
        self.browse.setObjectName(browse_name)
        self.browse.clicked.connect(self.choose)
        self.row = QHBoxLayout()
        self.row.addWidget(self.edit, 1)
        self.row.addWidget(self.browse)

    def choose(self) -> None:
        translate = QCoreApplication.translate
        name, _ = QFileDialog.getSaveFileName(
            self._parent, translate("PackageFileField", "Save package as"),
            self.edit.text() or str(self._start_dir()),
            translate("PackageFileField", "Review package (*.revpkg)"))
        if name:
            self.edit.setText(name if name.endswith(PACKAGE_SUFFIX) else name + PACKAGE_SUFFIX)


def letters_folder(package: Path) -> Path:
    """The folder the seats' letters are written to, beside the package."""
    return package.with_name(package.stem + "-通知函")
