"""The unlock dialog (ui/unlock_dialog.ui) and the friendly messages for reader errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from reviewer_app.core.seat_codes import SeatCodeError, canonical_seat_code
from reviewer_app.gui.forms.ui_unlock_dialog import Ui_UnlockDialog
from reviewer_app.gui.session import (
    Credentials,
    FailureKind,
    OpenedPackage,
    Opener,
    OpenFailure,
    ReviewSession,
)
from reviewer_app.gui.settings import Preferences, workspace_path
from reviewer_app.gui.workers import Worker


def failure_message(failure: OpenFailure) -> str:
    """A specific, translated sentence for each way opening can fail."""
    kind = failure.kind
    messages = {
        FailureKind.NOT_A_PACKAGE: QCoreApplication.translate(
            "OpenErrors", "This file is not a review package. "
                          "Check that you chose the .revpkg file you received."),
        FailureKind.UNSUPPORTED_VERSION: QCoreApplication.translate(
            "OpenErrors", "This package was made by a newer "
                          "version of the software. Please update "
                          "Expert Review Desk."),
        FailureKind.LIMITS_EXCEEDED: QCoreApplication.translate(
            "OpenErrors", "This package asks for more resources "
                          "than allowed and was refused for your safety. "
                          "Contact the secretariat."),
        FailureKind.TRUNCATED: QCoreApplication.translate(
            "OpenErrors", "The package file is incomplete (the copy may "
                          "have been interrupted). Copy it again from the USB drive."),
        FailureKind.WRONG_PASSPHRASE: QCoreApplication.translate(
            "OpenErrors", "The passphrase is not correct. "
                          "Please try again."),
        FailureKind.NOT_FOR_THIS_KEY: QCoreApplication.translate(
            "OpenErrors", "This package was not made for your key. "
                          "Choose your own key file, or use the passphrase."),
        FailureKind.TAMPERED: QCoreApplication.translate(
            "OpenErrors", "The package has been altered or damaged and "
                          "cannot be trusted. Do not use it; ask the secretariat for "
                          "a new copy."),
        FailureKind.UNTRUSTED_ORGANIZER: QCoreApplication.translate(
            "OpenErrors", "The package is signed by an "
                          "organizer key you have not trusted yet."),
        FailureKind.UNREADABLE: QCoreApplication.translate(
            "OpenErrors", "The file cannot be read: %1"),
        FailureKind.READER_MISSING: QCoreApplication.translate(
            "OpenErrors", "This version cannot open review packages "
                          "(the package reader is missing)."),
        FailureKind.BAD_SEAT: QCoreApplication.translate(
            "OpenErrors", "The seat ID is not part of this package. "
                          "Check the letter from the organizer."),
        FailureKind.WORKSPACE: QCoreApplication.translate(
            "OpenErrors", "Your saved work for this package cannot be "
                          "opened: %1"),
        FailureKind.OTHER: QCoreApplication.translate(
            "OpenErrors", "The package could not be opened: %1"),
    }
    return messages[kind].replace("%1", failure.detail)


@dataclass(frozen=True)
class Prefill:
    """Values to put in the dialog: the demo package's, or the seat of a locked session."""

    passphrase: str = ""
    seat_id: str = ""
    seat_code: str = ""
    hint: str = ""
    seat_locked: bool = False        # re-unlock after the idle lock: same seat
    package_id: str | None = None    # ... and the same package


