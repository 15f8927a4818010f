"""Hostile materials, built byte by byte (issue 11): each one hung, crashed or exhausted
the app while materials were parsed in its own process.

Everything here is generated: no sample files are checked in.
"""

from __future__ import annotations

import struct
import zlib


def deflate_repeated(block: bytes, count: int) -> bytes:
    """A zlib stream of ``block * count`` without compressing it all: one raw deflate of
    ``block`` ending in a full flush is self-contained, so it can simply be repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(count):
        adler = zlib.adler32(block, adler)
    # Then a final, empty fixed-Huffman block and the Adler-32 of everything.
    return b"\x78\xda" + piece * count + b"\x03\x00" + struct.pack(">I", adler)


def _rows_per_block(line: int, height: int) -> int:
    rows = max(1, min(height, (1 << 20) // line))
    while height % rows:
        rows -= 1
    return rows


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF with a correct cross-reference table around ``objects`` (numbered from 1)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, root, xref))
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def looping_page_tree_pdf() -> bytes:
    """A page tree whose /Pages node lists itself among its kids (and claims pages it
    never reaches): the parser follows the loop."""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
    ])


def huge_page_pdf(points: int = 14400) -> bytes:
    """One page of ``points`` x ``points`` (200 inches, PDF's maximum): at 400 % a
    naive viewer asks for tens of gigabytes of pixels."""
    content = b"0 0 1 rg 0 0 %d %d re f" % (points, points)
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R >>"
        % (points, points),
        _stream(content),
    ])


def flate_bomb_pdf(side: int = 24000) -> bytes:
    """A page whose image is ``side``² pixels of RGB, flate-compressed to a few hundred
    KB; decoding it needs ~``side``² x 3 bytes (1.6 GiB by default)."""
    row = b"\x00" + b"\x00" * (side * 3)  # PNG predictor byte + black pixels
    rows = _rows_per_block(len(row), side)
    packed = deflate_repeated(row * rows, side // rows)
    content = b"q 576 0 0 576 18 108 cm /Im0 Do Q"
    image = _stream(bytes(packed),
                    b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace "
                    b"/DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms "
                    b"<< /Predictor 15 /Colors 3 /Columns %d >> " % (side, side, side))
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
        _stream(content),
        image,
    ])


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, *, bit_depth: int = 8, colour_type: int = 2,
        row: bytes | None = None) -> bytes:
    """A valid PNG of ``width`` x ``height`` whose every row is ``row`` (default zeros),
    compressed as one stream: tall or wide images stay small on disk."""
    channels = {0: 1, 2: 3, 6: 4}[colour_type]
    row_bytes = (width * channels * bit_depth + 7) // 8
    line = b"\x00" + (row if row is not None else b"\x00" * row_bytes)
    rows = _rows_per_block(len(line), height)
    packed = deflate_repeated(line * rows, height // rows)
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", packed) + _png_chunk(b"IEND", b""))


def tall_one_bit_png() -> bytes:
    """100 x 600000 pixels, 1 bit each: ~8 KB that passed the old 256 MB decode limit and
    then asked the smooth scaler for ~9 GB at fit width."""
    return png(100, 600000, bit_depth=1, colour_type=0, row=b"\xaa" * 13)


def big_square_png(side: int = 8000) -> bytes:
    """``side``² RGB pixels (64 Mpx at 8000): 4.2 GB at 400 % in the old viewer."""
    return png(side, side, row=b"\x80\x40\x20" * side)


def tiff_named_png() -> bytes:
    """A minimal valid little-endian TIFF (1 x 1, 8-bit grey): once reached Qt's TIFF
    plugin through a ``.png`` name."""
    entries = [(256, 3, 1, 1), (257, 3, 1, 1), (258, 3, 1, 8), (259, 3, 1, 1),
               (262, 3, 1, 1), (273, 4, 1, 8 + 2 + 12 * 9 + 4), (277, 3, 1, 1),
               (278, 3, 1, 1), (279, 4, 1, 1)]
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        ifd += struct.pack("<HHI", tag, kind, count)
        ifd += struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
    ifd += struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\x7f"


def svg_named_png(local_file: str = "/etc/hostname") -> bytes:
    """An SVG that draws a picture from the expert's disk (it did, through Qt's SVG
    plugin, while formats were detected from the content)."""
    return (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
            b'xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="200">'
            b'<image xlink:href="file://' + local_file.encode() + b'" width="200" '
            b'height="200"/></svg>\n')


# (name, media type claimed by the package, builder, what must happen: the error code
# the worker refuses it with, or None when it is shown, clamped)
CASES: tuple[tuple[str, str, object, str | None], ...] = (
    ("looping-page-tree.pdf", "application/pdf", looping_page_tree_pdf, "timeout"),
    ("14400pt-page.pdf", "application/pdf", huge_page_pdf, None),
    ("flate-bomb.pdf", "application/pdf", flate_bomb_pdf, "either"),
    ("100x600000-1bit.png", "image/png", tall_one_bit_png, None),
    ("8000x8000.png", "image/png", big_square_png, None),
    ("tiff-renamed.png", "image/png", tiff_named_png, "unsupported_type"),
    ("svg-renamed.png", "image/png", svg_named_png, "unsupported_type"),
)


def hostile_members(manifest: dict, members: dict[int, bytes]) -> tuple[dict, dict[int, bytes]]:
    """The first project's materials replaced by every hostile case, in order (so the
    looping page tree is the material that opens right after unlock); the manifest's
    media types and member entries follow. Returns new (manifest, members)."""
    import copy

    import blake3

    manifest = copy.deepcopy(manifest)
    members = dict(members)
    materials = manifest["projects"][0]["materials"]
    for material, (_name, media_type, build, _expected) in zip(materials, CASES,
                                                              strict=False):
        members[material["member_id"]] = build()
        material["media_type"] = media_type
    by_id = {m["member_id"]: m for p in manifest["projects"] for m in p["materials"]}
    for entry in manifest["members"]:
        data = members[entry["id"]]
        entry.update(media_type=by_id[entry["id"]]["media_type"], length=len(data),
                     blake3=blake3.blake3(data).hexdigest())
    return manifest, members
