"""The unlock dialog (ui/unlock_dialog.ui) and the friendly messages for reader errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from reviewer_app.core.seat_codes import SeatCodeError, canonical_seat_code
from reviewer_app.gui.expert.session import (
    Credentials,
    FailureKind,
    OpenedPackage,
    Opener,
    OpenFailure,
    ReviewSession,
    load_own_key,
    own_key_id,
    recipient_key_ids,
)
from reviewer_app.gui.forms.ui_unlock_dialog import Ui_UnlockDialog
from reviewer_app.gui.settings import Preferences, legacy_workspace_path, workspace_path
from reviewer_app.gui.widgets.workers import Worker

if TYPE_CHECKING:
    from reviewer_app.identity.expert import ExpertKeys

# ``keys(passphrase_provider)``: the expert's identity store (SheetController.keys).
ExpertKeysFactory = Callable[[Callable[[bool], str]], "ExpertKeys"]


def precheck_failure(path: Path) -> OpenFailure | None:
    """Why ``path`` cannot be a review package, found before any credentials are asked
    for (the signature bytes only), or None when it may be one."""
    try:
        from reviewer_app.package.reader import looks_like_package
    except ImportError:
        return None  # a build without the reader: opening says so (READER_MISSING)
    try:
        if looks_like_package(path):
            return None
    except OSError as exc:
        return OpenFailure(FailureKind.UNREADABLE, exc.strerror or str(exc))
    return OpenFailure(FailureKind.NOT_A_PACKAGE, "no package signature bytes")


def failure_message(failure: OpenFailure, *, own_key: bool = False) -> str:
    """A specific, translated sentence for each way opening can fail.

    ``own_key``: the expert tried their own key (not the package passphrase).
    """
    kind = failure.kind
    if kind is FailureKind.NOT_FOR_THIS_KEY and not own_key:
        return QCoreApplication.translate(
            "OpenErrors", "This package opens only with the key of an enrolled expert, "
                          "not with a passphrase. Choose “My signing key on this "
                          "computer”.")
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
            "OpenErrors", "This package was not built for your key. "
                          "Use the package passphrase instead."),
        FailureKind.NO_OWN_KEY: QCoreApplication.translate(
            "OpenErrors", "There is no signing key on this computer yet, so no package "
                          "can have been built for it. Use the package passphrase."),
        FailureKind.OWN_KEY_LOST: QCoreApplication.translate(
            "OpenErrors", "Your signing key (fingerprint %2) can no longer be found on "
                          "this computer. Use the package passphrase."),
        FailureKind.WRONG_KEY_PASSPHRASE: QCoreApplication.translate(
            "OpenErrors", "The passphrase of your key file is not correct. "
                          "Please try again."),
        FailureKind.OWN_KEY_UNUSABLE: QCoreApplication.translate(
            "OpenErrors", "Your signing key cannot be used: %1"),
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
                          "Check your notification letter."),
        FailureKind.SEAT_CODE_NEEDED: QCoreApplication.translate(
            "OpenErrors", "This seat needs its seat code: type the code printed on "
                          "your notification letter."),
        FailureKind.WRONG_SEAT_CODE: QCoreApplication.translate(
            "OpenErrors", "This seat code does not belong to this seat. Check the seat ID "
                          "and the code on your notification letter."),
        FailureKind.WORKSPACE: QCoreApplication.translate(
            "OpenErrors", "Your saved work for this package cannot be "
                          "opened: %1"),
        FailureKind.WORKSPACE_IN_USE: QCoreApplication.translate(
            "OpenErrors", "This package is already open for this seat in another window "
                          "of Expert Review Desk. Continue your work there, or close it "
                          "there first."),
        FailureKind.OTHER: QCoreApplication.translate(
            "OpenErrors", "The package could not be opened: %1"),
    }
    return messages[kind].replace("%1", failure.detail).replace("%2", failure.fingerprint)


@dataclass(frozen=True)
class Prefill:
    """Values to put in the dialog: the demo package's, or the seat of a locked session."""

    passphrase: str = ""
    seat_id: str = ""
    seat_code: str = ""
    hint: str = ""
    seat_locked: bool = False        # re-unlock after the idle lock: same seat
    package_id: str | None = None    # ... and the same package
    # ... whose workspace lock the locked window still holds (gui.expert.session_lock)
    held_lock: Any = field(default=None, compare=False, repr=False)


