"""The render worker: parses and renders one untrusted material at a time, in its own
process, so that a hostile PDF or image can hang or crash only this process.

Started by :class:`reviewer_app.gui.widgets.render_client.RenderClient` as
``python -m reviewer_app.gui.widgets.render_worker`` (``reviewer-app --render-worker`` in the
frozen bundle). It confines itself (:mod:`reviewer_app.gui.widgets.render_limits`) before Qt is
imported, then answers requests over stdin/stdout (:mod:`reviewer_app.gui.widgets.render_protocol`).
The material arrives as the payload of ``open`` and lives only in this process's memory.

Operations (``doc`` is the client's token of the open document):

- ``open`` {doc, kind: "pdf"|"image", page} + bytes -> {pages, sizes: [[w, h] points]} for a PDF,
  {pages: 1, sizes: [[w, h] pixels]} for a JPEG/PNG (after EXIF rotation); with
  ``shared: n`` the material is the first n bytes of the shared area's material part
  (:mod:`reviewer_app.gui.widgets.render_shared`) instead of the payload
- ``sizes`` {doc, first, count} -> {first, sizes}: the size of pages first... (``open``
  sizes only the first page and the one asked for, the others are null; without
  ``first``/``count``: every page)
- ``render`` {doc, page, width, height} -> RGB32 pixels of the page at that size; with
  ``shared: true`` they are written to the shared area instead of the payload
- ``select`` {doc, page, ax, ay, bx, by} (PDF points) / ``select_all`` {doc, page}
  -> {text, bounds: [[[x, y], ...] polygon, ...]}
- ``search`` {doc, text} -> {hits: [{page, rects: [[x, y, w, h], ...]}], truncated}
- ``close`` -> {} (the document and its bytes are dropped)
"""

from __future__ import annotations

import ctypes
import os
import sys
from typing import Any

from reviewer_app.gui.widgets import render_limits, render_shared
from reviewer_app.gui.widgets.material_sniff import allowed_image_format, sniff
from reviewer_app.gui.widgets.render_protocol import (
    ERR_BAD_REQUEST,
    ERR_DAMAGED,
    ERR_NO_MEMORY,
    ERR_PASSWORD,
    ERR_STALE,
    ERR_TOO_LARGE,
    ERR_UNSUPPORTED_TYPE,
    MAX_IMAGE_PIXELS,
    MAX_PAGE_PIXELS,
    MAX_PAGE_SIDE,
    MAX_REQUEST_PAYLOAD,
    MAX_SEARCH_HITS,
    read_frame,
    write_frame,
)

MEMORY_LIMIT_ENV = "REVIEWER_RENDER_MEMORY_MB"
WORKER_FLAG = "--render-worker"


