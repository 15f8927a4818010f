"""The round overview: program, year, annual budget and what is left of it, the packages
of the round and the state of every step (:func:`reviewer_app.central.round_status`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from reviewer_app.central.round_status import RoundStatus, round_status
from reviewer_app.core.decimals import decimal_str
from reviewer_app.gui.desk.context import DeskContext
from reviewer_app.gui.desk.tables import local_time, plain_label_text, record_view
from reviewer_app.gui.i18n import Retranslating
from reviewer_app.gui.widgets.record_table import RecordTableModel


def _yuan(value) -> str:
    """12,345,678.5: yuan with thousands separators, as the budget is written."""
    whole, _, cents = decimal_str(value).partition(".")
    return f"{int(whole):,}" + (f".{cents}" if cents else "")


class OverviewPage(Retranslating, QWidget):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self.context = context
        self.status: RoundStatus | None = None
        self.program_caption, self.program_label = QLabel(self), QLabel(self)
        self.program_label.setObjectName("overviewProgram")
        self.budget_caption, self.budget_label = QLabel(self), QLabel(self)
        self.budget_label.setObjectName("overviewBudget")
        self.left_caption, self.left_label = QLabel(self), QLabel(self)
        self.left_label.setObjectName("overviewBudgetLeft")
        form = QFormLayout()
        for caption, label in ((self.program_caption, self.program_label),
                               (self.budget_caption, self.budget_label),
                               (self.left_caption, self.left_label)):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption.setBuddy(label)
            form.addRow(caption, label)
        self.steps_model = RecordTableModel(
            lambda: (self.tr("Step"), self.tr("State")), lambda row: row)
        self.steps_view, _ = record_view("overviewSteps", self.steps_model, self,
                                         sortable=False)
        self.packages_model = RecordTableModel(self._package_headers, self._package_cells)
        self.packages_view, _ = record_view("overviewPackages", self.packages_model, self)
        self.steps_caption, self.packages_caption = QLabel(self), QLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.steps_caption)
        layout.addWidget(self.steps_view, 1)
        layout.addWidget(self.packages_caption)
        layout.addWidget(self.packages_view, 1)
        context.events.storeChanged.connect(lambda _what: self.refresh())
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Round overview"))
        self.program_caption.setText(self.tr("Program:"))
        self.budget_caption.setText(self.tr("Annual budget (CNY):"))
        self.left_caption.setText(self.tr("Left this year (CNY):"))
        self.steps_caption.setText(self.tr("Steps of the round"))
        self.packages_caption.setText(self.tr("Packages"))
        for view, caption in ((self.steps_view, self.steps_caption),
                              (self.packages_view, self.packages_caption)):
            view.setAccessibleName(caption.text())
        for label, caption in ((self.program_label, self.program_caption),
                               (self.budget_label, self.budget_caption),
                               (self.left_label, self.left_caption)):
            label.setAccessibleName(caption.text().rstrip(":："))
        self.packages_model.retranslate()
        self._show()

    def refresh(self) -> None:
        self.status = round_status(self.context.engine)
        self._show()

    def _show(self) -> None:
        status = self.status
        if status is None:
            return
        programs = status.programs
        if programs:
            plain_label_text(self.program_label, "；".join(
                f"{p.name}（{p.year}）" for p in programs))
            self.budget_label.setText("；".join(_yuan(p.annual_budget) for p in programs))
            self.left_label.setText("；".join(
                self.tr("%1 (awarded %2)").replace("%1", _yuan(p.budget_left))
                .replace("%2", _yuan(p.awarded_this_year)) for p in programs))
        else:
            self.program_label.setText(self.tr("No package registered yet: open an intake "
                                               "and build a package first."))
            self.budget_label.setText("—")
            self.left_label.setText("—")
        self.steps_model.set_records(self._steps(status))
        self.packages_model.set_records([p for program in programs for p in program.packages])
        self.packages_view.resizeColumnsToContents()

    def _steps(self, s: RoundStatus) -> list[tuple[str, str]]:
        packages = [p for program in s.programs for p in program.packages]
        seats = sum(p.seats for p in packages)
        received = sum(p.sheets_received for p in packages)
        not_yet = self.tr("not yet")
        publicity = not_yet
        if s.publicity_start is not None:
            publicity = self.tr("%1 to %2; %3 objection(s), %4 open") \
                .replace("%1", s.publicity_start.isoformat()) \
                .replace("%2", str(s.publicity_end)).replace("%3", str(s.objections)) \
                .replace("%4", str(s.objections_open))
        return [
            (self.tr("Intake checked"),
             self.tr("%1 project(s) checked, %2 need review").replace(
                 "%1", str(s.projects_checked)).replace("%2", str(s.needs_review))
             if s.projects_checked else not_yet),
            (self.tr("Decisions pending"),
             self.tr("%1 pending, %2 decided").replace("%1", str(s.decisions_pending))
             .replace("%2", str(s.decisions_recorded))),
            (self.tr("Packages built"), str(len(packages)) if packages else not_yet),
            (self.tr("Sheets received"),
             self.tr("%1 of %2 seats").replace("%1", str(received)).replace("%2", str(seats))
             if packages else not_yet),
            (self.tr("Results"),
             self.tr("%1 run(s), last %2").replace("%1", str(s.results_runs)).replace(
                 "%2", local_time(s.last_results_at))
             if s.results_runs and s.last_results_at else not_yet),
            (self.tr("Publicity (公示)"), publicity),
            (self.tr("Final award plan"), self.tr("written") if s.final_plan else not_yet),
        ]

    def _package_headers(self) -> tuple[str, ...]:
        return (self.tr("Package"), self.tr("Kind"), self.tr("Session"), self.tr("Seats"),
                self.tr("Projects"), self.tr("Sheets received"), self.tr("Equivocating"),
                self.tr("Registered"))

    def _package_cells(self, p) -> tuple[str, ...]:
        kind = self.tr("panel") if p.kind == "panel" else self.tr("inspection")
        if p.round == 2:
            kind = self.tr("second round (复议) of %1").replace(
                "%1", (p.first_round_package_id or "")[:8])
        return (p.package_id, kind, p.session_name, str(p.seats), str(p.projects),
                str(p.sheets_received), str(p.equivocating),
                local_time(p.registered_at))
