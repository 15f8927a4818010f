"""Owner-only files and folders: everything the app and reviewer-admin create.

Workspaces, the central store, results, seat codes, key files and sheets all say
something a colleague on the same machine must not read, so each is created 0600
and each folder 0700 *whatever the umask*: modes are set with ``chmod`` after
creation, which the umask does not touch.

SQLite creates its ``-wal`` and ``-shm`` files itself; its Unix VFS gives them the
mode of the database file, so creating the database 0600 first (:func:`private_file`)
is enough (``tests/unit/test_files.py`` checks it).

Existing files and folders the user points us at (an output folder, the current
directory) keep the mode they have: we never loosen or tighten what we did not create.

On Windows POSIX modes do not apply (``chmod`` can only set read-only): there the
files inherit the ACLs of the folder they are in, and the user profile (where the
user data folder is) is readable only by its owner and administrators by default.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents as 0700 folders; return it.

    Unlike ``Path.mkdir(parents=True, mode=...)``, which gives missing parents the
    umask's default mode, every folder created here is owner-only.
    """
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process was quicker
            os.mkdir(folder, PRIVATE_DIR)
            _chmod(folder, PRIVATE_DIR)
    if not path.is_dir():
        raise NotADirectoryError(f"not a folder: {path}")
    return path


def private_file(path: Path) -> bool:
    """Create ``path`` empty and 0600 unless it exists; return whether it was created.

    For files that another library then writes (SQLite): they keep our mode.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     PRIVATE_FILE)
    except FileExistsError:
        return False
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)
    return True


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write a new file 0600 (not atomic: for folders that are built in one go)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                 PRIVATE_FILE)
    with os.fdopen(fd, "wb") as handle:
        if hasattr(os, "fchmod"):
            os.fchmod(handle.fileno(), PRIVATE_FILE)
        handle.write(data)


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Set ``path`` to ``mode`` if it exists (a file a library wrote with its own mode)."""
    with contextlib.suppress(FileNotFoundError):
        _chmod(Path(path), mode)


def _chmod(path: Path, mode: int) -> None:
    if os.name != "nt":  # Windows: the folder's ACLs apply (module docstring)
        os.chmod(path, mode)