class Refused(Exception):
    """A request the worker answers with an error code (and stays alive)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


def _int(header: dict[str, Any], name: str, low: int, high: int) -> int:
    value = header.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise Refused(ERR_BAD_REQUEST, f"{name} must be an integer in [{low}, {high}]")
    return value


def _float(header: dict[str, Any], name: str) -> float:
    value = header.get(name)
    if not isinstance(value, int | float) or isinstance(value, bool) \
            or not -1e7 < value < 1e7:
        raise Refused(ERR_BAD_REQUEST, f"{name} must be a number")
    return float(value)


class Renderer:
    """The one open document (PDF or image) and the operations on it."""

    def __init__(self, area: render_shared.SharedArea | None = None) -> None:
        self.doc: int | None = None
        self._area = area
        self._pdf = None
        self._device = None  # the material's bytes, read in place
        # Closed PDFs not destroyed yet: freeing a long PDF's parsed pages takes
        # milliseconds, which the next material's open and first page should not wait for.
        self._retired: list[tuple[Any, Any]] = []
        self._image = None
        self._lines: tuple[int, list] = (-1, [])

    def has_shared_area(self) -> bool:
        return self._area is not None

    # --- dispatch -----------------------------------------------------------------
    def handle(self, header: dict[str, Any], payload: bytearray) -> tuple[dict, Any]:
        """(reply fields, payload: b"" or a QImage whose pixels are the payload)."""
        op = header.get("op")
        if op == "open":
            return self._open(header, payload), b""
        if op == "close":
            self.close()
            return {}, b""
        if header.get("doc") != self.doc or self.doc is None:
            raise Refused(ERR_STALE, "no such open document")
        if op == "render":
            return self._render(header)
        if self._pdf is None:
            raise Refused(ERR_BAD_REQUEST, f"{op} needs a PDF")
        if op == "sizes":
            return self._sizes(header), b""
        if op == "select":
            page = self._page(header)
            return self._select(page, _float(header, "ax"), _float(header, "ay"),
                                _float(header, "bx"), _float(header, "by")), b""
        if op == "select_all":
            return self._selection_reply(self._pdf.getAllText(self._page(header))), b""
        if op == "search":
            text = header.get("text")
            if not isinstance(text, str) or len(text) > 1000:
                raise Refused(ERR_BAD_REQUEST, "text must be a string")
            return self._search(text), b""
        raise Refused(ERR_BAD_REQUEST, f"unknown op {op!r}")

    def close(self) -> None:
        """Forget the open document; a PDF is destroyed by :meth:`collect`."""
        if self._pdf is not None:
            self._retired.append((self._pdf, self._device))
        elif self._device is not None:
            self._device.close()
        self.doc = None
        self._pdf = self._device = self._image = None
        self._lines = (-1, [])

    def has_retired(self) -> bool:
        return bool(self._retired)

    def collect(self) -> None:
        """Destroy the retired PDFs (the document before its device, which it reads)."""
        retired, self._retired = self._retired, []
        for document, device in retired:
            document.close()
            device.close()
        del retired

    # --- open -----------------------------------------------------------------------
    def _open(self, header: dict[str, Any], data: bytearray) -> dict[str, Any]:
        self.close()
        doc = header.get("doc")
        if not isinstance(doc, int):
            raise Refused(ERR_BAD_REQUEST, "doc must be an integer")
        if "shared" in header:
            if self._area is None:
                raise Refused(ERR_BAD_REQUEST, "no shared area")
            data = self._area.material(_int(header, "shared", 0,
                                            render_shared.MATERIAL_BYTES))
        else:
            data = memoryview(data)
        kind = header.get("kind")
        if kind == "pdf":
            reply = self._open_pdf(header, data)
        elif kind == "image":
            reply = self._open_image(data)
        else:
            raise Refused(ERR_BAD_REQUEST, "kind must be pdf or image")
        self.doc = doc
        return reply

    def _open_pdf(self, header: dict[str, Any], data: memoryview) -> dict[str, Any]:
        from PySide6.QtPdf import QPdfDocument

        from reviewer_app.gui.widgets.memory_device import MemoryDevice

        # PDFium accepts up to 1 KiB of junk before the header; anything else is refused
        # by name rather than parsed as something it is not.
        if b"%PDF-" not in bytes(data[:1024]):
            raise Refused(ERR_UNSUPPORTED_TYPE, sniff(data))
        document = QPdfDocument()
        device = MemoryDevice(data)  # QPdfDocument does not own the device
        document.load(device)
        if document.status() != QPdfDocument.Status.Ready:
            password = document.error() == QPdfDocument.Error.IncorrectPassword
            document.close()
            device.close()
            raise Refused(ERR_PASSWORD if password else ERR_DAMAGED)
        self._pdf, self._device = document, device
        # Sizing all pages of a long PDF costs more than rendering the first one: the
        # first page and the one asked for now, the rest with ``sizes`` later.
        first = _int(header, "page", 0, 1 << 30) if "page" in header else 0
        wanted = {0, min(first, document.pageCount() - 1)}
        sizes = [self._size(page) if page in wanted else None
                 for page in range(document.pageCount())]
        return {"pages": len(sizes), "sizes": sizes}

    def _sizes(self, header: dict[str, Any]) -> dict[str, Any]:
        count = self._pdf.pageCount()
        first = _int(header, "first", 0, max(0, count - 1)) if "first" in header else 0
        wanted = _int(header, "count", 1, 1 << 30) if "count" in header else count
        pages = range(first, min(count, first + wanted))
        return {"first": first, "sizes": [self._size(page) for page in pages]}

    def _size(self, page: int) -> list[float]:
        size = self._pdf.pagePointSize(page)
        return [round(size.width(), 3), round(size.height(), 3)]

    def _open_image(self, data: memoryview) -> dict[str, Any]:
        from PySide6.QtGui import QImageReader

        from reviewer_app.gui.widgets.memory_device import MemoryDevice

        fmt = allowed_image_format(data)
        if fmt is None:
            raise Refused(ERR_UNSUPPORTED_TYPE, sniff(data))
        device = MemoryDevice(data)
        reader = QImageReader(device, fmt.encode())
        # Only the plugin of the detected type, never one chosen from the content.
        reader.setAutoDetectImageFormat(False)
        reader.setDecideFormatFromContent(False)
        reader.setAutoTransform(True)
        size = reader.size()
        if not size.isValid() or size.isEmpty():
            raise Refused(ERR_DAMAGED, reader.errorString())
        if size.width() * size.height() > MAX_IMAGE_PIXELS:
            raise Refused(ERR_TOO_LARGE, f"{size.width()}x{size.height()}")
        reader.setAllocationLimit(MAX_IMAGE_PIXELS * 4 // (1024 * 1024) + 1)
        image = reader.read()
        error = reader.errorString()
        # The reader reads from the device: it goes first (freeing the buffer under a live
        # reader was the crash of issue 11).
        del reader
        device.close()
        if image.isNull():
            raise Refused(ERR_DAMAGED, error)
        self._image = image
        return {"pages": 1, "sizes": [[image.width(), image.height()]]}

    # --- render -----------------------------------------------------------------------
    def _page(self, header: dict[str, Any]) -> int:
        count = self._pdf.pageCount() if self._pdf is not None else 1
        return _int(header, "page", 0, max(0, count - 1))

    def _render(self, header: dict[str, Any]) -> tuple[dict, Any]:
        from PySide6.QtCore import QSize, Qt
        from PySide6.QtGui import QImage, QPainter

        page = self._page(header)
        width = _int(header, "width", 1, MAX_PAGE_SIDE)
        height = _int(header, "height", 1, MAX_PAGE_SIDE)
        if width * height > MAX_PAGE_PIXELS:
            raise Refused(ERR_TOO_LARGE, f"{width}x{height}")
        shared = bool(header.get("shared")) and self._area is not None
        stride = width * 4  # RGB32 lines are always 4-byte aligned: no padding
        if self._pdf is not None:
            raw = self._pdf.render(page, QSize(width, height))
            if raw.isNull() or (raw.width(), raw.height()) != (width, height):
                raise Refused(ERR_NO_MEMORY)
            # QPdfDocument.render is transparent: paint the page on white, straight into
            # the shared area when there is one.
            image = QImage(self._area.pixels(stride * height), width, height, stride,
                           QImage.Format.Format_RGB32) if shared \
                else QImage(raw.size(), QImage.Format.Format_RGB32)
            if image.isNull():
                raise Refused(ERR_NO_MEMORY)
            image.fill(Qt.GlobalColor.white)
            painter = QPainter(image)
            painter.drawImage(0, 0, raw)
            painter.end()
            del raw
        else:
            source = self._image
            if (width, height) != (source.width(), source.height()):
                source = source.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
            image = source.convertToFormat(QImage.Format.Format_RGB32)
            if image.isNull() or image.bytesPerLine() != stride:
                raise Refused(ERR_NO_MEMORY)
            if shared:
                self._area.pixels(stride * height)[:] = \
                    memoryview(image.constBits()).cast("B")[:stride * height]
        reply = {"width": width, "height": height, "stride": stride}
        if shared:
            del image  # it pointed into the shared area
            return {**reply, "shared": True}, b""
        # The image itself: the caller writes its pixels straight from Qt's buffer.
        return reply, image

    # --- text ---------------------------------------------------------------------------
    def _line_rects(self, page: int) -> list:
        """The page's text lines, each ``(bounding rect, its runs' rects left to right)``,
        top to bottom (cached for the last page).

        PDFium bounds each text *run* (a font change, a separate show-text operator), not
        each line: a line typeset in several runs is several rectangles side by side,
        grouped here by vertical overlap."""
        if self._lines[0] != page:
            runs = [poly.boundingRect() for poly in self._pdf.getAllText(page).bounds()]
            self._lines = (page, _group_lines(runs))
        return self._lines[1]

    def _snap(self, page: int, x: float, y: float):
        """The nearest point on text: PDFium only selects between characters. Returns the
        line's index and the point (inside the run of that line nearest to ``x``)."""
        from PySide6.QtCore import QPointF

        lines = self._line_rects(page)
        if not lines:
            return None
        index = min(range(len(lines)), key=lambda i: (_gap(y, lines[i][0].top(),
                                                           lines[i][0].bottom()), i))
        runs = lines[index][1]
        run = min(runs, key=lambda rect: _gap(x, rect.left(), rect.right()))
        snapped = min(max(x, run.left() + 0.5), run.right() - 0.5)
        return index, QPointF(snapped, run.center().y())

    def _select(self, page: int, ax: float, ay: float, bx: float, by: float) -> dict:
        a, b = self._snap(page, ax, ay), self._snap(page, bx, by)
        if a is None or b is None:
            return {"text": "", "bounds": []}
        if (b[0], b[1].x()) < (a[0], a[1].x()):  # keep reading order
            a, b = b, a
        return self._selection_reply(self._pdf.getSelection(page, a[1], b[1]))

    @staticmethod
    def _selection_reply(selection) -> dict:
        if not selection.isValid():
            return {"text": "", "bounds": []}
        bounds = [[[round(p.x(), 2), round(p.y(), 2)] for p in polygon]
                  for polygon in selection.bounds()]
        return {"text": selection.text(), "bounds": bounds}

    def _search(self, text: str) -> dict:
        needle = text.strip()
        hits: list[dict] = []
        if not needle:
            return {"hits": hits, "truncated": False}
        folded = needle.casefold()
        for page in range(self._pdf.pageCount()):
            content = self._pdf.getAllText(page).text()
            haystack = content.casefold()
            if len(haystack) != len(content):  # case folding changed lengths: exact match
                haystack, folded_here = content, needle
            else:
                folded_here = folded
            start = haystack.find(folded_here)
            while start >= 0:
                selection = self._pdf.getSelectionAtIndex(page, start, len(needle))
                rects = []
                for polygon in selection.bounds():
                    r = polygon.boundingRect()
                    rects.append([round(r.x(), 2), round(r.y(), 2),
                                  round(r.width(), 2), round(r.height(), 2)])
                hits.append({"page": page, "rects": rects})
                if len(hits) >= MAX_SEARCH_HITS:
                    return {"hits": hits, "truncated": True}
                start = haystack.find(folded_here, start + len(needle))
        return {"hits": hits, "truncated": False}


