"""The printable score sheet: what the expert signs by hand beside the digital signature.

Comments are Paragraph flowables outside tables, so text of any length flows on
to the next page instead of being cut; the QR code and the printed hash tie the
paper to the exact .revsheet body.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reviewer_app.core.dates import CST
from reviewer_app.core.decimals import decimal_str
from reviewer_app.core.rubric import Rubric
from reviewer_app.pdfpages import PageCountingCanvas
from reviewer_app.pdftext import literal_flowables, literal_paragraph
from reviewer_app.sheets.body import InspectionVisit, ProjectEntry, SheetBody

QR_PREFIX = "RVSHEET1"
PDF_TITLE = "专家评分表"
CONFLICT_NOTICE = "已申明利益冲突，回避评分"
CHECKLIST_LABELS = {"compliant": "符合", "non_compliant": "不符合", "unverifiable": "无法核实"}
KIND_LABELS = {"panel": "专家评审", "inspection": "现场考察"}

_INK = colors.HexColor("#1f2d3d")
_RULE = colors.HexColor("#8a96a3")
_SHADE = colors.HexColor("#e8edf2")
_ALERT = colors.HexColor("#b3261e")


def qr_payload(body_sha256: str, key_id: str, revision: int) -> str:
    """The QR code's text: ``RVSHEET1:<body sha256 hex>:<key_id>:r<revision>``."""
    return f"{QR_PREFIX}:{body_sha256}:{key_id}:r{revision}"


# The workspace stores the expert's recommendation as a code; the printed sheet
# shows it in words. Free text (older sheets, other tools) prints as it is.
RECOMMENDATION_TEXT = {"recommend": "建议支持", "conditional": "有条件支持",
                       "not_recommended": "不建议支持"}


def recommendation_text(value: str | None) -> str:
    if not value:
        return "（无）"
    return RECOMMENDATION_TEXT.get(value, value)


@functools.cache
def _font() -> str:
    from reviewer_app.pdffont import register_cjk_font

    return register_cjk_font()


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    font = _font()

    def style(name: str, size: float, **extra: Any) -> ParagraphStyle:
        # wordWrap CJK breaks anywhere, so unbroken runs (Chinese, long URLs) wrap too.
        options = {"textColor": _INK, **extra}
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.45,
                              wordWrap="CJK", **options)

    return {
        "program": style("program", 11, alignment=TA_CENTER),
        "title": style("title", 20, alignment=TA_CENTER, spaceBefore=2, spaceAfter=2),
        "session": style("session", 11, alignment=TA_CENTER),
        "h2": style("h2", 12.5, spaceBefore=10, spaceAfter=4),
        "label": style("label", 9.5, textColor=_RULE, spaceBefore=5),
        "body": style("body", 10),
        "cell": style("cell", 9.5),
        "head": style("head", 9.5, alignment=TA_CENTER),
        "small": style("small", 8, textColor=_RULE),
        "mono": style("mono", 7.5),
        "alert": style("alert", 11, textColor=_ALERT),
    }


@functools.cache
def _covered() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(_font()).face.charToGlyph)


def printable(text: str) -> str:
    """``text`` with characters the embedded font lacks shown as ``[U+XXXX]``.

    A rare name character (CJK extension B, say) would otherwise print as a blank
    box; the code point keeps the paper copy unambiguous. Line breaks are kept.
    """
    covered = _covered()
    return "".join(ch if ord(ch) in covered or ch in "\n\t " else f"[U+{ord(ch):04X}]"
                   for ch in text)


def _p(text: str, style: str) -> Paragraph:
    return literal_paragraph(text, _styles()[style], shown=printable)


def _flow(text: str, style: str) -> list[Paragraph]:
    """An expert's or applicant's text of any length, laid out in linear time."""
    return literal_flowables(text, _styles()[style], shown=printable)


def _grid(data: list[list[Any]], widths: list[float], *, header: bool = True,
          extra: list[tuple[Any, ...]] = ()) -> Table:
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), _font()),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, _RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), _SHADE))
    commands.extend(extra)
    # splitInRow lets a row with a long note continue on the next page.
    return Table(data, colWidths=widths, style=TableStyle(commands), repeatRows=1 if header
                 else 0, splitInRow=1, hAlign="LEFT")


