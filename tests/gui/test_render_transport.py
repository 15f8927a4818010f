"""Materials and pages between the GUI and the render worker: the shared area (Linux)
and the pipe (everywhere, and the fallback) give the same pages; the area is sealed and
is the only thing the worker inherits besides its pipes."""

from __future__ import annotations

import fcntl
import os
import sys

import pytest

from reviewer_app.gui.widgets import render_shared
from reviewer_app.gui.widgets.render_client import RenderClient
from reviewer_app.gui.widgets.viewer import MaterialViewer
from tests.gui.fakes import make_pdf, make_png

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux") or
                                not render_shared.supported(), reason="memfd: Linux")


@pytest.fixture
def make_viewer(qtbot):
    made: list[MaterialViewer] = []

    def make(shared: bool) -> MaterialViewer:
        client = RenderClient()
        client.use_shared_area = shared
        viewer = MaterialViewer(client=client)
        qtbot.addWidget(viewer)
        viewer.resize(700, 600)
        viewer.show()
        made.append(viewer)
        return viewer

    yield make
    for viewer in made:
        viewer.client.stop()


def _first_page(qtbot, viewer: MaterialViewer, data: bytes, media_type: str):
    view = viewer.image_view if media_type.startswith("image/") else viewer.pdf_view
    with qtbot.waitSignal(view.pageRendered, timeout=20000):
        viewer.load_material(3, data, media_type)
    return view.grab_page()


@linux_only
@pytest.mark.parametrize("media_type", ["application/pdf", "image/png"])
def test_shared_area_and_pipe_give_the_same_page(qtbot, make_viewer, media_type):
    data = make_pdf("Shared", "SAME-PIXELS", pages=3) if media_type == "application/pdf" \
        else make_png("SAME-PIXELS", size=(320, 200))
    shared, piped = make_viewer(True), make_viewer(False)
    via_area = _first_page(qtbot, shared, data, media_type)
    via_pipe = _first_page(qtbot, piped, data, media_type)
    assert shared.client.shares_memory() and not piped.client.shares_memory()
    assert shared.client.hello["shared"] is True and piped.client.hello["shared"] is False
    assert not via_area.isNull() and via_area == via_pipe
    # A second material replaces the first in the area; a shorter one leaves no tail.
    small = make_pdf("Next", "SECOND", pages=1)
    assert _first_page(qtbot, shared, small, "application/pdf") == \
        _first_page(qtbot, piped, small, "application/pdf")


@linux_only
def test_all_page_sizes_arrive_in_steps(qtbot, make_viewer):
    viewer = make_viewer(True)
    _first_page(qtbot, viewer, make_pdf("Long", "MANY", pages=25), "application/pdf")
    view = viewer.pdf_view
    qtbot.waitUntil(lambda: view._sized_up_to == 25, timeout=10000)
    assert not viewer.client.busy()
    viewer.go_to_page(24)
    with qtbot.waitSignal(view.pageRendered, timeout=10000):
        pass
    assert view.current_page() == 24


@linux_only
def test_the_area_is_sealed_and_the_only_inherited_descriptor(qtbot, make_viewer):
    stray = os.open(os.devnull, os.O_RDONLY)  # as left to the app by whatever started it
    os.set_inheritable(stray, True)
    try:
        viewer = make_viewer(True)
        _first_page(qtbot, viewer, make_pdf("T", "M", pages=1), "application/pdf")
        assert os.get_inheritable(stray)  # untouched for anything else
    finally:
        os.close(stray)
    area = viewer.client._area
    seals = fcntl.fcntl(area.fd, fcntl.F_GET_SEALS)
    assert seals & fcntl.F_SEAL_GROW and seals & fcntl.F_SEAL_SHRINK
    with pytest.raises(PermissionError):
        os.ftruncate(area.fd, render_shared.AREA_BYTES * 2)
    # The worker holds its pipes, its stderr (and copies of them), the area and what Qt
    # opened in it: nothing else of this process, though this one has more to leak.
    pid = viewer.client.worker_pid()
    targets = {fd: os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
    ours = os.readlink(f"/proc/self/fd/{area.fd}")
    assert ours in targets.values()
    assert all(t in (targets["2"], ours) or t.startswith(("pipe:", "anon_inode:"))
               for t in targets.values()), targets
    # Two pipes (requests, replies), however often the worker copied them.
    assert len({t for t in targets.values() if t.startswith("pipe:")}) == 2, targets
    assert len(os.listdir("/proc/self/fd")) > len(targets)


@linux_only
def test_an_unsealed_or_odd_area_is_refused_by_the_worker():
    fd = os.memfd_create("odd", os.MFD_CLOEXEC)
    try:
        os.ftruncate(fd, 4096)
        with pytest.raises(ValueError, match="wrong size"):
            render_shared.SharedArea.attach(fd)
        os.ftruncate(fd, render_shared.AREA_BYTES)
        with pytest.raises(ValueError, match="not sealed"):
            render_shared.SharedArea.attach(fd)
    finally:
        os.close(fd)


@linux_only
def test_lock_drops_the_area_with_the_worker(qtbot, make_viewer):
    viewer = make_viewer(True)
    _first_page(qtbot, viewer, make_pdf("T", "GONE-AFTER-LOCK", pages=1), "application/pdf")
    fd = viewer.client._area.fd
    viewer.client.stop()
    assert viewer.client._area is None
    with pytest.raises(OSError):
        os.fstat(fd)
