"""The desk's table views: read-only, sortable, plain text, one line a row.

Two models feed them today — desk-a's record tables (``RecordTableModel``, the
intake and packages pages) and desk-b's row tables (``RowsFilter``, the merge,
results and 公示 pages); they are to become one.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from reviewer_app.gui.widgets.record_table import RecordFilterProxy, RecordTableModel
from reviewer_app.gui.widgets.row_table import RowsFilter


def _read_only(view: QTableView) -> None:
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Qt starts descending
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)  # one line a row; the whole text is the tooltip
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)


def record_view(name: str, model: RecordTableModel, parent: QWidget, *,
                sortable: bool = True) -> tuple[QTableView, RecordFilterProxy]:
    """A read-only table view named ``name`` over ``model`` through a sort/filter proxy."""
    proxy = RecordFilterProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(proxy)
    _read_only(view)
    view.setSortingEnabled(sortable)
    if not sortable:
        proxy.sort(-1)  # the model's own order (the round's steps), not column 0's
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return view, proxy


def table_view(parent: QWidget, name: str, model: RowsFilter) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    _read_only(view)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


def widen(view: QTableView, digits: Mapping[int, int]) -> None:
    """Give columns room for about ``digits`` characters each (titles, names)."""
    unit = view.fontMetrics().horizontalAdvance("0")
    for column, count in digits.items():
        view.setColumnWidth(column, unit * count)


def plain_label_text(label, text: str) -> None:
    """Outside text in a label, never read as HTML."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)


def local_time(value) -> str:
    """A stored time (UTC; SQLite hands it back naive) as officials read it: Beijing time."""
    import datetime as dt

    from reviewer_app.core.dates import CST

    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return f"{value.astimezone(CST):%Y-%m-%d %H:%M}"
