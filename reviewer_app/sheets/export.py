"""Writing a signed sheet and its PDF to the folder the expert picked (often a USB stick)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reviewer_app.atomic import atomic_write_bytes
from reviewer_app.core.errors import ReviewerError
from reviewer_app.sheets.build import SignedSheet
from reviewer_app.sheets.errors import ExportFailed, PhotoExportFailed, SheetError
from reviewer_app.sheets.pdf import Progress, render_sheet_pdf


@dataclass(frozen=True)
class PhotoExport:
    """What writing a sheet's photo package takes (docs/formats.md §5)."""

    return_key: bytes                       # the manifest's return_recipient, raw X25519
    signing_key: Ed25519PrivateKey          # the key that signed the sheet
    image: Callable[[str, str], bytes]      # (project id, sha256) -> bytes, from the workspace


def export_paths(folder: Path, sheet: SignedSheet) -> tuple[Path, Path]:
    """Where :func:`export_sheet` writes: ``<seat>-r<revision>.revsheet`` and ``.pdf``."""
    revsheet = Path(folder) / sheet.filename
    return revsheet, revsheet.with_suffix(".pdf")


def export_sheet(folder: Path, sheet: SignedSheet, manifest: Mapping[str, Any], *,
                 pdf: bytes | None = None,
                 photos: PhotoExport | None = None) -> tuple[Path, Path]:
    """Write the .revsheet and its printable PDF, both or neither (and with
    ``photos``, the sheet's photo package ``<seat>-r<N>.revphotos`` first: all three or
    none).

    ``pdf`` is the sheet's PDF when the caller rendered it already (the app renders
    it off the GUI thread, with progress); otherwise it is rendered here.

    Each file is written atomically; when the second write fails the first is
    removed again, so the folder never holds a sheet without its PDF or half a file.
    A revision already exported with other bytes is refused: two different
    sheets with one revision number are flagged as equivocation at merge.

    Returns:
        The paths of the .revsheet and the PDF.

    Raises:
        ExportFailed: naming the folder and the cause (full, read-only, no permission,
            missing, or an existing different sheet of the same revision).
    """
    folder = Path(folder)
    revsheet_path, pdf_path = export_paths(folder, sheet)
    if pdf is None:
        try:
            pdf = render_pdf(sheet, manifest)
        except SheetError as exc:
            raise ExportFailed(folder, exc) from exc
    existed = _check_existing(folder, revsheet_path, sheet)
    written: list[Path] = []
    try:
        if photos is not None:
            photos_path, photos_existed = _write_photos(folder, sheet, photos)
            if not photos_existed:
                written.append(photos_path)
        atomic_write_bytes(revsheet_path, sheet.envelope)
        if not existed:
            written.append(revsheet_path)
        atomic_write_bytes(pdf_path, pdf)
    except (OSError, SheetError) as exc:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise ExportFailed(folder, exc) from exc
    return revsheet_path, pdf_path


def _write_photos(folder: Path, sheet: SignedSheet, photos: PhotoExport) -> tuple[Path, bool]:
    """The photo package, written atomically (0600). A re-export of the same revision
    replaces an earlier one: the same photos, only encrypted afresh.

    Raises:
        PhotoExportFailed: a photo no longer in the workspace, or not matching its hash.
        OSError: it cannot be written.
    """
    from reviewer_app.package import PackageWriteError
    from reviewer_app.sheets.photos import (
        PhotoPackageError,
        photo_package_name,
        write_photo_package,
    )

    path = folder / photo_package_name(sheet)
    existed = path.exists()
    try:
        write_photo_package(path, sheet, return_key=photos.return_key,
                            signing_key=photos.signing_key, image=photos.image)
    except KeyError as exc:
        raise PhotoExportFailed(f"photo {exc.args[0]} is no longer in the workspace") from None
    except (PhotoPackageError, PackageWriteError) as exc:
        raise PhotoExportFailed(f"the photo package cannot be written: {exc}") from exc
    except ReviewerError as exc:  # WorkspaceKeyError: the workspace was altered
        raise PhotoExportFailed(f"a photo cannot be read from the workspace: {exc}") from exc
    return path, existed


def render_pdf(sheet: SignedSheet, manifest: Mapping[str, Any], *,
               progress: Progress | None = None) -> bytes:
    """The sheet's printable PDF.

    Raises:
        SheetError: it cannot be rendered (reportlab raises plain exceptions; the
            expert needs one message).
        Whatever ``progress`` raised: it stopped the rendering (a cancel).
    """
    stopped: list[BaseException] = []

    def guarded(done: int, total: int) -> None:
        assert progress is not None
        try:
            progress(done, total)
        except BaseException as exc:
            stopped.append(exc)
            raise

    try:
        return render_sheet_pdf(sheet.body, sheet.body_sha256, manifest,
                                progress=guarded if progress is not None else None)
    except Exception as exc:
        if stopped:
            raise stopped[0] from None
        raise SheetError(f"cannot render the pdf: {exc}") from exc


def _check_existing(folder: Path, path: Path, sheet: SignedSheet) -> bool:
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise ExportFailed(folder, exc) from exc
    if current != sheet.envelope:
        raise ExportFailed(folder, SheetError(
            f"{path.name} already holds a different revision {sheet.revision} sheet; "
            "export the next revision instead"))
    return True
