"""本轮预算 at the desk (parity with ``reviewer-admin results --budget`` and
``publicity --budget``): the results page's roundBudgetEdit gives the round its
budget, the 公示 page puts it on notice, and once on notice it rules."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from reviewer_app.central.results import compute_results
from reviewer_app.core.decimals import decimal_str
from reviewer_app.gui.desk.charts import BudgetChart
from reviewer_app.gui.desk.publicity_page import PublicityPage
from reviewer_app.gui.desk.results_page import ResultsPage
from reviewer_app.gui.desk.results_view import yuan
from tests.helpers.desk import (
    decide_pending,
    desk_page,
    export_results_at_desk,
    find,
    fresh_results,
    merge_round_at_desk,
    shown_results,
    start_publicity_at_desk,
)

pytestmark = pytest.mark.usefixtures("chinese")  # the desk in its default language

# A first 公示 may be recorded after it began (central.publicity.open_period).
START = dt.date(2026, 9, 30)


def _give(qtbot, page: ResultsPage, text: str) -> str:
    """Type ``text`` into 本轮预算 and press Enter; the field's message."""
    edit = find(page, QLineEdit, "roundBudgetEdit")
    edit.setText(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    return find(page, QLabel, "roundBudgetMessage").text()


def _amounts(rows: list[list[str]], page: ResultsPage) -> dict[str, Decimal]:
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.model.columnCount())]
    column = headers.index("金额（元）")
    return {row[1].split()[0]: Decimal(row[column].replace(",", "")) for row in rows}


def _full_width(text: str) -> str:
    return text.translate({ord(c): 0xFF10 + int(c) for c in "0123456789"} | {ord(","): "，"})


def test_a_given_budget_recomputes_the_results_as_compute_results_does(
        qtbot, context, secretariat, monkeypatch, tmp_path):
    merge_round_at_desk(qtbot, monkeypatch, context, secretariat)
    decide_pending(context.engine)
    page = desk_page(qtbot, ResultsPage, context)
    default = compute_results(context.engine)
    assert _amounts(shown_results(qtbot, page), page) == {
        r.project_id: r.award.amount for r in default.rows}
    edit = find(page, QLineEdit, "roundBudgetEdit")
    assert edit.text() == "" and edit.isEnabled()
    assert yuan(default.remaining_annual) in edit.placeholderText()
    assert edit.accessibleName() == "本轮预算（元）"

    # Operating rules, 二、资助方式: "本资助计划受年度资金预算控制，区科技创新局视申报情况
    # 和预算安排，可以对资助金额和拨付进度等进行统一调整" — a round's budget smaller than
    # what the ranking asks for scales or cuts the awards; compute_results applies it.
    budget = (default.funding.awarded_total / 2).quantize(Decimal(1))
    assert budget > 0
    said = _give(qtbot, page, _full_width(f"{budget:,}"))   # as a Chinese IME types it
    assert said == f"本轮预算：{yuan(budget)} 元。"
    assert context.round_budget == budget
    rows = fresh_results(qtbot, page)
    given = compute_results(context.engine, budget=budget)
    assert given.funding.awarded_total <= budget < default.funding.awarded_total
    assert _amounts(rows, page) == {r.project_id: r.award.amount for r in given.rows}
    assert _amounts(rows, page) != {r.project_id: r.award.amount for r in default.rows}
    *_used, left = find(page, BudgetChart, "budgetChart").parts
    assert left.amount == float(budget - given.funding.awarded_total)
    summary = find(page, QLabel, "resultsSummaryLabel").text()
    assert f"{yuan(given.funding.awarded_total)} 元" in summary
    assert yuan(budget) in summary and "本轮给定预算" in summary

    # The export writes the results with the same budget.
    export_results_at_desk(monkeypatch, page, tmp_path / "导出")
    document = json.loads((tmp_path / "导出" / "results.json").read_text("utf-8"))
    assert document["budget"]["source"] == "given"
    assert document["budget"]["budget"] == decimal_str(budget)

    # Emptied: the default again.
    assert _give(qtbot, page, "").startswith("未给定本轮预算")
    assert context.round_budget is None
    fresh_results(qtbot, page)
    assert page.results.funding.budget == default.funding.budget


@pytest.mark.parametrize(("text", "why"), [
    ("300万", "不是以元为单位的金额"),
    ("1,2345", "不是以元为单位的金额"),
    ("１２。５", "不是以元为单位的金额"),
    ("-100000", "不能为负数"),
])
def test_a_bad_budget_is_refused_with_a_message_and_changes_nothing(
        qtbot, context, secretariat, monkeypatch, text, why):
    merge_round_at_desk(qtbot, monkeypatch, context, secretariat)
    page = desk_page(qtbot, ResultsPage, context)
    shown_results(qtbot, page)
    before = page.results
    said = _give(qtbot, page, text)
    assert why in said and text in said and "结果仍按年度预算减去已获资助" in said
    assert context.round_budget is None
    assert page._pending is None and page.results is before   # not recomputed
    assert find(page, QLineEdit, "roundBudgetEdit").text() == text   # kept, to correct


def test_publicity_opened_at_the_desk_puts_the_given_budget_on_notice_and_it_rules(
        qtbot, context, secretariat, monkeypatch, tmp_path):
    from reviewer_app.central.publicity import current_period

    merge_round_at_desk(qtbot, monkeypatch, context, secretariat)
    decide_pending(context.engine)
    results_page = desk_page(qtbot, ResultsPage, context)
    publicity = desk_page(qtbot, PublicityPage, context)
    shown_results(qtbot, results_page)
    budget = Decimal(1_000_000)
    assert budget < results_page.results.funding.awarded_total   # it changes the awards
    notice_label = find(publicity, QLabel, "publicityBudgetLabel")
    assert "默认预算" in notice_label.text()
    _give(qtbot, results_page, "1000000")
    assert notice_label.text() == f"公示将采用结果页给定的本轮预算：{yuan(budget)} 元。"
    fresh_results(qtbot, results_page)

    said = start_publicity_at_desk(monkeypatch, publicity, tmp_path / "notice", START)
    assert said.startswith("公示已开始")
    document = current_period(context.engine).document
    assert document["budget"]["source"] == "given"
    assert document["budget"]["budget"] == decimal_str(budget)
    assert notice_label.text() == f"公示的预算：{yuan(budget)} 元，为本轮给定。"

    # The published budget rules: the field shows it, read-only, and says why; the
    # results keep it even when the session's own budget is cleared.
    fresh_results(qtbot, results_page)
    edit = find(results_page, QLineEdit, "roundBudgetEdit")
    assert not edit.isEnabled()
    assert edit.text() == yuan(budget)
    assert "公示" in edit.toolTip() and yuan(budget) in edit.toolTip()
    context.set_round_budget(None)
    fresh_results(qtbot, results_page)
    assert results_page.results.funding.budget == budget
    assert results_page.results.budget_source == "given"
    assert edit.text() == yuan(budget) and not edit.isEnabled()
