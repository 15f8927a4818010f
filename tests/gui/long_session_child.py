"""Child process of test_long_session: a real day's work in the real app, then a normal exit.

    python -m tests.gui.long_session_child PACKAGE FINGERPRINT OUT_DIR ROUNDS [--no-pin]

Starts the application through ``reviewer_app.cli.app.main`` on a real package (its
organizer trusted beforehand, as after a first unlock), and drives it through objectNames
while ``app.exec()`` runs: unlock; then ROUNDS times through every project: scores typed
as an expert types them (an IME's ``2。5``, full-width ``１２``, a refused ``-3``), long
Chinese comments committed by an input method, the wheel over the rubric, every material,
search at 150 % and 200 %, a mouse drag selecting text and its copy, window resizes, and
an idle lock with unlock (the workspace must stay held meanwhile); then finalize, sign and
export, print to a PDF file, and close the window. ``main`` returns and the process exits
as the installed app does; the parent looks at the exit status and at what was written.

Prints ``STEP <name>`` as it goes, ``STATS <json>`` and ``DONE`` at the end, or
``FAILED <reason>`` (then exit status 3). ``--no-pin`` skips the PySide6 6.12 workaround
(the control: such a session must then abort on a leaking PySide6).
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

Condition = Callable[[], bool]

COMMENT = ("该项目以多模态大模型完成质检图像的缺陷识别，已在三条产线连续运行半年，"
           "漏检率由百分之三降至百分之零点四，人工复检工作量减少约六成；"
           "方案对同类制造企业具有较好的推广价值，但数据标注成本与算力租用费用仍偏高，"
           "建议在实施阶段补充成本效益测算与数据安全管理制度。")


class Counts:
    """What the driver did, by kind (each is at least one Python-side emit in the app)."""

    def __init__(self) -> None:
        self.keys = self.ime_commits = self.mouse_moves = self.wheels = 0
        self.projects = self.materials = self.searches = self.locks = 0


def main() -> int:
    package, fingerprint, out_dir, rounds = sys.argv[1], sys.argv[2], Path(sys.argv[3]), \
        int(sys.argv[4])
    import keyring

    from tests.helpers.keyring_memory import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # never the real keyring of whoever runs the tests
    if "--no-pin" in sys.argv:
        import reviewer_app.gui.app as gui_app

        gui_app.keep_singletons_alive = lambda: ()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reviewer_app.cli.app import main as app_main
    from reviewer_app.gui.app import create_app
    from reviewer_app.gui.settings import Preferences

    app = create_app()
    Preferences().trust_organizer(fingerprint)
    counts = Counts()
    state: dict[str, object] = {"steps": None, "waiting": None, "busy": False}

    def fail(reason: str) -> None:
        print(f"FAILED {reason}", flush=True)
        state["steps"] = None
        app.exit(3)

    def tick() -> None:
        if state["busy"] or state["steps"] is None:
            return
        waiting = state["waiting"]
        if waiting is not None:
            condition, deadline, what = waiting
            if not condition():
                if time.monotonic() > deadline:
                    fail(f"timed out waiting for {what}")
                return
        state["busy"] = True
        try:
            state["waiting"] = next(state["steps"])
        except StopIteration:
            state["steps"] = None
        except Exception:
            fail(json.dumps(traceback.format_exc()))
        finally:
            state["busy"] = False

    def start() -> None:
        window = next(w for w in QApplication.topLevelWidgets()
                      if w.objectName() == "mainWindow")
        state["steps"] = session(app, window, out_dir, rounds, counts)
        driver = QTimer(app)
        driver.timeout.connect(tick)
        driver.start(1)

    QTimer.singleShot(0, start)
    status = app_main([package, "--lang", "zh_CN"])
    if state["steps"] is not None:
        print("FAILED the window closed before the session ended", flush=True)
        return 3
    print(f"STATS {json.dumps(vars(counts))}", flush=True)
    return status


def wait(condition: Condition, what: str, seconds: float = 20.0):
    """What a step yields: the driver resumes it once ``condition`` holds."""
    return condition, time.monotonic() + seconds, what


def session(app, window, out_dir: Path, rounds: int, counts: Counts) -> Iterator:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QPushButton

    from reviewer_app.gui.widgets.materials import MEMBER_ROLE
    from tests.gui.fakes import PASSPHRASE, SEAT_CODE, SEAT_ID

    def action(name: str) -> QAction:
        found = window.findChild(QAction, name)
        assert found is not None, name
        return found

    def unlock(dialog, *, seat: bool) -> Iterator:
        fields = [("passphraseEdit", PASSPHRASE)]
        if seat:
            fields += [("seatIdEdit", SEAT_ID), ("seatCodeEdit", SEAT_CODE)]
        for name, text in fields:
            edit = dialog.findChild(QLineEdit, name)
            edit.clear()
            type_keys(edit, text, counts)
        dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Ok).click()
        if seat:  # the first opening: the 承诺书 comes before any material (format 4)
            yield wait(lambda: commitment_dialog() is not None, "the commitment dialog")
            commitment_dialog().findChild(QPushButton, "acceptCommitmentButton").click()
        yield wait(lambda: window.session is not None, "the session after unlock")

    def commitment_dialog():
        return next((w for w in QApplication.topLevelWidgets()
                     if w.objectName() == "commitmentDialog" and w.isVisible()), None)

    print("STEP unlock", flush=True)
    yield wait(lambda: window.unlock_dialog is not None and window.unlock_dialog.isVisible(),
               "the unlock dialog")
    yield from unlock(window.unlock_dialog, seat=True)
    yield wait(lambda: window.viewer.is_pdf() and window.viewer.pdf_view.has_page(),
               "the first page")

    viewer = window.viewer
    rubric = window.session.rubric
    cids = rubric.criterion_ids
    sizes = [(1366, 728), (1024, 700), (1920, 1040)]
    for round_ in range(rounds):
        print(f"STEP round {round_ + 1}", flush=True)
        for index, _project in enumerate(window.session.projects):
            while window.project_list.currentIndex().row() != index:  # Ctrl+PgUp / PgDn
                action("nextProjectAction" if window.project_list.currentIndex().row() < index
                       else "previousProjectAction").trigger()
            counts.projects += 1
            pid = window.current_project_id()
            first = window.material_model.material_indexes()[0].data(MEMBER_ROLE)
            yield wait(lambda m=first: viewer.member_id == m and viewer._view() is not None
                       and viewer._view().has_page(), f"{pid}'s first material")
            for number, cid in enumerate(cids):
                score = window.findChild(QLineEdit, f"scoreInput.{cid}")
                yield from type_score_variants(window, score, cid, number + round_, counts)
                comment = window.findChild(QPlainTextEdit, f"comment.{cid}")
                comment.clear()
                for start in range(0, len(COMMENT), 3):  # an IME commits a few characters
                    commit(comment, COMMENT[start:start + 3], counts)
                assert comment.toPlainText() == COMMENT
            combo = window.findChild(QComboBox, "recommendationCombo")
            chosen = combo.currentIndex()
            window.rubric_panel.ensureWidgetVisible(combo)
            for _ in range(6):
                wheel(combo, counts)
                wheel(window.rubric_panel.viewport(), counts)
            assert combo.currentIndex() == chosen, "the wheel chose a recommendation"
            yield from read_materials(window, counts)
            window.resize(*sizes[(round_ + index) % len(sizes)])
        yield from lock_and_unlock(window, counts, unlock)

    print("STEP finalize", flush=True)
    for pid in [p["project_id"] for p in window.session.projects]:
        assert window.session.status(pid).value == "complete", pid
    sheets = window.sheet_controller
    stick = out_dir / "stick"
    stick.mkdir(parents=True, exist_ok=True)
    sheets.inform = lambda title, text: None
    sheets.confirm = lambda title, text: True
    sheets.choose_folder = lambda title: stick
    sheets.ask_text = lambda title, label, default: default
    # Modal work runs from the event loop, not inside a step (its nested loop ticks us).
    QTimer.singleShot(0, action("finalizeAction").trigger)
    yield wait(lambda: sheets.finalize_dialog is not None
               and sheets.finalize_dialog.isVisible(), "the finalize dialog")
    dialog = sheets.finalize_dialog
    assert dialog.pages.currentIndex() == 1, "finalize found something missing"
    if dialog.conflicts_check.isVisible():  # the bundled program's packages ask (format 4)
        dialog.conflicts_check.setChecked(True)
    QTimer.singleShot(0, dialog.sign_button.click)
    yield wait(lambda: sheets.last_paths is not None, "the exported sheet", 60)

    print("STEP print", flush=True)
    printed = out_dir / "printed.pdf"
    window.sheet_printer.choose_printer = lambda: pdf_printer(printed)
    QTimer.singleShot(0, action("printAction").trigger)
    yield wait(lambda: printed.exists() and printed.stat().st_size > 1000, "the print", 60)

    print("DONE", flush=True)
    window.close()


def type_keys(widget, text: str, counts: Counts) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClicks(widget, text)
    counts.keys += len(text)


def commit(widget, text: str, counts: Counts) -> None:
    """An input method's commit, as a Chinese IME sends it (QTest types Latin-1 only)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
    counts.ime_commits += 1


