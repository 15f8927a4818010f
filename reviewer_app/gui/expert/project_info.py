"""The selected project's facts and eligibility findings, as read-only rich text."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from reviewer_app.gui.i18n import Retranslating

FINDING_MARKS = {"pass": ("✓", "#2f9e44"), "fail": ("✗", "#c92a2a"),
                 "needs_review": ("!", "#d9822b")}
MONEY_FIELDS = ("contract_amount", "actual_cost", "requested_amount")


def _labels() -> list[tuple[str, str]]:
    return [
        ("project_id", QCoreApplication.translate(
            "ProjectInfo", "Project ID")),
        ("project_title", QCoreApplication.translate(
            "ProjectInfo", "Project")),
        ("enterprise_name", QCoreApplication.translate(
            "ProjectInfo", "Enterprise")),
        ("uscc", QCoreApplication.translate(
            "ProjectInfo", "Unified social credit code")),
        ("entity_type", QCoreApplication.translate(
            "ProjectInfo", "Entity type")),
        ("industry", QCoreApplication.translate(
            "ProjectInfo", "Industry")),
        ("registered_district", QCoreApplication.translate(
            "ProjectInfo", "Registered district")),
        ("registration_date", QCoreApplication.translate(
            "ProjectInfo", "Registration date")),
        ("vendor", QCoreApplication.translate(
            "ProjectInfo", "Cloud vendor")),
        ("contract_no", QCoreApplication.translate(
            "ProjectInfo", "Contract number")),
        ("contract_amount", QCoreApplication.translate(
            "ProjectInfo", "Contract amount")),
        ("contract_signed_date", QCoreApplication.translate(
            "ProjectInfo", "Contract signed")),
        ("completion_date", QCoreApplication.translate(
            "ProjectInfo", "Completion date")),
        ("acceptance_report_date", QCoreApplication.translate(
            "ProjectInfo", "Final acceptance report")),
        ("actual_cost", QCoreApplication.translate(
            "ProjectInfo", "Actual cost")),
        ("requested_amount", QCoreApplication.translate(
            "ProjectInfo", "Requested amount")),
    ]


def format_money(raw: object, english: bool) -> str:
    """元 with thousands separators, and 万元 beside it (Decimal, never float)."""
    try:
        amount = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        return str(raw)
    yuan = f"{amount:,.2f}"
    wan = f"{(amount / Decimal(10000)):,.2f}"
    text = QCoreApplication.translate("ProjectInfo", "%1 yuan (%2 ten-thousand yuan)")
    return text.replace("%1", yuan).replace("%2", wan)


class ProjectInfoView(Retranslating, QTextBrowser):
    """Facts of the application and the secretariat's eligibility findings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectInfo")
        self.setOpenLinks(False)
        self._project: Mapping[str, Any] | None = None
        self.english = False

    def set_project(self, project: Mapping[str, Any] | None) -> None:
        self._project = project
        self.retranslate()

    def set_english(self, english: bool) -> None:
        self.english = english
        self.retranslate()

    def retranslate(self) -> None:
        project = self._project
        if project is None:
            self.clear()
            return
        rows = []
        for key, label in _labels():
            value = project.get(key)
            if value in (None, ""):
                value = QCoreApplication.translate(
            "ProjectInfo", "(not given)")
            elif key in MONEY_FIELDS:
                value = format_money(value, self.english)
            rows.append(f"<tr><td style='color:#475467;padding-right:12px'>{escape(label)}</td>"
                        f"<td>{escape(str(value))}</td></tr>")
        html = [f"<h3>{escape(str(project.get('project_title', '')))}</h3>",
                f"<table cellspacing='2'>{''.join(rows)}</table>"]
        if project.get("summary"):
            # Outside the f-string: lupdate does not see a call inside one, and the heading
            # stayed English.
            heading = QCoreApplication.translate("ProjectInfo", "Project summary")
            html.append(f"<h4>{escape(heading)}</h4><p>{escape(str(project['summary']))}</p>")
        eligibility = project.get("eligibility") or {}
        status = str(eligibility.get("status", ""))
        status_names = {"pass": QCoreApplication.translate(
            "ProjectInfo", "passed"),
                        "fail": QCoreApplication.translate(
            "ProjectInfo", "failed"),
                        "needs_review": QCoreApplication.translate(
            "ProjectInfo", "needs review")}
        heading = QCoreApplication.translate(
            "ProjectInfo", "Eligibility check: %1").replace(
            "%1", status_names.get(status, status))
        html.append(f"<h4>{escape(heading)}</h4>")
        items = []
        for finding in eligibility.get("findings", []):
            mark, colour = FINDING_MARKS.get(str(finding.get("status")), ("·", "#475467"))
            message = finding.get("message_en") if self.english else finding.get("message")
            rule = finding.get("rule") or ""
            items.append(f"<tr><td style='color:{colour};font-weight:bold;padding-right:6px'>"
                         f"{mark}</td><td>{escape(str(message or ''))}"
                         f"<span style='color:#98a2b3'> {escape(str(rule))}</span></td></tr>")
        if items:
            html.append(f"<table cellspacing='2'>{''.join(items)}</table>")
        self.setHtml("".join(html))
