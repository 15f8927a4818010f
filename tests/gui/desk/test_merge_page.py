"""The desk's merge page (issue 13, item 4), driven by objectNames on a real store
with real signed sheets: drop files or a folder, one verdict per file in Chinese,
who has handed in per seat, cancel between files."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QLabel,
    QTableView,
)

from reviewer_app.gui.desk.merge_page import MergePage
from tests.helpers.desk import (
    cancel_once,
    column,
    find,
    merge_at_desk,
    register_package_at_desk,
    table_texts,
)

pytestmark = pytest.mark.usefixtures("chinese")  # the desk in its default language


def _page(qtbot, context) -> MergePage:
    page = MergePage(context)
    qtbot.addWidget(page)
    return page


def test_a_dropped_usb_folder_is_merged_file_by_file_with_chinese_verdicts(
        qtbot, context, secretariat, tmp_path, monkeypatch):
    page = _page(qtbot, context)
    assert page.windowTitle() == "合并评分表"
    seats = find(page, QTableView, "seatStatusTable")
    assert table_texts(seats) == []  # no package yet
    register_package_at_desk(monkeypatch, page, secretariat)
    assert "已登记" in find(page, QLabel, "mergeSummaryLabel").text()
    assert set(column(seats, "状态")) == {"未交"}
    assert len(table_texts(seats)) == secretariat.seats

    # A stick as experts hand it in: the sheets in a subfolder, their PDFs beside
    # them, a damaged sheet, and a link (never followed).
    stick = tmp_path / "U盘"
    shutil.copytree(secretariat.sheets, stick / "sheets")
    (stick / "损坏.revsheet").write_bytes(b'{"payload": "<b>not a sheet</b>"}')
    forged = bytearray((secretariat.sheets / "S02-r1.revsheet").read_bytes())
    at = forged.index(b'"sig":"') + len(b'"sig":"')
    forged[at] = ord("A") if forged[at] != ord("A") else ord("B")
    (stick / "改过.revsheet").write_bytes(bytes(forged))
    os.symlink(secretariat.sheets / sorted(os.listdir(secretariat.sheets))[0],
               stick / "link.revsheet")
    sheet_files = sorted(p.name for p in secretariat.sheets.glob("*.revsheet"))

    rows = merge_at_desk(page, [stick])
    verdicts = column(find(page, QTableView, "sheetVerdictTable"), "结论")
    assert len(rows) == len(sheet_files) + 3
    assert verdicts.count("接收") == secretariat.seats
    assert verdicts.count("替换") == 1            # one seat sent a revision 2
    assert verdicts.count("拒收") == 2 and verdicts.count("已跳过") == 1
    by_file = {os.path.basename(r[0]): r for r in rows}
    assert by_file["损坏.revsheet"][4] == "该文件不是评分表。"
    assert by_file["改过.revsheet"][4] == "签名与内容不符：评分表被改动或伪造。"
    assert by_file["S01-r2.revsheet"][4] == "第 2 版替换第 1 版。"
    assert by_file["link.revsheet"][4] == "这是链接：不跟随链接。"
    states = column(seats, "状态")
    assert states.count("已替换") == 1 and states.count("已交") == secretariat.seats - 1
    assert "已交 6" in find(page, QLabel, "seatSummaryLabel").text()

    # Merging is idempotent: the same folder again changes nothing.
    again = merge_at_desk(page, [stick / "sheets"])
    assert {r[3] for r in again} == {"已合并"}


def test_sheets_of_an_unregistered_package_are_refused_with_the_reason(
        qtbot, context, secretariat):
    page = _page(qtbot, context)
    rows = merge_at_desk(page, [secretariat.sheets])
    assert {r[3] for r in rows} == {"拒收"}
    assert {r[4] for r in rows} == {"评分表所属的评审包尚未在本库登记：请先登记评审包。"}


def test_an_unknown_reason_is_shown_in_english_as_plain_text(qtbot, context):
    from reviewer_app.central.merge import MergeOutcome
    from reviewer_app.gui.desk.verdict_text import reason_text

    outcome = MergeOutcome("x", "0" * 64, "rejected", "<b>new kind</b>: something")
    assert reason_text(outcome) == "<b>new kind</b>: something"


def test_cancel_stops_between_files_and_keeps_what_was_merged(
        qtbot, context, secretariat, monkeypatch):
    from reviewer_app.central import merge_files as module

    page = _page(qtbot, context)
    register_package_at_desk(monkeypatch, page, secretariat)
    monkeypatch.setattr(module, "GROUP", 2)
    real = module.merge_sheets
    first_done = threading.Event()

    def merge_then_wait(*args, **kwargs):
        outcomes = real(*args, **kwargs)
        first_done.set()   # the user presses Cancel while the first group merges
        assert pressed.wait(10), "the cancel never came"
        return outcomes

    monkeypatch.setattr(module, "merge_sheets", merge_then_wait)
    with cancel_once(first_done) as pressed:
        rows = merge_at_desk(page, [secretariat.sheets])
    verdicts = {os.path.basename(r[0]): r[3] for r in rows}
    names = sorted(p.name for p in secretariat.sheets.glob("*.revsheet"))
    assert names[:2] == ["S01-r1.revsheet", "S01-r2.revsheet"]  # the first group
    assert [verdicts[n] for n in names] == ["接收", "替换"] + ["未处理"] * (len(names) - 2)
    assert "已取消" in find(page, QLabel, "mergeSummaryLabel").text()
    # What was merged stays merged: merging everything again completes the rest.
    monkeypatch.setattr(module, "merge_sheets", real)
    rows = merge_at_desk(page, [secretariat.sheets])
    assert sorted(r[3] for r in rows).count("已合并") == 2
    assert "未处理" not in {r[3] for r in rows}


def test_a_wrong_package_passphrase_is_refused_in_chinese(
        qtbot, context, secretariat, monkeypatch):
    page = _page(qtbot, context)
    register_package_at_desk(monkeypatch, page, secretariat, passphrase="wrong passphrase")
    assert find(page, QLabel, "mergeSummaryLabel").text() == "口令无法打开此评审包。"
    assert table_texts(find(page, QTableView, "seatStatusTable")) == []


def test_english_is_available_and_switches_without_a_restart(qtbot, context, chinese):
    from PySide6.QtGui import QAction

    page = _page(qtbot, context)
    chinese.apply("en")
    assert page.windowTitle() == "Merge sheets"
    assert find(page, QAction, "mergeSheetsAction").text() == "Merge score sheets…"
    table = find(page, QTableView, "sheetVerdictTable")
    assert table.accessibleName() == "Verdict per sheet file"
    chinese.apply("zh_CN")
    assert table.accessibleName() == "各评分表文件的结论"
    assert find(page, QAction, "mergeSheetsAction").text() == "合并评分表…"


def test_merge_sheets_action_merges_the_chosen_files(qtbot, context, secretariat,
                                                     monkeypatch):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    page = _page(qtbot, context)
    register_package_at_desk(monkeypatch, page, secretariat)
    chosen = sorted(str(p) for p in secretariat.sheets.glob("S0[23]-*.revsheet"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: (chosen, "")))
    find(page, QAction, "mergeSheetsAction").trigger()
    rows = table_texts(find(page, QTableView, "sheetVerdictTable"))
    assert sorted((r[0], r[3]) for r in rows) == [(Path(c).name, "接收") for c in chosen]
    # The table shows file names; the whole path (a USB stick's mount) is the tooltip.
    from PySide6.QtCore import Qt

    table = find(page, QTableView, "sheetVerdictTable")
    tips = {table.model().index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
            for r in range(table.model().rowCount())}
    assert tips == set(chosen)
    assert column(find(page, QTableView, "seatStatusTable"), "状态").count("已交") == 2
