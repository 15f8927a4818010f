"""TrueType subsetting for the bundled CJK font, byte for byte as reportlab's, faster.

Every PDF we write embeds the glyphs it uses as subsets of up to 256 glyphs
(``TTFontFile.makeSubset``). reportlab reads each glyph out of the font file anew
for every subset, through its file-reading helpers, and copies the whole 3.5 MB
glyf table each time: a few milliseconds a subset, a sixth of the time of a
demo material PDF. This face parses each glyph it meets once (its padded bytes,
metrics and where its component references sit), keeps the tables that are
copied unchanged and finds the file checksum from the table checksums, so a
subset is mostly joining, and a subset seen before is not made again. The output
is the same bytes as reportlab's makeSubset (tests/unit/test_pdfsubset.py
compares them).
"""

from __future__ import annotations

import functools
import itertools
from struct import pack, pack_into, unpack_from
from typing import NamedTuple

from reportlab.pdfbase.ttfonts import (
    GF_ARG_1_AND_2_ARE_WORDS,
    GF_MORE_COMPONENTS,
    GF_WE_HAVE_A_SCALE,
    GF_WE_HAVE_A_TWO_BY_TWO,
    GF_WE_HAVE_AN_X_AND_Y_SCALE,
    TTFontFace,
    _set_ushort,
)

# Distinct subsets remembered (each ~50-150 KB): documents that seed their first
# subset alike (see central/demo/pdfkit) hit the cache every time.
SUBSET_CACHE_SIZE = 32
# Tables copied unchanged into every subset, when the font has them.
_COPIED_TABLES = ("name", "OS/2", "cvt ", "fpgm", "prep")


def _component_offsets(data: bytes) -> tuple[tuple[int, int], ...]:
    """(offset of the glyph index, glyph index) of each component of a composite glyph."""
    found = []
    at = 10
    flags = GF_MORE_COMPONENTS
    while flags & GF_MORE_COMPONENTS:
        flags, glyph = unpack_from(">HH", data, at)
        found.append((at + 2, glyph))
        at += 4 + (4 if flags & GF_ARG_1_AND_2_ARE_WORDS else 2)
        if flags & GF_WE_HAVE_A_SCALE:
            at += 2
        elif flags & GF_WE_HAVE_AN_X_AND_Y_SCALE:
            at += 4
        elif flags & GF_WE_HAVE_A_TWO_BY_TWO:
            at += 8
    return tuple(found)