def type_score_variants(window, score, cid: str, turn: int, counts: Counts) -> Iterator:
    """The forms a Chinese expert types; ends with a valid mid-band score."""
    store = window.session.store

    def saved() -> str | None:
        window.autosave.flush()
        state = store.load().get(window.current_project_id())
        return None if state is None else state.scores.get(cid)

    score.setFocus()
    score.clear()
    type_keys(score, "2", counts)
    commit(score, "。", counts)
    type_keys(score, "5", counts)
    assert score.text() == "2。5"
    if turn % 4 == 0:  # reading the store back costs a commit: not for every field
        yield wait(lambda: saved() == "2.5", "2。5 saved as 2.5")
    score.clear()
    type_keys(score, "-3", counts)
    assert score.text() == "-3", "a typed value was changed"
    editor = window.rubric_panel.editors[cid]
    assert editor.error_label.isVisibleTo(window), "-3 was not refused visibly"
    score.clear()
    commit(score, "１２", counts)
    if turn % 4 == 1:
        yield wait(lambda: saved() == "12", "１２ saved as 12")
    score.clear()
    type_keys(score, str(10 + turn % 6), counts)


def wheel(widget, counts: Counts) -> None:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(widget.rect().center())
    QApplication.sendEvent(widget, QWheelEvent(
        centre, QPointF(widget.mapToGlobal(QPoint(0, 0))) + centre, QPoint(0, 0),
        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False))
    counts.wheels += 1


