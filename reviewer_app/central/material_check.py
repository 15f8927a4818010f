"""Does a material hold what its name says? Bounded checks, nothing rendered.

The experts' viewer renders PDFs and images from applicants; what it is given
must at least be what the file name claims. These checks read a few kilobytes
at known places of the file (never the whole file, never decompressing):

* PDF: starts with ``%PDF-1.x``/``%PDF-2.x``; ends with ``startxref <offset>``
  and ``%%EOF`` within its last 1024 bytes; the offset lies inside the file and
  points at a cross-reference table followed by a trailer naming ``/Root``, or at
  a cross-reference stream object (``/Type /XRef``) naming ``/Root``.
* PNG: the signature, a first IHDR chunk of 13 bytes with a valid CRC, a width
  and height above zero, a valid bit depth and colour type, the IEND chunk last.
* JPEG: ``FF D8 FF``, then segments up to the first frame header (SOF), whose
  width and height must be above zero.
* Images: at most :data:`MAX_IMAGE_PIXELS` declared pixels (a small file can
  declare a picture that takes gigabytes to decode).

Content that is not what the extension says is named when it is recognisable
(a TIFF, an SVG, text, a ZIP …), so the secretariat knows what to convert.
"""

from __future__ import annotations

import re
import struct
import zlib
from typing import BinaryIO

MAX_IMAGE_PIXELS = 64_000_000
PDF_TAIL = 1024          # %%EOF must lie in the last 1024 bytes (ISO 32000 §7.5.5)
TRAILER_WINDOW = 65_536  # where a classic trailer dictionary is looked for
XREF_WINDOW = 4096       # what is read at the startxref offset
JPEG_MAX_SEGMENTS = 512  # segments walked before the frame header

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"
JPEG_START = b"\xff\xd8\xff"
_JPEG_FRAMES = {*range(0xC0, 0xC4), *range(0xC5, 0xC8), *range(0xC9, 0xCC), *range(0xCD, 0xD0)}
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}

_PDF_HEADER = re.compile(rb"%PDF-[12]\.[0-9]")
_PDF_WS = rb"[\x00\t\n\x0c\r ]"
_STARTXREF = re.compile(rb"startxref" + _PDF_WS + rb"+([0-9]{1,15})" + _PDF_WS + rb"*%%EOF"
                        + _PDF_WS + rb"*$")
_XREF_TABLE = re.compile(rb"xref" + _PDF_WS + rb"*[0-9]+ [0-9]+")
_XREF_STREAM = re.compile(rb"[0-9]+" + _PDF_WS + rb"+[0-9]+" + _PDF_WS + rb"+obj\b")
_XREF_TYPE = re.compile(rb"/Type" + _PDF_WS + rb"*/XRef\b")
_ROOT = re.compile(rb"/Root\b")

