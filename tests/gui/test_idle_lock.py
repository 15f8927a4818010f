"""The idle lock's countdown (gui/expert/idle_lock.py): typing keeps it from firing;
quiet lets it fire."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QLineEdit

from reviewer_app.gui.expert.idle_lock import IdleWatcher


def test_typing_restarts_the_countdown_and_quiet_lets_it_fire(qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher = IdleWatcher(250)
    fired = []
    watcher.idle.connect(lambda: fired.append(time.monotonic()))
    watcher.start()
    try:
        until = time.monotonic() + 0.8  # over three times the timeout, typing all along
        while time.monotonic() < until:
            qtbot.keyClick(field, "a")
            qtbot.wait(40)
        assert fired == [], "the countdown ran on while the expert typed"
        with qtbot.waitSignal(watcher.idle, timeout=2000):
            pass
    finally:
        watcher.stop()
