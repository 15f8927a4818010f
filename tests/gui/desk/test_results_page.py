"""The desk's results page (issue 13, item 5): the figures of compute_results in a
sortable, filterable table, the strip plot and the budget chart, and an export that
writes what reviewer-admin results writes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QTableView

from reviewer_app.gui.desk.charts import BudgetChart, DivergencePlot
from reviewer_app.gui.desk.results_page import ResultsPage
from tests.helpers.desk import (
    cancel_once,
    column,
    decide_pending,
    export_results_at_desk,
    find,
    merge_round_at_desk,
    shown_results,
    table_texts,
)

pytestmark = pytest.mark.usefixtures("chinese")  # the desk in its default language


def _results_page(qtbot, context) -> ResultsPage:
    page = ResultsPage(context)
    qtbot.addWidget(page)
    return page


def test_an_empty_store_says_what_to_do_first(qtbot, context):
    page = _results_page(qtbot, context)
    assert shown_results(qtbot, page) == []
    assert page.windowTitle() == "评审结果"
    assert find(page, QLabel, "resultsSummaryLabel").text().startswith("尚无结果")


def test_results_table_sorts_filters_and_matches_compute_results(
        qtbot, context, secretariat, monkeypatch):
    from reviewer_app.central.results import compute_results

    merge_round_at_desk(qtbot, monkeypatch, context, secretariat)
    page = _results_page(qtbot, context)
    rows = shown_results(qtbot, page)
    expected = compute_results(context.engine)
    assert len(rows) == len(expected.rows) > 0
    table = find(page, QTableView, "resultsTable")
    headers = [table.model().headerData(c, Qt.Orientation.Horizontal)
               for c in range(table.model().columnCount())]
    assert headers[:4] == ["排名", "项目", "企业", "得分"]
    assert headers[-5:] == ["分歧（极差）", "第二轮复议", "档次", "金额（元）", "原因"]
    assert len(headers) == 9 + len(expected.program.rubric.criteria)

    # Amounts are compute_results' amounts; the table sorts by value, not by text.
    amounts = {r.project_id: r.award.amount for r in expected.rows}
    shown = {row[1].split()[0]: Decimal(row[headers.index("金额（元）")].replace(",", ""))
             for row in rows}
    assert shown == amounts
    table.sortByColumn(headers.index("得分"), Qt.SortOrder.DescendingOrder)
    scores = [float(s) for s in column(table, "得分") if s]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) > 1

    # The divergent project is flagged and drawn on a tinted line.
    divergent = [r.project_id for r in expected.divergent]
    assert divergent
    flagged = [row[1].split()[0] for row in table_texts(table)
               if "（需复议）" in row[headers.index("分歧（极差）")]]
    assert flagged == divergent
    plot = find(page, DivergencePlot, "divergencePlot")
    strips = {s.label: s for s in plot.strips}
    assert {pid for pid, s in strips.items() if s.divergent} == set(divergent)
    row = next(r for r in expected.rows if r.project_id == divergent[0])
    assert len(strips[divergent[0]].totals) == len(row.aggregate.counted) + len(
        row.aggregate.dropped) - len(set(row.aggregate.dropped) & set(row.aggregate.counted))
    assert plot.grab().width() > 0  # paints without error

    # The budget chart: used per tier and what is left add up to the budget.
    chart = find(page, BudgetChart, "budgetChart")
    *used, left = chart.parts
    assert sum(p.amount for p in used) == float(expected.funding.awarded_total) > 0
    assert left.amount == float(expected.funding.budget - expected.funding.awarded_total)
    assert chart.parts[-1].label.startswith("剩余：")
    assert chart.grab().width() > 0

    # Text filter, then the status filter.
    first = rows[0][1].split()[0]
    find(page, QLineEdit, "resultsFilterEdit").setText(first)
    assert [r[1].split()[0] for r in table_texts(table)] == [first]
    find(page, QLineEdit, "resultsFilterEdit").setText("")
    status = find(page, QComboBox, "resultsStatusFilter")
    status.setCurrentIndex(status.findText("获资助"))
    funded = {r.project_id for r in expected.rows if r.award.amount > 0}
    assert {r[1].split()[0] for r in table_texts(table)} == funded
    status.setCurrentIndex(status.findText("需复议"))
    assert {r[1].split()[0] for r in table_texts(table)} == set(divergent)


def test_export_writes_the_files_reviewer_admin_writes(
        qtbot, context, secretariat, monkeypatch, tmp_path):
    from reviewer_app.cli.admin import main as admin

    merge_round_at_desk(qtbot, monkeypatch, context, secretariat)
    decide_pending(context.engine)
    page = _results_page(qtbot, context)
    shown_results(qtbot, page)
    out = tmp_path / "导出"
    export_results_at_desk(monkeypatch, page, out)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["panel-summary.pdf", "publicity.csv", "results.csv", "results.json",
                     "results.pdf", "results.xlsx"]
    assert oct(out.stat().st_mode & 0o777) == "0o700"
    assert all((p.stat().st_mode & 0o077) == 0 for p in out.iterdir())
    assert "已导出到" in find(page, QLabel, "resultsSummaryLabel").text()
    assert admin(["results", "--db", context.db_url, "--out", str(tmp_path / "cli")]) == 0
    for name in ("results.csv", "results.json", "publicity.csv"):
        assert (out / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_computing_shows_progress_and_can_be_cancelled(qtbot, context, secretariat,
                                                        monkeypatch):
    import threading

    from PySide6.QtWidgets import QProgressBar

    import reviewer_app.central.results as results_module

    merge_round_at_desk(qtbot, monkeypatch, context, secretariat)
    release = threading.Event()
    real = results_module.compute_results

    def slow(engine, **kwargs):
        release.wait(10)
        return real(engine, **kwargs)

    monkeypatch.setattr(results_module, "compute_results", slow)
    page = _results_page(qtbot, context)
    page.show()
    assert find(page, QProgressBar, "resultsProgress").isVisible()
    assert not find(page, QPushButton, "exportResultsButton").isEnabled()
    find(page, QPushButton, "cancelResultsButton").click()
    assert not find(page, QProgressBar, "resultsProgress").isVisible()
    assert find(page, QLabel, "resultsSummaryLabel").text().startswith("已取消计算")
    release.set()
    assert page.wait_idle()
    qtbot.wait(50)   # the cancelled run's answer arrives and is dropped
    assert page.results is None and table_texts(find(page, QTableView, "resultsTable")) == []


def test_a_cancelled_export_writes_nothing(qtbot, context, secretariat, monkeypatch,
                                           tmp_path):
    import threading

    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    import reviewer_app.central.results_xlsx as xlsx
    from reviewer_app.storage.central_models import ResultsRun

    merge_round_at_desk(qtbot, monkeypatch, context, secretariat)
    page = _results_page(qtbot, context)
    shown_results(qtbot, page)
    making = threading.Event()
    real = xlsx.results_xlsx

    def slow_workbook(results):
        making.set()   # the export is under way: the user presses Cancel now
        assert pressed.wait(10)
        return real(results)

    monkeypatch.setattr(xlsx, "results_xlsx", slow_workbook)

    with cancel_once(making) as pressed:
        export_results_at_desk(monkeypatch, page, tmp_path / "导出")
    assert pressed.is_set()
    assert find(page, QLabel, "resultsSummaryLabel").text() == "导出已取消：未写入任何文件。"
    assert not (tmp_path / "导出").exists()
    with Session(context.engine) as session:
        assert session.scalar(select(func.count()).select_from(ResultsRun)) == 0
