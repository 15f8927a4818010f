"""Steps of a round taken at the secretariat's desk, through objectNames only, so that
page tests (and the whole-round desk test) can chain them:

open_desk -> check_intake -> decide -> build_package -> demo_sheets_from_letters -> (merge, results,
公示: desk-b's pages) …
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)

SEAT_CODE_ON_LETTER = re.compile(r"席位编码\s*([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})")


def child(window: QWidget, cls, name: str):
    found = window.findChild(cls, name)
    assert found is not None, f"no {cls.__name__} named {name}"
    return found


def click(qtbot, window: QWidget, name: str) -> None:
    qtbot.mouseClick(child(window, QPushButton, name), Qt.MouseButton.LeftButton)


def open_desk(qtbot, db: Path | str, work_dir: Path, lang: str = "zh_CN"):
    """The desk over a (new or existing) store: a SQLite file or a SQLAlchemy URL."""
    from reviewer_app.gui.app import build_desk_window

    window = build_desk_window(str(db), lang=lang, work_dir=work_dir)
    qtbot.addWidget(window)
    window.show()
    return window


def show_page(window: QWidget, name: str) -> QWidget:
    pages = child(window, QTabWidget, "deskPages")
    for index in range(pages.count()):
        if pages.widget(index).objectName() == name:
            pages.setCurrentIndex(index)
            return pages.widget(index)
    raise AssertionError(f"no page {name}")


def table_rows(window: QWidget, name: str) -> list[list[str]]:
    view = child(window, QAbstractItemView, name)
    model = view.model()
    return [[str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def check_intake(qtbot, window: QWidget, folder: Path) -> str:
    """Open ``folder`` on the intake page; returns the summary line shown."""
    page = show_page(window, "intakePage")
    child(page, QLineEdit, "intakeFolderEdit").setText(str(folder))
    click(qtbot, page, "openIntakeButton")
    return child(page, QLabel, "intakeSummary").text()


def decide(qtbot, window: QWidget, project_id: str, outcome: str, reason: str,
           by: str) -> str:
    """Record a decision (outcome "pass" or "fail") on ``project_id``; returns the
    message shown."""
    page = show_page(window, "intakePage")
    view = child(page, QAbstractItemView, "intakeTable")
    rows = [r for r, cells in enumerate(table_rows(page, "intakeTable"))
            if cells[0] == project_id]
    assert rows, f"{project_id} is not in intakeTable"
    view.selectRow(rows[0])
    child(page, QComboBox, "decisionOutcome").setCurrentIndex(0 if outcome == "pass" else 1)
    child(page, QPlainTextEdit, "decisionReason").setPlainText(reason)
    child(page, QLineEdit, "decisionBy").setText(by)
    click(qtbot, page, "recordDecisionButton")
    return child(page, QLabel, "decisionMessage").text()


@dataclass(frozen=True)
class DeskBuild:
    package: Path
    passphrase: str
    letters: tuple[Path, ...]
    message: str


def build_package(qtbot, window: QWidget, intake: Path, out: Path, *, kind: str = "panel",
                  leave_out: tuple[str, ...] = (), deadline: str | None = None,
                  experts: dict[str, str] | None = None) -> DeskBuild:
    """Build a package on the packages page and read its passphrase off the dialog that
    shows it once (then close that dialog). ``experts`` renames a seat's expert (seat id
    -> name, as typed into seatsTable's expert column)."""
    page = show_page(window, "packagesPage")
    child(page, QLineEdit, "packageIntakeEdit").setText(str(intake))
    click(qtbot, page, "loadSeatsButton")
    child(page, QComboBox, "packageKind").setCurrentIndex(("panel", "inspection").index(kind))
    child(page, QLineEdit, "packageOutEdit").setText(str(out))
    if deadline:
        child(page, QCheckBox, "deadlineCheck").setChecked(True)
        child(page, QDateEdit, "deadlineEdit").setDate(QDate.fromString(deadline, "yyyy-MM-dd"))
    seats = child(page, QAbstractItemView, "seatsTable").model()
    for row in range(seats.rowCount()):
        seat_id = seats.index(row, 0).data()
        if seat_id in leave_out:
            seats.setData(seats.index(row, 0), Qt.CheckState.Unchecked.value,
                          Qt.ItemDataRole.CheckStateRole)
        if experts and seat_id in experts:
            seats.setData(seats.index(row, 1), experts[seat_id], Qt.ItemDataRole.EditRole)
    click(qtbot, page, "buildPackageButton")
    message = child(page, QLabel, "buildMessage").text()
    dialog = window.findChild(QDialog, "passphraseDialog")
    if dialog is None:
        return DeskBuild(out, "", (), message)
    field = child(dialog, QLineEdit, "passphraseShown")
    passphrase = field.text()
    dialog.accept()
    assert field.text() == ""  # dropped once the secretariat has noted it
    letters_dir = out.with_name(out.stem + "-通知函")
    return DeskBuild(out, passphrase, tuple(sorted(letters_dir.glob("*.pdf"))), message)


def letter_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(path).pages)


def seat_codes_from_letters(letters: tuple[Path, ...]) -> dict[str, str]:
    """seat id -> seat code as an expert reads them off the letters."""
    codes = {}
    for path in letters:
        text = letter_text(path)
        seat = re.search(r"席位号\s*(\S+)", text)
        code = SEAT_CODE_ON_LETTER.search(text)
        assert seat and code, f"{path.name}: no seat or seat code on the letter"
        codes[seat.group(1)] = code.group(1)
    return codes


def demo_sheets_from_letters(built: DeskBuild, out: Path, seed: int = 3) -> list[Path]:
    """The experts' side of a rehearsal for a package built at the desk: each seat's code
    read off its letter, the package opened with the passphrase the desk showed, and a
    signed sheet (and its PDF) written per seat into ``out`` — what the merge page takes."""
    from reviewer_app.central.demo_sheets import make_demo_sheets, write_demo_sheets
    from reviewer_app.package import open_package

    with open_package(built.package, trusted_keys=None, passphrase=built.passphrase) as reader:
        manifest, sha = reader.manifest, reader.manifest_sha256
    demo = make_demo_sheets(manifest, sha, seat_codes_from_letters(built.letters), seed=seed)
    return [p for p in write_demo_sheets(out, demo, manifest) if p.suffix == ".revsheet"]
