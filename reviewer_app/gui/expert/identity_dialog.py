"""The expert's signing identity: its fingerprint and key location, and the key file passphrase.

:class:`IdentityDialog` shows what :mod:`reviewer_app.gui.expert.sheet_actions` hands it and
emits the expert's requests; :class:`PassphraseDialog` asks for the passphrase of the
encrypted key file used where no system keyring is available.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.gui.i18n import Retranslating
from reviewer_app.identity.passphrase import FLOOR_BITS, estimated_bits


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setObjectName(name)  # for tests; screen readers read the labels (buddies)
    return widget


def key_folder_text(key_file: str | Path, home: Path | None = None) -> str:
    """The folder of a key file as a person reads it: ``~/…`` under the home folder.

    The expert needs to know the key is a file on this computer and roughly where,
    not its internal file name."""
    folder = Path(key_file).parent
    home = Path.home() if home is None else home
    try:
        inside = folder.relative_to(home)
    except ValueError:
        return str(folder)
    return "~" if inside == Path() else str(Path("~") / inside)


class PassphraseDialog(Retranslating, QDialog):
    """Create (typed twice) or unlock (typed once) the encrypted key file.

    Args:
        creating: a new key file is written: ask twice, and refuse a passphrase below
            the strength floor (``reviewer_app/identity/passphrase.py``), as
            ``write_key_file`` would.
        where: the key file path, shown so the expert knows what is protected.
        error: shown in red (e.g. after a wrong passphrase).
    """

    def __init__(self, creating: bool, where: str, error: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyPassphraseDialog")
        self.creating = creating
        self.where = where
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.edit = _named(QLineEdit(self), "keyPassphraseEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = _named(QLineEdit(self), "keyPassphraseRepeatEdit")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setVisible(creating)
        self.error = _named(QLabel(error, self), "keyPassphraseError")
        self.error.setStyleSheet("color: #b42318;")
        self.error.setWordWrap(True)
        self.error.setVisible(bool(error))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("buttonBox")
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        self.edit_label = QLabel(self)
        self.repeat_label = QLabel(self)
        self.repeat_label.setVisible(creating)
        form.addRow(self.edit_label, self.edit)
        form.addRow(self.repeat_label, self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Signing key passphrase"))
        if self.creating:
            self.intro.setText(self.tr(
                "This computer has no usable system keyring, so your signing key is kept in "
                "an encrypted key file on this computer (in %1).\n\nChoose a passphrase "
                "that is hard to guess to protect it: several unrelated words, or 18 or "
                "more random characters. Without it the key cannot be used, and nobody can "
                "recover it.")
                .replace("%1", key_folder_text(self.where)))
        else:
            self.intro.setText(self.tr("Enter the passphrase of your signing key (an "
                                       "encrypted key file on this computer, in %1):")
                               .replace("%1", key_folder_text(self.where)))
        self.edit_label.setText(self.tr("Passphrase:"))
        self.repeat_label.setText(self.tr("Again:"))

    def _check(self) -> None:
        text = self.edit.text()
        problem = ""
        if not text:
            problem = self.tr("Enter the passphrase.")
        elif self.creating and (bits := estimated_bits(text)) < FLOOR_BITS:
            problem = self.tr(
                "This passphrase is too easy to guess (about %1 bits of strength, at least "
                "%2 needed). Make it longer: add unrelated words or random characters; "
                "avoid names, dates and common passwords.").replace(
                "%1", str(int(bits))).replace("%2", str(FLOOR_BITS))
        elif self.creating and self.repeat.text() != text:
            problem = self.tr("The two passphrases differ.")
        if problem:
            self.error.setText(problem)
            self.error.setVisible(True)
            return
        self.accept()

    def passphrase(self) -> str:
        return self.edit.text()


class IdentityDialog(Retranslating, QDialog):
    """Fingerprint, key id, where the keys are kept; export the public key; start over."""

    exportRequested = Signal()
    newIdentityRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityDialog")
        self.resize(560, 300)
        self._info: dict[str, str] = {}
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.fingerprint = _named(QLabel(self), "identityFingerprintLabel")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setStyleSheet("font-family: monospace; font-size: 14px;")
        self.key_id = _named(QLabel(self), "identityKeyIdLabel")
        self.key_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location = _named(QLabel(self), "identityLocationLabel")
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = _named(QLabel(self), "identityHistoryLabel")
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color: #475467;")
        self.fingerprint_label, self.key_id_label, self.location_label = (
            QLabel(self), QLabel(self), QLabel(self))
        form = QFormLayout()
        form.addRow(self.fingerprint_label, self.fingerprint)
        form.addRow(self.key_id_label, self.key_id)
        form.addRow(self.location_label, self.location)
        self.export_button = _named(QPushButton(self), "exportPublicKeyButton")
        self.export_button.clicked.connect(self.exportRequested)
        self.new_button = _named(QPushButton(self), "newIdentityButton")
        self.new_button.clicked.connect(self.newIdentityRequested)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.history)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def set_info(self, *, fingerprint: str, key_id: str, location: str, retired: int) -> None:
        """Show an identity; an empty ``fingerprint`` means none was created yet."""
        self._info = {"fingerprint": fingerprint, "key_id": key_id, "location": location,
                      "retired": str(retired)}
        self.retranslate()

    def retranslate(self) -> None:
        info = self._info
        has = bool(info.get("fingerprint"))
        self.setWindowTitle(self.tr("My signing key"))
        self.intro.setText(self.tr(
            "Your score sheets are signed with this key. The secretariat can compare the "
            "fingerprint with the key ID printed on each score sheet.") if has else self.tr(
            "You have no signing key yet. It is created when you first sign a score sheet, "
            "or now."))
        self.fingerprint_label.setText(self.tr("Fingerprint:"))
        self.key_id_label.setText(self.tr("Key ID:"))
        self.location_label.setText(self.tr("Kept in:"))
        self.fingerprint.setText(info.get("fingerprint", "") or "—")
        self.key_id.setText(info.get("key_id", "") or "—")
        self.location.setText(info.get("location", ""))
        retired = int(info.get("retired", "0") or 0)
        self.history.setText(self.tr(
            "%1 earlier key(s) were replaced on this computer. Score sheets signed with them "
            "stay valid: each sheet carries its own public key.").replace("%1", str(retired))
            if retired else "")
        self.history.setVisible(bool(retired))
        self.export_button.setText(self.tr("Export my public key…"))
        self.export_button.setEnabled(True)
        self.new_button.setText(self.tr("Create a new identity…") if has
                                else self.tr("Create my signing key"))
