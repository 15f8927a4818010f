"""TrueType subsetting for the bundled CJK font, byte for byte as reportlab's, faster.

Every PDF we write embeds the glyphs it uses as subsets of up to 256 glyphs
(``TTFontFile.makeSubset``). reportlab reads each glyph out of the font file anew
for every subset, through its file-reading helpers, and copies the whole 3.5 MB
glyf table each time: a few milliseconds a subset, a sixth of the time of a
demo material PDF. This face parses each glyph it meets once (its bytes and where
its component references sit) and keeps the tables that are copied unchanged, so
a subset is mostly slicing and joining, and a subset seen before is not made
again. The output is the same bytes as
reportlab's makeSubset (tests/unit/test_pdfsubset.py compares them).
"""

from __future__ import annotations

import functools
from struct import pack, pack_into, unpack_from

from reportlab.pdfbase.ttfonts import (
    GF_ARG_1_AND_2_ARE_WORDS,
    GF_MORE_COMPONENTS,
    GF_WE_HAVE_A_SCALE,
    GF_WE_HAVE_A_TWO_BY_TWO,
    GF_WE_HAVE_AN_X_AND_Y_SCALE,
    TTFontFace,
    TTFontMaker,
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

    def _glyph(self, index: int) -> tuple[bytes, tuple[tuple[int, int], ...]]:
        """The bytes of glyph ``index`` and its component references (none if simple)."""
        cache: dict[int, tuple[bytes, tuple[tuple[int, int], ...]]] = self.__dict__.setdefault(
            "_glyph_cache", {})
        try:
            return cache[index]
        except KeyError:
            pass
        start, end = self.glyphPos[index], self.glyphPos[index + 1]
        data = self._glyf[start:end]
        components = (_component_offsets(data)
                      if len(data) > 2 and unpack_from(">h", data)[0] < 0 else ())
        cache[index] = data, components
        return cache[index]

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
        glyph_map = [0]  # new glyph index -> original
        glyph_set = {0: 0}  # original -> new
        code_to_glyph = {}
        for code in subset:
            original = char_to_glyph.get(code, 0)
            if original not in glyph_set:
                glyph_set[original] = len(glyph_map)
                glyph_map.append(original)
            code_to_glyph[code] = glyph_set[original]
        n = 0
        while n < len(glyph_map):  # components of composite glyphs join the subset
            for _, component in self._glyph(glyph_map[n])[1]:
                if component not in glyph_set:
                    glyph_set[component] = len(glyph_map)
                    glyph_map.append(component)
            n += 1

        copied, post, hhea, maxp, head = self._fixed_tables
        output = TTFontMaker()
        for tag, data in copied:
            output.add(tag, data)
        output.add("post", post)
        glyphs = len(glyph_map)

        hmetrics = self.hmetrics
        hmtx: list[int] = []
        for original in glyph_map:
            advance, bearing = hmetrics[original]
            hmtx += (int(advance), int(bearing))
        # Trailing glyphs of equal advance keep only their bearings (as reportlab does).
        n = len(hmtx) - 2
        while n and hmtx[n] == hmtx[n - 2]:
            n -= 2
        n += 2
        full_metrics = n >> 1
        hmtx = hmtx[:n] + hmtx[n + 1::2]
        output.add("hmtx", pack(f">{len(hmtx)}H", *hmtx))
        output.add("hhea", _set_ushort(hhea, 34, full_metrics))
        output.add("maxp", _set_ushort(maxp, 4, glyphs))

        cmap = [0, 1, 1, 0, 0, 12, 6, 10 + len(subset) * 2, 0, 0, len(subset),
                *map(code_to_glyph.get, subset)]
        output.add("cmap", pack(f">{len(cmap)}H", *cmap))

        offsets = []
        parts = []
        pos = 0
        for original in glyph_map:
            offsets.append(pos)
            data, components = self._glyph(original)
            if components:
                fixed = bytearray(data)
                for at, component in components:
                    pack_into(">H", fixed, at, glyph_set[component])
                data = bytes(fixed)
            parts.append(data)
            pos += len(data)
            if pos % 4:
                parts.append(b"\0" * (4 - pos % 4))
                pos += 4 - pos % 4
        offsets.append(pos)
        output.add("glyf", b"".join(parts))
        if (pos + 1) >> 1 > 0xFFFF:
            loca_format = 1
            loca = pack(f">{len(offsets)}L", *offsets)
        else:
            loca_format = 0
            loca = pack(f">{len(offsets)}H", *(offset >> 1 for offset in offsets))
        output.add("loca", loca)
        output.add("head", _set_ushort(head, 50, loca_format))
        return output.makeStream()
