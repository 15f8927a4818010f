"""The material viewer: PDFs with QtPdf and scanned images, always from memory.

docs/architecture.md §9: ``QPdfDocument.load(QIODevice)`` does not own the device and
reads it lazily, so each document gets a ``QBuffer`` parented to the document
itself; decrypted bytes never touch the disk. QPdfView has no text selection,
so :class:`PdfView` builds one from ``QPdfDocument.getSelection``.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QPoint,
    QPointF,
    QRect,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPixmap,
    QPolygonF,
)
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel, QPdfSelection
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.gui.i18n import Retranslating

# Decoded images above this are refused (QImageReader's own default is 256 MB).
IMAGE_ALLOCATION_LIMIT_MB = 256
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
FIT_WIDTH, FIT_PAGE = "fit_width", "fit_page"


def decode_image(data: bytes) -> QImage:
    """Decode a JPEG/PNG from memory with EXIF rotation (safe off the GUI thread).

    Raises:
        ValueError: not an image Qt can read, or larger than the allocation limit.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAllocationLimit(IMAGE_ALLOCATION_LIMIT_MB)
    reader.setAutoTransform(True)
    image = reader.read()
    buffer.close()
    if image.isNull():
        raise ValueError(reader.errorString())
    return image


def render_page(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """Render one page painted on white (QPdfDocument.render is transparent)."""
    raw = document.render(page, size)
    image = QImage(raw.size(), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, raw)
    painter.end()
    return image


class PdfView(QPdfView):
    """QPdfView plus mouse text selection and copy (single-page mode)."""

    selectionChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPageMode(QPdfView.PageMode.SinglePage)
        self._selection: QPdfSelection | None = None
        self._anchor: QPointF | None = None
        self._line_cache: tuple[int, list] = (-1, [])
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)

    # --- geometry (mirrors QPdfViewPrivate::calculateDocumentLayout) ---------
    def page_geometry(self) -> QRect | None:
        """Where the current page is drawn, in viewport coordinates."""
        doc = self.document()
        if doc is None or doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
            return None
        page = self.pageNavigator().currentPage()
        screen = QGuiApplication.primaryScreen()
        resolution = (screen.logicalDotsPerInch() if screen else 96.0) / 72.0
        points = doc.pagePointSize(page)
        margins = self.documentMargins()
        vw, vh = self.viewport().width(), self.viewport().height()
        base = QSizeF(points.width() * resolution, points.height() * resolution).toSize()
        mode = self.zoomMode()
        if mode == QPdfView.ZoomMode.FitToWidth:
            factor = (vw - margins.left() - margins.right()) / max(1, base.width())
            size = QSizeF(base.width() * factor, base.height() * factor).toSize()
        elif mode == QPdfView.ZoomMode.FitInView:
            avail = QSize(vw - margins.left() - margins.right(), vh - self.pageSpacing())
            size = base.scaled(avail, Qt.AspectRatioMode.KeepAspectRatio)
        else:
            zoom = self.zoomFactor()
            size = QSizeF(points.width() * resolution * zoom,
                          points.height() * resolution * zoom).toSize()
        total_width = size.width() + margins.left() + margins.right()
        x = (max(total_width, vw) - size.width()) // 2
        return QRect(x - self.horizontalScrollBar().value(),
                     margins.top() - self.verticalScrollBar().value(),
                     size.width(), size.height())

    def _to_page(self, pos: QPoint) -> QPointF | None:
        rect = self.page_geometry()
        if rect is None or rect.width() <= 0:
            return None
        points = self.document().pagePointSize(self.pageNavigator().currentPage())
        scale = rect.width() / points.width()
        return QPointF((pos.x() - rect.x()) / scale, (pos.y() - rect.y()) / scale)

    # --- selection ------------------------------------------------------------
    def selected_text(self) -> str:
        return self._selection.text() if self._selection is not None else ""

    def _lines(self) -> list:
        """Bounding rectangles of the current page's text lines (cached per page)."""
        page = self.pageNavigator().currentPage()
        if self._line_cache[0] != page:
            doc = self.document()
            rects = [poly.boundingRect() for poly in doc.getAllText(page).bounds()]
            self._line_cache = (page, rects)
        return self._line_cache[1]

    def _snap(self, point: QPointF) -> tuple[int, QPointF] | None:
        """The nearest point that lies on text: PDFium only selects between characters."""
        lines = self._lines()
        if not lines:
            return None

        def distance(rect) -> float:
            if rect.top() <= point.y() <= rect.bottom():
                return 0.0
            return min(abs(point.y() - rect.top()), abs(point.y() - rect.bottom()))

        index = min(range(len(lines)), key=lambda i: (distance(lines[i]), i))
        rect = lines[index]
        x = min(max(point.x(), rect.left() + 0.5), rect.right() - 0.5)
        return index, QPointF(x, rect.center().y())

    def select_between(self, start: QPointF, end: QPointF) -> str:
        """Select the text between two points of the current page (in PDF points)."""
        doc = self.document()
        page = self.pageNavigator().currentPage()
        a, b = self._snap(start), self._snap(end)
        if a is None or b is None:
            self._selection = None
        else:
            if (b[0], b[1].x()) < (a[0], a[1].x()):  # keep reading order
                a, b = b, a
            self._selection = doc.getSelection(page, a[1], b[1])
        self.viewport().update()
        text = self.selected_text()
        self.selectionChanged.emit(text)
        return text

    def select_all_on_page(self) -> str:
        doc = self.document()
        if doc is None or doc.status() != QPdfDocument.Status.Ready:
            return ""
        self._selection = doc.getAllText(self.pageNavigator().currentPage())
        self.viewport().update()
        text = self.selected_text()
        self.selectionChanged.emit(text)
        return text

    def clear_selection(self) -> None:
        if self._selection is not None:
            self._selection = None
            self.viewport().update()
            self.selectionChanged.emit("")
        self._line_cache = (-1, [])

    def copy(self) -> bool:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return bool(text)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
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

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._selection is None or not self._selection.isValid():
            return
        rect = self.page_geometry()
        if rect is None:
            return
        points = self.document().pagePointSize(self.pageNavigator().currentPage())
        scale = rect.width() / points.width()
        painter = QPainter(self.viewport())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(30, 110, 220, 70))
        for polygon in self._selection.bounds():
            mapped = QPolygonF([QPointF(rect.x() + p.x() * scale, rect.y() + p.y() * scale)
                                for p in polygon])
            painter.drawPolygon(mapped)
        painter.end()


