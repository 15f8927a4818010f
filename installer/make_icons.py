"""Generate the app icon's PNG sizes and the Windows .ico from resources/icons/app.svg.

The PNGs go into an XDG icon-theme layout (``hicolor/<n>x<n>/apps/reviewer-app.png``),
which the app loads for its window and a wheel installs under ``<prefix>/share/icons``,
so that the desktop entry's ``Icon=reviewer-app`` finds them.

Run after editing the SVG (the outputs are committed, so a build needs no renderer):

    python installer/make_icons.py

Qt's SVG renderer (QtSvg, in PySide6-Essentials) draws each size; the .ico holds the
sizes Windows asks for (16-256) as PNG entries, which Windows Vista and later read.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "reviewer-app.png"


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_file(pngs: dict[int, bytes]) -> bytes:
    """An ICO container (ICONDIR, one ICONDIRENTRY per size, then the PNG data)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # fonts, painting
    svg = ICONS / "app.svg"
    pngs = {size: render_png(svg, size) for size in PNG_SIZES}
    for size, data in pngs.items():
        png = png_path(size)
        png.parent.mkdir(parents=True, exist_ok=True)
        png.write_bytes(data)
    (ICONS / "app.ico").write_bytes(ico_file({s: pngs[s] for s in ICO_SIZES}))
    del app
    print(f"make_icons: {len(pngs)} PNG sizes and app.ico in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
