"""The material viewer: PDFs from memory, search, selection, images, zoom."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView

from reviewer_app.gui.viewer import MaterialViewer, decode_image, render_page
from tests.gui.conftest import open_and_unlock
from tests.gui.fakes import make_pdf, make_png


def _viewer(qtbot) -> MaterialViewer:
    viewer = MaterialViewer()
    qtbot.addWidget(viewer)
    viewer.resize(900, 700)
    viewer.show()
    return viewer


def _non_white(image: QImage) -> int:
    return sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 128)


def test_pdf_renders_from_memory(qtbot):
    viewer = _viewer(qtbot)
    assert viewer.load_pdf(7, make_pdf("Title", "MARKER-A", pages=4))
    assert viewer.document.status() == QPdfDocument.Status.Ready
    assert viewer.document.pageCount() == 4
    # The buffer belongs to the document (docs/architecture.md §9), and nothing names a file.
    assert viewer._buffer.parent() is viewer.document
    assert viewer.document.property("source") in (None, "")
    page = render_page(viewer.document, 0, QSize(300, 420))
    assert page.pixelColor(1, 1).lightness() == 255  # painted on white, not transparent
    assert _non_white(page) > 10
    qtbot.wait(200)
    assert _non_white(viewer.pdf_view.grab().toImage()) > 10


def test_page_navigation_and_zoom(qtbot):
    viewer = _viewer(qtbot)
    viewer.load_pdf(1, make_pdf("T", "M", pages=5))
    viewer.next_page()
    viewer.next_page()
    assert viewer.current_page() == 2 and viewer.page_spin.value() == 3
    viewer.page_spin.setValue(5)
    assert viewer.current_page() == 4
    viewer.next_page()
    assert viewer.current_page() == 4
    viewer.set_zoom("fit_page")
    assert viewer.pdf_view.zoomMode() == QPdfView.ZoomMode.FitInView
    viewer.set_zoom(2.0)
    assert viewer.pdf_view.zoomMode() == QPdfView.ZoomMode.Custom
    assert viewer.pdf_view.zoomFactor() == 2.0
    viewer.zoom_in()
    assert viewer.pdf_view.zoomFactor() == 3.0
    viewer.zoom_out()
    viewer.zoom_out()
    assert viewer.pdf_view.zoomFactor() == 1.5


def test_search_finds_hits_and_navigates(qtbot):
    viewer = _viewer(qtbot)
    viewer.load_pdf(1, make_pdf("T", "NEEDLE-42", pages=3))
    viewer.search_edit.setText("NEEDLE-42")
    qtbot.waitUntil(lambda: viewer.hit_count() == 3, timeout=5000)
    viewer.next_hit()
    viewer.next_hit()
    assert viewer.current_page() == 1
    assert viewer._hit == 1 and "3" in viewer.hit_label.text()
    viewer.previous_hit()
    viewer.previous_hit()
    assert viewer._hit == 2 and viewer.current_page() == 2


def test_text_selection_and_copy(qtbot):
    viewer = _viewer(qtbot)
    viewer.load_pdf(1, make_pdf("T", "COPY-ME-7", pages=1))
    qtbot.wait(50)
    text = viewer.pdf_view.select_between(QPointF(0, 0), QPointF(600, 110))
    assert "COPY-ME-7" in text
    assert viewer.copy_button.isEnabled()
    assert viewer.pdf_view.copy()
    assert "COPY-ME-7" in QGuiApplication.clipboard().text()
    # Mouse drag across the page selects through the view's own geometry.
    rect = viewer.pdf_view.page_geometry()
    assert rect is not None and rect.width() > 100
    viewer.pdf_view.clear_selection()
    assert viewer.pdf_view.select_all_on_page().count("COPY-ME-7") == 1


def test_mouse_drag_selects(qtbot):
    from PySide6.QtCore import QPoint, Qt

    viewer = _viewer(qtbot)
    viewer.load_pdf(1, make_pdf("T", "DRAG-ME", pages=1))
    qtbot.wait(50)
    port = viewer.pdf_view.viewport()
    rect = viewer.pdf_view.page_geometry()
    start = QPoint(rect.left() + 5, rect.top() + 5)
    end = QPoint(rect.right() - 5, rect.top() + int(rect.height() * 0.14))
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(port, end)
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication
    move = QMouseEvent(QMouseEvent.Type.MouseMove, QPointF(end), QPointF(port.mapToGlobal(end)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(port, move)
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=end)
    assert "DRAG-ME" in viewer.pdf_view.selected_text()


def test_image_with_zoom(qtbot):
    viewer = _viewer(qtbot)
    image = decode_image(make_png("IMG"))
    assert image.width() == 400
    viewer.load_image(3, image)
    assert viewer.stack.currentWidget() is viewer.image_view
    viewer.set_zoom(2.0)
    assert viewer.image_view._label.pixmap().width() == 800
    viewer.set_zoom("fit_page")
    assert viewer.image_view._label.pixmap().width() <= viewer.image_view.viewport().width()


def test_damaged_pdf_shows_a_message(qtbot):
    viewer = _viewer(qtbot)
    assert not viewer.load_pdf(1, b"%PDF-1.4 not really")
    assert viewer.stack.currentWidget() is viewer.message


def test_decrypt_runs_off_the_gui_thread(qtbot, window, opener, package_file, monkeypatch):
    import threading

    open_and_unlock(qtbot, window, package_file)
    qtbot.waitUntil(window.viewer.is_pdf, timeout=5000)
    package = opener.opened[-1]
    threads = []
    real = package.read_member

    def slow(member_id):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(member_id)

    monkeypatch.setattr(package, "read_member", slow)
    window.step_material(+1)
    # While the worker runs, the viewer shows the busy page with its progress bar.
    assert window.viewer.stack.currentWidget() is window.viewer._busy_page
    qtbot.waitUntil(window.viewer.is_pdf, timeout=5000)
    assert threads == [False]


def test_image_material_in_window(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    qtbot.waitUntil(window.viewer.is_pdf, timeout=5000)
    for _ in range(7):
        window.next_material_action.trigger()
    qtbot.waitUntil(lambda: window.viewer.stack.currentWidget() is window.viewer.image_view,
                    timeout=5000)
