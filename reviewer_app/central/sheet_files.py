"""Which files a merge takes: sheet files and inspection photo packages named one by
one, or found under folders.

A folder is a USB stick handed in by experts, so nothing in it is trusted: links
are not followed (a link could point anywhere on this machine), only regular
files ending in ``.revsheet`` or ``.revphotos`` are taken, the walk stops after
:data:`MAX_FILES` files, and every file is read only up to one byte past its
format's size limit (enough for the merge to reject it as oversized without
loading all of it). A file named on its own is told apart by its first bytes: a
photo package is an RVPKG container, a sheet a JSON text (:func:`split_inputs`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reviewer_app.sheets.envelope import MAX_SHEET_BYTES
from reviewer_app.sheets.photos import MAX_PHOTO_PACKAGE_BYTES, PHOTOS_SUFFIX

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
    files: tuple[Path, ...]            # score sheets
    skipped: tuple[Skipped, ...]
    photos: tuple[Path, ...] = ()      # inspection photo packages (merged after the sheets)


def collect_sheet_files(paths: Iterable[Path], *, max_files: int = MAX_FILES) -> SheetSelection:
    """The sheet files and photo packages named by ``paths``: a file as given (whatever
    its name: the user chose it; a photo package by its first bytes), a folder's
    ``.revsheet`` and ``.revphotos`` files recursively, in a stable order."""
    files: list[Path] = []
    photos: list[Path] = []
    seen: set[Path] = set()
    skipped: list[Skipped] = []

    def take(path: Path, photo: bool | None = None) -> bool:
        if len(files) + len(photos) >= max_files:
            skipped.append(Skipped(path, "too-many", f"more than {max_files} sheet files"))
            return False
        if path not in seen:
            if photo is None:
                try:
                    photo = _is_photo_package(path)
                except OSError as exc:
                    skipped.append(Skipped(path, "unreadable", exc.strerror or str(exc)))
                    return True
            seen.add(path)
            (photos if photo else files).append(path)
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
    return SheetSelection(tuple(files), tuple(skipped), tuple(photos))


def _is_photo_package(path: Path) -> bool:
    from reviewer_app.package.reader import looks_like_package

    return looks_like_package(path)


def split_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Sheets and photo packages among files named one by one (``reviewer-admin merge``'s
    inputs), told apart by their first bytes (a photo package is an RVPKG container,
    a sheet a JSON text).

    Raises:
        OSError: a file cannot be read.
    """
    paths = list(paths)
    photos = [p for p in paths if _is_photo_package(p)]
    return [p for p in paths if p not in photos], photos


def _walk(folder: Path, take, skipped: list[Skipped]) -> bool:
    """Take the sheet files and photo packages under ``folder`` (by their names); False
    once the file limit is reached."""
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
            name = entry.name.lower()
            if entry.is_symlink():
                if name.endswith((SHEET_SUFFIX, PHOTOS_SUFFIX)):
                    skipped.append(Skipped(Path(entry.path), "link",
                                           "a link is not followed"))
            elif entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            elif (entry.is_file(follow_symlinks=False)
                  and name.endswith((SHEET_SUFFIX, PHOTOS_SUFFIX))
                  and not take(Path(entry.path), name.endswith(PHOTOS_SUFFIX))):
                return False
        stack.extend(reversed(folders))
    return True


def read_sheet_file(path: Path, *, follow_links: bool = True) -> bytes:
    """A sheet file's bytes, reading at most one byte past the format's size limit
    (enough to reject an oversized file without loading all of it).

    ``follow_links=False`` (files found in a dropped folder) refuses a link that
    replaced the file after the walk, where the platform allows (``O_NOFOLLOW``);
    a file named on the command line may be a link the user made on purpose."""
    return _read_limited(path, MAX_SHEET_BYTES, follow_links)


def read_photo_file(path: Path, *, follow_links: bool = True) -> bytes:
    """A photo package's bytes, reading at most one byte past its size limit (the
    merge rejects a larger one); ``follow_links`` as for :func:`read_sheet_file`."""
    return _read_limited(path, MAX_PHOTO_PACKAGE_BYTES, follow_links)


def _read_limited(path: Path, limit: int, follow_links: bool) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        return handle.read(limit + 1)
