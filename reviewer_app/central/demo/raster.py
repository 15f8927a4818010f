"""Pure-Python raster images that look like colour scans, and a PNG encoder.

No imaging library: pixels live in one ``bytearray`` (RGB, row-major) and every
drawing primitive works a row span at a time through slice assignment and
``bytes.translate``, so a whole A4 page costs milliseconds, not seconds. Ink is
applied multiplicatively (``paper * ink / 255``) so the paper's grain shows
through it, as on a real scan.

Everything is driven by a caller-supplied ``random.Random``: the same seed gives
the same bytes.

Scanned paper is the costly part (noise to generate, then to deflate), and every
page of a kind looks alike under its ink, so pages are copied from a few cached
sheets (:data:`PAPER_SHEETS` per size and set of printed fixtures) and deflated
in bands: a band no ink touched reuses the sheet's compressed bytes.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
import struct
import zlib
from collections.abc import Iterable, Mapping, Sequence

Color = tuple[int, int, int]

PAPER: Color = (246, 244, 238)
INK_BLACK: Color = (52, 54, 62)
INK_BLUE: Color = (40, 62, 140)
INK_RED: Color = (214, 38, 42)
RULE_GREY: Color = (150, 150, 150)


# Deflate level for scans: 4 is three times faster than 6 for 20% more bytes.
SCAN_LEVEL = 4
# Deflate level for the bands ink touched, compressed anew for every page (the others
# come from the sheet's cache at SCAN_LEVEL): level 2 takes ~30 % less time than 4
# for ~15 % more bytes of those bands, ~3 % more in all.
INKED_BAND_LEVEL = 2
# Distinct paper sheets per size and fixture set (which one a page gets is random).
PAPER_SHEETS = 4
# Rows per independently deflated band: 16 rows of an 80 dpi A4 scan are ~32 KB,
# deflate's window, so bands cost almost nothing in compression.
BAND_ROWS = 16
# A drawing call every page of a kind gets at the same place (see fixture()).
Fixture = tuple[str, tuple[object, ...], tuple[tuple[str, object], ...]]


def fixture(method: str, *args: object, **options: object) -> Fixture:
    """``Raster.method(*args, **options)`` as a hashable fixture for :meth:`Raster.paper`."""
    return method, args, tuple(sorted(options.items()))


@functools.lru_cache(maxsize=512)
def _ink_tables(color: Color, strength: float) -> tuple[bytes, bytes, bytes]:
    def table(factor: float) -> bytes:
        return bytes(max(0, min(255, round(v * factor))) for v in range(256))

    return tuple(table(1 - strength + strength * c / 255) for c in color)  # type: ignore[return-value]


@functools.lru_cache(maxsize=64)
def _fade_tables(amount: float) -> tuple[bytes, bytes, bytes]:
    table = bytes(round(v + (255 - v) * amount) for v in range(256))
    return table, table, table


class Raster:
    """A mutable RGB image with a few drawing primitives."""

    def __init__(self, width: int, height: int, pixels: bytearray | None = None) -> None:
        if width < 1 or height < 1:
            raise ValueError(f"empty raster {width}x{height}")
        self.width = width
        self.height = height
        self.stride = width * 3
        if pixels is None:
            pixels = bytearray(self.stride * height)
        elif len(pixels) != self.stride * height:
            raise ValueError("pixel buffer does not match the size")
        self.pixels = pixels
        # Set on copies of a cached sheet: its deflated bands, keyed (level, png, band),
        # shared by every copy; and per band, 1 while no ink touched it.
        self._bands: dict[tuple[int, bool, int], bytes] | None = None
        self._clean = bytearray(-(-height // BAND_ROWS))

    # -- backgrounds -----------------------------------------------------------------

    @classmethod
    def paper(cls, width: int, height: int, rng: random.Random, *,
              tint: Color = PAPER, grain: float = 1.0,
              fixtures: tuple[Fixture, ...] = ()) -> Raster:
        """A sheet of scanned paper: grain, dust specks and a slight uneven exposure.

        ``rng`` picks one of :data:`PAPER_SHEETS` cached sheets; ``fixtures`` (drawing
        calls made by :func:`fixture`, such as form rules) are printed on the
        cached sheet, so rows carrying only them still count as untouched.
        """
        sheet = _paper_sheet(width, height, tint, grain, fixtures, rng.randrange(PAPER_SHEETS))
        image = cls(width, height, bytearray(sheet.pixels))
        image._bands = sheet._bands
        image._clean[:] = sheet._clean
        return image

    @classmethod
    def _fresh_paper(cls, width: int, height: int, rng: random.Random, tint: Color,
                     grain: float) -> Raster:
        image = cls(width, height)
        noise = rng.randbytes(width * height)
        # Most bytes map to the base shade, a few to darker grain and rare dust; the
        # low entropy keeps a page-sized scan near 100 KB once deflated.
        shades = []
        for v in range(256):
            if v < 214:
                shades.append(0)
            elif v < 246:
                shades.append(round(-5 * grain))
            elif v < 255:
                shades.append(round(-12 * grain))
            else:
                shades.append(round(-70 * grain))
        # Uneven exposure: a smooth brightness drift down the page.
        knots = [rng.uniform(-7, 3) for _ in range(5)]
        tables: dict[int, tuple[bytes, ...]] = {}
        row = width
        for y in range(height):
            pos = y * (len(knots) - 1) / height
            i = int(pos)
            offset = round(knots[i] + (knots[i + 1] - knots[i]) * (pos - i))
            channel_tables = tables.get(offset)
            if channel_tables is None:
                channel_tables = tables[offset] = tuple(
                    bytes(max(0, min(255, base + offset + shade)) for shade in shades)
                    for base in tint)
            grey = noise[y * row:(y + 1) * row]
            start = y * image.stride
            line = bytearray(image.stride)
            line[0::3] = grey.translate(channel_tables[0])
            line[1::3] = grey.translate(channel_tables[1])
            line[2::3] = grey.translate(channel_tables[2])
            image.pixels[start:start + image.stride] = line
        return image

    @classmethod
    def noise(cls, width: int, height: int, rng: random.Random) -> Raster:
        """Incompressible colour noise (benchmark padding)."""
        return cls(width, height, bytearray(rng.randbytes(width * height * 3)))

    # -- primitives ------------------------------------------------------------------

    def _ink_span(self, y: int, x0: int, x1: int, tables: Sequence[bytes]) -> None:
        if y < 0 or y >= self.height:
            return
        x0 = max(0, x0)
        x1 = min(self.width, x1)
        if x1 <= x0:
            return
        self._clean[y // BAND_ROWS] = 0
        a = y * self.stride + 3 * x0
        b = y * self.stride + 3 * x1
        span = self.pixels[a:b]
        out = bytearray(len(span))
        out[0::3] = span[0::3].translate(tables[0])
        out[1::3] = span[1::3].translate(tables[1])
        out[2::3] = span[2::3].translate(tables[2])
        self.pixels[a:b] = out

    @staticmethod
    def ink(color: Color, strength: float = 1.0) -> tuple[bytes, bytes, bytes]:
        """Translate tables multiplying each channel by ``color`` (blended by ``strength``)."""
        return _ink_tables(tuple(color), strength)  # type: ignore[arg-type]

    def rect(self, x0: int, y0: int, x1: int, y1: int, color: Color, *,
             strength: float = 1.0) -> None:
        """Fill ``[x0, x1) x [y0, y1)`` with ink."""
        tables = self.ink(color, strength)
        for y in range(max(0, y0), min(self.height, y1)):
            self._ink_span(y, x0, x1, tables)

    def frame(self, x0: int, y0: int, x1: int, y1: int, color: Color, width: int = 2) -> None:
        """An unfilled rectangle."""
        self.rect(x0, y0, x1, y0 + width, color)
        self.rect(x0, y1 - width, x1, y1, color)
        self.rect(x0, y0, x0 + width, y1, color)
        self.rect(x1 - width, y0, x1, y1, color)

    @staticmethod
    def fade(amount: float) -> tuple[bytes, bytes, bytes]:
        """Translate tables moving every channel ``amount`` of the way towards white."""
        return _fade_tables(amount)

    def ring(self, cx: int, cy: int, outer: int, inner: int, color: Color, *,
             strength: float = 1.0, tables: Sequence[bytes] | None = None) -> None:
        """A filled annulus (``inner`` 0 gives a disc); ``tables`` overrides the ink."""
        if tables is None:
            tables = self.ink(color, strength)
        for dy in range(-outer, outer + 1):
            reach = math.isqrt(outer * outer - dy * dy)
            if abs(dy) < inner:
                hole = math.isqrt(inner * inner - dy * dy)
                self._ink_span(cy + dy, cx - reach, cx - hole, tables)
                self._ink_span(cy + dy, cx + hole + 1, cx + reach + 1, tables)
            else:
                self._ink_span(cy + dy, cx - reach, cx + reach + 1, tables)

    def polygon(self, points: Sequence[tuple[float, float]], color: Color, *,
                strength: float = 1.0) -> None:
        """Fill a polygon (even-odd rule) by scanlines."""
        tables = self.ink(color, strength)
        ys = [p[1] for p in points]
        edges = list(zip(points, [*points[1:], points[0]], strict=True))
        for y in range(max(0, math.floor(min(ys))), min(self.height, math.ceil(max(ys)) + 1)):
            yc = y + 0.5
            xs = sorted(x0 + (yc - y0) * (x1 - x0) / (y1 - y0)
                        for (x0, y0), (x1, y1) in edges
                        if (y0 <= yc < y1) or (y1 <= yc < y0))
            for left, right in zip(xs[0::2], xs[1::2], strict=False):
                self._ink_span(y, round(left), round(right), tables)

    def stroke(self, path: Iterable[tuple[float, float]], color: Color, width: int = 2, *,
               strength: float = 1.0) -> None:
        """A pen stroke along ``path``: square dabs at every unit step."""
        tables = self.ink(color, strength)
        points = list(path)
        half = max(1, width // 2)
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0))))
            for i in range(steps + 1):
                x = round(x0 + (x1 - x0) * i / steps)
                y = round(y0 + (y1 - y0) * i / steps)
                for dy in range(-half, half):
                    self._ink_span(y + dy, x - half, x + half, tables)

    # -- composites ------------------------------------------------------------------

    def star(self, cx: float, cy: float, radius: float, color: Color, *,
             strength: float = 1.0) -> None:
        """A five-pointed star, point up."""
        points = []
        for i in range(10):
            r = radius if i % 2 == 0 else radius * 0.382
            angle = -math.pi / 2 + i * math.pi / 5
            points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
        self.polygon(points, color, strength=strength)

    def seal(self, cx: int, cy: int, radius: int, rng: random.Random) -> None:
        """A round red company seal: ring and star, unevenly inked."""
        strength = rng.uniform(0.72, 0.92)
        self.ring(cx, cy, radius, radius - max(3, radius // 14), INK_RED, strength=strength)
        self.star(cx, cy, radius * 0.3, INK_RED, strength=strength)
        # Worn patches where the stamp did not touch the paper.
        worn = self.fade(0.55)
        for _ in range(radius // 2):
            angle = rng.uniform(0, 2 * math.pi)
            distance = rng.uniform(radius * 0.5, radius)
            self.ring(round(cx + distance * math.cos(angle)),
                      round(cy + distance * math.sin(angle)),
                      rng.randint(1, 4), 0, PAPER, tables=worn)

    def text_lines(self, x0: int, y0: int, x1: int, lines: int, rng: random.Random, *,
                   pitch: int = 18, height: int = 7, color: Color = INK_BLACK,
                   strength: float = 0.85) -> int:
        """Grey word-like dashes standing in for lines of printed text; returns the next y."""
        tables = self.ink(color, strength)
        y = y0
        for line in range(lines):
            end = x1 if line < lines - 1 else x0 + int((x1 - x0) * rng.uniform(0.3, 0.8))
            x = x0
            while x < end:
                word = rng.randint(height * 2, height * 7)
                for dy in range(height):
                    self._ink_span(y + dy, x, min(end, x + word), tables)
                x += word + rng.randint(height // 2, height)
            y += pitch
        return y

    def signature(self, x: int, y: int, width: int, rng: random.Random) -> None:
        """A quick handwritten-looking scribble in blue ink."""
        points = []
        steps = 60
        for i in range(steps + 1):
            t = i / steps
            points.append((x + width * t + 6 * math.sin(t * 25 + rng.random()),
                           y + 14 * math.sin(t * 9 + 1.3) * (1 - t * 0.5)
                           + rng.uniform(-1.5, 1.5)))
        self.stroke(points, INK_BLUE, width=4, strength=0.9)

    # -- output ----------------------------------------------------------------------

    def rgb(self) -> bytes:
        return bytes(self.pixels)

    def png_rows(self) -> bytearray:
        """The rows as PNG scanlines: filter type 0 (none) before each row."""
        stride = self.stride
        raw = bytearray()
        for y in range(self.height):
            raw.append(0)
            raw += self.pixels[y * stride:(y + 1) * stride]
        return raw

    def deflate(self, level: int, *, png: bool = False) -> bytes:
        """The pixels (``png``: :meth:`png_rows`) as a zlib stream at ``level``.

        A copy of a cached paper sheet is deflated band by band, each band a
        self-contained run of deflate blocks ended by a sync flush; bands that no
        ink touched take the sheet's compressed bytes, inked ones are compressed at
        :data:`INKED_BAND_LEVEL` at most. The same pixels always give
        the same stream.
        """
        data = self.png_rows() if png else self.pixels
        if self._bands is None:
            return zlib.compress(data, level)
        step = (self.stride + png) * BAND_ROWS
        parts = [_ZLIB_HEADER[level]]
        for band, clean in enumerate(self._clean):
            chunk = data[band * step:(band + 1) * step]
            if not clean:
                parts.append(_deflate_band(chunk, min(level, INKED_BAND_LEVEL)))
                continue
            key = (level, png, band)
            cached = self._bands.get(key)
            if cached is None:
                cached = self._bands[key] = _deflate_band(chunk, level)
            parts.append(cached)
        # An empty final block (fixed Huffman), then the Adler-32 of all the data.
        parts += [b"\x03\x00", struct.pack(">I", zlib.adler32(data))]
        return b"".join(parts)


# zlib's two header bytes as zlib.compress writes them, by level.
_ZLIB_HEADER = {level: zlib.compress(b"", level)[:2] for level in range(10)}


def _deflate_band(data: bytes | bytearray, level: int) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


@functools.lru_cache(maxsize=64)
def _paper_sheet(width: int, height: int, tint: Color, grain: float,
                 fixtures: tuple[Fixture, ...], index: int) -> Raster:
    """One cached sheet (never drawn on: :meth:`Raster.paper` hands out copies)."""
    rng = random.Random(f"demo-paper:{width}x{height}:{tint}:{grain}:{index}")
    sheet = Raster._fresh_paper(width, height, rng, tint, grain)
    for method, args, options in fixtures:
        getattr(sheet, method)(*args, **dict(options))
    sheet._bands = {}
    sheet._clean[:] = b"\x01" * len(sheet._clean)
    return sheet


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_bytes(image: Raster, text: Mapping[str, str] | None = None, *,
              level: int = SCAN_LEVEL) -> bytes:
    """Encode ``image`` as an 8-bit RGB PNG.

    Args:
        image: the pixels.
        text: ``tEXt`` chunks (Latin-1 keyword and text), stored uncompressed in the
            order given, so they are visible to a byte scan of the file.
        level: zlib compression level.
    """
    # Filter type 0 on every row: grain makes the predictive filters gain little.
    parts = [b"\x89PNG\r\n\x1a\n",
             _chunk(b"IHDR", struct.pack(">IIBBBBB", image.width, image.height, 8, 2, 0, 0, 0))]
    for keyword, value in (text or {}).items():
        parts.append(_chunk(b"tEXt", keyword.encode("latin-1") + b"\0" + value.encode("latin-1")))
    parts.append(_chunk(b"IDAT", image.deflate(level, png=True)))
    parts.append(_chunk(b"IEND", b""))
    return b"".join(parts)