class ImageView(QScrollArea):
    """A scanned image with fit-width, fit-page and percent zoom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageView")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setBackgroundRole(self.backgroundRole())
        self._label = QLabel()
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(self._label)
        self.setWidgetResizable(False)
        self._image = QImage()
        self._zoom: str | float = FIT_WIDTH

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._apply()

    def clear(self) -> None:
        self._image = QImage()
        self._label.clear()
        self._label.resize(0, 0)

    def has_image(self) -> bool:
        return not self._image.isNull()

    def set_zoom(self, zoom: str | float) -> None:
        self._zoom = zoom
        self._apply()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if isinstance(self._zoom, str):
            self._apply()

    def _apply(self) -> None:
        if self._image.isNull():
            return
        avail = self.viewport().size() - QSize(4, 4)
        size = self._image.size()
        if self._zoom == FIT_WIDTH:
            target = size.scaled(avail.width(), 10**7, Qt.AspectRatioMode.KeepAspectRatio)
        elif self._zoom == FIT_PAGE:
            target = size.scaled(avail, Qt.AspectRatioMode.KeepAspectRatio)
        else:
            target = QSize(int(size.width() * float(self._zoom)),
                           int(size.height() * float(self._zoom)))
        pixmap = QPixmap.fromImage(self._image.scaled(
            target, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))
        self._label.setPixmap(pixmap)
        self._label.resize(pixmap.size())


class MaterialViewer(Retranslating, QWidget):
    """Toolbar + stacked PDF view / image view / busy and message pages."""

    #: (member_id, page) of what is on screen, page 0-based; -1 when nothing is.
    pageShown = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materialViewer")
        self.member_id = -1
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.search_model = QPdfSearchModel(self)
        self.search_model.setDocument(self.document)
        self._hit = -1

        self.pdf_view = PdfView(self)
        self.pdf_view.setObjectName("pdfView")
        self.pdf_view.setAccessibleName("pdfView")
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setSearchModel(self.search_model)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.image_view = ImageView(self)
        self.message = QLabel(self)
        self.message.setObjectName("viewerMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        busy_page = QWidget(self)
        self.busy_label = QLabel(busy_page)
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar(busy_page)
        self.progress.setObjectName("decryptProgress")
        self.progress.setRange(0, 0)  # busy: read_member reports no fraction
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(320)
        busy_layout = QVBoxLayout(busy_page)
        busy_layout.addStretch(1)
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        busy_layout.addStretch(1)

        self.stack = QStackedWidget(self)
        for widget in (self.message, busy_page, self.pdf_view, self.image_view):
            self.stack.addWidget(widget)
        self._busy_page = busy_page

        self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)

        navigator = self.pdf_view.pageNavigator()
        navigator.currentPageChanged.connect(self._on_page_changed)
        self.search_model.countChanged.connect(self._on_hits_changed)
        self.retranslate()
        self.show_message(self.tr("Select a material to read it here."))

    # --- toolbar ------------------------------------------------------------------
    def _tool(self, name: str, slot, text: str = "") -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setAutoRaise(True)
        button.setText(text)
        button.clicked.connect(slot)
        return button

    def _build_toolbar(self) -> None:
        self.toolbar = QWidget(self)
        self.toolbar.setObjectName("viewerToolbar")
        bar = QHBoxLayout(self.toolbar)
        bar.setContentsMargins(4, 2, 4, 2)
        self.prev_page_button = self._tool("prevPageButton", self.previous_page, "◀")
        self.next_page_button = self._tool("nextPageButton", self.next_page, "▶")
        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setMinimum(1)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda v: self.go_to_page(v - 1))
        self.page_count_label = QLabel(self)
        self.zoom_combo = QComboBox(self)
        self.zoom_combo.setObjectName("zoomCombo")
        self.zoom_combo.addItem("", FIT_WIDTH)
        self.zoom_combo.addItem("", FIT_PAGE)
        for step in ZOOM_STEPS:
            self.zoom_combo.addItem(f"{round(step * 100)}%", step)
        self.zoom_combo.currentIndexChanged.connect(self._on_zoom_combo)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(220)
        self.search_edit.textChanged.connect(self.search)
        self.search_edit.returnPressed.connect(self.next_hit)
        self.prev_hit_button = self._tool("prevHitButton", self.previous_hit, "▲")
        self.next_hit_button = self._tool("nextHitButton", self.next_hit, "▼")
        self.hit_label = QLabel(self)
        self.hit_label.setObjectName("hitLabel")
        self.copy_button = self._tool("copyButton", self.pdf_view.copy)
        self.copy_button.setEnabled(False)
        self.pdf_view.selectionChanged.connect(lambda t: self.copy_button.setEnabled(bool(t)))
        for widget in (self.prev_page_button, self.page_spin, self.page_count_label,
                       self.next_page_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.zoom_combo)
        bar.addSpacing(12)
        bar.addWidget(self.search_edit)
        for widget in (self.prev_hit_button, self.next_hit_button, self.hit_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.copy_button)
        self.evidence_slot = QHBoxLayout()  # the main window adds its evidence button here
        bar.addLayout(self.evidence_slot)
        self._update_controls()

    def retranslate(self) -> None:
        self.zoom_combo.setItemText(0, self.tr("Fit width"))
        self.zoom_combo.setItemText(1, self.tr("Fit page"))
        self.search_edit.setPlaceholderText(self.tr("Search in document"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the selected text (Ctrl+C)"))
        self.prev_page_button.setToolTip(self.tr("Previous page"))
        self.next_page_button.setToolTip(self.tr("Next page"))
        self.prev_hit_button.setToolTip(self.tr("Previous match"))
        self.next_hit_button.setToolTip(self.tr("Next match"))
        self.zoom_combo.setToolTip(self.tr("Zoom"))
        self.busy_label.setText(self.tr("Decrypting and checking the material…"))
        self._update_controls()
        self._on_hits_changed()

    # --- loading ----------------------------------------------------------------
    def show_busy(self, member_id: int) -> None:
        self.unload()
        self.member_id = member_id
        self.stack.setCurrentWidget(self._busy_page)

    def show_message(self, text: str) -> None:
        self.unload()
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def load_pdf(self, member_id: int, data: bytes) -> bool:
        """Show a PDF from memory; returns False (with a message) when it does not load."""
        self.unload()
        buffer = QBuffer(self.document)  # parented to the document: lives as long as it
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            self.show_message(self.tr("This PDF cannot be displayed (it may be damaged)."))
            return False
        self.member_id = member_id
        self.stack.setCurrentWidget(self.pdf_view)
        self.pdf_view.pageNavigator().jump(0, QPointF(), 0)
        self.search(self.search_edit.text())
        self._update_controls()
        self.pageShown.emit(member_id, 0)
        return True

    def load_image(self, member_id: int, image: QImage) -> None:
        self.unload()
        self.member_id = member_id
        self.image_view.set_image(image)
        self.image_view.set_zoom(self.zoom_combo.currentData())
        self.stack.setCurrentWidget(self.image_view)
        self._update_controls()
        self.pageShown.emit(member_id, 0)

    def unload(self) -> None:
        """Drop the document, its buffer and the image (on switch and on lock)."""
        self.pdf_view.clear_selection()
        self.search_model.setSearchString("")
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
            self._buffer = None
        self.image_view.clear()
        self.member_id = -1
        self._hit = -1
        self._update_controls()

    def is_pdf(self) -> bool:
        return self.stack.currentWidget() is self.pdf_view

    # --- navigation -------------------------------------------------------------
    def current_page(self) -> int:
        return self.pdf_view.pageNavigator().currentPage() if self.is_pdf() else 0

    def page_count(self) -> int:
        return self.document.pageCount() if self.is_pdf() else (1 if self.member_id > 0 else 0)

    def go_to_page(self, page: int) -> None:
        if not self.is_pdf():
            return
        page = max(0, min(page, self.document.pageCount() - 1))
        if page != self.current_page():
            self.pdf_view.clear_selection()
            self.pdf_view.pageNavigator().jump(page, QPointF(), 0)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def page_down(self) -> None:
        """Scroll a screenful; at the bottom of a page, go on to the next one."""
        target = self.pdf_view if self.is_pdf() else self.image_view
        bar = target.verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
        elif self.is_pdf() and self.current_page() < self.page_count() - 1:
            self.next_page()
            self.pdf_view.verticalScrollBar().setValue(0)

    def page_up(self) -> None:
        target = self.pdf_view if self.is_pdf() else self.image_view
        bar = target.verticalScrollBar()
        if bar.value() > bar.minimum():
            bar.setValue(bar.value() - bar.pageStep())
        elif self.is_pdf() and self.current_page() > 0:
            self.previous_page()
            bar = self.pdf_view.verticalScrollBar()
            bar.setValue(bar.maximum())

    def _on_page_changed(self, page: int) -> None:
        self._update_controls()
        if self.is_pdf():
            self.pageShown.emit(self.member_id, page)

    # --- zoom -------------------------------------------------------------------
    def set_zoom(self, zoom: str | float) -> None:
        index = self.zoom_combo.findData(zoom)
        if index >= 0:
            self.zoom_combo.setCurrentIndex(index)

    def zoom_in(self) -> None:
        self._step_zoom(+1)

    def zoom_out(self) -> None:
        self._step_zoom(-1)

    def _step_zoom(self, direction: int) -> None:
        current = self.zoom_combo.currentData()
        factor = current if isinstance(current, float) else self.pdf_view.zoomFactor()
        steps = [s for s in ZOOM_STEPS if (s > factor + 1e-6 if direction > 0
                                           else s < factor - 1e-6)]
        if steps:
            self.set_zoom(steps[0] if direction > 0 else steps[-1])

    def _on_zoom_combo(self, _index: int) -> None:
        zoom = self.zoom_combo.currentData()
        if zoom == FIT_WIDTH:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif zoom == FIT_PAGE:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.pdf_view.setZoomFactor(float(zoom))
        self.image_view.set_zoom(zoom)

    # --- search -----------------------------------------------------------------
    def search(self, text: str) -> None:
        self._hit = -1
        self.search_model.setSearchString(text if self.is_pdf() else "")
        self._on_hits_changed()

    def hit_count(self) -> int:
        # Results arrive incrementally; rowCount with an invalid parent is the total so far.
        return self.search_model.rowCount(self.search_model.index(-1, -1))

    def next_hit(self) -> None:
        self._go_to_hit(self._hit + 1)

    def previous_hit(self) -> None:
        self._go_to_hit(self._hit - 1)

    def _go_to_hit(self, index: int) -> None:
        count = self.hit_count()
        if count == 0:
            return
        self._hit = index % count
        link = self.search_model.resultAtIndex(self._hit)
        self.pdf_view.setCurrentSearchResultIndex(self._hit)
        self.pdf_view.pageNavigator().jump(link)
        self._on_hits_changed()

    def _on_hits_changed(self) -> None:
        count = self.hit_count() if self.search_edit.text() else 0
        if not self.search_edit.text():
            self.hit_label.setText("")
        elif count == 0:
            self.hit_label.setText(self.tr("No matches"))
        elif self._hit < 0:
            self.hit_label.setText(self.tr("%1 matches").replace("%1", str(count)))
        else:
            self.hit_label.setText(self.tr("%1 of %2").replace("%1", str(self._hit + 1))
                                   .replace("%2", str(count)))
        self.prev_hit_button.setEnabled(count > 0)
        self.next_hit_button.setEnabled(count > 0)

    def _update_controls(self) -> None:
        pdf = self.is_pdf()
        count = self.document.pageCount() if pdf else 0
        page = self.current_page()
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(1, count))
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        for widget in (self.page_spin, self.search_edit):
            widget.setEnabled(pdf)
        self.prev_page_button.setEnabled(pdf and page > 0)
        self.next_page_button.setEnabled(pdf and page < count - 1)
        self.page_count_label.setText(self.tr("of %1").replace("%1", str(count)) if pdf
                                      else "")
        self.zoom_combo.setEnabled(pdf or self.image_view.has_image())
