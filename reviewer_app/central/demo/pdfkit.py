"""reportlab helpers for the demo materials: styles, page furniture, scans, seals, charts.

Every document is built in reportlab's invariant mode (fixed dates and file id),
so the same story gives the same bytes.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen import canvas as canvas_module
from reportlab.pdfgen import pathobject, textobject
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from reviewer_app.central.demo.charts import BarChart, LineChart
from reviewer_app.central.demo.raster import SCAN_LEVEL, Raster
from reviewer_app.central.demo.textflow import (
    CENTRE,
    RIGHT,
    Grid,
    GridStyle,
    TextFlow,
    TextStyle,
    break_lines,
    draw_lines,
    fp_str,
)
from reviewer_app.pdffont import register_fast_cjk_font

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
# SimpleDocTemplate's frame keeps 6 pt of padding on each side.
FRAME_INNER_WIDTH = FRAME_WIDTH - 12
FRAME_INNER_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - 12

INK = colors.HexColor("#1d1d1f")
GREY = colors.HexColor("#7a7a7a")
SHADE = colors.HexColor("#e9edf2")
SEAL_RED = colors.HexColor("#d7262b")
SERIES_COLOURS = (colors.HexColor("#8fa5bf"), colors.HexColor("#2f6db5"),
                  colors.HexColor("#e0883a"))

CREATOR = "Expert Review Desk demo intake"
# Deflate level of page content and font streams (reportlab's own is 6): 1 is about
# three times faster for a few per cent more bytes.
STREAM_LEVEL = 1


@functools.cache
def styles() -> dict[str, TextStyle]:
    def style(size: float, leading: float | None = None, **extra: object) -> TextStyle:
        options: dict[str, object] = {"colour": INK, **extra}
        return TextStyle(size, leading or size * 1.55, **options)  # type: ignore[arg-type]

    return {
        "cover": style(24, 36, align=CENTRE, space_before=30, space_after=20),
        "title": style(17, 26, align=CENTRE, space_after=10),
        "subtitle": style(11, align=CENTRE, colour=GREY, space_after=10),
        "h1": style(13.5, space_before=10, space_after=5),
        "h2": style(11.5, space_before=6, space_after=3),
        "body": style(10.5, 18, first_indent=21, space_after=4),
        "plain": style(10.5, 18, space_after=2),
        "bullet": style(10.5, 17, left_indent=21, first_indent=-12, space_after=2),
        "head": style(9, 13, align=CENTRE),
        "note": style(8.5, 12.5, colour=GREY, space_before=4),
        "right": style(10.5, 18, align=RIGHT),
    }


def para(text: str, style: str = "body") -> TextFlow:
    """A paragraph of plain text (newlines become line breaks)."""
    return TextFlow(text, styles()[style])


@functools.cache
def _grid_style(font_size: float) -> GridStyle:
    return GridStyle(body=TextStyle(font_size, font_size * 1.45, INK), head=styles()["head"],
                     rule=GREY, shade=SHADE)


def grid(rows: Sequence[Sequence[str]], widths: Sequence[float], *, header_rows: int = 1,
         right_cols: Sequence[int] = (), label_cols: Sequence[int] = (),
         spans: Sequence[tuple[int, int, int]] = (), font_size: float = 9) -> Grid:
    """A ruled table; text cells wrap, numeric columns are right-aligned.

    Args:
        rows: cell texts.
        widths: column widths in points.
        header_rows: shaded, centred rows at the top (repeated after a page break).
        right_cols: columns whose body cells are right-aligned (amounts).
        label_cols: columns shaded as field labels (form-style tables).
        spans: (row, first column, last column) cells that cover several columns.
        font_size: body text size.
    """
    return Grid(rows, widths, _grid_style(font_size), header_rows=header_rows,
                right_cols=right_cols, label_cols=label_cols, spans=spans)


# -- raster images -------------------------------------------------------------------

class _RasterXObject(pdfdoc.PDFImageXObject):
    """An image XObject from our own RGB bytes, bypassing reportlab's Pillow path."""

    def __init__(self, name: str, image: Raster, level: int) -> None:
        self.name = name
        self.width = image.width
        self.height = image.height
        self.bitsPerComponent = 8
        self.colorSpace = "DeviceRGB"
        self.mask = None
        # Our own filter list, never reportlab's ASCII85 default: scans stay binary.
        self._filters = ("FlateDecode",)
        self.streamContent = image.deflate(level)


