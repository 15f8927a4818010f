"""Start-up stays light (issue 4): the welcome page shows before the workspace exists.

The workspace page (QtPdf viewer, rubric panel, project list, materials) and the review
domain load on unlock; ``bench/bench_gui.py`` measures the time, this test guards what
is imported. A fresh interpreter: the test session has imported everything already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import gc, json, sys
from reviewer_app.gui.app import _has_cjk_family, build_window
from PySide6.QtWidgets import QApplication
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
app = QApplication(sys.argv[:1])  # build_window uses it; asked first: a system CJK font?
system_cjk_font = _has_cjk_family()
window = build_window()
window.show()
QApplication.processEvents()
# PySide6 adds a class to its module the first time it is used (building its enums).
built = {name for module in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets)
         for name in vars(module)}
print(json.dumps({"modules": sorted(sys.modules), "workspace": window._workspace_built,
                  "qt_namespace": "Qt" in vars(PySide6.QtCore),
                  "classes": sorted(built & {"QEvent", "QFont", "QProgressDialog"}),
                  "cjk_font": system_cjk_font,
                  "frozen": gc.get_freeze_count(),
                  "page": window.pages.currentWidget().objectName(),
                  "shortcut": window.lock_action.shortcut().toString()}))
"""
NOT_AT_START = ("PySide6.QtPdf", "PySide6.QtPdfWidgets", "reviewer_app.core.rubric",
                "reviewer_app.gui.expert.session", "reviewer_app.gui.widgets.viewer",
                "reviewer_app.gui.expert.rubric_panel", "reviewer_app.gui.expert.project_list",
                "reviewer_app.gui.expert.unlock", "reviewer_app.gui.expert.inspection_panel",
                "reviewer_app.gui.expert.inspection_controller",
                "reviewer_app.gui.expert.finalize_dialog", "reviewer_app.package", "sqlalchemy",
                "reviewer_app.gui.expert.sheet_actions", "reviewer_app.gui.expert.sheet_print",
                "keyring", "platformdirs", "hashlib")


def test_start_up_shows_the_welcome_page_without_the_workspace(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "REVIEWER_APP_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, text=True,
                         capture_output=True, timeout=120, check=True)
    state = json.loads(out.stdout.strip().splitlines()[-1])
    loaded = [m for m in NOT_AT_START if m in state["modules"]]
    assert loaded == [], f"imported at start-up: {loaded}"
    assert state["workspace"] is False and state["page"] == "welcomePage"
    assert state["qt_namespace"] is False, "PySide6's Qt enum namespace costs ~12 ms"
    # QEvent and its ~60 subclasses are built when the first event reaches Python (the
    # main window has no Python changeEvent: i18n.LanguageWatcher); QFont only without a
    # CJK font; the progress dialog when work needs one. Issue 12.
    expected = [] if state["cjk_font"] else ["QFont"]  # the bundled font is added then
    assert state["classes"] == expected, f"built at start-up: {state['classes']}"
    assert state["frozen"] > 10_000, "the imports are not taken out of the collector's walks"
    assert state["shortcut"] == "Ctrl+L"


def test_workspace_is_built_on_first_use(window):
    assert not window._workspace_built
    assert window.findChild(object, "pdfView") is None
    assert window.viewer is not None  # any workspace attribute builds it
    assert window._workspace_built and window.findChild(object, "pdfView") is not None
    assert window.pages.indexOf(window.workspace) >= 0
    assert window.page_down_action in window.viewer.actions()


def test_main_window_follows_a_language_change_it_did_not_make(window):
    """The main window hears LanguageChange through its LanguageWatcher child: a language
    applied elsewhere (here the Translations object itself) retitles it all the same."""
    window.translations.apply("en")
    assert window.windowTitle() == "Expert Review Desk"
    window.translations.apply("zh_CN")
    assert window.windowTitle() == "专家评审工作台"
