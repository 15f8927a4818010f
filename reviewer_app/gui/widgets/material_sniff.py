"""What a material really is, by its first bytes, never by its name or declared type.

Qt picks an image plugin from the content, so a TIFF or SVG named ``.png`` would reach
the TIFF or SVG plugin (an SVG can even pull in a picture from the expert's disk). Only
JPEG and PNG are decoded; everything else is refused with the type we detected.
"""

from __future__ import annotations

ALLOWED_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg"}  # detected type -> Qt format name

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"%PDF-", "PDF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"II+\x00", "BigTIFF"),
    (b"MM\x00+", "BigTIFF"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"icns", "ICNS"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"\x00\x00\x02\x00", "CUR"),
    (b"\x1f\x8b", "gzip (SVGZ?)"),
    (b"PK\x03\x04", "ZIP"),
    (b"8BPS", "PSD"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
    (b"\xff\x4f\xff\x51", "JPEG 2000"),
)


def sniff(data: bytes | bytearray | memoryview) -> str:
    """A short name of the content type ("PNG", "TIFF", "SVG", …, or "unknown")."""
    head = bytes(data[:512])
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:12] in (b"ftypavif", b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "AVIF/HEIF"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<?xml") or text.startswith(b"<svg") or b"<svg" in text:
        return "SVG"
    if text.startswith(b"#define") or text.startswith(b"/* xpm */"):
        return "XBM/XPM"
    if head[:1] == b"P" and head[1:2] in b"123456" and len(head) > 2:
        return "PBM/PGM/PPM"
    if len(head) >= 18 and head[1] in (0, 1) and head[2] in (1, 2, 3, 9, 10, 11):
        return "TGA?"  # TGA has no signature; this header shape is its usual one
    if head[:2] == b"\x00\x00" and len(head) >= 4:
        return "WBMP?"
    return "unknown"


def allowed_image_format(data: bytes | bytearray | memoryview) -> str | None:
    """The Qt format name to decode ``data`` with, or None when it is not allowed."""
    return ALLOWED_IMAGE_FORMATS.get(sniff(data))
