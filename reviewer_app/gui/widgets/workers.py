"""Background work: decrypting materials and unlocking packages off the GUI thread.

Results come back through a queued signal, tagged with a token, so that a
result for a material the expert already left is simply dropped.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

T = TypeVar("T")
Progress = Callable[[int, int], None]


class _Relay(QObject):
    # (token, result) and (token, exception); emitted from a pool thread, delivered
    # queued on the GUI thread because the relay lives there.
    done = Signal(int, object)
    failed = Signal(int, object)


class _Task(QRunnable):
    def __init__(self, token: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._token = token
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:
            self._relay.failed.emit(self._token, exc)
        else:
            self._relay.done.emit(self._token, result)
        finally:
            self._fn = None  # drop references to decrypted data promptly


class Worker(QObject):
    """Runs callables in a private thread pool and calls back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, *, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._tokens = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None],
                                         Callable[[BaseException], None]]] = {}
        self._tasks: dict[int, _Task] = {}

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> int:
        """Run ``fn`` in the pool; exactly one callback runs later on the GUI thread."""
        token = next(self._tokens)
        self._callbacks[token] = (on_done, on_error)
        task = _Task(token, fn, self._relay)
        task.setAutoDelete(False)  # Python keeps it until the result is delivered
        self._tasks[token] = task
        self._pool.start(task)
        return token

    def cancel(self, token: int) -> None:
        """Forget a pending task's callbacks (the work itself runs to its end)."""
        self._callbacks.pop(token, None)

    def cancel_all(self) -> None:
        self._callbacks.clear()

    def pending(self) -> int:
        return len(self._callbacks)

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def _on_done(self, token: int, result: Any) -> None:
        self._tasks.pop(token, None)
        callbacks = self._callbacks.pop(token, None)
        if callbacks is not None:
            callbacks[0](result)

    def _on_failed(self, token: int, exc: BaseException) -> None:
        self._tasks.pop(token, None)
        callbacks = self._callbacks.pop(token, None)
        if callbacks is not None:
            callbacks[1](exc)


class Cancelled(Exception):
    """The user cancelled a task shown with :func:`run_with_progress`."""


def keep_going(progress: Progress) -> Callable[[int, int], bool]:
    """``progress`` as the ``keep_going(done, total)`` callback central's batch runs take
    (merges): reports, and answers False once the user has cancelled, so the run stops
    between two files instead of raising through them."""
    def report(done: int, total: int) -> bool:
        try:
            progress(done, total)
        except Cancelled:
            return False
        return True

    return report


class _ProgressRelay(QObject):
    # Emitted from the task's thread; the receivers live on the GUI thread, so the
    # calls are queued there.
    value = Signal(int)
    finished = Signal()


def run_with_progress(parent: QWidget, title: str, label: str, cancel_text: str,
                      task: Callable[[Progress], T]) -> T:
    """Run ``task(progress)`` on a thread of its own behind a window-modal progress
    dialog, keeping the GUI responsive, and return its result (or raise its error).

    ``task`` calls ``progress(done, total)``; after the user presses Cancel that call
    raises :class:`Cancelled`, which ends the task and is raised here. The dialog
    appears only if the task takes longer than a moment. Progress signals are sent
    only when the percentage changes (each Python-side emit has a cost, see
    docs/architecture.md).
    """
    # Not at import: the window shows before any progress dialog (start-up, issue 12).
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(label, cancel_text, 0, 100, parent)
    dialog.setObjectName("progressDialog")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    relay = _ProgressRelay()
    relay.value.connect(dialog.setValue)
    loop = QEventLoop()
    relay.finished.connect(loop.quit)
    cancelled = threading.Event()
    dialog.canceled.connect(cancelled.set)
    outcome: dict[str, Any] = {}
    shown = -1

    def progress(done: int, total: int) -> None:
        nonlocal shown
        if cancelled.is_set():
            raise Cancelled()
        percent = 100 * done // total if total > 0 else 0
        if percent != shown:
            shown = percent
            relay.value.emit(percent)

    def run() -> None:
        try:
            outcome["result"] = task(progress)
        except BaseException as exc:
            outcome["error"] = exc
        finally:
            relay.finished.emit()

    thread = threading.Thread(target=run, name="reviewer-task", daemon=True)
    thread.start()
    loop.exec()
    thread.join()
    dialog.close()
    # Unparented, the dialog goes with its last Python reference at once (deleteLater
    # would wait for an event loop the caller may not return to).
    dialog.setParent(None)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
