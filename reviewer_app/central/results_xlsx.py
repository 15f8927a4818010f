"""results.xlsx for the secretariat: ranking, score matrix, divergence, funding, site
inspections, merge log.

Every text cell (applications, seat names, notes, headers) is written as a typed
string, never a formula whatever it starts with, through :func:`xlsx_text`:
control and bidi characters stripped, OOXML's ``_xHHHH_`` escapes made literal
(Excel would otherwise decode ``_x202E_`` back into the bidi override that
sanitising removed), and cut at Excel's 32,767-character cell limit. Amounts are
numbers with 元 / 万元 formats.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reviewer_app.central.inspection import NON_COMPLIANT, RESULT_ZH
from reviewer_app.central.panel_summary import panel_summaries
from reviewer_app.central.reports import (
    TEN_THOUSAND,
    clean,
    eligibility_zh,
    inspection_summary,
    review_findings,
)
from reviewer_app.central.results import Results

YUAN = '#,##0" 元"'
WAN = '#,##0.00" 万元"'
SCORE = "0.00"
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
FLAG_FILL = PatternFill("solid", fgColor="FCE4D6")

Cell = str | int | Decimal | None

CELL_LIMIT = 32767  # characters Excel keeps in one cell
TRUNCATED = "…（已截断，全文见 results.json）"
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def xlsx_text(text: object) -> str:
    """Untrusted text as an XLSX string cell shows it: see the module docstring."""
    cleaned = _OOXML_ESCAPE.sub(r"_x005F_\1", clean(text))
    if len(cleaned) > CELL_LIMIT:
        cleaned = cleaned[:CELL_LIMIT - len(TRUNCATED)] + TRUNCATED
    return cleaned


def _sheet(book: Workbook, title: str, header: Sequence[str], widths: Sequence[int]
           ) -> Worksheet:
    sheet = book.create_sheet(title)
    for col, (name, width) in enumerate(zip(header, widths, strict=True), start=1):
        cell = sheet.cell(1, col)
        cell.value = xlsx_text(name)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _put(sheet: Worksheet, row: int, col: int, value: Cell, fmt: str | None = None) -> None:
    cell = sheet.cell(row, col)
    if value is None:
        return
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"  # never a formula, even for "=…"; 18-digit codes stay text
        return
    cell.value = value
    if fmt:
        cell.number_format = fmt


def results_xlsx(results: Results) -> bytes:
    book = Workbook()
    book.remove(book.active)
    rubric = results.program.rubric

    ranking = _sheet(book, "排名", ["排名", "项目编号", "申报主体", "统一社会信用代码", "项目名称",
                                  "形式审查", *[c.name for c in rubric.criteria], "综合得分",
                                  "标准化得分", "档次", "分歧", "现场考察"],
                     [6, 14, 30, 22, 34, 10, *[10] * len(rubric.criteria), 10, 10, 8, 6, 20])
    for r, row in enumerate(results.rows, start=2):
        agg = row.aggregate
        values: list[tuple[Cell, str | None]] = [
            (agg.rank, None), (row.project_id, None), (row.project["enterprise_name"], None),
            (row.project["uscc"], None), (row.project["project_title"], None),
            (eligibility_zh(row), None),
            *[(agg.criteria.get(cid), SCORE) for cid in rubric.criterion_ids],
            (agg.score, SCORE), (agg.normalised, SCORE),
            (row.award.tier.name if row.award.tier else "—", None),
            ("是" if agg.divergent else "", None),
            (inspection_summary(results, row.project_id), None)]
        for c, (value, fmt) in enumerate(values, start=1):
            _put(ranking, r, c, value, fmt)
        if agg.divergent:
            ranking.cell(r, len(values) - 1).fill = FLAG_FILL
        found = results.inspections.of(row.project_id)
        if found is not None and found.flagged:
            ranking.cell(r, len(values)).fill = FLAG_FILL

    matrix = _sheet(book, "评分矩阵", ["项目编号", "申报主体",
                                    *[f"{s} {results.seat_names.get(s, '')}"
                                      for s in results.seats]],
                    [14, 30, *[12] * len(results.seats)])
    for r, row in enumerate(results.rows, start=2):
        _put(matrix, r, 1, row.project_id)
        _put(matrix, r, 2, row.project["enterprise_name"])
        for c, seat in enumerate(results.seats, start=3):
            cell = results.matrix.get((row.project_id, seat))
            if cell is None:
                continue
            _put(matrix, r, c, "回避" if cell.conflict else cell.total, SCORE)

    divergence = _sheet(book, "分歧", ["项目编号", "申报主体", "最高分", "最低分", "极差",
                                     "有效评审数", "建议"], [14, 30, 10, 10, 10, 10, 16])
    for r, row in enumerate(results.divergent, start=2):
        totals = [cell.total for (pid, _), cell in results.matrix.items()
                  if pid == row.project_id and cell.total is not None]
        for c, value in enumerate([row.project_id, row.project["enterprise_name"], max(totals),
                                   min(totals), row.aggregate.spread,
                                   row.aggregate.review_count, "提请复议"], start=1):
            _put(divergence, r, c, value, SCORE if isinstance(value, Decimal) else None)

    funding = _sheet(book, "资助", ["排名", "项目编号", "申报主体", "档次", "实际发生费用",
                                  "测算金额", "封顶后", "资助金额（元）", "资助金额（万元）",
                                  "说明"], [6, 14, 30, 8, 16, 14, 14, 16, 16, 50])
    for r, row in enumerate(results.rows, start=2):
        award = row.award
        values2: list[tuple[Cell, str | None]] = [
            (row.aggregate.rank, None), (row.project_id, None),
            (row.project["enterprise_name"], None),
            (award.tier.name if award.tier else "—", None),
            (Decimal(row.project["actual_cost"]), YUAN), (award.base_amount, YUAN),
            (award.capped_amount, YUAN), (award.amount, YUAN),
            (award.amount / TEN_THOUSAND, WAN), ("；".join(r.message for r in award.reasons), None)]
        for c, (value, fmt) in enumerate(values2, start=1):
            _put(funding, r, c, value, fmt)
    total_row = len(results.rows) + 3
    _put(funding, total_row, 3, "合计 / 年度预算")
    _put(funding, total_row, 8, results.funding.awarded_total, YUAN)
    _put(funding, total_row, 9, results.funding.awarded_total / TEN_THOUSAND, WAN)
    _put(funding, total_row + 1, 8, results.funding.budget, YUAN)

    if results.pending:
        pending = _sheet(book, "待复核", ["项目编号", "申报主体", "项目名称", "需复核事项"],
                         [14, 30, 34, 80])
        for r, row in enumerate(results.pending, start=2):
            for c, value in enumerate([row.project_id, row.project["enterprise_name"],
                                       row.project["project_title"], review_findings(row)],
                                      start=1):
                _put(pending, r, c, value)

    _panel_sheet(book, results)
    _conflicts_sheet(book, results)
    if any(row.second_round for row in results.rows):
        _second_round_sheet(book, results)
    if results.inspections.projects:
        _inspection_sheet(book, results)

    log = _sheet(book, "合并日志", ["评分表 SHA-256", "席位", "版本", "结论", "原因"],
                 [66, 8, 6, 12, 60])
    for r, decision in enumerate(results.decisions, start=2):
        for c, value in enumerate([decision.sheet_sha256, decision.seat_id or "",
                                   decision.revision, decision.decision, decision.reason],
                                  start=1):
            _put(log, r, c, value)

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HINT_ANSWERS_ZH = {"conflict": "预筛提示，专家确认冲突（回避）",
                   "no_conflict": "预筛提示，专家答复不存在冲突"}


def _conflicts_sheet(book: Workbook, results: Results) -> None:
    """利益冲突: the declared conflicts counted by category (未分类 for sheets without
    one), then each conflict by project and seat."""
    sheet = _sheet(book, "利益冲突", ["冲突类别", "回避数", "项目编号", "席位", "专家", "预筛"],
                   [34, 8, 14, 14, 16, 30])
    r = 2
    for count in results.conflict_counts():
        _put(sheet, r, 1, count.name)
        _put(sheet, r, 2, count.count)
        r += 1
    _put(sheet, r, 1, "合计")
    _put(sheet, r, 2, len(results.conflicts))
    r += 2
    for pid, seat, cell in results.conflicts:
        for c, value in enumerate([results.category_name(cell.category), None, pid, seat,
                                   results.seat_names.get(seat, ""),
                                   HINT_ANSWERS_ZH.get(cell.hint_answer or "", "")], start=1):
            _put(sheet, r, c, value)
        r += 1


def _panel_sheet(book: Workbook, results: Results) -> None:
    """专家组汇总表: per panel, every expert's total by seat, the aggregate, its method and
    the spread (the figures of panel-summary.pdf)."""
    panels = panel_summaries(results)
    width = max((len(p.seats) for p in panels), default=0)
    sheet = _sheet(book, "专家组汇总表", ["评审场次", "项目编号", "项目名称",
                                      *[f"席位{i}" for i in range(1, width + 1)],
                                      "综合得分", "计分方法", "极差", "分歧", "说明"],
                   [24, 14, 34, *[12] * width, 10, 22, 8, 6, 40])
    r = 2
    for panel in panels:
        seats = [f"{s.seat_id} {s.name}" for s in panel.seats]
        for c, value in enumerate([panel.session_name, "席位", "", *seats], start=1):
            _put(sheet, r, c, value)
        r += 1
        for project in panel.projects:
            values: list[Cell] = [panel.session_name, project.project_id, project.title,
                                  *project.cells, *[""] * (width - len(project.cells)),
                                  project.score, project.method, project.spread,
                                  "是" if project.divergent else "否", project.note]
            for c, value in enumerate(values, start=1):
                number = _score(value)
                _put(sheet, r, c, value if number is None else number,
                     None if number is None else SCORE)
            r += 1


def _second_round_sheet(book: Workbook, results: Results) -> None:
    """第二轮复议: per project of a second round and seat asked, both totals, the round
    whose review counts (rule R2) and the reason; beside them the first round's and the
    final aggregate (the figures of results.json's ``second_round``)."""
    sheet = _sheet(book, "第二轮复议", ["项目编号", "项目名称", "第一轮综合得分", "第一轮极差",
                                     "最终综合得分", "最终极差", "席位", "专家", "第一轮总分",
                                     "第二轮总分", "计入", "复议理由"],
                   [14, 30, 12, 10, 12, 10, 12, 12, 10, 10, 8, 50])
    r = 2
    for row in results.rows:
        second = row.second_round
        if second is None:
            continue
        for review in second.reviews:
            second_total: Cell = ("回避" if review.second_conflict else review.second_total
                                  if review.handed_in else "未提交")
            values: list[Cell] = [
                row.project_id, row.project["project_title"], second.first_round.score,
                second.first_round.spread, row.aggregate.score, row.aggregate.spread,
                review.seat, results.seat_names.get(review.seat, ""), review.first_total,
                second_total, "第二轮" if review.counted_round == 2 else "第一轮",
                review.reason]
            for c, value in enumerate(values, start=1):
                _put(sheet, r, c, value, SCORE if isinstance(value, Decimal) else None)
            r += 1


def _score(value: Cell) -> Decimal | None:
    """A total or aggregate of the summary as a number (they are decimal strings there);
    None for 回避, 未评, names and notes."""
    if isinstance(value, str) and value[:1].isdigit():
        try:
            return Decimal(value)
        except ArithmeticError:
            return None
    return None


def _inspection_sheet(book: Workbook, results: Results) -> None:
    """现场考察: every visit's checklist answers, then its findings, recommendation
    and photos; a 不符合 is shaded."""
    sheet = _sheet(book, "现场考察", ["项目编号", "申报主体", "席位", "考察专家", "检查项",
                                   "结论", "说明"], [14, 30, 8, 12, 40, 10, 60])
    names = {row.project_id: row.project["enterprise_name"] for row in results.rows}
    r = 2
    for pid, found in results.inspections.projects.items():
        for visit in found.visits:
            lines: list[tuple[str, str, str]] = [
                (results.inspections.item_text(a.item_id), RESULT_ZH.get(a.result, a.result),
                 a.note) for a in visit.visit.checklist]
            lines += [("考察结论", "", visit.visit.findings),
                      ("建议", "", visit.visit.recommendation)]
            if visit.visit.photos:
                lines.append(("现场照片", visit.photo_status(), "；".join(
                    f"{p.caption or '（无说明）'} SHA-256 {p.sha256[:16]}"
                    for p in visit.visit.photos)))
            for item, result, note in lines:
                for c, value in enumerate([pid, names.get(pid, ""), visit.seat_id,
                                           visit.seat_name, item, result, note], start=1):
                    _put(sheet, r, c, value)
                if result == RESULT_ZH[NON_COMPLIANT]:
                    sheet.cell(r, 6).fill = FLAG_FILL
                r += 1
