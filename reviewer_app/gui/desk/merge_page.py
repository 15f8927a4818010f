"""Merge (issue 13, item 4): score sheets and inspection photo packages dropped or
chosen, merged into the store by ``central.merge_files`` and
``central.photo_merge.merge_photo_files`` exactly as ``reviewer-admin merge`` merges
them (the photos after the sheets, opened with this secretariat's organizer key);
one row per file with its verdict, and who has handed in, seat by seat."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.central.merge_files import MergeRun
from reviewer_app.central.photo_merge import PhotoRun
from reviewer_app.central.seat_status import SeatStatus
from reviewer_app.central.sheet_files import SheetSelection
from reviewer_app.gui.desk.context import DeskContext
from reviewer_app.gui.desk.photo_verdict_text import photo_decision_text, photo_reason_text
from reviewer_app.gui.desk.sheet_drop import SheetDropArea
from reviewer_app.gui.desk.tables import table_view
from reviewer_app.gui.desk.verdict_text import decision_text, reason_text, skipped_text
from reviewer_app.gui.i18n import Retranslating
from reviewer_app.gui.widgets.row_table import Cell, Row, RowsFilter, RowsModel, number
from reviewer_app.gui.widgets.workers import Cancelled, keep_going, run_with_progress


class MergePage(Retranslating, QWidget):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergePage")
        self.context = context
        # The last merge: what was taken, the sheets' run, the photos' run or why the
        # photos were not merged (shown again when the language changes).
        self._last: tuple[SheetSelection, MergeRun, PhotoRun | None, str] | None = None

        self.toolbar = QToolBar(self)
        self.merge_action = QAction(self)
        self.merge_action.setObjectName("mergeSheetsAction")
        self.merge_action.triggered.connect(self.choose_sheets)
        self.register_action = QAction(self)
        self.register_action.setObjectName("registerPackageAction")
        self.register_action.triggered.connect(self.register_package)
        self.toolbar.addAction(self.merge_action)
        self.toolbar.addAction(self.register_action)

        self.drop_area = SheetDropArea(self)
        self.drop_area.pathsDropped.connect(self.merge_paths)

        self.summary = QLabel(self)
        self.summary.setObjectName("mergeSummaryLabel")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)

        self.verdict_model = RowsModel(self)
        self.verdict_filter = RowsFilter(self.verdict_model, self)
        self.verdict_table = table_view(self, "sheetVerdictTable", self.verdict_filter)

        self.seat_summary = QLabel(self)
        self.seat_summary.setObjectName("seatSummaryLabel")
        self.seat_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.seat_model = RowsModel(self)
        self.seat_filter = RowsFilter(self.seat_model, self)
        self.seat_table = table_view(self, "seatStatusTable", self.seat_filter)
        seats = QWidget(self)
        seats_layout = QVBoxLayout(seats)
        seats_layout.setContentsMargins(0, 0, 0, 0)
        seats_layout.addWidget(self.seat_summary)
        seats_layout.addWidget(self.seat_table)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.verdict_table)
        splitter.addWidget(seats)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.drop_area)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

        context.events.storeChanged.connect(self._store_changed)
        self.retranslate()
        self.refresh_seats()

    # --- texts ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Merge sheets"))
        self.merge_action.setText(self.tr("Merge score sheets…"))
        self.register_action.setText(self.tr("Register review package…"))
        self.verdict_model.set_headers([self.tr("File"), self.tr("Seat"), self.tr("Revision"),
                                        self.tr("Verdict"), self.tr("Reason")])
        self.seat_model.set_headers([self.tr("Package"), self.tr("Seat"), self.tr("Expert"),
                                     self.tr("Status"), self.tr("Revision")])
        self.verdict_table.setAccessibleName(self.tr("Verdict per sheet file"))
        self.seat_table.setAccessibleName(self.tr("Hand-in per seat"))
        self.summary.setAccessibleName(self.tr("Merge summary"))
        self.seat_summary.setAccessibleName(self.tr("Hand-in summary"))
        self.refresh_seats()
        if self._last is not None:
            self._show_verdicts(*self._last)

    def state_text(self, state: str) -> str:
        return {"received": self.tr("Handed in"), "missing": self.tr("Missing"),
                "replaced": self.tr("Replaced"),
                "equivocating": self.tr("Equivocating")}.get(state, state)

    # --- seats ---------------------------------------------------------------------
    def _store_changed(self, what: str) -> None:
        if what in ("sheets", "packages", "store"):
            self.refresh_seats()

    def refresh_seats(self) -> None:
        from reviewer_app.central.seat_status import seat_statuses

        statuses = seat_statuses(self.context.engine)
        order = {"equivocating": 0, "missing": 1, "replaced": 2, "received": 3}
        fresh = self.seat_model.rowCount() == 0
        self.seat_model.set_rows([self._seat_row(s, order[s.state]) for s in statuses])
        if fresh and statuses:
            self.seat_table.resizeColumnsToContents()
        counts = {state: sum(s.state == state for s in statuses) for state in order}
        self.seat_summary.setText(
            self.tr("Seats: %1 handed in, %2 missing, %3 replaced, %4 equivocating")
            .replace("%1", str(counts["received"] + counts["replaced"]))
            .replace("%2", str(counts["missing"])).replace("%3", str(counts["replaced"]))
            .replace("%4", str(counts["equivocating"])))

    def _seat_row(self, status: SeatStatus, order: int) -> Row:
        package = status.session_name or status.package_id[:8]
        return Row((Cell(package), Cell(status.seat_id), Cell(status.name),
                    Cell(self.state_text(status.state), float(order)),
                    number(status.revision)), payload=status)

    # --- merging -------------------------------------------------------------------
    def choose_sheets(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose score sheets"), str(self.context.work_dir),
            self.tr("Score sheets and photo packages (*.revsheet *.revphotos);;"
                    "All files (*)"))
        if names:
            self.merge_paths([Path(n) for n in names])

    def merge_paths(self, paths: list[Path]) -> None:
        """Merge the files and folders ``paths`` off the GUI thread, with progress."""
        from reviewer_app.central.merge_files import merge_files
        from reviewer_app.central.sheet_files import collect_sheet_files

        engine = self.context.engine

        def task(progress) -> tuple[SheetSelection, MergeRun]:
            selection = collect_sheet_files(paths)
            return selection, merge_files(engine, list(selection.files),
                                          keep_going=keep_going(progress), follow_links=False)

        try:
            selection, run = run_with_progress(
                self, self.tr("Merging score sheets"), self.tr("Verifying and merging…"),
                self.tr("Cancel"), task)
        except Exception as exc:  # the store failed: nothing of this batch was recorded
            self._warn(self.tr("Merge failed"), self.tr("The sheets could not be merged: %1")
                       .replace("%1", str(exc)))
            return
        photos, photo_problem = self._merge_photos(selection) if selection.photos else (
            None, "")
        self._last = (selection, run, photos, photo_problem)
        self._show_verdicts(*self._last)
        if run.outcomes or (photos is not None and photos.outcomes):
            self.context.changed("sheets")
        else:
            self.refresh_seats()

    def _merge_photos(self, selection: SheetSelection) -> tuple[PhotoRun | None, str]:
        """Merge the photo packages taken (after the sheets, so that a package and its
        sheet can come together), opened with this secretariat's organizer key; the run,
        or why it did not run."""
        from reviewer_app.central.merge_files import organizer_of_this_desk
        from reviewer_app.central.photo_merge import merge_photo_files
        from reviewer_app.core.errors import ReviewerError
        from reviewer_app.gui.desk.package_dialog import Declined, with_organizer_passphrase

        try:
            key = with_organizer_passphrase(self, organizer_of_this_desk).return_key
        except Declined:
            return None, self.tr("No organizer key passphrase was given: the photo "
                                 "packages were not merged.")
        except ReviewerError as exc:
            return None, self.tr("Photo packages open only with this secretariat's "
                                 "organizer key: %1").replace("%1", str(exc))
        engine, files = self.context.engine, list(selection.photos)

        def task(progress) -> PhotoRun:
            return merge_photo_files(engine, files, key, keep_going=keep_going(progress),
                                     follow_links=False)

        try:
            return run_with_progress(
                self, self.tr("Merging photo packages"), self.tr("Opening and checking "
                                                                 "photos…"),
                self.tr("Cancel"), task), ""
        except Exception as exc:  # the store failed
            return None, self.tr("The photo packages could not be merged: %1").replace(
                "%1", str(exc))

    def _show_verdicts(self, selection: SheetSelection, run: MergeRun,
                       photos: PhotoRun | None = None, photo_problem: str = "") -> None:
        rows = []
        for outcome in run.outcomes:
            rows.append(Row((file_cell(outcome.source), Cell(outcome.seat_id or ""),
                             number(outcome.revision), Cell(decision_text(outcome.decision)),
                             Cell(reason_text(outcome))), payload=outcome.decision))
        for item in run.unreadable:
            rows.append(Row((file_cell(item.path), Cell(""), number(None),
                             Cell(decision_text("unreadable")),
                             Cell(skipped_text("unreadable", item.reason))),
                            payload="unreadable"))
        for skipped in selection.skipped:
            rows.append(Row((file_cell(skipped.path), Cell(""), number(None),
                             Cell(decision_text("skipped")),
                             Cell(skipped_text(skipped.kind, skipped.detail))),
                            payload="skipped"))
        cancelled = self.tr("The merge was cancelled before this file.")
        not_processed = [(path, cancelled) for path in run.not_processed]
        rows += self._photo_rows(photos)
        if photos is not None:
            not_processed += [(path, cancelled) for path in photos.not_processed]
        elif photo_problem:
            not_processed += [(path, photo_problem) for path in selection.photos]
        for path, why in not_processed:
            rows.append(Row((file_cell(path), Cell(""), number(None),
                             Cell(decision_text("not-processed")), Cell(why)),
                            payload="not-processed"))
        self.verdict_model.set_rows([with_path_tooltip(row) for row in rows])
        self.verdict_table.resizeColumnsToContents()
        outcomes = [*run.outcomes, *(photos.outcomes if photos else ())]
        rejected = sum(o.rejected for o in outcomes)
        text = (self.tr("%1 file(s): %2 merged, %3 refused.")
                .replace("%1", str(len(rows)))
                .replace("%2", str(len(outcomes) - rejected))
                .replace("%3", str(rejected)))
        if run.stopped or (photos is not None and photos.stopped):
            text += " " + self.tr("Cancelled: %1 file(s) not processed (merge them again "
                                  "later; what was merged stays merged).").replace(
                "%1", str(len(not_processed)))
        if photo_problem:
            text += " " + photo_problem
        self.summary.setText(text)

    def _photo_rows(self, photos: PhotoRun | None) -> list[Row]:
        if photos is None:
            return []
        rows = [Row((file_cell(o.source), Cell(o.seat_id or ""), number(o.revision),
                     Cell(photo_decision_text(o.decision)), Cell(photo_reason_text(o))),
                    payload=o.decision) for o in photos.outcomes]
        rows += [Row((file_cell(item.path), Cell(""), number(None),
                      Cell(decision_text("unreadable")),
                      Cell(skipped_text("unreadable", item.reason))), payload="unreadable")
                 for item in photos.unreadable]
        return rows

    # --- packages ------------------------------------------------------------------
    def register_package(self) -> None:
        """Register a package (its manifest is the rule for its sheets), trusting this
        secretariat's own organizer key as ``reviewer-admin merge --package`` does."""
        from reviewer_app.central.merge_files import (
            organizer_fingerprint_of_this_desk,
            register_package_file,
        )
        from reviewer_app.core.errors import ReviewerError
        from reviewer_app.gui.desk.package_dialog import (
            Declined,
            ask_package_passphrase,
            with_organizer_passphrase,
        )
        from reviewer_app.package.errors import PackageError

        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose review package"), str(self.context.work_dir),
            self.tr("Review packages (*.revpkg);;All files (*)"))
        if not name:
            return
        path = Path(name)

        try:
            trusted = with_organizer_passphrase(self, organizer_fingerprint_of_this_desk)
        except Declined:
            return
        except ReviewerError as exc:
            self._refuse(self.tr("The organizer key cannot be used: %1").replace(
                "%1", str(exc)))
            return
        passphrase = ask_package_passphrase(self, path)
        if passphrase is None:
            return
        engine = self.context.engine
        try:
            registered = run_with_progress(
                self, self.tr("Register review package"), self.tr("Opening the package…"),
                self.tr("Cancel"),
                lambda progress: register_package_file(engine, path, passphrase, trusted))
        except Cancelled:
            return
        except (PackageError, ReviewerError, OSError) as exc:
            self._refuse(self.package_error_text(exc))
            return
        self.summary.setText(
            (self.tr("Package %1 registered.") if registered.new
             else self.tr("Package %1 was registered already."))
            .replace("%1", registered.package_id))
        self.context.changed("packages")

    def package_error_text(self, exc: BaseException) -> str:
        from reviewer_app.package.errors import (
            NotAPackage,
            Tampered,
            Truncated,
            UntrustedOrganizer,
            WrongPassphrase,
        )

        if isinstance(exc, WrongPassphrase):
            return self.tr("The passphrase does not open this package.")
        if isinstance(exc, UntrustedOrganizer):
            return self.tr("This package is signed by organizer %1, not by this "
                           "secretariat's key: it is not registered.").replace(
                "%1", exc.fingerprint)
        if isinstance(exc, NotAPackage):
            return self.tr("The file is not a review package.")
        if isinstance(exc, Truncated | Tampered):
            return self.tr("The package is damaged or was altered: %1").replace(
                "%1", str(exc))
        if isinstance(exc, OSError):
            return self.tr("The file cannot be read: %1").replace(
                "%1", exc.strerror or str(exc))
        return self.tr("The package cannot be registered: %1").replace("%1", str(exc))

    def _refuse(self, text: str) -> None:
        self._warn(self.tr("Register review package"), text)

    def _warn(self, title: str, text: str) -> None:
        self.summary.setText(text)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("mergeMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()


def file_cell(path: str | Path) -> Cell:
    """The file's name (a USB stick's mount path says nothing and crowds the table); it
    sorts by the whole path, which the row's tooltip shows."""
    return Cell(Path(path).name, key=str(path))


def with_path_tooltip(row: Row) -> Row:
    return Row(row.cells, payload=row.payload, tooltip=row.cells[0].sort_key())
