"""Debounced autosave of the expert's edits into the workspace store.

Edits are coalesced per field and written at most ``DEBOUNCE_MS`` after the
first unsaved one (the timer is not restarted by further typing, so a fast
typist is saved every half second rather than never). The "saved" signal is
emitted only after ``WorkspaceStore.apply`` has returned, i.e. after the
commit reached the disk (synchronous=FULL).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer_app.core.errors import ReviewerError

if TYPE_CHECKING:
    from reviewer_app.storage.workspace import FieldChange, WorkspaceStore

DEBOUNCE_MS = 300


class AutosaveManager(QObject):
    """Collects :class:`FieldChange` objects and flushes them in one transaction."""

    saved = Signal(object)     # datetime of the commit (local time)
    failed = Signal(str)       # message; the changes stay pending and are retried
    dirtyChanged = Signal(bool)

    def __init__(self, store: WorkspaceStore, parent: QObject | None = None, *,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._store: WorkspaceStore | None = store
        self._pending: dict[tuple[str, str, str | None], FieldChange] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.flush)
        self.last_saved: dt.datetime | None = None
        self.commit_seconds: list[float] = []  # for the benchmark

    @property
    def dirty(self) -> bool:
        return bool(self._pending)

    def mark_dirty(self, change: FieldChange) -> None:
        """Queue an edit; the latest value of each field wins."""
        was_dirty = self.dirty
        self._pending[(change.project_id, change.field, change.criterion_id)] = change
        if not self._timer.isActive():
            self._timer.start()
        if not was_dirty:
            self.dirtyChanged.emit(True)

    def flush(self) -> bool:
        """Write everything pending now; returns False if the write failed."""
        self._timer.stop()
        if not self._pending or self._store is None:
            return not self._pending
        batch = list(self._pending.values())
        self._pending.clear()
        started = time.perf_counter()
        try:
            self._store.apply(batch)
        except (ReviewerError, OSError, Exception) as exc:
            for change in batch:
                self._pending.setdefault((change.project_id, change.field,
                                          change.criterion_id), change)
            self._timer.start(2000)  # retry: a full disk or a locked file may clear up
            self.failed.emit(str(exc))
            return False
        self.commit_seconds.append(time.perf_counter() - started)
        self._saved_now()
        return True

    def run_now(self, action: Callable[[WorkspaceStore], None]) -> bool:
        """Flush, then run a direct store action (evidence links) and report it as saved."""
        if not self.flush() or self._store is None:
            return False
        try:
            action(self._store)
        except Exception as exc:
            self.failed.emit(str(exc))
            return False
        self._saved_now()
        return True

    def _saved_now(self) -> None:
        self.last_saved = dt.datetime.now()
        self.dirtyChanged.emit(False)
        self.saved.emit(self.last_saved)

    def detach(self) -> bool:
        """Flush and forget the store (on close and on lock)."""
        ok = self.flush()
        self._timer.stop()
        self._store = None
        return ok
