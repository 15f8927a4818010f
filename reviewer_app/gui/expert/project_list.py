"""The project list: a Qt item model over the review session, with filter and search."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from reviewer_app.gui.expert.session import ProjectStatus, ReviewSession

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
PROJECT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

STATUS_COLOURS = {
    ProjectStatus.NOT_STARTED: "#9aa4b1",
    ProjectStatus.IN_PROGRESS: "#d9822b",
    ProjectStatus.COMPLETE: "#2f9e44",
    ProjectStatus.CONFLICT: "#7048e8",
}


def status_text(status: ProjectStatus) -> str:
    """The translated name of a status (context "ProjectStatus")."""
    return {
        ProjectStatus.NOT_STARTED: QCoreApplication.translate(
            "ProjectStatus", "Not started"),
        ProjectStatus.IN_PROGRESS: QCoreApplication.translate(
            "ProjectStatus", "In progress"),
        ProjectStatus.COMPLETE: QCoreApplication.translate(
            "ProjectStatus", "Complete"),
        ProjectStatus.CONFLICT: QCoreApplication.translate(
            "ProjectStatus", "Conflict declared"),
    }[status]


def status_icon(status: ProjectStatus) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(STATUS_COLOURS[status]))
    if status is ProjectStatus.CONFLICT:
        painter.drawRect(2, 2, 10, 10)
    else:
        painter.drawEllipse(2, 2, 10, 10)
    painter.end()
    return QIcon(pixmap)


class ProjectListModel(QAbstractListModel):
    """One row per project assigned to the seat, in the manifest's order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._session: ReviewSession | None = None
        self._icons = {status: status_icon(status) for status in ProjectStatus}

    def set_session(self, session: ReviewSession | None) -> None:
        self.beginResetModel()
        self._session = session
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        if parent.isValid() or self._session is None:
            return 0
        return len(self._session.projects)

    def project_id(self, row: int) -> str:
        assert self._session is not None
        return self._session.projects[row]["project_id"]

    def row_of(self, project_id: str) -> int:
        if self._session is None:
            return -1
        for row, project in enumerate(self._session.projects):
            if project["project_id"] == project_id:
                return row
        return -1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._session is None:
            return None
        project = self._session.projects[index.row()]
        pid = project["project_id"]
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{pid}  {project.get('project_title', '')}\n"
                    f"{project.get('enterprise_name', '')}")
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[self._session.status(pid)]
        if role == Qt.ItemDataRole.ToolTipRole:
            total = self._session.total(pid)
            text = status_text(self._session.status(pid))
            if total is not None:
                total_text = QCoreApplication.translate("ProjectStatus", "total %1")
                text += " · " + total_text.replace("%1", str(total))
            return text
        if role == STATUS_ROLE:
            return self._session.status(pid).value
        if role == PROJECT_ID_ROLE:
            return pid
        if role == SEARCH_ROLE:
            return " ".join(str(project.get(k, "")) for k in
                            ("project_id", "project_title", "enterprise_name", "industry"))
        return None

    def refresh(self, project_id: str | None = None) -> None:
        """Statuses changed (after an edit): repaint one row, or all."""
        if self._session is None or self.rowCount() == 0:
            return
        if project_id is None:
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))
            return
        row = self.row_of(project_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row))

    def retranslate(self) -> None:
        self.refresh()


class ProjectFilterModel(QSortFilterProxyModel):
    """Filters by status ("" for all) and by a case-insensitive search text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._status = ""
        self._text = ""
        self.setDynamicSortFilter(True)

    def set_status(self, status: str) -> None:
        self._change_filter(lambda: setattr(self, "_status", status))

    def set_text(self, text: str) -> None:
        self._change_filter(lambda: setattr(self, "_text", text.strip().casefold()))

    def _change_filter(self, change) -> None:
        # Qt 6.10 deprecates invalidateFilter() for begin/endFilterChange(). Qt 6.9 (the
        # glibc 2.28 set) has beginFilterChange() but not endFilterChange(): test for the
        # one that would be missing.
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if self._status and index.data(STATUS_ROLE) != self._status:
            return False
        return not self._text or self._text in str(index.data(SEARCH_ROLE)).casefold()
