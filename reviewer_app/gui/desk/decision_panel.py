"""The intake page's 需复核 decision form: outcome, reason and who decided, recorded with
:func:`reviewer_app.central.decisions.record_decisions` exactly as ``reviewer-admin decide
--intake`` records them (the intake's findings give the status before the decision)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from reviewer_app.central.intake import Intake
from reviewer_app.gui.desk.context import DeskContext
from reviewer_app.gui.desk.tables import plain_label_text
from reviewer_app.gui.i18n import Retranslating

OUTCOMES = ("pass", "fail")


class DecisionPanel(Retranslating, QWidget):
    #: a decision was recorded (the project id)
    recorded = Signal(str)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionPanel")
        self.context = context
        self.intake: Intake | None = None
        self.project_id: str | None = None
        self.project_label = QLabel(self)
        self.project_label.setObjectName("decisionProject")
        self.outcome_combo = QComboBox(self)
        self.outcome_combo.setObjectName("decisionOutcome")
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("decisionReason")
        self.reason_edit.setMaximumHeight(70)
        self.by_edit = QLineEdit(self)
        self.by_edit.setObjectName("decisionBy")
        self.record_button = QPushButton(self)
        self.record_button.setObjectName("recordDecisionButton")
        self.record_button.clicked.connect(self.record_decision)
        self.message = QLabel(self)
        self.message.setObjectName("decisionMessage")
        self.message.setWordWrap(True)
        self.outcome_label, self.reason_label, self.by_label = (QLabel(self) for _ in range(3))
        form = QFormLayout(self)
        form.addRow(self.project_label)
        for label, field in ((self.outcome_label, self.outcome_combo),
                             (self.reason_label, self.reason_edit),
                             (self.by_label, self.by_edit)):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.record_button)
        form.addRow(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        self.outcome_label.setText(self.tr("Decision:"))
        self.reason_label.setText(self.tr("Reason:"))
        self.by_label.setText(self.tr("Decided by:"))
        self.record_button.setText(self.tr("Record decision"))
        outcome = max(self.outcome_combo.currentIndex(), 0)
        self.outcome_combo.clear()
        self.outcome_combo.addItems([self.tr("Eligible (pass)"), self.tr("Not eligible (fail)")])
        self.outcome_combo.setCurrentIndex(outcome)
        for label, widget in ((self.outcome_label, self.outcome_combo),
                              (self.reason_label, self.reason_edit),
                              (self.by_label, self.by_edit)):
            widget.setAccessibleName(label.text().rstrip(":："))
        self.set_project(self.intake, self.project_id)

    def set_project(self, intake: Intake | None, project_id: str | None) -> None:
        """Decide on ``project_id`` of ``intake`` (None: nothing selected)."""
        self.intake, self.project_id = intake, project_id
        enabled = intake is not None and project_id is not None
        for widget in (self.outcome_combo, self.reason_edit, self.by_edit, self.record_button):
            widget.setEnabled(enabled)
        if intake is None or project_id is None:
            self.project_label.setText(self.tr("Select a project to decide on it."))
            return
        plain_label_text(self.project_label, self.tr("Decision on %1 (%2)")
                         .replace("%1", project_id)
                         .replace("%2", intake.application(project_id).enterprise_name))

    def record_decision(self) -> None:
        """Record the decision on the project shown, as ``decide --intake`` does."""
        from reviewer_app.central.decisions import (
            DecisionError,
            known_statuses,
            record_decisions,
        )

        if self.intake is None or self.project_id is None:
            return
        outcome = OUTCOMES[max(self.outcome_combo.currentIndex(), 0)]
        reason, by = self.reason_edit.toPlainText(), self.by_edit.text()
        if not reason.strip() or not by.strip():
            plain_label_text(self.message, self.tr("Give the reason and who decided."))
            return
        extra = {r.project_id: r.status.value for r in self.intake.eligibility()}
        engine = self.context.engine
        try:
            decision = record_decisions(engine, [(self.project_id, outcome, reason, by)],
                                        statuses=known_statuses(engine, extra))[0]
        except DecisionError as exc:
            plain_label_text(self.message, self.tr("Not recorded: %1").replace("%1", str(exc)))
            return
        self.reason_edit.clear()
        plain_label_text(self.message, self.tr("Recorded: %1 %2 — %3 [%4]")
                         .replace("%1", decision.project_id)
                         .replace("%2", self.tr("Eligible") if decision.outcome == "pass"
                                  else self.tr("Not eligible"))
                         .replace("%3", decision.reason).replace("%4", decision.decided_by))
        self.recorded.emit(decision.project_id)
        self.context.changed("decisions")
