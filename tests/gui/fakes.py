"""An in-memory review package for GUI tests: real PDFs and images, no crypto.

``FakePackage`` implements :class:`reviewer_app.gui.expert.session.OpenedPackage`;
``FakeOpener`` stands in for :func:`reviewer_app.gui.expert.session.open_package` and
refuses a wrong passphrase the way the reader does.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections.abc import Collection
from pathlib import Path
from typing import Any

import blake3
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reviewer_app.central.intake import load_intake
from reviewer_app.central.manifest import build_manifest
from reviewer_app.core.seat_codes import ALPHABET, CODE_BYTES, canonical_seat_code
from reviewer_app.gui.expert.session import Credentials, FailureKind, OpenFailure
from tests.helpers.images import tiny_png
from tests.helpers.intake import ROW, write_intake
from tests.helpers.programs import make_uscc

PASSPHRASE = "correct horse battery staple"
SEAT_ID = "S01"
SEAT_CODE = "ABCD-EFGH-JKMN-PQRS"
PACKAGE_ID = "5eed" * 8
MARKER = "MARKER-{pid}-{cat}-ZQX"


def _font() -> str:
    try:  # the CJK font helper is written by another engineer; Helvetica will do without it
        from reviewer_app.pdffont import register_cjk_font
        return register_cjk_font()
    except Exception:
        return "Helvetica"


def make_pdf(title: str, marker: str, pages: int = 3, *, filler: int = 0) -> bytes:
    """A real PDF whose every page carries ``marker`` as extractable text."""
    out = io.BytesIO()
    # Uncompressed content streams: the marker appears as plain bytes in the file, so a
    # scan of the disk for it is meaningful.
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=0)
    font = _font()
    for page in range(pages):
        pdf.setFont(font, 18)
        pdf.drawString(72, 770, f"{title} - page {page + 1}")
        pdf.setFont("Helvetica", 12)
        pdf.drawString(72, 740, f"{marker} page {page + 1}")
        pdf.drawString(72, 720, "The applicant deployed a quality inspection model.")
        for line in range(filler):
            pdf.drawString(72, 700 - 12 * (line % 50), f"filler {page} {line} " + "x" * 60)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def make_png(marker: str | bytes, *, colour: str = "#dfe7ef", size: tuple[int, int] = (400, 300),
             text: str | None = None) -> bytes:
    """A real PNG showing ``text`` (default: the marker), with the marker's bytes after
    its end: PNG readers ignore them, a raw scan of a file finds them."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    raw = marker.encode() if isinstance(marker, str) else marker
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    painter = QPainter(image)
    painter.drawText(20, 40, raw.decode(errors="replace") if text is None else text)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data) + raw


def _seat_code_bytes(code: str) -> bytes:
    """The random bytes that the planner turns into ``code`` (so its check value fits)."""
    number = 0
    for ch in canonical_seat_code(code):
        number = number * 32 + ALPHABET.index(ch)
    return number.to_bytes(CODE_BYTES, "big")


def build_manifest_and_members(root: Path, projects: int = 3
                               ) -> tuple[dict[str, Any], dict[int, bytes]]:
    """A manifest made by the real planner, and real PDFs/PNGs for its members."""
    rows = [{**ROW, "project_id": f"P{i}", "project_title": f"智能质检{i}",
             "uscc": make_uscc(100 + i)} for i in range(1, projects + 1)]
    intake_root = write_intake(root / "intake", rows)
    for row in rows:  # one photo in category 8 per project
        (intake_root / "materials" / row["project_id"] / "8-现场照片.png").write_bytes(
            tiny_png(b"photo"))
    plan = build_manifest(load_intake(intake_root), random_bytes=[_seat_code_bytes(SEAT_CODE)],
                          package_id=bytes.fromhex(PACKAGE_ID))
    manifest = json.loads(json.dumps(plan.manifest, ensure_ascii=False))
    manifest["package_id"] = PACKAGE_ID
    members: dict[int, bytes] = {}
    entries = []
    for project in manifest["projects"]:
        for material in project["materials"]:
            marker = MARKER.format(pid=project["project_id"], cat=material["category"])
            if material["media_type"] == "image/png":
                data = make_png(marker)
            else:
                data = make_pdf(material["title"], marker)
            members[material["member_id"]] = data
            entries.append({"id": material["member_id"], "name": material["title"],
                            "media_type": material["media_type"], "length": len(data),
                            "blake3": blake3.blake3(data).hexdigest()})
    manifest["members"] = entries
    return manifest, members


class FakePackage:
    """Implements the GUI's OpenedPackage protocol in memory."""

    def __init__(self, manifest: dict[str, Any], members: dict[int, bytes],
                 key: bytes = b"k" * 32) -> None:
        self.manifest = manifest
        self.package_id = manifest["package_id"]
        raw = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()
        self.manifest_sha256 = hashlib.sha256(raw).hexdigest()
        self.organizer_fingerprint = "ABCD 1234"
        self._members = members
        self._key = key
        self._lock = threading.Lock()
        self.reads: list[int] = []
        self.closed = False

    def read_member(self, member_id: int) -> bytes:
        with self._lock:
            if self.closed:
                raise OpenFailure(FailureKind.OTHER, "package is closed")
            self.reads.append(member_id)
            return self._members[member_id]

    def workspace_key(self) -> bytes:
        return self._key

    def close(self) -> None:
        self.closed = True


class FakeOpener:
    """Callable like session.open_package: checks the passphrase and the trust list."""

    def __init__(self, manifest: dict[str, Any], members: dict[int, bytes], *,
                 passphrase: str = PASSPHRASE, organizer_key: str | None = None) -> None:
        self.manifest = manifest
        self.members = members
        self.passphrase = passphrase
        self.organizer_key = organizer_key
        self.calls = 0
        self.opened: list[FakePackage] = []

    def __call__(self, path: Path, credentials: Credentials,
                 trusted_keys: Collection[str]) -> FakePackage:
        self.calls += 1
        if not Path(path).exists():
            raise OpenFailure(FailureKind.UNREADABLE, f"no such file: {path}")
        if credentials.passphrase != self.passphrase:
            raise OpenFailure(FailureKind.WRONG_PASSPHRASE, "wrong passphrase")
        if self.organizer_key and self.organizer_key not in trusted_keys:
            raise OpenFailure(FailureKind.UNTRUSTED_ORGANIZER, "organizer key not trusted",
                              fingerprint="1A2B 3C4D 5E6F", public_key=self.organizer_key)
        package = FakePackage(self.manifest, self.members)
        self.opened.append(package)
        return package
