"""Reopen where the expert left off: project, material, page and rubric scroll position.

Kept per package and seat in the preferences (``Preferences.reading_place``) when the
package is closed, locked or the window closes; read back when that seat's workspace
opens again. It names a project id and a member number, nothing of the content (the
settings file is owner-only). Everything read back is checked against the open
package: a stale or edited entry falls back to the first project.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from reviewer_app.gui.expert.main_window import MainWindow
    from reviewer_app.gui.expert.session import ReviewSession


class Place(NamedTuple):
    project_id: str | None
    member_id: int      # -1: no material on screen
    page: int           # 0-based
    rubric_scroll: int  # the rubric panel's vertical scroll bar value


NOWHERE = Place(None, -1, 0, 0)
#: How long after opening the rubric's scroll position may still be restored.
RESTORE_WINDOW_MS = 2000


def current(window: MainWindow) -> Place:
    return Place(window.current_project_id(), window.viewer.member_id,
                 max(0, window.viewer.current_page()),
                 window.rubric_panel.verticalScrollBar().value())


def remember(window: MainWindow) -> None:
    """Store the place of the open session (before it is torn down)."""
    session = window.session
    if session is None:
        return
    place = current(window)
    if place.project_id is None:
        return
    window.prefs.set_reading_place(session.package.package_id, session.seat_id, {
        "project": place.project_id, "member": str(place.member_id),
        "page": str(place.page), "scroll": str(place.rubric_scroll)})


def recall(window: MainWindow, session: ReviewSession) -> Place:
    """The stored place of this package and seat, if it still names one of its projects."""
    stored = window.prefs.reading_place(session.package.package_id, session.seat_id)
    project = next((p for p in session.projects
                    if p["project_id"] == stored.get("project")), None)
    if project is None:
        return NOWHERE
    members = set(_member_ids(project))
    member = _int(stored.get("member"), -1)
    return Place(project["project_id"], member if member in members else -1,
                 _int(stored.get("page"), 0), _int(stored.get("scroll"), 0))


def restore_scroll(window: MainWindow, value: int) -> None:
    """Scroll the rubric to ``value`` as soon as its editors are laid out far enough: the
    scroll range grows over the next event loop turns. Gives up after RESTORE_WINDOW_MS,
    so that a later change of layout never moves what the expert is looking at."""
    from PySide6.QtCore import QTimer

    bar = window.rubric_panel.verticalScrollBar()
    if value <= 0:
        return
    if bar.maximum() >= value:
        bar.setValue(value)
        return

    connected = [True]

    def on_range(_minimum: int, maximum: int) -> None:
        if maximum >= value:
            bar.setValue(value)
            stop()

    def stop() -> None:
        if connected[0]:
            connected[0] = False
            with contextlib.suppress(RuntimeError):  # the panel is gone with its window
                bar.rangeChanged.disconnect(on_range)

    bar.rangeChanged.connect(on_range)
    QTimer.singleShot(RESTORE_WINDOW_MS, stop)


def _member_ids(project) -> list:
    return [m.get("member_id") for m in project.get("materials", [])
            if isinstance(m, dict) and isinstance(m.get("member_id"), int)]


def _int(text: str | None, default: int) -> int:
    try:
        value = int(str(text))
    except ValueError:
        return default
    return value if 0 <= value < 1_000_000 else default
