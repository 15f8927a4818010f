"""Which files a merge takes: sheet files named one by one, or found under folders.

A folder is a USB stick handed in by experts, so nothing in it is trusted: links
are not followed (a link could point anywhere on this machine), only regular
files ending in ``.revsheet`` are taken, the walk stops after :data:`MAX_FILES`
files, and every file is read only up to one byte past the format's size limit
(enough for the merge to reject it as oversized without loading all of it).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reviewer_app.sheets.envelope import MAX_SHEET_BYTES

SHEET_SUFFIX = ".revsheet"
MAX_FILES = 5000
"""More sheet files than a round has seats many times over: a folder with more is
not a stick of sheets (the whole disk dropped by mistake), and the walk stops."""


@dataclass(frozen=True)
class Skipped:
    """A dropped path that is not merged, and why (``kind`` for translation)."""

    path: Path
    kind: str      # link | not-a-sheet | unreadable | too-many
    detail: str


@dataclass(frozen=True)
class SheetSelection:
    files: tuple[Path, ...]
    skipped: tuple[Skipped, ...]


def collect_sheet_files(paths: Iterable[Path], *, max_files: int = MAX_FILES) -> SheetSelection:
    """The sheet files named by ``paths``: a file as given (whatever its name: the user
    chose it), a folder's ``.revsheet`` files recursively, in a stable order."""
    files: list[Path] = []
    seen: set[Path] = set()
    skipped: list[Skipped] = []

    def take(path: Path) -> bool:
        if len(files) >= max_files:
            skipped.append(Skipped(path, "too-many", f"more than {max_files} sheet files"))
            return False
        if path not in seen:
            seen.add(path)
            files.append(path)
        return True

    for given in paths:
        path = Path(given)
        try:
            mode = os.lstat(path).st_mode
        except OSError as exc:
            skipped.append(Skipped(path, "unreadable", exc.strerror or str(exc)))
            continue
        if stat.S_ISLNK(mode):
            skipped.append(Skipped(path, "link", "a link is not followed"))
        elif stat.S_ISDIR(mode):
            if not _walk(path, take, skipped):
                break
        elif stat.S_ISREG(mode):
            if not take(path):
                break
        else:
            skipped.append(Skipped(path, "not-a-sheet", "not a regular file"))
    return SheetSelection(tuple(files), tuple(skipped))


def _walk(folder: Path, take, skipped: list[Skipped]) -> bool:
    """Take the sheet files under ``folder``; False once the file limit is reached."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                children = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(current, "unreadable", exc.strerror or str(exc)))
            continue
        folders = []
        for entry in children:
            # follow_symlinks=False: a link to a folder or a file is neither here.
            if entry.is_symlink():
                if entry.name.lower().endswith(SHEET_SUFFIX):
                    skipped.append(Skipped(Path(entry.path), "link",
                                           "a link is not followed"))
            elif entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            elif (entry.is_file(follow_symlinks=False)
                  and entry.name.lower().endswith(SHEET_SUFFIX)
                  and not take(Path(entry.path))):
                return False
        stack.extend(reversed(folders))
    return True


def read_sheet_file(path: Path, *, follow_links: bool = True) -> bytes:
    """A sheet file's bytes, reading at most one byte past the format's size limit
    (enough to reject an oversized file without loading all of it).

    ``follow_links=False`` (files found in a dropped folder) refuses a link that
    replaced the file after the walk, where the platform allows (``O_NOFOLLOW``);
    a file named on the command line may be a link the user made on purpose."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        return handle.read(MAX_SHEET_BYTES + 1)
