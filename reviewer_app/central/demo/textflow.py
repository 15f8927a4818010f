"""Plain-text paragraphs and ruled tables for the demo materials, drawn on the canvas.

reportlab's Paragraph and Table are general (markup, styles per fragment, nested
flowables, spans of any shape) and cost most of the time of a demo PDF. The
materials need much less: plain text in one font, broken at any CJK character,
and ruled grids of such text. These two flowables do just that, with widths
from the font's per-character table, one text object per flowable and one path
for a table's rules (see draw_lines); both split across pages (a grid repeats its header rows).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.lib import rl_accel
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from reviewer_app.pdffont import register_fast_cjk_font

LEFT, CENTRE, RIGHT = "left", "centre", "right"
# Characters a line must not start with (禁则): they hang at the end of the line before.
NO_LINE_START = frozenset("，。、；：？！）》」』”’%．,.;:?!)]}")
# Latin words and numbers stay whole unless longer than a line; any other
# character is a break opportunity.
_TOKENS = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%\-_/]*|.", re.DOTALL)


@dataclass(frozen=True)
class TextStyle:
    """How a block of text is set: one font, one size, one colour."""

    size: float
    leading: float
    colour: Color
    align: str = LEFT
    first_indent: float = 0.0
    left_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0


@functools.cache
def _char_widths() -> tuple[dict[int, float], float]:
    face = pdfmetrics.getFont(register_fast_cjk_font()).face
    return face.charWidths, face.defaultWidth


def text_width(text: str, size: float) -> float:
    """Width of ``text`` in the CJK font at ``size`` points (as pdfmetrics.stringWidth)."""
    return _units(text) * size * 0.001


@functools.lru_cache(maxsize=65536)
def _units(token: str) -> float:
    widths, default = _char_widths()
    return sum(widths.get(ord(ch), default) for ch in token)


@functools.lru_cache(maxsize=16384)
def break_lines(text: str, width: float, size: float, first_indent: float = 0.0
                ) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``width`` (the first ``first_indent``
    narrower); newlines always break. Cached: labels and boilerplate recur."""
    limit = width * 1000 / size
    lines: list[str] = []
    for paragraph in text.split("\n"):
        room = limit - first_indent * 1000 / size if not lines else limit
        line: list[str] = []
        used = 0.0
        for token in _TOKENS.findall(paragraph):
            units = _units(token)
            if line and used + units > room and token not in NO_LINE_START:
                lines.append("".join(line))
                line, used, room = [], 0.0, limit
            if not line and units > room and len(token) > 1:
                # A word longer than the line: break it at characters.
                for ch in token:
                    units = _units(ch)
                    if line and used + units > room:
                        lines.append("".join(line))
                        line, used, room = [], 0.0, limit
                    line.append(ch)
                    used += units
                continue
            line.append(token)
            used += units
        lines.append("".join(line))
    return tuple(lines)


@functools.lru_cache(maxsize=1 << 16)
def _cached_fp_str(*numbers: float) -> str:
    return rl_accel.fp_str(*numbers)


def fp_str(*numbers: object) -> str:
    """reportlab's ``fp_str``, remembered: a demo PDF formats the same few thousand
    numbers (glyph widths, the same layout's coordinates) about 800 times per project,
    and the pure-Python original costs ~10 us a call."""
    try:
        return _cached_fp_str(*numbers)
    except TypeError:  # a list argument: not hashable
        return rl_accel.fp_str(*numbers)


