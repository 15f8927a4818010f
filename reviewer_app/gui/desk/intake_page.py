"""The intake page: open an intake folder, see check-intake's report finding by finding
with the fact that decided each, look at any material in the experts' safe viewer, and
record 需复核 decisions exactly as ``reviewer-admin decide --intake`` records them.

Everything shown comes from the applicants' files: table cells and list items are
plain text, materials are read through the intake's hardened reader (no link
followed) and parsed only by the render worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.central.decisions import Decision
from reviewer_app.central.intake import Intake, MaterialFile
from reviewer_app.core.eligibility import Application, EligibilityReport, Finding, Status
from reviewer_app.gui.desk.context import DeskContext
from reviewer_app.gui.desk.tables import plain_label_text, record_view
from reviewer_app.gui.i18n import Retranslating
from reviewer_app.gui.widgets.record_table import RecordTableModel

STATUS_FILTERS = (None, Status.REVIEW, Status.FAIL, Status.PASS)
# A material is read whole into memory for the viewer; the intake refuses larger ones.
MATERIAL_LIMIT = 1 << 31


@dataclass(frozen=True)
class FindingRow:
    """One finding of one project's eligibility report (a row of ``intakeTable``)."""

    app: Application
    report: EligibilityReport
    finding: Finding


class IntakePage(Retranslating, QWidget):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakePage")
        self.context = context
        self.intake: Intake | None = None
        self.decisions: dict[str, Decision] = {}
        self.viewer = None  # the safe viewer, made when the first material is opened
        self._build()
        context.events.storeChanged.connect(self._store_changed)
        self.retranslate()
        self._load_decisions()

    # --- layout ----------------------------------------------------------------
    def _build(self) -> None:
        self.folder_label = QLabel(self)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("intakeFolderEdit")
        self.folder_label.setBuddy(self.folder_edit)
        self.browse_button = QPushButton(self)
        self.browse_button.setObjectName("intakeBrowseButton")
        self.browse_button.clicked.connect(self._browse)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openIntakeButton")
        self.open_button.clicked.connect(self.open_intake)
        self.folder_edit.returnPressed.connect(self.open_intake)
        top = QHBoxLayout()
        for widget in (self.folder_label, self.folder_edit, self.browse_button,
                       self.open_button):
            top.addWidget(widget)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("intakeSummary")
        self.summary_label.setWordWrap(True)
        self.filter_label = QLabel(self)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("intakeStatusFilter")
        self.filter_combo.currentIndexChanged.connect(self._apply_filter)
        self.filter_label.setBuddy(self.filter_combo)
        self.problems_only = QCheckBox(self)
        self.problems_only.setObjectName("intakeProblemsOnly")
        self.problems_only.toggled.connect(self._apply_filter)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("intakeSearch")
        self.search_edit.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        for widget in (self.filter_label, self.filter_combo, self.problems_only,
                       self.search_edit):
            filters.addWidget(widget)

        self.model = RecordTableModel(self._headers, self._cells)
        self.table, self.proxy = record_view("intakeTable", self.model, self)
        self.search_edit.textChanged.connect(self.proxy.set_search)
        self.table.selectionModel().selectionChanged.connect(self._row_selected)

        self.materials_label = QLabel(self)
        self.materials = QListWidget(self)
        self.materials.setObjectName("intakeMaterials")
        self.materials.itemActivated.connect(self._open_material)
        self.materials_label.setBuddy(self.materials)
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("intakeProblems")
        self.problems_label.setWordWrap(True)

        from reviewer_app.gui.desk.decision_panel import DecisionPanel

        self.decision = DecisionPanel(self.context, self)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.decision)
        side_layout.addWidget(self.materials_label)
        side_layout.addWidget(self.materials, 1)
        self.viewer_box = QVBoxLayout()
        side_layout.addLayout(self.viewer_box, 3)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.problems_label)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        self._set_project(None)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Intake"))
        self.folder_label.setText(self.tr("Intake folder:"))
        self.browse_button.setText(self.tr("Browse…"))
        self.open_button.setText(self.tr("Check intake"))
        self.filter_label.setText(self.tr("Show projects:"))
        self.search_edit.setPlaceholderText(self.tr("Search project, enterprise or fact"))
        self.problems_only.setText(self.tr("Only findings that did not pass"))
        self.problems_only.setAccessibleName(self.problems_only.text())
        self.materials_label.setText(self.tr("Materials (double-click to view):"))
        current = max(self.filter_combo.currentIndex(), 0)
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItems([self.tr("All"), self.tr("Needs review"),
                                    self.tr("Not eligible"), self.tr("Eligible")])
        self.filter_combo.setCurrentIndex(current)
        self.filter_combo.blockSignals(False)
        for label, widget in ((self.folder_label, self.folder_edit),
                              (self.filter_label, self.filter_combo),
                              (self.materials_label, self.materials)):
            widget.setAccessibleName(label.text().rstrip(":：").split("（")[0])
        self.search_edit.setAccessibleName(self.search_edit.placeholderText())
        self.table.setAccessibleName(self.tr("Eligibility findings"))
        self.model.retranslate()
        self._show_summary()
        self._set_project(self._selected_project())

    # --- table -----------------------------------------------------------------
    def _headers(self) -> tuple[str, ...]:
        return (self.tr("Project"), self.tr("Enterprise"), self.tr("Conclusion"),
                self.tr("Check"), self.tr("Finding"), self.tr("Rule"),
                self.tr("Deciding fact"), self.tr("Decision"))

    def status_text(self, status: Status) -> str:
        return {Status.PASS: self.tr("Eligible"), Status.FAIL: self.tr("Not eligible"),
                Status.REVIEW: self.tr("Needs review")}[status]

    @staticmethod
    def _english() -> bool:
        # Translations.apply sets the default locale with the catalogue: the findings
        # carry their fact in Chinese and in English, and the table follows the UI.
        from PySide6.QtCore import QLocale

        return QLocale().language() == QLocale.Language.English

    def _cells(self, row: FindingRow) -> tuple[str, ...]:
        decision = self.decisions.get(row.app.project_id)
        decided = ""
        if decision is not None:
            outcome = self.tr("Eligible") if decision.outcome == "pass" \
                else self.tr("Not eligible")
            decided = f"{outcome} — {decision.reason} [{decision.decided_by}]"
        message = row.finding.message_en if self._english() else row.finding.message
        return (row.app.project_id, row.app.enterprise_name, self.status_text(row.report.status),
                row.finding.check, self.status_text(row.finding.status), row.finding.rule,
                message, decided)

    def _apply_filter(self) -> None:
        wanted = STATUS_FILTERS[max(self.filter_combo.currentIndex(), 0)]
        problems = self.problems_only.isChecked()

        def accept(row: FindingRow) -> bool:
            return ((wanted is None or row.report.status is wanted)
                    and not (problems and row.finding.status is Status.PASS))

        self.proxy.set_accept(None if wanted is None and not problems else accept)

    # --- opening an intake -----------------------------------------------------
    def _browse(self) -> None:
        from reviewer_app.gui.desk.intake_reading import browse_intake_folder

        browse_intake_folder(self, self.folder_edit, self.context.work_dir, self.open_intake)

    def open_intake(self) -> None:
        """Read the folder named in ``intakeFolderEdit`` off the GUI thread and show its
        report; a bad intake shows every problem and keeps nothing of it."""
        from reviewer_app.gui.desk.intake_reading import read_intake

        read = read_intake(self, self.folder_edit.text())
        if read.problem is not None:
            self._show_intake(None)
            self._problem(read.problem)
        elif read.intake is not None:
            self._show_intake(read.intake)
            self.context.changed("intake")

    def _show_intake(self, intake: Intake | None) -> None:
        self.intake = intake
        self._close_viewer()
        rows = []
        if intake is not None:
            apps = {a.project_id: a for a in intake.applications}
            for report in intake.eligibility():
                rows += [FindingRow(apps[report.project_id], report, f) for f in report.findings]
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self._show_summary()
        self._set_project(None)

    def _show_summary(self) -> None:
        intake = self.intake
        if intake is None:
            self.summary_label.clear()
            self.problems_label.clear()
            return
        reports = intake.eligibility()
        counts = {s: sum(1 for r in reports if r.status is s) for s in Status}
        plain_label_text(self.summary_label, self.tr(
            "%1 %2: %3 eligible, %4 need review, %5 not eligible (%6 projects)")
            .replace("%1", intake.program.info.name).replace("%2", str(intake.program.info.year))
            .replace("%3", str(counts[Status.PASS])).replace("%4", str(counts[Status.REVIEW]))
            .replace("%5", str(counts[Status.FAIL])).replace("%6", str(len(reports))))
        lines = []
        if intake.refused:
            lines.append(self.tr("%1 file(s) refused; no package can be built until each is "
                                 "replaced or removed:").replace("%1", str(len(intake.refused))))
            lines += [f"  {refusal}" for refusal in intake.refused]
        if intake.warnings:
            lines.append(self.tr("Warnings:"))
            lines += [f"  {warning}" for warning in intake.warnings]
        plain_label_text(self.problems_label, "\n".join(lines))

    def _problem(self, text: str) -> None:
        plain_label_text(self.summary_label, text)

    # --- the selected project --------------------------------------------------
    def _selected_project(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.proxy.record_at(rows[0].row()).app.project_id

    def select_project(self, project_id: str) -> bool:
        """Select the first row of ``project_id`` (as a click would)."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.record_at(row).app.project_id == project_id:
                self.table.selectRow(row)
                return True
        return False

    def _row_selected(self) -> None:
        self._set_project(self._selected_project())

    def _set_project(self, project_id: str | None) -> None:
        self.materials.clear()
        self.decision.set_project(self.intake, project_id)
        if self.intake is None or project_id is None:
            return
        for material in self.intake.materials_of(project_id):
            item = QListWidgetItem(f"{material.ref.category}. {material.ref.title} "
                                   f"({material.ref.filename})")
            item.setData(Qt.ItemDataRole.UserRole, material)
            self.materials.addItem(item)

    # --- materials -------------------------------------------------------------
    def _open_material(self, item: QListWidgetItem) -> None:
        from reviewer_app.central.intake_files import Refused, read_regular

        material: MaterialFile = item.data(Qt.ItemDataRole.UserRole)
        viewer = self._viewer()
        try:
            # The file may have changed since the check: read it again through the
            # hardened reader (a link now in its place is refused).
            data = read_regular(material.path, limit=MATERIAL_LIMIT)
        except (Refused, OSError) as exc:
            viewer.show_message(self.tr("This material cannot be shown: %1")
                                .replace("%1", str(exc)))
            return
        viewer.load_material(self.materials.row(item) + 1, data, material.media_type)

    def _viewer(self):
        if self.viewer is None:
            from reviewer_app.gui.widgets.viewer import MaterialViewer

            self.viewer = MaterialViewer(self)
            self.viewer.setObjectName("intakeViewer")
            self.viewer_box.addWidget(self.viewer)
        return self.viewer

    def _close_viewer(self) -> None:
        if self.viewer is not None:
            self.viewer.unload()
            self.viewer.show_message("")

    def shutdown(self) -> None:
        """Stop the render worker (the window is closing)."""
        if self.viewer is not None:
            self.viewer.unload()
            self.viewer.client.stop()

    # --- decisions -------------------------------------------------------------
    def _load_decisions(self) -> None:
        from reviewer_app.central.decisions import latest_decisions

        self.decisions = latest_decisions(self.context.engine)

    def _store_changed(self, what: str) -> None:
        if what in ("decisions", "packages", "all"):
            selected = self._selected_project()
            self._load_decisions()
            self.model.set_records(self.model.records())
            if selected:
                self.select_project(selected)
