import errno
import os
from pathlib import Path

import pytest

from reviewer_app.atomic import atomic_output, atomic_write_bytes


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_failure_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    atomic_write_bytes(target, b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"partial")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_read_only_destination_raises_without_residue(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if _writable(folder):
            pytest.skip("running as a user who can write anyway (root)")
        with pytest.raises(PermissionError):
            atomic_write_bytes(folder / "x", b"data")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def _writable(folder: Path) -> bool:
    try:
        (folder / ".w").write_bytes(b"")
    except PermissionError:
        return False
    (folder / ".w").unlink()
    return True


def test_full_disk_on_flush_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(tmp_path / "x", b"data")
    assert list(tmp_path.iterdir()) == []
