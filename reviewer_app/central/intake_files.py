"""Opening the files of an intake folder without leaving it.

An intake is assembled from outside (applicants' materials copied in by hand,
from a USB stick or a share). A symbolic link or a Windows junction inside it
could point anywhere on the secretariat's machine and would be packaged as if
it were a material; a FIFO would block the reader, a device never end. So
nothing here follows a link: entries are examined with ``lstat``; a file is
opened with ``O_NOFOLLOW`` where the system has it and checked again on the open
handle against what the folder listing showed (device and inode), so that an entry
swapped for a link or another file between the two looks — or a folder above it
swapped for a link — is refused as well. A file with other hard links is refused:
it may be the same file as one outside the intake. The identity of each file
checked travels with it (:class:`FileIdentity`), so that the package writer, which
opens it again later, can refuse a file swapped in after the check.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

# stat.FILE_ATTRIBUTE_REPARSE_POINT (symbolic links and junctions on Windows);
# st_file_attributes exists only there.
_REPARSE_POINT = 0x400
MEGABYTE = 1_000_000


class Refused(Exception):
    """An intake entry that must not be read; the message says why."""


@dataclass(frozen=True)
class FileIdentity:
    """Which file was checked: the package writer refuses any other."""

    device: int
    inode: int
    size: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileIdentity:
        return cls(st.st_dev, st.st_ino, st.st_size)

    def matches(self, st: os.stat_result) -> bool:
        return (st.st_dev, st.st_ino, st.st_size) == (self.device, self.inode, self.size)


def kind_problem(st: os.stat_result) -> str | None:
    """Why an entry with this ``lstat`` result is neither a regular file nor a
    folder of the intake itself; None when it is one."""
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        return ("is a symbolic link; an intake holds its files itself (copy the file or "
                "folder in instead of linking to it)")
    if getattr(st, "st_file_attributes", 0) & _REPARSE_POINT:
        return ("is a junction or other reparse point; an intake holds its files itself "
                "(copy the file or folder in instead of linking to it)")
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "is not a regular file"


def _no_follow_flags() -> int:
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    # O_NONBLOCK: should the entry have become a FIFO after lstat, open must not
    # wait for a writer; the fstat below then refuses it.
    return flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def open_regular(path: Path, *, limit: int, limit_hint: str = "",
                 listed: os.stat_result | None = None) -> tuple[BinaryIO, int]:
    """Open a regular file of the intake for reading, never through a link.

    Args:
        limit: the largest size accepted, in bytes.
        limit_hint: how the user raises the limit, appended to the refusal.
        listed: the entry's ``lstat`` as the folder listing gave it
            (:func:`scan_folder`); the file opened must be that one.

    Returns:
        The open binary file and its size.

    Raises:
        Refused: a link, junction, FIFO, device, folder, a file with other hard
            links, one that is not the listed file, or one above ``limit``.
        OSError: the file cannot be read.
    """
    before = os.lstat(path)
    problem = kind_problem(before)
    if problem is None and stat.S_ISDIR(before.st_mode):
        problem = "is a folder, not a file"
    if problem is None and listed is not None and (before.st_dev, before.st_ino) != (
            listed.st_dev, listed.st_ino):
        problem = "changed while it was being read; run the command again"
    if problem is None and before.st_nlink > 1:
        problem = (f"has {before.st_nlink - 1} other hard link(s), so it may be a file from "
                   "outside the intake; copy the file in instead")
    if problem:
        raise Refused(problem)
    try:
        fd = os.open(path, _no_follow_flags())
    except OSError:
        swapped = kind_problem(os.lstat(path))  # became a link since lstat: ELOOP
        if swapped:
            raise Refused(swapped) from None
        raise
    handle = os.fdopen(fd, "rb")
    try:
        after = os.fstat(fd)
        if not stat.S_ISREG(after.st_mode) or (after.st_dev, after.st_ino) != (
                before.st_dev, before.st_ino):
            raise Refused("changed while it was being read; run the command again")
        if after.st_size > limit:
            hint = f" ({limit_hint})" if limit_hint else ""
            raise Refused(f"is {after.st_size / MEGABYTE:,.0f} MB, above the limit of "
                          f"{limit / MEGABYTE:,.0f} MB{hint}")
    except BaseException:
        handle.close()
        raise
    return handle, after.st_size


def read_regular(path: Path, *, limit: int, limit_hint: str = "") -> bytes:
    """The whole content of a regular intake file (:func:`open_regular`)."""
    handle, _ = open_regular(path, limit=limit, limit_hint=limit_hint)
    with handle:
        return handle.read(limit + 1)


def scan_folder(path: Path, listed: os.stat_result | None = None
                ) -> list[tuple[str, os.stat_result]]:
    """The entries of a folder with their ``lstat`` results, sorted by name.

    With ``listed`` (the folder's own entry as its parent's listing gave it), the
    folder read must be that one: where the system allows, it is opened without
    following a link and listed through that handle, so a folder swapped for a link
    since its parent was listed is refused (:class:`Refused`).
    """
    if listed is None or not _LISTS_BY_HANDLE:
        if listed is not None and not _same_file(os.lstat(path), listed):
            raise Refused("changed while it was being read; run the command again")
        with os.scandir(path) as entries:
            found = [(entry.name, entry.stat(follow_symlinks=False)) for entry in entries]
        return sorted(found, key=lambda item: item[0])
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        problem = kind_problem(os.lstat(path))
        if problem:
            raise Refused(problem) from None
        raise
    try:
        if not _same_file(os.fstat(fd), listed):
            raise Refused("changed while it was being read; run the command again")
        with os.scandir(fd) as entries:
            found = [(entry.name, entry.stat(follow_symlinks=False)) for entry in entries]
    finally:
        os.close(fd)
    return sorted(found, key=lambda item: item[0])


# os.scandir takes a descriptor on POSIX systems only (not on Windows).
_LISTS_BY_HANDLE = os.scandir in os.supports_fd and hasattr(os, "O_DIRECTORY") and hasattr(
    os, "O_NOFOLLOW")


def _same_file(st: os.stat_result, listed: os.stat_result) -> bool:
    return (st.st_dev, st.st_ino) == (listed.st_dev, listed.st_ino)
