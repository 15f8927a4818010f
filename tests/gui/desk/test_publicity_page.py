"""The desk's 公示 page (issue 13, item 5): the same refusals as reviewer-admin
publicity / objection / results --final, in Chinese; the 公示 list with its period,
objections and their outcomes; the final award plan."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtWidgets import QLabel, QTableView

from reviewer_app.central.results import compute_results
from reviewer_app.gui.desk.publicity_page import PublicityPage
from tests.helpers.desk import (
    decide_objection_at_desk,
    decide_pending,
    find,
    merge_round_at_desk,
    record_objection_at_desk,
    start_publicity_at_desk,
    table_texts,
    write_plan_at_desk,
)

pytestmark = pytest.mark.usefixtures("chinese")  # the desk in its default language

# 国庆 follows, and 10-11 is a 调休 working Sunday: the period ends on 2026-10-12.
START = dt.date(2026, 9, 30)


def _page(qtbot, context) -> PublicityPage:
    page = PublicityPage(context)
    qtbot.addWidget(page)
    return page


def _plan_state(page) -> str:
    return find(page, QLabel, "finalPlanStatusLabel").text()


def test_publicity_objections_and_the_award_plan(qtbot, context, secretariat, monkeypatch,
                                                 tmp_path):
    merge_round_at_desk(qtbot, monkeypatch, context, secretariat)
    page = _page(qtbot, context)
    assert page.windowTitle() == "公示与资助计划"
    assert find(page, QLabel, "publicityPeriodLabel").text() == "尚未公示。"

    # The CLI's refusals, in Chinese: the calendar does not know 2027 yet…
    said = start_publicity_at_desk(monkeypatch, page, tmp_path / "notice", dt.date(2027, 6, 1))
    assert said.startswith("官方节假日日历（chinesecalendar") and "2027 年" in said
    # … and 需复核 projects must be decided first.
    waiting = [r.project_id for r in compute_results(context.engine).pending]
    assert waiting  # the demo intake has 需复核 projects
    said = start_publicity_at_desk(monkeypatch, page, tmp_path / "notice", START)
    assert said == ("以下项目的形式审查尚待复核决定：" + ", ".join(waiting)
                    + "。请先作出决定再公示。")
    assert not (tmp_path / "notice").exists()
    decide_pending(context.engine)

    assert start_publicity_at_desk(monkeypatch, page, tmp_path / "notice",
                                   START).startswith("公示已开始")
    assert sorted(p.name for p in (tmp_path / "notice").iterdir()) == [
        "publicity.csv", "publicity.pdf"]
    assert find(page, QLabel, "publicityPeriodLabel").text().startswith(
        "公示期 2026-09-30 – 2026-10-12（5个工作日")
    listed = table_texts(find(page, QTableView, "publicityTable"))
    funded = [r for r in compute_results(context.engine).rows if r.award.amount > 0]
    assert {row[1].split()[0] for row in listed} == {r.project_id for r in funded}
    assert [row[3] for row in listed] == [r.award.tier.name for r in funded]  # 一档 …
    target = funded[0].project_id

    # Objections: outside the period refused, then one recorded, the plan held by it.
    text = "<b>对评分结果有异议</b>"
    assert record_objection_at_desk(page, target, text, dt.date(2026, 10, 20)) == \
        "收到日期 2026-10-20 不在公示期 2026-09-30 – 2026-10-12 内。"
    assert record_objection_at_desk(page, target, text, dt.date(2026, 10, 9)) == \
        f"已为 {target} 登记异议 1。"
    objections = find(page, QTableView, "objectionsTable")
    assert table_texts(objections) == [["1", target, "2026-10-09", text, "待处理", "", ""]]
    assert _plan_state(page) == "尚未处理的异议：1。"
    assert write_plan_at_desk(monkeypatch, page, tmp_path / "final") == \
        "尚有未处理的异议：1。请先处理。"
    assert not (tmp_path / "final" / "award-plan.json").exists()

    # Decide it (dismissed: the award stands), then write the plan.
    assert decide_objection_at_desk(page, -1, "dismissed", "评分程序合规", "王处长") == \
        "请在表格中选择要处理的异议。"
    assert decide_objection_at_desk(page, 0, "dismissed", "评分程序合规", "") == \
        "处理异议须填写处理人和理由。"
    decide_objection_at_desk(page, 0, "dismissed", "评分程序合规", "王处长")
    assert table_texts(objections)[0][4:] == ["异议不成立", "评分程序合规", "王处长"]
    assert _plan_state(page) == "公示期已满：可以生成资助计划。"

    assert write_plan_at_desk(monkeypatch, page, tmp_path / "final").startswith(
        "资助计划已保存到")
    plan = json.loads((tmp_path / "final" / "award-plan.json").read_text(encoding="utf-8"))
    assert {a["project_id"] for a in plan["awards"]} == {r.project_id for r in funded}
    assert plan["objections"][0]["outcome"] == "dismissed"
    assert (tmp_path / "final" / "results.json").exists()
    assert _plan_state(page) == "本次公示的资助计划已生成。"

    # The round is closed: a new 公示 is refused, in Chinese.
    assert start_publicity_at_desk(monkeypatch, page, tmp_path / "again",
                                   dt.date(2026, 12, 10)).startswith("资助计划已于")
