"""Table views the desk's pages share: sortable, plain-text, one row selected at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from reviewer_app.gui.widgets.record_table import RecordFilterProxy, RecordTableModel


def record_view(name: str, model: RecordTableModel, parent: QWidget, *,
                sortable: bool = True) -> tuple[QTableView, RecordFilterProxy]:
    """A read-only table view named ``name`` over ``model`` through a sort/filter proxy."""
    proxy = RecordFilterProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(sortable)
    if sortable:
        # Enabling sorting shows column 0 descending; rows read best in their own order.
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


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
