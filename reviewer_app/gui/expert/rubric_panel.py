"""The rubric panel, built from the package's rubric (nothing about criteria is hard-coded).

Edits leave as :class:`FieldChange` objects through :attr:`RubricPanel.changed`;
the main window keeps the session in memory and hands them to the autosave.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.decimals import decimal_str
from reviewer_app.core.errors import ScoreError
from reviewer_app.core.rubric import Criterion, Rubric
from reviewer_app.core.score_input import (
    ScoreTextError,
    ScoreTextProblem,
    parse_score_text,
    read_score,
)
from reviewer_app.gui.expert.session import storage
from reviewer_app.gui.i18n import Retranslating
from reviewer_app.gui.widgets.wheel import WheelScrollsComboBox

if TYPE_CHECKING:
    from reviewer_app.storage.workspace import EvidenceLink, ProjectState

RECOMMENDATIONS = ("", "recommend", "conditional", "not_recommended")
ERROR_STYLE = "color: #b42318;"


def _named(widget: QWidget, name: str) -> QWidget:
    """Set the objectName (for tests); the accessible name is the translated label,
    set by ``retranslate`` -- a screen reader must not announce "scoreInput.advancement"."""
    widget.setObjectName(name)
    return widget


class ScoreEdit(QLineEdit):
    """A score field: empty means "not yet scored" (distinct from 0); arrows step."""

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        # No validator: one that drops characters turns "2。5" into 25 and "-3" into 3.
        # What is typed stays as typed; core.score_input reads it or the field says why not.
        self.setMaxLength(16)
        self.setMaximumWidth(80)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def step_by(self, steps: int) -> None:
        try:
            value = parse_score_text(self.text())
        except ScoreTextError:
            return  # the field already says why it cannot be read; do not overwrite it
        step = self.criterion.step
        if value is None:
            value = Decimal(0) if steps > 0 else self.criterion.max
        else:
            value = (value // step) * step + step * steps
        value = min(max(value, Decimal(0)), self.criterion.max)
        self.setText(decimal_str(value))
        self.textEdited.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Up:
            self.step_by(+1)
        elif event.key() == Qt.Key.Key_Down:
            self.step_by(-1)
        else:
            super().keyPressEvent(event)


class CriterionEditor(QFrame):
    """Name, maximum, collapsible banded anchors, score and comment of one criterion."""

    def __init__(self, criterion: Criterion, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self.number = number
        self.setObjectName(f"criterion.{criterion.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name_label = QLabel(self)
        self.name_label.setStyleSheet("font-weight: 600;")
        self.name_label.setWordWrap(True)
        self.anchors_button = QToolButton(self)
        self.anchors_button.setObjectName(f"anchorsButton.{criterion.id}")
        self.anchors_button.setCheckable(True)
        self.anchors_button.setAutoRaise(True)
        self.anchors_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.anchors_button.toggled.connect(self._toggle_anchors)
        self.anchors = QLabel(self)
        self.anchors.setObjectName(f"anchors.{criterion.id}")
        self.anchors.setWordWrap(True)
        self.anchors.setTextFormat(Qt.TextFormat.RichText)
        self.anchors.setVisible(False)
        self.anchors.setStyleSheet("background: #f6f8fa; padding: 6px; border-radius: 4px;")
        self.score_label = QLabel(self)
        self.score = _named(ScoreEdit(criterion, self), f"scoreInput.{criterion.id}")
        self.score_label.setBuddy(self.score)
        self.max_label = QLabel(self)
        self.band_label = QLabel(self)
        self.band_label.setObjectName(f"bandLabel.{criterion.id}")
        self.band_label.setStyleSheet("color: #475467;")
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.comment = _named(QPlainTextEdit(self), f"comment.{criterion.id}")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(64)

        head = QHBoxLayout()
        head.addWidget(self.name_label, 1)
        head.addWidget(self.anchors_button)
        row = QHBoxLayout()
        row.addWidget(self.score_label)
        row.addWidget(self.score)
        row.addWidget(self.max_label)
        row.addSpacing(8)
        row.addWidget(self.band_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.anchors)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.comment)

    def _toggle_anchors(self, shown: bool) -> None:
        self.anchors.setVisible(shown)
        self.anchors_button.setArrowType(Qt.ArrowType.DownArrow if shown
                                         else Qt.ArrowType.RightArrow)

    def retranslate(self, english: bool) -> None:
        c = self.criterion
        name = c.name_en if english else c.name
        self.name_label.setText(self.tr("%1. %2 (max %3 points)").replace("%1", str(self.number))
                                .replace("%2", name).replace("%3", decimal_str(c.max)))
        self.anchors_button.setText(self.tr("Scoring anchors"))
        self._toggle_anchors(self.anchors_button.isChecked())
        self.score_label.setText(self.tr("Score:"))
        self.max_label.setText(self.tr("/ %1, step %2").replace("%1", decimal_str(c.max))
                               .replace("%2", decimal_str(c.step)))
        self.score.setPlaceholderText(self.tr("not scored"))
        self.comment.setPlaceholderText(self.tr("Comment on this criterion"))
        self.score.setAccessibleName(self.tr("Score for %1").replace("%1", name))
        self.comment.setAccessibleName(self.tr("Comment on %1").replace("%1", name))
        self.anchors_button.setAccessibleName(
            self.tr("Scoring anchors for %1").replace("%1", name))
        rows = []
        guidance = c.guidance_en if english else c.guidance
        if guidance:
            rows.append(f"<p>{_escape(guidance)}</p>")
        if c.sub_items:
            items = "; ".join(f"{_escape(s.name_en if english else s.name)} "
                              f"({decimal_str(s.max)})" for s in c.sub_items)
            label = self.tr("Sub-items:")
            rows.append(f"<p><i>{_escape(label)}</i> {items}</p>")
        for band in sorted(c.bands, key=lambda b: b.min, reverse=True):
            text = band.guidance_en if english else band.guidance
            rows.append(f"<p><b>{decimal_str(band.min)}–{decimal_str(band.max)} "
                        f"{_escape(band.name_en if english else band.name)}</b>"
                        f"{'：' if not english else ': '}{_escape(text)}</p>")
        self.anchors.setText("".join(rows) or _escape(self.tr("No anchors given.")))
        self.update_band(english)

    def update_band(self, english: bool) -> None:
        """Show which band the score falls in, or why it is not accepted."""
        self.error_label.setVisible(False)
        self.band_label.setText("")
        try:
            value = parse_score_text(self.score.text())
        except ScoreTextError as exc:
            self.error_label.setText(self._refusal(exc.problem))
            self.error_label.setVisible(True)
            return
        if value is None:
            return
        try:
            value = Rubric((self.criterion,)).validate_score(self.criterion.id, value)
        except ScoreError:
            self.error_label.setText(
                self.tr("Enter a multiple of %1 between 0 and %2.")
                .replace("%1", decimal_str(self.criterion.step))
                .replace("%2", decimal_str(self.criterion.max)))
            self.error_label.setVisible(True)
            return
        band = self.criterion.band_for(value)
        if band is not None:
            self.band_label.setText(band.name_en if english else band.name)


    def _refusal(self, problem: ScoreTextProblem) -> str:
        if problem is ScoreTextProblem.NEGATIVE:
            return self.tr("A score cannot be negative; nothing was saved.")
        if problem is ScoreTextProblem.SIGNED:
            return self.tr("Enter the score without a sign; nothing was saved.")
        return self.tr("“%1” is not a number; enter digits and a decimal point. "
                       "Nothing was saved.").replace("%1", self.score.text())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class RubricPanel(Retranslating, QScrollArea):
    """Everything the expert enters for the selected project."""

    changed = Signal(object)            # FieldChange
    evidenceActivated = Signal(int, int)  # member_id, page index (0-based)
    evidenceRemoved = Signal(object)     # EvidenceLink

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rubricPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rubric: Rubric | None = None
        self.project_id: str | None = None
        self.english = False
        self._loading = False
        self.editors: dict[str, CriterionEditor] = {}
        self._member_titles: dict[int, str] = {}

        body = QWidget(self)
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.setSpacing(8)

        self.conflict_box = QGroupBox(body)
        self.conflict_check = _named(QCheckBox(self.conflict_box), "conflictCheck")
        self.conflict_reason = _named(QLineEdit(self.conflict_box), "conflictReason")
        # Manifest format 4: the category of a declared conflict (hidden for older packages).
        self.conflict_category = _named(WheelScrollsComboBox(self.conflict_box),
                                        "conflictCategory")
        self.conflict_category.currentIndexChanged.connect(self._on_category)
        self.conflict_hint = QLabel(self.conflict_box)
        self.conflict_hint.setWordWrap(True)
        self.conflict_hint.setStyleSheet("color: #7048e8;")
        conflict_layout = QVBoxLayout(self.conflict_box)
        conflict_layout.addWidget(self.conflict_check)
        conflict_layout.addWidget(self.conflict_category)
        conflict_layout.addWidget(self.conflict_reason)
        conflict_layout.addWidget(self.conflict_hint)
        self.conflict_check.toggled.connect(self._on_conflict)
        self.conflict_reason.textEdited.connect(
            lambda text: self._emit("conflict_reason", text))
        self._layout.addWidget(self.conflict_box)

        from reviewer_app.gui.expert.first_round_panel import FirstRoundPanel

        self.first_round = FirstRoundPanel(
            lambda text: self._emit("second_round_reason", text), body)
        self._layout.addWidget(self.first_round)

        self.criteria_box = QWidget(body)
        self._criteria_layout = QVBoxLayout(self.criteria_box)
        self._criteria_layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.criteria_box)

        self.summary_box = QGroupBox(body)
        self.total_label = _named(QLabel(self.summary_box), "totalLabel")
        self.total_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.overall_label = QLabel(self.summary_box)
        self.overall_comment = _named(QPlainTextEdit(self.summary_box), "overallComment")
        self.overall_comment.setTabChangesFocus(True)
        self.overall_comment.setFixedHeight(90)
        self.overall_label.setBuddy(self.overall_comment)
        self.overall_comment.textChanged.connect(
            lambda: self._emit("overall_comment", self.overall_comment.toPlainText()))
        self.recommendation_label = QLabel(self.summary_box)
        self.recommendation = _named(WheelScrollsComboBox(self.summary_box),
                                     "recommendationCombo")
        for code in RECOMMENDATIONS:
            self.recommendation.addItem("", code)
        self.recommendation.currentIndexChanged.connect(
            lambda _i: self._emit("recommendation", self.recommendation.currentData()))
        self.recommendation_label.setBuddy(self.recommendation)
        grid = QGridLayout(self.summary_box)
        grid.addWidget(self.total_label, 0, 0, 1, 2)
        grid.addWidget(self.recommendation_label, 1, 0)
        grid.addWidget(self.recommendation, 1, 1)
        grid.addWidget(self.overall_label, 2, 0, 1, 2)
        grid.addWidget(self.overall_comment, 3, 0, 1, 2)
        self._layout.addWidget(self.summary_box)

        self.evidence_box = QGroupBox(body)
        self.evidence_list = _named(QListWidget(self.evidence_box), "evidenceList")
        self.evidence_list.setMaximumHeight(110)
        self.evidence_list.itemActivated.connect(self._on_evidence_activated)
        self.evidence_list.itemClicked.connect(self._on_evidence_activated)
        self.remove_evidence_button = QPushButton(self.evidence_box)
        self.remove_evidence_button.setObjectName("removeEvidenceButton")
        self.remove_evidence_button.clicked.connect(self._remove_selected_evidence)
        self.evidence_hint = QLabel(self.evidence_box)
        self.evidence_hint.setWordWrap(True)
        self.evidence_hint.setStyleSheet("color: #475467;")
        ev_layout = QVBoxLayout(self.evidence_box)
        ev_layout.addWidget(self.evidence_hint)
        ev_layout.addWidget(self.evidence_list)
        ev_layout.addWidget(self.remove_evidence_button, 0, Qt.AlignmentFlag.AlignRight)
        self._layout.addWidget(self.evidence_box)
        self._layout.addStretch(1)
        self.setWidget(body)
        self.setEnabled(False)
        self.retranslate()

    # --- building ---------------------------------------------------------------
    def set_rubric(self, rubric: Rubric | None, member_titles: dict[int, str]) -> None:
        for editor in self.editors.values():
            editor.deleteLater()
        self.editors.clear()
        self.rubric = rubric
        self._member_titles = member_titles
        if rubric is not None:
            for number, criterion in enumerate(rubric.criteria, start=1):
                editor = CriterionEditor(criterion, number, self.criteria_box)
                editor.score.textEdited.connect(
                    lambda text, c=criterion.id: self._on_score(c, text))
                editor.comment.textChanged.connect(
                    lambda c=criterion.id: self._emit(
                        "comment", self.editors[c].comment.toPlainText(), c))
                self._criteria_layout.addWidget(editor)
                self.editors[criterion.id] = editor
        self._chain_tab_order()
        self.project_id = None
        self.setEnabled(False)
        self.retranslate()

    def _chain_tab_order(self) -> None:
        """Tab walks the form top to bottom. Editors are built after the summary box, so
        Qt's default (creation) order would skip recommendation and overall comment."""
        chain: list[QWidget] = [self.conflict_check, self.conflict_category,
                                self.conflict_reason, self.first_round.reason]
        for editor in self.editors.values():
            chain += [editor.anchors_button, editor.score, editor.comment]
        chain += [self.recommendation, self.overall_comment, self.evidence_list,
                  self.remove_evidence_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def set_conflict_categories(self, categories: dict[str, str]) -> None:
        """The package's conflict categories (id -> name; {} for manifest formats 1 to 3,
        whose conflicts have none: the combo is hidden)."""
        self._loading = True
        try:
            self.conflict_category.clear()
            self.conflict_category.addItem("", None)
            for category_id, name in categories.items():
                self.conflict_category.addItem(name, category_id)
        finally:
            self._loading = False
        self.conflict_category.setVisible(bool(categories))
        self.retranslate()

    def _on_category(self, _index: int) -> None:
        self._emit("conflict_category", self.conflict_category.currentData())

    def set_member_titles(self, titles: dict[int, str]) -> None:
        self._member_titles = titles

    def set_english(self, english: bool) -> None:
        self.english = english
        self.first_round.set_english(english, self._criterion_names())
        self.retranslate()

    def set_second_round(self, view) -> None:
        """A second-round package's view (sheets.first_round.SecondRoundView), or None."""
        self.first_round.set_view(view, self._criterion_names())

    def _criterion_names(self) -> dict[str, str]:
        if self.rubric is None:
            return {}
        return {c.id: c.name_en if self.english else c.name for c in self.rubric.criteria}

    def retranslate(self) -> None:
        self.conflict_box.setTitle(self.tr("Conflict of interest"))
        self.conflict_check.setText(self.tr("I declare a conflict of interest with this project"))
        self.conflict_reason.setPlaceholderText(self.tr("Reason (required when declaring)"))
        if self.conflict_category.count():
            self.conflict_category.setItemText(0, self.tr("(choose the kind of conflict)"))
        self.conflict_category.setAccessibleName(self.tr("Kind of conflict of interest"))
        self.conflict_hint.setText(self.tr("Scoring is disabled: your review of this project "
                                           "will not be counted."))
        self.summary_box.setTitle(self.tr("Summary"))
        self.overall_label.setText(self.tr("Overall comment:"))
        self.recommendation_label.setText(self.tr("Recommendation:"))
        names = {"": self.tr("(none)"), "recommend": self.tr("Recommend funding"),
                 "conditional": self.tr("Recommend with conditions"),
                 "not_recommended": self.tr("Do not recommend")}
        for i, code in enumerate(RECOMMENDATIONS):
            self.recommendation.setItemText(i, names[code])
        self.overall_comment.setPlaceholderText(self.tr("Overall assessment of the project"))
        self.overall_comment.setAccessibleName(self.tr("Overall comment"))
        self.recommendation.setAccessibleName(self.tr("Recommendation"))
        self.conflict_reason.setAccessibleName(self.tr("Reason for the conflict of interest"))
        self.evidence_list.setAccessibleName(self.tr("Evidence links"))
        self.total_label.setAccessibleName(self.tr("Total score"))
        self.evidence_box.setTitle(self.tr("Evidence links"))
        self.evidence_hint.setText(self.tr("While reading, use “Attach page” to link the page "
                                           "on screen to a criterion. Click a link to jump "
                                           "to its page."))
        self.remove_evidence_button.setText(self.tr("Remove link"))
        for editor in self.editors.values():
            editor.retranslate(self.english)
        self._update_total()
        self._update_conflict_state()
        if self.project_id is not None and self.rubric is not None:
            self._refresh_evidence_texts()

    # --- loading a project -----------------------------------------------------
    def load(self, project_id: str | None, state: ProjectState | None) -> None:
        """Show a project's entries (or nothing); emits no changes while loading."""
        self._loading = True
        try:
            self.project_id = project_id
            state = state or storage().ProjectState(project_id or "")
            for cid, editor in self.editors.items():
                editor.score.setText(state.scores.get(cid, ""))
                editor.comment.setPlainText(state.comments.get(cid, ""))
                editor.update_band(self.english)
            self.conflict_check.setChecked(state.conflict_declared)
            self.conflict_reason.setText(state.conflict_reason)
            category = self.conflict_category.findData(
                getattr(state, "conflict_category", None) or None)
            self.conflict_category.setCurrentIndex(max(0, category))
            self.overall_comment.setPlainText(state.overall_comment)
            index = self.recommendation.findData(state.recommendation)
            self.recommendation.setCurrentIndex(max(0, index))
            self.set_evidence(state.evidence)
            self.first_round.show_project(project_id, state.second_round_reason)
        finally:
            self._loading = False
        self.setEnabled(project_id is not None)
        self._update_total()
        self._update_conflict_state()
        self.verticalScrollBar().setValue(0)

    def set_evidence(self, links: list[EvidenceLink]) -> None:
        self.evidence_list.clear()
        for link in links:
            item = QListWidgetItem(self.evidence_list)
            item.setData(Qt.ItemDataRole.UserRole, link)
        self._refresh_evidence_texts()

    def _refresh_evidence_texts(self) -> None:
        for row in range(self.evidence_list.count()):
            item = self.evidence_list.item(row)
            link: EvidenceLink = item.data(Qt.ItemDataRole.UserRole)
            name = link.criterion_id
            if self.rubric is not None and link.criterion_id in self.rubric.criterion_ids:
                criterion = self.rubric.criterion(link.criterion_id)
                name = criterion.name_en if self.english else criterion.name
            title = self._member_titles.get(link.member_id, str(link.member_id))
            item.setText(self.tr("%1 — %2, page %3").replace("%1", name).replace("%2", title)
                         .replace("%3", str(link.page)))
        self.remove_evidence_button.setEnabled(self.evidence_list.count() > 0)

    def focus_criterion(self, number: int) -> bool:
        """Put the cursor in the score of criterion ``number`` (1-based)."""
        editors = list(self.editors.values())
        if not 1 <= number <= len(editors) or not editors[number - 1].score.isEnabled():
            return False
        editor = editors[number - 1]
        self.ensureWidgetVisible(editor)
        editor.score.setFocus(Qt.FocusReason.ShortcutFocusReason)
        editor.score.selectAll()
        return True

    def current_criterion(self) -> str | None:
        """The criterion whose score or comment has (or last had) the focus."""
        for cid, editor in self.editors.items():
            if editor.isAncestorOf(self.focusWidget() or self):
                return cid
        return None

    # --- edits --------------------------------------------------------------------
    def _emit(self, field_name: str, value, criterion_id: str | None = None) -> None:
        if self._loading or self.project_id is None:
            return
        self.changed.emit(storage().FieldChange(self.project_id, field_name, value,
                                                criterion_id))

    def _on_score(self, criterion_id: str, text: str) -> None:
        editor = self.editors[criterion_id]
        editor.update_band(self.english)
        assert self.rubric is not None
        try:
            value = read_score(self.rubric, criterion_id, text)
        except ScoreError:
            return  # shown beside the field; the last valid value stays saved
        self._emit("score", None if value is None else decimal_str(value), criterion_id)
        self._update_total()

    def _on_conflict(self, declared: bool) -> None:
        self._update_conflict_state()
        self._emit("conflict_declared", declared)

    def _update_conflict_state(self) -> None:
        declared = self.conflict_check.isChecked()
        self.conflict_reason.setEnabled(declared)
        self.conflict_category.setEnabled(declared)
        self.conflict_hint.setVisible(declared)
        for widget in (self.criteria_box, self.overall_comment, self.recommendation):
            widget.setEnabled(not declared)

    def _update_total(self) -> None:
        if self.rubric is None:
            self.total_label.setText("")
            return
        scores = {}
        for cid, editor in self.editors.items():
            try:
                value = read_score(self.rubric, cid, editor.score.text())
            except ScoreError:
                continue
            if value is not None:
                scores[cid] = value
        total = decimal_str(self.rubric.total(scores)) if scores else "—"
        self.total_label.setText(
            self.tr("Total: %1 / %2 (%3 of %4 criteria scored)")
            .replace("%1", total).replace("%2", decimal_str(self.rubric.total_max))
            .replace("%3", str(len(scores))).replace("%4", str(len(self.editors))))

    def _on_evidence_activated(self, item: QListWidgetItem) -> None:
        link: EvidenceLink = item.data(Qt.ItemDataRole.UserRole)
        self.evidenceActivated.emit(link.member_id, link.page - 1)  # links are 1-based

    def _remove_selected_evidence(self) -> None:
        item = self.evidence_list.currentItem()
        if item is None:
            return
        link = item.data(Qt.ItemDataRole.UserRole)
        self.evidence_list.takeItem(self.evidence_list.row(item))
        self._refresh_evidence_texts()
        self.evidenceRemoved.emit(link)
