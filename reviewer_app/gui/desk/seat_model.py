"""The seats of an intake for the packages page: which go into the package (a check
box) and the expert who takes each (editable); everything else is read-only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from reviewer_app.central.intake import Seat
from reviewer_app.central.package_build import SeatChoice

Index = QModelIndex | QPersistentModelIndex
SEAT, EXPERT, PROJECTS, AFFILIATION = range(4)


class SeatChoiceModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._seats: list[Seat] = []
        self._names: list[str] = []
        self._included: list[bool] = []

    def set_seats(self, seats: Sequence[Seat]) -> None:
        self.beginResetModel()
        self._seats = list(seats)
        self._names = [s.name for s in seats]
        self._included = [True] * len(seats)
        self.endResetModel()

    def choices(self) -> list[SeatChoice]:
        return [SeatChoice(seat.seat_id, name)
                for seat, name, on in zip(self._seats, self._names, self._included, strict=True)
                if on]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._seats)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Seat"), self.tr("Expert"), self.tr("Projects"),
                self.tr("Affiliation"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == SEAT:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == EXPERT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        seat, column = self._seats[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == SEAT:
            return (Qt.CheckState.Checked if self._included[index.row()]
                    else Qt.CheckState.Unchecked)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (seat.seat_id, self._names[index.row()], str(len(seat.projects)),
                    seat.affiliation)[column]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == SEAT:
            self._included[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and index.column() == EXPERT:
            self._names[index.row()] = str(value)
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        return True

    def set_included(self, seat_id: str, included: bool) -> None:
        row = [s.seat_id for s in self._seats].index(seat_id)
        self.setData(self.index(row, SEAT), (Qt.CheckState.Checked if included
                                             else Qt.CheckState.Unchecked).value,
                     Qt.ItemDataRole.CheckStateRole)
