"""panel-summary.pdf: the 专家组汇总表 each panel signs on paper (central/panel_summary.py).

Per panel: the projects with every expert's total by seat (回避 / 未评 spelled out),
the aggregate and its method, the spread, then room for dissent (不同意见) and a
signature line for every expert of the panel and for the 专家组组长. Expert and
applicant text is shown literally (:meth:`Layout.text`); the layout, footer and page
numbers are those of results.pdf (:mod:`pdf_layout`).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from reviewer_app.central.panel_summary import (
    RECUSED,
    SECOND_ROUND_MARK,
    Panel,
    panel_summaries,
)
from reviewer_app.central.pdf_layout import Clock, Layout, render_pdf
from reviewer_app.central.results import Results

TITLE = "专家组汇总表"
# Seat columns per table: more seats continue in a further table with the same rows,
# so that a total stays legible (8 pt in a column of at least ~14 mm).
SEATS_PER_TABLE = 12
DISSENT_LINES = 5


def panel_summary_pdf(results: Results, *, clock: Clock | None = None) -> bytes:
    layout = Layout.create(clock)
    story: list[Flowable] = []
    info = results.program.info
    for number, panel in enumerate(panel_summaries(results)):
        if number:
            story.append(PageBreak())
        story += [layout.text(f"{info.name}（{info.year}）{TITLE}", "title"),
                  layout.text(f"评审场次：{panel.session_name}　　评审包 "
                              f"{panel.package_id[:16]}　　{layout.generated_label}", "body"),
                  layout.text(_explanation(results), "body"), Spacer(1, 3 * mm)]
        for start in range(0, max(len(panel.seats), 1), SEATS_PER_TABLE):
            story.append(_scores_table(layout, panel, start))
            story.append(Spacer(1, 3 * mm))
        story += _dissent(layout)
        story.append(_signatures(layout, panel))
    if not story:
        story.append(layout.text("本库中没有专家评审包，无汇总表。", "body"))
    return render_pdf(story, layout, title=f"{info.name}（{info.year}）{TITLE}",
                      author=info.authority)


def _explanation(results: Results) -> str:
    rules = results.program.aggregation
    return (f"表中为各席位专家的评审总分；“{RECUSED}”为申报回避，“未评”为分配但未收到有效评分表。"
            f"有效评审不少于 {rules.trim_from_reviews} 份时去掉最高分和最低分各 "
            f"{rules.trim_count} 个后取平均，否则取算术平均；少于 {rules.min_reviews} 份不计分。"
            f"极差超过 {rules.divergence_threshold} 分标记为分歧。"
            + (f"“{SECOND_ROUND_MARK}”为第二轮复议评分（替换该专家的第一轮评分）。"
               if results.second_rounds else "") + "数据与 results.json 一致。")


def _scores_table(layout: Layout, panel: Panel, start: int) -> Table:
    seats = panel.seats[start:start + SEATS_PER_TABLE]
    text = layout.text
    header: list[Any] = [text("项目编号"), text("项目名称"),
                         *[text(f"{s.seat_id} {s.name}") for s in seats],
                         text("综合得分"), text("计分方法"), text("极差"), text("说明")]
    rows: list[list[Any]] = [header]
    extra: list[tuple[Any, ...]] = []
    for r, project in enumerate(panel.projects, start=1):
        cells = project.cells[start:start + SEATS_PER_TABLE]
        note = project.note + ("；" if project.note and project.divergent else "") + (
            "分歧" if project.divergent else "")
        rows.append([text(project.project_id), text(project.title), *cells, project.score,
                     text(project.method), project.spread, layout.flow(note or "—")])
        for c, cell in enumerate(cells, start=2):
            if cell == RECUSED:
                extra.append(("BACKGROUND", (c, r), (c, r), colors.HexColor("#EEEEEE")))
        if project.divergent:
            extra.append(("TEXTCOLOR", (2 + len(cells) + 2, r), (2 + len(cells) + 2, r),
                          colors.red))
    widths = [22, 40, *[16] * len(seats), 16, 30, 12, 50]
    return layout.table(rows, widths, extra=extra)


def _dissent(layout: Layout) -> list[Flowable]:
    """不同意见: ruled lines to write on, kept on one page."""
    lines = Table([[""]] * DISSENT_LINES, colWidths=[layout.width], rowHeights=[9 * mm]
                  * DISSENT_LINES, style=TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5,
                                                      colors.grey)]))
    return [KeepTogether([layout.text("专家不同意见", "h2"), layout.text(
        "对上表有不同意见的专家，请写明项目编号、意见及理由，并在下方签字。", "body"), lines]),
        Spacer(1, 4 * mm)]


def _signatures(layout: Layout, panel: Panel) -> Flowable:
    """专家签字: one line per seat, then the 专家组组长, kept together."""
    cells: list[list[Any]] = []
    per_row = 2
    entries = [(f"{s.seat_id} {s.name}", "签字：") for s in panel.seats]
    entries.append(("专家组组长", "签字："))
    for i in range(0, len(entries), per_row):
        row: list[Any] = []
        for who, label in entries[i:i + per_row]:
            row += [layout.text(who, "sign"), layout.text(label, "sign"), "",
                    layout.text("日期：", "sign"), ""]
        row += [""] * (5 * per_row - len(row))
        cells.append(row)
    half = layout.width / per_row
    widths = [half * 0.30, half * 0.12, half * 0.30, half * 0.12, half * 0.16] * per_row
    underline = [("LINEBELOW", (c + 5 * (i % per_row), i // per_row),
                  (c + 5 * (i % per_row), i // per_row), 0.8, colors.black)
                 for i in range(len(entries)) for c in (2, 4)]
    grid = Table(cells, colWidths=widths, rowHeights=[13 * mm] * len(cells), hAlign="LEFT",
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *underline]))
    return KeepTogether([layout.text("专家签字", "h2"), layout.text(
        "本人确认：上表中本人的评分与本人签字的个人评分表一致。", "body"), grid])
