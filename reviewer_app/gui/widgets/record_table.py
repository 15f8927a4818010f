"""A read-only table of plain-text records for hundreds to thousands of rows: a
``QAbstractTableModel`` (no widget per cell) and a proxy that sorts and filters it.

Cells are shown as plain text: views paint ``DisplayRole`` strings literally, so an
applicant's ``<b>`` or ``<a href>`` stays text (never use a rich-text delegate here).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

DISPLAY = Qt.ItemDataRole.DisplayRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1   # a value that sorts right (numbers as numbers)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's record, for the page that owns it

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Rows of records, each shown through one function per column.

    Args:
        headers: returns the (translated) column titles; called again on retranslate.
        cells: ``cells(record)`` -> the row's texts, one per column.
        sort_keys: optional ``sort_keys(record)`` -> one sortable value per column.
    """

    def __init__(self, headers: Callable[[], Sequence[str]],
                 cells: Callable[[Any], Sequence[str]],
                 sort_keys: Callable[[Any], Sequence[Any]] | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self._headers_fn = headers
        self._headers = list(headers())
        self._cells = cells
        self._sort_keys = sort_keys
        self._records: list[Any] = []
        self._rows: list[Sequence[str]] = []
        self._keys: list[Sequence[Any]] = []

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._rows = [tuple(self._cells(r)) for r in self._records]
        self._keys = [tuple(self._sort_keys(r)) for r in self._records] if self._sort_keys \
            else self._rows
        self.endResetModel()

    def retranslate(self) -> None:
        """Column titles and cells again, in the current language."""
        self._headers = list(self._headers_fn())
        self.set_records(self._records)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def record(self, row: int) -> Any:
        return self._records[row]

    def records(self) -> list[Any]:
        return list(self._records)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return self._rows[index.row()][index.column()]
        if role == SORT_ROLE:
            return self._keys[index.row()][index.column()]
        if role == RECORD_ROLE:
            return self._records[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorts by :data:`SORT_ROLE`; shows the rows ``accept(record)`` keeps, and those
    whose text contains the search text (case-insensitive) when one is set."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._accept: Callable[[Any], bool] | None = None
        self._search = ""

    def set_accept(self, accept: Callable[[Any], bool] | None) -> None:
        self._refilter(lambda: setattr(self, "_accept", accept))

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_search", text.strip().casefold()))

    def _refilter(self, change: Callable[[], None]) -> None:
        change_filter(self, change)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            return True
        if self._accept is not None and not self._accept(model.record(row)):
            return False
        if self._search:
            texts = (model.index(row, c).data() for c in range(model.columnCount()))
            return any(self._search in str(t).casefold() for t in texts)
        return True

    def record_at(self, proxy_row: int) -> Any:
        source = self.mapToSource(self.index(proxy_row, 0))
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        return model.record(source.row())


def change_filter(proxy: QSortFilterProxyModel, change: Callable[[], None]) -> None:
    """Apply ``change`` to what ``proxy`` filters on and filter its rows again.

    Qt 6.10 deprecates invalidateFilter() for begin/endFilterChange(), which must
    surround the change itself. Qt 6.9 (the glibc 2.28 set) has beginFilterChange() but
    not endFilterChange(): test for the one that would be missing."""
    if hasattr(proxy, "endFilterChange"):
        proxy.beginFilterChange()
        change()
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        change()
        proxy.invalidateRowsFilter()
