"""One live session per workspace: an OS lock on a file beside the workspace database.

Two copies of the app opening the same package and seat would each autosave over the
other's edits. The first to open a workspace holds an exclusive, non-blocking OS lock
(``flock`` on POSIX, ``msvcrt.locking`` on Windows) on ``<workspace>.lock``; the second
is refused. The operating system drops the lock when the holder's process ends, however
it ends (a crash, ``kill -9``, a power cut), so no stale lock can ever shut the expert
out. The lock file is never deleted: removing a lock file another process has open
would let a third process lock a new file of the same name.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reviewer_app.files import private_dir, private_file


class WorkspaceInUse(Exception):
    """Another live session holds the workspace."""


def lock_path(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + ".lock")


class WorkspaceLock:
    """Held from :meth:`acquire` until :meth:`release` or the end of the process."""

    def __init__(self, workspace: Path) -> None:
        self.path = lock_path(workspace)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now or raise :class:`WorkspaceInUse` (never waits)."""
        if self._fd is not None:
            return
        private_dir(self.path.parent)
        private_file(self.path)
        fd = os.open(self.path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise WorkspaceInUse(f"workspace {self.path.stem} is open in another "
                                 "session") from exc
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                _unlock(fd)
            finally:
                os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # raises OSError when held elsewhere

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        # flock, not fcntl/lockf: its lock belongs to this open file, so a second
        # session in the same process is refused too (POSIX record locks would not).
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