def _gap(value: float, low: float, high: float) -> float:
    """How far ``value`` lies outside ``[low, high]`` (0 inside)."""
    return max(0.0, low - value, value - high)


def _group_lines(runs: list) -> list:
    """Text runs (QRectF) grouped into lines: runs overlapping vertically by at least half
    the smaller height share a line. Lines top to bottom, runs left to right."""
    lines: list[tuple[Any, list]] = []
    for run in sorted(runs, key=lambda rect: (rect.top(), rect.left())):
        # Sorted by top: a run's line, if any, is among the last few started.
        for number in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            bounds, members = lines[number]
            overlap = min(bounds.bottom(), run.bottom()) - max(bounds.top(), run.top())
            if overlap >= 0.5 * min(bounds.height(), run.height()):
                members.append(run)
                lines[number] = (bounds.united(run), members)
                break
        else:
            lines.append((run, [run]))
    return [(bounds, sorted(members, key=lambda rect: rect.left()))
            for bounds, members in lines]


def _protocol_streams():
    """(requests, replies): the pipes on stdin and stdout, as binary files."""
    if sys.platform == "win32":
        # A windowed (PyInstaller) executable has no C runtime stdio: take the pipe
        # handles the parent passed.
        import msvcrt

        kernel32 = ctypes.WinDLL("kernel32")
        kernel32.GetStdHandle.restype = ctypes.c_void_p
        requests = msvcrt.open_osfhandle(kernel32.GetStdHandle(-10), os.O_RDONLY | os.O_BINARY)
        replies = msvcrt.open_osfhandle(kernel32.GetStdHandle(-11), os.O_BINARY)
        return os.fdopen(requests, "rb"), os.fdopen(replies, "wb")
    # The protocol owns the original stdout; anything a library prints goes to stderr.
    # Requests are read unbuffered, so that select() tells whether one is waiting.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    return os.fdopen(os.dup(0), "rb", buffering=0), replies


