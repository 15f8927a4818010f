"""The desk's tables: read-only, sortable views over a RowsFilter, one line a row."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from reviewer_app.gui.widgets.row_table import RowsFilter


def table_view(parent: QWidget, name: str, model: RowsFilter) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Qt starts descending
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)  # one line a row; the whole text is the tooltip
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def widen(view: QTableView, digits: Mapping[int, int]) -> None:
    """Give columns room for about ``digits`` characters each (titles, names)."""
    unit = view.fontMetrics().horizontalAdvance("0")
    for column, count in digits.items():
        view.setColumnWidth(column, unit * count)
