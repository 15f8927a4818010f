"""The material viewer: PDFs from memory through the render worker, search, selection,
images, zoom."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QGuiApplication, QImage
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reviewer_app.gui.widgets.page_view import FIT_PAGE, FIT_WIDTH
from reviewer_app.gui.widgets.viewer import MaterialViewer
from tests.gui.conftest import open_and_unlock
from tests.gui.fakes import make_pdf, make_png


@pytest.fixture
def viewers(qtbot):
    made: list[MaterialViewer] = []
    yield made
    for viewer in made:
        viewer.client.stop()


@pytest.fixture
def new_viewer(qtbot, viewers):
    def make() -> MaterialViewer:
        viewer = MaterialViewer()
        qtbot.addWidget(viewer)
        viewer.resize(900, 700)
        viewer.show()
        viewers.append(viewer)
        return viewer

    return make


def _non_white(image: QImage) -> int:
    return sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 128)


def _open_pdf(qtbot, viewer: MaterialViewer, data: bytes, page: int = 0) -> None:
    with qtbot.waitSignal(viewer.pdf_view.pageRendered, timeout=15000):
        viewer.load_pdf(7, data, page)
    assert viewer.is_pdf()


def test_pdf_renders_in_the_worker_from_memory(qtbot, new_viewer):
    viewer = new_viewer()
    _open_pdf(qtbot, viewer, make_pdf("Title", "MARKER-A", pages=4))
    assert viewer.page_count() == 4 and viewer.member_id == 7
    # The worker parsed it: no PDF engine is loaded into this process.
    assert viewer.client.worker_pid() > 0
    page = viewer.pdf_view.grab_page()
    # The page arrives at the size it is shown, painted on white (not transparent).
    assert page.size() == viewer.pdf_view.page_size()
    assert page.pixelColor(1, 1).lightness() == 255
    assert _non_white(page) > 10
    assert _non_white(viewer.pdf_view.grab().toImage()) > 10


def test_page_navigation_and_zoom(qtbot, new_viewer):
    viewer = new_viewer()
    _open_pdf(qtbot, viewer, make_pdf("T", "M", pages=5))
    viewer.next_page()
    viewer.next_page()
    assert viewer.current_page() == 2 and viewer.page_spin.value() == 3
    viewer.page_spin.setValue(5)
    assert viewer.current_page() == 4
    viewer.next_page()
    assert viewer.current_page() == 4
    qtbot.waitUntil(lambda: viewer.pdf_view._pixmap_key[0] == 4, timeout=5000)
    viewer.set_zoom(FIT_PAGE)
    assert viewer.pdf_view.zoom() == FIT_PAGE
    assert viewer.pdf_view.page_size().height() <= viewer.pdf_view.viewport().height()
    viewer.set_zoom(2.0)
    assert viewer.pdf_view.zoom() == 2.0
    width_at_2 = viewer.pdf_view.page_size().width()
    viewer.zoom_in()
    assert viewer.pdf_view.zoom() == 3.0
    assert abs(viewer.pdf_view.page_size().width() - width_at_2 * 1.5) <= 2
    viewer.zoom_out()
    viewer.zoom_out()
    assert viewer.pdf_view.zoom() == 1.5
    qtbot.waitUntil(lambda: viewer.pdf_view.grab_page().size()
                    == viewer.pdf_view.page_size(), timeout=5000)


def test_search_finds_hits_and_navigates(qtbot, new_viewer):
    viewer = new_viewer()
    _open_pdf(qtbot, viewer, make_pdf("T", "NEEDLE-42", pages=3))
    viewer.search_edit.setText("needle-42")  # case-insensitive, like QPdfSearchModel
    qtbot.waitUntil(lambda: viewer.hit_count() == 3, timeout=5000)
    assert all(hit["rects"] for hit in viewer._hits)
    viewer.next_hit()
    viewer.next_hit()
    assert viewer.current_page() == 1
    assert viewer._hit == 1 and "3" in viewer.hit_label.text()
    viewer.previous_hit()
    viewer.previous_hit()
    assert viewer._hit == 2 and viewer.current_page() == 2
    viewer.search_edit.setText("NOT-IN-THERE")
    qtbot.waitUntil(lambda: viewer.hit_label.text() != "" and viewer.hit_count() == 0
                    and not viewer._search_busy and not viewer._search_timer.isActive(),
                    timeout=5000)


def test_text_selection_and_copy(qtbot, new_viewer):
    viewer = new_viewer()
    _open_pdf(qtbot, viewer, make_pdf("T", "COPY-ME-7", pages=1))
    with qtbot.waitSignal(viewer.pdf_view.selectionChanged, timeout=5000):
        viewer.pdf_view.select_between(QPointF(0, 0), QPointF(600, 110))
    assert "COPY-ME-7" in viewer.pdf_view.selected_text()
    assert viewer.copy_button.isEnabled()
    assert viewer.pdf_view.copy()
    assert "COPY-ME-7" in QGuiApplication.clipboard().text()
    rect = viewer.pdf_view.page_geometry()
    assert rect is not None and rect.width() > 100
    viewer.pdf_view.clear_selection()
    assert not viewer.copy_button.isEnabled()
    with qtbot.waitSignal(viewer.pdf_view.selectionChanged, timeout=5000):
        viewer.pdf_view.select_all_on_page()
    assert viewer.pdf_view.selected_text().count("COPY-ME-7") == 1


def test_mouse_drag_selects(qtbot, new_viewer):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    viewer = new_viewer()
    _open_pdf(qtbot, viewer, make_pdf("T", "DRAG-ME", pages=1))
    port = viewer.pdf_view.viewport()
    rect = viewer.pdf_view.page_geometry()
    start = QPoint(rect.left() + 5, rect.top() + 5)
    end = QPoint(rect.right() - 5, rect.top() + int(rect.height() * 0.14))
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=start)
    move = QMouseEvent(QMouseEvent.Type.MouseMove, QPointF(end), QPointF(port.mapToGlobal(end)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(port, move)
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: "DRAG-ME" in viewer.pdf_view.selected_text(), timeout=5000)


def test_image_with_zoom(qtbot, new_viewer):
    viewer = new_viewer()
    with qtbot.waitSignal(viewer.image_view.pageRendered, timeout=15000):
        viewer.load_image(3, make_png("IMG"))
    assert viewer.stack.currentWidget() is viewer.image_view
    viewer.set_zoom(2.0)
    assert viewer.image_view.page_size().width() == 800
    qtbot.waitUntil(lambda: viewer.image_view.grab_page().width() == 800, timeout=5000)
    viewer.set_zoom(FIT_PAGE)
    assert viewer.image_view.page_size().width() <= viewer.image_view.viewport().width()
    qtbot.waitUntil(lambda: viewer.image_view.grab_page().size()
                    == viewer.image_view.page_size(), timeout=5000)


def test_damaged_pdf_shows_a_message(qtbot, new_viewer):
    viewer = new_viewer()
    with qtbot.waitSignal(viewer.materialFailed, timeout=15000):
        viewer.load_pdf(1, b"%PDF-1.4 not really")
    assert viewer.stack.currentWidget() is viewer.message
    assert viewer.failure[0] == "damaged"


def test_decrypt_runs_off_the_gui_thread(qtbot, window, opener, package_file, monkeypatch):
    import threading

    open_and_unlock(qtbot, window, package_file)
    qtbot.waitUntil(window.viewer.is_pdf, timeout=10000)
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
    qtbot.waitUntil(window.viewer.is_pdf, timeout=10000)
    assert threads == [False]


def test_image_material_in_window(qtbot, window, package_file):
    open_and_unlock(qtbot, window, package_file)
    qtbot.waitUntil(window.viewer.is_pdf, timeout=10000)
    for _ in range(7):
        window.next_material_action.trigger()
    qtbot.waitUntil(window.viewer.is_image, timeout=10000)
    qtbot.waitUntil(window.viewer.image_view.has_page, timeout=10000)


# --- search hits come into view at every zoom (issue 12, item 1) -----------------------

NEEDLE = "FARAWAY-HIT"


def _pdf_with_far_hits() -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, height - 72, "Page one has no match.")
    pdf.showPage()
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, height - 72, "Page two: the match is at the bottom right.")
    pdf.drawRightString(width - 30, 30, NEEDLE)
    pdf.showPage()
    pdf.setFont("Helvetica", 12)
    pdf.drawRightString(width - 30, height - 40, NEEDLE)
    pdf.drawString(30, height / 2, "and another one, left, in the middle:")
    pdf.drawString(30, height / 2 - 16, NEEDLE)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _dark_pixels(image: QImage, rect: QRectF) -> int:
    area = rect.toAlignedRect().intersected(image.rect())
    return sum(1 for x in range(area.left(), area.right() + 1)
               for y in range(area.top(), area.bottom() + 1)
               if image.pixelColor(x, y).lightness() < 128)


@pytest.mark.parametrize("zoom", [0.5, 1.0, 1.5, 2.0, 4.0, FIT_WIDTH, FIT_PAGE])
def test_next_hit_scrolls_the_hit_into_view_rendered(qtbot, new_viewer, zoom):
    viewer = new_viewer()
    _open_pdf(qtbot, viewer, _pdf_with_far_hits())
    viewer.set_zoom(zoom)
    view = viewer.pdf_view
    viewer.search_edit.setText(NEEDLE.lower())
    qtbot.waitUntil(lambda: viewer.hit_count() == 3, timeout=5000)
    for number in range(3):
        viewer.next_hit()
        hit = viewer._hits[number]
        assert viewer.current_page() == hit["page"]
        # The page is rendered at the size shown (no grey or stale stand-in).
        qtbot.waitUntil(lambda: view._pixmap_key == view._wanted()
                        and not view._render_pending, timeout=10000)
        qtbot.wait(10)  # the repaint
        port = view.viewport()
        for x, y, w, h in hit["rects"]:
            rect = view.rect_in_viewport(QRectF(x, y, w, h))
            assert QRectF(port.rect()).contains(rect), (zoom, number, rect, port.rect())
            shown = port.grab().toImage()
            assert _dark_pixels(shown, rect) > 5, f"hit {number} not drawn at {zoom}"


# --- a drag along a line of several text runs selects the whole line (issue 12, item 2) -

RUNS = (("Helvetica", "Applicant"), ("Times-Bold", "deployed"), ("Courier", "edge"),
        ("Helvetica-Oblique", "inspection"))


def _pdf_with_one_line_of_runs() -> tuple[bytes, float, float, float]:
    """A page whose first line is four drawString calls in four fonts, and a second line;
    returns the PDF and the line's left, right and baseline (points from the top)."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    x, baseline = 72.0, A4[1] - 100
    for font, word in RUNS:
        pdf.setFont(font, 14)
        pdf.drawString(x, baseline, word)
        x += pdf.stringWidth(word, font, 14) + 8
    pdf.setFont("Helvetica", 14)
    pdf.drawString(72, baseline - 40, "A second line that must not be selected.")
    pdf.showPage()
    pdf.save()
    return out.getvalue(), 72.0, x - 8, A4[1] - baseline


