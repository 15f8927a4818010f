"""本轮预算（元）: the budget given to this round at the desk, what ``reviewer-admin
results --budget YUAN`` gives at the command line.

Empty: the default, the program's annual budget less the year's prior awards (shown as
the placeholder). The text is read by ``core.decimals.parse_money``, the rule of the
command line's ``--budget``; a value it refuses is said on the page and changes
nothing (the text stays, to be corrected). A value it accepts becomes the session's
``DeskContext.round_budget``. Once a 公示 period is open the budget it put on notice
rules (the award plan is computed with it): the field shows that budget, read-only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from reviewer_app.gui.desk.context import DeskContext
from reviewer_app.gui.desk.results_view import yuan
from reviewer_app.gui.i18n import Retranslating


class RoundBudgetField(Retranslating, QWidget):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roundBudgetField")
        self.context = context
        self.default: Decimal | None = None   # the budget when none is given, once known
        self.published: Any = None            # the open 公示 period, or None
        self._typed = ""                      # the user's text while a period rules

        self.label = QLabel(self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("roundBudgetEdit")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(220)
        self.label.setBuddy(self.edit)
        self.message = QLabel(self)
        self.message.setObjectName("roundBudgetMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)   # the user's text, quoted
        self.message.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.edit)
        row.addWidget(self.message, 1)
        self.edit.editingFinished.connect(self.apply)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Budget for this round (CNY):"))
        self.edit.setAccessibleName(self.tr("Budget for this round (CNY)"))
        self.message.setAccessibleName(self.tr("Budget for this round: state"))
        self._show_state()

    # --- what the results say ----------------------------------------------------------
    def set_default(self, default: Decimal) -> None:
        """The budget when none is given (``Results.remaining_annual``)."""
        self.default = default
        self._show_state()

    def set_period(self, published: Any) -> None:
        """The open 公示 period (``central.publicity.Published``) or None."""
        if published is not None and self.published is None:
            self._typed = self.edit.text()
        elif published is None and self.published is not None:
            self.edit.setText(self._typed)
        self.published = published
        self._show_state()

    def _show_state(self) -> None:
        if self.default is None:
            self.edit.setPlaceholderText(self.tr("Default: the annual budget less prior "
                                                 "awards"))
        else:
            self.edit.setPlaceholderText(self.tr("Default: %1 (budget left)")
                                         .replace("%1", yuan(self.default)))
        if self.published is None:
            self.edit.setEnabled(True)
            self.edit.setToolTip(self.tr(
                "Empty: the program's annual budget less this year's prior awards. "
                "Press Enter to recompute the results with the budget given."))
            return
        budget = self.published.document["budget"]
        self.edit.setText(yuan(Decimal(budget["budget"])))
        self.edit.setEnabled(False)
        self.edit.setToolTip(self.tr(
            "A 公示 period is open: the results and the award plan are computed with the "
            "budget put on notice (%1 yuan), which cannot be changed here.")
            .replace("%1", yuan(Decimal(budget["budget"]))))
        self.message.setText(self.tr("Budget on notice: %1 yuan (%2).")
                             .replace("%1", yuan(Decimal(budget["budget"])))
                             .replace("%2", self.source_text(budget["source"])))

    def source_text(self, source: str) -> str:
        if source == "given":
            return self.tr("given for this round")
        return self.tr("the annual budget less prior awards")

    # --- the user's value ----------------------------------------------------------------
    def apply(self) -> None:
        """Read the field: a good value (or empty) becomes the round's budget; a bad one
        is refused on the page and the budget stays as it was."""
        from reviewer_app.core.decimals import NegativeAmount, parse_money

        if self.published is not None:
            return
        text = self.edit.text()
        try:
            budget = parse_money(text) if text.strip() else None
        except NegativeAmount:
            self._refuse(self.tr("The budget for this round cannot be negative: “%1”."), text)
            return
        except ValueError:
            self._refuse(self.tr("“%1” is not an amount in yuan: type digits, e.g. 3000000 "
                                 "or 3,000,000.50 (no 万 or 元)."), text)
            return
        if budget is None:
            self.message.setText(self.tr("No budget given: the results use the annual "
                                         "budget less prior awards."))
        else:
            self.message.setText(self.tr("Budget for this round: %1 yuan.")
                                 .replace("%1", yuan(budget)))
        self.context.set_round_budget(budget)

    def _refuse(self, sentence: str, text: str) -> None:
        current = self.context.round_budget
        kept = (self.tr("the annual budget less prior awards") if current is None
                else self.tr("%1 yuan").replace("%1", yuan(current)))
        self.message.setText(sentence.replace("%1", text.strip()) + " "
                             + self.tr("The results keep the budget %1.").replace("%1", kept))
