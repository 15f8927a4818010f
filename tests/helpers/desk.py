"""Steps of a round taken at the secretariat's desk, through objectNames only, so that
page tests and the whole-round desk test can chain them:

open_desk -> check_intake -> decide -> build_package -> demo_sheets_from_letters (intake and
packages pages); :func:`demo_round` prepares what the experts hand back (a demo intake, a
package built by ``reviewer-admin build``, sheets by ``reviewer-admin demo-sheets``) and the
``*_at_desk`` functions drive the merge, results and 公示 pages as a user would: dialogs are
answered by filling their fields and pressing OK, files are dropped on the drop area.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
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


PASSPHRASE = "排练 passphrase 2026"
ORGANIZER_PASSPHRASE = "organizer secret: fjord-wren-basalt-19"


@dataclass(frozen=True)
class DemoRound:
    root: Path
    data_dir: Path        # REVIEWER_APP_DATA_DIR: the organizer key file is here
    package: Path
    codes: Path
    sheets: Path          # the demo sheets (one seat has a revision 2)
    projects: int
    seats: int


@contextlib.contextmanager
def secretariat_env(data_dir: Path) -> Iterator[None]:
    """A headless secretariat machine: no system keyring, user data in ``data_dir``."""
    import keyring
    import keyring.backends.fail

    from reviewer_app.paths import DATA_DIR_ENV

    previous_ring, previous_dir = keyring.get_keyring(), os.environ.get(DATA_DIR_ENV)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    os.environ[DATA_DIR_ENV] = str(data_dir)
    try:
        yield
    finally:
        keyring.set_keyring(previous_ring)
        if previous_dir is None:
            os.environ.pop(DATA_DIR_ENV, None)
        else:
            os.environ[DATA_DIR_ENV] = previous_dir


def demo_round(root: Path, *, projects: int = 10, seats: int = 6, seed: int = 3) -> DemoRound:
    """Intake, package and the experts' sheets, made by ``reviewer-admin`` headless."""
    from reviewer_app.central.demo_intake import generate_demo_intake
    from reviewer_app.cli.admin import main as admin

    data_dir = root / "data"
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (("pass.txt", PASSPHRASE), ("org.txt", ORGANIZER_PASSPHRASE)):
        (root / name).write_text(text + "\n", encoding="utf-8")
        (root / name).chmod(0o600)
    package, codes, sheets = root / "panel.revpkg", root / "codes.csv", root / "sheets"
    with secretariat_env(data_dir):
        generate_demo_intake(root / "intake", projects=projects, seats=seats, seed=seed)
        assert admin(["build", str(root / "intake"), "--out", str(package),
                      "--passphrase-file", str(root / "pass.txt"), "--allow-weak-passphrase",
                      "--seat-codes-out", str(codes),
                      "--organizer-passphrase-file", str(root / "org.txt")]) == 0
        assert admin(["demo-sheets", str(package), "--passphrase-file",
                      str(root / "pass.txt"), "--seat-codes", str(codes), "--out",
                      str(sheets), "--organizer-passphrase-file",
                      str(root / "org.txt")]) == 0
    return DemoRound(root, data_dir, package, codes, sheets, projects, seats)


# --- driving widgets ---------------------------------------------------------------

def find(parent: QWidget, cls: type, name: str):
    widget = parent.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def table_texts(view: QTableView) -> list[list[str]]:
    """What a table view shows, row by row (after sorting and filtering)."""
    model = view.model()
    return [[str(model.index(r, c).data() or "") for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def column(view: QTableView, header: str) -> list[str]:
    model = view.model()
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    index = names.index(header)
    return [row[index] for row in table_texts(view)]


def answer_dialogs(answers: dict[str, str]) -> QTimer:
    """Answer each dialog holding a line edit named as a key of ``answers`` (the
    passphrase dialogs): type the value, press OK. Returns the polling timer."""
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if not isinstance(widget, QDialog) or not widget.isVisible():
                continue
            for name, value in answers.items():
                edit = widget.findChild(QLineEdit, name)
                if edit is not None:
                    edit.setText(value)
                    widget.findChild(QDialogButtonBox, "buttonBox").button(
                        QDialogButtonBox.StandardButton.Ok).click()
                    return

    timer.timeout.connect(poll)
    timer.start()
    return timer


def drop_paths(target: QWidget, paths: list[Path]) -> None:
    """Drop local files and folders on ``target`` as a file manager would (the same
    QDropEvent with file URLs)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    center = QPointF(QPoint(target.width() // 2, target.height() // 2))
    event = QDropEvent(center, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    # QApplication routes drag-and-drop events only during a platform drag, which the
    # offscreen platform has none of: the drop handler gets the real event directly.
    target.dropEvent(event)


def register_package_at_desk(monkeypatch, page: QWidget, demo: DemoRound | None = None, *,
                             package: Path | None = None, passphrase: str | None = None,
                             organizer_passphrase: str | None = None) -> None:
    """The merge page's 登记评审包: choose the package, type its passphrase (and the
    organizer key's, asked where there is no keyring). Give ``demo``, or the package
    and passphrases of a round built otherwise (the desk's packages page)."""
    from PySide6.QtGui import QAction

    if demo is not None:
        package = package or demo.package
        passphrase = passphrase or PASSPHRASE
        organizer_passphrase = organizer_passphrase or ORGANIZER_PASSPHRASE
    assert package is not None and passphrase is not None
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(package), "")))
    answers = {"packagePassphraseEdit": passphrase}
    if organizer_passphrase is not None:
        answers["organizerPassphraseEdit"] = organizer_passphrase
    timer = answer_dialogs(answers)
    try:
        find(page, QAction, "registerPackageAction").trigger()
    finally:
        timer.stop()


