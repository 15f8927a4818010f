"""Languages: Chinese (default) and English, switchable without a restart.

Source strings are English; ``resources/translations/reviewer_app_zh_CN.ts``
translates all of them. Installing or removing a QTranslator sends a
LanguageChange event to every widget, whose ``changeEvent`` re-applies its texts
(:class:`Retranslating`), or, for the expert's main window, a child that passes it on
(:class:`LanguageWatcher`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from reviewer_app.paths import TRANSLATIONS

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QEvent

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
CATALOG = "reviewer_app"


class Retranslating:
    """Mixin, listed before the Qt base class, for widgets whose texts come from
    ``retranslate()``: calls it again whenever the application's language changes."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


class LanguageWatcher(QObject):
    """Calls ``on_change`` when the application's language changes, for a window that shows
    at start-up and so must not override ``changeEvent`` (the expert's main window).

    Why: a Python ``changeEvent`` is called for every change event of the window from its
    first ``setWindowTitle`` on, and the first QEvent PySide6 hands to Python makes it build
    the Python type of every QEvent subclass with their enums: ~18 M instructions, 2 % of
    the window's start-up (issue 12). A widget passes LanguageChange on to all its
    children, this plain QObject among them, and no other event is sent to it."""

    def __init__(self, parent: QObject, on_change: Callable[[], None]) -> None:
        super().__init__(parent)
        self._on_change = on_change

    def event(self, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self._on_change()
        return super().event(event)


def catalog_path(lang: str):
    return TRANSLATIONS / f"{CATALOG}_{lang}.qm"


class Translations:
    """Owns the installed translators of the application."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = ""

    def apply(self, lang: str) -> bool:
        """Switch to ``lang``; returns False when its catalogue is missing."""
        if lang not in LANGUAGES:
            lang = DEFAULT_LANGUAGE
        self.remove()
        ok = True
        ours = QTranslator(self._app)
        if ours.load(str(catalog_path(lang))):
            self._installed.append(ours)
        else:
            ok = lang == "en"  # English is the source language: nothing is lost
        if lang == "zh_CN":
            # Qt's own strings: standard buttons, context menus of line edits.
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            for name in ("qtbase_zh_CN", "qt_zh_CN"):
                qt = QTranslator(self._app)
                if qt.load(name, qt_dir):
                    self._installed.append(qt)
                    break
        for translator in self._installed:
            self._app.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                           if lang == "zh_CN" else QLocale(QLocale.Language.English,
                                                           QLocale.Country.UnitedStates))
        self.language = lang
        # Qt announces a new translator only once its event loop runs; tell every widget
        # now, synchronously, so that a switch (or a test) sees the new texts at once.
        # At start-up there is no widget to tell yet (and QEvent is not imported for
        # nothing: PySide6 builds its ~180-member enum on first use).
        if _any_widget():
            from PySide6.QtCore import QEvent

            QCoreApplication.sendEvent(self._app, QEvent(QEvent.Type.LanguageChange))
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return ok

    def remove(self) -> None:
        """Uninstall the translators this object installed (the source texts show)."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = ""

    @property
    def english(self) -> bool:
        return self.language == "en"


def _any_widget() -> bool:
    from PySide6.QtWidgets import QApplication

    return isinstance(QCoreApplication.instance(), QApplication) and bool(
        QApplication.topLevelWidgets())