class FastSubsetFace(TTFontFace):
    """A TTFontFace whose makeSubset caches what does not change between subsets."""

    @functools.cached_property
    def _fixed_tables(self) -> tuple[list[tuple[str, bytes]], bytes, bytes, bytes, bytes]:
        copied = [(tag, self.get_table(tag)) for tag in _COPIED_TABLES
                  if tag in self.table]  # cvt, fpgm and prep are optional
        post = b"\x00\x03\x00\x00" + self.get_table("post")[4:16] + b"\x00" * 16
        return (copied, post, self.get_table("hhea"), self.get_table("maxp"),
                self.get_table("head"))

    @functools.cached_property
    def _glyf(self) -> bytes:
        return self.get_table("glyf")

    @functools.cached_property
    def _glyphs(self) -> dict[int, _Glyph]:
        return {}

    def _glyph(self, index: int) -> _Glyph:
        """Glyph ``index`` as it goes into a subset (parsed once per process)."""
        start, end = self.glyphPos[index], self.glyphPos[index + 1]
        data = self._glyf[start:end]
        components = (_component_offsets(data)
                      if len(data) > 2 and unpack_from(">h", data)[0] < 0 else ())
        advance, bearing = self.hmetrics[index]
        # Each glyph starts 4-aligned, so its padding depends on its own length only.
        glyph = self._glyphs[index] = _Glyph(data + b"\0" * (-len(data) % 4), components,
                                             int(advance), int(bearing))
        return glyph

    def makeSubset(self, subset: list[int]) -> bytes:
        """The subset font of the characters ``subset`` (in code order), remembered:
        documents that give the same characters the same codes share it."""
        cache: dict[tuple[int, ...], bytes] = self.__dict__.setdefault("_subset_cache", {})
        key = tuple(subset)
        if key not in cache:
            if len(cache) >= SUBSET_CACHE_SIZE:
                cache.clear()
            cache[key] = self._make_subset(subset)
        return cache[key]

    def _make_subset(self, subset: list[int]) -> bytes:
        char_to_glyph = self.charToGlyph
        known = self._glyphs
        glyph_map = [0]  # new glyph index -> original
        glyph_set = {0: 0}  # original -> new
        code_to_glyph = {}
        for code in subset:
            original = char_to_glyph.get(code, 0)
            if original not in glyph_set:
                glyph_set[original] = len(glyph_map)
                glyph_map.append(original)
            code_to_glyph[code] = glyph_set[original]
        glyphs: list[_Glyph] = []
        n = 0
        while n < len(glyph_map):  # components of composite glyphs join the subset
            original = glyph_map[n]
            glyph = known.get(original) or self._glyph(original)
            glyphs.append(glyph)
            for _, component in glyph.components:
                if component not in glyph_set:
                    glyph_set[component] = len(glyph_map)
                    glyph_map.append(component)
            n += 1

        copied, post, hhea, maxp, head = self._fixed_tables
        tables = dict(copied)
        tables["post"] = post

        hmtx = [value for glyph in glyphs for value in (glyph.advance, glyph.bearing)]
        # Trailing glyphs of equal advance keep only their bearings (as reportlab does).
        n = len(hmtx) - 2
        while n and hmtx[n] == hmtx[n - 2]:
            n -= 2
        n += 2
        hmtx = hmtx[:n] + hmtx[n + 1::2]
        tables["hmtx"] = pack(f">{len(hmtx)}H", *hmtx)
        tables["hhea"] = _set_ushort(hhea, 34, n >> 1)
        tables["maxp"] = _set_ushort(maxp, 4, len(glyphs))

        cmap = [0, 1, 1, 0, 0, 12, 6, 10 + len(subset) * 2, 0, 0, len(subset),
                *map(code_to_glyph.get, subset)]
        tables["cmap"] = pack(f">{len(cmap)}H", *cmap)

        parts = []
        for glyph in glyphs:
            data = glyph.data
            if glyph.components:
                fixed = bytearray(data)
                for at, component in glyph.components:
                    pack_into(">H", fixed, at, glyph_set[component])
                data = bytes(fixed)
            parts.append(data)
        offsets = [0, *itertools.accumulate(len(glyph.data) for glyph in glyphs)]
        tables["glyf"] = b"".join(parts)
        if (offsets[-1] + 1) >> 1 > 0xFFFF:
            loca_format = 1
            tables["loca"] = pack(f">{len(offsets)}L", *offsets)
        else:
            loca_format = 0
            tables["loca"] = pack(f">{len(offsets)}H", *(offset >> 1 for offset in offsets))
        head = _set_ushort(head, 50, loca_format)
        tables["head"] = head[:8] + b"\0\0\0\0" + head[12:]  # checkSumAdjustment, set last
        return _font_file(tables)


class _Glyph(NamedTuple):
    data: bytes  # padded to a multiple of 4 bytes
    components: tuple[tuple[int, int], ...]  # (offset of the glyph index, glyph index)
    advance: int
    bearing: int


def _checksum(data: bytes) -> int:
    """TrueType table checksum: the sum of the big-endian 32-bit words, zero-padded."""
    data += b"\0" * (-len(data) % 4)
    return sum(unpack_from(f">{len(data) >> 2}L", data)) & 0xFFFFFFFF


def _font_file(tables: dict[str, bytes]) -> bytes:
    """The font file of ``tables`` exactly as reportlab's TTFontMaker.makeStream writes it
    (the ``head`` table's checkSumAdjustment zeroed), but adding up the table checksums
    for the file's checksum instead of reading the whole file again."""
    count = len(tables)
    search = 1
    selector = 0
    while search * 2 <= count:
        search *= 2
        selector += 1
    search *= 16
    header = [pack(">lHHHH", 0x00010000, count, search, selector, count * 16 - search)]
    offset = 12 + count * 16
    total = 0
    body = []
    for tag, data in sorted(tables.items()):
        checksum = _checksum(data)
        total += checksum
        header.append(tag.encode("latin-1") + pack(">LLL", checksum, offset, len(data)))
        if tag == "head":
            head_at = offset
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        offset += len(padded)
    directory = b"".join(header)
    adjustment = (0xB1B0AFBA - (total + _checksum(directory))) & 0xFFFFFFFF
    stream = bytearray(directory + b"".join(body))
    pack_into(">L", stream, head_at + 8, adjustment)
    return bytes(stream)