def merge_at_desk(page: QWidget, paths: list[Path]) -> list[list[str]]:
    """Drop ``paths`` on the merge page; the verdict table's rows after the merge."""
    drop_paths(find(page, QWidget, "sheetDropArea"), paths)
    return table_texts(find(page, QTableView, "sheetVerdictTable"))


def choose_folder(monkeypatch, folder: Path) -> None:
    """The next folder dialogs answer ``folder``."""
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(folder)))


def merge_round_at_desk(qtbot, monkeypatch, context, demo: DemoRound) -> QWidget:
    """Register the demo package and drop its sheets on a merge page; the page."""
    from reviewer_app.gui.desk.merge_page import MergePage

    page = MergePage(context)
    qtbot.addWidget(page)
    register_package_at_desk(monkeypatch, page, demo)
    merge_at_desk(page, [demo.sheets])
    return page


def desk_page(qtbot, page_class: type, context) -> QWidget:
    """A desk page of ``page_class`` over ``context``, closed with the test."""
    page = page_class(context)
    qtbot.addWidget(page)
    return page


def shown_results(qtbot, page: QWidget) -> list[list[str]]:
    """Wait until the results page has computed; the table's rows."""
    qtbot.waitUntil(lambda: page.results is not None or page._problem is not None,
                    timeout=30000)
    return table_texts(find(page, QTableView, "resultsTable"))


def decide_pending(engine, by: str = "李审核") -> list[str]:
    """Settle every 需复核 project as passed (the intake page's step, done with the
    same central function here); the project ids."""
    from reviewer_app.central.decisions import known_statuses, record_decisions
    from reviewer_app.central.results import compute_results

    pending = [r.project_id for r in compute_results(engine).pending]
    if pending:
        record_decisions(engine, [(pid, "pass", "经核实符合条件", by) for pid in pending],
                         statuses=known_statuses(engine, {}))
    return pending


def export_results_at_desk(monkeypatch, page: QWidget, folder: Path) -> None:
    """The results page's 导出: choose ``folder``, write the results files."""
    from PySide6.QtWidgets import QPushButton

    choose_folder(monkeypatch, folder)
    find(page, QPushButton, "exportResultsButton").click()


def start_publicity_at_desk(monkeypatch, page: QWidget, folder: Path, start) -> str:
    """The 公示 page: pick the first day, start, write the notice into ``folder``;
    the page's message."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton

    choose_folder(monkeypatch, folder)
    find(page, QDateEdit, "publicityStartDate").setDate(QDate(start.year, start.month,
                                                              start.day))
    find(page, QPushButton, "startPublicityButton").click()
    return find(page, QLabel, "publicityMessage").text()


def record_objection_at_desk(page: QWidget, project_id: str, text: str, received) -> str:
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QPlainTextEdit, QPushButton

    find(page, QComboBox, "objectionProjectCombo").setCurrentText(project_id)
    find(page, QPlainTextEdit, "objectionTextEdit").setPlainText(text)
    find(page, QDateEdit, "objectionReceivedDate").setDate(
        QDate(received.year, received.month, received.day))
    find(page, QPushButton, "addObjectionButton").click()
    return find(page, QLabel, "publicityMessage").text()


def decide_objection_at_desk(page: QWidget, row: int, outcome: str, reason: str,
                             by: str) -> str:
    """Select the objection in ``row`` of objectionsTable and record its outcome
    (``upheld`` or ``dismissed``); the page's message."""
    from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

    if row >= 0:
        find(page, QTableView, "objectionsTable").selectRow(row)
    combo = find(page, QComboBox, "objectionOutcomeCombo")
    combo.setCurrentIndex(combo.findData(outcome))
    find(page, QLineEdit, "objectionReasonEdit").setText(reason)
    find(page, QLineEdit, "objectionByEdit").setText(by)
    find(page, QPushButton, "decideObjectionButton").click()
    return find(page, QLabel, "publicityMessage").text()


def write_plan_at_desk(monkeypatch, page: QWidget, folder: Path) -> str:
    from PySide6.QtWidgets import QLabel, QPushButton

    choose_folder(monkeypatch, folder)
    find(page, QPushButton, "finalPlanButton").click()
    return find(page, QLabel, "publicityMessage").text()


@contextlib.contextmanager
def cancel_once(started) -> Iterator:
    """Press Cancel on the progress dialog as soon as ``started`` (a threading.Event
    the long task sets) is set; yields the Event set once Cancel was pressed."""
    import threading

    from PySide6.QtWidgets import QProgressDialog, QPushButton

    pressed = threading.Event()
    timer = QTimer()

    def press() -> None:
        # Only a shown one: an earlier task's closed dialog may linger until collected.
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QProgressDialog) and w.objectName() == "progressDialog"
                   and w.isVisible()]
        if started.is_set() and dialogs:
            dialogs[0].findChild(QPushButton).click()
            pressed.set()
            timer.stop()

    timer.timeout.connect(press)
    timer.start(10)
    try:
        yield pressed
    finally:
        timer.stop()


def fresh_results(qtbot, page: QWidget) -> list[list[str]]:
    """Wait until the results page has no computation under way (a change of the
    store starts one) and shows results or a problem; the table's rows."""
    qtbot.waitUntil(lambda: page._pending is None
                    and (page.results is not None or page._problem is not None),
                    timeout=30000)
    return table_texts(find(page, QTableView, "resultsTable"))


def overview_steps(window: QWidget) -> dict[str, str]:
    """The overview page's steps of the round: step -> state, as shown."""
    return dict(tuple(row) for row in table_rows(show_page(window, "overviewPage"),
                                                 "overviewSteps"))
