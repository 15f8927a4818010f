"""Finalize: what is still missing (click to go there), else the expert's own scores, then sign.

The dialog only shows; :mod:`reviewer_app.gui.expert.sheet_actions` decides what to put in
it and what "go to" and "sign" do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.decimals import decimal_str
from reviewer_app.gui.expert.score_chart import Distribution, ScoreChart, Series
from reviewer_app.gui.i18n import Retranslating

ITEM_ROLE = Qt.ItemDataRole.UserRole


class FinalizeDialog(Retranslating, QDialog):
    """Page 0 lists missing items; page 1 shows the score distribution and offers signing."""

    goTo = Signal(object)        # the MissingItem clicked
    signRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finalizeDialog")
        self.resize(720, 560)
        self.english = False
        self._missing: list[tuple[object, str]] = []
        self._distribution: Distribution | None = None

        self.summary = QLabel(self)
        self.summary.setObjectName("finalizeSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.pages = QStackedWidget(self)

        self.missing_list = QListWidget(self)
        self.missing_list.setObjectName("missingList")
        self.missing_list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.missing_list.itemClicked.connect(self._activated)
        self.missing_list.itemActivated.connect(self._activated)
        self.pages.addWidget(self.missing_list)

        review = QWidget(self)
        self.chart_hint = QLabel(review)
        self.chart_hint.setWordWrap(True)
        self.chart_hint.setStyleSheet("color: #475467;")
        self.chart = ScoreChart(review)
        self.table = QTableWidget(review)
        self.table.setObjectName("distributionTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.warnings = QLabel(review)
        self.warnings.setObjectName("distributionWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b54708;")
        rlayout = QVBoxLayout(review)
        rlayout.setContentsMargins(0, 0, 0, 0)
        rlayout.addWidget(self.chart_hint)
        rlayout.addWidget(self.chart)
        rlayout.addWidget(self.warnings)
        rlayout.addWidget(self.table, 1)
        # Manifest format 4: the expert confirms again, at every export, that the
        # conflicts declared are all there are; signing needs it.
        self.conflicts_check = QCheckBox(review)
        self.conflicts_check.setObjectName("conflictsCompleteCheck")
        self.conflicts_check.setVisible(False)
        self.conflicts_check.toggled.connect(lambda _on: self._update_sign())
        rlayout.addWidget(self.conflicts_check)
        self.pages.addWidget(review)

        self.buttons = QDialogButtonBox(self)
        self.sign_button = QPushButton(self)
        self.sign_button.setObjectName("signButton")
        self.sign_button.clicked.connect(self._sign)
        self.buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("closeButton")
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    # --- content -----------------------------------------------------------------
    def show_missing(self, items: Sequence[tuple[object, str]]) -> None:
        """``items`` are (MissingItem, translated line) pairs."""
        self._missing = list(items)
        self._distribution = None
        self.missing_list.clear()
        link = QFont(self.missing_list.font())
        link.setUnderline(True)
        for item, text in self._missing:
            row = QListWidgetItem(text, self.missing_list)
            row.setData(ITEM_ROLE, item)
            row.setFont(link)
            row.setForeground(QColor("#175cd3"))
        self.pages.setCurrentIndex(0)
        self.sign_button.setEnabled(False)
        self.sign_button.setVisible(False)
        self.retranslate()

    def show_distribution(self, distribution: Distribution, projects: int, *,
                          confirm_conflicts: bool = False) -> None:
        """``confirm_conflicts``: signing needs the conflicts-complete confirmation."""
        self._missing = []
        self._distribution = distribution
        self._projects = projects
        self.pages.setCurrentIndex(1)
        self.conflicts_check.setChecked(False)
        self.conflicts_check.setVisible(confirm_conflicts)
        self.sign_button.setVisible(True)
        self._update_sign()
        self.retranslate()

    @property
    def conflicts_confirmed(self) -> bool:
        return self.conflicts_check.isHidden() or self.conflicts_check.isChecked()

    def _update_sign(self) -> None:
        self.sign_button.setEnabled(self._distribution is not None and self.conflicts_confirmed)

    def set_english(self, english: bool) -> None:
        self.english = english
        self.retranslate()

    # --- language ------------------------------------------------------------------
    def _series_name(self, series: Series) -> str:
        if series.key == "total":
            return self.tr("Total")
        return series.name_en if self.english else series.name

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Finalize review"))
        self.missing_list.setAccessibleName(self.tr("Items still to complete"))
        self.table.setAccessibleName(self.tr("Your score distribution"))
        self.sign_button.setText(self.tr("Sign and export…"))
        self.conflicts_check.setText(self.tr("I confirm that I have declared every conflict of "
                                             "interest I have with the projects of this "
                                             "package, completely and truthfully."))
        self.close_button.setText(self.tr("Close"))
        if self._distribution is None:
            self.summary.setText(
                self.tr("%1 item(s) must be completed before you can sign. Click an item to "
                        "go there.").replace("%1", str(len(self._missing))))
            return
        dist = self._distribution
        self.summary.setText(
            self.tr("All %1 projects are complete (%2 with a declared conflict). Check your "
                    "own score distribution below, then sign.")
            .replace("%1", str(self._projects)).replace("%2", str(dist.conflicts)))
        self.chart_hint.setText(
            self.tr("Each dot is one of your projects; the orange line is your mean. Hover a "
                    "dot to see which projects it stands for. Only your own scores are shown."))
        series = [*dist.criteria, dist.totals]
        self.chart.set_rows([(self._series_name(s), s) for s in series])
        headers = [self.tr("Criterion"), self.tr("Projects"), self.tr("Lowest"),
                   self.tr("Mean"), self.tr("Highest"), self.tr("Maximum")]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(series))
        for row, s in enumerate(series):
            cells = [self._series_name(s), str(len(s.points)),
                     *(decimal_str(v) if v is not None else "—"
                       for v in (s.minimum(), s.mean(), s.top())),
                     decimal_str(s.maximum)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        flat = [self._series_name(s) for s in dist.criteria if s.flat()]
        self.warnings.setText(
            self.tr("You gave every project the same score for: %1. Is that intended?")
            .replace("%1", "、".join(flat) if not self.english else ", ".join(flat))
            if flat else "")
        self.warnings.setVisible(bool(flat))

    # --- actions -------------------------------------------------------------------
    def _activated(self, row: QListWidgetItem) -> None:
        item = row.data(ITEM_ROLE)
        self.accept()
        self.goTo.emit(item)

    def _sign(self) -> None:
        if not self.conflicts_confirmed:
            return
        self.accept()
        self.signRequested.emit()


def missing_line(item: object, projects: Mapping[str, Mapping], criterion_name: str,
                 band_name: str = "") -> str:
    """The translated line for one MissingItem, naming the project and the criterion
    (and, for a comment a band requires, the score and the band)."""
    pid = getattr(item, "project_id", "")
    title = str(projects.get(pid, {}).get("project_title", ""))
    head = f"{pid} · {title}" if title else pid
    kind = getattr(item, "kind", "")
    texts = {
        "score": QCoreApplication.translate(
            "FinalizeDialog", "%1 — no score for “%2”"),
        "invalid_score": QCoreApplication.translate(
            "FinalizeDialog", "%1 — the score for “%2” is not valid"),
        "comment_required": QCoreApplication.translate(
            "FinalizeDialog", "%1 — a score in this band for “%2” needs a comment"),
        "conflict_reason": QCoreApplication.translate(
            "FinalizeDialog", "%1 — a declared conflict needs a reason"),
        "conflict_category": QCoreApplication.translate(
            "FinalizeDialog", "%1 — a declared conflict needs its kind"),
        "hint": QCoreApplication.translate(
            "FinalizeDialog", "%1 — answer the possible conflict of interest first"),
        "checklist": QCoreApplication.translate(
            "FinalizeDialog", "%1 — inspection checklist item “%2” is not answered"),
        "reason": QCoreApplication.translate(
            "FinalizeDialog", "%1 — the second round needs a reason for your score"),
    }
    score = getattr(item, "score", None)
    if kind == "comment_required" and band_name and score is not None:
        return QCoreApplication.translate(
            "FinalizeDialog", "%1 — “%2” %3 points is in the band “%4”: a comment is required"
        ).replace("%1", head).replace("%2", criterion_name).replace(
            "%3", decimal_str(score)).replace("%4", band_name)
    text = texts.get(kind, "%1 — %2")
    return text.replace("%1", head).replace("%2", criterion_name or getattr(item, "detail", ""))
