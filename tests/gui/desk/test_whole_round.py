"""The whole round at ONE desk window (issue 13, "Done when"): a demo intake opened,
its 需复核 project decided, a panel package built with its letters, the experts'
demo sheets (central/demo_sheets.py, as ``reviewer-admin demo-sheets`` makes them)
dropped on the merge page, the results computed and exported, the 公示 opened on a
past date and an objection decided, and the final award plan written — every step
through objectNames, every outcome checked against the store and the files."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QLabel, QTableView

from reviewer_app.central.intake import load_intake
from reviewer_app.central.results import compute_results
from reviewer_app.package import open_package
from tests.gui.desk.conftest import PENDING
from tests.helpers.desk import (
    build_package,
    check_intake,
    column,
    decide,
    decide_objection_at_desk,
    demo_sheets_from_letters,
    export_results_at_desk,
    find,
    fresh_results,
    letter_text,
    merge_at_desk,
    overview_steps,
    record_objection_at_desk,
    show_page,
    start_publicity_at_desk,
    table_rows,
    table_texts,
    write_plan_at_desk,
)

# 国庆 follows, and 10-11 is a 调休 working Sunday: the period ends on 2026-10-12,
# long before the plan is written (the first 公示 of a store may be entered late).
START = dt.date(2026, 9, 30)


def test_a_whole_round_at_one_desk(qtbot, desk, demo_intake: Path, tmp_path: Path,
                                   memory_keyring, monkeypatch) -> None:
    window = desk()
    engine = window.context.engine
    assert overview_steps(window)["资助计划"] == "尚未进行"

    # 1. Intake: the eligibility report, one 需复核 project.
    summary = check_intake(qtbot, window, demo_intake)
    assert "7 项通过" in summary and "1 项需复核" in summary and "2 项不通过" in summary
    reports = load_intake(demo_intake).eligibility()
    assert len(table_rows(window, "intakeTable")) == sum(len(r.findings) for r in reports)
    pending = [r.project_id for r in reports if r.status.value == "needs_review"]
    assert pending == [PENDING]

    # 2. The 需复核 decision, recorded as the command line records it.
    said = decide(qtbot, window, PENDING, "pass", "经核实，申报主体为企业法人", "李审核")
    assert PENDING in said
    decided = {row[7] for row in table_rows(window, "intakeTable") if row[0] == PENDING}
    assert decided == {"通过 — 经核实，申报主体为企业法人 [李审核]"}

    # 3. The panel package, all seats, a letter per seat (registered in the store).
    out = tmp_path / "out" / "第一轮.revpkg"
    out.parent.mkdir()
    built = build_package(qtbot, window, demo_intake, out, deadline="2026-09-15")
    assert built.passphrase and out.exists()
    with open_package(out, trusted_keys=None, passphrase=built.passphrase) as reader:
        manifest = reader.manifest
    seats = [s["seat_id"] for s in manifest["seats"]]
    assert seats == ["S01", "S02", "S03", "S04", "S05", "S06"]
    assert [p.name for p in built.letters] == [f"{s}-通知函.pdf" for s in seats]
    assert all(s in letter_text(p) for s, p in zip(seats, built.letters, strict=True))
    assert overview_steps(window)["已生成评审包"] == "1"

    # 4. The experts' sheets (their codes read off the letters) dropped on the desk.
    sheets = demo_sheets_from_letters(built, tmp_path / "U盘")
    merge = show_page(window, "mergePage")
    rows = merge_at_desk(merge, [tmp_path / "U盘"])
    assert sorted(r[0] for r in rows) == sorted(p.name for p in sheets)
    verdicts = column(find(merge, QTableView, "sheetVerdictTable"), "结论")
    assert verdicts.count("接收") == len(seats)
    assert set(verdicts) <= {"接收", "替换"}, rows
    states = column(find(merge, QTableView, "seatStatusTable"), "状态")
    assert sorted(states) == sorted(["已交"] * (len(seats) - verdicts.count("替换"))
                                    + ["已替换"] * verdicts.count("替换"))
    assert overview_steps(window)["已收评分表"] == f"{len(seats)} / {len(seats)} 个席位"

    # 5. Results: the table is compute_results', the export reads back the same.
    results_page = show_page(window, "resultsPage")
    shown = fresh_results(qtbot, results_page)
    expected = compute_results(engine)
    assert not expected.pending  # the decision settled the only 需复核 project
    assert len(shown) == len(expected.rows) > 0
    amounts = {r.project_id: r.award.amount for r in expected.rows}
    table = find(results_page, QTableView, "resultsTable")
    shown_amounts = {row[1].split()[0]: Decimal(a.replace(",", "")) for row, a in
                     zip(table_texts(table), column(table, "金额（元）"), strict=True)}
    assert shown_amounts == amounts
    assert PENDING in amounts  # decided eligible: it is ranked
    funded = {pid: amount for pid, amount in amounts.items() if amount > 0}
    assert funded
    export_results_at_desk(monkeypatch, results_page, tmp_path / "结果")
    with open(tmp_path / "结果" / "results.csv", encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert {r["项目编号"]: Decimal(r["资助金额（元）"]) for r in exported} == amounts

    # 6. 公示 on a past start date: the period has ended by now; one objection,
    # dismissed (rules: objections are decided before the plan).
    publicity = show_page(window, "publicityPage")
    said = start_publicity_at_desk(monkeypatch, publicity, tmp_path / "公示", START)
    assert said.startswith("公示已开始"), said
    assert sorted(p.name for p in (tmp_path / "公示").iterdir()) == [
        "publicity.csv", "publicity.pdf"]
    listed = table_texts(find(publicity, QTableView, "publicityTable"))
    assert {row[1].split()[0] for row in listed} == set(funded)
    target = sorted(funded)[0]
    assert record_objection_at_desk(publicity, target, "对评分结果有异议",
                                    dt.date(2026, 10, 9)) == f"已为 {target} 登记异议 1。"
    assert find(publicity, QLabel, "finalPlanStatusLabel").text() == "尚未处理的异议：1。"
    decide_objection_at_desk(publicity, 0, "dismissed", "评分程序合规", "王处长")
    assert find(publicity, QLabel, "finalPlanStatusLabel").text() == \
        "公示期已满：可以生成资助计划。"

    # 7. The final award plan: its amounts are the results'.
    said = write_plan_at_desk(monkeypatch, publicity, tmp_path / "资助计划")
    assert said.startswith("资助计划已保存到"), said
    plan = json.loads((tmp_path / "资助计划" / "award-plan.json").read_text(encoding="utf-8"))
    assert {a["project_id"]: Decimal(a["amount"]) for a in plan["awards"]} == funded
    assert Decimal(plan["awarded_total"]) == sum(funded.values())
    assert [o["outcome"] for o in plan["objections"]] == ["dismissed"]
    assert overview_steps(window)["资助计划"] == "已生成"
