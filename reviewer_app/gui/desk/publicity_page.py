"""公示 (issue 13, item 5): open the period, list what is on notice, record objections
and their outcomes, write the final award plan. Every step is the ``central``
function ``reviewer-admin publicity`` / ``objection`` / ``results --final`` call,
with the same refusals, shown in the user's language. A holiday supplement file
(docs/formats.md §6; ``publicity --holidays FILE``) extends the calendar to a year
chinesecalendar does not cover yet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.errors import ReviewerError
from reviewer_app.gui.desk.context import DeskContext
from reviewer_app.gui.desk.publicity_text import refusal_text, supplement_refusal_text
from reviewer_app.gui.desk.results_view import yuan
from reviewer_app.gui.desk.tables import table_view, widen
from reviewer_app.gui.i18n import Retranslating
from reviewer_app.gui.widgets.row_table import Cell, Row, RowsFilter, RowsModel, number
from reviewer_app.gui.widgets.workers import Cancelled, run_with_progress


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class PublicityPage(Retranslating, QWidget):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publicityPage")
        self.context = context
        self.published: Any = None   # central.publicity.Published, or None
        # The holiday supplements loaded (core.publicity.HolidayCalendar), or None: the
        # library's calendar alone.
        self.calendar: Any = None

        # Open a period.
        self.start_date = QDateEdit(self)
        self.start_date.setObjectName("publicityStartDate")
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("yyyy-MM-dd")
        self.start_date.setDate(QDate.currentDate())
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("startPublicityButton")
        self.period_label = self._label("publicityPeriodLabel")
        self.message = self._label("publicityMessage")
        self.message.setWordWrap(True)
        self.holiday_action = QAction(self)
        self.holiday_action.setObjectName("holidaySupplementAction")
        self.holiday_action.triggered.connect(self.load_holidays)
        self.holiday_button = QToolButton(self)
        self.holiday_button.setObjectName("holidaySupplementButton")
        self.holiday_button.setDefaultAction(self.holiday_action)
        self.holiday_label = self._label("holidaySupplementLabel")
        self.holiday_label.setWordWrap(True)
        # Which budget the notice puts on notice (the desk's 本轮预算, or the default).
        self.budget_label = self._label("publicityBudgetLabel")
        self.budget_label.setWordWrap(True)
        self.start_box = QGroupBox(self)
        start_rows = QVBoxLayout(self.start_box)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_date)
        start_row.addWidget(self.start_button)
        start_row.addWidget(self.period_label, 1)
        holiday_row = QHBoxLayout()
        holiday_row.addWidget(self.holiday_button)
        holiday_row.addWidget(self.holiday_label, 1)
        start_rows.addLayout(start_row)
        start_rows.addLayout(holiday_row)
        start_rows.addWidget(self.budget_label)

        # What is on notice.
        self.list_model = RowsModel(self)
        self.list_filter = RowsFilter(self.list_model, self)
        self.list_table = table_view(self, "publicityTable", self.list_filter)

        # Objections.
        self.objection_model = RowsModel(self)
        self.objection_filter = RowsFilter(self.objection_model, self)
        self.objection_table = table_view(self, "objectionsTable", self.objection_filter)
        self.objection_project = QComboBox(self)
        self.objection_project.setObjectName("objectionProjectCombo")
        self.objection_text = QPlainTextEdit(self)
        self.objection_text.setObjectName("objectionTextEdit")
        self.objection_text.setMaximumHeight(70)
        self.objection_received = QDateEdit(self)
        self.objection_received.setObjectName("objectionReceivedDate")
        self.objection_received.setCalendarPopup(True)
        self.objection_received.setDisplayFormat("yyyy-MM-dd")
        self.objection_received.setDate(QDate.currentDate())
        self.add_objection_button = QPushButton(self)
        self.add_objection_button.setObjectName("addObjectionButton")
        self.record_box = QGroupBox(self)
        self.record_labels = self._form(self.record_box, (
            self.objection_project, self.objection_text, self.objection_received),
            self.add_objection_button)

        self.outcome = QComboBox(self)
        self.outcome.setObjectName("objectionOutcomeCombo")
        self.outcome_reason = QLineEdit(self)
        self.outcome_reason.setObjectName("objectionReasonEdit")
        self.outcome_by = QLineEdit(self)
        self.outcome_by.setObjectName("objectionByEdit")
        self.decide_button = QPushButton(self)
        self.decide_button.setObjectName("decideObjectionButton")
        self.decide_box = QGroupBox(self)
        self.decide_labels = self._form(self.decide_box, (
            self.outcome, self.outcome_reason, self.outcome_by), self.decide_button)

        # The award plan.
        self.plan_button = QPushButton(self)
        self.plan_button.setObjectName("finalPlanButton")
        self.plan_label = self._label("finalPlanStatusLabel")
        self.plan_label.setWordWrap(True)

        forms = QHBoxLayout()
        forms.addWidget(self.record_box)
        forms.addWidget(self.decide_box)
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.plan_button)
        plan_row.addWidget(self.plan_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.start_box)
        layout.addWidget(self.message)
        layout.addWidget(self.list_table, 2)
        layout.addWidget(self.objection_table, 1)
        layout.addLayout(forms)
        layout.addLayout(plan_row)

        self.start_button.clicked.connect(self.start_period)
        self.add_objection_button.clicked.connect(self.record_objection)
        self.decide_button.clicked.connect(self.decide_objection)
        self.plan_button.clicked.connect(self.write_plan)
        context.events.storeChanged.connect(self._store_changed)
        context.events.budgetChanged.connect(self._show_budget)
        self.retranslate()

    def _form(self, box: QGroupBox, fields: tuple[QWidget, ...],
              button: QPushButton) -> list[QLabel]:
        """A form of ``fields`` with their labels (texts set by retranslate)."""
        form = QFormLayout(box)
        labels = []
        for field in fields:
            label = QLabel(box)
            label.setBuddy(field)
            form.addRow(label, field)
            labels.append(label)
        form.addRow(button)
        return labels

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)   # project ids, objection texts
        return label

    # --- texts ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("公示 and award plan"))
        self.start_box.setTitle(self.tr("公示 period (5 working days)"))
        self.start_date.setAccessibleName(self.tr("First day of the 公示"))
        self.start_button.setText(self.tr("Start the 公示 and write the notice…"))
        self.holiday_action.setText(self.tr("Load holiday supplement file…"))
        self.holiday_action.setToolTip(self.tr(
            "For a year the official holiday calendar does not cover yet: the State "
            "Council's notice transcribed into a file (reviewer-app/holidays/1)"))
        self.holiday_button.setAccessibleName(self.holiday_action.text())
        self.budget_label.setAccessibleName(self.tr("Budget on notice"))
        self._show_holidays()
        self.list_table.setAccessibleName(self.tr("公示 list"))
        self.objection_table.setAccessibleName(self.tr("Objections"))
        self.record_box.setTitle(self.tr("Record an objection"))
        self._label_fields(self.record_labels, (self.tr("Project"),
                                                 self.tr("Objection (summary)"),
                                                 self.tr("Received on")))
        self.add_objection_button.setText(self.tr("Record objection"))
        self.decide_box.setTitle(self.tr("Decide the selected objection"))
        self._label_fields(self.decide_labels, (self.tr("Outcome"), self.tr("Reason"),
                                                 self.tr("Decided by")))
        current = self.outcome.currentData()
        self.outcome.clear()
        self.outcome.addItem(self.tr("Objection upheld (not funded)"), "upheld")
        self.outcome.addItem(self.tr("Objection dismissed (award stands)"), "dismissed")
        self.outcome.setCurrentIndex(max(self.outcome.findData(current), 0))
        self.decide_button.setText(self.tr("Record decision"))
        self.plan_button.setText(self.tr("Write the final award plan…"))
        self.plan_button.setAccessibleName(self.plan_button.text())
        self.list_model.set_headers([self.tr("Rank"), self.tr("Project"),
                                     self.tr("Enterprise"), self.tr("Tier"),
                                     self.tr("Amount (yuan)"), self.tr("Objections")])
        self.objection_model.set_headers([self.tr("No."), self.tr("Project"),
                                          self.tr("Received"), self.tr("Objection"),
                                          self.tr("Outcome"), self.tr("Reason"),
                                          self.tr("Decided by")])
        self.refresh()

    @staticmethod
    def _label_fields(labels: list[QLabel], texts: tuple[str, ...]) -> None:
        for label, text in zip(labels, texts, strict=True):
            label.setText(text)
            label.buddy().setAccessibleName(text)

    def outcome_text(self, outcome: str | None) -> str:
        return {"upheld": self.tr("Upheld"), "dismissed": self.tr("Dismissed")}.get(
            outcome or "", self.tr("Pending"))

    # --- reading the store -----------------------------------------------------------
    def _store_changed(self, what: str) -> None:
        if what in ("publicity", "results", "sheets", "decisions", "packages", "store"):
            self.refresh()

    def refresh(self) -> None:
        from reviewer_app.central.publicity import PublicityError, current_period

        try:
            self.published = current_period(self.context.engine)
        except PublicityError:
            self.published = None
        published = self.published
        self._show_budget()
        if published is None:
            self.period_label.setText(self.tr("No 公示 period yet."))
            self.list_model.set_rows([])
            self.objection_model.set_rows([])
            self.objection_project.clear()
            self.plan_label.setText(self.tr("The award plan can be written after the 公示."))
            return
        self.period_label.setText(
            self.tr("公示期 %1 – %2 (%3 working days; calendar: %4)")
            .replace("%1", published.start.isoformat()).replace("%2", published.end.isoformat())
            .replace("%3", str(published.working_days)).replace("%4", published.calendar))
        self._fill_list(published)
        self._fill_objections(published)
        self.plan_label.setText(self._plan_state(published))

    def _fill_list(self, published: Any) -> None:
        raised: dict[str, int] = {}
        for o in published.objections:
            raised[o.project_id] = raised.get(o.project_id, 0) + 1
        rows, ids = [], []
        tier_names = self._tier_names()
        for p in published.document["projects"]:
            if Decimal(p["amount"]) <= 0:
                continue
            ids.append(p["project_id"])
            rows.append(Row((number(p["rank"], missing=1e9),
                             Cell(f"{p['project_id']} {p['project_title']}", p["project_id"]),
                             Cell(str(p["enterprise_name"])),
                             Cell(tier_names.get(p["tier"], p["tier"] or "")),
                             Cell(yuan(Decimal(p["amount"])), float(p["amount"])),
                             number(raised.get(p["project_id"], 0))), payload=p))
        fresh = self.list_model.rowCount() == 0
        self.list_model.set_rows(rows)
        if fresh:
            widen(self.list_table, {0: 5, 1: 36, 2: 26})
        current = self.objection_project.currentData()
        self.objection_project.clear()
        for pid in ids:
            self.objection_project.addItem(pid, pid)
        self.objection_project.setCurrentIndex(max(self.objection_project.findData(current), 0))

    def _tier_names(self) -> dict[str, str]:
        """Tier id -> name in the user's language (the store's program; read once)."""
        from reviewer_app.central.results import ResultsError, results_program
        from reviewer_app.gui.desk.results_view import chinese

        try:
            tiers = results_program(self.context.engine).funding.tiers
        except ResultsError:
            return {}
        return {t.id: t.name if chinese() else t.name_en for t in tiers}

    def _fill_objections(self, published: Any) -> None:
        rows = [Row((number(o.id), Cell(o.project_id), Cell(o.received_on.isoformat()),
                     Cell(o.text), Cell(self.outcome_text(o.outcome)),
                     Cell(o.outcome_reason or ""), Cell(o.decided_by or "")), payload=o.id)
                for o in published.objections]
        fresh = self.objection_model.rowCount() == 0
        self.objection_model.set_rows(rows)
        if fresh:
            widen(self.objection_table, {3: 40, 5: 24})

    def _plan_state(self, published: Any) -> str:
        """What stands between the 公示 and the plan, as far as the page can tell; the
        plan's own checks (central.publicity.final_plan) decide when it is asked for."""
        from reviewer_app.central.publicity import plan_written, today_cst

        if plan_written(self.context.engine, published.period_id):
            return self.tr("The award plan of this 公示 has been written.")
        undecided = [str(o.id) for o in published.objections if o.outcome is None]
        if today_cst() <= published.end:
            return self.tr("The 公示 runs until %1: the award plan can be written from the "
                           "day after.").replace("%1", published.end.isoformat())
        if undecided:
            return self.tr("Objections without a decision: %1.").replace(
                "%1", ", ".join(undecided))
        return self.tr("The 公示 has ended: the award plan can be written.")

    def _show_budget(self) -> None:
        """The budget put on notice, or the one a 公示 opened now would put."""
        if self.published is not None:
            budget = self.published.document["budget"]
            text = (self.tr("Budget on notice: %1 yuan, given for this round.")
                    if budget["source"] == "given" else
                    self.tr("Budget on notice: %1 yuan, the annual budget less prior awards."))
            self.budget_label.setText(text.replace("%1", yuan(Decimal(budget["budget"]))))
        elif self.context.round_budget is not None:
            self.budget_label.setText(
                self.tr("The notice will put on notice the budget given for this round on "
                        "the results page: %1 yuan.")
                .replace("%1", yuan(self.context.round_budget)))
        else:
            self.budget_label.setText(self.tr(
                "The notice will put on notice the default budget: the annual budget less "
                "prior awards (a budget for this round is given on the results page)."))

    def _show_holidays(self) -> None:
        if self.calendar is None or not self.calendar.supplements:
            self.holiday_label.setText(self.tr("Holiday calendar: %1 only.").replace(
                "%1", _library_calendar()))
            return
        years = [self.tr("%1 (%2)").replace("%1", str(s.year)).replace("%2", s.source)
                 for _, s in sorted(self.calendar.supplements.items())]
        self.holiday_label.setText(self.tr("Holiday supplement for %1.").replace(
            "%1", "; ".join(years)))

    # --- steps ---------------------------------------------------------------------
    def load_holidays(self) -> None:
        """Load holiday supplement files (they replace those loaded before); a bad file is
        refused with the reason and the calendar stays as it was."""
        from reviewer_app.central.publicity import PublicityError, holiday_calendar

        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose holiday supplement files"), str(self.context.work_dir),
            self.tr("Holiday supplements (*.toml);;All files (*)"))
        if not names:
            return
        paths = [Path(n) for n in names]
        try:
            calendar = holiday_calendar(paths)
        except PublicityError as exc:
            self.message.setText(
                self.tr("The holiday supplement %1 is refused: %2")
                .replace("%1", ", ".join(p.name for p in paths))
                .replace("%2", supplement_refusal_text(str(exc))))
            return
        self.calendar = calendar
        self._show_holidays()
        self.message.setText(self.tr("Holiday supplement loaded: a 公示 may now fall in %1.")
                             .replace("%1", ", ".join(str(y) for y in
                                                      sorted(calendar.supplements))))

    def _choose_folder(self, title: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, title, str(self.context.work_dir))
        return Path(folder) if folder else None

    def _refuse(self, exc: BaseException) -> None:
        self.message.setText(refusal_text(str(exc)))

    def start_period(self) -> None:
        from reviewer_app.central.round_files import open_publicity

        folder = self._choose_folder(self.tr("Write the notice (publicity.pdf, .csv) into"))
        if folder is None:
            return
        start, engine = _date(self.start_date.date()), self.context.engine
        calendar, budget = self.calendar, self.context.round_budget
        try:
            notice = run_with_progress(
                self, self.tr("公示"), self.tr("Writing the notice…"), self.tr("Cancel"),
                lambda progress: open_publicity(engine, start, folder, budget=budget,
                                                calendar=calendar))
        except Cancelled:
            return
        except (ReviewerError, ValueError, OSError) as exc:  # refusals, calendar, disk
            self._refuse(exc)
            return
        self.message.setText(self.tr("公示 opened; the notice is in %1: %2")
                             .replace("%1", str(folder))
                             .replace("%2", ", ".join(p.name for p in notice.files)))
        self.context.changed("publicity")

    def record_objection(self) -> None:
        from reviewer_app.central.publicity import add_objection

        project = self.objection_project.currentData() or ""
        try:
            number_ = add_objection(self.context.engine, project,
                                    self.objection_text.toPlainText(),
                                    _date(self.objection_received.date()))
        except ReviewerError as exc:
            self._refuse(exc)
            return
        self.objection_text.clear()
        self.message.setText(self.tr("Objection %1 recorded for %2.")
                             .replace("%1", str(number_)).replace("%2", project))
        self.context.changed("publicity")

    def selected_objection(self) -> int | None:
        rows = self.objection_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.objection_filter.mapToSource(rows[0]).data(
            Qt.ItemDataRole.UserRole + 1)

    def decide_objection(self) -> None:
        from reviewer_app.central.publicity import decide_objection

        number_ = self.selected_objection()
        if number_ is None:
            self.message.setText(self.tr("Select the objection to decide in the table."))
            return
        try:
            decide_objection(self.context.engine, number_, self.outcome.currentData(),
                             self.outcome_by.text(), self.outcome_reason.text())
        except ReviewerError as exc:
            self._refuse(exc)
            return
        self.outcome_reason.clear()
        self.message.setText(self.tr("Objection %1: %2.").replace("%1", str(number_))
                             .replace("%2", self.outcome_text(self.outcome.currentData())))
        self.context.changed("publicity")

    def write_plan(self) -> None:
        from reviewer_app.central.round_files import write_round_results

        folder = self._choose_folder(self.tr("Write the award plan and final results into"))
        if folder is None:
            return
        engine = self.context.engine
        try:
            written = run_with_progress(
                self, self.tr("Award plan"), self.tr("Writing the award plan…"),
                self.tr("Cancel"),
                lambda progress: write_round_results(engine, folder, final=True))
        except Cancelled:
            return
        except (ReviewerError, ValueError, OSError) as exc:
            self._refuse(exc)
            return
        plan = written.plan.plan if written.plan else {"awards": [], "awarded_total": "0"}
        self.message.setText(
            self.tr("Award plan written to %1: %2 project(s), %3 yuan.")
            .replace("%1", str(folder)).replace("%2", str(len(plan["awards"])))
            .replace("%3", plan["awarded_total"]))
        self.context.changed("results")


def _library_calendar() -> str:
    from reviewer_app.core.publicity import calendar_name

    return calendar_name()
