"""The packages page: build a panel or inspection package from an intake, for the seats
chosen and the experts named, with a generated strong passphrase shown once, and a
letter (通知函) per seat carrying its seat code.

The build is :func:`reviewer_app.central.package_build.build_with_letters`, run off the
GUI thread behind a progress dialog whose Cancel leaves no file. Nothing secret is
kept: the passphrase is shown once, the seat codes exist only on the letters.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.central.intake import Intake
from reviewer_app.gui.desk.build_fields import DeadlineField, PackageFileField, letters_folder
from reviewer_app.gui.desk.context import DeskContext
from reviewer_app.gui.desk.seat_model import SeatChoiceModel
from reviewer_app.gui.desk.tables import plain_label_text
from reviewer_app.gui.i18n import Retranslating

KINDS = ("panel", "inspection")
MAX_PASSPHRASE_TRIES = 3


class PackagesPage(Retranslating, QWidget):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packagesPage")
        self.context = context
        self.intake: Intake | None = None
        self.passphrase_dialog: QDialog | None = None
        self.last_build = None  # the LetteredPackage of the last build (no secret in it)
        self._build_ui()
        self.retranslate()

    def _build_ui(self) -> None:
        self.intake_label = QLabel(self)
        self.intake_edit = QLineEdit(self)
        self.intake_edit.setObjectName("packageIntakeEdit")
        self.intake_browse = QPushButton(self)
        self.intake_browse.setObjectName("packageIntakeBrowse")
        self.intake_browse.clicked.connect(self._browse_intake)
        self.load_button = QPushButton(self)
        self.load_button.setObjectName("loadSeatsButton")
        self.load_button.clicked.connect(self.load_seats)
        self.intake_edit.returnPressed.connect(self.load_seats)
        row = QHBoxLayout()
        for widget in (self.intake_edit, self.intake_browse, self.load_button):
            row.addWidget(widget)

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("packageKind")
        self.session_edit = QLineEdit(self)
        self.session_edit.setObjectName("sessionNameEdit")
        self.deadline = DeadlineField(self, "deadlineCheck", "deadlineEdit", days_ahead=14)
        self.out = PackageFileField(self, "packageOutEdit", "packageOutBrowse",
                                    lambda: self.context.work_dir)

        self.seat_model = SeatChoiceModel(self)
        self.seats_view = QTableView(self)
        self.seats_view.setObjectName("seatsTable")
        self.seats_view.setModel(self.seat_model)
        self.seats_view.verticalHeader().setVisible(False)
        self.seats_view.horizontalHeader().setStretchLastSection(True)
        self.seats_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.seats_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                        | QAbstractItemView.EditTrigger.EditKeyPressed)

        self.organizer_button = QPushButton(self)
        self.organizer_button.setObjectName("organizerButton")
        self.organizer_button.clicked.connect(self.show_organizer)
        self.organizer_label = QLabel(self)
        self.organizer_label.setObjectName("organizerFingerprint")
        self.organizer_label.setWordWrap(True)
        self.build_button = QPushButton(self)
        self.build_button.setObjectName("buildPackageButton")
        self.build_button.clicked.connect(self.build_package)
        self.message = QLabel(self)
        self.message.setObjectName("buildMessage")
        self.message.setWordWrap(True)

        self.labels = {name: QLabel(self) for name in
                       ("intake", "kind", "session", "deadline", "out", "seats")}
        form = QFormLayout()
        form.addRow(self.labels["intake"], row)
        form.addRow(self.labels["kind"], self.kind_combo)
        form.addRow(self.labels["session"], self.session_edit)
        form.addRow(self.labels["deadline"], self.deadline.row)
        form.addRow(self.labels["out"], self.out.row)
        for name, buddy in (("intake", self.intake_edit), ("kind", self.kind_combo),
                            ("session", self.session_edit), ("deadline", self.deadline.check),
                            ("out", self.out.edit), ("seats", self.seats_view)):
            self.labels[name].setBuddy(buddy)
        organizer = QHBoxLayout()
        organizer.addWidget(self.organizer_button)
        organizer.addWidget(self.organizer_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.labels["seats"])
        layout.addWidget(self.seats_view, 1)
        layout.addLayout(organizer)
        layout.addWidget(self.build_button)
        layout.addWidget(self.message)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Packages"))
        texts = {"intake": self.tr("Intake folder:"), "kind": self.tr("Kind:"),
                 "session": self.tr("Session name:"), "deadline": self.tr("Deadline:"),
                 "out": self.tr("Package file:"),
                 "seats": self.tr("Seats and their experts (untick a seat to leave it out; "
                                  "double-click a name to change the expert):")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.intake_browse.setText(self.tr("Browse…"))
        self.out.browse.setText(self.tr("Browse…"))
        self.load_button.setText(self.tr("Load seats"))
        kind = max(self.kind_combo.currentIndex(), 0)
        self.kind_combo.clear()
        self.kind_combo.addItems([self.tr("Panel review"), self.tr("On-site inspection")])
        self.kind_combo.setCurrentIndex(kind)
        self.session_edit.setPlaceholderText(self.tr("Default: program name and kind"))
        self.deadline.check.setText(self.tr("Review deadline"))
        self.organizer_button.setText(self.tr("Show organizer key"))
        self.build_button.setText(self.tr("Build package and letters"))
        for widget, name in ((self.intake_edit, "intake"), (self.kind_combo, "kind"),
                             (self.session_edit, "session"), (self.out.edit, "out"),
                             (self.seats_view, "seats")):
            widget.setAccessibleName(texts[name].split("（")[0].split(" (")[0].rstrip(":："))
        self.deadline.edit.setAccessibleName(texts["deadline"].rstrip(":："))
        self.deadline.check.setAccessibleName(self.deadline.check.text())
        self.seat_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)

    # --- intake and seats --------------------------------------------------------
    def _browse_intake(self) -> None:
        from reviewer_app.gui.desk.intake_reading import browse_intake_folder

        browse_intake_folder(self, self.intake_edit, self.context.work_dir, self.load_seats)

    def load_seats(self) -> None:
        from reviewer_app.gui.desk.intake_reading import read_intake

        read = read_intake(self, self.intake_edit.text())
        if read.problem is not None:
            self.intake = None
            self.seat_model.set_seats([])
            self._say(read.problem)
            return
        if read.intake is None:
            return
        intake = read.intake
        self.intake = intake
        self.seat_model.set_seats(intake.seats)
        if not self.out.edit.text():
            self.out.edit.setText(str(self.context.work_dir / self._default_name(intake)))
        self._say(self.tr("%1 seat(s), %2 project(s). Choose the seats and build.")
                  .replace("%1", str(len(intake.seats)))
                  .replace("%2", str(len(intake.applications))))

    def _kind(self) -> str:
        return KINDS[max(self.kind_combo.currentIndex(), 0)]

    def _default_name(self, intake: Intake) -> str:
        return f"{intake.program.info.id}-{self._kind()}.revpkg"

    # --- organizer key -------------------------------------------------------------
    def organizer(self):
        """The organizer identity (created on first use), asking for the key file's
        passphrase in a password dialog when there is no usable keyring; None when the
        user cancels or the key cannot be used (the reason is shown)."""
        from reviewer_app.central.organizer_key import load_organizer
        from reviewer_app.identity.errors import IdentityError, WrongKeyPassphrase

        error = ""

        def ask(creating: bool) -> str:
            from reviewer_app.identity.keystore import default_key_directory

            text = self.ask_passphrase(creating, str(default_key_directory()), error)
            if not text:
                raise _NoPassphrase()
            return text

        for _ in range(MAX_PASSPHRASE_TRIES):
            try:
                identity, _created, _where = load_organizer(ask)
                return identity
            except WrongKeyPassphrase:
                error = self.tr("The passphrase is not correct. Try again.")
            except _NoPassphrase:
                return None
            except (IdentityError, OSError) as exc:
                self._say(self.tr("The organizer key cannot be used: %1").replace("%1", str(exc)))
                return None
        self._say(self.tr("Too many wrong passphrases."))
        return None

    def ask_passphrase(self, creating: bool, where: str, error: str) -> str | None:
        from reviewer_app.gui.desk.key_dialogs import OrganizerPassphraseDialog

        dialog = OrganizerPassphraseDialog(creating, where, error, self)
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.passphrase() if ok else None
        finally:
            dialog.deleteLater()

    def show_organizer(self) -> None:
        identity = self.organizer()
        if identity is not None:
            self._show_fingerprint(identity.fingerprint)

    def _show_fingerprint(self, fingerprint: str) -> None:
        self.organizer_label.setText(self.tr("Organizer fingerprint: %1 (read it to the "
                                             "experts; it is on every letter)")
                                     .replace("%1", fingerprint))

    # --- building ------------------------------------------------------------------
    def build_package(self) -> None:
        """Build the package and its letters off the GUI thread, register it in the
        store, and show the generated passphrase once."""
        from reviewer_app.central.package_build import build_with_letters, plan_package
        from reviewer_app.core.errors import ReviewerError
        from reviewer_app.gui.widgets.workers import Cancelled, run_with_progress
        from reviewer_app.identity.passphrase import generate_passphrase

        if self.intake is None:
            self._say(self.tr("Load the intake's seats first."))
            return
        choices = self.seat_model.choices()
        if not choices:
            self._say(self.tr("Choose at least one seat."))
            return
        out_text = self.out.edit.text().strip()
        if not out_text:
            self._say(self.tr("Choose where to save the package."))
            return
        out = Path(out_text)
        letters_dir = letters_folder(out)
        identity = self.organizer()
        if identity is None:
            return
        self._show_fingerprint(identity.fingerprint)
        passphrase = generate_passphrase()
        deadline = self.deadline.deadline()
        root, kind = self.intake.root, self._kind()
        session = self.session_edit.text().strip() or None
        engine = self.context.engine

        def task(progress):
            planned = plan_package(root, kind=kind, session_name=session, deadline=deadline,
                                   seats=choices)
            return build_with_letters(engine, planned, out, letters_dir, organizer=identity,
                                      passphrase=passphrase,
                                      progress=lambda done, total, _phase: progress(done, total))

        try:
            built = run_with_progress(self, self.tr("Building the package"),
                                      self.tr("Encrypting the materials and writing the "
                                              "letters…"), self.tr("Cancel"), task)
        except Cancelled:
            self._say(self.tr("Cancelled: no package and no letter was written."))
            return
        except (ReviewerError, OSError) as exc:
            self._say(self.tr("No package was built: %1").replace("%1", str(exc)))
            return
        self.last_build = built
        self._say(self.tr("Built %1 (package %2): %3 seat(s), %4 project(s). Letters, one per "
                          "seat with its seat code, are in %5: print them and keep them "
                          "safe. The package is registered in the store.")
                  .replace("%1", str(built.info.path)).replace("%2", built.info.package_id)
                  .replace("%3", str(built.seats)).replace("%4", str(built.projects))
                  .replace("%5", str(letters_dir)))
        self.context.changed("packages")
        self._show_passphrase(passphrase, out.name)

    def _show_passphrase(self, passphrase: str, package_name: str) -> None:
        from reviewer_app.gui.desk.key_dialogs import GeneratedPassphraseDialog

        self.passphrase_dialog = GeneratedPassphraseDialog.show_once(passphrase, package_name,
                                                                     self)

    def _say(self, text: str) -> None:
        plain_label_text(self.message, text)


class _NoPassphrase(Exception):
    """The user closed the organizer passphrase dialog."""