def read_materials(window, counts: Counts) -> Iterator:
    """Every material of the project; in each PDF a search at 150 % and 200 % and a drag."""
    from PySide6.QtGui import QAction

    viewer = window.viewer
    view = viewer.pdf_view
    materials = len(window.material_model.material_indexes())
    for step in range(materials):
        if step:
            member = viewer.member_id
            window.findChild(QAction, "nextMaterialAction").trigger()
            yield wait(lambda m=member: viewer.member_id != m and viewer._view() is not None
                       and viewer._view().has_page(), "the next material")
        counts.materials += 1
        if not viewer.is_pdf():
            continue
        for zoom in (1.5, 2.0):
            viewer.set_zoom(zoom)
            viewer.search_edit.setText("")
            viewer.search_edit.setText("zqx")
            yield wait(lambda: viewer.hit_count() > 0 and not viewer._search_busy
                       and not viewer._search_timer.isActive(),
                       f"search hits at {zoom}")
            viewer.next_hit()
            counts.searches += 1
            yield wait(lambda: view._pixmap_key == view._wanted() and not view._render_pending,
                       f"the hit's page rendered at {zoom}")
        viewer.set_zoom("fit_width")
        yield wait(lambda: view._pixmap_key == view._wanted() and not view._render_pending,
                   "the page at fit width")
        yield from drag_select(window, counts)


def drag_select(window, counts: Counts) -> Iterator:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QAction, QMouseEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    view = window.viewer.pdf_view
    port = view.viewport()
    rect = view.page_geometry()
    start = QPoint(rect.left() + 5, rect.top() + 5)
    end = QPoint(rect.right() - 5, rect.top() + int(rect.height() * 0.14))
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 41):  # a person's drag: many small moves with the button held
        point = start + (end - start) * (step / 40)
        QApplication.sendEvent(port, QMouseEvent(
            QMouseEvent.Type.MouseMove, QPointF(point), QPointF(port.mapToGlobal(point)),
            Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier))
        counts.mouse_moves += 1
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    yield wait(lambda: "ZQX" in view.selected_text(), "the dragged selection")
    window.findChild(QAction, "copyTextAction").trigger()


def lock_and_unlock(window, counts: Counts, unlock) -> Iterator:
    from PySide6.QtGui import QAction

    from reviewer_app.gui.expert.session_lock import WorkspaceInUse, WorkspaceLock
    from reviewer_app.gui.settings import workspace_path

    workspace = workspace_path(window.session.package.package_id, window.session.seat_id)
    window.findChild(QAction, "lockAction").trigger()
    counts.locks += 1
    assert window.session is None and window.pages.currentWidget() is window.locked_page
    second = WorkspaceLock(workspace)  # what a second copy of the app would try
    try:
        second.acquire()
    except WorkspaceInUse:
        pass
    else:
        second.release()
        raise AssertionError("the locked window let its workspace go")
    dialog = window.unlock()
    yield from unlock(dialog, seat=False)


def pdf_printer(path: Path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


if __name__ == "__main__":
    sys.exit(main())
