"""The bundled CJK font, registered with reportlab once for every PDF we write.

WenQuanYi Micro Hei (``resources/fonts/wqy-microhei.ttc``, face 0) has TrueType
outlines, so reportlab embeds it as a subset with a ToUnicode map: the Chinese
text of a generated PDF renders anywhere and extracts as real characters.

Bold: the font has no bold face and reportlab cannot synthesise one for
Paragraphs, so every bold/italic mapping of the family points at the regular
face (``<b>`` in a Paragraph is then harmless rather than an error). Where
emphasis matters on a canvas, :func:`draw_emboldened` fills and strokes the
glyph outlines (text render mode 2), the usual "fake bold" of PDF producers.

Only this module and modules that write PDFs import reportlab.
"""

from __future__ import annotations

import threading

from reportlab.lib.colors import Color
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from reviewer_app.paths import CJK_FONT
from reviewer_app.pdfsubset import FastSubsetFace

CJK_FONT_NAME = "WenQuanYiMicroHei"
# The same face: see the module docstring.
CJK_BOLD_FONT_NAME = CJK_FONT_NAME

_lock = threading.Lock()
_registered = False


def register_cjk_font() -> str:
    """Register the bundled CJK font with reportlab (once) and return its name.

    Safe to call from any thread and any number of times; the font file is read
    and parsed only on the first call. Use the returned name as ``fontName`` in
    paragraph styles, table styles and ``Canvas.setFont``.

    Raises:
        FileNotFoundError: if the bundled font is missing from the installation.
    """
    global _registered
    if _registered:
        return CJK_FONT_NAME
    with _lock:
        if not _registered:
            if CJK_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
                if not CJK_FONT.is_file():
                    raise FileNotFoundError(f"bundled CJK font missing: {CJK_FONT}")
                font = TTFont(CJK_FONT_NAME, str(CJK_FONT), subfontIndex=0)
                pdfmetrics.registerFont(font)
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(CJK_FONT_NAME, bold, italic, CJK_FONT_NAME)
            _registered = True
    return CJK_FONT_NAME


FAST_CJK_FONT_NAME = CJK_FONT_NAME + "-Demo"
_fast_registered = False


def register_fast_cjk_font() -> str:
    """The bundled CJK font under a second name whose subsets are made by
    :mod:`reviewer_app.pdfsubset` (the same bytes as reportlab's, ~3x faster), for the
    demo generator's thousands of PDFs. The documents people sign — score sheets,
    results, notices, plans — keep reportlab's own code (:func:`register_cjk_font`)."""
    global _fast_registered
    if _fast_registered:
        return FAST_CJK_FONT_NAME
    with _lock:
        if not _fast_registered:
            if FAST_CJK_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
                if not CJK_FONT.is_file():
                    raise FileNotFoundError(f"bundled CJK font missing: {CJK_FONT}")
                font = TTFont(FAST_CJK_FONT_NAME, str(CJK_FONT), subfontIndex=0)
                font.face.__class__ = FastSubsetFace
                pdfmetrics.registerFont(font)
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FAST_CJK_FONT_NAME, bold, italic, FAST_CJK_FONT_NAME)
            _fast_registered = True
    return FAST_CJK_FONT_NAME


def covered_codepoints() -> frozenset[int]:
    """Code points the bundled font has glyphs for."""
    font = pdfmetrics.getFont(register_cjk_font())
    return frozenset(font.face.charToGlyph)


def missing_characters(text: str) -> str:
    """The distinct characters of ``text`` the font cannot show, in order of appearance.

    Whitespace control characters are ignored; anything returned would print as
    an empty box, so callers can substitute or warn.
    """
    covered = covered_codepoints()
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in "\n\r\t" and ord(ch) not in covered:
            seen.setdefault(ch)
    return "".join(seen)


def draw_emboldened(canvas: Canvas, x: float, y: float, text: str, size: float, *,
                    color: Color | str = "#000000", centred: bool = False) -> None:
    """Draw ``text`` in the CJK font, thickened by also stroking the glyph outlines.

    Args:
        canvas: where to draw; its graphics state is restored afterwards.
        x: left edge of the text, or its centre when ``centred``.
        y: baseline.
        text: what to draw.
        size: font size in points.
        color: fill and outline colour.
        centred: centre the text on ``x``.
    """
    font = register_cjk_font()
    if centred:
        x -= pdfmetrics.stringWidth(text, font, size) / 2
    canvas.saveState()
    canvas.setFillColor(color)
    canvas.setStrokeColor(color)
    canvas.setLineWidth(size * 0.035)
    text_object = canvas.beginText(x, y)
    text_object.setFont(font, size)
    text_object.setTextRenderMode(2)
    text_object.textOut(text)
    canvas.drawText(text_object)
    canvas.restoreState()
