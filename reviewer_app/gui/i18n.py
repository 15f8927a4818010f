"""Languages: Chinese (default) and English, switchable without a restart.

Source strings are English; ``resources/translations/reviewer_app_zh_CN.ts``
translates all of them. Installing or removing a QTranslator sends a
LanguageChange event to every widget, whose ``changeEvent`` re-applies its texts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from reviewer_app.paths import TRANSLATIONS

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
CATALOG = "reviewer_app"


class Retranslating:
    """Mixin, listed before the Qt base class, for widgets whose texts come from
    ``retranslate()``: calls it again whenever the application's language changes."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


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
