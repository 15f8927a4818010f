"""Atomic file output: a temp file beside the target, fsync, rename, fsync the folder.

Readers of ``path`` see either the old file or the complete new one, never a
partial write; on any error (a full disk, a pulled USB stick) the temp file is
removed and the old file, if any, is untouched. Files are owner-only (0600) unless
a caller asks otherwise (``reviewer_app.files``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def _fsync_dir(folder: Path) -> None:
    # Windows cannot open a directory for fsync; its rename is durable enough there.
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_output(path: Path, mode: int = 0o600) -> Iterator[BinaryIO]:
    """Write ``path`` atomically; use as ``with atomic_output(p) as f: f.write(...)``."""
    path = Path(path)
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    with atomic_output(path, mode) as handle:
        handle.write(data)