def draw_raster(canvas: Canvas, image: Raster, x: float, y: float, width: float,
                height: float, *, level: int = SCAN_LEVEL) -> None:
    """Draw ``image`` stretched over the given box.

    reportlab only reads raster data through Pillow; registering the XObject the
    way ``Canvas.drawImage`` does and then drawing it by name keeps Pillow out
    and lets padding pages skip compression (``level=0``).
    """
    count = getattr(canvas, "_demo_raster_count", 0) + 1
    canvas._demo_raster_count = count  # type: ignore[attr-defined]
    key = f"demo-raster-{count}"
    # drawImage names a file-name image by this digest; register under it first.
    name = pdfdoc._digester(f"{key}None".encode())
    document = canvas._doc
    reg_name = document.getXObjectName(name)
    if reg_name not in document.idToObject:
        xobject = _RasterXObject(name, image, level)
        canvas._setXObjects(xobject)
        document.Reference(xobject, reg_name)
        document.addForm(name, xobject)
    canvas.drawImage(key, x, y, width, height)


class ScanPage(Flowable):
    """A raster scan filling the frame, with vector text drawn over it.

    The overlay plays the part of the printed content (and of an OCR text layer):
    it receives the canvas and the page box in points, origin bottom left.
    """

    def __init__(self, image: Raster, overlay: Callable[[Canvas, float, float], None]
                 | None = None, *, level: int = SCAN_LEVEL) -> None:
        super().__init__()
        self.image = image
        self.overlay = overlay
        self.level = level

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        ratio = self.image.height / self.image.width
        self.box_width = min(avail_width, avail_height / ratio)
        self.box_height = self.box_width * ratio
        return self.box_width, self.box_height

    def draw(self) -> None:
        draw_raster(self.canv, self.image, 0, 0, self.box_width, self.box_height,
                    level=self.level)
        if self.overlay is not None:
            self.canv.saveState()
            self.overlay(self.canv, self.box_width, self.box_height)
            self.canv.restoreState()


# -- seals ---------------------------------------------------------------------------

def draw_seal(canvas: Canvas, cx: float, cy: float, radius: float, text: str, *,
              bottom: str = "", alpha: float = 0.82, lettering_only: bool = False) -> None:
    """A round red seal: ring, star, the name along the upper arc, ``bottom`` underneath.

    ``lettering_only`` draws just the characters, over a ring and star that a
    raster scan already carries (see ``Raster.seal``, same proportions).
    """
    font = register_fast_cjk_font()
    canvas.saveState()
    canvas.setFillColor(SEAL_RED)
    canvas.setStrokeColor(SEAL_RED)
    canvas.setFillAlpha(alpha)
    canvas.setStrokeAlpha(alpha)
    if not lettering_only:
        canvas.setLineWidth(radius * 0.06)
        canvas.circle(cx, cy, radius * 0.95, stroke=1, fill=0)
        star = canvas.beginPath()
        for i in range(10):
            r = radius * (0.26 if i % 2 == 0 else 0.1)
            angle = math.pi / 2 + i * math.pi / 5
            point = (cx + r * math.cos(angle), cy + r * math.sin(angle))
            if i == 0:
                star.moveTo(*point)
            else:
                star.lineTo(*point)
        star.close()
        canvas.drawPath(star, stroke=0, fill=1)
    size = radius * 0.2
    # Characters spread over about 240 degrees of arc, upright towards the centre:
    # one text object, each character placed by its own text matrix.
    span = min(math.radians(250), len(text) * size * 1.15 / (radius * 0.72))
    lettering = canvas.beginText()
    lettering.setFont(font, size)
    for i, ch in enumerate(text):
        angle = math.pi / 2 + span / 2 - (span * i / max(1, len(text) - 1) if len(text) > 1
                                          else span / 2)
        x = cx + radius * 0.72 * math.cos(angle)
        y = cy + radius * 0.72 * math.sin(angle)
        # Rotated by angle - 90 degrees about (x, y), centred, baseline 0.35 size below.
        cos, sin = math.sin(angle), -math.cos(angle)
        dx, dy = -pdfmetrics.stringWidth(ch, font, size) / 2, -size * 0.35
        lettering.setTextTransform(cos, sin, -sin, cos, x + cos * dx - sin * dy,
                                   y + sin * dx + cos * dy)
        lettering.textOut(ch)
    canvas.drawText(lettering)
    if bottom:
        canvas.setFont(font, size * 0.8)
        canvas.drawCentredString(cx, cy - radius * 0.55, bottom)
    canvas.restoreState()


