"""Issue 12: a realistic session ended in "Fatal Python error: bool_dealloc" (status 134)
on PySide6 6.12.0 with Python 3.11: each Python-side emit drops a reference to True,
each call of a void Qt method one to None. The app pins the singletons that leak;
these tests end real processes and look at how they end."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

CHILD = textwrap.dedent("""
    import os, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QLabel
    if sys.argv[1] == "app":
        from reviewer_app.gui.app import create_app
        app = create_app([])
    else:
        from PySide6.QtWidgets import QApplication
        app = QApplication([])

    class Typing(QObject):
        edited = Signal(str)
        moved = Signal(int, int)

    typing = Typing()
    typing.edited.connect(lambda text: None)
    typing.moved.connect(lambda x, y: None)
    label = QLabel()
    for i in range(int(sys.argv[2])):   # a long day: keys, mouse moves, repaints
        typing.edited.emit(str(i))
        typing.moved.emit(i, i)
        label.setText("x")
        label.update()
    print("done", flush=True)
""")


def _run(mode: str, count: int) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", CHILD, mode, str(count)], env=env,
                          capture_output=True, text=True, timeout=120)


def test_thousands_of_emits_and_void_calls_end_with_status_0() -> None:
    result = _run("app", 20_000)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "done" in result.stdout and "Fatal Python error" not in result.stderr


def test_without_the_pin_a_leaking_pyside_aborts() -> None:
    """The control: shows that the test above can fail (skipped where nothing leaks)."""
    from reviewer_app.gui.pyside_compat import leaking_singletons

    if not leaking_singletons():
        pytest.skip("this Python and PySide6 lose no references: nothing to pin")
    result = _run("bare", 20_000)
    assert result.returncode != 0
    assert "dealloc" in result.stderr