class _NumberedCanvas(PageCountingCanvas):
    """The sheet's footer on every page: a rule, the seat and revision, "共 M 页";
    the document's creation date is the signing time (``pdf_date``), so the file
    stays byte-for-byte reproducible (invariant mode) without claiming 2000-01-01."""

    pdf_date = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.pdf_date:
            date = self.pdf_date
            self._doc.setDateFormatter(lambda *_: date)

    def stamp_page(self, number: int, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setStrokeColor(_RULE)
        self.setLineWidth(0.4)
        self.line(18 * mm, 14 * mm, width - 18 * mm, 14 * mm)
        self.setFont(_font(), 8)
        self.setFillColor(_RULE)
        self.drawString(18 * mm, 9.5 * mm, self.footer_left)
        self.drawRightString(width - 18 * mm, 9.5 * mm, f"第 {number} 页 共 {total} 页")
        self.restoreState()


def _qr(payload: str, size: float) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


Progress = Callable[[int, int], None]


def render_sheet_pdf(body: SheetBody, body_sha256: str, manifest: Mapping[str, Any], *,
                     progress: Progress | None = None) -> bytes:
    """Render the printable sheet for a signed body, in time linear in its text.

    Args:
        body: the signed body (as built or as verified).
        body_sha256: hex SHA-256 of the body bytes, printed and in the QR code.
        manifest: the package manifest, for program, session, rubric and project names.
        progress: called as ``progress(done, total)`` while the pages are laid out
            (from the rendering thread); an exception it raises stops the rendering
            and propagates, which is how a caller cancels.
    """
    rubric = Rubric.from_dict(manifest["rubric"])
    projects = {str(p["project_id"]): p for p in manifest.get("projects", ())}
    checklist = {str(i["id"]): str(i.get("text", i["id"]))
                 for i in manifest.get("inspection_checklist", ())}
    width = A4[0] - 36 * mm
    story: list[Any] = []
    story += _header(body, body_sha256, manifest, width)
    story += _commitment(body)
    categories = {str(c.get("id")): str(c.get("name", ""))
                  for c in manifest.get("conflict_categories") or ()}
    visits = {v.project_id: v for v in body.inspection or ()}
    for index, entry in enumerate(body.projects, start=1):
        facts = projects.get(entry.project_id, {})
        story += _project(index, len(body.projects), entry, facts, rubric, width, categories)
        if entry.project_id in visits:
            story += _visit(visits[entry.project_id], checklist, width)
    story += _photos_note(body, manifest)
    story.append(_signature_block(body, body_sha256, width))

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=20 * mm, title=PDF_TITLE,
                            author=body.expert_name, subject=body_sha256,
                            creator="Expert Review Desk", invariant=True,
                            lang="zh-CN")
    canvas_class = type("SheetCanvas", (_NumberedCanvas,), {
        "footer_left": f"{PDF_TITLE} · 席位 {body.seat_id} · 第 {body.revision} 版 · "
                       f"摘要 {body_sha256[:16]}",
        "pdf_date": _pdf_date(body.created_at)})
    if progress is not None:
        doc.setProgressCallBack(_progress_relay(progress))
    doc.build(story, canvasmaker=canvas_class)
    return out.getvalue()


def _progress_relay(progress: Progress) -> Callable[[str, int], None]:
    """reportlab's callback as ``progress(done, total)``, never going backwards.

    reportlab reports ``SIZE_EST`` once (the number of flowables) and ``PROGRESS`` as
    the flowables laid out so far; a flowable split across pages adds one more, so
    its count can step back and overrun the estimate. ``done`` stays below ``total``
    until ``FINISHED``.
    """
    total, done = 1, 0

    def relay(kind: str, value: int) -> None:
        nonlocal total, done
        if kind == "SIZE_EST":
            total = max(int(value), 1)
        elif kind == "PROGRESS":
            done = max(done, min(int(value), total - 1))
        elif kind == "FINISHED":
            done = total
        else:
            return
        progress(done, total)

    return relay


def _signed_at(created_at: str) -> dt.datetime | None:
    """The body's signing time in Beijing time; None when it is not a zoned time."""
    try:
        moment = dt.datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(CST) if moment.tzinfo is not None else None


def signed_at_text(created_at: str) -> str:
    """The body's UTC signing time as the expert reads it: 北京时间 with its offset,
    e.g. ``2026-06-20 10:30（北京时间 UTC+8）``; text that is not a time prints as it is."""
    moment = _signed_at(created_at)
    return created_at if moment is None else f"{moment:%Y-%m-%d %H:%M}（北京时间 UTC+8）"


def _pdf_date(created_at: str) -> str:
    """The signing time as a PDF date in Beijing time (``D:20260620103000+08'00'``);
    empty when the body's time cannot be read."""
    moment = _signed_at(created_at)
    return "" if moment is None else f"D:{moment:%Y%m%d%H%M%S}+08'00'"


