"""The desk's window: its pages in the order of the round, Chinese by default with
English available, ``reviewer-app --desk --db FILE`` from a fresh store, and the
start page's way in."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QTabWidget
from sqlalchemy import inspect

from reviewer_app.storage.engines import central_engine
from tests.helpers.desk import child

REPO = Path(__file__).resolve().parents[3]


def _titles(window) -> list[str]:
    pages = child(window, QTabWidget, "deskPages")
    return [pages.tabText(i) for i in range(pages.count())]


def test_the_pages_follow_the_round_in_chinese_then_english(desk) -> None:
    window = desk()
    pages = child(window, QTabWidget, "deskPages")
    assert [pages.widget(i).objectName() for i in range(pages.count())] == [
        "overviewPage", "intakePage", "packagesPage", "mergePage", "resultsPage",
        "publicityPage"]
    assert _titles(window) == ["本轮概览", "受理", "评审包", "合并评分表", "评审结果",
                               "公示与资助计划"]
    assert window.windowTitle().startswith("秘书处工作台")
    window.findChild(type(window.language_actions["en"]), "deskLanguage_en").trigger()
    assert _titles(window) == ["Round overview", "Intake", "Packages", "Merge sheets",
                               "Results", "公示 and award plan"]
    assert pages.accessibleName() == "Steps of the round"


def test_a_fresh_store_shows_an_empty_round(desk, tmp_path: Path) -> None:
    from tests.helpers.desk import table_rows

    window = desk()
    steps = dict(tuple(row) for row in table_rows(window, "overviewSteps"))
    assert steps["已生成评审包"] == "尚未进行" and steps["资助计划"] == "尚未进行"
    assert table_rows(window, "overviewPackages") == []


def test_the_desk_hides_a_store_password_in_its_title() -> None:
    from reviewer_app.gui.desk.window import shown_store

    shown = shown_store("postgresql+psycopg://reviewer:s3cret@db.example/reviewer")
    assert "s3cret" not in shown and "db.example" in shown
    assert shown_store("/srv/central.sqlite") == "/srv/central.sqlite"


def test_reviewer_app_desk_starts_offscreen_on_a_fresh_store(tmp_path: Path) -> None:
    db = tmp_path / "fresh.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO),
           "REVIEWER_APP_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen([sys.executable, "-m", "reviewer_app.cli.app", "--desk",
                                "--db", str(db)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            if db.exists():
                engine = central_engine(str(db))
                try:
                    if "alembic_version" in inspect(engine).get_table_names():
                        break
                finally:
                    engine.dispose()
            time.sleep(0.2)
        time.sleep(1.0)  # the window is up and its event loop runs
        assert process.poll() is None, process.communicate()[1].decode()
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert b"Traceback" not in err
    assert db.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("argv", [["--db", "x.sqlite"], ["--desk", "--demo"]])
def test_desk_options_are_checked(argv: list[str], capsys) -> None:
    from reviewer_app.cli.app import main

    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "--desk" in capsys.readouterr().err


def test_the_start_page_opens_the_desk(qtbot, make_window, opener, data_dir: Path) -> None:
    window = make_window(opener)
    button = window.findChild(QPushButton, "deskButton")
    assert button.text() == "秘书处工作台"
    button.click()
    desk_window = window.desk_window
    qtbot.addWidget(desk_window)
    assert desk_window.isVisible()
    assert (data_dir / "central.sqlite").exists()
    desk_window.close()
    desk_window.context.engine.dispose()


def test_a_store_that_cannot_be_opened_is_said_and_exits_1(qapp, tmp_path: Path,
                                                            capsys) -> None:
    from PySide6.QtCore import QCoreApplication

    from reviewer_app.cli.app import main

    assert main(["--desk", "--db", "nosuchdatabase://somewhere/store"]) == 1
    assert "cannot open the central store" in capsys.readouterr().err
    # Nothing of the failed start stays behind (a translator would change later windows).
    assert QCoreApplication.translate("IntakePage", "Intake") == "Intake"


def test_the_overview_lists_the_steps_in_the_order_of_the_round(desk) -> None:
    from tests.helpers.desk import table_rows

    window = desk()
    assert [row[0] for row in table_rows(window, "overviewSteps")] == [
        "形式审查", "待复核决定", "已生成评审包", "已收评分表", "评审结果", "公示", "资助计划"]
