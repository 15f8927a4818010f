"""The GUI's side of the render worker: a watched child process fed from memory.

:class:`RenderClient` owns one worker process (:mod:`reviewer_app.gui.render_worker`)
and sends it one request at a time over its stdin (the material travels as the payload
of ``open``: no file, no socket). Everything is asynchronous on the GUI thread (QProcess
signals), so nothing the worker does can block the interface. A watchdog timer bounds
each request; a worker that runs over, crashes, breaks the protocol or exits is killed
and replaced, and the request's callback receives the reason as an error code
(``timeout``, ``crashed``…). Documents opened in a dead worker are gone: later requests
for them fail with the same reason. A fresh worker is started at once, so one is always
warm for the next material.

Only QtCore is imported here: the main window starts the worker while the unlock dialog
is open, long before the viewer (QtGui painting) is built.
"""

from __future__ import annotations

import collections
import itertools
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, QTimer, Signal

from reviewer_app.gui.render_protocol import (
    ERR_CRASHED,
    ERR_STALE,
    ERR_TIMEOUT,
    ERR_UNAVAILABLE,
    MAX_PAGE_PIXELS,
    FrameBuffer,
    ProtocolError,
    encode,
)
from reviewer_app.gui.render_worker import MEMORY_LIMIT_ENV, WORKER_FLAG

OPEN_TIMEOUT_S = 10.0      # parse a material (a page tree that loops hangs here)
REQUEST_TIMEOUT_S = 5.0    # render a page, select, and the like
START_TIMEOUT_S = 30.0     # interpreter + Qt start (slow on a cold, busy laptop)
SLOW_OPS = frozenset({"open", "search"})
# Replies are at most one page of pixels and its header.
MAX_REPLY_PAYLOAD = MAX_PAGE_PIXELS * 4 + 4096

Callback = Callable[[dict[str, Any], bytes], None]


def worker_command() -> tuple[str, list[str]]:
    """How to start the worker: the frozen bundle has no ``python -m``."""
    if getattr(sys, "frozen", False):
        return sys.executable, [WORKER_FLAG]
    return sys.executable, ["-m", "reviewer_app.gui.render_worker"]


@dataclass
class _Request:
    rid: int
    op: str
    frame: bytes
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
        self._queue: collections.deque[_Request] = collections.deque()
        self._in_flight: _Request | None = None
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
        if self._in_flight is not None and self._in_flight.doc == doc:
            self._in_flight.callback = None

    def cancel(self, rid: int) -> None:
        self._queue = collections.deque(r for r in self._queue if r.rid != rid)
        if self._in_flight is not None and self._in_flight.rid == rid:
            self._in_flight.callback = None

    def busy(self) -> bool:
        return self._in_flight is not None or bool(self._queue)

    def stop(self, wait_ms: int = 3000) -> None:
        """End the worker (at quit, or to drop every trace of materials on lock)."""
        self._stopping = True
        self._watchdog.stop()
        self._queue.clear()
        self._in_flight = None
        self._live_docs.clear()
        process, self._process = self._process, None
        self._ready = False
        if process is None:
            return
        process.finished.disconnect()
        process.readyReadStandardOutput.disconnect()
        process.errorOccurred.disconnect()
        process.closeWriteChannel()  # end of stdin: the worker exits by itself
        if not process.waitForFinished(wait_ms):
            process.kill()
            process.waitForFinished(1000)
        process.deleteLater()

    # --- process ------------------------------------------------------------------------
    def _spawn(self) -> None:
        process = QProcess(self)
        program, arguments = worker_command()
        env = QProcessEnvironment.systemEnvironment()
        env.insert("QT_QPA_PLATFORM", "offscreen")
        if self.memory_limit_mb is not None:
            env.insert(MEMORY_LIMIT_ENV, str(self.memory_limit_mb))
        process.setProcessEnvironment(env)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        if hasattr(process, "setUnixProcessParameters"):
            flags = QProcess.UnixProcessFlag
            process.setUnixProcessParameters(flags.CloseFileDescriptors
                                             | flags.ResetSignalHandlers)
        process.readyReadStandardOutput.connect(self._on_output)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        self._frames.clear()
        self._ready = False
        self._watchdog.start(int(START_TIMEOUT_S * 1000))
        process.start(program, arguments)

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
        self._ready = False
        self._lost = (code, detail)
        self._live_docs.clear()
        failed: list[_Request] = []
        if self._in_flight is not None:
            failed.append(self._in_flight)
            self._in_flight = None
        # Only an open can be retried in a new worker; everything else named a document
        # that died with the old one.
        failed.extend(r for r in self._queue if r.op != "open")
        self._queue = collections.deque(r for r in self._queue if r.op == "open")
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
        if status == QProcess.ExitStatus.CrashExit:
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
        elif self._in_flight is not None:
            self._kill(ERR_TIMEOUT, f"{self._in_flight.timeout:g}")

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
                self.workerReady.emit(header)
                continue
            request = self._in_flight
            if request is None or header["id"] != request.rid:
                self._kill(ERR_CRASHED, "protocol: a reply nobody asked for")
                return
            self._in_flight = None
            self._watchdog.stop()
            if request.callback is not None:
                request.callback(header, payload)
            if self._process is not process:
                return  # the callback stopped or replaced the worker
        self._pump()

    # --- queue --------------------------------------------------------------------------
    def _submit(self, op: str, params: dict[str, Any], payload: bytes | bytearray,
                doc: int | None, callback: Callback | None) -> int:
        rid = next(self._ids)
        timeout = self.open_timeout if op in SLOW_OPS else self.request_timeout
        frame = encode({"id": rid, "op": op, **params}, payload)
        self._queue.append(_Request(rid, op, frame, doc, timeout, callback))
        self._stopping = False
        if self._process is None:
            self._spawn()
        self._pump()
        return rid

    def _pump(self) -> None:
        if not self._ready or self._in_flight is not None or not self._queue:
            return
        request = self._queue.popleft()
        self._in_flight = request
        self._process.write(request.frame)
        request.frame = b""  # the material's bytes: Qt's write buffer has them now
        self._watchdog.start(int(request.timeout * 1000))
