"""Hostile materials (issue 11) are refused or survived by the render worker; the GUI
thread keeps running throughout and the app goes on with ordinary materials."""

from __future__ import annotations

import os
import signal
import time

import pytest
from PySide6.QtCore import QTimer

from reviewer_app.gui.widgets import render_shared
from reviewer_app.gui.widgets.render_protocol import MAX_PAGE_PIXELS, MAX_PAGE_SIDE
from reviewer_app.gui.widgets.viewer import MaterialViewer
from tests.gui.fakes import make_pdf
from tests.helpers import hostile

OPEN_TIMEOUT_S = 2.0
REQUEST_TIMEOUT_S = 3.0


class Ticker:
    """Counts ticks of a 20 ms timer on the GUI thread: a blocked thread stops counting."""

    def __init__(self) -> None:
        self.ticks = 0
        self.started = time.monotonic()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(20)

    def _tick(self) -> None:
        self.ticks += 1

    def assert_responsive(self) -> None:
        elapsed = time.monotonic() - self.started
        # Offscreen on a busy 2-core machine: half the ticks is plenty of proof that the
        # thread never stalled for the length of a hang (seconds).
        assert self.ticks >= elapsed / 0.020 * 0.3, (self.ticks, elapsed)


@pytest.fixture
def viewer(qtbot):
    from reviewer_app.gui.widgets.render_client import RenderClient

    client = RenderClient(open_timeout=OPEN_TIMEOUT_S, request_timeout=REQUEST_TIMEOUT_S)
    widget = MaterialViewer(client=client)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    yield widget
    client.stop()


def _show(qtbot, viewer: MaterialViewer, data: bytes, media_type: str) -> str | None:
    """Load a material; None once a page is on screen, else the failure's error code."""
    outcome: list[str | None] = []
    viewer.materialFailed.connect(lambda *_: outcome.append(viewer.failure[0]))
    for view in (viewer.pdf_view, viewer.image_view):
        view.pageRendered.connect(lambda _page: outcome.append(None))
    viewer.load_material(5, data, media_type)
    qtbot.waitUntil(lambda: bool(outcome), timeout=30000)
    for view in (viewer.pdf_view, viewer.image_view):
        view.pageRendered.disconnect()
    viewer.materialFailed.disconnect()
    return outcome[0]


def _assert_capped(viewer: MaterialViewer) -> None:
    view = viewer.pdf_view if viewer.is_pdf() else viewer.image_view
    page = view.grab_page()
    assert not page.isNull()
    assert page.width() * page.height() <= MAX_PAGE_PIXELS
    assert max(page.width(), page.height()) <= MAX_PAGE_SIDE


def _ordinary_pdf_still_opens(qtbot, viewer: MaterialViewer) -> None:
    assert _show(qtbot, viewer, make_pdf("After", "STILL-FINE", pages=2),
                 "application/pdf") is None
    assert viewer.page_count() == 2


@pytest.mark.parametrize("name, media_type, build, expected", hostile.CASES,
                         ids=[case[0] for case in hostile.CASES])
def test_hostile_material_is_refused_or_survived(qtbot, viewer, name, media_type, build,
                                                 expected):
    data = build()
    ticker = Ticker()
    outcome = _show(qtbot, viewer, data, media_type)
    if expected == "either":
        assert outcome in (None, "timeout", "crashed", "no_memory")
    else:
        assert outcome == expected
    if outcome is None:
        _assert_capped(viewer)
        # The worst zoom: still capped, still answered.
        viewer.set_zoom(4.0)
        view = viewer.pdf_view if viewer.is_pdf() else viewer.image_view
        qtbot.waitUntil(lambda: view.grab_page().size() == view.page_size()
                        or viewer.failure is not None, timeout=20000)
        if viewer.failure is None:
            _assert_capped(viewer)
        viewer.set_zoom("fit_width")
    else:
        text = viewer.message.text()
        # No translator is installed for a bare viewer: the English source text.
        assert text.startswith("This material cannot be shown: ")
        if expected == "unsupported_type":
            detected = "TIFF" if "tiff" in name else "SVG"
            assert detected in text
    ticker.assert_responsive()
    _ordinary_pdf_still_opens(qtbot, viewer)


def test_a_crashing_worker_is_reported_and_replaced(qtbot, viewer):
    first = viewer.client
    assert _show(qtbot, viewer, make_pdf("T", "M", pages=1), "application/pdf") is None
    pid = first.worker_pid()
    assert pid > 0
    # The worker dies on a signal in the middle of a document (as PDFium does on a bad
    # allocation); its material says so, and the next one opens in a fresh worker.
    with qtbot.waitSignal(viewer.materialFailed, timeout=10000):
        os.kill(pid, signal.SIGSEGV)
    assert viewer.failure == ("crashed", "SIGSEGV") or viewer.failure[0] == "crashed"
    assert "SIGSEGV" in viewer.message.text()
    _ordinary_pdf_still_opens(qtbot, viewer)
    assert viewer.client.worker_pid() not in (0, pid)


def test_worker_is_confined(qtbot, viewer):
    with qtbot.waitSignal(viewer.client.workerReady, timeout=30000) as ready:
        viewer.client.start()
    hello = ready.args[0]
    assert hello["memory_limit_mb"] == 1024
    if os.uname().sysname == "Linux":
        assert hello["limits"]["memory"] == "RLIMIT_DATA"
        assert hello["limits"]["core"].startswith("rlimit")
        with open(f"/proc/{hello['pid']}/limits") as limits:
            text = limits.read()
        data_line = next(line for line in text.splitlines() if "data size" in line)
        # The limit is a total: the memory shared with the GUI comes off the private part.
        assert hello["shared"] is render_shared.supported()
        private_mb = 1024 - (render_shared.AREA_MB if hello["shared"] else 0)
        assert str(private_mb * 1024 * 1024) in data_line
        core_line = next(line for line in text.splitlines() if "core file size" in line)
        assert core_line.split()[4:6] == ["0", "0"]  # soft and hard


def test_memory_limit_turns_a_huge_render_into_a_refusal(qtbot):
    from reviewer_app.gui.widgets.render_client import RenderClient

    client = RenderClient(memory_limit_mb=160, request_timeout=REQUEST_TIMEOUT_S)
    widget = MaterialViewer(client=client)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    try:
        # A 5600 x 5600 px page needs 120 MiB twice (PDFium's bitmap and ours): above the
        # limit, so the worker answers "no memory" (or dies) instead of growing.
        outcome = _show(qtbot, widget, hostile.huge_page_pdf(), "application/pdf")
        assert outcome is None
        widget.set_zoom(0.5)  # 14400 pt at 96 dpi x 0.5 = 9600 px a side, capped to ~5790
        qtbot.waitUntil(lambda: widget.failure is not None, timeout=20000)
        assert widget.failure[0] in ("no_memory", "crashed")
        _ordinary_pdf_still_opens(qtbot, widget)
    finally:
        client.stop()