# (offset, magic, what it is) for naming content that is not what its name says.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF-", "a PDF document"),
    (0, PNG_SIGNATURE, "a PNG image"),
    (0, JPEG_START, "a JPEG image"),
    (0, b"II*\x00", "a TIFF image"),
    (0, b"MM\x00*", "a TIFF image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (8, b"WEBP", "a WebP image"),
    (4, b"ftyp", "an HEIC/HEIF image or a video"),
    (0, b"PK\x03\x04", "a ZIP archive (or a Word/Excel/OFD file)"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word/Excel document"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"\x7fELF", "a program"),
)


def _read_at(handle: BinaryIO, offset: int, count: int) -> bytes:
    handle.seek(offset)
    return handle.read(count)


def describe_content(head: bytes) -> str:
    """What the first bytes of a file look like, in words."""
    for offset, magic, what in _SIGNATURES:
        if head[offset:offset + len(magic)] == magic:
            return what
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<svg", b"<!doctype", b"<html")):
        return "an SVG image" if b"<svg" in head.lower() else "XML or HTML text"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "text"
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 3:  # a character cut by the read
                return "text"
    return "data of an unknown kind"


def _not_what_named(head: bytes, named: str, hint: str) -> str:
    return f"content is {describe_content(head)}, not {named}{hint}"


def _rename_hint(head: bytes) -> str:
    if head.startswith(PNG_SIGNATURE):
        return " (rename it to .png)"
    if head.startswith(JPEG_START):
        return " (rename it to .jpg)"
    if head.startswith(b"%PDF-"):
        return " (rename it to .pdf)"
    return " (convert it to PDF, PNG or JPEG)"


def pdf_problem(handle: BinaryIO, size: int) -> str | None:
    """Why a file named ``.pdf`` is not structurally a PDF, or None."""
    head = _read_at(handle, 0, 1024)
    if not _PDF_HEADER.match(head):
        return _not_what_named(head, "a PDF (it does not start with %PDF-)", _rename_hint(head))
    tail = _read_at(handle, max(0, size - PDF_TAIL), PDF_TAIL)
    eof = tail.rfind(b"%%EOF")
    if eof < 0:
        return "the PDF has no %%EOF in its last 1024 bytes: it is cut short or damaged"
    start = tail.rfind(b"startxref", 0, eof)
    found = _STARTXREF.match(tail, start) if start >= 0 else None
    if found is None:
        return "the PDF has no startxref offset before its last %%EOF: it is damaged"
    offset = int(found.group(1))
    if not 0 < offset < size:
        return f"the PDF's startxref offset {offset} lies outside the file ({size} bytes)"
    window = _read_at(handle, offset, XREF_WINDOW)
    window = window[len(window) - len(window.lstrip(b"\x00\t\n\x0c\r ")):]
    if _XREF_TABLE.match(window):
        trailer_from = max(offset, size - TRAILER_WINDOW)
        region = _read_at(handle, trailer_from, size - trailer_from)
        trailer = region.rfind(b"trailer")
        if trailer < 0 or not _ROOT.search(region, trailer):
            return "the PDF's cross-reference table has no trailer naming its /Root"
        return None
    if _XREF_STREAM.match(window):
        dictionary = window.split(b"stream", 1)[0]
        if not _XREF_TYPE.search(dictionary) or not _ROOT.search(dictionary):
            return "the PDF's startxref does not point at a cross-reference stream with /Root"
        return None
    return f"the PDF's startxref offset {offset} does not point at a cross-reference table"


def _pixels_problem(width: int, height: int, kind: str) -> str | None:
    if width == 0 or height == 0:
        return f"the {kind} declares a size of {width}×{height} pixels"
    if width * height > MAX_IMAGE_PIXELS:
        return (f"the {kind} declares {width}×{height} pixels "
                f"({width * height / 1e6:,.0f} Mpx), above the limit of "
                f"{MAX_IMAGE_PIXELS // 1_000_000} Mpx")
    return None


def png_problem(handle: BinaryIO, size: int) -> str | None:
    """Why a file named ``.png`` is not a sane PNG, or None."""
    head = _read_at(handle, 0, 33)
    if not head.startswith(PNG_SIGNATURE):
        return _not_what_named(head, "a PNG", _rename_hint(head))
    if len(head) < 33 or head[8:16] != b"\x00\x00\x00\x0dIHDR":
        return "the PNG does not begin with its header chunk (IHDR)"
    if zlib.crc32(head[12:29]) != struct.unpack(">I", head[29:33])[0]:
        return "the PNG's header chunk (IHDR) is damaged (checksum mismatch)"
    width, height, depth, colour = struct.unpack(">IIBB", head[16:26])
    if width >= 2**31 or height >= 2**31:
        return f"the PNG declares an impossible size of {width}×{height} pixels"
    if depth not in _PNG_DEPTHS.get(colour, ()):
        return f"the PNG declares colour type {colour} with bit depth {depth}, which PNG lacks"
    problem = _pixels_problem(width, height, "PNG")
    if problem:
        return problem
    if size < 33 + len(PNG_IEND) or _read_at(handle, size - len(PNG_IEND), 12) != PNG_IEND:
        return "the PNG does not end with its IEND chunk: it is cut short or damaged"
    return None


def jpeg_problem(handle: BinaryIO, size: int) -> str | None:
    """Why a file named ``.jpg``/``.jpeg`` is not a sane JPEG, or None."""
    head = _read_at(handle, 0, 32)
    if not head.startswith(JPEG_START):
        return _not_what_named(head, "a JPEG", _rename_hint(head))
    position = 2
    for _ in range(JPEG_MAX_SEGMENTS):
        marker = _read_at(handle, position, 4)
        if len(marker) < 2 or marker[0] != 0xFF:
            return f"the JPEG is malformed at byte {position} (no segment marker)"
        code = marker[1]
        if code == 0xFF:  # fill byte
            position += 1
            continue
        if code == 0x01 or 0xD0 <= code <= 0xD8:  # markers without a length
            position += 2
            continue
        if code in (0xD9, 0xDA):
            return "the JPEG has no frame header (SOF) before its image data"
        if len(marker) < 4 or struct.unpack(">H", marker[2:4])[0] < 2:
            return f"the JPEG is malformed at byte {position} (bad segment length)"
        if code in _JPEG_FRAMES:
            frame = _read_at(handle, position + 4, 5)
            if len(frame) < 5:
                return "the JPEG ends inside its frame header"
            height, width = struct.unpack(">HH", frame[1:5])
            return _pixels_problem(width, height, "JPEG")
        position += 2 + struct.unpack(">H", marker[2:4])[0]
        if position >= size:
            break
    return "the JPEG has no frame header (SOF) where one is expected"


CHECKS = {"application/pdf": pdf_problem, "image/png": png_problem, "image/jpeg": jpeg_problem}


def content_problem(handle: BinaryIO, size: int, media_type: str) -> str | None:
    """Why the content of an open material does not fit ``media_type``, or None."""
    if size == 0:
        return "is empty"
    return CHECKS[media_type](handle, size)