def _request_waiting(requests) -> bool:
    """Whether the next request has (begun to) arrive; False where this cannot be told
    (Windows pipes), which only means retired documents are destroyed at once."""
    if sys.platform == "win32":
        return False
    import select

    return bool(select.select([requests], [], [], 0)[0])


def _attach_shared_area(limit_mb: int) -> render_shared.SharedArea | None:
    """The area the GUI passed (its descriptor number in the environment), if any."""
    value = os.environ.pop(render_shared.SHARED_FD_ENV, "")
    if not value.isdigit() or not render_shared.fits_in(limit_mb):
        if value.isdigit():
            os.close(int(value))
        return None
    try:
        return render_shared.SharedArea.attach(int(value))
    except (OSError, ValueError) as exc:
        print(f"render worker: no shared area ({exc}); using the pipe", file=sys.stderr)
        os.close(int(value))
        return None


def main() -> int:
    limit = int(os.environ.get(MEMORY_LIMIT_ENV, render_limits.DEFAULT_MEMORY_LIMIT_MB))
    # The limit is the worker's total: the shared area (mapped before anything is parsed)
    # is outside RLIMIT_DATA, so its fixed size comes off the private part.
    area = _attach_shared_area(limit)
    applied = render_limits.apply(limit - (render_shared.AREA_MB if area else 0))
    stdin, out = _protocol_streams()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.pop("QT_PLUGIN_PATH", None)
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument  # noqa: F401  (loaded now: the first open is fast)

    from reviewer_app.gui.pyside_compat import keep_singletons_alive

    app = QGuiApplication([sys.argv[0] if sys.argv else "render-worker"])
    keep_singletons_alive()  # every page costs Qt a few void calls
    renderer = Renderer(area)
    write_frame(out, {"id": 0, "ok": True, "ready": True, "pid": os.getpid(),
                      "limits": applied, "memory_limit_mb": limit,
                      "shared": renderer.has_shared_area()})
    while True:
        frame = read_frame(stdin, MAX_REQUEST_PAYLOAD)
        if frame is None:
            renderer.close()
            renderer.collect()
            return 0
        header, payload = frame
        reply: dict[str, Any] = {"id": header["id"], "ok": True}
        data: Any = b""
        try:
            result, data = renderer.handle(header, payload)
            reply.update(result)
        except Refused as refused:
            reply.update(ok=False, error=refused.code, detail=refused.detail)
        except MemoryError:
            renderer.close()
            renderer.collect()
            reply.update(ok=False, error=ERR_NO_MEMORY, detail="")
        del payload
        write_frame(out, reply, data if isinstance(data, bytes) else data.constBits())
        del data
        # Retired PDFs go once the new material's first page is out: not after an open
        # (its render follows at once), nor while the next request waits.
        if renderer.has_retired() and (header.get("op") != "open" or not reply["ok"]) \
                and not _request_waiting(stdin):
            renderer.collect()
        app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
