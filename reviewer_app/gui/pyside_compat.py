"""Work around PySide6 6.12.0's reference-count bugs on Python 3.11.

Measured here (PySide6-Essentials 6.12.0, shiboken6 6.12.0, CPython 3.11.7):

- every call of a Qt method returning ``void`` (``QWidget.update``, ``QTimer.stop``,
  ``QLabel.setText``…) returns ``None`` without taking a reference;
- every Python-side ``SignalInstance.emit()`` drops a reference to ``True`` it never
  took (about three per typed score character, one per mouse move while selecting).

After a few thousand of either, CPython aborts ("none_dealloc" / "bool_dealloc:
deallocating True or False"), mid-session or at exit (status 134 after an ordinary
day's work). PySide6 6.11.3 does not leak; from Python 3.12 on ``None``, ``True`` and
``False`` are immortal and the bugs are harmless. The fix therefore makes the
singletons as good as immortal here, as 3.12 does — measured, not assumed, so it does
nothing on a PySide6 that no longer leaks, whatever version the constraints admit.
"""

from __future__ import annotations

import ctypes
import sys

_PROBE_CALLS = 64
_HEADROOM = 1 << 48  # ~2.8e14 leaked references before anything could go wrong


def _leaks(singleton: object, call) -> bool:
    before = sys.getrefcount(singleton)
    for _ in range(_PROBE_CALLS):
        call()
    return sys.getrefcount(singleton) <= before - _PROBE_CALLS // 2


def leaking_singletons() -> tuple[object, ...]:
    """The singletons (``None``, ``True``) this PySide6 loses references to."""
    if sys.version_info >= (3, 12):
        return ()
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        pinged = Signal(int)

    # Unconnected: emit leaks all the same, and connect() would build PySide6's Qt
    # enum namespace (~12 ms of start-up, tests/gui/test_startup.py).
    probe = _Probe()
    found = []
    if _leaks(None, lambda: probe.setObjectName("")):
        found.append(None)
    if _leaks(True, lambda: probe.pinged.emit(1)):
        found += [True, False]   # which of the two depends on the argument; pin both
    return tuple(found)


def keep_singletons_alive() -> tuple[object, ...]:
    """Raise the reference count of every leaking singleton far out of reach; returns
    them. CPython < 3.12 only, where ``ob_refcnt`` is the object's first field."""
    global _pinned
    if _pinned is None:  # once per process: create_app runs more than once at start-up
        _pinned = leaking_singletons()
        for singleton in _pinned:
            ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    return _pinned


_pinned: tuple[object, ...] | None = None
