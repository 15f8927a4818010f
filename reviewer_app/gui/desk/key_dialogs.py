"""The desk's two secrets dialogs: the organizer key file's passphrase (typed, hidden)
and the package passphrase generated for a build (shown once, never stored)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.gui.expert.identity_dialog import PassphraseDialog, key_folder_text
from reviewer_app.gui.i18n import Retranslating


class OrganizerPassphraseDialog(PassphraseDialog):
    """The expert's key-file passphrase dialog, worded for the organizer signing key
    (the same encrypted-file path ``reviewer-admin`` uses when no keyring is usable)."""

    def __init__(self, creating: bool, where: str, error: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(creating, where, error, parent)
        self.setObjectName("organizerPassphraseDialog")

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Organizer key passphrase"))
        if self.creating:
            self.intro.setText(self.tr(
                "This computer has no usable system keyring, so the organizer signing key "
                "is kept in an encrypted key file (in %1).\n\nChoose a passphrase that is "
                "hard to guess to protect it. Without it no package can be signed, and "
                "nobody can recover it.").replace("%1", key_folder_text(self.where)))
        else:
            self.intro.setText(self.tr("Enter the passphrase of the organizer signing key "
                                       "(an encrypted key file in %1):")
                               .replace("%1", key_folder_text(self.where)))


class GeneratedPassphraseDialog(Retranslating, QDialog):
    """Shows a new package's passphrase once, for the secretariat to deliver separately
    from the package and the letters; the text is dropped when the dialog closes."""

    def __init__(self, passphrase: str, package_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.package_name = package_name
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.field = QLineEdit(passphrase, self)
        self.field.setObjectName("passphraseShown")
        self.field.setReadOnly(True)
        font = self.field.font()
        font.setFamilies(["monospace", *font.families()])
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.field.setFont(font)
        # The whole passphrase in view: it is read out or copied by hand from here.
        self.field.setMinimumWidth(self.field.fontMetrics().horizontalAdvance(passphrase) + 24)
        self.setMinimumWidth(480)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.buttons.setObjectName("buttonBox")
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.field)
        layout.addWidget(self.buttons)
        self.finished.connect(lambda _result: self.field.clear())
        self.retranslate()

    @classmethod
    def show_once(cls, passphrase: str, package_name: str,
                  parent: QWidget) -> GeneratedPassphraseDialog:
        """Open the dialog (window-modal, deleted when closed) and return it."""
        dialog = cls(passphrase, package_name, parent)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Package passphrase"))
        self.intro.setText(self.tr(
            "The passphrase of %1 is shown only now and is kept nowhere. Write it down and "
            "deliver it to the experts separately from the package and the letters (in "
            "person or by telephone).").replace("%1", self.package_name))
        self.field.setAccessibleName(self.tr("Package passphrase"))
