"""results.pdf: the summary for the decision meeting.

Totals and budget use, tier counts, the ranking table, what the site visits
found wrong, and a chart of each project's score spread (every expert's total
as a dot, the aggregate as a bar).
"""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.graphics.shapes import Circle, Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reviewer_app.central.inspection import NON_COMPLIANT
from reviewer_app.central.reports import STATUS_ZH, clean, wan
from reviewer_app.central.results import Results, tier_counts
from reviewer_app.core.decimals import decimal_str
from reviewer_app.pdffont import register_cjk_font

PAGE = landscape(A4)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=22, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontSize=12, leading=16, spaceBefore=8,
                             spaceAfter=4),
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
    }


def _table(rows: list[list[object]], widths: list[float], font: str) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE6F0")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
    ]))
    return table


CHART_ROWS_PER_PAGE = 36


def _spread_charts(results: Results, font: str, width: float) -> list[Drawing]:
    """One chart per page-full of projects, so that hundreds of projects still fit."""
    scored = [r for r in results.rows if r.aggregate.review_count]
    return [_spread_chart(results, scored[i:i + CHART_ROWS_PER_PAGE], font, width)
            for i in range(0, max(len(scored), 1), CHART_ROWS_PER_PAGE)]


def _spread_chart(results: Results, scored: list, font: str, width: float) -> Drawing:
    row_h, left, top = 12.0, 90.0, 20.0
    height = top + row_h * max(len(scored), 1) + 24
    drawing = Drawing(width, height)
    scale = (width - left - 20) / 100
    axis_y = 16.0
    drawing.add(Line(left, axis_y, left + 100 * scale, axis_y, strokeColor=colors.black))
    for tick in range(0, 101, 10):
        x = left + tick * scale
        drawing.add(Line(x, axis_y, x, axis_y - 3))
        drawing.add(String(x - 5, axis_y - 12, str(tick), fontName=font, fontSize=7))
    for i, row in enumerate(scored):
        y = height - top - i * row_h
        drawing.add(String(4, y - 3, row.project_id, fontName=font, fontSize=7))
        totals = sorted(c.total for (pid, _), c in results.matrix.items()
                        if pid == row.project_id and c.total is not None)
        if totals:
            drawing.add(Line(left + float(totals[0]) * scale, y, left + float(totals[-1]) * scale,
                             y, strokeColor=colors.red if row.aggregate.divergent
                             else colors.grey, strokeWidth=1))
        for total in totals:
            drawing.add(Circle(left + float(total) * scale, y, 1.8, fillColor=colors.steelblue,
                               strokeColor=None))
        if row.aggregate.score is not None:
            x = left + float(row.aggregate.score) * scale
            drawing.add(Line(x, y - 4, x, y + 4, strokeColor=colors.black, strokeWidth=1.5))
    return drawing


def results_pdf(results: Results) -> bytes:
    font = register_cjk_font()
    styles = _styles(font)
    program = results.program
    funding = results.funding
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm,
                            title=f"{program.info.name} 评审结果", author=program.info.authority)
    story: list[object] = [
        Paragraph(f"{clean(program.info.name)}（{program.info.year}）评审结果汇总",
                  styles["title"]),
        Paragraph("评审场次：" + "；".join(clean(p.session_name) for p in results.packages),
                  styles["body"]),
        Paragraph(f"评分表 {len(results.sheet_hashes)} 份（已核验签名）；评审项目 "
                  f"{len(results.rows)} 个；拟资助 "
                  f"{sum(1 for r in results.rows if r.award.amount > 0)} 个。", styles["body"]),
        Spacer(1, 4 * mm),
        Paragraph("资金安排", styles["h2"]),
    ]
    used = (funding.awarded_total / funding.budget * 100) if funding.budget else Decimal(0)
    summary = [["年度预算（万元）", "测算需求（万元）", "拟资助合计（万元）", "预算使用率",
                "调整方式", "调整系数"],
               [wan(funding.budget), wan(funding.requested_total), wan(funding.awarded_total),
                f"{used:.1f}%", {"pro_rata": "等比例调整", "rank_order": "按排名顺序"}[
                    funding.policy],
                "—" if funding.factor is None else f"{funding.factor:.6f}"]]
    story.append(_table(summary, [45 * mm] * 6, font))
    counts = tier_counts(results)
    tiers = [["档次", "最低分", "资助比例", "项目数"]] + [
        [t.name, decimal_str(t.min_score), f"{t.rate * 100:.0f}%", str(counts[t.id])]
        for t in program.funding.tiers]
    story += [Spacer(1, 3 * mm), _table(tiers, [30 * mm] * 4, font)]

    story += [Paragraph("排名与资助", styles["h2"])]
    header = ["排名", "项目", "申报主体", "形式审查", "有效/回避", "综合得分", "极差", "档次",
              "资助（万元）", "说明"]
    rows: list[list[object]] = [header]
    for row in results.rows:
        agg, award = row.aggregate, row.award
        rows.append([
            str(agg.rank or "—"), row.project_id,
            Paragraph(clean(row.project["enterprise_name"]), styles["cell"]),
            STATUS_ZH[row.project["eligibility"]["status"]],
            f"{agg.review_count}/{len(agg.excluded_conflicts)}",
            "—" if agg.score is None else decimal_str(agg.score),
            "—" if agg.spread is None else decimal_str(agg.spread)
            + (" ⚑" if agg.divergent else ""),
            award.tier.name if award.tier else "—", wan(award.amount),
            Paragraph(clean("；".join(r.message for r in award.reasons)),
                      styles["cell"])])
    story.append(_table(rows, [12 * mm, 26 * mm, 62 * mm, 16 * mm, 16 * mm, 16 * mm, 16 * mm,
                               14 * mm, 20 * mm, 75 * mm], font))
    flagged = [(row, found) for row in results.rows
               if (found := results.inspections.of(row.project_id)) and found.flagged]
    if results.inspections.projects:
        story += [Paragraph("现场考察", styles["h2"]), Paragraph(
            f"考察项目 {len(results.inspections.projects)} 个，其中发现不符合项的 "
            f"{len(flagged)} 个（详见 results.xlsx“现场考察”表）。", styles["body"])]
    if flagged:
        found_rows: list[list[object]] = [
            ["项目", "申报主体", "考察情况", "不符合项（专家：说明）"]]
        for row, found in flagged:
            items = "；".join(
                f"{results.inspections.item_text(a.item_id)}（{visit.seat_name}：{a.note or '—'}）"
                for visit in found.visits for a in visit.answers(NON_COMPLIANT))
            found_rows.append([row.project_id,
                               Paragraph(clean(row.project["enterprise_name"]), styles["cell"]),
                               found.summary(), Paragraph(clean(items), styles["cell"])])
        story.append(_table(found_rows, [26 * mm, 62 * mm, 40 * mm, 145 * mm], font))
    story += [PageBreak(), Paragraph("各项目评分分布（点：专家总分；竖线：综合得分；红色：分歧）",
                                     styles["h2"]),
              *_spread_charts(results, font, PAGE[0] - 24 * mm)]
    doc.build(story)
    return buffer.getvalue()
