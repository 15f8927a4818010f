"""results.pdf: what the decision meeting (区科技创新局) reads and signs.

The report is a sequence of sections (:data:`SECTIONS`), each a small function
that appends its flowables to the story: the heading (program, rounds, budget,
generation time in China Standard Time), budget use and tier counts, the ranking
with project titles beside their ids, the eligibility decisions pending and
taken, the 公示 period and its objections (once there is one), what the site
visits found wrong, a chart of each project's score spread (one per page-full,
none when nothing was scored) and the sign-off block. Every page says
"第 N 页 共 M 页" (:mod:`pdf_layout`).

All text from applicants, experts and inspectors goes through
:func:`reviewer_app.pdftext.paragraph_text` (via :meth:`Layout.text`): it prints
as the characters it holds and never becomes markup, a link or an image. Long
text flows on: tables split inside a row (``splitInRow``), so a note of any
length continues on the next page instead of stopping the build.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlab.graphics.shapes import Circle, Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from reviewer_app.central.inspection import NON_COMPLIANT
from reviewer_app.central.pdf_layout import (
    CST,
    Clock,
    Layout,
    cst_date,
    render_pdf,
    sign_off,
)
from reviewer_app.central.reports import STATUS_ZH, eligibility_zh, review_findings, wan
from reviewer_app.central.results import Results, tier_counts
from reviewer_app.central.sanitize import strip_controls
from reviewer_app.central.second_round_pdf import SECOND_ROUND, second_round_section
from reviewer_app.core.decimals import decimal_str

if TYPE_CHECKING:
    from reviewer_app.central.publicity import Published

REPORT_TITLE = "评审结果汇总"
CHART_ROWS_PER_PAGE = 36


@dataclass(frozen=True, kw_only=True)
class Report(Layout):
    """What every section needs: the layout, the results and, once the results are on
    public notice, the 公示 period with its objections."""

    results: Results
    publicity: Published | None = None


Section = Callable[[list[Flowable], Report], None]


def _program_title(results: Results) -> str:
    info = results.program.info
    return f"{info.name}（{info.year}）{REPORT_TITLE}"


# -- sections ---------------------------------------------------------------------------


def heading(story: list[Flowable], report: Report) -> None:
    """Program, rounds (the review sessions), budget, generation time, counts."""
    results = report.results
    funded = sum(1 for r in results.rows if r.award.amount > 0)
    story += [
        report.text(_program_title(results), "title"),
        report.text("评审场次：" + "；".join(p.session_name for p in results.packages), "body"),
        report.text(f"年度预算：{wan(results.funding.budget)} 万元　　"
                    f"组织单位：{results.program.info.authority}", "body"),
        report.text(report.generated_label, "body"),
        report.text(f"评分表 {len(results.sheet_hashes)} 份（已核验签名）；评审项目 "
                    f"{len(results.rows)} 个；拟资助 {funded} 个。", "body"),
        Spacer(1, 3 * mm),
    ]


def funding_section(story: list[Flowable], report: Report) -> None:
    """资金安排: budget use and the uniform adjustment, then the tiers."""
    results = report.results
    funding = results.funding
    used = (funding.awarded_total / funding.budget * 100) if funding.budget else Decimal(0)
    policy = {"pro_rata": "等比例调整", "rank_order": "按排名顺序"}.get(funding.policy,
                                                                    funding.policy)
    summary = [["年度预算（万元）", "测算需求（万元）", "拟资助合计（万元）", "预算使用率",
                "调整方式", "调整系数"],
               [wan(funding.budget), wan(funding.requested_total), wan(funding.awarded_total),
                f"{used:.1f}%", policy,
                "—" if funding.factor is None else f"{funding.factor:.6f}"]]
    counts = tier_counts(results)
    tiers = [["档次", "最低分", "资助比例", "达到该档项目数", "其中拟资助"]] + [
        [report.text(t.name), decimal_str(t.min_score), f"{t.rate * 100:.0f}%",
         str(counts[t.id]["scored"]), str(counts[t.id]["funded"])]
        for t in results.program.funding.tiers]
    prior = sum((e.amount for e in results.prior_awards), Decimal(0))
    source = (f"年度资金总额 {wan(results.annual_budget)} 万元，本年度已资助 {wan(prior)} 万元"
              f"（{len(results.prior_awards)} 笔，计入每家企业年度上限）"
              + ("，本轮预算为其余额。" if results.budget_source == "remaining-annual"
                 else "；本轮预算由经办人指定。"))
    story += [report.text("资金安排", "h2"), report.text(source, "body"),
              report.table(summary, [45] * 6),
              Spacer(1, 3 * mm), report.table(tiers, [30] * 5)]


RANKING_COLUMNS = (("排名", 10), ("项目编号", 22), ("项目名称", 44), ("申报主体", 44),
                   ("形式审查", 14), ("有效/回避", 14), ("综合得分", 15), ("极差", 14),
                   ("档次", 13), ("资助（万元）", 18), ("说明", 65))


def ranking_section(story: list[Flowable], report: Report) -> None:
    """排名与资助: one row per project, its title beside its id."""
    text = report.text
    rows: list[list[Any]] = [[name for name, _ in RANKING_COLUMNS]]
    for row in report.results.rows:
        agg, award, project = row.aggregate, row.award, row.project
        rows.append([
            str(agg.rank or "—"), text(row.project_id), text(project.get("project_title", "")),
            text(project["enterprise_name"]),
            text(eligibility_zh(row)),
            f"{agg.review_count}/{len(agg.excluded_conflicts)}",
            "—" if agg.score is None else decimal_str(agg.score),
            "—" if agg.spread is None else decimal_str(agg.spread)
            + (" ⚑" if agg.divergent else ""),
            text(award.tier.name) if award.tier else "—", wan(award.amount),
            text("；".join(([SECOND_ROUND] if row.second_round else [])
                          + [r.message for r in award.reasons]))])
    story += [text("排名与资助", "h2"),
              report.table(rows, [width for _, width in RANKING_COLUMNS])]
    if not any(r.aggregate.review_count for r in report.results.rows):
        story += [Spacer(1, 2 * mm),
                  text("尚无有效评审：未计算综合得分，未绘制评分分布图。", "body")]


def conflicts_line(results: Any) -> str:
    """利益冲突回避 by category in one line, e.g. ``利益冲突回避 2 人次：亲属关系 1，其他 1``;
    categories with none are left out, a conflict without a category is 未分类."""
    counts = [c for c in results.conflict_counts() if c.count]
    total = sum(c.count for c in counts)
    if not total:
        return "利益冲突回避 0 人次。"
    return (f"利益冲突回避 {total} 人次：" + "，".join(f"{c.name} {c.count}" for c in counts)
            + "。")


def conflicts_section(story: list[Flowable], report: Report) -> None:
    """One line under the ranking: the declared conflicts counted by category."""
    if not any(r.aggregate.review_count or r.aggregate.excluded_conflicts
               for r in report.results.rows):
        return
    story += [Spacer(1, 2 * mm), report.text(conflicts_line(report.results), "body")]


NOTE_IN_TABLE = 300  # characters of a note the table shows; a longer one flows below it


def panel_size_section(story: list[Flowable], report: Report) -> None:
    """专家组人数: projects with fewer valid reviews than the program recommends or an
    even number where it asks for an odd one (core/panel.py); no score is changed.
    Nothing before the first review arrives: the heading already says none has."""
    results = report.results
    warnings = results.panel_warnings
    if not warnings or not any(r.aggregate.review_count for r in results.rows):
        return
    text = report.text
    rows: list[list[Any]] = [["项目编号", "有效评审", "提示"]]
    rows += [[text(w.project_id), str(w.reviews), text(w.message_zh())] for w in warnings]
    story += [text("专家组人数提示", "h2"),
              text(f"以下 {len(warnings)} 个项目的有效评审份数不符合评审办法的建议"
                   "（不影响计分）。", "body"),
              report.table(rows, [30, 20, 120])]


def inspection_section(story: list[Flowable], report: Report) -> None:
    """现场考察: how many projects were visited, and every 不符合 with the
    inspector's note, one row each; notes too long for a cell follow the table
    in full, across the page width, flowing on over as many pages as they need."""
    found_by = report.results.inspections
    if not found_by.projects:
        return
    text = report.text
    flagged = [(row, found) for row in report.results.rows
               if (found := found_by.of(row.project_id)) and found.flagged]
    story += [text("现场考察", "h2"), text(
        f"考察项目 {len(found_by.projects)} 个，其中发现不符合项的 {len(flagged)} 个"
        f"（详见 results.xlsx“现场考察”表）。", "body")]
    photo_section(story, report)
    if not flagged:
        return
    rows: list[list[Any]] = [["项目编号", "申报主体", "考察情况", "不符合项", "考察专家",
                              "说明"]]
    long_notes: list[tuple[str, str]] = []  # (what it is about, the note)
    for row, found in flagged:
        for visit in found.visits:
            for answer in visit.answers(NON_COMPLIANT):
                item = found_by.item_text(answer.item_id)
                note = answer.note or "—"
                if len(note) > NOTE_IN_TABLE:
                    long_notes.append((f"{row.project_id} {row.project['enterprise_name']}"
                                       f" · {item} · {visit.seat_name}", note))
                    note = (note[:NOTE_IN_TABLE // 2] + f"……（全文见下文“不符合项说明”"
                            f"第 {len(long_notes)} 条）")
                rows.append([text(row.project_id), text(row.project["enterprise_name"]),
                             found.summary(), text(item), text(visit.seat_name), text(note)])
    story.append(report.table(rows, [22, 44, 30, 50, 22, 105]))
    if long_notes:
        story.append(text("不符合项说明（全文）", "h2"))
        for number, (about, note) in enumerate(long_notes, start=1):
            story += [text(f"{number}. {about}：", "body"), *report.flow(note, "body"),
                      Spacer(1, 2 * mm)]


def photo_section(story: list[Flowable], report: Report) -> None:
    """现场照片: per visit with photos, how many of the sheet's photos the store holds
    (``reviewer-admin photos --project`` extracts them) and why any are missing."""
    visits = [(pid, visit) for pid, found in report.results.inspections.projects.items()
              for visit in found.visits if visit.visit.photos]
    if not visits:
        return
    expected = sum(len(v.visit.photos) for _, v in visits)
    received = sum(len(v.received) for _, v in visits)
    story.append(report.text(
        f"现场照片：考察表登记 {expected} 张，秘书处已收到并核对 {received} 张"
        "（reviewer-admin photos --project 项目编号 导出）。", "body"))
    for pid, visit in visits:
        story.append(report.text(f"{pid} · {visit.seat_name}：{visit.photo_status()}", "body"))


def spread_section(story: list[Flowable], report: Report) -> None:
    """各项目评分分布: one chart per page-full of scored projects; nothing at all
    (no page) when no project has a review."""
    results = report.results
    scored = [r for r in results.rows if r.aggregate.review_count]
    if not scored:
        return
    totals: dict[str, list[Decimal]] = defaultdict(list)
    for (pid, _), cell in results.matrix.items():
        if cell.total is not None:
            totals[pid].append(cell.total)
    story += [PageBreak(), report.text(
        "各项目评分分布（点：专家总分；竖线：综合得分；红色：分歧）", "h2")]
    story += [_spread_chart(scored[i:i + CHART_ROWS_PER_PAGE], totals, report)
              for i in range(0, len(scored), CHART_ROWS_PER_PAGE)]


def _chart_label(project_id: str) -> str:
    label = strip_controls(project_id)
    return label if len(label) <= 16 else label[:15] + "…"


def _spread_chart(scored: Sequence[Any], totals: Mapping[str, list[Decimal]],
                  report: Report) -> Drawing:
    font, width = report.font, report.width
    row_h, left, top = 12.0, 90.0, 20.0
    height = top + row_h * len(scored) + 24
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
        drawing.add(String(4, y - 3, _chart_label(row.project_id), fontName=font, fontSize=7))
        marks = sorted(totals.get(row.project_id, ()))
        if marks:
            drawing.add(Line(left + float(marks[0]) * scale, y, left + float(marks[-1]) * scale,
                             y, strokeColor=colors.red if row.aggregate.divergent
                             else colors.grey, strokeWidth=1))
        for total in marks:
            drawing.add(Circle(left + float(total) * scale, y, 1.8, fillColor=colors.steelblue,
                               strokeColor=None))
        if row.aggregate.score is not None:
            x = left + float(row.aggregate.score) * scale
            drawing.add(Line(x, y - 4, x, y + 4, strokeColor=colors.black, strokeWidth=1.5))
    return drawing


def sign_off_section(story: list[Flowable], report: Report) -> None:
    """审核签字: 经办人 / 审核人 / 负责人 / 日期, each with a line to sign on."""
    sign_off(story, report, f"本报告由评审系统根据已核验签名的评分表生成，"
                            f"{report.generated_label}。请逐页核对页码后签字。")


def pending_section(story: list[Flowable], report: Report) -> None:
    """形式审查待复核: 需复核 projects nobody has decided yet; they get nothing until a
    decision is recorded (reviewer-admin decide)."""
    pending = report.results.pending
    if not pending:
        return
    text = report.text
    rows: list[list[Any]] = [["项目编号", "申报主体", "项目名称", "需复核事项"]]
    rows += [[text(r.project_id), text(r.project["enterprise_name"]),
              text(r.project.get("project_title", "")), report.flow(review_findings(r))]
             for r in pending]
    story += [text("形式审查待复核", "h2"),
              text(f"以下 {len(pending)} 个项目的形式审查需复核，尚无复核决定，"
                   "暂不予资助。", "body"),
              report.table(rows, [24, 50, 60, 140])]


def decisions_section(story: list[Flowable], report: Report) -> None:
    """形式审查复核决定: every decision that settled or overruled a review."""
    decided = [r for r in report.results.rows if r.eligibility.decision is not None]
    if not decided:
        return
    text = report.text
    rows: list[list[Any]] = [["项目编号", "原审查结论", "复核决定", "理由", "决定人", "时间"]]
    for r in decided:
        d = r.eligibility.decision
        assert d is not None
        rows.append([text(r.project_id), STATUS_ZH.get(r.eligibility.status, "—"),
                     "通过" if d.outcome == "pass" else "不通过", report.flow(d.reason),
                     text(d.decided_by), d.decided_at.astimezone(CST).strftime("%Y-%m-%d %H:%M")])
    story += [text("形式审查复核决定", "h2"), report.table(rows, [24, 24, 20, 110, 36, 40])]


def publicity_section(story: list[Flowable], report: Report) -> None:
    """公示与异议 (五（五）): the period the results were put on notice and every
    objection received, with what was decided on it."""
    published = report.publicity
    if published is None:
        return
    from reviewer_app.central.publicity import OUTCOME_ZH

    text = report.text
    story += [text("公示与异议", "h2"), text(
        f"公示期：{cst_date(published.start)}至{cst_date(published.end)}"
        f"（{published.working_days} 个工作日，节假日依 {published.calendar}）；"
        f"收到异议 {len(published.objections)} 件。", "body")]
    if not published.objections:
        return
    rows: list[list[Any]] = [["编号", "项目编号", "收到日期", "异议内容", "处理结果", "理由",
                              "处理人"]]
    rows += [[str(o.id), text(o.project_id), o.received_on.isoformat(), report.flow(o.text),
              OUTCOME_ZH[o.outcome], report.flow(o.outcome_reason or "—"),
              text(o.decided_by or "—")] for o in published.objections]
    story.append(report.table(rows, [12, 24, 22, 110, 22, 60, 24]))


# The report, in order. Extension point: a further section is a ``Section`` function
# taking (story, report) that reads its data from ``report``; insert it before
# ``sign_off_section``, which must stay last.
SECTIONS: tuple[Section, ...] = (heading, funding_section, ranking_section,
                                 second_round_section, conflicts_section,
                                 pending_section, panel_size_section, decisions_section,
                                 publicity_section,
                                 inspection_section, spread_section, sign_off_section)


# -- the document ----------------------------------------------------------------------


def results_pdf(results: Results, *, clock: Clock | None = None,
                sections: Sequence[Section] = SECTIONS,
                publicity: Published | None = None) -> bytes:
    """Render the decision meeting's report.

    Args:
        results: what ``compute_results`` produced.
        clock: returns the generation time (timezone-aware; shown in China Standard
            Time); the current time by default. Tests pass a fixed one.
        sections: the sections in order (:data:`SECTIONS` by default).
        publicity: the current 公示 period and its objections, if there is one.
    """
    layout = Layout.create(clock)
    report = Report(**{f.name: getattr(layout, f.name) for f in fields(Layout)},
                    results=results, publicity=publicity)
    story: list[Flowable] = []
    for section in sections:
        section(story, report)
    return render_pdf(story, report, title=_program_title(results),
                      author=results.program.info.authority)