class SignatureBlock(Flowable):
    """Signature lines of one or more parties side by side, each stamped with its seal."""

    def __init__(self, parties: Sequence[tuple[Sequence[str], str]], *,
                 height: float = 44 * mm) -> None:
        super().__init__()
        self.parties = [(list(lines), seal) for lines, seal in parties]
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        font = register_fast_cjk_font()
        column = self.width / max(2, len(self.parties))
        first = self.width - column * len(self.parties)
        for index, (lines, seal) in enumerate(self.parties):
            x = first + index * column + 4
            canvas.setFont(font, 10.5)
            canvas.setFillColor(INK)
            y = self.height - 14
            for line in lines:
                canvas.drawString(x, y, line)
                y -= 20
            if seal:
                draw_seal(canvas, x + column * 0.55, self.height * 0.5, 20 * mm, seal)


def draw_wrapped(canvas: Canvas, text: str, x: float, y: float, width: float, size: float,
                 *, leading: float | None = None) -> float:
    """Draw ``text`` wrapped to ``width`` (see textflow.break_lines); returns the next
    baseline."""
    leading = leading or size * 1.6
    placed = []
    for line in break_lines(text, width, size):
        placed.append((x, y, line))
        y -= leading
    draw_lines(canvas, size, placed)
    return y


# -- charts --------------------------------------------------------------------------

def bar_chart(title: str, categories: Sequence[str],
              series: Sequence[tuple[str, Sequence[float]]], *, width: float = FRAME_INNER_WIDTH,
              height: float = 72 * mm) -> BarChart:
    """Grouped vertical bars with a legend, all labels in the CJK font."""
    return BarChart(title, categories, series, SERIES_COLOURS, width=width, height=height,
                    ink=INK, grid=colors.HexColor("#dddddd"))


def line_chart(title: str, labels: Sequence[str], values: Sequence[float], *,
               width: float = FRAME_INNER_WIDTH, height: float = 62 * mm) -> LineChart:
    """One series over time (e.g. monthly calls of the AI service)."""
    return LineChart(title, labels, values, SERIES_COLOURS[1], width=width, height=height,
                     ink=INK)


# -- documents -----------------------------------------------------------------------

@dataclass(frozen=True)
class DocInfo:
    """Metadata and page furniture of one material PDF."""

    title: str
    author: str
    subject: str
    marker: str
    header: str = ""


def build_pdf(story: list[Flowable], info: DocInfo) -> bytes:
    """Lay out ``story`` on A4 pages and return the PDF bytes.

    The marker goes into the Keywords entry (stored as plain ASCII in the file)
    and onto every page as a small grey line at the bottom.
    """
    font = register_fast_cjk_font()

    def furniture(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(GREY)
        canvas.setStrokeColor(GREY)
        if info.header:
            canvas.setFont(font, 8)
            canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN + 10, info.header)
            canvas.setLineWidth(0.4)
            canvas.line(MARGIN, PAGE_HEIGHT - MARGIN + 6, PAGE_WIDTH - MARGIN,
                        PAGE_HEIGHT - MARGIN + 6)
        canvas.setFont(font, 9)
        canvas.drawCentredString(PAGE_WIDTH / 2, MARGIN - 22, f"— {document.page} —")
        canvas.setFont(font, 5.5)
        canvas.drawString(MARGIN, 10, info.marker)
        canvas.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=info.title, author=info.author, subject=info.subject,
        keywords=info.marker, creator=CREATOR, invariant=1)
    with _fast_writing():
        document.build(story, onFirstPage=furniture, onLaterPages=furniture,
                       canvasmaker=_canvas)
    return buffer.getvalue()


# The CJK characters that most demo PDFs print, most frequent first (counted over
# the 256 PDFs of 30 projects, seed 1).
COMMON_CHARACTERS = (
    "—。人公务圳市深：｜发用有司限、一目服业位单年日的，合元大实万山技项（）经信计南应与区"
    "成资名月为入号本金工期术二数和生能据费代及所额系息报行称统编管科定智三提整增注相付后持"
    "支在币关民\u3000原收未款型总理表法要“”会查国时方机设融证专动建开低降产件企制际验以中准"
    "结责现完致；云交度票量终分前意托效施率范下于依印四复指标营上同局写平形码模税升拾电书")


