"""Asks for a review package's passphrase (and, without a system keyring, for the
organizer key's), to register the package for the merge. Nothing typed is kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

translate = QCoreApplication.translate


class SecretDialog(QDialog):
    """One password field with an explanation; ``secret()`` after ``exec()``."""

    def __init__(self, title: str, explanation: str, label: str, object_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name + "Dialog")
        self.setWindowTitle(title)
        text = QLabel(explanation, self)
        text.setTextFormat(Qt.TextFormat.PlainText)  # a file name from a stick
        text.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(object_name)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("buttonBox")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(text)
        form.addRow(label, self.edit)
        form.addRow(buttons)

    def secret(self) -> str:
        return self.edit.text()

    def done(self, result: int) -> None:
        super().done(result)
        if result != QDialog.DialogCode.Accepted:
            self.edit.clear()


def ask_package_passphrase(parent: QWidget, package: Path) -> str | None:
    dialog = SecretDialog(
        translate("PackageDialog", "Register review package"),
        translate(
                "PackageDialog", "Passphrase of the package %1 (the one handed to the "
                                 "experts). It is "
                                 "used for this registration only and never stored.").replace(
            "%1", package.name),
        translate("PackageDialog", "Package passphrase"), "packagePassphraseEdit", parent)
    try:
        return dialog.secret() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.edit.clear()
        dialog.deleteLater()


def ask_organizer_passphrase(parent: QWidget) -> str | None:
    dialog = SecretDialog(
        translate("PackageDialog", "Organizer key"),
        translate(
                "PackageDialog", "This computer has no system keyring: the organizer key is "
                                 "kept in an "
                                 "encrypted file. Its passphrase:"),
        translate("PackageDialog", "Organizer key passphrase"), "organizerPassphraseEdit", parent)
    try:
        return dialog.secret() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.edit.clear()
        dialog.deleteLater()


class Declined(Exception):
    """The organizer key's passphrase was asked for and not given."""


def with_organizer_passphrase(parent: QWidget, use):
    """``use(ask)``, where ``ask`` asks for the organizer key's passphrase in a dialog
    over ``parent`` (only when no keyring holds the key). Raises :class:`Declined` when
    the person cancels that dialog."""
    def ask(_creating: bool) -> str:
        typed = ask_organizer_passphrase(parent)
        if typed is None:
            raise Declined()
        return typed

    return use(ask)
