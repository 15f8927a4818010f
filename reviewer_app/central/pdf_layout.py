"""What the secretariat's PDFs share: the page, the styles, tables whose rows may split,
outside text shown literally, "第 N 页 共 M 页" on every page, the generation time
in China Standard Time, and the sign-off block.

results.pdf (:mod:`results_pdf`), the 公示 list and the award plan
(:mod:`publicity_pdf`) are all built from a :class:`Layout`: a document is a list
of sections, each appending flowables to the story, rendered by :func:`render_pdf`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reviewer_app.central.sanitize import strip_controls
from reviewer_app.core.dates import CST
from reviewer_app.pdffont import register_cjk_font
from reviewer_app.pdfpages import PageCountingCanvas
from reviewer_app.pdftext import literal_flowables, literal_paragraph
from reviewer_app.sheets.pdf import printable

LANDSCAPE = landscape(A4)
PORTRAIT = A4
MARGIN = 12 * mm
FRAME_PADDING = 6  # points, each side: SimpleDocTemplate's frame
FOOTER_Y = 7 * mm
SIGNATORIES = ("经办人", "审核人", "负责人", "日期")

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=22, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontSize=12, leading=16, spaceBefore=8,
                             spaceAfter=4),
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "sign": ParagraphStyle("sign", parent=base, fontSize=11, leading=14),
    }


@dataclass(frozen=True)
class Layout:
    """The font, the styles, the usable width, the page and the generation time."""

    font: str
    styles: Mapping[str, ParagraphStyle]
    width: float
    generated_at: dt.datetime            # China Standard Time
    pagesize: tuple[float, float]

    @classmethod
    def create(cls, clock: Clock | None = None,
               pagesize: tuple[float, float] = LANDSCAPE) -> Layout:
        """``clock`` returns the generation time (timezone-aware); now by default."""
        generated = (clock or utc_now)()
        if generated.tzinfo is None:
            raise ValueError("the clock must return a timezone-aware datetime")
        font = register_cjk_font()
        return cls(font, _styles(font), pagesize[0] - 2 * (MARGIN + FRAME_PADDING),
                   generated.astimezone(CST), pagesize)

    def text(self, value: object, style: str = "cell") -> Paragraph:
        """``value`` (applicant, expert or any outside text) shown literally."""
        return literal_paragraph(value, self.styles[style], shown=printable)

    def flow(self, value: object, style: str = "cell") -> list[Paragraph]:
        """Outside text that may be long (notes, reasons, objections) as paragraphs that
        flow across pages in linear time; fits a table cell or the story."""
        return literal_flowables(value, self.styles[style], shown=printable)

    def table(self, rows: list[list[Any]], widths: Sequence[float], *, header: bool = True,
              extra: Sequence[tuple[Any, ...]] = ()) -> Table:
        """A grid whose rows may split across pages, header repeated; ``widths`` in
        millimetres, scaled down to the page if they add up to more."""
        scale = min(1.0, self.width / (sum(widths) * mm))
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.font, 8),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE6F0")),
                         ("ALIGN", (0, 0), (-1, 0), "CENTER")]
        return Table(rows, colWidths=[w * mm * scale for w in widths],
                     repeatRows=1 if header else 0, splitInRow=1, hAlign="LEFT",
                     style=TableStyle([*commands, *extra]))

    @property
    def generated_label(self) -> str:
        return f"生成时间 {self.generated_at:%Y-%m-%d %H:%M}（北京时间）"


def cst_date(value: dt.date) -> str:
    """A date as officials write it: 2026年10月12日."""
    return f"{value.year}年{value.month}月{value.day}日"


def sign_off(story: list[Flowable], layout: Layout, note: str,
             signatories: Sequence[str] = SIGNATORIES) -> None:
    """审核签字: each signatory with a line to sign on, kept on one page."""
    label_w = 20 * mm
    line_w = layout.width / len(signatories) - label_w
    cells: list[Any] = []
    for name in signatories:
        cells += [layout.text(f"{name}：", "sign"), ""]
    lines = [("LINEBELOW", (c, 0), (c, 0), 0.8, colors.black)
             for c in range(1, 2 * len(signatories), 2)]
    grid = Table([cells], colWidths=[label_w, line_w] * len(signatories),
                 rowHeights=[14 * mm], hAlign="LEFT",
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *lines]))
    story.append(KeepTogether([Spacer(1, 6 * mm), layout.text("审核签字", "h2"),
                               layout.text(note, "body"), grid]))


class _PagedCanvas(PageCountingCanvas):
    """Stamps the document's footer and "第 N 页 共 M 页" on every page."""

    def stamp_page(self, number: int, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(register_cjk_font(), 8)
        self.setFillColor(colors.grey)
        self.drawString(MARGIN, FOOTER_Y, self.footer_left)
        self.drawRightString(width - MARGIN, FOOTER_Y, f"第 {number} 页 共 {total} 页")
        self.restoreState()


def render_pdf(story: list[Flowable], layout: Layout, *, title: str, author: str) -> bytes:
    """The story as a PDF whose every page carries ``title``, the generation time and
    its page number."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=layout.pagesize, leftMargin=MARGIN,
                            rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 4 * mm, title=strip_controls(title),
                            author=strip_controls(author), creator="Expert Review Desk",
                            lang="zh-CN")
    canvas = type("FooterCanvas", (_PagedCanvas,), {
        "footer_left": strip_controls(f"{title} · {layout.generated_label}")})
    doc.build(story, canvasmaker=canvas)
    return buffer.getvalue()
