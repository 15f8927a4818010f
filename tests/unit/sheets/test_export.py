"""Export: both files or neither, with a message that names the folder and the cause."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reviewer_app.core.errors import ReviewerError
from reviewer_app.sheets import ExportFailed, verify_sheet
from reviewer_app.sheets.export import export_paths, export_sheet


def test_export_writes_both_files(tmp_path: Path, sheet, manifest, context) -> None:
    revsheet, pdf = export_sheet(tmp_path, sheet, manifest)
    assert (revsheet.name, pdf.name) == ("S01-r1.revsheet", "S01-r1.pdf")
    assert revsheet.read_bytes() == sheet.envelope
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert verify_sheet(revsheet.read_bytes(), context).body_sha256 == sheet.body_sha256
    assert sorted(p.name for p in tmp_path.iterdir()) == ["S01-r1.pdf", "S01-r1.revsheet"]


def test_re_export_of_the_same_bytes_is_fine(tmp_path: Path, sheet, manifest) -> None:
    export_sheet(tmp_path, sheet, manifest)
    export_sheet(tmp_path, sheet, manifest)
    assert len(list(tmp_path.iterdir())) == 2


def test_refuses_to_overwrite_a_different_sheet_of_the_same_revision(
        tmp_path: Path, sheet, manifest) -> None:
    revsheet, _ = export_paths(tmp_path, sheet)
    revsheet.write_bytes(b"an earlier export")
    with pytest.raises(ExportFailed, match="different revision 1 sheet"):
        export_sheet(tmp_path, sheet, manifest)
    assert revsheet.read_bytes() == b"an earlier export"


def _fail(code: int, text: str, exc_type: type[OSError] = OSError):
    def raiser(*args, **kwargs):
        raise exc_type(code, text)
    return raiser


def test_full_disk_leaves_nothing(tmp_path: Path, sheet, manifest, monkeypatch) -> None:
    monkeypatch.setattr(os, "fsync", _fail(errno.ENOSPC, "No space left on device"))
    with pytest.raises(ExportFailed) as info:
        export_sheet(tmp_path, sheet, manifest)
    assert str(tmp_path) in str(info.value) and "full" in str(info.value)
    assert isinstance(info.value, ReviewerError)
    assert info.value.cause.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


def test_disk_full_on_the_pdf_removes_the_sheet(tmp_path: Path, sheet, manifest,
                                               monkeypatch) -> None:
    real_fsync = os.fsync
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) > 2:  # the sheet file and its folder succeed, the pdf does not
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(ExportFailed, match="full"):
        export_sheet(tmp_path, sheet, manifest)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("code", "exc_type", "words"), [
    (errno.EROFS, OSError, "read-only"),
    (errno.EACCES, PermissionError, "no permission"),
])
def test_read_only_destination(tmp_path: Path, sheet, manifest, monkeypatch, code, exc_type,
                               words) -> None:
    # Tests run as root, for whom chmod does not stop writing: fail the rename instead.
    monkeypatch.setattr(os, "replace", _fail(code, os.strerror(code), exc_type))
    with pytest.raises(ExportFailed, match=words) as info:
        export_sheet(tmp_path, sheet, manifest)
    assert str(tmp_path) in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_read_only_on_the_pdf_only(tmp_path: Path, sheet, manifest, monkeypatch) -> None:
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith(".pdf"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ExportFailed, match="read-only"):
        export_sheet(tmp_path, sheet, manifest)
    assert list(tmp_path.iterdir()) == []


def test_folder_missing(tmp_path: Path, sheet, manifest) -> None:
    with pytest.raises(ExportFailed, match="does not exist"):
        export_sheet(tmp_path / "unplugged", sheet, manifest)


def test_unsafe_seat_ids_make_safe_file_names(sheet) -> None:
    import dataclasses

    body = dataclasses.replace(sheet.body, seat_id="../../etc/S 1")
    odd = dataclasses.replace(sheet, body=body)
    assert odd.filename == "_.._etc_S_1-r1.revsheet"
    assert "/" not in odd.filename