@pytest.mark.parametrize("zoom", [1.0, 2.0, FIT_WIDTH])
def test_dragging_along_a_line_of_several_runs_selects_the_line(qtbot, new_viewer, zoom):
    from PySide6.QtCore import QPoint, Qt

    viewer = new_viewer()
    data, left, right, baseline = _pdf_with_one_line_of_runs()
    _open_pdf(qtbot, viewer, data)
    viewer.set_zoom(zoom)
    view = viewer.pdf_view
    qtbot.waitUntil(lambda: view._pixmap_key == view._wanted(), timeout=10000)
    middle = baseline - 5  # in the letters, above the baseline
    start = view.rect_in_viewport(QRectF(left + 1, middle, 0, 0)).topLeft().toPoint()
    end = view.rect_in_viewport(QRectF(right - 1, middle, 0, 0)).topLeft().toPoint()
    assert view.viewport().rect().contains(end), "the line's end is on screen"
    port = view.viewport()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 5):  # a drag: several moves with the button held
        point = start + (end - start) * (step / 4)
        qtbot.mouseMove(port, QPoint(point.x(), point.y()))
        _drag_to(port, QPoint(point.x(), point.y()))
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=end)
    line = " ".join(word for _font, word in RUNS)
    qtbot.waitUntil(lambda: " ".join(view.selected_text().split()) == line, timeout=5000)


def _drag_to(port, point) -> None:
    """A move with the left button held (QTest's mouseMove sends no buttons)."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(port, QMouseEvent(
        QMouseEvent.Type.MouseMove, QPointF(point), QPointF(port.mapToGlobal(point)),
        Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
