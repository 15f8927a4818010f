"""The desk's 公示 page (issue 13, item 5): the same refusals as reviewer-admin
publicity / objection / results --final, in Chinese; the 公示 list with its period,
objections and their outcomes; the final award plan."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
)

from reviewer_app.gui.desk.publicity_page import PublicityPage
from tests.helpers.desk import (
    choose_folder,
    decide_pending,
    find,
    merge_round_at_desk,
    table_texts,
)

# 国庆 follows, and 10-11 is a 调休 working Sunday: the period ends on 2026-10-12.
START = dt.date(2026, 9, 30)


def _page(qtbot, context) -> PublicityPage:
    page = PublicityPage(context)
    qtbot.addWidget(page)
    return page


def _message(page) -> str:
    return find(page, QLabel, "publicityMessage").text()


def start_publicity_at_desk(page, monkeypatch, folder, start: dt.date) -> None:
    choose_folder(monkeypatch, folder)
    find(page, QDateEdit, "publicityStartDate").setDate(QDate(start.year, start.month,
                                                              start.day))
    find(page, QPushButton, "startPublicityButton").click()


def test_publicity_objections_and_the_award_plan(qtbot, context, secretariat, monkeypatch,
                                                 tmp_path):
    merge_round_at_desk(qtbot, monkeypatch, context, secretariat)
    page = _page(qtbot, context)
    assert page.windowTitle() == "公示与资助计划"
    assert find(page, QLabel, "publicityPeriodLabel").text() == "尚未公示。"

    # The CLI's refusals, in Chinese: the calendar does not know 2027 yet…
    start_publicity_at_desk(page, monkeypatch, tmp_path / "notice", dt.date(2027, 6, 1))
    assert _message(page).startswith("官方节假日日历（chinesecalendar")
    assert "2027 年" in _message(page)
    # … and 需复核 projects must be decided first.
    from reviewer_app.central.results import compute_results

    waiting = [r.project_id for r in compute_results(context.engine).pending]
    assert waiting  # the demo intake has 需复核 projects
    start_publicity_at_desk(page, monkeypatch, tmp_path / "notice", START)
    assert _message(page) == ("以下项目的形式审查尚待复核决定：" + ", ".join(waiting)
                              + "。请先作出决定再公示。")
    assert not (tmp_path / "notice").exists()
    decide_pending(context.engine)

    start_publicity_at_desk(page, monkeypatch, tmp_path / "notice", START)
    assert _message(page).startswith("公示已开始")
    assert sorted(p.name for p in (tmp_path / "notice").iterdir()) == [
        "publicity.csv", "publicity.pdf"]
    assert find(page, QLabel, "publicityPeriodLabel").text().startswith(
        "公示期 2026-09-30 – 2026-10-12（5个工作日")
    listed = table_texts(find(page, QTableView, "publicityTable"))
    funded = [r for r in compute_results(context.engine).rows if r.award.amount > 0]
    assert {row[1].split()[0] for row in listed} == {r.project_id for r in funded}
    target = funded[0].project_id

    # Objections: outside the period refused, then one recorded, the plan held by it.
    find(page, QComboBox, "objectionProjectCombo").setCurrentText(target)
    find(page, QPlainTextEdit, "objectionTextEdit").setPlainText("<b>对评分结果有异议</b>")
    find(page, QDateEdit, "objectionReceivedDate").setDate(QDate(2026, 10, 20))
    find(page, QPushButton, "addObjectionButton").click()
    assert _message(page) == "收到日期 2026-10-20 不在公示期 2026-09-30 – 2026-10-12 内。"
    find(page, QDateEdit, "objectionReceivedDate").setDate(QDate(2026, 10, 9))
    find(page, QPushButton, "addObjectionButton").click()
    assert _message(page) == f"已为 {target} 登记异议 1。"
    objections = find(page, QTableView, "objectionsTable")
    assert table_texts(objections) == [["1", target, "2026-10-09", "<b>对评分结果有异议</b>",
                                        "待处理", "", ""]]
    assert find(page, QLabel, "finalPlanStatusLabel").text() == "尚未处理的异议：1。"
    choose_folder(monkeypatch, tmp_path / "final")
    find(page, QPushButton, "finalPlanButton").click()
    assert _message(page) == "尚有未处理的异议：1。请先处理。"
    assert not (tmp_path / "final" / "award-plan.json").exists()

    # Decide it (dismissed: the award stands), then write the plan.
    find(page, QPushButton, "decideObjectionButton").click()
    assert _message(page) == "请在表格中选择要处理的异议。"
    objections.selectRow(0)
    outcome = find(page, QComboBox, "objectionOutcomeCombo")
    outcome.setCurrentIndex(outcome.findData("dismissed"))
    find(page, QLineEdit, "objectionReasonEdit").setText("评分程序合规")
    find(page, QPushButton, "decideObjectionButton").click()
    assert _message(page) == "处理异议须填写处理人和理由。"
    find(page, QLineEdit, "objectionReasonEdit").setText("评分程序合规")
    find(page, QLineEdit, "objectionByEdit").setText("王处长")
    find(page, QPushButton, "decideObjectionButton").click()
    assert table_texts(objections)[0][4:] == ["异议不成立", "评分程序合规", "王处长"]
    assert find(page, QLabel, "finalPlanStatusLabel").text() == "公示期已满：可以生成资助计划。"

    find(page, QPushButton, "finalPlanButton").click()
    assert _message(page).startswith("资助计划已保存到")
    plan = json.loads((tmp_path / "final" / "award-plan.json").read_text(encoding="utf-8"))
    assert {a["project_id"] for a in plan["awards"]} == {r.project_id for r in funded}
    assert plan["objections"][0]["outcome"] == "dismissed"
    assert (tmp_path / "final" / "results.json").exists()
    assert find(page, QLabel, "finalPlanStatusLabel").text() == "本次公示的资助计划已生成。"

    # The round is closed: a new 公示 is refused, in Chinese.
    start_publicity_at_desk(page, monkeypatch, tmp_path / "again", dt.date(2026, 12, 10))
    assert _message(page).startswith("资助计划已于")
