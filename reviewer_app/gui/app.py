"""``reviewer-app``: start the GUI, optionally opening a package or the demo."""

from __future__ import annotations

import gc
import importlib
import sys
import threading
from argparse import Namespace
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from reviewer_app.gui.expert.main_window import MainWindow
from reviewer_app.gui.i18n import Translations
from reviewer_app.gui.input_method import prefer_a_shipped_input_method
from reviewer_app.gui.pyside_compat import keep_singletons_alive
from reviewer_app.gui.settings import APP_NAME, ORG_NAME, Preferences
from reviewer_app.paths import CJK_FONT, RESOURCES

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

# What is imported by now (PySide6's signature tables, the window's modules) lives as long
# as the process. Take it out of the cyclic collector's walks: otherwise every full
# collection while the window is built goes over all of it again (~5 % of start-up,
# measured in instructions; issue 12). Garbage made later is collected as before; a
# parallel merge at the desk freezes and thaws on its own (central/merge.py), after
# which these objects are merely walked again.
gc.freeze()

if TYPE_CHECKING:
    from reviewer_app.gui.expert.session import Credentials, OpenedPackage, Opener


def open_package(path: Path, credentials: Credentials,
                 trusted_keys: Collection[str]) -> OpenedPackage:
    """:func:`reviewer_app.gui.expert.session.open_package`, imported when the first package is
    opened: the session module and the review domain are not needed to show the window."""
    from reviewer_app.gui.expert.session import open_package as open_real

    return open_real(path, credentials, trusted_keys)


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists, as under pytest-qt)."""
    if QApplication.instance() is None:
        prefer_a_shipped_input_method()  # fcitx5 sessions: Chinese input through ibus
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    keep_singletons_alive()
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    # PNG sizes rendered from app.svg (installer/make_icons.py): no SVG plugin needed.
    icon = QIcon()
    for size in APP_ICON_SIZES:
        png = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "reviewer-app.png"
        if png.exists():
            icon.addFile(str(png))
    if not icon.isNull():
        app.setWindowIcon(icon)
    _ensure_cjk_font(app)
    return app


def _ensure_cjk_font(app: QApplication) -> None:
    """Laptops without a CJK font would show boxes: fall back to the bundled one."""
    if CJK_FONT.exists() and not _has_cjk_family():
        from PySide6.QtGui import QFont  # only here: its enums cost start-up time (issue 12)

        font_id = QFontDatabase.addApplicationFont(str(CJK_FONT))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            font = QFont(app.font())
            font.setFamilies([families[0], *app.font().families()])
            app.setFont(font)


def _has_cjk_family() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def build_window(*, lang: str | None = None, opener: Opener | None = None,
                 prefs: Preferences | None = None) -> MainWindow:
    """Create the main window with translations applied (used by run() and by tests)."""
    app = create_app()
    prefs = prefs or Preferences()
    translations = Translations(app)
    chosen = lang or prefs.language()
    translations.apply(chosen)
    if lang:
        prefs.set_language(lang)
    window = MainWindow(opener or open_package, prefs, translations)
    window._translations_ref = translations  # keep the translators alive with the window
    return window


def default_store() -> str:
    """The central store ``reviewer-admin`` uses without ``--db``."""
    from reviewer_app.cli.common import default_db_url

    return default_db_url()


def build_desk_window(db_url: str | None = None, *, lang: str | None = None,
                      translations: Translations | None = None,
                      work_dir: Path | None = None, prefs: Preferences | None = None):
    """The secretariat's desk over the store at ``db_url`` (created and migrated if new)."""
    from reviewer_app.gui.desk.context import open_desk_context
    from reviewer_app.gui.desk.window import DeskWindow

    app = create_app()
    # The store first: a store that cannot be opened leaves no translator installed.
    context = open_desk_context(db_url or default_store(), work_dir or Path.home())
    if translations is None:
        prefs = prefs or Preferences()
        translations = Translations(app)
        translations.apply(lang or prefs.language())
        if lang:
            prefs.set_language(lang)
    return DeskWindow(context, translations)


def store_problem(open_desk):
    """``open_desk()``'s window, or why the central store cannot be opened (a URL of no
    known database, a server that refuses, a file that cannot be created)."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from reviewer_app.core.errors import ReviewerError

    try:
        return open_desk()
    except (ArgumentError, SQLAlchemyError, ReviewerError, OSError) as exc:
        return str(exc)


def run(args: Namespace) -> int:
    """The GUI entry point called by ``reviewer_app.cli.app.main``."""
    app = create_app()
    if getattr(args, "desk", False):
        problem = store_problem(lambda: build_desk_window(args.db,
                                                          lang=getattr(args, "lang", None)))
        if isinstance(problem, str):
            print(f"reviewer-app: cannot open the central store: {problem}", file=sys.stderr)
            return 1
        problem.show()
        return app.exec()
    window = build_window(lang=getattr(args, "lang", None))
    window.show()
    # SQLAlchemy and Alembic are only needed at unlock; load them while the expert
    # looks at the first screen, so that unlocking does not pay for them.
    threading.Thread(target=importlib.import_module, args=("reviewer_app.storage.workspace",),
                     daemon=True).start()
    package = getattr(args, "package", None)
    if getattr(args, "demo", False):
        QTimer.singleShot(0, window.open_demo)
    elif package:
        QTimer.singleShot(0, lambda: window.open_path(Path(package)))
    return app.exec()
