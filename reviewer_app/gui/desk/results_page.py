"""Results (issue 13, item 5): ranking, tiers and amounts computed by
``central.results.compute_results`` (what ``reviewer-admin results`` computes), in a
sortable, filterable table; the experts' totals as a strip plot; the budget's use;
export of the results files (``central.round_files.write_round_results``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.central.results import ProjectRow, Results
from reviewer_app.gui.desk import results_view
from reviewer_app.gui.desk.budget_field import RoundBudgetField
from reviewer_app.gui.desk.charts import BudgetChart, DivergencePlot
from reviewer_app.gui.desk.context import DeskContext
from reviewer_app.gui.desk.tables import table_view, widen
from reviewer_app.gui.i18n import Retranslating
from reviewer_app.gui.widgets.row_table import RowsFilter, RowsModel
from reviewer_app.gui.widgets.workers import Cancelled, Worker, run_with_progress

RESULTS_CHANGES = ("sheets", "packages", "decisions", "intake", "publicity", "store")


class ResultsPage(Retranslating, QWidget):
    resultsShown = Signal()   # the table holds freshly computed results

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsPage")
        self.context = context
        self.results: Results | None = None
        self._problem: str | None = None
        self._worker = Worker(self, threads=1)
        self._pending: int | None = None

        # 本轮预算: empty, the default; once a 公示 is open, the budget it published.
        self.budget_field = RoundBudgetField(context, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("resultsFilterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("resultsStatusFilter")
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refreshResultsButton")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("exportResultsButton")
        # 发起第二轮复议 (issue 14, item 4): a dialog of its own.
        self.second_round_action = QAction(self)
        self.second_round_action.setObjectName("secondRoundAction")
        self.second_round_action.triggered.connect(self.start_second_round)
        self.second_round_button = QToolButton(self)
        self.second_round_button.setObjectName("secondRoundButton")
        self.second_round_button.setDefaultAction(self.second_round_action)
        self.second_round_dialog = None
        # While the results are computed: a busy bar and a Cancel that drops the run
        # (the computation only reads the store, so nothing is left half-done).
        self.progress = QProgressBar(self)
        self.progress.setObjectName("resultsProgress")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelResultsButton")
        self.cancel_button.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 2)
        bar.addWidget(self.status_filter, 1)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.second_round_button)

        self.summary = QLabel(self)
        self.summary.setObjectName("resultsSummaryLabel")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        # Issue 14: conflicts by category and the panel-size warnings.
        self.conflicts_label = QLabel(self)
        self.conflicts_label.setObjectName("conflictCountsLabel")
        self.conflicts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.conflicts_label.setWordWrap(True)
        self.warnings_label = QLabel(self)
        self.warnings_label.setObjectName("panelWarningsLabel")
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings_label.setWordWrap(True)
        self.warnings_label.hide()

        self.model = RowsModel(self)
        self.proxy = RowsFilter(self.model, self)
        self.table = table_view(self, "resultsTable", self.proxy)

        self.plot = DivergencePlot()
        self.plot_area = QScrollArea(self)
        self.plot_area.setObjectName("divergenceView")
        self.plot_area.setWidgetResizable(True)
        self.plot_area.setWidget(self.plot)
        self.budget = BudgetChart(self)

        charts = QSplitter(Qt.Orientation.Horizontal, self)
        charts.addWidget(self.plot_area)
        charts.addWidget(self.budget)
        charts.setStretchFactor(0, 3)
        charts.setStretchFactor(1, 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(charts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.budget_field)
        layout.addWidget(self.summary)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.warnings_label)
        layout.addWidget(splitter, 1)

        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.status_filter.currentIndexChanged.connect(self._apply_status_filter)
        self.refresh_button.clicked.connect(self.refresh)
        self.cancel_button.clicked.connect(self.cancel)
        self.export_button.clicked.connect(self.export)
        context.events.storeChanged.connect(self._store_changed)
        context.events.budgetChanged.connect(self.refresh)
        self.retranslate()
        self.refresh()

    # --- texts ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Results"))
        self.filter_edit.setPlaceholderText(self.tr("Filter: project, enterprise, reason…"))
        self.filter_edit.setAccessibleName(self.tr("Filter results"))
        self.status_filter.setAccessibleName(self.tr("Show"))
        self.refresh_button.setText(self.tr("Recompute"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.progress.setAccessibleName(self.tr("Computing the results"))
        self.export_button.setText(self.tr("Export XLSX, PDF, CSV…"))
        self.table.setAccessibleName(self.tr("Results table"))
        self.plot.setAccessibleName(self.tr("Experts' totals per project"))
        self.plot_area.setAccessibleName(self.tr("Divergence view"))
        self.budget.setAccessibleName(self.tr("Budget use"))
        self.summary.setAccessibleName(self.tr("Results summary"))
        self.second_round_action.setText(self.tr("Start a second round (复议)…"))
        self.second_round_action.setToolTip(self.tr(
            "Build a second-round package of the divergent projects for the same experts"))
        self.second_round_button.setAccessibleName(self.second_round_action.text())
        self.conflicts_label.setAccessibleName(self.tr("Conflicts by category"))
        self.warnings_label.setAccessibleName(self.tr("Panel-size warnings"))
        self._fill_status_filter()
        if self.results is not None:
            self._show(self.results)
        else:
            self.model.set_headers(results_view.headers(None))
            if self._problem is not None:
                self.summary.setText(self._problem_text(self._problem))

    def _fill_status_filter(self) -> None:
        current = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(self.tr("All projects"), "all")
        self.status_filter.addItem(self.tr("Funded"), "funded")
        self.status_filter.addItem(self.tr("Not funded"), "unfunded")
        self.status_filter.addItem(self.tr("Flagged for re-review"), "divergent")
        self.status_filter.addItem(self.tr("Eligibility decision pending"), "pending")
        if self.results is not None:
            for tier in self.results.program.funding.tiers:
                name = tier.name if results_view.chinese() else tier.name_en
                self.status_filter.addItem(self.tr("Tier: %1").replace("%1", name),
                                           f"tier:{tier.id}")
        index = self.status_filter.findData(current)
        self.status_filter.setCurrentIndex(max(index, 0))
        self.status_filter.blockSignals(False)
        self._apply_status_filter()

    def _apply_status_filter(self) -> None:
        self.proxy.set_predicate(status_predicate(self.status_filter.currentData() or "all"))

    # --- computing -----------------------------------------------------------------
    def _store_changed(self, what: str) -> None:
        if what in RESULTS_CHANGES:
            self.refresh()

    def refresh(self) -> None:
        """Compute the results off the GUI thread, with the budget given to the round
        (or the one put on notice); the table follows when done."""
        if self._pending is not None:
            self._worker.cancel(self._pending)
        engine, given = self.context.engine, self.context.round_budget
        self.summary.setText(self.tr("Computing the results…"))
        self._busy(True)
        self._pending = self._worker.submit(lambda: _compute(engine, given),
                                            self._computed, self._failed)

    def cancel(self) -> None:
        """Stop waiting for the results being computed (the table keeps what it had)."""
        if self._pending is not None:
            self._worker.cancel(self._pending)
            self._pending = None
        self._busy(False)
        self.summary.setText(self.tr("Computation cancelled: the table shows the results "
                                     "computed before, if any."))

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.refresh_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy)

    def _computed(self, computed: tuple[Results, Any]) -> None:
        results, published = computed
        self._pending = None
        self._busy(False)
        self.results, self._problem = results, None
        self.budget_field.set_period(published)
        self.budget_field.set_default(results.remaining_annual)
        self._fill_status_filter()
        self._show(results)
        self.resultsShown.emit()

    def _failed(self, exc: BaseException) -> None:
        from reviewer_app.core.errors import ReviewerError

        self._pending = None
        self._busy(False)
        self.results = None
        self.model.set_rows([])
        self.model.set_headers(results_view.headers(None))
        self.plot.set_strips([], 100)
        self.conflicts_label.clear()
        self.warnings_label.clear()
        self.warnings_label.hide()
        self._problem = str(exc) if isinstance(exc, ReviewerError) else repr(exc)
        self.summary.setText(self._problem_text(self._problem))
        self.resultsShown.emit()

    def _problem_text(self, problem: str) -> str:
        if problem.startswith("no panel package is registered"):
            return self.tr("No results yet: register the panel package and merge the "
                           "experts' sheets on the merge page first.")
        return self.tr("The results cannot be computed: %1").replace("%1", problem)

    def _show(self, results: Results) -> None:
        # The first rows shown (the page may have started on an empty store): the
        # figures as wide as they are, room for the project's title and the
        # enterprise's name; the reason takes what is left (the last section
        # stretches). Later the user's column widths stay.
        fresh = self.model.rowCount() == 0
        self.model.set_headers(results_view.headers(results))
        self.model.set_rows(results_view.table_rows(results))
        if fresh and self.model.rowCount():
            for column in range(3, self.model.columnCount() - 1):
                self.table.resizeColumnToContents(column)
            widen(self.table, {0: 5, 1: 30, 2: 22})
        self.plot.set_strips(results_view.strips(results),
                             float(results.program.rubric.total_max))
        self.budget.set_budget(*results_view.budget_parts(results))
        funded = sum(1 for r in results.rows if r.award.amount > 0)
        self.conflicts_label.setText(results_view.conflict_counts_text(results))
        warnings = results_view.panel_warnings_text(results)
        self.warnings_label.setText(
            self.tr("Panel size:") + "\n" + warnings if warnings else "")
        self.warnings_label.setVisible(bool(warnings))
        self.summary.setText(
            self.tr("%1 projects, %2 funded; %3 of %4 yuan awarded; %5 flagged for "
                    "re-review; %6 awaiting an eligibility decision.")
            .replace("%1", str(len(results.rows))).replace("%2", str(funded))
            .replace("%3", results_view.yuan(results.funding.awarded_total))
            .replace("%4", results_view.yuan(results.funding.budget))
            .replace("%5", str(len(results.divergent)))
            .replace("%6", str(len(results.pending)))
            + (self.tr(" (budget given for this round)")
               if results.given_budget is not None else ""))

    def wait_idle(self, msecs: int = 30000) -> bool:
        return self._worker.wait(msecs)

    # --- second round ---------------------------------------------------------------
    def start_second_round(self) -> None:
        """The 发起第二轮复议 dialog (gui/desk/second_round_dialog.py)."""
        from reviewer_app.gui.desk.second_round_dialog import SecondRoundDialog

        if self.second_round_dialog is not None:
            self.second_round_dialog.raise_()
            return
        dialog = SecondRoundDialog(self.context, self)
        self.second_round_dialog = dialog

        def closed(_result: int) -> None:
            self.second_round_dialog = None
            dialog.setParent(None)  # gone from the page at once, deleted later
            dialog.deleteLater()

        dialog.finished.connect(closed)
        dialog.open()

    # --- export --------------------------------------------------------------------
    def export(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export the results into"), str(self.context.work_dir))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> list[Path] | None:
        """Write results.xlsx/.pdf/.csv/.json and publicity.csv into ``folder``, each
        atomically, off the GUI thread; the run is recorded in the store."""
        from reviewer_app.central.round_files import write_round_results

        # The budget of the results shown (given, put on notice or the default).
        engine = self.context.engine
        given = self.results.given_budget if self.results is not None else None

        def task(progress: Any) -> list[Path]:
            # Cancel works until the files are made: then they are written, each
            # atomically; a cancel before leaves nothing at all.
            return write_round_results(engine, folder, budget=given,
                                       progress=progress).files

        try:
            files = run_with_progress(self, self.tr("Export results"),
                                      self.tr("Writing the results files…"),
                                      self.tr("Cancel"), task)
        except Cancelled:
            self.summary.setText(self.tr("Export cancelled: nothing was written."))
            return None
        except Exception as exc:
            self.summary.setText(self.tr("The results could not be exported: %1")
                                 .replace("%1", str(exc)))
            return None
        self.summary.setText(self.tr("Exported to %1: %2").replace("%1", str(folder))
                             .replace("%2", ", ".join(p.name for p in files)))
        self.context.changed("results")
        return files


def _compute(engine: Any, given: Decimal | None) -> tuple[Results, Any]:
    """The results with ``given`` (None: the default) or, once a 公示 is open, the
    budget it put on notice; and the open period (or None)."""
    from reviewer_app.central.publicity import period_budget
    from reviewer_app.central.results import compute_results

    budget, published = period_budget(engine, given)
    return compute_results(engine, budget=budget), published


def status_predicate(key: str):
    """Which rows the status filter ``key`` keeps (None: all)."""
    tests = {
        "funded": lambda r: r.award.amount > 0,
        "unfunded": lambda r: r.award.amount <= 0,
        "divergent": lambda r: r.aggregate.divergent,
        "pending": lambda r: r.eligibility.effective == "pending",
    }
    if key in tests:
        return tests[key]
    if key.startswith("tier:"):
        tier_id = key.removeprefix("tier:")

        def in_tier(row: ProjectRow) -> bool:
            return row.award.tier is not None and row.award.tier.id == tier_id
        return in_tier
    return None
