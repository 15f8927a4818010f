"""第二轮复议 in results.pdf: per project of a second round, the first round's aggregate
beside the final one, and per seat asked both totals, the round whose review counts
(rule R2, core/second_round.py) and the expert's reason. Text from experts goes
through the layout's escaping (:meth:`Layout.text` / :meth:`Layout.flow`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from reviewer_app.core.decimals import decimal_str

if TYPE_CHECKING:
    from reviewer_app.central.results_pdf import Report

SECOND_ROUND = "第二轮复议"
ROUND_ZH = {1: "第一轮", 2: "第二轮"}


def _number(value: Any) -> str:
    return "—" if value is None else decimal_str(value)


def second_round_section(story: list[Flowable], report: Report) -> None:
    """第二轮复议: nothing when no project went to a second round."""
    results = report.results
    rows_with = [r for r in results.rows if r.second_round is not None]
    if not rows_with:
        return
    text = report.text
    story += [text(SECOND_ROUND, "h2"), text(
        f"{len(rows_with)} 个项目经第二轮复议。专家提交的第二轮评分替换其本人对该项目的"
        "第一轮评分；未提交第二轮评分的专家，仍计其第一轮评分。", "body")]
    for row in rows_with:
        second = row.second_round
        assert second is not None
        first, final = second.first_round, row.aggregate
        story.append(text(
            f"{row.project_id} {row.project.get('project_title', '')}：第一轮综合得分 "
            f"{_number(first.score)}（极差 {_number(first.spread)}）→ 第二轮后综合得分 "
            f"{_number(final.score)}（极差 {_number(final.spread)}）", "body"))
        table: list[list[Any]] = [["席位", "专家", "第一轮总分", "第二轮总分", "计入", "复议理由"]]
        for review in second.reviews:
            second_total = ("回避" if review.second_conflict else
                            _number(review.second_total) if review.handed_in else "未提交")
            table.append([text(review.seat), text(results.seat_names.get(review.seat, "")),
                          _number(review.first_total), second_total,
                          ROUND_ZH[review.counted_round], report.flow(review.reason or "—")])
        story.append(report.table(table, [24, 30, 22, 22, 16, 130]))
