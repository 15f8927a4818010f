"""Work around PySide6 6.12.0's reference-count bug on Python 3.11.

Measured here (PySide6-Essentials 6.12.0, shiboken6 6.12.0, CPython 3.11.7): every call
of a Qt method returning ``void`` (``QWidget.update``, ``QTimer.stop``, ``QLabel.setText``…)
returns ``None`` without taking a reference, so each call lowers ``None``'s reference
count by one. After a few thousand calls CPython aborts with "none_dealloc: deallocating
None" — the app (or the render worker, after some hundreds of pages) dies. From Python
3.12 on ``None`` is immortal and the bug is harmless, so the fix is to make it as good as
immortal here: measured, not assumed, so it does nothing once the bug is fixed.
"""

from __future__ import annotations

import ctypes
import sys

_PROBE_CALLS = 64
_HEADROOM = 1 << 48  # ~2.8e14 void calls


def none_refcount_leaks() -> bool:
    """True when calling a ``void`` Qt method costs ``None`` a reference."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("")
    return sys.getrefcount(None) <= before - _PROBE_CALLS // 2


def keep_none_alive() -> bool:
    """Raise ``None``'s reference count far out of reach if the bug is present; returns
    whether it was. CPython < 3.12 only: ``ob_refcnt`` is the object's first field."""
    if not none_refcount_leaks():
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM
    return True
