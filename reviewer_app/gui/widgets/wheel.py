"""Widgets that live inside scrolling forms and must not eat the mouse wheel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QComboBox, QWidget


class WheelScrollsComboBox(QComboBox):
    """A combo box inside a scrolling form: the wheel scrolls the form unless the box
    has the focus. A wheel passing over it must not change, and autosave, a choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not take focus

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
            return
        # Handed to the scroll area explicitly: Qt passes an ignored wheel event on to
        # the parents only when it came from the window system.
        area = self.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)
        event.accept()
