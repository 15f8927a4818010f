"""第二轮复议 beside the rubric: the expert's own first-round total and criteria, the
anonymised first-round distribution (min / median / max) and the required reason
for the re-score (docs/guide-expert.md "第二轮复议").

What is shown comes from :class:`reviewer_app.sheets.first_round.SecondRoundView`;
whether the reason is missing is :func:`reviewer_app.sheets.build.missing_items`'
business (the finalize dialog lists it), not this widget's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reviewer_app.core.decimals import decimal_str


class FirstRoundPanel(QGroupBox):
    """Hidden unless the open package is a second round."""

    def __init__(self, on_reason: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRoundPanel")
        self.setStyleSheet("QGroupBox#firstRoundPanel { background: #fff8e6; }")
        self.view: Any = None
        self.project_id: str | None = None
        self.english = False
        self._criterion_names: dict[str, str] = {}
        self.own_label = QLabel(self)
        self.own_label.setObjectName("firstRoundOwn")
        self.own_label.setWordWrap(True)
        self.criteria_label = QLabel(self)
        self.criteria_label.setObjectName("firstRoundCriteria")
        self.criteria_label.setWordWrap(True)
        self.criteria_label.setStyleSheet("color: #475467;")
        self.distribution_label = QLabel(self)
        self.distribution_label.setObjectName("firstRoundDistribution")
        self.distribution_label.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("secondRoundReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(64)
        self.reason_label.setBuddy(self.reason)
        self._loading = False
        self.reason.textChanged.connect(
            lambda: None if self._loading else on_reason(self.reason.toPlainText()))
        layout = QVBoxLayout(self)
        for widget in (self.own_label, self.criteria_label, self.distribution_label,
                       self.reason_label, self.reason):
            if isinstance(widget, QLabel):
                # Package text is hostile: never rich text, a link or an image.
                widget.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(widget)
        self.setVisible(False)
        self.retranslate()

    def set_view(self, view: Any, criterion_names: dict[str, str]) -> None:
        """The session's second round (None: not a second-round package)."""
        self.view = view
        self._criterion_names = criterion_names
        self.show_project(None, "")

    def show_project(self, project_id: str | None, reason: str) -> None:
        self.project_id = project_id
        self._loading = True
        try:
            self.reason.setPlainText(reason)
        finally:
            self._loading = False
        self.setVisible(self.view is not None and project_id is not None)
        self.retranslate()

    def set_english(self, english: bool, criterion_names: dict[str, str]) -> None:
        self.english = english
        self._criterion_names = criterion_names
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Second round: your first-round score"))
        self.reason_label.setText(self.tr("Reason for your second-round score (required):"))
        self.reason.setPlaceholderText(self.tr("Why you keep or change your score"))
        self.reason.setAccessibleName(self.tr("Reason for your second-round score"))
        view, pid = self.view, self.project_id
        if view is None or pid is None:
            for label in (self.own_label, self.criteria_label, self.distribution_label):
                label.setText("")
            return
        own = view.own.get(pid) if view.own is not None else None
        if own is not None:
            self.own_label.setText(self.tr("Your first-round total: %1")
                                   .replace("%1", decimal_str(own.total)))
            # In the rubric's order (the sealed member sorts its scores by id).
            order = [c for c in self._criterion_names if c in own.scores]
            order += sorted(c for c in own.scores if c not in self._criterion_names)
            self.criteria_label.setText("；".join(
                f"{self._criterion_names.get(cid, cid)} {decimal_str(own.scores[cid])}"
                for cid in order))
        else:
            self.own_label.setText(self.tr("Your first-round scores cannot be shown: %1")
                                   .replace("%1", view.error or "—"))
            self.criteria_label.setText("")
        dist = view.distribution.get(pid)
        if dist:
            self.distribution_label.setText(
                self.tr("Panel in the first round (%1 valid reviews, anonymous): "
                        "lowest %2, median %3, highest %4")
                .replace("%1", _short(dist.get("count"))).replace("%2", _short(dist.get("min")))
                .replace("%3", _short(dist.get("median")))
                .replace("%4", _short(dist.get("max"))))
        else:
            self.distribution_label.setText("")


def _short(value: object) -> str:
    """A figure of the (signed, but outside) manifest, as at most 16 plain characters."""
    text = "".join(ch for ch in str(value) if ch.isprintable())
    return text[:16] or "—"
