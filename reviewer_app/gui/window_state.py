"""The main window's size: fit the screen it opens on, and come back where it was.

A fixed 1440×900 put the rubric's right edge and the save indicator off-screen on a
1366×768 laptop (issue 12). The window takes at most the available area of its screen
(taskbar excluded), and the geometry saved at close is restored only while it still
fits a connected screen: a laptop undocked from its large monitor must not open
off-screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reviewer_app.gui.settings import Preferences

#: What the window asks for on a screen with room to spare.
PREFERRED = QSize(1440, 900)
#: Small enough for a 1366×768 laptop's available area (a taskbar of up to 48 px)
#: with room for the window frame; the three panes' own minimums fit within it.
MINIMUM = QSize(1024, 640)
#: Assumed window frame before the window is shown: title bar and borders.
DECORATION = QMargins(8, 36, 8, 8)
#: Share of the available area the window takes when the screen is smaller than PREFERRED.
FILL = 0.95


def fitted(available: QRect) -> QRect:
    """The frame rectangle for a first start on a screen whose free area is ``available``:
    PREFERRED, shrunk to fit, centred; never larger than ``available``."""
    width = min(PREFERRED.width(), int(available.width() * FILL))
    height = min(PREFERRED.height(), int(available.height() * FILL))
    width = min(max(width, min(MINIMUM.width(), available.width())), available.width())
    height = min(max(height, min(MINIMUM.height(), available.height())), available.height())
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def fits_a_screen(frame: QRect) -> bool:
    """Whether ``frame`` lies wholly within the available area of a connected screen."""
    return any(screen.availableGeometry().contains(frame)
               for screen in QGuiApplication.screens())


def place(window: QWidget, prefs: Preferences) -> None:
    """Size ``window`` before it is shown: the remembered geometry if it still fits a
    screen, else :func:`fitted` to the screen the window opens on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)
    decoration = _decoration(window)
    room = available.size().shrunkBy(decoration)
    window.setMinimumSize(MINIMUM.boundedTo(room))
    saved = prefs.window_geometry()
    # The client area must fit: the frame is not known before the window is shown.
    if saved and window.restoreGeometry(saved) and fits_a_screen(window.geometry()):
        return
    frame = fitted(available)
    window.resize(frame.size().shrunkBy(decoration))
    window.move(frame.topLeft())  # a top-level window's position is its frame's


def _decoration(window: QWidget) -> QMargins:
    """The window manager's frame around the client area: measured once the window has
    been shown, else a title bar and borders as large as common desktops draw them."""
    frame, inner = window.frameGeometry(), window.geometry()
    if window.isVisible() and frame != inner:
        return QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                        frame.right() - inner.right(), frame.bottom() - inner.bottom())
    return DECORATION


def remember(window: QWidget, prefs: Preferences) -> None:
    """Keep the geometry for the next start (called when the window closes)."""
    prefs.set_window_geometry(bytes(window.saveGeometry()))
