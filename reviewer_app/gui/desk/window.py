"""The secretariat's desk: one window, one page per step of the round.

The pages are listed in :data:`PAGES`, in the order of the round. Each is
``Page(context, parent)`` over the shared :class:`DeskContext`; the window only
places them in tabs (``deskPages``) and keeps each tab's title equal to its page's
translated window title.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from reviewer_app.gui.desk.context import DeskContext
from reviewer_app.gui.desk.intake_page import IntakePage
from reviewer_app.gui.desk.merge_page import MergePage
from reviewer_app.gui.desk.overview_page import OverviewPage
from reviewer_app.gui.desk.packages_page import PackagesPage
from reviewer_app.gui.desk.publicity_page import PublicityPage
from reviewer_app.gui.desk.results_page import ResultsPage
from reviewer_app.gui.i18n import LANGUAGES, Retranslating, Translations

# In the order of the round.
PAGES: tuple[type[QWidget], ...] = (OverviewPage, IntakePage, PackagesPage, MergePage,
                                    ResultsPage, PublicityPage)


class DeskWindow(Retranslating, QMainWindow):
    def __init__(self, context: DeskContext, translations: Translations | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskWindow")
        self.context = context
        self.translations = translations
        self.pages = QTabWidget(self)
        self.pages.setObjectName("deskPages")
        self.pages.setDocumentMode(True)
        self.setCentralWidget(self.pages)
        for page_class in PAGES:
            page = page_class(context, self.pages)  # type: ignore[call-arg]
            self.pages.addTab(page, page.windowTitle())
            page.windowTitleChanged.connect(lambda title, page=page: self._retitle(page, title))
        self._build_menu()
        self.resize(1200, 800)
        self.retranslate()

    def page(self, object_name: str) -> QWidget:
        """The page named ``object_name`` (tests and the start page use it)."""
        for index in range(self.pages.count()):
            widget = self.pages.widget(index)
            if widget.objectName() == object_name:
                return widget
        raise KeyError(object_name)

    def closeEvent(self, event) -> None:
        # Pages that started a render worker (the intake's material viewer) stop it.
        for index in range(self.pages.count()):
            shutdown = getattr(self.pages.widget(index), "shutdown", None)
            if shutdown is not None:
                shutdown()
        super().closeEvent(event)

    def _retitle(self, page: QWidget, title: str) -> None:
        index = self.pages.indexOf(page)
        if index >= 0:
            self.pages.setTabText(index, title)

    def _build_menu(self) -> None:
        self.language_menu = self.menuBar().addMenu("")
        self.language_menu.setObjectName("deskLanguageMenu")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang in LANGUAGES:
            action = QAction(self, checkable=True)
            action.setObjectName(f"deskLanguage_{lang}")
            action.triggered.connect(lambda _checked, lang=lang: self.set_language(lang))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[lang] = action
        current = self.translations.language if self.translations else ""
        if current in self.language_actions:
            self.language_actions[current].setChecked(True)

    def set_language(self, lang: str) -> None:
        if self.translations is not None:
            self.translations.apply(lang)
            self.language_actions[lang].setChecked(True)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Secretariat desk — %1").replace(
            "%1", shown_store(self.context.db_url)))
        self.language_menu.setTitle(self.tr("&Language"))
        self.language_actions["zh_CN"].setText("中文")
        self.language_actions["en"].setText("English")
        self.pages.setAccessibleName(self.tr("Steps of the round"))


def shown_store(db_url: str) -> str:
    """The store's URL without its password (a PostgreSQL URL may carry one)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(db_url).render_as_string(hide_password=True)
    except ArgumentError:
        return db_url  # a plain SQLite file path
