"""One page of a material, drawn from pixels the render worker sends (no parser here).

:class:`PageView` lays a page out like QPdfView's single-page mode (fit width, fit
page or a zoom factor; centred, 6 px margins), asks the worker for the page at exactly
the size it is shown, and paints search hits and the text selection over it. Zoom is
clamped so that no page image exceeds ``MAX_PAGE_PIXELS`` (nor ``MAX_PAGE_SIDE`` on a
side): a 200-inch page or a 100 x 600000 image at "fit width" is shown smaller instead
of asking anyone for gigabytes.

Requests coalesce: while one render or selection is on its way, only the newest wish is
remembered and sent when the answer arrives, so dragging or resizing never queues work.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import (
    QMetaObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPainter,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from reviewer_app.gui.widgets.render_protocol import (
    MAX_PAGE_PIXELS,
    MAX_PAGE_SIDE,
    page_size,
    selection_bounds,
)

FIT_WIDTH, FIT_PAGE = "fit_width", "fit_page"
MARGIN = 6
SELECTION_COLOUR = QColor(30, 110, 220, 70)
HIT_COLOUR = QColor(255, 200, 0, 110)
# Pages sized per ``sizes`` request: a long PDF is sized in steps of a few milliseconds,
# so that the next material's ``open`` never waits long behind them.
SIZES_PER_REQUEST = 10
CURRENT_HIT_COLOUR = QColor(255, 120, 0, 150)


def clamp_to_pixel_cap(size: QSizeF, device_ratio: float = 1.0) -> QSizeF:
    """``size`` scaled down (aspect kept) until its device pixels fit the caps."""
    width, height = size.width() * device_ratio, size.height() * device_ratio
    factor = 1.0
    if width * height > MAX_PAGE_PIXELS:
        factor = math.sqrt(MAX_PAGE_PIXELS / (width * height))
    factor = min(factor, MAX_PAGE_SIDE / max(1.0, width), MAX_PAGE_SIDE / max(1.0, height))
    return QSizeF(size.width() * factor, size.height() * factor) if factor < 1 else size


class PageView(QAbstractScrollArea):
    """A single page with zoom, text selection (PDFs) and search highlights."""

    selectionChanged = Signal(str)
    #: the page whose pixels are now on screen (after a render arrived)
    pageRendered = Signal(int)
    #: (error code, detail) of a request the worker could not answer
    failed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None, *, selectable: bool = True) -> None:
        super().__init__(parent)
        self._selectable = selectable
        self._client = None
        self._doc = 0
        self._sizes: list[tuple[float, float]] = []
        self._sized_up_to = 0  # pages before this one have their own size
        self._sizes_asked = False
        self._points_per_unit = 1.0  # PDF: screen dpi / 72; image: 1 (pixels)
        self._page = 0
        self._zoom: str | float = FIT_WIDTH
        self._pixmap: QPixmap | None = None
        self._pixmap_key: tuple[int, int, int] | None = None
        self._render_pending = False  # a render request is on its way
        self._selection: dict[str, Any] | None = None
        self._select_pending: tuple | None = None  # newest wish while one is in flight
        self._select_busy = False
        self._anchor: QPointF | None = None
        self._hits: list[dict[str, Any]] = []
        self._current_hit = -1
        self._render_posted = False
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setBackgroundRole(self.viewport().backgroundRole())
        if selectable:
            self.viewport().setCursor(Qt.CursorShape.IBeamCursor)

    # --- document -----------------------------------------------------------------
    def set_document(self, client, doc: int, sizes: list[tuple[float, float] | None],
                     *, pdf: bool) -> None:
        """Show document ``doc`` of ``client`` (page sizes in points, or pixels; None for
        a page not sized yet: it is drawn at the first page's size until ``sizes`` is
        answered, right after the first page is on screen)."""
        self._client, self._doc = client, doc
        self._sized_up_to = next((page for page, size in enumerate(sizes) if size is None),
                                 len(sizes))
        self._sizes_asked = False
        self._sizes = [size if size is not None else sizes[0] for size in sizes]
        screen = QGuiApplication.primaryScreen()
        dpi = screen.logicalDotsPerInch() if screen else 96.0
        self._points_per_unit = dpi / 72.0 if pdf else 1.0
        self._page = 0
        self._pixmap, self._pixmap_key = None, None
        self._hits, self._current_hit = [], -1
        self._selection = None
        self._update_scrollbars()
        self.schedule_render()

    def clear(self) -> None:
        self._client, self._doc, self._sizes = None, 0, []
        self._pixmap, self._pixmap_key = None, None
        self._render_pending = self._select_busy = False
        self._select_pending = None
        self._hits, self._current_hit = [], -1
        self._selection = None
        self._anchor = None
        self._update_scrollbars()
        self.viewport().update()

    def page_count(self) -> int:
        return len(self._sizes)

    def has_page(self) -> bool:
        return self._pixmap is not None

    def current_page(self) -> int:
        return self._page

    def set_page(self, page: int) -> None:
        if not self._sizes:
            return
        page = max(0, min(page, len(self._sizes) - 1))
        if page != self._page:
            self._page = page
            self.clear_selection()
            self._update_scrollbars()
            self.schedule_render()

    # --- zoom and geometry -------------------------------------------------------------
    def zoom(self) -> str | float:
        return self._zoom

    def set_zoom(self, zoom: str | float) -> None:
        self._zoom = zoom
        self._update_scrollbars()
        self.schedule_render()

    def zoom_factor(self) -> float:
        """The effective zoom of the page on screen (after fitting and the pixel cap)."""
        if not self._sizes:
            return 1.0
        base = self._sizes[self._page][0] * self._points_per_unit
        return self.page_size().width() / max(1e-6, base)

    def page_size(self) -> QSize:
        """Size of the current page on screen (logical pixels)."""
        if not self._sizes:
            return QSize()
        width, height = self._sizes[self._page]
        base = QSizeF(width * self._points_per_unit, height * self._points_per_unit)
        avail_w = self.viewport().width() - 2 * MARGIN
        avail_h = self.viewport().height() - 2 * MARGIN
        if self._zoom == FIT_WIDTH:
            factor = avail_w / max(1.0, base.width())
        elif self._zoom == FIT_PAGE:
            factor = min(avail_w / max(1.0, base.width()), avail_h / max(1.0, base.height()))
        else:
            factor = float(self._zoom)
        size = QSizeF(base.width() * factor, base.height() * factor)
        size = clamp_to_pixel_cap(size, self.devicePixelRatioF())
        return QSize(max(1, int(size.width())), max(1, int(size.height())))

    def page_geometry(self) -> QRect | None:
        """Where the current page is drawn, in viewport coordinates."""
        if not self._sizes:
            return None
        size = self.page_size()
        total_width = size.width() + 2 * MARGIN
        x = (max(total_width, self.viewport().width()) - size.width()) // 2
        return QRect(x - self.horizontalScrollBar().value(),
                     MARGIN - self.verticalScrollBar().value(), size.width(), size.height())

    def _scale(self, rect: QRect) -> float:
        return rect.width() / max(1e-6, self._sizes[self._page][0])

    def _to_page(self, pos: QPoint) -> QPointF | None:
        rect = self.page_geometry()
        if rect is None or rect.width() <= 0:
            return None
        scale = self._scale(rect)
        return QPointF((pos.x() - rect.x()) / scale, (pos.y() - rect.y()) / scale)

    def _update_scrollbars(self) -> None:
        size = self.page_size() if self._sizes else QSize(0, 0)
        port = self.viewport().size()
        for bar, content, visible in (
                (self.horizontalScrollBar(), size.width() + 2 * MARGIN, port.width()),
                (self.verticalScrollBar(), size.height() + 2 * MARGIN, port.height())):
            bar.setRange(0, max(0, content - visible))
            bar.setPageStep(visible)
            bar.setSingleStep(20)
        self.viewport().update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()
        self.schedule_render()

    def ensure_visible(self, rect_points: QRectF) -> None:
        """Scroll so that a rectangle of the page (in points) is on screen, on both axes
        (a search hit at the right of a page zoomed to 200 % is off screen sideways);
        a rectangle already in view stays put, one outside is centred."""
        geometry = self.page_geometry()
        if geometry is None:
            return
        scale = self._scale(geometry)
        # In content coordinates: where the rectangle is with both bars at 0.
        left = geometry.x() + self.horizontalScrollBar().value() + rect_points.x() * scale
        top = geometry.y() + self.verticalScrollBar().value() + rect_points.y() * scale
        port = self.viewport().size()
        for bar, start, length, visible in (
                (self.horizontalScrollBar(), left, rect_points.width() * scale, port.width()),
                (self.verticalScrollBar(), top, rect_points.height() * scale, port.height())):
            if bar.value() + MARGIN <= start and start + length <= bar.value() + visible - MARGIN:
                continue
            centred = start + length / 2 - visible / 2
            # A rectangle wider than the view shows its start (where the word begins).
            bar.setValue(int(centred if length <= visible - 2 * MARGIN else start - MARGIN))
        self.viewport().update()

    def rect_in_viewport(self, rect_points: QRectF) -> QRectF:
        """A rectangle of the page (in points) in viewport coordinates, as painted."""
        geometry = self.page_geometry()
        if geometry is None:
            return QRectF()
        scale = self._scale(geometry)
        return QRectF(geometry.x() + rect_points.x() * scale,
                      geometry.y() + rect_points.y() * scale,
                      rect_points.width() * scale, rect_points.height() * scale)

    # --- rendering -------------------------------------------------------------------------
    def schedule_render(self) -> None:
        # Once, after the changes of this event and the scroll bars they show or hide
        # (a queued call before ours), but before the window is repainted (a low-priority
        # event): a timer would wait for the repaint too.
        if self._client is not None and self._sizes and not self._render_posted:
            self._render_posted = True
            QMetaObject.invokeMethod(self, "_posted_render", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _posted_render(self) -> None:
        self._render_posted = False
        self._request_render()

    def _wanted(self) -> tuple[int, int, int]:
        size = self.page_size()
        ratio = self.devicePixelRatioF()
        width = max(1, min(MAX_PAGE_SIDE, int(size.width() * ratio)))
        height = max(1, min(MAX_PAGE_SIDE, int(size.height() * ratio)))
        while width * height > MAX_PAGE_PIXELS:  # rounding never pushes past the cap
            width, height = width - 1, max(1, int(height * (width - 1) / width))
        return self._page, width, height

    def _request_render(self) -> None:
        if self._client is None or not self._sizes or self._render_pending:
            return
        wanted = self._wanted()
        if wanted == self._pixmap_key:
            return
        self._render_pending = True
        doc = self._doc
        page, width, height = wanted
        self._client.request("render", doc, {"page": page, "width": width, "height": height},
                             lambda reply, payload: self._rendered(doc, wanted, reply, payload))

    def _rendered(self, doc: int, key: tuple[int, int, int], reply: dict[str, Any],
                  payload: bytes | memoryview) -> None:
        if doc != self._doc:
            return
        self._render_pending = False
        if not reply.get("ok"):
            self.failed.emit(str(reply.get("error", "")), str(reply.get("detail", "")))
            return
        width, height, stride = reply["width"], reply["height"], reply["stride"]
        if (width, height) != key[1:] or stride < width * 4 or len(payload) < stride * height:
            self.failed.emit("crashed", "protocol: a page of the wrong size")
            return
        # Copied into an image Qt owns (PySide6's QImage-over-bytes constructor corrupts
        # reference counts: "deallocating None" after a few hundred pages).
        image = QImage(width, height, QImage.Format.Format_RGB32)
        if image.isNull():
            self.failed.emit("no_memory", "")
            return
        bits = memoryview(image.bits()).cast("B")
        line = image.bytesPerLine()
        if line == stride:
            bits[:stride * height] = payload[:stride * height]
        else:
            for y in range(height):
                bits[y * line:y * line + width * 4] = payload[y * stride:y * stride + width * 4]
        del bits
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self._pixmap, self._pixmap_key = pixmap, key
        self.viewport().update()
        self.pageRendered.emit(key[0])
        if not self._sizes_asked and self._sized_up_to < len(self._sizes):
            self._sizes_asked = True  # the rest of the pages, after the first is shown
            self._ask_sizes(doc)
        if self._wanted() != key:
            self.schedule_render()

    def _ask_sizes(self, doc: int) -> None:
        self._client.request("sizes", doc, {"first": self._sized_up_to,
                                            "count": SIZES_PER_REQUEST},
                             lambda reply, _p: self._sized(doc, reply))

    def _sized(self, doc: int, reply: dict[str, Any]) -> None:
        sizes, first = reply.get("sizes"), reply.get("first")
        if doc != self._doc or not reply.get("ok") or not isinstance(sizes, list) \
                or first != self._sized_up_to or first + len(sizes) > len(self._sizes) \
                or not sizes:
            return
        current = self._sizes[self._page]
        for page, size in enumerate(sizes, start=first):
            self._sizes[page] = page_size(size)
        self._sized_up_to = first + len(sizes)
        if self._sized_up_to < len(self._sizes):
            self._ask_sizes(doc)
        if self._sizes[self._page] != current:
            self._update_scrollbars()
            self.schedule_render()

    def grab_page(self) -> QImage:
        """The pixels of the current page as last rendered (for tests and benches)."""
        return self._pixmap.toImage() if self._pixmap is not None else QImage()

    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        rect = self.page_geometry()
        if rect is None:
            return
        painter.fillRect(rect, Qt.GlobalColor.white)
        if self._pixmap is not None and self._pixmap_key[0] == self._page:
            # While a new size is on its way the old pixels stand in, scaled.
            painter.drawPixmap(rect, self._pixmap)
        scale = self._scale(rect)

        def to_view(x: float, y: float) -> QPointF:
            return QPointF(rect.x() + x * scale, rect.y() + y * scale)

        painter.setPen(Qt.PenStyle.NoPen)
        for index, hit in enumerate(self._hits):
            if hit["page"] != self._page:
                continue
            painter.setBrush(CURRENT_HIT_COLOUR if index == self._current_hit else HIT_COLOUR)
            for x, y, w, h in hit["rects"]:
                painter.drawRect(QRectF(to_view(x, y), to_view(x + w, y + h)))
        if self._selection and self._selection["page"] == self._page:
            painter.setBrush(SELECTION_COLOUR)
            for polygon in self._selection["bounds"]:
                painter.drawPolygon(QPolygonF([to_view(x, y) for x, y in polygon]))
        painter.end()

    # --- search hits ---------------------------------------------------------------------
    def set_hits(self, hits: list[dict[str, Any]], current: int = -1) -> None:
        self._hits, self._current_hit = hits, current
        self.viewport().update()

    # --- selection -------------------------------------------------------------------------
    def selected_text(self) -> str:
        return self._selection["text"] if self._selection else ""

    def select_between(self, start: QPointF, end: QPointF) -> None:
        """Select the text between two points of the current page (in PDF points); the
        answer arrives later (``selectionChanged``)."""
        self._ask_selection(("select", self._page, {"ax": start.x(), "ay": start.y(),
                                                    "bx": end.x(), "by": end.y()}))

    def select_all_on_page(self) -> None:
        self._ask_selection(("select_all", self._page, {}))

    def _ask_selection(self, wish: tuple) -> None:
        if not self._selectable or self._client is None or not self._sizes:
            return
        if self._select_busy:
            self._select_pending = wish
            return
        self._select_busy = True
        op, page, params = wish
        doc = self._doc
        self._client.request(op, doc, {"page": page, **params},
                             lambda reply, _p: self._selected(doc, page, reply))

    def _selected(self, doc: int, page: int, reply: dict[str, Any]) -> None:
        if doc != self._doc:
            return
        self._select_busy = False
        if self._select_pending is not None:
            wish, self._select_pending = self._select_pending, None
            self._ask_selection(wish)  # a newer wish supersedes this answer
            return
        if not reply.get("ok"):
            self.failed.emit(str(reply.get("error", "")), str(reply.get("detail", "")))
            return
        text = str(reply.get("text", ""))
        bounds = selection_bounds(reply.get("bounds", []))  # unusable: the worker is killed
        self._selection = {"page": page, "text": text, "bounds": bounds} if text else None
        self.viewport().update()
        self.selectionChanged.emit(text)

    def clear_selection(self) -> None:
        self._select_pending = None
        if self._selection is not None:
            self._selection = None
            self.viewport().update()
            self.selectionChanged.emit("")

    def copy(self) -> bool:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return bool(text)

    # --- events --------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if self._selectable and event.button() == Qt.MouseButton.LeftButton:
            self._anchor = self._to_page(event.position().toPoint())
            self.clear_selection()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._anchor is not None and event.buttons() & Qt.MouseButton.LeftButton:
            end = self._to_page(event.position().toPoint())
            if end is not None:
                self.select_between(self._anchor, end)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        self._anchor = None
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all_on_page()
            return
        super().keyPressEvent(event)
