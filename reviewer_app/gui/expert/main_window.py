"""The expert's main window: projects | materials and viewer | rubric (docs/architecture.md §7).

The window is put together from one mixin per concern, each in its own module:
:mod:`window_actions` (actions, menus, toolbar), :mod:`welcome_page`, :mod:`workspace_page`
(and the locked page), :mod:`materials_pane` (projects, materials, what the viewer shows),
:mod:`review_edits` (autosave and evidence), :mod:`save_indicator` (status bar) and
:mod:`session_control` (open, unlock, lock, close). This module holds the state they
share, the language, the sheet hooks and the window's own events.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

# Not ``Qt`` at module level: PySide6 builds that enum namespace on first use (~12 ms),
# and the welcome page does not need it. Methods that do import it locally.
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from reviewer_app.gui import window_state
from reviewer_app.gui.expert.conflict_gate import ConflictGate
from reviewer_app.gui.expert.idle_lock import IdleWatcher
from reviewer_app.gui.expert.materials_pane import MaterialsPane
from reviewer_app.gui.expert.review_edits import ReviewEdits
from reviewer_app.gui.expert.save_indicator import SaveIndicator
from reviewer_app.gui.expert.session_control import SessionControl
from reviewer_app.gui.expert.welcome_page import WelcomePage
from reviewer_app.gui.expert.window_actions import WindowActions
from reviewer_app.gui.expert.workspace_page import WorkspacePage
from reviewer_app.gui.i18n import LanguageWatcher, Translations
from reviewer_app.gui.settings import Preferences
from reviewer_app.gui.widgets.workers import Worker

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    # Start-up shows the welcome page only: the workspace page (viewer, rubric
    # panel, project list, materials; reviewer_app.core) and the unlock dialog are
    # imported and built on first use (_build_workspace, open_path). Issue 4.
    from reviewer_app.gui.expert.autosave import AutosaveManager
    from reviewer_app.gui.expert.session import Opener, ReviewSession
    from reviewer_app.gui.expert.session_lock import WorkspaceLock
    from reviewer_app.gui.expert.unlock import Prefill, UnlockDialog

PACKAGE_SUFFIX = ".revpkg"
# Attributes that exist once the sheet controller is built (see MainWindow.__getattr__):
# signing, exporting, printing and the expert's key, imported on first use (start-up).
SHEET_ATTRIBUTES = frozenset({"sheet_controller", "sheet_printer"})
# Attributes that exist once the workspace page is built (see MainWindow.__getattr__).
WORKSPACE_ATTRIBUTES = frozenset({
    "project_model", "project_filter", "material_model", "cache", "workspace",
    "progress_label", "project_search", "status_filter", "project_list", "materials_label",
    "material_list", "viewer", "attach_button", "attach_menu", "project_header", "tabs",
    "rubric_panel", "project_info", "inspection", "locked_page", "locked_label",
    "unlock_button"})


class MainWindow(SessionControl, MaterialsPane, ReviewEdits, WorkspacePage,
                 WelcomePage, WindowActions, SaveIndicator, ConflictGate, QMainWindow):
    """Owns the session while a package is unlocked; drops it on lock and close."""

    sessionChanged = Signal()
    materialShown = Signal(int)   # member id, once it is on screen

    def __init__(self, opener: Opener, prefs: Preferences, translations: Translations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.opener = opener
        self.prefs = prefs
        self.translations = translations
        self.session: ReviewSession | None = None
        self.autosave: AutosaveManager | None = None
        self.package_path: Path | None = None
        self.locked_as: Prefill | None = None
        # The workspace lock kept through the idle lock (session_control.lock).
        self._held_lock: WorkspaceLock | None = None
        self._locked_place: tuple[str | None, int, int] = (None, -1, 0)
        self._demo_prefill: Prefill | None = None
        self._pending_member = -1
        self._pending_page = 0
        self._material_token = 0
        self.unlock_dialog: UnlockDialog | None = None
        self.hint_dialog = None  # the open ConflictHintDialog (conflict_gate)
        self.worker = Worker(self)
        self._render_client = None
        self.idle = IdleWatcher(prefs.idle_minutes() * 60_000, self)
        self.idle.idle.connect(self.lock)
        # Not the Retranslating mixin: see LanguageWatcher (start-up, issue 12).
        self._language_watcher = LanguageWatcher(self, self.retranslate)

        self.setAcceptDrops(True)
        window_state.place(self, prefs)  # fits the screen; restores the last geometry
        self._build_pages()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.retranslate()
        self._update_actions()

    # Before the workspace page exists (start-up), reading one of its widgets builds it.
    _workspace_built = False

    def __getattr__(self, name: str) -> Any:
        if name in WORKSPACE_ATTRIBUTES and not self._workspace_built:
            self._build_workspace()
            return getattr(self, name)
        if name in SHEET_ATTRIBUTES and "sheet_controller" not in self.__dict__:
            from reviewer_app.gui.expert import sheet_actions

            sheet_actions.install(self)  # sets both attributes
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # --- construction -----------------------------------------------------------
    def _build_workspace(self) -> None:
        """Build the workspace page: on unlock, not at start-up (it imports QtPdf and the
        review domain, and is three quarters of the window's widgets)."""
        if self._workspace_built:
            return
        self._workspace_built = True
        from reviewer_app.gui.widgets.materials import MaterialCache

        self.cache = MaterialCache()
        self._build_models()
        self._build_workspace_page()
        self._build_locked_page()  # the idle lock only hides an open workspace
        from PySide6.QtCore import Qt

        for action in (self.page_down_action, self.page_up_action):
            # Only while the viewer has the focus: text fields keep their own PgUp/PgDn.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.viewer.addAction(action)
        self._retranslate_workspace()
        from reviewer_app.gui.expert import inspection_controller

        # The on-site inspection tab, shown for inspection packages only.
        self.inspection = inspection_controller.install(self)

    # --- language ------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Switch language now (no restart) and remember it."""
        self.translations.apply(lang)
        self.prefs.set_language(lang)
        english = self.translations.english
        if self._workspace_built:
            self.rubric_panel.set_english(english)
            self.project_info.set_english(english)
            self.material_model.set_english(english)
        self.language_actions[lang].setChecked(True)

    def retranslate(self) -> None:
        self.setWindowTitle(self._title())
        self._retranslate_welcome()
        self._retranslate_actions()
        self._fill_criterion_menu()
        self._show_saved_state()
        if self.session is not None:
            self.seat_label.setText(self.tr("Seat %1 · %2").replace("%1", self.session.seat_id)
                                    .replace("%2", self._session_name()))
        else:
            self.seat_label.setText(self.tr("No package open"))
        if self._workspace_built:
            self._retranslate_workspace()

    def _title(self) -> str:
        base = self.tr("Expert Review Desk")
        if self.session is None:
            return base
        return f"{self._session_name()} — {base}"

    def _session_name(self) -> str:
        if self.session is None:
            return ""
        return str(self.session.package.manifest.get("session", {}).get("name", ""))

    # --- finalize / export (issue 5) ---------------------------------------------------
    def _expert_keys(self):
        """The identity store factory of the sheet hook, for unlocking with one's own key."""
        return self.sheet_controller.keys

    def finalize_review(self) -> None:
        """Validate, show the expert's score distribution, sign (issue 5)."""
        if self.session is not None:
            if self.autosave is not None:
                self.autosave.flush()
            self.sheet_controller.finalize()

    def export_sheet(self) -> None:
        """Write the signed .revsheet and its PDF (issue 5)."""
        if self.session is not None:
            if self.autosave is not None:
                self.autosave.flush()
            self.sheet_controller.export()

    # --- messages (tests replace these) --------------------------------------------------
    def show_error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self, title, text)

    def about_text(self) -> str:
        text = self.tr("Expert Review Desk: score applications offline. Materials are "
                       "decrypted in memory only; your work is saved encrypted on this "
                       "computer.")
        return f"{text}\n\n{self.sheet_controller.about_text()}"

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About Expert Review Desk"), self.about_text())

    # --- drag and drop / close --------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().endswith(PACKAGE_SUFFIX):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            # Leave the drop handler first: the dialog must not run inside it.
            path = Path(urls[0].toLocalFile())
            QTimer.singleShot(0, lambda: self.open_path(path))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.autosave is not None and not self.autosave.flush():
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.warning(
                self, self.tr("Not saved"),
                self.tr("Some changes could not be saved. Quit anyway?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        window_state.remember(self, self.prefs)
        self._teardown()
        self.worker.wait(5000)
        event.accept()