class UnlockDialog(QDialog):
    """Asks for the passphrase (or key file) and seat; opens the package in a worker.

    On success ``session`` holds the started :class:`ReviewSession` and the dialog
    is accepted. A wrong passphrase keeps the dialog open for another try.
    """

    def __init__(self, path: Path, opener: Opener, prefs: Preferences, *,
                 prefill: Prefill | None = None,
                 confirm_trust: Callable[[str], bool] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UnlockDialog()
        self.ui.setupUi(self)
        self.path = Path(path)
        self._opener = opener
        self._prefs = prefs
        self._prefill = prefill or Prefill()
        self._confirm_trust = confirm_trust or (lambda _fp: False)
        self._worker = Worker(self, threads=1)
        self.session: ReviewSession | None = None
        self.failure: OpenFailure | None = None
        self.attempts = 0

        ui = self.ui
        ui.busyBar.setVisible(False)
        ui.errorLabel.setVisible(False)
        ui.passphraseEdit.setText(self._prefill.passphrase)
        ui.seatIdEdit.setText(self._prefill.seat_id)
        ui.seatCodeEdit.setText(self._prefill.seat_code)
        if self._prefill.seat_locked:
            ui.seatIdEdit.setReadOnly(True)
            ui.seatCodeEdit.setReadOnly(True)
        ui.keyFileRadio.toggled.connect(self._update_mode)
        ui.keyFileButton.clicked.connect(self._browse_key)
        ui.buttonBox.accepted.connect(self._try_open)
        ui.buttonBox.rejected.connect(self.reject)
        self._update_mode()
        self._retranslate()
        (ui.seatIdEdit if self._prefill.passphrase and not self._prefill.seat_id
         else ui.passphraseEdit).setFocus()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.ui.packageLabel.setText(self.tr("Package: %1").replace("%1", self.path.name))
        self.ui.hintLabel.setText(self._prefill.hint)
        self.ui.hintLabel.setVisible(bool(self._prefill.hint))
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Unlock"))

    def _update_mode(self) -> None:
        key_mode = self.ui.keyFileRadio.isChecked()
        for widget in (self.ui.keyFileEdit, self.ui.keyFileButton, self.ui.keyFileLabel):
            widget.setEnabled(key_mode)
        self.ui.passphraseLabel.setText(self.tr("Key passphrase:") if key_mode
                                        else self.tr("Passphrase:"))

    def _browse_key(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose your key file"))
        if name:
            self.ui.keyFileEdit.setText(name)

    def credentials(self) -> Credentials:
        key_file = (Path(self.ui.keyFileEdit.text()) if self.ui.keyFileRadio.isChecked()
                    and self.ui.keyFileEdit.text() else None)
        return Credentials(passphrase=self.ui.passphraseEdit.text(), key_file=key_file,
                           seat_id=self.ui.seatIdEdit.text().strip(),
                           seat_code=self.ui.seatCodeEdit.text().strip())

    def show_error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(True)

    def _set_busy(self, busy: bool) -> None:
        self.ui.busyBar.setVisible(busy)
        for widget in (self.ui.keyGroup, self.ui.seatGroup, self.ui.buttonBox):
            widget.setEnabled(not busy)

    def is_busy(self) -> bool:
        return self._worker.pending() > 0

    # --- opening --------------------------------------------------------------
    def _try_open(self) -> None:
        creds = self.credentials()
        if not creds.passphrase and creds.key_file is None:
            self.show_error(self.tr("Enter the passphrase."))
            return
        if not creds.seat_id:
            self.show_error(self.tr("Enter your seat ID."))
            return
        try:
            seat_code = canonical_seat_code(creds.seat_code)
        except SeatCodeError:
            self.show_error(self.tr("The seat code has 16 letters and digits, as printed "
                                    "on your letter (for example ABCD-EFGH-JKMN-PQRS)."))
            return
        self.attempts += 1
        self.ui.errorLabel.setVisible(False)
        self._set_busy(True)
        trusted = frozenset(self._prefs.trusted_organizers())
        path, opener = self.path, self._opener
        self._worker.submit(lambda: opener(path, creds, trusted),
                            lambda package: self._opened(package, creds.seat_id, seat_code),
                            self._failed)

    def _opened(self, package: OpenedPackage, seat_id: str, seat_code: str) -> None:
        try:
            if self._prefill.package_id and package.package_id != self._prefill.package_id:
                raise OpenFailure(FailureKind.OTHER, self.tr("this is not the package that "
                                                             "was locked"))
            self.session = ReviewSession.start(package, seat_id=seat_id, seat_code=seat_code,
                                               workspace_path=workspace_path(package.package_id))
        except OpenFailure as failure:
            package.close()
            self._failed(failure)
            return
        self._set_busy(False)
        self._prefs.add_recent(self.path)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        failure = exc if isinstance(exc, OpenFailure) else OpenFailure(FailureKind.OTHER,
                                                                       str(exc))
        self.failure = failure
        if (failure.kind is FailureKind.UNTRUSTED_ORGANIZER and failure.public_key
                and self._confirm_trust(failure.fingerprint)):
            self._prefs.trust_organizer(failure.public_key)
            self._try_open()
            return
        self.show_error(failure_message(failure))
        if failure.kind in (FailureKind.WRONG_PASSPHRASE, FailureKind.NOT_FOR_THIS_KEY):
            self.ui.passphraseEdit.clear()
            self.ui.passphraseEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif failure.kind is FailureKind.BAD_SEAT:
            self.ui.seatIdEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        self._worker.cancel_all()
        super().reject()