def _header(body: SheetBody, body_sha256: str, manifest: Mapping[str, Any],
            width: float) -> list[Any]:
    program = manifest.get("program", {})
    session = manifest.get("session", {})
    qr_size = 30 * mm
    titles = [
        _p(str(program.get("name", "")), "program"),
        _p(PDF_TITLE, "title"),
        _p(str(session.get("name", "")), "session"),
    ]
    top = Table([[titles, _qr(qr_payload(body_sha256, body.key_id, body.revision), qr_size)]],
                colWidths=[width - qr_size - 4 * mm, qr_size + 4 * mm],
                style=TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    label_w = 24 * mm
    value_w = width / 2 - label_w
    previous = body.previous_sha256 or "无（首版）"
    info = [
        [_p("专家姓名", "label"), _p(body.expert_name, "cell"),
         _p("席位", "label"), _p(body.seat_id, "cell")],
        [_p("评审类型", "label"), _p(KIND_LABELS.get(body.kind, body.kind)
                                    + ("（第二轮复议）" if body.round == 2 else ""), "cell"),
         _p("版本", "label"), _p(f"第 {body.revision} 版", "cell")],
        [_p("签署时间", "label"), _p(signed_at_text(body.created_at), "cell"),
         _p("项目数", "label"), _p(str(len(body.projects)), "cell")],
        [_p("评分表摘要", "label"), _p(body_sha256, "mono"), "", ""],
        [_p("密钥指纹", "label"), _p(body.key_id, "mono"),
         _p("上一版摘要", "label"), _p(previous, "mono")],
    ]
    table = _grid(info, [label_w, value_w, label_w, value_w], header=False,
                  extra=[("SPAN", (1, 3), (3, 3)),
                         ("BACKGROUND", (0, 0), (0, -1), _SHADE),
                         ("BACKGROUND", (2, 0), (2, 2), _SHADE),
                         ("BACKGROUND", (2, 4), (2, 4), _SHADE)])
    return [top, Spacer(1, 4 * mm), table, Spacer(1, 2 * mm)]


def _commitment(body: SheetBody) -> list[Any]:
    """Format 3: the 承诺书 acceptance (time in 北京时间, the text's SHA-256)."""
    if body.commitment is None:
        return []
    return [_p(f"承诺书：专家已于 {signed_at_text(body.commitment.accepted_at)} 阅读并确认"
               f"《评审专家承诺书》（保密、独立评审、存在利益冲突时主动申请回避）。", "body"),
            _p(f"承诺书文本摘要（SHA-256）：{body.commitment.sha256}", "small"),
            Spacer(1, 2 * mm)]


def _conflict_lines(entry: ProjectEntry, categories: Mapping[str, str]) -> list[Any]:
    """Format 3: the declared conflict's category and the answer to the build's hint."""
    lines: list[Any] = []
    if entry.conflict.declared and entry.conflict.category is not None:
        name = categories.get(entry.conflict.category, entry.conflict.category)
        lines.append(_p(f"冲突类别：{name}", "body"))
    if entry.hint is not None:
        answer = ("确认存在冲突（回避）" if entry.hint.answer == "conflict"
                  else "不存在冲突")
        lines += _flow(f"预筛提示：组织方核对专家任职单位时提示本项目可能存在利益冲突；"
                       f"专家答复：{answer}"
                       + (f"。理由：{entry.hint.reason}" if entry.hint.reason else ""), "body")
    return lines


def _project(index: int, count: int, entry: ProjectEntry, facts: Mapping[str, Any],
             rubric: Rubric, width: float,
             categories: Mapping[str, str] | None = None) -> list[Any]:
    title = str(facts.get("project_title", ""))
    heading = f"项目 {index}/{count}：{entry.project_id}" + (f"　{title}" if title else "")
    top: list[Any] = [_p(heading, "h2")]
    if facts.get("enterprise_name"):
        top.append(_p(f"申报单位：{facts['enterprise_name']}", "body"))
    conflict_lines = _conflict_lines(entry, categories or {})
    if entry.conflict.declared:
        notice = Table([[[_p(CONFLICT_NOTICE, "alert"), *conflict_lines,
                          *_flow(f"申明理由：{entry.conflict.reason}", "body")]]],
                       colWidths=[width], splitInRow=1,
                       style=TableStyle([("BOX", (0, 0), (-1, -1), 1.2, _ALERT),
                                         ("TOPPADDING", (0, 0), (-1, -1), 6),
                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                                         ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
        return [KeepTogether([*top, Spacer(1, 2 * mm), notice])]
    rows: list[list[Any]] = [[_p("评分项", "cell"), _p("满分", "head"), _p("得分", "head"),
                              _p("档次", "cell")]]
    for criterion in rubric.criteria:
        score = entry.scores.get(criterion.id, Decimal(0))
        band = criterion.band_for(score)
        rows.append([_p(criterion.name, "cell"), decimal_str(criterion.max),
                     decimal_str(score), _p(band.name if band else "", "cell")])
    rows.append([_p("合计", "cell"), decimal_str(rubric.total_max),
                 decimal_str(entry.total if entry.total is not None else Decimal(0)), ""])
    table = _grid(rows, [width * 0.42, width * 0.14, width * 0.14, width * 0.30],
                  extra=[("ALIGN", (1, 1), (2, -1), "CENTER"),
                         ("BACKGROUND", (0, -1), (-1, -1), _SHADE),
                         ("FONTSIZE", (1, -1), (2, -1), 11)])
    # The heading and the score table stay on one page; comments may flow on.
    flow: list[Any] = [KeepTogether([*top, *conflict_lines, Spacer(1, 2 * mm), table])]
    names = {c.id: c.name for c in rubric.criteria}
    for cid in rubric.criterion_ids:
        if entry.comments.get(cid):
            flow += _labelled(f"{names[cid]} 评分说明：", _flow(entry.comments[cid], "body"))
    flow += _labelled("综合意见：", _flow(entry.overall_comment or "（无）", "body"))
    flow += _labelled("推荐意见：", [_p(recommendation_text(entry.recommendation), "body")])
    if entry.reason is not None and not entry.conflict.declared:  # sheet format 4
        flow += _labelled("第二轮复议理由：", _flow(entry.reason or "（无）", "body"))
    if entry.evidence:
        titles = {m.get("member_id"): str(m.get("title", "")) for m in facts.get("materials", ())}
        refs = "；".join(f"{names.get(e.criterion_id, e.criterion_id)}："
                        f"《{titles.get(e.member_id) or f'材料 {e.member_id}'}》第 {e.page} 页"
                        for e in entry.evidence)
        flow.append(_p(f"佐证材料：{refs}", "small"))
    return flow


def _labelled(label: str, text: list[Paragraph]) -> list[Any]:
    """A label kept on the page of the first line it introduces (never alone at a
    page foot); the rest of a long text flows on."""
    return [KeepTogether([_p(label, "label"), text[0]]), *text[1:]]


def _visit(visit: InspectionVisit, checklist: Mapping[str, str], width: float) -> list[Any]:
    rows: list[list[Any]] = [[_p("考察项", "cell"), _p("结果", "cell"), _p("备注", "cell")]]
    for answer in visit.checklist:
        rows.append([_p(checklist.get(answer.item_id, answer.item_id), "cell"),
                     _p(CHECKLIST_LABELS.get(answer.result, answer.result), "cell"),
                     _flow(answer.note, "cell")])
    flow: list[Any] = [_p("现场考察核查表", "label"), Spacer(1, 1 * mm),
                       _grid(rows, [width * 0.45, width * 0.13, width * 0.42])]
    flow += _labelled("考察发现：", _flow(visit.findings or "（无）", "body"))
    flow += _labelled("考察建议：", [_p(recommendation_text(visit.recommendation), "body")])
    for photo in visit.photos:
        flow.append(_p(f"照片 {photo.sha256}（{photo.media_type}）{photo.caption}", "small"))
    return flow


def _photos_note(body: SheetBody, manifest: Mapping[str, Any]) -> list[Any]:
    """Where the photos listed above are: in the photo package beside this sheet
    (formats.md §5), or on the expert's laptop when the package has no return key."""
    from reviewer_app.sheets.build import sheet_filename
    from reviewer_app.sheets.photos import PHOTOS_SUFFIX, return_recipient

    count = sum(len(v.photos) for v in body.inspection or ())
    if not count:
        return []
    if return_recipient(manifest) is not None:
        name = sheet_filename(body.seat_id, body.revision, PHOTOS_SUFFIX)
        text = (f"现场照片 {count} 张随本评分表加密导出至 {name}（仅组织方可打开），"
                "与上列照片指纹一一对应。")
    else:
        text = (f"现场照片 {count} 张保存在专家电脑的加密工作区中：本评审包未携带组织方的"
                "照片回收密钥，照片未随评分表导出。")
    return [Spacer(1, 2 * mm), _p(text, "small")]


def _signature_block(body: SheetBody, body_sha256: str, width: float) -> KeepTogether:
    line = "_" * 28
    sign = Table([[_p("专家签名：", "body"), _p(line, "body"),
                   _p("日期：", "body"), _p("_" * 18, "body")]],
                 colWidths=[width * 0.22, width * 0.38, width * 0.1, width * 0.3],
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 14)]))
    return KeepTogether([
        Spacer(1, 6 * mm),
        _p("声明：本人确认以上评分与意见系本人独立、客观、公正作出，与电子评分表"
           "（下列摘要）内容一致。", "body"),
        Spacer(1, 2 * mm),
        _p(f"电子评分表摘要（SHA-256）：{body_sha256}", "mono"),
        _p(f"签名密钥指纹：{body.key_id}　　二维码内容："
           f"{qr_payload(body_sha256, body.key_id, body.revision)}", "mono"),
        sign,
    ])
