"""The 承诺书 before any material opens, and the question about a pre-screened conflict
(manifest format 4, docs/formats.md §1.8.3).

Both only show and ask; what is stored and signed is decided in
:mod:`reviewer_app.gui.expert.conflict_gate` and :mod:`reviewer_app.sheets.build`.
Text from the package (the commitment, category and organisation names) is shown as
plain text, never as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.gui.i18n import Retranslating


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class CommitmentDialog(Retranslating, QDialog):
    """The package's commitment text; accepting it is required to open any material,
    declining closes the package (nothing typed before is lost)."""

    def __init__(self, text: str, sha256: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commitmentDialog")
        self.resize(640, 520)
        self.intro = _plain(QLabel(self))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("commitmentText")
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        self.digest = _plain(QLabel(self))
        self.digest.setObjectName("commitmentDigest")
        self.digest.setStyleSheet("color: #475467; font-size: 11px;")
        self._sha256 = sha256
        self.buttons = QDialogButtonBox(self)
        self.accept_button = QPushButton(self)
        self.accept_button.setObjectName("acceptCommitmentButton")
        self.refuse_button = QPushButton(self)
        self.refuse_button.setObjectName("refuseCommitmentButton")
        self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.refuse_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_button.clicked.connect(self.accept)
        self.refuse_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.digest)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Commitment of the review expert"))
        self.intro.setText(self.tr("Before any material opens, read the commitment of this "
                                   "review and accept it. Your acceptance and its time are "
                                   "recorded in your signed score sheet."))
        self.digest.setText(self.tr("Text fingerprint (SHA-256): %1").replace("%1",
                                                                               self._sha256))
        self.accept_button.setText(self.tr("I have read it and commit"))
        self.refuse_button.setText(self.tr("Decline and close the package"))
        self.text.setAccessibleName(self.tr("Commitment text"))


class ConflictHintDialog(Retranslating, QDialog):
    """A likely conflict the secretariat's pre-screen found for this project: the
    expert confirms it (and recuses) or says there is none, with a reason."""

    def __init__(self, project_label: str, category_name: str, matched: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictHintDialog")
        self._project, self._category, self._matched = project_label, category_name, matched
        self.message = _plain(QLabel(self))
        self.conflict_radio = QRadioButton(self)
        self.conflict_radio.setObjectName("hintConflictRadio")
        self.no_conflict_radio = QRadioButton(self)
        self.no_conflict_radio.setObjectName("hintNoConflictRadio")
        group = QButtonGroup(self)
        group.addButton(self.conflict_radio)
        group.addButton(self.no_conflict_radio)
        self.reason_label = _plain(QLabel(self))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("hintReasonEdit")
        self.reason_label.setBuddy(self.reason)
        self.problem = _plain(QLabel(self))
        self.problem.setObjectName("hintProblem")
        self.problem.setStyleSheet("color: #b42318;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("hintOkButton")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.conflict_radio, self.no_conflict_radio):
            widget.toggled.connect(lambda _on: self._update())
        self.reason.textChanged.connect(lambda _t: self._update())
        layout = QVBoxLayout(self)
        for widget in (self.message, self.conflict_radio, self.no_conflict_radio,
                       self.reason_label, self.reason, self.problem, self.buttons):
            layout.addWidget(widget)
        self.retranslate()

    @property
    def answer(self) -> str | None:
        """"conflict", "no_conflict", or None while nothing is chosen."""
        if self.conflict_radio.isChecked():
            return "conflict"
        return "no_conflict" if self.no_conflict_radio.isChecked() else None

    @property
    def reason_text(self) -> str:
        return " ".join(self.reason.text().split())

    def _update(self) -> None:
        ok = self.answer is not None and bool(self.reason_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.problem.setText("" if ok or self.answer is None else
                             self.tr("A reason is required."))

    def _accept(self) -> None:
        if self.answer is not None and self.reason_text:
            self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Possible conflict of interest"))
        self.message.setText(
            self.tr("The secretariat's check of the seat list found a possible conflict of "
                    "interest with %1 (%2): %3. Answer before you score this project.")
            .replace("%1", self._project).replace("%2", self._category)
            .replace("%3", " = ".join(self._matched)))
        self.conflict_radio.setText(self.tr("There is a conflict (I recuse myself)"))
        self.no_conflict_radio.setText(self.tr("There is no conflict"))
        self.reason_label.setText(self.tr("Reason (required):"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self._update()