def draw_lines(canvas: Canvas, size: float, lines: Iterable[tuple[float, float, str]]) -> None:
    """Draw each (x, y, text) in the CJK font at ``size``, in the canvas's fill colour,
    as one text object.

    reportlab's text object does the same through several layers per line (text
    matrix, per-chunk font switches, escaping, number formatting), a tenth of the
    time of a demo PDF; here each line costs the font's own subset assignment
    (``splitString``, which also registers the subsets with the document) and one
    formatted string.
    """
    font = pdfmetrics.getFont(register_fast_cjk_font())
    document = canvas._doc
    number = fp_str
    ops = ["BT"]
    current = -1
    font_size = number(size)
    for x, y, text in lines:
        if not text:
            continue
        ops.append(f"1 0 0 1 {number(x, y)} Tm")
        for subset, chunk in font.splitString(text, document):
            if subset != current:
                ops.append(f"{font.getSubsetInternalName(subset, document)} {font_size} Tf")
                current = subset
            ops.append(f"({rl_accel.escapePDF(chunk)}) Tj")
    ops.append("ET")
    canvas.addLiteral("\n".join(ops))


class TextFlow(Flowable):
    """A paragraph of plain text (newlines break lines)."""

    def __init__(self, text: str, style: TextStyle, *, lines: tuple[str, ...] | None = None,
                 indented: bool = True) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self._lines = lines
        self._indented = indented  # False for the continuation of a split paragraph

    def _first_indent(self) -> float:
        return self.style.first_indent if self._indented else 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        style = self.style
        self.width = avail_width
        if self._lines is None:
            self._lines = break_lines(self.text, avail_width - style.left_indent, style.size,
                                      self._first_indent())
        self.height = len(self._lines) * style.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self._lines is not None
        fit = int(avail_height // self.style.leading)
        if fit < 1 or fit >= len(self._lines):  # nothing fits, or it is not too tall
            return []
        head = TextFlow(self.text, self.style, lines=self._lines[:fit],
                        indented=self._indented)
        tail = TextFlow(self.text, self.style, lines=self._lines[fit:], indented=False)
        head.spaceAfter = tail.spaceBefore = 0
        return [head, tail]

    def draw(self) -> None:
        style = self.style
        assert self._lines is not None
        placed = []
        y = self.height - style.size
        for index, line in enumerate(self._lines):
            x = style.left_indent + (self._first_indent() if index == 0 else 0.0)
            if line and style.align != LEFT:
                room = self.width - x - text_width(line, style.size)
                x += room / 2 if style.align == CENTRE else room
            placed.append((x, y, line))
            y -= style.leading
        self.canv.setFillColor(style.colour)
        draw_lines(self.canv, style.size, placed)


@dataclass(frozen=True)
class GridStyle:
    """The look of a ruled table."""

    body: TextStyle
    head: TextStyle
    rule: Color
    shade: Color
    rule_width: float = 0.5
    pad_x: float = 6.0
    pad_y: float = 3.0


class Grid(Flowable):
    """A ruled table of text cells, vertically centred; header rows are shaded,
    and repeated at the top of every page the table runs onto.

    ``spans`` are (row, first column, last column): that cell covers the columns.
    """

    def __init__(self, rows: Sequence[Sequence[str]], widths: Sequence[float],
                 style: GridStyle, *, header_rows: int = 1, right_cols: Sequence[int] = (),
                 label_cols: Sequence[int] = (),
                 spans: Sequence[tuple[int, int, int]] = ()) -> None:
        super().__init__()
        self.rows = [list(row) for row in rows]
        self.widths = list(widths)
        self.grid_style = style
        self.header_rows = header_rows
        self.right_cols = frozenset(right_cols)
        self.label_cols = tuple(label_cols)
        self.spans = {row: (first, last) for row, first, last in spans}
        self._heights: list[float] | None = None
        self._cells: list[list[tuple[int, int, tuple[str, ...]]]] | None = None

    def _cell_style(self, row: int) -> TextStyle:
        return self.grid_style.head if row < self.header_rows else self.grid_style.body

    def _layout(self) -> None:
        """Break every cell into lines and find each row's height."""
        if self._heights is not None:
            return
        pad_x, pad_y = self.grid_style.pad_x, self.grid_style.pad_y
        self._cells, self._heights = [], []
        for r, row in enumerate(self.rows):
            style = self._cell_style(r)
            cells = []
            tallest = 1
            first, last = self.spans.get(r, (-1, -1))
            c = 0
            while c < len(row):
                end = last if c == first else c
                width = sum(self.widths[c:end + 1]) - 2 * pad_x
                lines = break_lines(row[c], width, style.size)
                cells.append((c, end, lines))
                tallest = max(tallest, len(lines))
                c = end + 1
            self._cells.append(cells)
            self._heights.append(tallest * style.leading + 2 * pad_y)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._layout()
        assert self._heights is not None
        self.width = sum(self.widths)
        self.height = sum(self._heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._layout()
        assert self._heights is not None
        used = sum(self._heights[:self.header_rows])
        fit = self.header_rows
        while fit < len(self.rows) and used + self._heights[fit] <= avail_height:
            used += self._heights[fit]
            fit += 1
        if fit == self.header_rows or fit == len(self.rows):  # no body row fits, or all do
            return []
        header = list(range(self.header_rows))
        return [self._part(header + list(range(self.header_rows, fit))),
                self._part(header + list(range(fit, len(self.rows))))]

    def _part(self, indices: list[int]) -> Grid:
        """A grid of the given rows of this one (with their spans)."""
        spans = [(new, *self.spans[old]) for new, old in enumerate(indices) if old in self.spans]
        return Grid([self.rows[i] for i in indices], self.widths, self.grid_style,
                    header_rows=self.header_rows, right_cols=self.right_cols,
                    label_cols=self.label_cols, spans=spans)

    def draw(self) -> None:
        assert self._heights is not None and self._cells is not None
        canvas, style = self.canv, self.grid_style
        edges = [0.0]
        for width in self.widths:
            edges.append(edges[-1] + width)
        tops = [self.height]
        for height in self._heights:
            tops.append(tops[-1] - height)

        canvas.saveState()
        canvas.setFillColor(style.shade)
        if self.header_rows:
            canvas.rect(0, tops[self.header_rows], self.width,
                        self.height - tops[self.header_rows], stroke=0, fill=1)
        body_height = tops[self.header_rows]
        if body_height > 0:
            for col in self.label_cols:
                canvas.rect(edges[col], 0, self.widths[col], body_height, stroke=0, fill=1)

        rules = canvas.beginPath()
        for top in tops:
            rules.moveTo(0, top)
            rules.lineTo(self.width, top)
        for r, cells in enumerate(self._cells):
            for c, _, _ in cells:
                if c:
                    rules.moveTo(edges[c], tops[r])
                    rules.lineTo(edges[c], tops[r + 1])
        rules.moveTo(0, 0)
        rules.lineTo(0, self.height)
        rules.moveTo(self.width, 0)
        rules.lineTo(self.width, self.height)
        canvas.setStrokeColor(style.rule)
        canvas.setLineWidth(style.rule_width)
        canvas.drawPath(rules, stroke=1, fill=0)

        for header in (True, False):  # one text object per style
            cell_style = style.head if header else style.body
            placed = []
            for r in range(self.header_rows) if header else range(self.header_rows,
                                                                  len(self._cells)):
                centre = (tops[r] + tops[r + 1]) / 2
                for c, end, lines in self._cells[r]:
                    # Vertically centred; the first baseline a font size below the block's top.
                    y = centre + len(lines) * cell_style.leading / 2 - cell_style.size
                    align = CENTRE if header else RIGHT if c in self.right_cols else LEFT
                    left, right = edges[c] + style.pad_x, edges[end + 1] - style.pad_x
                    for line in lines:
                        x = left
                        if line and align != LEFT:
                            room = right - left - text_width(line, cell_style.size)
                            x += room / 2 if align == CENTRE else room
                        placed.append((x, y, line))
                        y -= cell_style.leading
            if placed:
                canvas.setFillColor(cell_style.colour)
                draw_lines(canvas, cell_style.size, placed)
        canvas.restoreState()
