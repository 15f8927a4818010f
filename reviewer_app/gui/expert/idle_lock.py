"""Locks the workspace after a period without keyboard or mouse input."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent


def _activity() -> frozenset[QEvent.Type]:
    """The events that count as the expert's activity. Built when the filter is first
    installed, not at import: PySide6 builds QEvent's ~180-member enum on first use, and
    the window shows before any session needs the idle lock (start-up, issue 12)."""
    from PySide6.QtCore import QEvent

    kinds = QEvent.Type
    return frozenset({kinds.KeyPress, kinds.MouseButtonPress, kinds.MouseMove, kinds.Wheel,
                      kinds.TouchBegin, kinds.ShortcutOverride})


class IdleWatcher(QObject):
    """An application-wide event filter; emits :attr:`idle` after ``timeout_ms`` of quiet."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)
        self._installed = False
        self._activity: frozenset[QEvent.Type] = frozenset()  # set by start()

    def set_timeout(self, timeout_ms: int) -> None:
        self._timer.setInterval(timeout_ms)
        if self._timer.isActive():
            self._timer.start()

    def timeout(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            self._activity = self._activity or _activity()
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def is_running(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._activity and self._timer.isActive():
            self._timer.start()  # restart the countdown
        return False
