"""The material viewer: PDFs and scanned images, parsed and drawn by the render worker.

Nothing in this process parses a material. The decrypted bytes go to the render worker
(:mod:`reviewer_app.gui.widgets.render_client`, docs/architecture.md §5), which answers with page
sizes, page pixels at the size shown, search hits and text selections; a material that
hangs, crashes or overruns the worker shows "This material cannot be shown" with the
reason, and the rest of the app goes on.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.gui.i18n import Retranslating
from reviewer_app.gui.widgets.page_view import FIT_PAGE, FIT_WIDTH, PageView
from reviewer_app.gui.widgets.render_client import RenderClient
from reviewer_app.gui.widgets.render_protocol import (
    ERR_BAD_REQUEST,
    ERR_CRASHED,
    ERR_DAMAGED,
    ERR_NO_MEMORY,
    ERR_PASSWORD,
    ERR_TIMEOUT,
    ERR_TOO_LARGE,
    ERR_UNAVAILABLE,
    ERR_UNSUPPORTED_TYPE,
    page_count,
    page_size,
    search_hits,
)

ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
SEARCH_DELAY_MS = 150  # typing coalesces into one search of the whole document
PDF, IMAGE = "pdf", "image"

__all__ = ["FIT_PAGE", "FIT_WIDTH", "ZOOM_STEPS", "MaterialViewer"]


class MaterialViewer(Retranslating, QWidget):
    """Toolbar + stacked PDF view / image view / busy and message pages."""

    #: (member_id, page) of what is on screen, page 0-based; -1 when nothing is.
    pageShown = Signal(int, int)
    # (member_id, reason) when a material cannot be shown
    materialFailed = Signal(int, str)
    # member_id, once the worker has opened it and its view is on screen
    materialLoaded = Signal(int)

    def __init__(self, parent: QWidget | None = None, client: RenderClient | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("materialViewer")
        self.client = client if client is not None else RenderClient(self)
        self.member_id = -1
        self._doc = 0
        self._kind: str | None = None
        self._pending_page = 0
        self.failure: tuple[str, str] | None = None  # (code, detail) of the last failure
        self._hits: list[dict[str, Any]] = []
        self._hit = -1
        self._search_busy = False
        self._search_again = False
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)

        self.pdf_view = PageView(self, selectable=True)
        self.pdf_view.setObjectName("pdfView")
        self.image_view = PageView(self, selectable=False)
        self.image_view.setObjectName("imageView")
        for view in (self.pdf_view, self.image_view):
            view.failed.connect(self._on_view_failed)
        self.client.workerLost.connect(self._on_worker_lost)
        self.message = QLabel(self)
        self.message.setObjectName("viewerMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        busy_page = QWidget(self)
        self.busy_label = QLabel(busy_page)
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar(busy_page)
        self.progress.setObjectName("decryptProgress")
        self.progress.setRange(0, 0)  # busy: neither decryption nor parsing reports a fraction
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
        self.search_edit.setAccessibleName(self.tr("Search in document"))
        self.zoom_combo.setAccessibleName(self.tr("Zoom"))
        self.pdf_view.setAccessibleName(self.tr("Document page"))
        self.image_view.setAccessibleName(self.tr("Image"))
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

    def load_pdf(self, member_id: int, data: bytes | bytearray, page: int = 0) -> None:
        """Show a PDF from memory: the worker parses it; ``pageShown`` or
        ``materialFailed`` follows."""
        self._load(member_id, data, PDF, page)

    def load_image(self, member_id: int, data: bytes | bytearray) -> None:
        """Show a JPEG or PNG from memory (anything else is refused by the worker)."""
        self._load(member_id, data, IMAGE, 0)

    def load_material(self, member_id: int, data: bytes | bytearray, media_type: str,
                      page: int = 0) -> None:
        self._load(member_id, data, IMAGE if media_type.startswith("image/") else PDF, page)

    def _load(self, member_id: int, data: bytes | bytearray, kind: str, page: int) -> None:
        self.show_busy(member_id)
        self._kind = kind
        self._pending_page = page
        token: list[int] = []  # the callback runs later, once the token is known
        self._doc = self.client.open(kind, data,
                                     lambda reply, _p: self._opened(token[0], reply), page)
        token.append(self._doc)

    def _opened(self, doc: int, reply: dict[str, Any]) -> None:
        if doc != self._doc:
            return
        if not reply.get("ok"):
            self.show_failure(str(reply.get("error", "")), str(reply.get("detail", "")))
            return
        raw = reply.get("sizes", [])
        page_count(raw)
        sizes = [page_size(s) if s else None for s in raw]
        if not sizes or sizes[0] is None:
            self.show_failure(ERR_DAMAGED, "no pages")
            return
        view = self.pdf_view if self._kind == PDF else self.image_view
        view.set_document(self.client, doc, sizes, pdf=self._kind == PDF)
        view.set_zoom(self.zoom_combo.currentData())
        view.set_page(self._pending_page)
        self.stack.setCurrentWidget(view)
        if self._kind == PDF and self.search_edit.text():
            self.search(self.search_edit.text())
        self._update_controls()
        self.materialLoaded.emit(self.member_id)
        self.pageShown.emit(self.member_id, view.current_page())

    def failure_reason(self, code: str, detail: str) -> str:
        """The translated reason for a worker's error code."""
        if code == ERR_UNSUPPORTED_TYPE:
            return self.tr("its content is %1; only PDF documents and JPEG or PNG images "
                           "are shown").replace("%1", detail or "?")
        if code == ERR_TOO_LARGE:
            return self.tr("it is too large (%1 pixels)").replace("%1", detail.replace(
                "x", " × "))
        if code == ERR_DAMAGED:
            return self.tr("it is damaged or not in the format it claims")
        if code == ERR_PASSWORD:
            return self.tr("the PDF is password-protected")
        if code == ERR_NO_MEMORY:
            return self.tr("it needs more memory than the viewer may use")
        if code == ERR_TIMEOUT:
            return self.tr("it took longer than %1 seconds to open or draw; the viewer "
                           "process was stopped").replace("%1", detail)
        if code == ERR_CRASHED:
            return self.tr("the viewer process stopped on it (%1) and was restarted"
                           ).replace("%1", detail)
        if code == ERR_UNAVAILABLE:
            return self.tr("the viewer process could not be started (%1)").replace(
                "%1", detail)
        if code == ERR_BAD_REQUEST:
            return self.tr("the viewer process refused the request (%1)").replace(
                "%1", detail)
        return self.tr("the viewer process was restarted")

    def show_failure(self, code: str, detail: str) -> None:
        member_id = self.member_id
        reason = self.failure_reason(code, detail)
        self.show_message(self.tr("This material cannot be shown: %1").replace("%1", reason))
        self.failure = (code, detail)
        self.materialFailed.emit(member_id, reason)

    def _on_worker_lost(self, code: str, detail: str) -> None:
        # The document on screen died with the worker, even with no request pending.
        if self._doc and self._view() is not None:
            self.show_failure(code, detail)

    def _on_view_failed(self, code: str, detail: str) -> None:
        if self._doc:
            self.show_failure(code, detail)

    def unload(self) -> None:
        """Drop the document in the worker, its pages and the search (on switch and on
        lock)."""
        if self._doc:
            self.client.close_document(self._doc)
        self._doc = 0
        self._kind = None
        self.pdf_view.clear()
        self.image_view.clear()
        self._search_timer.stop()
        self._search_busy = self._search_again = False
        self._hits, self._hit = [], -1
        self.member_id = -1
        self._update_controls()
        self._on_hits_changed()

    def is_pdf(self) -> bool:
        return self.stack.currentWidget() is self.pdf_view

    def is_image(self) -> bool:
        return self.stack.currentWidget() is self.image_view

    def _view(self) -> PageView | None:
        return self.pdf_view if self.is_pdf() else self.image_view if self.is_image() \
            else None

    # --- navigation -------------------------------------------------------------
    def current_page(self) -> int:
        return self.pdf_view.current_page() if self.is_pdf() else 0

    def page_count(self) -> int:
        return self.pdf_view.page_count() if self.is_pdf() else (1 if self.is_image() else 0)

    def go_to_page(self, page: int) -> None:
        if self.stack.currentWidget() is self._busy_page and self._kind == PDF:
            self._pending_page = page  # still opening: the page follows the open
            return
        if not self.is_pdf():
            return
        before = self.current_page()
        self.pdf_view.set_page(page)
        if self.current_page() != before:
            self._update_controls()
            self.pageShown.emit(self.member_id, self.current_page())

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def page_down(self) -> None:
        """Scroll a screenful; at the bottom of a page, go on to the next one."""
        target = self._view()
        if target is None:
            return
        bar = target.verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
        elif self.is_pdf() and self.current_page() < self.page_count() - 1:
            self.next_page()
            self.pdf_view.verticalScrollBar().setValue(0)

    def page_up(self) -> None:
        target = self._view()
        if target is None:
            return
        bar = target.verticalScrollBar()
        if bar.value() > bar.minimum():
            bar.setValue(bar.value() - bar.pageStep())
        elif self.is_pdf() and self.current_page() > 0:
            self.previous_page()
            bar = self.pdf_view.verticalScrollBar()
            bar.setValue(bar.maximum())

    # --- zoom -------------------------------------------------------------------
    def set_zoom(self, zoom: str | float) -> None:
        index = self.zoom_combo.findData(zoom)
        if index >= 0:
            self.zoom_combo.setCurrentIndex(index)

    def zoom(self) -> str | float:
        return self.zoom_combo.currentData()

    def zoom_in(self) -> None:
        self._step_zoom(+1)

    def zoom_out(self) -> None:
        self._step_zoom(-1)

    def _step_zoom(self, direction: int) -> None:
        current = self.zoom_combo.currentData()
        view = self._view() or self.pdf_view
        factor = current if isinstance(current, float) else view.zoom_factor()
        steps = [s for s in ZOOM_STEPS if (s > factor + 1e-6 if direction > 0
                                           else s < factor - 1e-6)]
        if steps:
            self.set_zoom(steps[0] if direction > 0 else steps[-1])

    def _on_zoom_combo(self, _index: int) -> None:
        zoom = self.zoom_combo.currentData()
        self.pdf_view.set_zoom(zoom)
        self.image_view.set_zoom(zoom)

    # --- search -----------------------------------------------------------------
    def search(self, text: str) -> None:
        """Search the whole document (in the worker, after a short pause in typing)."""
        self._hit = -1
        self._hits = []
        self.pdf_view.set_hits([])
        if text.strip() and self.is_pdf():
            self._search_timer.start()
        else:
            self._search_timer.stop()
        self._on_hits_changed()

    def _run_search(self) -> None:
        if not self.is_pdf():
            return
        if self._search_busy:
            self._search_again = True
            return
        self._search_busy = True
        doc, text = self._doc, self.search_edit.text()
        self.client.request("search", doc, {"text": text},
                            lambda reply, _p: self._searched(doc, text, reply))

    def _searched(self, doc: int, text: str, reply: dict[str, Any]) -> None:
        if doc != self._doc:
            return
        self._search_busy = False
        if self._search_again or text != self.search_edit.text():
            self._search_again = False
            self._run_search()
            return
        if not reply.get("ok"):
            self.show_failure(str(reply.get("error", "")), str(reply.get("detail", "")))
            return
        # Checked here, inside the reply callback: a reply the viewer cannot use kills
        # the worker (render_client) instead of failing later in a paint event.
        self._hits = search_hits(reply.get("hits", []), self.pdf_view.page_count())
        self._hit = -1
        self.pdf_view.set_hits(self._hits)
        self._on_hits_changed()

    def hit_count(self) -> int:
        return len(self._hits)

    def next_hit(self) -> None:
        self._go_to_hit(self._hit + 1)

    def previous_hit(self) -> None:
        self._go_to_hit(self._hit - 1)

    def _go_to_hit(self, index: int) -> None:
        count = self.hit_count()
        if count == 0:
            return
        self._hit = index % count
        hit = self._hits[self._hit]
        self.go_to_page(int(hit["page"]))
        self.pdf_view.set_hits(self._hits, self._hit)
        if hit["rects"]:  # several when the match runs across lines: show them all
            area = QRectF()
            for x, y, w, h in hit["rects"]:
                area = area.united(QRectF(x, y, w, h))
            self.pdf_view.ensure_visible(area)
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
        count = self.page_count() if pdf else 0
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
        self.zoom_combo.setEnabled(pdf or self.is_image())
