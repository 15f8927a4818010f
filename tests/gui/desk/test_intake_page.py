"""The intake page: check-intake's report finding by finding, filters, the safe viewer,
and 需复核 decisions recorded exactly as ``reviewer-admin decide --intake`` records them."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QListWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.cli.admin import main as admin
from reviewer_app.storage import central_models as m
from reviewer_app.storage.engines import central_engine
from tests.gui.desk.conftest import PENDING
from tests.helpers.desk import check_intake, child, decide, show_page, table_rows
from tests.helpers.intake import ROW, write_intake


def _decisions(db: Path) -> list[tuple]:
    engine = central_engine(str(db))
    with Session(engine) as session:
        rows = [(d.project_id, d.outcome, d.status_before, d.reason, d.decided_by)
                for d in session.scalars(select(m.EligibilityDecision)
                                         .order_by(m.EligibilityDecision.id))]
    engine.dispose()
    return rows


def test_the_report_shows_every_finding_with_its_fact_and_filters_by_status(
        qtbot, desk, demo_intake: Path) -> None:
    window = desk()
    summary = check_intake(qtbot, window, demo_intake)
    assert "7 项通过" in summary and "1 项需复核" in summary and "2 项不通过" in summary
    from reviewer_app.central.intake import load_intake

    reports = load_intake(demo_intake).eligibility()
    rows = table_rows(window, "intakeTable")
    assert len(rows) == sum(len(r.findings) for r in reports)
    # Every finding with the fact that decided it, in Chinese by default.
    wanted = {(r.project_id, f.check, f.message) for r in reports for f in r.findings}
    assert {(row[0], row[3], row[6]) for row in rows} == wanted
    pending = next(r for r in reports if r.project_id == PENDING)
    assert {row[2] for row in rows if row[0] == PENDING} == {"需复核"}

    page = show_page(window, "intakePage")
    filter_combo = child(page, QComboBox, "intakeStatusFilter")
    assert filter_combo.itemText(1) == "需复核"
    filter_combo.setCurrentIndex(1)
    shown = table_rows(window, "intakeTable")
    assert {row[0] for row in shown} == {PENDING}
    assert len(shown) == len(pending.findings)
    filter_combo.setCurrentIndex(2)  # 不通过
    failed = {r.project_id for r in reports if r.status.value == "fail"}
    assert failed and {row[0] for row in table_rows(window, "intakeTable")} == failed
    filter_combo.setCurrentIndex(0)
    child(page, QCheckBox, "intakeProblemsOnly").setChecked(True)
    problems = {(r.project_id, f.check) for r in reports for f in r.findings
                if f.status.value != "pass"}
    assert {(row[0], row[3]) for row in table_rows(window, "intakeTable")} == problems
    child(page, QCheckBox, "intakeProblemsOnly").setChecked(False)
    child(page, QLineEdit, "intakeSearch").setText(PENDING)
    assert {row[0] for row in table_rows(window, "intakeTable")} == {PENDING}

    # In English the same findings with their English facts.
    window.findChild(QAction, "deskLanguage_en").trigger()
    assert {(row[3], row[4], row[6]) for row in table_rows(window, "intakeTable")} == {
        (f.check, {"pass": "Eligible", "fail": "Not eligible",
                   "needs_review": "Needs review"}[f.status.value], f.message_en)
        for f in pending.findings}


def test_a_decision_is_recorded_as_the_command_line_records_it(
        qtbot, desk, demo_intake: Path, tmp_path: Path) -> None:
    window = desk()
    check_intake(qtbot, window, demo_intake)
    # Nothing is recorded without a reason and a name.
    message = decide(qtbot, window, PENDING, "pass", "  ", "李审核")
    assert "理由" in message
    assert _decisions(tmp_path / "central.sqlite") == []

    message = decide(qtbot, window, PENDING, "pass", "经核实，申报主体为企业法人", "李审核")
    assert PENDING in message
    decide(qtbot, window, PENDING, "fail", "事业单位，不属于企业", "张负责")
    cli_db = tmp_path / "cli.sqlite"
    for outcome, reason, by in (("--pass", "经核实，申报主体为企业法人", "李审核"),
                                ("--fail", "事业单位，不属于企业", "张负责")):
        assert admin(["decide", PENDING, outcome, "--reason", reason, "--by", by,
                      "--intake", str(demo_intake), "--db", str(cli_db)]) == 0
    assert _decisions(tmp_path / "central.sqlite") == _decisions(cli_db)
    assert _decisions(cli_db)[0][2] == "needs_review"
    # The table shows the decision that counts: the latest.
    decided = {row[7] for row in table_rows(window, "intakeTable") if row[0] == PENDING}
    assert decided == {"不通过 — 事业单位，不属于企业 [张负责]"}


def test_applicant_text_is_shown_literally(qtbot, desk, tmp_path: Path) -> None:
    hostile = "<b>甲</b><a href='file:///etc/passwd'>点我</a>有限公司"
    root = write_intake(tmp_path / "hostile", [{**ROW, "enterprise_name": hostile}])
    (root / "seats.csv").write_text("seat_id,name,projects\nS1,专家,P1\n", encoding="utf-8")
    window = desk()
    check_intake(qtbot, window, root)
    assert {row[1] for row in table_rows(window, "intakeTable")} == {hostile}
    page = show_page(window, "intakePage")
    child(page, type(page.table), "intakeTable").selectRow(0)
    label = child(page, QLabel, "decisionProject")
    assert label.textFormat() == Qt.TextFormat.PlainText and hostile in label.text()


def test_a_bad_intake_says_why_and_shows_nothing(qtbot, desk, tmp_path: Path) -> None:
    window = desk()
    summary = check_intake(qtbot, window, tmp_path / "no-such-folder")
    assert summary.startswith("受理材料无法使用") and "no-such-folder" in summary
    assert table_rows(window, "intakeTable") == []


def test_materials_open_in_the_safe_viewer_and_a_link_put_in_place_is_refused(
        qtbot, desk, demo_intake: Path) -> None:
    window = desk()
    check_intake(qtbot, window, demo_intake)
    page = show_page(window, "intakePage")
    page.table.selectRow(0)
    materials = child(page, QListWidget, "intakeMaterials")
    assert materials.count() > 0
    project = table_rows(window, "intakeTable")[0][0]
    first = materials.item(0)
    materials.itemActivated.emit(first)
    viewer = page.findChild(type(page.viewer), "intakeViewer")
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.failure is not None or viewer.page_count() > 0,
                    timeout=20000)
    assert viewer.failure is None and viewer.page_count() >= 1

    # The file was checked; a link put in its place afterwards is not followed.
    folder = demo_intake / "materials" / project
    victim = next(p for p in folder.iterdir() if first.text().endswith(f"({p.name})"))
    victim.unlink()
    os.symlink("/etc/passwd", victim)
    materials.itemActivated.emit(first)
    assert "此材料无法显示" in child(viewer, QLabel, "viewerMessage").text()