class UnlockDialog(QDialog):
    """Asks for the passphrase (or uses the expert's own key) and seat; opens the package
    in a worker.

    With ``expert_keys`` (the identity store of :mod:`reviewer_app.gui.expert.sheet_actions`)
    the expert can unlock a package built for them (``reviewer-admin build --recipient``)
    with the key kept on this computer: no passphrase when it is in the system keyring,
    the key file's passphrase in the encrypted-file fallback. That mode is preselected
    when the package header names the expert's key.

    On success ``session`` holds the started :class:`ReviewSession` and the dialog
    is accepted. A wrong passphrase keeps the dialog open for another try.
    """

    def __init__(self, path: Path, opener: Opener, prefs: Preferences, *,
                 prefill: Prefill | None = None,
                 confirm_trust: Callable[[str], bool] | None = None,
                 expert_keys: ExpertKeysFactory | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UnlockDialog()
        self.ui.setupUi(self)
        self.path = Path(path)
        self._opener = opener
        self._prefs = prefs
        self._prefill = prefill or Prefill()
        self._confirm_trust = confirm_trust or (lambda _fp: False)
        self._expert_keys = expert_keys
        self._own_public: Any = None  # identity.expert.PublicKeys, public half only
        self._own_location: Any = None  # identity.expert.KeyLocation, looked up on demand
        self._worker = Worker(self, threads=1)
        self.session: ReviewSession | None = None
        self.failure: OpenFailure | None = None
        self.attempts = 0

        ui = self.ui
        ui.busyBar.setVisible(False)
        ui.errorLabel.setVisible(False)
        ui.passphraseEdit.setText(self._prefill.passphrase)
        ui.seatIdEdit.setText(self._prefill.seat_id)
        if self._prefill.seat_locked:
            # Unlocking after a lock: the seat is fixed and the code is not shown to
            # whoever passes the screen -- the dialog keeps it and shows a masked form.
            from reviewer_app.core.seat_codes import masked_seat_code

            ui.seatCodeEdit.setText(masked_seat_code(self._prefill.seat_code))
            ui.seatIdEdit.setReadOnly(True)
            ui.seatCodeEdit.setReadOnly(True)
        else:
            ui.seatCodeEdit.setText(self._prefill.seat_code)
        self._init_own_key()
        ui.ownKeyRadio.toggled.connect(self._mode_toggled)
        ui.buttonBox.accepted.connect(self._try_open)
        ui.buttonBox.rejected.connect(self.reject)
        self._retranslate()
        typed = self._prefill.passphrase or not ui.passphraseEdit.isVisibleTo(self)
        (ui.seatIdEdit if typed and not self._prefill.seat_id else ui.passphraseEdit
         if ui.passphraseEdit.isVisibleTo(self) else ui.buttonBox).setFocus()

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
        self._update_mode()  # retranslateUi reset the passphrase label

    # --- the expert's own key ----------------------------------------------------
    def _init_own_key(self) -> None:
        """Offer the own-key mode when there is an identity store; preselect it when
        the package was built for the expert's current key (public data only)."""
        radio = self.ui.ownKeyRadio
        if self._expert_keys is None:
            radio.setVisible(False)
            self.ui.passphraseRadio.setVisible(False)  # the passphrase is the only way
            return
        try:
            self._own_public = self._keys(lambda _creating: "").public_record().current
        except Exception:  # only a default: unlocking reports the real errors
            self._own_public = None
        if self._own_public is not None and own_key_id(
                self._own_public.encryption) in recipient_key_ids(self.path):
            radio.setChecked(True)

    def _keys(self, passphrase: Callable[[bool], str]) -> ExpertKeys:
        assert self._expert_keys is not None
        return self._expert_keys(passphrase)

    def own_key_mode(self) -> bool:
        return self._expert_keys is not None and self.ui.ownKeyRadio.isChecked()

    def own_key_needs_passphrase(self) -> bool:
        """Whether the own key sits in the encrypted key file (no usable keyring)."""
        if self._own_location is None:
            try:
                self._own_location = self._keys(lambda _creating: "").location()
            except Exception:  # ask for it: loading reports the real error
                return True
        return self._own_location.kind == "file"

    def _mode_toggled(self, _checked: bool) -> None:
        # The package passphrase and the key file passphrase are different secrets.
        self.ui.passphraseEdit.clear()
        self.ui.errorLabel.setVisible(False)
        self._update_mode()
        self.ui.passphraseEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_mode(self) -> None:
        ui = self.ui
        own = self.own_key_mode()
        ask = not own or self.own_key_needs_passphrase()
        ui.passphraseLabel.setVisible(ask)
        ui.passphraseEdit.setVisible(ask)
        ui.passphraseLabel.setText(self.tr("Key file passphrase:") if own
                                   else self.tr("Passphrase:"))
        ui.ownKeyInfo.setVisible(own)
        if not own:
            return
        if self._own_public is None:
            info = self.tr("There is no signing key on this computer yet.")
        elif ask:
            info = self.tr("Your key (fingerprint %1) is kept in an encrypted file: enter "
                           "the passphrase that protects it, not the package passphrase.")
        else:
            info = self.tr("Your key (fingerprint %1) is in the system keyring of this "
                           "computer: no passphrase is needed.")
        ui.ownKeyInfo.setText(info.replace(
            "%1", self._own_public.fingerprint if self._own_public else ""))

    def credentials(self) -> Credentials:
        """What was typed; in own-key mode ``passphrase`` is that of the key file."""
        return Credentials(passphrase=self.ui.passphraseEdit.text(),
                           seat_id=self.ui.seatIdEdit.text().strip(),
                           seat_code=self._prefill.seat_code if self._prefill.seat_locked
                           else self.ui.seatCodeEdit.text().strip())

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
        own = self.own_key_mode()
        ask = not own or self.own_key_needs_passphrase()
        if ask and not creds.passphrase:
            self.show_error(self.tr("Enter the passphrase of your key file.") if own
                            else self.tr("Enter the passphrase."))
            return
        if not creds.seat_id:
            self.show_error(self.tr("Enter your seat ID."))
            return
        try:
            # A seat enrolled with the expert's own key needs no code (the key stands
            # for it); ReviewSession.start checks that the seat is enrolled.
            seat_code = (canonical_seat_code(creds.seat_code)
                         if creds.seat_code or not own else "")
        except SeatCodeError:
            self.show_error(self.tr("The seat code has 16 letters and digits, as printed "
                                    "on your notification letter (for example "
                                    "ABCD-EFGH-JKMN-PQRS)."))
            return
        self.attempts += 1
        self.ui.errorLabel.setVisible(False)
        self._set_busy(True)
        trusted = frozenset(self._prefs.trusted_organizers())
        path, opener = self.path, self._opener
        if own:
            key_passphrase = creds.passphrase
            keys = self._keys(lambda _creating: key_passphrase)
            creds = replace(creds, passphrase="")

            def job() -> tuple[OpenedPackage, Any]:
                # In the worker: the keyring may block; the key file runs Argon2id.
                own_key = load_own_key(keys)
                return opener(path, replace(creds, x25519_key=own_key), trusted), own_key
        else:
            def job() -> tuple[OpenedPackage, Any]:
                return opener(path, creds, trusted), None
        self._worker.submit(job, lambda opened: self._opened(*opened, creds.seat_id,
                                                              seat_code),
                            self._failed)

    def _opened(self, package: OpenedPackage, own_key: Any, seat_id: str,
                seat_code: str) -> None:
        try:
            if self._prefill.package_id and package.package_id != self._prefill.package_id:
                raise OpenFailure(FailureKind.OTHER, self.tr("this is not the package that "
                                                             "was locked"))
            self.session = ReviewSession.start(
                package, seat_id=seat_id, seat_code=seat_code,
                workspace_path=workspace_path(package.package_id, seat_id),
                legacy_workspace=legacy_workspace_path(package.package_id), own_key=own_key,
                held_lock=self._prefill.held_lock)
        except OpenFailure as failure:
            package.close()
            self._failed(failure)
            return
        self._set_busy(False)
        self._prefs.add_recent(self.path)
        self._forget_typed_secrets()
        self.accept()

    def _forget_typed_secrets(self) -> None:
        """Drop the passphrase and seat code the dialog holds once the package is open.

        setText (unlike clear) also drops the line edit's undo history. This is all
        Python and Qt allow: the strings already handed on are immutable and are freed
        without being overwritten, and the session keeps the seat code, which signs the
        sheet's seat claim. Core dumps are off (reviewer_app/hardening.py).
        """
        for edit in (self.ui.passphraseEdit, self.ui.seatCodeEdit):
            edit.setText("")

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
        own = self.own_key_mode()
        message = failure_message(failure, own_key=own)
        if own and failure.kind in (FailureKind.NOT_FOR_THIS_KEY, FailureKind.NO_OWN_KEY,
                                    FailureKind.OWN_KEY_LOST):
            self.ui.passphraseRadio.setChecked(True)  # the passphrase is the way left
        elif not own and failure.kind is FailureKind.NOT_FOR_THIS_KEY \
                and self._expert_keys is not None:
            self.ui.ownKeyRadio.setChecked(True)
        self.show_error(message)
        if failure.kind in (FailureKind.WRONG_PASSPHRASE, FailureKind.NOT_FOR_THIS_KEY,
                            FailureKind.WRONG_KEY_PASSPHRASE, FailureKind.NO_OWN_KEY,
                            FailureKind.OWN_KEY_LOST):
            self.ui.passphraseEdit.clear()
            self.ui.passphraseEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif failure.kind is FailureKind.BAD_SEAT:
            self.ui.seatIdEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif failure.kind in (FailureKind.SEAT_CODE_NEEDED, FailureKind.WRONG_SEAT_CODE):
            self.ui.seatCodeEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        self._worker.cancel_all()
        super().reject()


