"""The self-test's steps that need Qt (:mod:`reviewer_app.selftest`).

They check what a frozen bundle could lose by being trimmed: the platform plugin,
our translations and Qt's own, the CJK font, QtPdf and the image-format plugins in the
render worker (a separate process started from the same executable).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from reviewer_app.selftest import StepFailed

WAIT_MS = 30_000  # a cold worker on a busy laptop: interpreter, Qt, QtPdf


def _headless_default() -> None:
    """With no display (a CI runner, a server) Qt would abort; offscreen needs none."""
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") \
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def check_window() -> None:
    """Build the main window in Chinese and check that the translations took."""
    _headless_default()
    from reviewer_app.gui.app import build_window

    window = build_window(lang="zh_CN")
    try:
        if QApplication.windowIcon().isNull():
            raise StepFailed("the application icon did not load")
        # The window's own class, so that this follows the window's context in the catalogue.
        demo = QCoreApplication.translate(type(window).__name__, "Try the demo package")
        if demo == "Try the demo package":
            raise StepFailed("our Chinese translation did not load")
        # Qt's own catalogue, not ours: the context in a variable keeps lupdate from
        # filing this lookup as one of our strings.
        qt_context = "QPlatformTheme"
        cancel = QCoreApplication.translate(qt_context, "Cancel")
        if cancel != "取消":
            raise StepFailed(f"Qt's Chinese translation did not load (Cancel is {cancel!r})")
    finally:
        window.close()
        window.deleteLater()


def render_first_page(member_id: int, data: bytes, media_type: str) -> None:
    """Show a material in the real viewer (render worker included); the first page must
    come back with pixels that are not all one colour."""
    _headless_default()
    from reviewer_app.gui.app import create_app
    from reviewer_app.gui.widgets.viewer import MaterialViewer

    create_app()
    viewer = MaterialViewer()
    view = viewer.image_view if media_type.startswith("image/") else viewer.pdf_view
    loop = QEventLoop()
    failures: list[str] = []
    view.pageRendered.connect(lambda _page: loop.quit())

    def failed(_member: int, reason: str) -> None:
        failures.append(reason)
        loop.quit()

    viewer.materialFailed.connect(failed)
    QTimer.singleShot(WAIT_MS, loop.quit)
    try:
        viewer.resize(800, 600)
        viewer.show()
        viewer.load_material(member_id, data, media_type)
        loop.exec()
        if failures:
            raise StepFailed(f"the render worker refused the {media_type} material: "
                             f"{failures[0]}")
        image = view.grab_page()
        if image.isNull():
            raise StepFailed(f"no page of the {media_type} material within "
                             f"{WAIT_MS // 1000} s")
        if _one_colour(image):
            raise StepFailed(f"the first page of the {media_type} material is blank")
    finally:
        viewer.client.stop()
        viewer.close()
        viewer.deleteLater()


def _one_colour(image: QImage) -> bool:
    first = image.pixel(0, 0)
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    return all(image.pixel(x, y) == first for x in range(0, image.width(), step_x)
               for y in range(0, image.height(), step_y))
