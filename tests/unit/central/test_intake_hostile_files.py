"""Hostile files in an intake folder (issue 11, item 2): each one is built here for
real — links, a FIFO, a sparse 3 GiB file, lying extensions, images declaring
huge sizes, cut-short PDFs — and each refusal is shown with its message, in
load_intake, in the build plan and in check-intake/build's output."""

from __future__ import annotations

import json
import os
import struct
import sys
import time
import zlib
from pathlib import Path

import pytest

from reviewer_app.central.intake import load_intake
from reviewer_app.central.manifest import build_manifest
from reviewer_app.cli.admin import main as admin
from reviewer_app.core.errors import IntakeError
from tests.helpers.images import tiny_png
from tests.helpers.intake import MINIMAL_PDF, ROW, jpeg_header, write_intake

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="symlinks/FIFOs as on POSIX")


@pytest.fixture
def intake_dir(tmp_path: Path) -> Path:
    return write_intake(tmp_path / "in", [ROW])


def _refusals(root: Path, **kwargs) -> dict[str, str]:
    intake = load_intake(root, **kwargs)
    return {r.file: r.reason for r in intake.refused}


def _png(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width``×``height`` (valid CRC), with a tiny body."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return tiny_png(b"x")[:8] + chunk + tiny_png(b"x")[33:]


@posix_only
def test_a_symlinked_project_folder_is_refused_not_packaged(intake_dir: Path,
                                                            tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "1-secret.pdf").write_bytes(MINIMAL_PDF)
    project = intake_dir / "materials" / "P1"
    project.rename(tmp_path / "moved")
    project.symlink_to(outside, target_is_directory=True)
    refused = _refusals(intake_dir)
    assert refused == {"materials/P1": "is a symbolic link; an intake holds its files itself "
                                       "(copy the file or folder in instead of linking to it)"}
    assert load_intake(intake_dir).materials == ()  # nothing from outside is taken


@posix_only
def test_symlinked_material_and_intake_files_are_refused(intake_dir: Path,
                                                         tmp_path: Path) -> None:
    (tmp_path / "elsewhere.pdf").write_bytes(MINIMAL_PDF)
    (intake_dir / "materials" / "P1" / "8-链接.pdf").symlink_to(tmp_path / "elsewhere.pdf")
    assert _refusals(intake_dir)["materials/P1/8-链接.pdf"].startswith("is a symbolic link")
    # The tables too: applications.csv linked from elsewhere is not read.
    apps = intake_dir / "applications.csv"
    apps.rename(tmp_path / "apps.csv")
    apps.symlink_to(tmp_path / "apps.csv")
    with pytest.raises(IntakeError, match=r"applications\.csv: is a symbolic link"):
        load_intake(intake_dir)


@posix_only
def test_a_fifo_is_refused_without_blocking(intake_dir: Path) -> None:
    os.mkfifo(intake_dir / "materials" / "P1" / "8-管道.pdf")
    started = time.monotonic()
    refused = _refusals(intake_dir)
    assert refused["materials/P1/8-管道.pdf"] == "is a FIFO (named pipe), not a file"
    assert time.monotonic() - started < 5


def test_content_must_match_the_extension(intake_dir: Path) -> None:
    folder = intake_dir / "materials" / "P1"
    (folder / "8-说明.pdf").write_text("这不是 PDF，只是文字\n", encoding="utf-8")
    (folder / "8-扫描.png").write_bytes(b"II*\x00" + bytes(64))          # a TIFF
    (folder / "8-图标.png").write_bytes(b'<?xml version="1.0"?><svg xmlns="x"/>')
    (folder / "8-照片.png").write_bytes(jpeg_header(800, 600))           # a JPEG
    (folder / "8-合照.jpg").write_bytes(tiny_png(b"x"))                  # a PNG
    (folder / "8-空白.pdf").write_bytes(b"")
    refused = _refusals(intake_dir)
    assert refused == {
        "materials/P1/8-说明.pdf": "content is text, not a PDF (it does not start with "
                                   "%PDF-) (convert it to PDF, PNG or JPEG)",
        "materials/P1/8-扫描.png": "content is a TIFF image, not a PNG (convert it to PDF, "
                                   "PNG or JPEG)",
        "materials/P1/8-图标.png": "content is an SVG image, not a PNG (convert it to PDF, "
                                   "PNG or JPEG)",
        "materials/P1/8-照片.png": "content is a JPEG image, not a PNG (rename it to .jpg)",
        "materials/P1/8-合照.jpg": "content is a PNG image, not a JPEG (rename it to .png)",
        "materials/P1/8-空白.pdf": "is empty",
    }


def test_a_sparse_3_gib_pdf_is_refused_by_size_without_reading_it(intake_dir: Path) -> None:
    huge = intake_dir / "materials" / "P1" / "8-巨大.pdf"
    with open(huge, "wb") as handle:
        handle.write(MINIMAL_PDF)
        handle.truncate(3 * 1024**3)  # sparse: no 3 GiB are written
    started = time.monotonic()
    assert _refusals(intake_dir)["materials/P1/8-巨大.pdf"] == (
        "is 3,221 MB, above the limit of 200 MB (raise the limit with --max-material-mb)")
    assert time.monotonic() - started < 5
    # The limit is the caller's: a small one refuses an ordinary PDF too.
    assert "above the limit of 0 MB" in _refusals(intake_dir, max_material_mb=0.0001)[
        "materials/P1/1-材料1.pdf"]


def test_images_declaring_too_many_pixels_are_refused(intake_dir: Path) -> None:
    folder = intake_dir / "materials" / "P1"
    (folder / "8-炸弹.png").write_bytes(_png(100_000, 100_000))
    (folder / "8-炸弹.jpg").write_bytes(jpeg_header(65_000, 65_000))
    (folder / "8-零高.jpg").write_bytes(jpeg_header(640, 0))
    (folder / "8-正常.png").write_bytes(_png(4000, 3000))
    (folder / "8-正常.jpeg").write_bytes(jpeg_header(4000, 3000))
    refused = _refusals(intake_dir)
    assert refused == {
        "materials/P1/8-炸弹.png": "the PNG declares 100000×100000 pixels (10,000 Mpx), above "
                                   "the limit of 64 Mpx",
        "materials/P1/8-炸弹.jpg": "the JPEG declares 65000×65000 pixels (4,225 Mpx), above "
                                   "the limit of 64 Mpx",
        "materials/P1/8-零高.jpg": "the JPEG declares a size of 640×0 pixels",
    }
    names = {m.ref.filename for m in load_intake(intake_dir).materials}
    assert {"8-正常.png", "8-正常.jpeg"} <= names


def test_damaged_pngs_are_refused(intake_dir: Path) -> None:
    folder = intake_dir / "materials" / "P1"
    good = _png(10, 10)
    (folder / "8-截断.png").write_bytes(good[:-12])
    (folder / "8-校验.png").write_bytes(good[:20] + b"\xff" + good[21:])
    refused = _refusals(intake_dir)
    assert refused["materials/P1/8-截断.png"] == ("the PNG does not end with its IEND chunk: it "
                                                 "is cut short or damaged")
    assert refused["materials/P1/8-校验.png"] == ("the PNG's header chunk (IHDR) is damaged "
                                                 "(checksum mismatch)")


def _xref_stream_pdf() -> bytes:
    """A PDF 1.5 whose cross-reference is a stream object (as many scanners write)."""
    body = bytearray(b"%PDF-1.5\n")
    first = len(body)
    body += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    second = len(body)
    body += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    xref = len(body)
    rows = b"".join(struct.pack(">BHB", kind, offset, 0)
                    for kind, offset in ((0, 0), (1, first), (1, second), (1, xref)))
    body += (b"3 0 obj\n<< /Type /XRef /Size 4 /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n"
             % len(rows)) + rows + b"\nendstream\nendobj\n"
    body += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(body)


def test_pdf_structure_is_checked_without_rendering(intake_dir: Path) -> None:
    folder = intake_dir / "materials" / "P1"
    (folder / "8-截断.pdf").write_bytes(MINIMAL_PDF[:-40])
    wrong = MINIMAL_PDF.replace(b"startxref\n186", b"startxref\n100")
    assert wrong != MINIMAL_PDF
    (folder / "8-错位.pdf").write_bytes(wrong)
    outside = MINIMAL_PDF.replace(b"startxref\n186", b"startxref\n999999")
    (folder / "8-越界.pdf").write_bytes(outside)
    (folder / "8-无根.pdf").write_bytes(MINIMAL_PDF.replace(b"/Root 1 0 R", b"/Info 1 0 R"))
    (folder / "8-流.pdf").write_bytes(_xref_stream_pdf())
    (folder / "8-增量.pdf").write_bytes(MINIMAL_PDF + b"% an incremental update\n"
                                       + MINIMAL_PDF[MINIMAL_PDF.index(b"xref"):])
    refused = _refusals(intake_dir)
    assert refused == {
        "materials/P1/8-截断.pdf": "the PDF has no %%EOF in its last 1024 bytes: it is cut "
                                   "short or damaged",
        "materials/P1/8-错位.pdf": "the PDF's startxref offset 100 does not point at a "
                                   "cross-reference table",
        "materials/P1/8-越界.pdf": f"the PDF's startxref offset 999999 lies outside the file "
                                   f"({len(outside)} bytes)",
        "materials/P1/8-无根.pdf": "the PDF's cross-reference table has no trailer naming "
                                   "its /Root",
    }


@posix_only
def test_every_refusal_is_listed_and_nothing_is_built(intake_dir: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture) -> None:
    folder = intake_dir / "materials" / "P1"
    (folder / "8-说明.pdf").write_text("text", encoding="utf-8")
    os.mkfifo(folder / "8-管道.png")
    (folder / "8-链接.jpg").symlink_to(tmp_path / "nowhere.jpg")
    intake = load_intake(intake_dir)
    with pytest.raises(IntakeError) as info:
        build_manifest(intake)
    message = str(info.value)
    assert "3 file(s) refused, no package built" in message
    for name in ("8-说明.pdf", "8-管道.png", "8-链接.jpg"):
        assert f"materials/P1/{name}: " in message

    assert admin(["check-intake", str(intake_dir)]) == 1
    out = capsys.readouterr().out
    assert "拒收文件 / refused: 3 file(s)" in out
    assert "materials/P1/8-管道.png: is a FIFO (named pipe), not a file" in out
    assert "materials/P1/8-说明.pdf: content is text, not a PDF" in out
    assert admin(["check-intake", str(intake_dir), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert {r["file"] for r in document["refused"]} == {
        f"materials/P1/{name}" for name in ("8-说明.pdf", "8-管道.png", "8-链接.jpg")}

    (tmp_path / "pass.txt").write_text("a passphrase for the test package\n")
    out_file = tmp_path / "s.revpkg"
    assert admin(["build", str(intake_dir), "--out", str(out_file), "--passphrase-file",
                  str(tmp_path / "pass.txt")]) == 1
    err = capsys.readouterr().err
    assert "3 file(s) refused, no package built" in err
    assert "materials/P1/8-链接.jpg: is a symbolic link" in err
    assert not out_file.exists()


def test_a_file_name_with_escape_sequences_cannot_act_on_the_terminal(
        intake_dir: Path, capsys: pytest.CaptureFixture) -> None:
    folder = intake_dir / "materials" / "P1"
    (folder / "\x1b[2K\x1b[1A说明.txt").write_text("x")        # ignored: a warning names it
    (folder / "8-\u202egpj.pdf").write_bytes(MINIMAL_PDF)      # a bidi override in the name
    refused = _refusals(intake_dir)
    assert refused == {"materials/P1/8-\u202egpj.pdf": "the file name contains the control "
                                                       "character U+202E; rename the file"}
    assert admin(["check-intake", str(intake_dir)]) == 1
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\u202e" not in stream
    assert "materials/P1/\\u001b[2K\\u001b[1A说明.txt: not named" in captured.err
    assert "materials/P1/8-\\u202egpj.pdf: the file name contains" in captured.out


@posix_only
def test_a_hard_linked_material_is_refused(intake_dir: Path, tmp_path: Path) -> None:
    """A hard link is the same file as one elsewhere (a secret of the machine, say):
    it cannot be told from a copy by its entry, so any file with other links is
    refused."""
    (tmp_path / "elsewhere.pdf").write_bytes(MINIMAL_PDF)
    os.link(tmp_path / "elsewhere.pdf", intake_dir / "materials" / "P1" / "8-硬链接.pdf")
    assert _refusals(intake_dir)["materials/P1/8-硬链接.pdf"] == (
        "has 1 other hard link(s), so it may be a file from outside the intake; copy the "
        "file in instead")


@posix_only
def test_a_project_folder_swapped_for_a_link_after_listing_is_refused(
        intake_dir: Path, tmp_path: Path) -> None:
    """The folder listed by its parent must be the folder read: one swapped for a link
    between the two looks is refused, not followed."""
    from reviewer_app.central.intake_files import Refused, scan_folder

    project = intake_dir / "materials" / "P1"
    listed = project.lstat()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "1-secret.pdf").write_bytes(MINIMAL_PDF)
    project.rename(tmp_path / "moved")
    project.symlink_to(outside, target_is_directory=True)
    with pytest.raises(Refused, match=r"symbolic link|changed while"):
        scan_folder(project, listed)
    # Swapped for another real folder: refused as changed.
    project.unlink()
    outside.rename(project)
    with pytest.raises(Refused, match="changed while it was being read"):
        scan_folder(project, listed)


def test_a_material_replaced_after_the_check_is_not_packaged(intake_dir: Path,
                                                             tmp_path: Path) -> None:
    """The writer opens each material again, later: a file put in its place since the
    check (same name, same size) is refused instead of packaged unchecked."""
    from reviewer_app.central.manifest import member_sources
    from reviewer_app.package import write_package
    from reviewer_app.package.errors import PackageWriteError

    intake = load_intake(intake_dir)
    plan = build_manifest(intake)
    victim = intake.materials[0].path
    swapped = tmp_path / "swapped"
    swapped.write_bytes(b"%" * victim.stat().st_size)
    os.replace(swapped, victim)  # a new file (new inode) of the same size
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    with pytest.raises(PackageWriteError, match="not the file that was checked"):
        write_package(tmp_path / "p.revpkg", plan.manifest, member_sources(plan),
                      organizer_key=Ed25519PrivateKey.generate(), organizer_name="t",
                      passphrase="correct horse battery staple",
                      package_id=plan.package_id)
    assert not (tmp_path / "p.revpkg").exists()
