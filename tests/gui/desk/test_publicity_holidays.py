"""The 公示 page's holiday supplement (docs/formats.md §6, as ``reviewer-admin publicity
--holidays FILE``): a 2027 period is refused on chinesecalendar alone, a bad file is
refused with its reason in Chinese, and with the file the period ends as the file says
(五（五）: 5 working days on the official calendar)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel

from reviewer_app.central.publicity import current_period
from reviewer_app.gui.desk.publicity_page import PublicityPage
from tests.helpers.desk import decide_pending, find, merge_round_at_desk, start_publicity_at_desk
from tests.helpers.holidays import SUPPLEMENT_2027

pytestmark = pytest.mark.usefixtures("chinese")  # the desk in its default language

START = dt.date(2027, 1, 7)   # Thu 7, Fri 8, the 调休 Saturday 9, Mon 11, Tue 12


def _load(monkeypatch, page, *files: Path) -> str:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(f) for f in files], "")))
    find(page, QAction, "holidaySupplementAction").trigger()
    return find(page, QLabel, "publicityMessage").text()


def test_a_2027_period_needs_the_holiday_supplement(qtbot, context, secretariat, monkeypatch,
                                                    tmp_path):
    merge_round_at_desk(qtbot, monkeypatch, context, secretariat)
    decide_pending(context.engine)
    page = PublicityPage(context)
    qtbot.addWidget(page)
    action = find(page, QAction, "holidaySupplementAction")
    assert action.text() == "载入节假日补充文件…"
    label = find(page, QLabel, "holidaySupplementLabel")
    assert label.text().startswith("节假日日历：仅 chinesecalendar")

    # Without the file: refused, and the message says what to do.
    said = start_publicity_at_desk(monkeypatch, page, tmp_path / "notice", START)
    assert said.startswith("官方节假日日历（chinesecalendar")
    assert "载入 2027 年的节假日补充文件" in said
    assert not (tmp_path / "notice").exists()

    # A bad file: refused with the rule it breaks; nothing loaded.
    bad = tmp_path / "bad.toml"
    bad.write_text(SUPPLEMENT_2027.replace('workdays = ["2027-01-09"]',
                                           'workdays = ["2027-01-08"]'), encoding="utf-8")
    assert _load(monkeypatch, page, bad) == (
        "节假日补充文件 bad.toml 被拒绝：workdays 列出了 2027-01-08，这是周一至周五的日子："
        "只有调休上班的周末日期才能列入。")
    assert label.text().startswith("节假日日历：仅 chinesecalendar")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(SUPPLEMENT_2027.replace("reviewer-app/holidays/1", "holidays/9"),
                     encoding="utf-8")
    assert _load(monkeypatch, page, wrong) == (
        "节假日补充文件 wrong.toml 被拒绝：文件格式是 'holidays/9'，而不是 "
        "'reviewer-app/holidays/1'。")
    said = start_publicity_at_desk(monkeypatch, page, tmp_path / "notice", START)
    assert said.startswith("官方节假日日历（chinesecalendar")

    # The file: its year and notice shown, the period accepted and ending on its dates.
    good = tmp_path / "2027.toml"
    good.write_text(SUPPLEMENT_2027, encoding="utf-8")
    assert _load(monkeypatch, page, good) == "已载入节假日补充文件：公示期现在可以落在 2027 年。"
    assert label.text() == ("节假日补充：2027 年（测试数据：仿国务院办公厅关于2027年部分节假日"
                            "安排的通知）。")
    said = start_publicity_at_desk(monkeypatch, page, tmp_path / "notice", START)
    assert said.startswith("公示已开始"), said
    published = current_period(context.engine)
    assert (published.start, published.end) == (START, dt.date(2027, 1, 12))
    assert "2027: 测试数据" in published.calendar  # the end date can be recomputed
    assert find(page, QLabel, "publicityPeriodLabel").text().startswith(
        "公示期 2027-01-07 – 2027-01-12（5个工作日")
    assert sorted(p.name for p in (tmp_path / "notice").iterdir()) == [
        "publicity.csv", "publicity.pdf"]
