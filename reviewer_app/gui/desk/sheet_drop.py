"""The area the secretariat drops sheet files, photo packages or a whole USB folder
onto."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from reviewer_app.gui.i18n import Retranslating


def local_paths(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    """The local files and folders a drag carries (remote URLs are ignored)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class SheetDropArea(Retranslating, QFrame):
    """Emits ``pathsDropped`` with the dropped files and folders."""

    pathsDropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sheetDropArea")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Sunken)
        self.setMinimumHeight(72)
        self._label = QLabel(self)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        self.retranslate()

    def retranslate(self) -> None:
        self._label.setText(self.tr("Drop score sheets (.revsheet), inspection photo "
                                    "packages (.revphotos) or a whole USB folder here"))
        self.setAccessibleName(self.tr("Drop area for score sheets"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QEvent) -> None:
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.pathsDropped.emit(paths)