def _canvas(*args: object, **kwargs: object) -> Canvas:
    """A canvas whose document's first font subset is the same in every demo PDF.

    reportlab gives characters subset codes in the order a document first uses
    them, so every PDF's subsets differ and each is made anew. Assigning
    :data:`COMMON_CHARACTERS` first, up to the first subset's 256 codes (ASCII keeps
    its own), makes that subset identical everywhere, so the font's subset cache
    (pdfsubset) builds it once per process; the characters a PDF uses beyond it go
    to further subsets as before.
    """
    canvas = Canvas(*args, **kwargs)  # type: ignore[arg-type]
    font = pdfmetrics.getFont(register_fast_cjk_font())
    font.splitString(COMMON_CHARACTERS[:_first_subset_room()], canvas._doc)
    return canvas


@functools.cache
def _first_subset_room() -> int:
    """How many of :data:`COMMON_CHARACTERS` fit in a document's first subset."""
    font = pdfmetrics.getFont(register_fast_cjk_font())
    document = pdfdoc.PDFDocument()
    for count, ch in enumerate(COMMON_CHARACTERS):
        if font._assignState(document).nextCode >= 256:
            return count
        font.splitString(ch, document)
    return len(COMMON_CHARACTERS)


class _FlateFilter(pdfdoc.PDFStreamFilterZCompress):
    """reportlab's FlateDecode filter at :data:`STREAM_LEVEL`; large binary streams
    seen before (the shared first font subset, see _canvas) are not compressed again."""

    def __init__(self) -> None:
        self._seen: dict[bytes, bytes] = {}

    def encode(self, text: str | bytes) -> bytes:
        if isinstance(text, str):
            return zlib.compress(text.encode("utf8"), STREAM_LEVEL)
        if len(text) < 16_384:
            return zlib.compress(text, STREAM_LEVEL)
        packed = self._seen.get(text)
        if packed is None:
            if len(self._seen) >= 16:
                self._seen.clear()
            packed = self._seen[text] = zlib.compress(text, STREAM_LEVEL)
        return packed


_FLATE = _FlateFilter()
# Modules whose number formatting runs while our documents are drawn and saved.
_NUMBER_FORMATTERS = (pdfdoc, canvas_module, textobject, pathobject)
_writing_lock = threading.Lock()


_PDFArray = pdfdoc.PDFArray


class _RememberedArray(_PDFArray):
    """reportlab's PDFArray; long arrays of plain numbers (the 256 glyph widths of a
    font subset, the same for the common first subset of every PDF) are formatted
    once per process."""

    def format(self, document: object, IND: bytes = b"\n ") -> bytes:
        numbers = self.sequence
        if len(numbers) < 64 or not all(type(v) in (int, float) for v in numbers):
            return super().format(document, IND)
        return _formatted_numbers(tuple(numbers), self.multiline, IND)


@functools.lru_cache(maxsize=256)
def _formatted_numbers(numbers: tuple[float, ...], multiline: object, indent: bytes) -> bytes:
    array = _PDFArray(numbers)
    array.multiline = multiline
    return array.format(None, indent)


@contextlib.contextmanager
def _fast_writing() -> Iterator[None]:
    """Binary FlateDecode streams at :data:`STREAM_LEVEL` and remembered number
    formatting while a document is built and saved.

    reportlab picks stream filters from module globals when it writes the file
    (rl_config.useA85, default on: every page stream also ASCII85-encoded, a
    quarter larger and slow in pure Python; pdfdoc.PDFZCompress at level 6), makes
    arrays from pdfdoc.PDFArray, and each module calls the ``fp_str`` it imported.
    They are swapped only around our own builds, one at a time, and put back
    after; ``textflow.fp_str`` and ``_RememberedArray`` give the same bytes, so anything
    else drawing meanwhile is unaffected.
    """
    with _writing_lock:
        saved = (rl_config.useA85, pdfdoc.PDFZCompress, pdfdoc.PDFArray,
                 [module.fp_str for module in _NUMBER_FORMATTERS])
        rl_config.useA85, pdfdoc.PDFZCompress = 0, _FLATE
        pdfdoc.PDFArray = _RememberedArray
        for module in _NUMBER_FORMATTERS:
            module.fp_str = fp_str
        try:
            yield
        finally:
            rl_config.useA85, pdfdoc.PDFZCompress, pdfdoc.PDFArray = saved[:3]
            for module, original in zip(_NUMBER_FORMATTERS, saved[3], strict=True):
                module.fp_str = original

