"""发起第二轮复议 at the desk (issue 14, item 4: "The desk offers the same"): the results
page's secondRoundAction builds, through central/second_round.py (the command line's
code path), a manifest-format-5 package of the divergent projects for the seats that
scored them, a letter per seat with its new seat code, and a passphrase shown once;
round-2 sheets merged at the desk then mark the project in resultsTable.

Rule R2 (docs/architecture.md §8): a seat's accepted round-2 review replaces that
seat's round-1 review of that project; the others stay."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QTableWidget,
)

from reviewer_app.central.results import compute_results
from reviewer_app.gui.desk.merge_page import MergePage
from reviewer_app.gui.desk.results_page import ResultsPage
from reviewer_app.package import open_package
from tests.helpers.desk import (
    ORGANIZER_PASSPHRASE,
    PASSPHRASE,
    answer_dialogs,
    cancel_once,
    column,
    find,
    fresh_results,
    letter_text,
    merge_at_desk,
    merge_round_at_desk,
    seat_codes_from_letters,
    table_texts,
)
from tests.helpers.second_round import round2_sheet

pytestmark = pytest.mark.usefixtures("chinese")  # the desk in its default language


@pytest.fixture
def merged(qtbot, monkeypatch, context, secretariat):
    """A store with the demo first round merged (one project divergent), and the
    results page over it."""
    merge_round_at_desk(qtbot, monkeypatch, context, secretariat)
    page = ResultsPage(context)
    qtbot.addWidget(page)
    fresh_results(qtbot, page)
    return page


def _open_dialog(page: ResultsPage, package: Path, passphrase: str = PASSPHRASE) -> QDialog:
    find(page, QAction, "secondRoundAction").trigger()
    dialog = find(page, QDialog, "secondRoundDialog")
    find(dialog, QLineEdit, "secondRoundPackageEdit").setText(str(package))
    find(dialog, QLineEdit, "secondRoundPassphraseEdit").setText(passphrase)
    timer = answer_dialogs({"organizerPassphraseEdit": ORGANIZER_PASSPHRASE})
    try:
        find(dialog, QPushButton, "openFirstRoundButton").click()
    finally:
        timer.stop()
    return dialog


def _ticked(dialog: QDialog) -> list[str]:
    projects = find(dialog, QListWidget, "secondRoundProjects")
    return [projects.item(i).data(Qt.ItemDataRole.UserRole) for i in range(projects.count())
            if projects.item(i).checkState() == Qt.CheckState.Checked]


def _seat_rows(dialog: QDialog) -> dict[str, list[str]]:
    table = find(dialog, QTableWidget, "secondRoundSeats")
    return {table.item(r, 0).text(): [table.item(r, c).text() for c in range(4)]
            for r in range(table.rowCount())}


def _build(qtbot, dialog: QDialog, out: Path, deadline: bool = True) -> tuple[str, str]:
    """Build; (the passphrase read off the dialog that shows it once, the message)."""
    from PySide6.QtWidgets import QCheckBox

    find(dialog, QLineEdit, "secondRoundOutEdit").setText(str(out))
    find(dialog, QCheckBox, "secondRoundDeadlineCheck").setChecked(deadline)
    find(dialog, QPushButton, "buildSecondRoundButton").click()
    message = find(dialog, QLabel, "secondRoundMessage").text()
    shown = dialog.findChild(QDialog, "passphraseDialog")
    if shown is None:
        return "", message
    field = find(shown, QLineEdit, "passphraseShown")
    passphrase = field.text()
    shown.accept()
    assert field.text() == ""  # shown once
    return passphrase, message


def test_second_round_at_the_desk_builds_the_cli_package_with_letters_and_marks_results(
        qtbot, merged, context, secretariat, tmp_path):
    page = merged
    first = compute_results(context.engine)
    divergent = [r.project_id for r in first.divergent]
    assert divergent, "the demo round (seed 3) has a divergent project"
    row1 = {r.project_id: r for r in first.rows}[divergent[0]]

    dialog = _open_dialog(page, secretariat.package)
    # As --projects divergent: the divergent projects come ticked.
    assert _ticked(dialog) == sorted(divergent)
    seats = _seat_rows(dialog)
    asked = sorted(s for s, row in seats.items() if row[2])
    assert set(asked) == set(row1.aggregate.counted) | set(row1.aggregate.dropped)
    for seat in row1.aggregate.excluded_conflicts:   # recused: not asked, and why
        assert seats[seat][2] == "" and "回避" in seats[seat][3]

    out = tmp_path / "第二轮.revpkg"
    passphrase, message = _build(qtbot, dialog, out)
    assert passphrase and len(passphrase) >= 20, message
    assert "第二轮复议评审包" in message and str(out) in message

    # The letters: one per seat asked, each with its new seat code, the 第二轮复议 note,
    # the organizer's fingerprint and the deadline.
    letters = tuple(sorted((tmp_path / "第二轮-通知函").glob("*.pdf")))
    codes = seat_codes_from_letters(letters)
    assert sorted(codes) == asked
    with open_package(out, trusted_keys=None, passphrase=passphrase) as reader:
        manifest, sha = reader.manifest, reader.manifest_sha256
        fingerprint = reader.organizer_fingerprint
    assert manifest["format"] == "rvpkg-manifest/5"
    assert manifest["second_round"]["projects"] == sorted(divergent)
    assert sorted(manifest["assignments"]) == asked
    for path in letters:
        text = letter_text(path)
        seat = next(s for s in manifest["seats"]
                    if path.name == f"{s['seat_id']}-通知函.pdf")
        assert seat["name"] in text
        assert "第二轮复议" in text and "新发的编码" in text.replace("\n", "")
        assert fingerprint in text and manifest["package_id"] in text.replace("\n", "")
        assert "评审截止日期" in text and "另行通知" not in text
    assert all(p.stat().st_mode & 0o077 == 0 for p in letters)
    # The new codes open each seat's round (the codes of round 1 are not reused).
    from tests.helpers.second_round import read_codes

    old = read_codes(secretariat.codes)
    assert all(codes[s] != old[s] for s in asked)

    # A second attempt on the same project is refused, in Chinese.
    dialog.reject()
    dialog = _open_dialog(page, secretariat.package)
    assert _ticked(dialog) == []
    projects = find(dialog, QListWidget, "secondRoundProjects")
    taken = [projects.item(i).text() for i in range(projects.count())
             if projects.item(i).data(Qt.ItemDataRole.UserRole) == divergent[0]]
    assert "已有第二轮复议" in taken[0]
    dialog.reject()

    # Two seats hand in round-2 sheets at the desk; the results mark the project.
    sheets = tmp_path / "复议评分表"
    sheets.mkdir()
    target = Decimal(manifest["second_round"]["distribution"][divergent[0]]["median"])
    rubric_step = min(Decimal(str(c["step"])) for c in manifest["rubric"]["criteria"])
    target -= target % rubric_step
    for seat in asked[:2]:
        (sheets / f"{seat}.revsheet").write_bytes(round2_sheet(
            manifest, sha, seat, codes[seat], {pid: target for pid in divergent},
            "经复议，参考专家组分布后调整"))
    merge = MergePage(context)
    qtbot.addWidget(merge)
    verdicts = merge_at_desk(merge, [sheets])
    assert len(verdicts) == 2 and all(row[3] == "接收" for row in verdicts), verdicts
    fresh_results(qtbot, page)
    table = find(page, QTableView, "resultsTable")
    marks = dict(zip((p.split()[0] for p in column(table, "项目")),
                     column(table, "第二轮复议"), strict=True))
    assert marks[divergent[0]].startswith("第二轮复议：")
    assert f"{len(asked)} 位专家中 2 位按第二轮计分" in marks[divergent[0]]
    assert all(mark == "" for pid, mark in marks.items() if pid not in divergent)

    # The overview lists the second round's package and its sheets received.
    from reviewer_app.gui.desk.overview_page import OverviewPage

    overview = OverviewPage(context)
    qtbot.addWidget(overview)
    packages = {row[0]: row for row in table_texts(find(overview, QTableView,
                                                        "overviewPackages"))}
    second = packages[manifest["package_id"]]
    first_id = manifest["second_round"]["first_round_package_id"]
    assert second[1] == f"第二轮复议（第一轮 {first_id[:8]}）"
    assert second[3:6] == [str(len(asked)), str(len(divergent)), "2"]


def test_wrong_first_round_passphrase_is_refused_in_chinese(qtbot, merged, secretariat):
    dialog = _open_dialog(merged, secretariat.package, passphrase="not the passphrase 2026")
    assert find(dialog, QLabel, "secondRoundMessage").text() == \
        "口令无法打开此评审包：请重新输入第一轮评审包的口令。"
    assert find(dialog, QListWidget, "secondRoundProjects").count() == 0
    assert not find(dialog, QPushButton, "buildSecondRoundButton").isEnabled()


def test_no_project_chosen_and_cancelled_build_leave_nothing(
        qtbot, merged, context, secretariat, tmp_path, monkeypatch):
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    import reviewer_app.package as package_module
    from reviewer_app.storage.central_models import Package

    dialog = _open_dialog(merged, secretariat.package)
    projects = find(dialog, QListWidget, "secondRoundProjects")
    ticked = [projects.item(i) for i in range(projects.count())
              if projects.item(i).checkState() == Qt.CheckState.Checked]
    for item in ticked:
        item.setCheckState(Qt.CheckState.Unchecked)
    assert not find(dialog, QPushButton, "buildSecondRoundButton").isEnabled()
    assert all(row[2] == "" for row in _seat_rows(dialog).values())
    # A project with a declared conflict: the recused seat is listed as not asked.
    results = compute_results(context.engine)
    recused = {(pid, seat) for pid, seat, _cell in results.conflicts}
    assert recused, "the demo round (seed 3) has a declared conflict"
    pid, seat = sorted(recused)[0]
    item = next(projects.item(i) for i in range(projects.count())
                if projects.item(i).data(Qt.ItemDataRole.UserRole) == pid)
    item.setCheckState(Qt.CheckState.Checked)
    rows = _seat_rows(dialog)
    assert rows[seat][2] == "" and rows[seat][3] == f"已申报回避：{pid}"
    assert find(dialog, QPushButton, "buildSecondRoundButton").isEnabled()
    item.setCheckState(Qt.CheckState.Unchecked)
    for item in ticked:
        item.setCheckState(Qt.CheckState.Checked)

    # Cancel while the package is being written: no package, no letter, nothing stored.
    writing = threading.Event()
    real = package_module.write_package

    def slow_write(out, manifest, members, **kw):
        inner = kw["progress"]

        def progress(done, total, phase):
            writing.set()
            assert pressed.wait(10)
            inner(done, total, phase)
        return real(out, manifest, members, **{**kw, "progress": progress})

    monkeypatch.setattr(package_module, "write_package", slow_write)
    out = tmp_path / "r2.revpkg"
    with cancel_once(writing) as pressed:
        passphrase, message = _build(qtbot, dialog, out)
    assert pressed.is_set() and passphrase == ""
    assert message == "已取消：未写入任何评审包或通知函。"
    assert not out.exists()
    assert not (tmp_path / "r2-通知函").exists() or not any((tmp_path / "r2-通知函").iterdir())
    assert list(tmp_path.glob("r2.revpkg*")) == []
    with Session(context.engine) as session:
        assert session.scalar(select(func.count()).select_from(Package)
                              .where(Package.round == 2)) == 0


def test_results_page_shows_conflicts_by_category_and_panel_warnings(qtbot, merged, context):
    results = compute_results(context.engine)
    text = find(merged, QLabel, "conflictCountsLabel").text()
    assert text.startswith(f"已申报回避：{len(results.conflicts)}")
    for count in results.conflict_counts():
        if count.category is not None:
            assert f"{count.name} {count.count}" in text
    warnings = find(merged, QLabel, "panelWarningsLabel")
    assert warnings.isHidden() == (not results.panel_warnings)
    for warning in results.panel_warnings:
        assert warning.project_id in warnings.text()
