"""The 公示 notice (publicity.pdf) and the award plan (award-plan.pdf), 五（五）、（六）.

Both are built from what the store recorded — the results put on notice and the
plan written after it — never recomputed here, so the paper says exactly what the
period and the plan in the store say. Outside text goes through :meth:`Layout.text`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from reviewer_app.central.pdf_layout import PORTRAIT, Clock, Layout, cst_date, render_pdf, sign_off
from reviewer_app.central.publicity import OUTCOME_ZH, Published
from reviewer_app.central.reports import wan

LIST_COLUMNS = (("序号", 12), ("企业名称", 58), ("项目名称", 62), ("资助档次", 22),
                ("资助金额（万元）", 28))


def _program_line(program: Mapping[str, Any]) -> str:
    return f"{program['name']}（{program['year']}）"


def _award_rows(layout: Layout, awards: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    rows: list[list[Any]] = [[name for name, _ in LIST_COLUMNS]]
    rows += [[str(number), layout.text(a["enterprise_name"]), layout.text(a["project_title"]),
              layout.text(a["tier_name"]), wan(Decimal(a["amount"]))]
             for number, a in enumerate(awards, start=1)]
    total = sum((Decimal(a["amount"]) for a in awards), Decimal(0))
    rows.append(["", layout.text(f"合计 {len(awards)} 个项目", "cell"), "", "", wan(total)])
    return rows


def publicity_pdf(published: Published, awards: Sequence[Mapping[str, Any]], authority: str,
                  *, clock: Clock | None = None) -> bytes:
    """The notice: the projects proposed for funding, the period, where to object.

    ``awards`` are the published document's funded projects, each with ``tier_name``.
    """
    layout = Layout.create(clock, PORTRAIT)
    program = published.document["program"]
    title = f"{_program_line(program)}拟资助项目公示"
    text = layout.text
    story: list[Flowable] = [
        text(title, "title"),
        text(f"根据{program['name']}的有关规定，经形式审查、专家评审，拟对以下 {len(awards)} "
             "个项目予以资助，现予公示。", "body"),
        text(f"公示期：{cst_date(published.start)}至{cst_date(published.end)}"
             f"（{published.working_days} 个工作日）。", "body"),
        Spacer(1, 3 * mm),
        layout.table(_award_rows(layout, awards), [w for _, w in LIST_COLUMNS]),
        Spacer(1, 4 * mm),
        text(f"公示期内，任何单位或个人对公示项目有异议的，请以书面形式向{authority}提出，"
             "并提供必要的证明材料。以单位名义提出的须加盖公章，以个人名义提出的须签署"
             "真实姓名并注明联系方式。", "body"),
        Spacer(1, 8 * mm),
        text(authority, "body"),
        text(cst_date(published.start), "body"),
    ]
    return render_pdf(story, layout, title=title, author=authority)


def award_plan_pdf(plan: Mapping[str, Any], authority: str, *,
                   clock: Clock | None = None) -> bytes:
    """资助计划: the awards after the 公示, the projects an upheld objection excluded,
    every objection with its outcome, and the sign-off block."""
    layout = Layout.create(clock, PORTRAIT)
    text = layout.text
    program, period = plan["program"], plan["publicity"]
    title = f"{_program_line(program)}资助计划"
    story: list[Flowable] = [
        text(title, "title"),
        text(f"公示期 {period['start']} 至 {period['end']}（{period['working_days']} 个工作日，"
             f"节假日依 {period['calendar']}）已满。资助合计 "
             f"{wan(Decimal(plan['awarded_total']))} 万元，{len(plan['awards'])} 个项目。",
             "body"),
        text(f"所依据的评审结果：results.json SHA-256 {period['results_sha256']}", "cell"),
        text("资助项目", "h2"),
        layout.table(_award_rows(layout, plan["awards"]), [w for _, w in LIST_COLUMNS]),
    ]
    if plan["excluded"]:
        rows: list[list[Any]] = [["项目编号", "企业名称", "公示金额（万元）", "不予资助理由"]]
        rows += [[text(e["project_id"]), text(e["enterprise_name"]),
                  wan(Decimal(e["amount"])), layout.flow(e["reason"])] for e in plan["excluded"]]
        story += [text("公示后不予资助的项目", "h2"), layout.table(rows, [26, 56, 28, 72])]
    story.append(text("公示期间收到的异议", "h2"))
    if plan["objections"]:
        rows = [["编号", "项目编号", "收到日期", "异议内容", "处理结果", "理由", "处理人"]]
        rows += [[str(o["id"]), text(o["project_id"]), o["received_on"],
                  layout.flow(o["text"]), OUTCOME_ZH[o["outcome"]],
                  layout.flow(o["reason"] or "—"),
                  text(o["decided_by"] or "—")] for o in plan["objections"]]
        story.append(layout.table(rows, [10, 22, 20, 56, 18, 40, 16]))
    else:
        story.append(text("无。", "body"))
    sign_off(story, layout, f"本资助计划由评审系统根据公示的评审结果生成，"
                            f"{layout.generated_label}。请逐页核对页码后签字。")
    return render_pdf(story, layout, title=title, author=authority)
