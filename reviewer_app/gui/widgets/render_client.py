"""The GUI's side of the render worker: a watched child process fed from memory.

:class:`RenderClient` owns one worker process (:mod:`reviewer_app.gui.widgets.render_worker`)
and sends it requests over its stdin, one at a time (only ``close`` is sent without
waiting for the request before it to be answered, so that switching materials costs
no extra round trip). The material travels in the shared area
(:mod:`reviewer_app.gui.widgets.render_shared`: a sealed memory file, Linux) or as the payload of
``open`` over the pipe, and pages come back the same way: no file on disk, no socket.
Everything is asynchronous on the GUI thread (QProcess signals), so nothing the worker
does can block the interface. A watchdog timer bounds each request; a worker that runs
over, crashes, breaks the protocol or exits is killed and replaced, and the request's
callback receives the reason as an error code
(``timeout``, ``crashed``…). Documents opened in a dead worker are gone: later requests
for them fail with the same reason. A fresh worker is started at once, so one is always
warm for the next material.

Only QtCore is imported here: the main window starts the worker while the unlock dialog
is open, long before the viewer (QtGui painting) is built.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import os
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, QTimer, Signal

from reviewer_app.gui.widgets import render_shared
from reviewer_app.gui.widgets.render_limits import DEFAULT_MEMORY_LIMIT_MB
from reviewer_app.gui.widgets.render_protocol import (
    ERR_CRASHED,
    ERR_STALE,
    ERR_TIMEOUT,
    ERR_UNAVAILABLE,
    MAX_PAGE_PIXELS,
    FrameBuffer,
    ProtocolError,
    encode_prefix,
)
from reviewer_app.gui.widgets.render_worker import MEMORY_LIMIT_ENV, WORKER_FLAG

OPEN_TIMEOUT_S = 10.0      # parse a material (a page tree that loops hangs here)
REQUEST_TIMEOUT_S = 5.0    # render a page, select, and the like
START_TIMEOUT_S = 30.0     # interpreter + Qt start (slow on a cold, busy laptop)
SLOW_OPS = frozenset({"open", "search"})
# Replies are at most one page of pixels and its header.
MAX_REPLY_PAYLOAD = MAX_PAGE_PIXELS * 4 + 4096

# Sent without waiting for the answer to what is before it (its answer is checked all
# the same): it needs nothing from the worker, and what follows it does not depend on it.
PIPELINED_OPS = frozenset({"close"})

Callback = Callable[[dict[str, Any], bytes | memoryview], None]


def worker_command() -> tuple[str, list[str]]:
    """How to start the worker: the frozen bundle has no ``python -m``."""
    if getattr(sys, "frozen", False):
        return sys.executable, [WORKER_FLAG]
    return sys.executable, ["-m", "reviewer_app.gui.widgets.render_worker"]


@contextlib.contextmanager
def _inherit_only(keep: int | None) -> Iterator[None]:
    """While a child is started: descriptors in [3, ``keep``) that a child would inherit
    (left to this process by whatever started it) are marked close-on-exec, and their
    flags restored afterwards. The worker is started with every descriptor from
    ``keep + 1`` on closed, so ``keep`` is the only one it gets besides its pipes."""
    if keep is None:
        yield
        return
    import fcntl  # only reached with a shared area, which only Linux has

    marked = []
    try:
        for fd in (int(name) for name in os.listdir("/proc/self/fd")):
            if 3 <= fd < keep:
                with contextlib.suppress(OSError):
                    flags = fcntl.fcntl(fd, fcntl.F_GETFD)
                    if not flags & fcntl.FD_CLOEXEC:
                        fcntl.fcntl(fd, fcntl.F_SETFD, flags | fcntl.FD_CLOEXEC)
                        marked.append((fd, flags))
        yield
    finally:
        for fd, flags in marked:
            with contextlib.suppress(OSError):
                fcntl.fcntl(fd, fcntl.F_SETFD, flags)


@dataclass
class _Request:
    rid: int
    op: str
    params: dict[str, Any]
    payload: bytes | bytearray | memoryview
    doc: int | None
    timeout: float
    callback: Callback | None


class RenderClient(QObject):
    """One render worker process with a watchdog; restarts it after any failure."""

    #: (error code, detail) each time a worker had to be killed or was lost.
    workerLost = Signal(str, str)
    #: the worker's hello: pid, limits applied, memory limit.
    workerReady = Signal(dict)

    def __init__(self, parent: QObject | None = None, *, open_timeout: float = OPEN_TIMEOUT_S,
                 request_timeout: float = REQUEST_TIMEOUT_S,
                 memory_limit_mb: int | None = None) -> None:
        super().__init__(parent)
        self.open_timeout = open_timeout
        self.request_timeout = request_timeout
        self.memory_limit_mb = memory_limit_mb
        self._process: QProcess | None = None
        self._frames = FrameBuffer(MAX_REPLY_PAYLOAD)
        self._ready = False
        self.hello: dict[str, Any] = {}
        #: False: never offer the worker a shared area (tests of the pipe path)
        self.use_shared_area = render_shared.supported()
        self._area: render_shared.SharedArea | None = None
        self._shared = False  # the running worker mapped the area
        self._queue: collections.deque[_Request] = collections.deque()
        # Sent, not answered yet, in order; the watchdog times the first.
        self._in_flight: collections.deque[_Request] = collections.deque()
        self._ids = itertools.count(1)
        self._docs = itertools.count(1)
        self._live_docs: set[int] = set()
        self._lost: tuple[str, str] = (ERR_STALE, "")
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog)
        self._stopping = False
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # --- public -----------------------------------------------------------------------
    def start(self) -> None:
        """Start the worker now (it is started on demand otherwise)."""
        self._stopping = False
        if self._process is None:
            self._spawn()

    def worker_pid(self) -> int:
        return int(self._process.processId()) if self._process is not None else 0

    def shares_memory(self) -> bool:
        """Whether materials and pages travel through the shared area (else the pipe)."""
        return self._shared

    def open(self, kind: str, data: bytes | bytearray, callback: Callback, page: int = 0
             ) -> int:
        """Send a material to the worker; returns the document token for later requests."""
        doc = next(self._docs)

        def opened(reply: dict[str, Any], payload: bytes) -> None:
            if reply.get("ok"):
                self._live_docs.add(doc)
            callback(reply, payload)

        self._submit("open", {"doc": doc, "kind": kind, "page": page}, data, doc, opened)
        return doc

    def request(self, op: str, doc: int, params: dict[str, Any], callback: Callback) -> int:
        """Ask about an open document; ``callback(reply, payload)`` runs exactly once
        (unless cancelled), on the GUI thread."""
        if doc not in self._live_docs:
            code, detail = self._lost
            QTimer.singleShot(0, lambda: callback({"ok": False, "error": code,
                                                   "detail": detail}, b""))
            return 0
        return self._submit(op, {"doc": doc, **params}, b"", doc, callback)

    def close_document(self, doc: int) -> None:
        """Drop a document (and its bytes) in the worker; pending requests are cancelled."""
        self.cancel_document(doc)
        if doc in self._live_docs:
            self._live_docs.discard(doc)
            self._submit("close", {}, b"", None, None)

    def cancel_document(self, doc: int) -> None:
        """Forget every callback for ``doc``; queued requests for it are not sent."""
        self._queue = collections.deque(r for r in self._queue if r.doc != doc)
        for request in self._in_flight:
            if request.doc == doc:
                request.callback = None

    def cancel(self, rid: int) -> None:
        self._queue = collections.deque(r for r in self._queue if r.rid != rid)
        for request in self._in_flight:
            if request.rid == rid:
                request.callback = None

    def busy(self) -> bool:
        return bool(self._in_flight) or bool(self._queue)

    def stop(self, wait_ms: int = 3000) -> None:
        """End the worker (at quit, or to drop every trace of materials on lock)."""
        self._stopping = True
        self._watchdog.stop()
        self._queue.clear()
        self._in_flight.clear()
        self._live_docs.clear()
        process, self._process = self._process, None
        self._ready = self._shared = False
        if process is not None:
            process.finished.disconnect()
            process.readyReadStandardOutput.disconnect()
            process.errorOccurred.disconnect()
            process.closeWriteChannel()  # end of stdin: the worker exits by itself
            if not process.waitForFinished(wait_ms):
                process.kill()
                process.waitForFinished(1000)
            process.deleteLater()
        if self._area is not None:  # its pages hold the last material and page
            self._area.close()
            self._area = None

    # --- process ------------------------------------------------------------------------
    def _spawn(self) -> None:
        process = QProcess(self)
        program, arguments = worker_command()
        env = QProcessEnvironment.systemEnvironment()
        env.insert("QT_QPA_PLATFORM", "offscreen")
        if self.memory_limit_mb is not None:
            env.insert(MEMORY_LIMIT_ENV, str(self.memory_limit_mb))
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        child_fd = self._shared_area_for_child()
        if child_fd is not None:
            env.insert(render_shared.SHARED_FD_ENV, str(child_fd))
        process.setProcessEnvironment(env)
        if hasattr(process, "setUnixProcessParameters"):
            flags = QProcess.UnixProcessFlag
            parameters = QProcess.UnixProcessParameters()
            parameters.flags = flags.CloseFileDescriptors | flags.ResetSignalHandlers
            if child_fd is not None:  # the one descriptor the worker keeps
                parameters.lowestFileDescriptorToClose = child_fd + 1
            process.setUnixProcessParameters(parameters)
        process.readyReadStandardOutput.connect(self._on_output)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        self._frames.clear()
        self._ready = self._shared = False
        self._watchdog.start(int(START_TIMEOUT_S * 1000))
        try:
            with _inherit_only(child_fd):
                process.start(program, arguments)  # forks here
        finally:
            if child_fd is not None:
                os.close(child_fd)  # the child has its copy (or none, if it failed)

    def _shared_area_for_child(self) -> int | None:
        """An inheritable descriptor of the shared area for the next worker, or None
        (unsupported or disabled: then everything goes over the pipe)."""
        limit = self.memory_limit_mb or DEFAULT_MEMORY_LIMIT_MB
        if not self.use_shared_area or not hasattr(QProcess, "UnixProcessParameters") \
                or not render_shared.fits_in(limit):
            return None
        if self._area is None:
            self._area = render_shared.SharedArea.create()
            if self._area is None:
                return None
        child_fd = os.dup(self._area.fd)
        os.set_inheritable(child_fd, True)
        return child_fd

    def _kill(self, code: str, detail: str) -> None:
        """Kill the worker, fail what depended on it, start a fresh one."""
        process, self._process = self._process, None
        self._watchdog.stop()
        if process is not None:
            process.finished.disconnect()
            process.readyReadStandardOutput.disconnect()
            process.errorOccurred.disconnect()
            process.kill()
            process.waitForFinished(2000)  # a SIGKILLed process is reaped at once
            process.deleteLater()
        self._ready = self._shared = False
        if self._area is not None:
            # The next worker must not inherit the material the last one died on.
            self._area.drop_material()
        self._lost = (code, detail)
        self._live_docs.clear()
        # The request being served is what the worker died on: it fails. Only an open
        # can be retried in a new worker; everything else named a document that died
        # with the old one.
        failed: list[_Request] = []
        if self._in_flight:
            failed.append(self._in_flight.popleft())
        waiting = list(self._in_flight) + list(self._queue)
        self._in_flight.clear()
        failed.extend(r for r in waiting if r.op != "open")
        self._queue = collections.deque(r for r in waiting if r.op == "open")
        self.workerLost.emit(code, detail)
        for request in failed:
            if request.callback is not None:
                request.callback({"ok": False, "error": code, "detail": detail}, b"")
        if not self._stopping:
            self._spawn()

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._stopping = True  # do not spin: report it and start again on demand
            self._kill(ERR_UNAVAILABLE, self._process.errorString() if self._process else "")
            self._stopping = False

    def _on_finished(self, exit_code: int, status: QProcess.ExitStatus) -> None:
        if status == QProcess.ExitStatus.CrashExit and sys.platform == "win32":
            detail = f"exception 0x{exit_code & 0xFFFFFFFF:08X}"  # an NTSTATUS there
        elif status == QProcess.ExitStatus.CrashExit:
            # QProcess reports the terminating signal as the exit code on Unix.
            try:
                detail = signal.Signals(exit_code).name
            except ValueError:
                detail = f"signal {exit_code}"
        else:
            detail = f"exit status {exit_code}"
        self._kill(ERR_CRASHED, detail)

    def _on_watchdog(self) -> None:
        if not self._ready:
            self._kill(ERR_UNAVAILABLE, "the worker did not start")
        elif self._in_flight:
            self._kill(ERR_TIMEOUT, f"{self._in_flight[0].timeout:g}")

    def _on_output(self) -> None:
        process = self._process
        if process is None:
            return
        try:
            frames = self._frames.feed(bytes(process.readAllStandardOutput()))
        except ProtocolError as exc:
            self._kill(ERR_CRASHED, f"protocol: {exc}")
            return
        for header, payload in frames:
            if header["id"] == 0 and not self._ready:
                self._ready = True
                self._watchdog.stop()
                self.hello = header
                self._shared = header.get("shared") is True and self._area is not None
                self.workerReady.emit(header)
                continue
            if not self._in_flight or header["id"] != self._in_flight[0].rid:
                self._kill(ERR_CRASHED, "protocol: a reply nobody asked for")
                return
            request = self._in_flight.popleft()
            self._watchdog.stop()
            if self._in_flight:  # the worker starts on the next one now
                self._watchdog.start(int(self._in_flight[0].timeout * 1000))
            try:
                pixels = self._shared_pixels(request, header)
            except ProtocolError as exc:
                self._kill(ERR_CRASHED, f"protocol: {exc}")
                return
            if request.callback is not None:
                try:
                    request.callback(header, payload if pixels is None else pixels)
                except (KeyError, TypeError, ValueError, IndexError, OverflowError) as exc:
                    # A reply the viewer cannot use came from a worker gone wrong: it
                    # goes, the material shows why, the frames after it are dropped.
                    self._kill(ERR_CRASHED, f"protocol: a malformed {request.op} reply "
                                            f"({type(exc).__name__})")
                    return
            if pixels is not None:
                with contextlib.suppress(BufferError):
                    pixels.release()  # the callback copied what it keeps
            if self._process is not process:
                return  # the callback stopped or replaced the worker
        self._pump()

    def _shared_pixels(self, request: _Request, header: dict[str, Any]
                       ) -> memoryview | None:
        """The page a render answer left in the shared area, checked against it."""
        if not header.get("shared"):
            return None
        if request.op != "render" or not request.params.get("shared") or self._area is None:
            raise ProtocolError("pixels in a shared area nobody offered")
        values = [header.get(name) for name in ("width", "height", "stride")]
        if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values):
            raise ProtocolError("a shared page without its size")
        width, height, stride = values
        if stride < width * 4 or stride * height > render_shared.PIXEL_BYTES:
            raise ProtocolError(f"a shared page of {width}x{height}, stride {stride}")
        return self._area.pixels(stride * height)

    # --- queue --------------------------------------------------------------------------
    def _submit(self, op: str, params: dict[str, Any], payload: bytes | bytearray,
                doc: int | None, callback: Callback | None) -> int:
        rid = next(self._ids)
        timeout = self.open_timeout if op in SLOW_OPS else self.request_timeout
        self._queue.append(_Request(rid, op, params, payload, doc, timeout, callback))
        self._stopping = False
        if self._process is None:
            self._spawn()
        self._pump()
        return rid

    def _pump(self) -> None:
        while self._ready and self._queue and all(
                r.op in PIPELINED_OPS for r in self._in_flight):
            self._send(self._queue.popleft())

    def _send(self, request: _Request) -> None:
        header = {"id": request.rid, "op": request.op, **request.params}
        payload = request.payload
        if self._shared and request.op == "render":
            header["shared"] = request.params["shared"] = True
        elif self._shared and request.op == "open" \
                and len(payload) <= render_shared.MATERIAL_BYTES:
            # Nothing is being served but a close, which reads no material.
            header["shared"] = self._area.put_material(payload)
            payload = b""
        if not self._in_flight:
            self._watchdog.start(int(request.timeout * 1000))
        self._in_flight.append(request)
        self._process.write(encode_prefix(header, len(payload)))
        if payload:
            self._process.write(payload)  # Qt's write buffer copies it
        if request.op != "open":
            request.payload = b""  # an open keeps its bytes: retried in a new worker
