"""发起第二轮复议 at the desk (issue 14, item 4): what ``reviewer-admin second-round`` does,
with letters instead of a seat-code file and a generated passphrase shown once.

Staff open the first-round package (its passphrase; only a package signed by this
secretariat's organizer key is taken), tick the projects (the divergent ones come
ticked), see which seats will be asked and which not (recused, no sheet) as
:meth:`central.second_round.SecondRoundOutline.seats` says, and build. The build is
:func:`central.second_round.build_second_round_with_letters` (the command line's
``build_second_round`` underneath), off the GUI thread behind a progress dialog whose
Cancel leaves no file. No rule lives here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.gui.desk.build_fields import DeadlineField, PackageFileField, letters_folder
from reviewer_app.gui.desk.context import DeskContext
from reviewer_app.gui.desk.tables import plain_label_text
from reviewer_app.gui.i18n import Retranslating

PROJECT_ROLE = Qt.ItemDataRole.UserRole


class SecondRoundDialog(Retranslating, QDialog):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secondRoundDialog")
        self.context = context
        self.reader: Any = None         # the opened first-round package
        self.identity: Any = None       # this secretariat's organizer (signs the package)
        self.outline: Any = None        # central.second_round.SecondRoundOutline
        self.last_build: Any = None     # LetteredSecondRound (no secret in it)
        self.passphrase_dialog: QDialog | None = None

        self.package_edit = QLineEdit(self)
        self.package_edit.setObjectName("secondRoundPackageEdit")
        self.package_browse = QPushButton(self)
        self.package_browse.setObjectName("secondRoundPackageBrowse")
        self.package_browse.clicked.connect(self._browse_package)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("secondRoundPassphraseEdit")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openFirstRoundButton")
        self.open_button.clicked.connect(self.open_first_round)
        self.passphrase_edit.returnPressed.connect(self.open_first_round)
        package_row = QHBoxLayout()
        package_row.addWidget(self.package_edit, 1)
        package_row.addWidget(self.package_browse)
        passphrase_row = QHBoxLayout()
        passphrase_row.addWidget(self.passphrase_edit, 1)
        passphrase_row.addWidget(self.open_button)

        self.projects = QListWidget(self)
        self.projects.setObjectName("secondRoundProjects")
        self.projects.itemChanged.connect(lambda _item: self._show_seats())
        self.seats = QTableWidget(0, 4, self)
        self.seats.setObjectName("secondRoundSeats")
        self.seats.verticalHeader().setVisible(False)
        self.seats.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.seats.horizontalHeader().setStretchLastSection(True)
        self.seats.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)

        self.deadline = DeadlineField(self, "secondRoundDeadlineCheck",
                                      "secondRoundDeadlineEdit", days_ahead=7)
        self.out = PackageFileField(self, "secondRoundOutEdit", "secondRoundOutBrowse",
                                    lambda: self.context.work_dir)

        self.build_button = QPushButton(self)
        self.build_button.setObjectName("buildSecondRoundButton")
        self.build_button.clicked.connect(self.build)
        self.build_button.setEnabled(False)
        self.message = QLabel(self)
        self.message.setObjectName("secondRoundMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.setObjectName("secondRoundButtons")
        self.buttons.rejected.connect(self.reject)

        self.labels = {name: QLabel(self) for name in
                       ("package", "passphrase", "projects", "seats", "deadline", "out")}
        form = QFormLayout()
        form.addRow(self.labels["package"], package_row)
        form.addRow(self.labels["passphrase"], passphrase_row)
        for name, buddy in (("package", self.package_edit),
                            ("passphrase", self.passphrase_edit),
                            ("projects", self.projects), ("seats", self.seats),
                            ("deadline", self.deadline.check), ("out", self.out.edit)):
            self.labels[name].setBuddy(buddy)
        build_form = QFormLayout()
        build_form.addRow(self.labels["deadline"], self.deadline.row)
        build_form.addRow(self.labels["out"], self.out.row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.labels["projects"])
        layout.addWidget(self.projects, 1)
        layout.addWidget(self.labels["seats"])
        layout.addWidget(self.seats, 1)
        layout.addLayout(build_form)
        layout.addWidget(self.build_button)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.finished.connect(self._finished)
        self.resize(760, 640)
        self.retranslate()

    # --- texts ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Second round (复议)"))
        texts = {"package": self.tr("First-round package:"),
                 "passphrase": self.tr("Its passphrase:"),
                 "projects": self.tr("Projects to review again (the divergent ones are "
                                     "ticked):"),
                 "seats": self.tr("Experts asked again (the same seats, new seat codes):"),
                 "deadline": self.tr("Deadline:"), "out": self.tr("Package file:")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        for widget, name in ((self.package_edit, "package"),
                             (self.passphrase_edit, "passphrase"),
                             (self.projects, "projects"), (self.seats, "seats"),
                             (self.out.edit, "out")):
            widget.setAccessibleName(texts[name].split("（")[0].split(" (")[0].rstrip(":："))
        self.package_browse.setText(self.tr("Browse…"))
        self.out.browse.setText(self.tr("Browse…"))
        self.open_button.setText(self.tr("Open"))
        self.deadline.check.setText(self.tr("Review deadline"))
        self.deadline.check.setAccessibleName(self.deadline.check.text())
        self.deadline.edit.setAccessibleName(self.tr("Deadline"))
        self.build_button.setText(self.tr("Build the second-round package and letters"))
        self.seats.setHorizontalHeaderLabels([self.tr("Seat"), self.tr("Expert"),
                                              self.tr("Asked about"), self.tr("Not asked")])
        if self.outline is not None:
            self._fill_projects()

    # --- the first round -------------------------------------------------------------
    def _browse_package(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the first-round package"), str(self.context.work_dir),
            self.tr("Review packages (*.revpkg);;All files (*)"))
        if name:
            self.package_edit.setText(name)

    def open_first_round(self) -> None:
        """Open the first-round package (signed by this secretariat only), read its
        first round from the store and list its projects and seats."""
        from reviewer_app.central.merge_files import organizer_of_this_desk
        from reviewer_app.central.second_round import outline_second_round
        from reviewer_app.core.errors import ReviewerError
        from reviewer_app.gui.desk.package_dialog import Declined, with_organizer_passphrase
        from reviewer_app.gui.widgets.workers import Cancelled, run_with_progress
        from reviewer_app.package import open_package
        from reviewer_app.package.errors import PackageError

        self._close_package()
        path_text = self.package_edit.text().strip()
        passphrase = self.passphrase_edit.text()
        if not path_text:
            self._say(self.tr("Choose the first-round package."))
            return
        if not passphrase:
            self._say(self.tr("Type the first-round package's passphrase."))
            return
        path = Path(path_text)

        try:
            identity = self.identity or with_organizer_passphrase(self, organizer_of_this_desk)
        except Declined:
            return
        except (ReviewerError, OSError) as exc:
            self._say(self.tr("The organizer key cannot be used: %1").replace("%1", str(exc)))
            return
        engine = self.context.engine

        def task(_progress):
            reader = open_package(path, trusted_keys=[identity.fingerprint],
                                  passphrase=passphrase)
            try:
                return reader, outline_second_round(engine, reader)
            except BaseException:
                reader.close()
                raise

        try:
            self.reader, self.outline = run_with_progress(
                self, self.tr("Second round"), self.tr("Opening the first-round package…"),
                self.tr("Cancel"), task)
        except Cancelled:
            return
        except (PackageError, ReviewerError, OSError) as exc:
            self._say(self.error_text(exc))
            return
        finally:
            self.passphrase_edit.clear()
        self.identity = identity
        self._fill_projects()
        if not self.out.edit.text():
            self.out.edit.setText(str(path.with_name(path.stem + "-第二轮复议.revpkg")))
        divergent = self.outline.divergent
        if divergent:
            self._say(self.tr("Divergent in the first round: %1. Tick other projects to "
                              "review them again too.").replace("%1", ", ".join(divergent)))
        else:
            self._say(self.tr("No project of the first round is divergent. Tick the projects "
                              "the panel should review again, if any."))

    def _fill_projects(self) -> None:
        outline = self.outline
        ticked = {self.projects.item(i).data(PROJECT_ROLE)
                  for i in range(self.projects.count())
                  if self.projects.item(i).checkState() == Qt.CheckState.Checked}
        first_fill = self.projects.count() == 0
        titles = {p["project_id"]: str(p.get("project_title", ""))
                  for p in outline.manifest["projects"]}
        self.projects.blockSignals(True)
        self.projects.clear()
        for agg in sorted(outline.aggregation.projects, key=lambda a: a.project_id):
            pid = agg.project_id
            spread = "—" if agg.spread is None else str(agg.spread)
            text = self.tr("%1 %2 (spread %3)").replace("%1", pid) \
                .replace("%2", titles.get(pid, "")).replace("%3", spread)
            if agg.divergent:
                text += " " + self.tr("divergent")
            item = QListWidgetItem(text, self.projects)
            item.setData(PROJECT_ROLE, pid)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
            if pid in outline.taken:
                item.setText(text + " " + self.tr("— has a second round already (%1)")
                             .replace("%1", outline.taken[pid][:8]))
                flags = Qt.ItemFlag.ItemIsUserCheckable  # shown, not choosable
            item.setFlags(flags)
            checked = (agg.divergent and pid not in outline.taken) if first_fill \
                else pid in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.projects.blockSignals(False)
        self._show_seats()

    def chosen(self) -> list[str]:
        return [self.projects.item(i).data(PROJECT_ROLE) for i in range(self.projects.count())
                if self.projects.item(i).checkState() == Qt.CheckState.Checked]

    def _show_seats(self) -> None:
        if self.outline is None:
            return
        rows = self.outline.seats(self.chosen())
        self.seats.setRowCount(len(rows))
        for r, seat in enumerate(rows):
            reasons = []
            if not seat.sheet:
                reasons.append(self.tr("no first-round sheet"))
            else:
                if seat.recused:
                    reasons.append(self.tr("recused: %1").replace("%1", ", ".join(seat.recused)))
                if seat.not_reviewed:
                    reasons.append(self.tr("did not review: %1")
                                   .replace("%1", ", ".join(seat.not_reviewed)))
            cells = (seat.seat_id, seat.name, ", ".join(seat.asked), "; ".join(reasons))
            for c, text in enumerate(cells):
                self.seats.setItem(r, c, QTableWidgetItem(text))
        self.build_button.setEnabled(bool(self.chosen()))

    # --- building --------------------------------------------------------------------
    def build(self) -> None:
        """Build the second-round package and a letter per seat off the GUI thread,
        register it, and show its generated passphrase once."""
        from reviewer_app.central.second_round import build_second_round_with_letters
        from reviewer_app.core.errors import ReviewerError
        from reviewer_app.gui.widgets.workers import Cancelled, run_with_progress
        from reviewer_app.identity.passphrase import generate_passphrase
        from reviewer_app.package.errors import PackageError

        if self.outline is None or self.reader is None:
            self._say(self.tr("Open the first-round package first."))
            return
        projects = self.chosen()
        if not projects:
            self._say(self.tr("Choose at least one project to review again."))
            return
        if not any(seat.asked for seat in self.outline.seats(projects)):
            self._say(self.tr("No expert scored the chosen projects in the first round: "
                              "nobody can be asked again."))
            return
        out_text = self.out.edit.text().strip()
        if not out_text:
            self._say(self.tr("Choose where to save the package."))
            return
        out = Path(out_text)
        if out.exists():
            self._say(self.tr("%1 exists already: a package is never replaced. Choose "
                              "another name.").replace("%1", str(out)))
            return
        letters_dir = letters_folder(out)
        deadline = self.deadline.deadline()
        passphrase = generate_passphrase()
        engine, reader, identity = self.context.engine, self.reader, self.identity

        def task(progress):
            return build_second_round_with_letters(
                engine, reader, out, letters_dir, choice=projects, organizer=identity,
                passphrase=passphrase, deadline=deadline,
                progress=lambda done, total, _phase: progress(done, total))

        try:
            built = run_with_progress(self, self.tr("Building the second-round package"),
                                      self.tr("Encrypting the materials and writing the "
                                              "letters…"), self.tr("Cancel"), task)
        except Cancelled:
            self._say(self.tr("Cancelled: no package and no letter was written."))
            return
        except (PackageError, ReviewerError, OSError) as exc:
            self._say(self.error_text(exc))
            return
        self.last_build = built
        plan = built.built.plan
        self._say(self.tr("Built %1 (second-round package %2): projects %3, %4 seat(s). "
                          "Letters, one per seat with its new seat code, are in %5: print "
                          "them. The package is registered in the store.")
                  .replace("%1", str(built.built.info.path))
                  .replace("%2", built.built.info.package_id)
                  .replace("%3", ", ".join(plan.projects))
                  .replace("%4", str(len(plan.seat_codes))).replace("%5", str(letters_dir)))
        self.context.changed("packages")
        from reviewer_app.central.second_round import outline_second_round

        # The projects just built are taken now: none comes ticked again.
        self.outline = outline_second_round(engine, reader)
        self.projects.clear()
        self._fill_projects()
        self._show_passphrase(passphrase, out.name)

    def _show_passphrase(self, passphrase: str, package_name: str) -> None:
        from reviewer_app.gui.desk.key_dialogs import GeneratedPassphraseDialog

        self.passphrase_dialog = GeneratedPassphraseDialog.show_once(passphrase, package_name,
                                                                     self)

    def error_text(self, exc: BaseException) -> str:
        """A specific message for what went wrong opening or building."""
        from reviewer_app.central.second_round import (
            AlreadyInSecondRound,
            NobodyToAsk,
            NotAFirstRound,
            NotRegistered,
        )
        from reviewer_app.core.second_round import SecondRoundError
        from reviewer_app.package.errors import (
            NotAPackage,
            Tampered,
            Truncated,
            UntrustedOrganizer,
            WrongPassphrase,
        )

        if isinstance(exc, WrongPassphrase):
            return self.tr("The passphrase does not open this package: type the first "
                           "round's passphrase again.")
        if isinstance(exc, UntrustedOrganizer):
            return self.tr("This package is signed by organizer %1, not by this "
                           "secretariat's key: no second round is built from it.").replace(
                "%1", exc.fingerprint)
        if isinstance(exc, NotAPackage):
            return self.tr("The file is not a review package.")
        if isinstance(exc, Truncated | Tampered):
            return self.tr("The package is damaged or was altered: %1").replace("%1", str(exc))
        if isinstance(exc, NotRegistered):
            return self.tr("This package is not registered in the store: register it and "
                           "merge its sheets on the merge page first.")
        if isinstance(exc, NotAFirstRound):
            return self.tr("This is not a first-round panel package: a second round starts "
                           "from the first round's package.")
        if isinstance(exc, AlreadyInSecondRound):
            return self.tr("%1 already has a second round (package %2): a project is "
                           "reviewed again only once.").replace(
                "%1", ", ".join(exc.projects)).replace("%2", exc.package_id)
        if isinstance(exc, NobodyToAsk):
            return self.tr("No expert scored the chosen projects in the first round: "
                           "nobody can be asked again.")
        if isinstance(exc, SecondRoundError):
            return self.tr("The projects cannot be reviewed again: %1").replace("%1", str(exc))
        if isinstance(exc, OSError):
            return self.tr("A file cannot be read or written: %1").replace(
                "%1", exc.strerror or str(exc))
        return self.tr("No second-round package was built: %1").replace("%1", str(exc))

    def _finished(self, _result: int) -> None:
        self._close_package()
        self.identity = None  # the organizer's key goes with the dialog

    def _close_package(self) -> None:
        if self.reader is not None:
            self.reader.close()
        self.reader = self.outline = None
        self.projects.clear()
        self.seats.setRowCount(0)
        self.build_button.setEnabled(False)

    def _say(self, text: str) -> None:
        plain_label_text(self.message, text)
