"""The expert's main window: projects | materials and viewer | rubric (docs/architecture.md §7)."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Not ``Qt`` at module level: PySide6 builds that enum namespace on first use (~12 ms),
# and the welcome page does not need it. Methods that do import it locally.
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.gui import window_state
from reviewer_app.gui.expert.idle_lock import IdleWatcher
from reviewer_app.gui.i18n import Retranslating, Translations
from reviewer_app.gui.settings import Preferences, demo_cache_dir
from reviewer_app.gui.widgets import file_dialogs
from reviewer_app.gui.widgets.workers import Worker

if TYPE_CHECKING:
    # Start-up shows the welcome page only: the workspace page (viewer, rubric
    # panel, project list, materials; reviewer_app.core) and the unlock dialog are
    # imported and built on first use (_build_workspace, open_path). Issue 4.
    from PySide6.QtCore import QModelIndex

    from reviewer_app.gui.expert.autosave import AutosaveManager
    from reviewer_app.gui.expert.session import Opener, ReviewSession
    from reviewer_app.gui.expert.unlock import Prefill, UnlockDialog
    from reviewer_app.storage.workspace import EvidenceLink, FieldChange

PACKAGE_SUFFIX = ".revpkg"
# Issue 5 (signed score sheets) plugs in here: a module exposing
# ``finalize(window)`` and ``export(window)``. Until it exists the actions stay disabled.
SHEET_HOOK_MODULE = "reviewer_app.gui.expert.sheet_actions"
# Attributes that exist once the workspace page is built (see MainWindow.__getattr__).
WORKSPACE_ATTRIBUTES = frozenset({
    "project_model", "project_filter", "material_model", "cache", "workspace",
    "progress_label", "project_search", "status_filter", "project_list", "materials_label",
    "material_list", "viewer", "attach_button", "attach_menu", "project_header", "tabs",
    "rubric_panel", "project_info", "inspection", "locked_page", "locked_label",
    "unlock_button"})


def _named(widget, name: str):
    """objectName for tests; accessible names are translated labels (``retranslate``)."""
    widget.setObjectName(name)
    return widget


class MainWindow(Retranslating, QMainWindow):
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
        self._locked_place: tuple[str | None, int, int] = (None, -1, 0)
        self._demo_prefill: Prefill | None = None
        self._pending_member = -1
        self._pending_page = 0
        self._material_token = 0
        self.unlock_dialog: UnlockDialog | None = None
        self.worker = Worker(self)
        self._render_client = None
        self.idle = IdleWatcher(prefs.idle_minutes() * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.sheet_hook = self._find_sheet_hook()

        self.setAcceptDrops(True)
        window_state.place(self, prefs)  # fits the screen; restores the last geometry
        self._build_pages()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.retranslate()
        self._update_actions()
        install = getattr(self.sheet_hook, "install", None)
        if install is not None:
            install(self)  # the hook adds its own entries (the signing key) to the menus

    # Before the workspace page exists (start-up), reading one of its widgets builds it.
    _workspace_built = False

    def __getattr__(self, name: str) -> Any:
        if name in WORKSPACE_ATTRIBUTES and not self._workspace_built:
            self._build_workspace()
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
        from reviewer_app.gui.expert import inspection_panel

        # The on-site inspection tab, shown for inspection packages only.
        self.inspection = inspection_panel.install(self)

    def _build_models(self) -> None:
        from reviewer_app.gui.expert.project_list import ProjectFilterModel, ProjectListModel
        from reviewer_app.gui.widgets.materials import MaterialModel

        self.project_model = ProjectListModel(self)
        self.project_filter = ProjectFilterModel(self)
        self.project_filter.setSourceModel(self.project_model)
        self.material_model = MaterialModel(self)

    def _build_pages(self) -> None:
        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)

        # Welcome page: open, recent, demo.
        self.welcome = QWidget(self)
        self.welcome.setObjectName("welcomePage")
        self.welcome_title = QLabel(self.welcome)
        self.welcome_title.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.welcome_text = QLabel(self.welcome)
        self.welcome_text.setWordWrap(True)
        self.welcome_text.setStyleSheet("color: #475467;")
        self.open_button = QPushButton(self.welcome)
        self.open_button.setObjectName("openButton")
        self.open_button.clicked.connect(self.open_dialog)
        self.demo_button = QPushButton(self.welcome)
        self.demo_button.setObjectName("demoButton")
        self.demo_button.clicked.connect(self.open_demo)
        # The secretariat works in the same application: its desk opens from here.
        self.desk_button = QPushButton(self.welcome)
        self.desk_button.setObjectName("deskButton")
        self.desk_button.clicked.connect(self.open_desk)
        self.desk_window = None
        self.recent_label = QLabel(self.welcome)
        self.recent_list = QListView(self.welcome)
        self.recent_list.setObjectName("recentList")
        self.recent_list.setMaximumHeight(160)
        self._recent_entries: list[str] = []  # the full paths, by row of recent_list
        self.recent_list.activated.connect(
            lambda index: self.open_path(Path(self._recent_entries[index.row()])))
        column = QVBoxLayout()
        column.addStretch(1)
        for widget in (self.welcome_title, self.welcome_text):
            column.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.desk_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent_list)
        column.addStretch(2)
        outer = QHBoxLayout(self.welcome)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        self.pages.addWidget(self.welcome)
        self.pages.setCurrentWidget(self.welcome)

    def _build_workspace_page(self) -> None:
        from PySide6.QtCore import QSize, Qt
        from PySide6.QtWidgets import (
            QComboBox,
            QLineEdit,
            QMenu,
            QSplitter,
            QTabWidget,
            QToolButton,
            QTreeView,
        )

        from reviewer_app.gui.expert.project_info import ProjectInfoView
        from reviewer_app.gui.expert.rubric_panel import RubricPanel
        from reviewer_app.gui.expert.session import ProjectStatus
        from reviewer_app.gui.widgets.viewer import MaterialViewer

        self.workspace = QSplitter(Qt.Orientation.Horizontal, self)
        self.workspace.setObjectName("workspacePage")
        self.workspace.setChildrenCollapsible(False)
        left = QSplitter(Qt.Orientation.Vertical, self.workspace)
        projects = QWidget(left)
        self.progress_label = QLabel(projects)
        self.progress_label.setObjectName("progressLabel")
        self.progress_label.setStyleSheet("font-weight: 600;")
        self.project_search = QLineEdit(projects)
        self.project_search.setObjectName("projectSearch")
        self.project_search.setClearButtonEnabled(True)
        self.project_search.textChanged.connect(self.project_filter.set_text)
        self.status_filter = QComboBox(projects)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("", "")
        for status in ProjectStatus:
            self.status_filter.addItem("", status.value)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.project_filter.set_status(self.status_filter.currentData()))
        self.project_list = _named(QListView(projects), "projectList")
        self.project_list.setModel(self.project_filter)
        self.project_list.setIconSize(QSize(14, 14))
        self.project_list.setUniformItemSizes(True)
        self.project_list.setSpacing(1)
        self.project_list.selectionModel().currentChanged.connect(self._on_project_changed)
        layout = QVBoxLayout(projects)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.progress_label)
        filters = QHBoxLayout()
        filters.addWidget(self.project_search, 1)
        filters.addWidget(self.status_filter)
        layout.addLayout(filters)
        layout.addWidget(self.project_list, 1)
        materials = QWidget(left)
        self.materials_label = QLabel(materials)
        self.materials_label.setStyleSheet("font-weight: 600;")
        self.material_list = _named(QTreeView(materials), "materialList")
        self.material_list.setModel(self.material_model)
        self.material_list.setHeaderHidden(True)
        self.material_list.setWordWrap(True)
        self.material_list.selectionModel().currentChanged.connect(self._on_material_changed)
        mlayout = QVBoxLayout(materials)
        mlayout.setContentsMargins(4, 4, 4, 4)
        mlayout.addWidget(self.materials_label)
        mlayout.addWidget(self.material_list, 1)
        left.addWidget(projects)
        left.addWidget(materials)
        left.setSizes([480, 420])

        self.viewer = MaterialViewer(self.workspace, client=self.render_client())
        self.viewer.materialLoaded.connect(self.materialShown)
        self.viewer.pageShown.connect(self._on_page_shown)
        self.attach_button = QToolButton(self.viewer)
        self.attach_button.setObjectName("attachEvidenceButton")
        self.attach_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.attach_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.attach_menu = QMenu(self.attach_button)
        self.attach_button.setMenu(self.attach_menu)
        self.viewer.evidence_slot.addWidget(self.attach_button)

        right = QWidget(self.workspace)
        self.project_header = QLabel(right)
        self.project_header.setObjectName("projectHeader")
        self.project_header.setWordWrap(True)
        self.project_header.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.tabs = QTabWidget(right)
        self.tabs.setObjectName("rightTabs")
        self.rubric_panel = RubricPanel(self.tabs)
        self.rubric_panel.changed.connect(self._on_change)
        self.rubric_panel.evidenceActivated.connect(self.show_material)
        self.rubric_panel.evidenceRemoved.connect(self._remove_evidence)
        self.project_info = ProjectInfoView(self.tabs)
        self.tabs.addTab(self.rubric_panel, "")
        self.tabs.addTab(self.project_info, "")
        rlayout = QVBoxLayout(right)
        rlayout.setContentsMargins(4, 4, 4, 4)
        rlayout.addWidget(self.project_header)
        rlayout.addWidget(self.tabs, 1)

        self.workspace.addWidget(left)
        self.workspace.addWidget(self.viewer)
        self.workspace.addWidget(right)
        self.workspace.setStretchFactor(1, 1)
        self.workspace.setSizes([300, 700, 440])
        self.pages.addWidget(self.workspace)

    def _build_locked_page(self) -> None:
        from PySide6.QtCore import Qt

        self.locked_page = QWidget(self)
        self.locked_page.setObjectName("lockedPage")
        self.locked_label = QLabel(self.locked_page)
        self.locked_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.locked_label.setStyleSheet("font-size: 18px;")
        self.unlock_button = QPushButton(self.locked_page)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.unlock)
        llayout = QVBoxLayout(self.locked_page)
        llayout.addStretch(1)
        llayout.addWidget(self.locked_label)
        llayout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        llayout.addStretch(1)
        self.pages.addWidget(self.locked_page)

    def _action(self, name: str, slot: Callable[[], Any] | None = None,
                shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            # The property, not setShortcut(): the latter's overload check builds PySide6's
            # whole Qt enum namespace (~12 ms of start-up).
            action.setProperty("shortcut", QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even while a menu is hidden
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a("openAction", self.open_dialog, QKeySequence.StandardKey.Open)
        self.demo_action = a("demoAction", self.open_demo)
        self.close_action = a("closePackageAction", self.close_package)
        self.lock_action = a("lockAction", self.lock, "Ctrl+L")
        self.finalize_action = a("finalizeAction", self.finalize_review)
        self.export_action = a("exportAction", self.export_sheet)
        self.quit_action = a("quitAction", self.close, QKeySequence.StandardKey.Quit)
        self.next_project_action = a("nextProjectAction", lambda: self.step_project(+1),
                                     "Ctrl+PgDown")
        self.prev_project_action = a("previousProjectAction", lambda: self.step_project(-1),
                                     "Ctrl+PgUp")
        self.next_material_action = a("nextMaterialAction", lambda: self.step_material(+1),
                                      "Alt+PgDown")
        self.prev_material_action = a("previousMaterialAction",
                                      lambda: self.step_material(-1), "Alt+PgUp")
        self.criterion_actions = [
            a(f"criterionAction{n}", lambda n=n: self.rubric_panel.focus_criterion(n),
              f"Ctrl+{n}") for n in range(1, 10)]
        # The viewer's actions call it through lambdas: it is built on unlock.
        self.page_down_action = a("pageDownAction", lambda: self.viewer.page_down(), "PgDown")
        self.page_up_action = a("pageUpAction", lambda: self.viewer.page_up(), "PgUp")
        for action in (self.page_down_action, self.page_up_action):
            self.removeAction(action)  # _build_workspace gives them to the viewer
        self.next_page_action = a("nextPageAction", lambda: self.viewer.next_page(),
                                  "Ctrl+Right")
        self.prev_page_action = a("previousPageAction", lambda: self.viewer.previous_page(),
                                  "Ctrl+Left")
        self.find_action = a("findAction", self._focus_search, QKeySequence.StandardKey.Find)
        self.find_next_action = a("findNextAction", lambda: self.viewer.next_hit(),
                                  QKeySequence.StandardKey.FindNext)
        self.find_prev_action = a("findPreviousAction", lambda: self.viewer.previous_hit(),
                                  QKeySequence.StandardKey.FindPrevious)
        self.zoom_in_action = a("zoomInAction", lambda: self.viewer.zoom_in(),
                                QKeySequence.StandardKey.ZoomIn)
        self.zoom_out_action = a("zoomOutAction", lambda: self.viewer.zoom_out(),
                                 QKeySequence.StandardKey.ZoomOut)
        self.fit_width_action = a("fitWidthAction", lambda: self.viewer.set_zoom("fit_width"),
                                  "Ctrl+0")
        self.fit_page_action = a("fitPageAction", lambda: self.viewer.set_zoom("fit_page"))
        self.copy_action = a("copyTextAction", lambda: self.viewer.pdf_view.copy())
        self.attach_action = a("attachEvidenceAction", self._attach_to_current, "Ctrl+E")
        self.idle_action = a("idleSettingsAction", self._ask_idle_minutes)
        self.about_action = a("aboutAction", self._about)
        self.language_group = QActionGroup(self)
        self.language_actions = {}
        for lang, label in (("zh_CN", "中文"), ("en", "English")):
            action = a(f"language.{lang}", lambda lang=lang: self.set_language(lang))
            action.setText(label)  # each language is named in itself
            action.setCheckable(True)
            action.setChecked(lang == self.translations.language)
            self.language_group.addAction(action)
            self.language_actions[lang] = action
        for action in (self.finalize_action, self.export_action):
            action.setProperty("hookAvailable", self.sheet_hook is not None)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.open_action)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addAction(self.demo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.finalize_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.close_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.review_menu = bar.addMenu("")
        for action in (self.next_project_action, self.prev_project_action,
                       self.next_material_action, self.prev_material_action):
            self.review_menu.addAction(action)
        self.review_menu.addSeparator()
        self.criterion_menu = self.review_menu.addMenu("")
        self.review_menu.addAction(self.attach_action)

        self.view_menu = bar.addMenu("")
        for action in (self.page_down_action, self.page_up_action, self.next_page_action,
                       self.prev_page_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_width_action,
                       self.fit_page_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for action in (self.find_action, self.find_next_action, self.find_prev_action,
                       self.copy_action):
            self.view_menu.addAction(action)

        self.settings_menu = bar.addMenu("")
        self.language_menu = self.settings_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.settings_menu.addAction(self.idle_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        # The actions have no icons, so the buttons show their text (as with
        # ToolButtonTextOnly, which would cost the Qt enum namespace at start-up).
        for action in (self.open_action, self.prev_project_action, self.next_project_action,
                       self.lock_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.finalize_action)
        self.toolbar.addAction(self.export_action)
        self.addToolBar(self.toolbar)

    def _build_status_bar(self) -> None:
        self.seat_label = QLabel(self)
        self.seat_label.setObjectName("seatLabel")
        self.save_status = _named(QLabel(self), "saveStatusLabel")
        self.save_status.setMinimumWidth(160)
        self.statusBar().addWidget(self.seat_label, 1)
        self.statusBar().addPermanentWidget(self.save_status)

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
        self.welcome_title.setText(self.tr("Expert Review Desk"))
        self.welcome_text.setText(self.tr("Open the review package (.revpkg) you received from the "
                                     "secretariat, or drop it onto this window. You will need "
                                     "its passphrase, your seat ID and your seat code."))
        self.open_button.setText(self.tr("Open package…"))
        self.demo_button.setText(self.tr("Try the demo package"))
        self.desk_button.setText(self.tr("Secretariat desk"))
        self.recent_label.setText(self.tr("Recent packages:"))
        self._fill_recent_list()
        texts = {
            self.open_action: self.tr("&Open package…"),
            self.demo_action: self.tr("Open the &demo package"),
            self.close_action: self.tr("&Close package"),
            self.lock_action: self.tr("&Lock"),
            self.finalize_action: self.tr("&Finalize review…"),
            self.export_action: self.tr("&Export score sheet…"),
            self.quit_action: self.tr("&Quit"),
            self.next_project_action: self.tr("&Next project"),
            self.prev_project_action: self.tr("&Previous project"),
            self.next_material_action: self.tr("Next &material"),
            self.prev_material_action: self.tr("Previous m&aterial"),
            self.attach_action: self.tr("Attach this page as &evidence…"),
            self.page_down_action: self.tr("Page down"),
            self.page_up_action: self.tr("Page up"),
            self.next_page_action: self.tr("Next page"),
            self.prev_page_action: self.tr("Previous page"),
            self.find_action: self.tr("&Find in document"),
            self.find_next_action: self.tr("Find next"),
            self.find_prev_action: self.tr("Find previous"),
            self.zoom_in_action: self.tr("Zoom in"),
            self.zoom_out_action: self.tr("Zoom out"),
            self.fit_width_action: self.tr("Fit width"),
            self.fit_page_action: self.tr("Fit page"),
            self.copy_action: self.tr("Copy selected text"),
            self.idle_action: self.tr("Lock after &idle time…"),
            self.about_action: self.tr("&About"),
        }
        for action, text in texts.items():
            action.setText(text)
        self.lock_action.setToolTip(self.tr("Lock now: hide everything until the passphrase is "
                                       "entered again"))
        unavailable = self.tr("Signing and exporting score sheets is not available in this "
                         "version yet.")
        self.finalize_action.setToolTip(
            self.tr("Check that every project is complete, then sign your score sheet")
            if self.sheet_hook else unavailable)
        self.export_action.setToolTip(self.tr("Export the signed score sheet (.revsheet) and its "
                                         "PDF") if self.sheet_hook else unavailable)
        self.file_menu.setTitle(self.tr("&File"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.review_menu.setTitle(self.tr("&Review"))
        self.criterion_menu.setTitle(self.tr("Go to &criterion"))
        self.view_menu.setTitle(self.tr("&View"))
        self.settings_menu.setTitle(self.tr("&Settings"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self._fill_criterion_menu()
        self._show_saved_state()
        if self.session is not None:
            self.seat_label.setText(self.tr("Seat %1 · %2").replace("%1", self.session.seat_id)
                                    .replace("%2", self._session_name()))
        else:
            self.seat_label.setText(self.tr("No package open"))
        if self._workspace_built:
            self._retranslate_workspace()

    def _retranslate_workspace(self) -> None:
        from reviewer_app.gui.expert.project_list import status_text
        from reviewer_app.gui.expert.session import ProjectStatus

        self.progress_label.setText(self._progress_text())
        self.project_search.setPlaceholderText(self.tr("Search projects"))
        self.project_search.setAccessibleName(self.tr("Search projects"))
        self.status_filter.setAccessibleName(self.tr("Show projects by status"))
        self.project_list.setAccessibleName(self.tr("Projects"))
        self.material_list.setAccessibleName(self.tr("Materials"))
        self.status_filter.setItemText(0, self.tr("All"))
        for i, status in enumerate(ProjectStatus, start=1):
            self.status_filter.setItemText(i, status_text(status))
        self.materials_label.setText(self.tr("Materials"))
        self.attach_button.setText(self.tr("Attach page"))
        self.attach_button.setToolTip(self.tr("Link the page on screen to a criterion as evidence "
                                         "(Ctrl+E)"))
        self._fill_attach_menu()
        # By widget: the inspection tab (inspection packages) sits between these two.
        self.tabs.setTabText(self.tabs.indexOf(self.rubric_panel), self.tr("Scoring"))
        self.tabs.setTabText(self.tabs.indexOf(self.project_info), self.tr("Project facts"))
        self.locked_label.setText(self.tr("The workspace is locked. Your work is saved."))
        self.unlock_button.setText(self.tr("Unlock…"))
        self._update_project_header()
        self.project_model.retranslate()

    def _title(self) -> str:
        base = self.tr("Expert Review Desk")
        if self.session is None:
            return base
        return f"{self._session_name()} — {base}"

    def _session_name(self) -> str:
        if self.session is None:
            return ""
        return str(self.session.package.manifest.get("session", {}).get("name", ""))

    def _progress_text(self) -> str:
        if self.session is None:
            return ""
        return self.tr("%1 / %2 scored").replace("%1", str(self.session.done_count())).replace(
            "%2", str(len(self.session.projects)))

    def _fill_criterion_menu(self) -> None:
        self.criterion_menu.clear()
        rubric = self.session.rubric if self.session else None
        criteria = rubric.criteria if rubric else ()
        english = self.translations.english
        for n, action in enumerate(self.criterion_actions, start=1):
            if n <= len(criteria):
                c = criteria[n - 1]
                action.setText(f"&{n} {c.name_en if english else c.name}")
                action.setEnabled(True)
                self.criterion_menu.addAction(action)
            else:
                action.setText(self.tr("Criterion %1").replace("%1", str(n)))
                action.setEnabled(False)
        self.criterion_menu.setEnabled(bool(criteria))

    def _fill_attach_menu(self) -> None:
        self.attach_menu.clear()
        if self.session is None:
            return
        english = self.translations.english
        for c in self.session.rubric.criteria:
            action = self.attach_menu.addAction(c.name_en if english else c.name)
            action.setObjectName(f"attachTo.{c.id}")
            action.triggered.connect(lambda _=False, cid=c.id: self.attach_evidence(cid))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.prefs.recent_packages()
        for entry in recent:
            action = self.recent_menu.addAction(entry)
            action.triggered.connect(lambda _=False, p=entry: self.open_path(Path(p)))
        if not recent:
            empty = self.recent_menu.addAction(self.tr("(none)"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear list"))
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.prefs.clear_recent()
        self._fill_recent_list()

    def _fill_recent_list(self) -> None:
        from PySide6.QtGui import QStandardItem, QStandardItemModel

        model = QStandardItemModel(self.recent_list)
        self._recent_entries = self.prefs.recent_packages()
        for entry in self._recent_entries:
            item = QStandardItem(Path(entry).name)
            item.setToolTip(entry)
            item.setEditable(False)
            model.appendRow(item)
        self.recent_list.setModel(model)
        self.recent_label.setVisible(model.rowCount() > 0)
        self.recent_list.setVisible(model.rowCount() > 0)

    # --- opening --------------------------------------------------------------------
    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open review package"), file_dialogs.start_folder(self.prefs),
            self.tr("Review packages (*.revpkg);;All files (*)"))
        if name:
            file_dialogs.remember_folder(self.prefs, name)
            self.open_path(Path(name))

    def open_path(self, path: Path, prefill: Prefill | None = None) -> UnlockDialog | None:
        """Show the unlock dialog for ``path``; the session starts when it is accepted.

        A file that is not a package is refused before the dialog asks for anything."""
        from reviewer_app.gui.expert.unlock import failure_message, precheck_failure

        failure = precheck_failure(Path(path))
        if failure is not None:
            self.show_error(self.tr("Open package"), failure_message(failure))
            return None
        if self.session is not None:
            self.close_package()
        self.package_path = Path(path)
        return self._show_unlock(self.package_path, prefill)

    def _show_unlock(self, path: Path, prefill: Prefill | None) -> UnlockDialog:
        from reviewer_app.gui.expert.unlock import UnlockDialog

        dialog = UnlockDialog(path, self.opener, self.prefs, prefill=prefill,
                              confirm_trust=self.confirm_trust,
                              expert_keys=self._expert_keys(), parent=self)
        dialog.setObjectName("unlockDialog")
        dialog.accepted.connect(lambda: self._unlocked(dialog))
        # Warm the render worker while the expert types: the first material opens
        # right after unlock.
        self.render_client().start()
        self.unlock_dialog = dialog
        dialog.open()
        return dialog

    def open_demo(self) -> None:
        """Build the demo package once (cached in the user data dir) and open it."""
        try:
            module = importlib.import_module("reviewer_app.central.demo_package")
            ensure = module.ensure_demo_package
        except (ImportError, AttributeError):
            self.show_error(self.tr("Demo package"),
                            self.tr("The demo package is not part of this build."))
            return
        from PySide6.QtCore import Qt

        self.statusBar().showMessage(self.tr("Preparing the demo package…"))
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def done(result) -> None:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
            path, passphrase = result.path, result.passphrase
            seat_id, seat_code = result.seat_id, result.seat_code
            # This machine made the demo's organizer key itself: nothing to compare.
            self.prefs.trust_organizer(result.organizer_fingerprint)
            hint = self.tr("Demo package: the passphrase is “%1”, seat %2, seat code %3.") \
                .replace("%1", passphrase).replace("%2", seat_id).replace("%3", seat_code)
            from reviewer_app.gui.expert.unlock import Prefill

            self.open_path(Path(path), Prefill(passphrase, seat_id, seat_code, hint))

        def failed(exc: BaseException) -> None:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
            self.show_error(self.tr("Demo package"),
                            self.tr("The demo package could not be prepared: %1")
                            .replace("%1", str(exc)))

        self.worker.submit(lambda: ensure(demo_cache_dir()), done, failed)

    def confirm_trust(self, fingerprint: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Unknown organizer"),
            self.tr("This package is signed by an organizer key you have not used before.\n\n"
                    "Fingerprint:\n%1\n\nCompare it with the fingerprint in the notification "
                    "letter from the secretariat. Trust this organizer from now on?")
            .replace("%1", fingerprint))
        return answer == QMessageBox.StandardButton.Yes

    def _unlocked(self, dialog: UnlockDialog) -> None:
        session = dialog.session
        self.unlock_dialog = None
        dialog.deleteLater()
        if session is not None:
            self.set_session(session)

    def set_session(self, session: ReviewSession) -> None:
        """Show an unlocked session (after open, or after the idle lock)."""
        self.session = session
        from reviewer_app.gui.expert.autosave import AutosaveManager

        self._build_workspace()
        self.autosave = AutosaveManager(session.store, self)
        self.autosave.saved.connect(lambda _when: self._show_saved_state())
        self.autosave.failed.connect(self._save_failed)
        self.autosave.dirtyChanged.connect(lambda _d: self._show_saved_state())
        english = self.translations.english
        self.rubric_panel.set_english(english)
        self.project_info.set_english(english)
        self.rubric_panel.set_rubric(session.rubric, {})
        self.project_model.set_session(session)
        self.pages.setCurrentWidget(self.workspace)
        self.retranslate()
        self._update_actions()
        self.idle.start()
        from reviewer_app.gui.expert import resume_place

        place, self._locked_place = self._locked_place, (None, -1, 0)
        resumed = resume_place.recall(self, session)  # where this seat left off last time
        if place[0] is None:
            place = resumed[:3]
        self.locked_as = None
        row = self.project_model.row_of(place[0]) if place[0] else 0
        self.select_project_row(max(0, row))
        if place[1] > 0:
            self.show_material(place[1], place[2])
        if place[0] == resumed.project_id:
            resume_place.restore_scroll(self, resumed.rubric_scroll)
        self.sessionChanged.emit()

    def close_package(self) -> None:
        """Save and close the open package (or forget the locked one)."""
        self._teardown()
        self.locked_as = None
        self.pages.setCurrentWidget(self.welcome)
        self.retranslate()
        self._update_actions()
        self.sessionChanged.emit()

    def open_desk(self) -> None:
        """Open the secretariat's desk on the default central store."""
        from reviewer_app.gui.app import build_desk_window, store_problem

        if self.desk_window is None:
            desk = store_problem(lambda: build_desk_window(translations=self.translations))
            if isinstance(desk, str):
                self.show_error(self.tr("Secretariat desk"),
                                self.tr("The central store cannot be opened: %1")
                                .replace("%1", desk))
                return
            self.desk_window = desk
        self.desk_window.show()
        self.desk_window.raise_()

    def render_client(self):
        """The render worker's client, shared by every viewer of this window."""
        if self._render_client is None:
            from reviewer_app.gui.widgets.render_client import RenderClient

            self._render_client = RenderClient(self)
        return self._render_client

    def _teardown(self) -> bool:
        """Flush, then drop every key, decrypted byte and document buffer we hold."""
        ok = True
        if self.session is not None and self._workspace_built:
            from reviewer_app.gui.expert import resume_place

            resume_place.remember(self)
        if self.autosave is not None:
            ok = self.autosave.detach()
            self.autosave.deleteLater()
            self.autosave = None
        self.idle.stop()
        self.worker.cancel_all()
        self._pending_member = -1
        if self._workspace_built:
            self.viewer.unload()
            self.viewer.show_message("")
            self.cache.clear()
        if self._render_client is not None:
            # A fresh worker for the next unlock: nothing of these materials stays in
            # the old one's heap.
            self._render_client.stop()
            self.rubric_panel.load(None, None)
            self.rubric_panel.set_rubric(None, {})
            self.material_model.set_project(None, {}, False)
            self.project_info.set_project(None)
            self.project_model.set_session(None)
        if self.session is not None:
            self.session.close()
            self.session = None
        return ok

    # --- idle lock -----------------------------------------------------------------
    def lock(self) -> None:
        """Hide the content, drop keys and plaintext; the passphrase reopens it."""
        if self.session is None:
            return
        session = self.session
        place = (self.current_project_id(), self.viewer.member_id,
                 self.viewer.current_page())
        from reviewer_app.gui.expert.unlock import Prefill

        self.locked_as = Prefill(seat_id=session.seat_id, seat_code=session.seat_code,
                                 seat_locked=True, package_id=session.package.package_id)
        self._teardown()
        self._locked_place = place
        self.pages.setCurrentWidget(self.locked_page)
        self.retranslate()
        self._update_actions()
        self.sessionChanged.emit()

    def unlock(self) -> UnlockDialog | None:
        if self.locked_as is None or self.package_path is None:
            return None
        return self._show_unlock(self.package_path, self.locked_as)

    def _ask_idle_minutes(self) -> None:
        minutes, ok = QInputDialog.getInt(
            self, self.tr("Idle lock"), self.tr("Lock the workspace after this many minutes "
                                                "without activity:"),
            self.prefs.idle_minutes(), 1, 240)
        if ok:
            self.prefs.set_idle_minutes(minutes)
            self.idle.set_timeout(minutes * 60_000)

    # --- projects ------------------------------------------------------------------
    def current_project_id(self) -> str | None:
        from reviewer_app.gui.expert.project_list import PROJECT_ID_ROLE

        index = self.project_list.currentIndex()
        return index.data(PROJECT_ID_ROLE) if index.isValid() else None

    def select_project_row(self, row: int) -> None:
        index = self.project_filter.index(row, 0)
        if index.isValid():
            self.project_list.setCurrentIndex(index)

    def select_project(self, project_id: str) -> bool:
        source_row = self.project_model.row_of(project_id)
        index = self.project_filter.mapFromSource(self.project_model.index(source_row))
        if not index.isValid():
            return False
        self.project_list.setCurrentIndex(index)
        return True

    def step_project(self, delta: int) -> None:
        count = self.project_filter.rowCount()
        if count == 0:
            return
        row = self.project_list.currentIndex().row()
        self.select_project_row(max(0, min(count - 1, row + delta)))

    def _on_project_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from reviewer_app.gui.expert.project_list import PROJECT_ID_ROLE

        if self.session is None:
            return
        pid = current.data(PROJECT_ID_ROLE) if current.isValid() else None
        project = next((p for p in self.session.projects if p["project_id"] == pid), None)
        english = self.translations.english
        self.material_model.set_project(project, self.session.categories, english)
        self.material_list.expandAll()
        self.rubric_panel.set_member_titles(self.material_model.titles())
        self.rubric_panel.load(pid, self.session.state(pid) if pid else None)
        self.project_info.set_project(project)
        self._update_project_header()
        self._fill_attach_menu()
        self._fill_criterion_menu()
        # Open the first material at once: the expert starts reading immediately.
        indexes = self.material_model.material_indexes()
        if indexes:
            self.material_list.setCurrentIndex(indexes[0])
        else:
            self.viewer.show_message(self.tr("This project has no materials."))
        self._update_actions()

    def _update_project_header(self) -> None:
        pid = self.current_project_id()
        if self.session is None or pid is None:
            self.project_header.setText("")
            return
        from reviewer_app.gui.expert.project_list import status_text

        project = next(p for p in self.session.projects if p["project_id"] == pid)
        self.project_header.setText(
            f"{pid} · {project.get('project_title', '')}\n{project.get('enterprise_name', '')}"
            f" · {status_text(self.session.status(pid))}")

    # --- materials -----------------------------------------------------------------
    def step_material(self, delta: int) -> None:
        indexes = self.material_model.material_indexes()
        if not indexes:
            return
        current = self.material_list.currentIndex()
        rows = [(i.parent().row(), i.row()) for i in indexes]
        key = (current.parent().row(), current.row()) if current.isValid() else None
        position = rows.index(key) if key in rows else -1
        self.material_list.setCurrentIndex(indexes[max(0, min(len(indexes) - 1,
                                                              position + delta))])

    def _on_material_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from reviewer_app.gui.widgets.materials import MEDIA_ROLE, MEMBER_ROLE

        member_id = current.data(MEMBER_ROLE) if current.isValid() else None
        if member_id is not None:
            self._load_material(int(member_id), str(current.data(MEDIA_ROLE)), 0)

    def show_material(self, member_id: int, page: int = 0) -> None:
        """Select a material of the current project and show ``page`` (0-based)."""
        from reviewer_app.gui.widgets.materials import MEDIA_ROLE, MEMBER_ROLE

        for index in self.material_model.material_indexes():
            if index.data(MEMBER_ROLE) == member_id:
                if self.viewer.member_id == member_id and self._pending_member < 0:
                    self.viewer.go_to_page(page)
                    return
                self._pending_page = page
                self.material_list.blockSignals(True)
                self.material_list.setCurrentIndex(index)
                self.material_list.blockSignals(False)
                self._load_material(member_id, str(index.data(MEDIA_ROLE)), page)
                return

    def _load_material(self, member_id: int, media_type: str, page: int) -> None:
        if self.session is None:
            return
        cached = self.cache.get(member_id)
        if cached is not None:
            self._pending_member = -1
            self.viewer.load_material(member_id, cached, media_type, page)
            return
        self.viewer.show_busy(member_id)
        self._pending_member = member_id
        self._pending_page = page
        package = self.session.package
        # Decrypted off the GUI thread; parsed only by the render worker (viewer.py).
        self.worker.submit(lambda: package.read_member(member_id),
                           lambda data: self._decrypted(member_id, media_type, data),
                           lambda exc: self._decrypt_failed(member_id, exc))

    def _decrypted(self, member_id: int, media_type: str, data: bytes) -> None:
        if self.session is None:
            return  # locked meanwhile: drop it
        self.cache.put(member_id, data)
        if member_id == self._pending_member:
            self._pending_member = -1
            self.viewer.load_material(member_id, data, media_type, self._pending_page)

    def _decrypt_failed(self, member_id: int, exc: BaseException) -> None:
        if member_id == self._pending_member:
            self._pending_member = -1
            self.viewer.show_message(self.tr("This material cannot be shown: %1")
                                     .replace("%1", str(exc)))

    def _on_page_shown(self, _member_id: int, _page: int) -> None:
        self._update_actions()

    # --- editing -------------------------------------------------------------------
    def _on_change(self, change: FieldChange) -> None:
        if self.session is None or self.autosave is None:
            return
        self.session.remember(change)
        self.autosave.mark_dirty(change)
        self.project_model.refresh(change.project_id)
        self.progress_label.setText(self._progress_text())
        self._update_project_header()

    def _focus_search(self) -> None:
        self.viewer.search_edit.setFocus()
        self.viewer.search_edit.selectAll()

    def _attach_to_current(self) -> None:
        cid = self.rubric_panel.current_criterion()
        if cid is not None:
            self.attach_evidence(cid)
        elif self.attach_button.isEnabled():
            self.attach_menu.popup(self.attach_button.mapToGlobal(
                self.attach_button.rect().bottomLeft()))

    def attach_evidence(self, criterion_id: str) -> bool:
        """Link the page on screen to a criterion of the current project."""
        pid = self.current_project_id()
        if self.session is None or self.autosave is None or pid is None \
                or self.viewer.member_id <= 0:
            return False
        from reviewer_app.gui.expert.session import storage

        link = storage().EvidenceLink(criterion_id, self.viewer.member_id,
                                      self.viewer.current_page() + 1)
        state = self.session.state(pid)
        if link in state.evidence:
            return True
        if not self.autosave.run_now(lambda store: store.add_evidence(pid, link)):
            return False
        state.evidence.append(link)
        self.rubric_panel.set_evidence(state.evidence)
        self.project_model.refresh(pid)
        return True

    def _remove_evidence(self, link: EvidenceLink) -> None:
        pid = self.current_project_id()
        if self.session is None or self.autosave is None or pid is None:
            return
        if self.autosave.run_now(lambda store: store.remove_evidence(pid, link)):
            state = self.session.state(pid)
            state.evidence = [e for e in state.evidence if e != link]

    def _show_saved_state(self) -> None:
        autosave = self.autosave
        if autosave is None:
            self.save_status.setText("")
        elif autosave.dirty:
            self.save_status.setText(self.tr("Saving…"))
            self.save_status.setStyleSheet("color: #475467;")
        elif autosave.last_saved is not None:
            self.save_status.setText(self.tr("Saved %1").replace(
                "%1", autosave.last_saved.strftime("%H:%M:%S")))
            self.save_status.setStyleSheet("color: #2f9e44;")
        else:
            self.save_status.setText(self.tr("All changes saved"))
            self.save_status.setStyleSheet("color: #2f9e44;")

    def _save_failed(self, message: str) -> None:
        self.save_status.setText(self.tr("Not saved! Retrying…"))
        self.save_status.setStyleSheet("color: #b42318; font-weight: 600;")
        self.save_status.setToolTip(message)

    # --- finalize / export (issue 5) ---------------------------------------------------
    def _expert_keys(self):
        """The identity store factory of the sheet hook, for unlocking with one's own key."""
        return getattr(getattr(self, "sheet_controller", None), "keys", None)

    def _find_sheet_hook(self):
        if importlib.util.find_spec(SHEET_HOOK_MODULE) is None:
            return None
        return importlib.import_module(SHEET_HOOK_MODULE)

    def finalize_review(self) -> None:
        """Hook: validate, show the expert's score distribution, sign (issue 5)."""
        if self.sheet_hook is not None and self.session is not None:
            if self.autosave is not None:
                self.autosave.flush()
            self.sheet_hook.finalize(self)

    def export_sheet(self) -> None:
        """Hook: write the signed .revsheet and its PDF (issue 5)."""
        if self.sheet_hook is not None and self.session is not None:
            if self.autosave is not None:
                self.autosave.flush()
            self.sheet_hook.export(self)

    # --- state of actions ------------------------------------------------------------
    def _update_actions(self) -> None:
        open_ = self.session is not None
        for action in (self.lock_action, self.close_action, self.next_project_action,
                       self.prev_project_action, self.next_material_action,
                       self.prev_material_action):
            action.setEnabled(open_)
        self.close_action.setEnabled(open_ or self.locked_as is not None)
        for action in (self.finalize_action, self.export_action):
            action.setEnabled(open_ and self.sheet_hook is not None)
        reading = open_ and self.viewer.member_id > 0
        pdf = reading and self.viewer.is_pdf()
        self.attach_action.setEnabled(reading)
        for action in (self.page_down_action, self.page_up_action, self.zoom_in_action,
                       self.zoom_out_action, self.fit_width_action, self.fit_page_action):
            action.setEnabled(reading)
        for action in (self.next_page_action, self.prev_page_action, self.find_action,
                       self.find_next_action, self.find_prev_action, self.copy_action):
            action.setEnabled(pdf)
        if self._workspace_built:
            self.attach_button.setEnabled(reading)
            self.progress_label.setText(self._progress_text())

    # --- messages (tests replace these) --------------------------------------------------
    def show_error(self, title: str, text: str) -> None:
        QMessageBox.critical(self, title, text)

    def about_text(self) -> str:
        text = self.tr("Expert Review Desk: score applications offline. Materials are "
                       "decrypted in memory only; your work is saved encrypted on this "
                       "computer.")
        extra = getattr(self.sheet_hook, "about_text", None)
        return f"{text}\n\n{extra(self)}" if extra is not None else text

    def _about(self) -> None:
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
