"""A read-only table of many rows: a model of plain-text cells with sort keys, and a
proxy that filters by text and by a predicate on each row's payload.

Cells are shown as plain text by the item delegate (never as rich text), so text
from outside — an applicant's name, a file name on a stick — shows as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

SORT_ROLE = Qt.ItemDataRole.UserRole
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Cell:
    text: str
    key: float | str | None = None   # sort key; None sorts by the text

    def sort_key(self) -> float | str:
        return self.text if self.key is None else self.key


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    payload: Any = None
    tooltip: str = ""


def number(value: Any, text: str | None = None, *, missing: float = float("-inf")) -> Cell:
    """A numeric cell: ``value`` (None: empty, sorted as ``missing``) shown as ``text``."""
    if value is None:
        return Cell("" if text is None else text, missing)
    return Cell(str(value) if text is None else text, float(value))


class RowsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[Row] = []

    def set_headers(self, headers: Sequence[str]) -> None:
        if len(headers) != len(self._headers):
            self.beginResetModel()
            self._headers = list(headers)
            self.endResetModel()
            return
        self._headers = list(headers)
        if headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> Row:
        return self._rows[index]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if index.column() >= len(row.cells):
            return None
        cell = row.cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == SORT_ROLE:
            return cell.sort_key()
        if role == PAYLOAD_ROLE:
            return row.payload
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or cell.text or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and section < len(self._headers)):
            return self._headers[section]
        return super().headerData(section, orientation, role)


class RowsFilter(QSortFilterProxyModel):
    """Sorts by each cell's key (compared by Qt itself: the keys of one column are
    all numbers or all text, so no Python comparison runs per pair); keeps the rows
    whose text contains the filter text (any column, case-insensitive) and whose
    payload passes the predicate."""

    def __init__(self, source: RowsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._predicate: Callable[[Any], bool] | None = None

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        from reviewer_app.gui.widgets.record_table import change_filter

        change_filter(self, lambda: setattr(self, "_predicate", predicate))

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._predicate is not None:
            model = self.sourceModel()
            assert isinstance(model, RowsModel)
            if not self._predicate(model.row(source_row).payload):
                return False
        return super().filterAcceptsRow(source_row, source_parent)
