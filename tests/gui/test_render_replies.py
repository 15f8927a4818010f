"""A compromised render worker must not be able to break the GUI with its replies
(red-team review of issue 11): headers that exhaust the JSON parser's recursion,
NaN and Infinity, page sizes out of range are protocol errors, which the client
answers by killing the worker."""

from __future__ import annotations

import pytest

from reviewer_app.gui.widgets.render_protocol import (
    MAX_PAGES,
    ProtocolError,
    decode_header,
    page_count,
    page_size,
)


@pytest.mark.parametrize("raw", [
    b"[" * 100_000 + b"]" * 100_000,                       # RecursionError in json
    b'{"id": 1, "sizes": [[NaN, 1]]}',
    b'{"id": 1, "w": Infinity}',
    b'{"id": 1, "w": -Infinity}',
    b"\xff\xfe",
    b'["not", "an", "object"]',
    b'{"no": "id"}',
])
def test_hostile_headers_are_protocol_errors(raw: bytes) -> None:
    with pytest.raises(ProtocolError):
        decode_header(raw)


def test_an_ordinary_header_is_read() -> None:
    assert decode_header(b'{"id": 3, "ok": true, "sizes": [[595.3, 841.9]]}')["id"] == 3


@pytest.mark.parametrize("value", [
    [0, 100], [-1, 100], [100, 1e7], [True, 100], ["100", 100], [100], None, [100, 100, 1],
    [float("nan"), 1],
])
def test_page_sizes_out_of_range_are_refused(value) -> None:
    with pytest.raises(ValueError):
        page_size(value)


def test_page_sizes_and_counts_in_range_pass() -> None:
    assert page_size([595.3, 841.9]) == (595.3, 841.9)
    assert page_size((14400, 14400)) == (14400.0, 14400.0)
    assert page_count([[1, 1]] * 3) == 3
    with pytest.raises(ValueError):
        page_count([[1, 1]] * (MAX_PAGES + 1))
    with pytest.raises(ValueError):
        page_count("pages")


# -- search hits and selection bounds (red-team review of issue 12's viewer work) --------

from reviewer_app.gui.widgets.render_protocol import (  # noqa: E402
    MAX_SEARCH_HITS,
    search_hits,
    selection_bounds,
)


@pytest.mark.parametrize("value", [
    "hits", [{"page": 5, "rects": []}], [{"page": -1, "rects": []}],
    [{"page": True, "rects": []}], [{"page": 0}], [{"page": 0, "rects": [[1, 2, 3]]}],
    [{"page": 0, "rects": [[1, 2, "3", 4]]}], [{"page": 0, "rects": [[1, 2, -3, 4]]}],
    [{"page": 0, "rects": [[float("nan"), 2, 3, 4]]}], [{"page": 0, "rects": [[1e9, 2, 3, 4]]}],
    [{"page": 0, "rects": [], "extra": 1}], [{"page": 0, "rects": []}] * (MAX_SEARCH_HITS + 1),
])
def test_malformed_search_hits_are_refused(value) -> None:
    with pytest.raises(ValueError):
        search_hits(value, pages=3)


@pytest.mark.parametrize("value", [
    "bounds", [[[1, 2], [3, 4]]], [[[1, 2], [3, 4], [5]]], [[[1, 2], [3, 4], ["5", 6]]],
    [[[1, 2]] * 65], [[[1, 2], [3, 4], [float("inf"), 6]]], [None],
])
def test_malformed_selection_bounds_are_refused(value) -> None:
    with pytest.raises(ValueError):
        selection_bounds(value)


def test_well_formed_hits_and_bounds_pass() -> None:
    hits = [{"page": 2, "rects": [[10, 20.5, 30, 8], [10, 30, 0, 8]]}]
    assert search_hits(hits, pages=3) == [{"page": 2, "rects": [[10.0, 20.5, 30.0, 8.0],
                                                                [10.0, 30.0, 0.0, 8.0]]}]
    square = [[[0, 0], [1, 0], [1, 1], [0, 1]]]
    assert selection_bounds(square) == [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]]


def test_a_worker_sending_unusable_hits_is_killed_not_painted(qtbot) -> None:
    """Through the real client: hits that would raise in the next paint event instead
    kill the worker when they arrive; the material says why and the GUI goes on."""
    from reviewer_app.gui.widgets.viewer import MaterialViewer
    from tests.gui.fakes import make_pdf

    viewer = MaterialViewer()
    qtbot.addWidget(viewer)
    viewer.resize(800, 600)
    viewer.show()
    try:
        with qtbot.waitSignal(viewer.pdf_view.pageRendered, timeout=15000):
            viewer.load_pdf(7, make_pdf("T", "NEEDLE", pages=2), 0)
        real = viewer._searched
        # What a compromised worker could send: a hit on a page that does not exist,
        # with a rectangle of text instead of numbers.
        viewer._searched = lambda doc, text, reply: real(
            doc, text, {**reply, "hits": [{"page": 99, "rects": [["x", "y"]]}]})
        with qtbot.waitSignal(viewer.client.workerLost, timeout=10000) as lost:
            viewer.search_edit.setText("needle")
        assert lost.args[1].startswith("protocol: a malformed search reply")
        qtbot.waitUntil(lambda: viewer.failure is not None, timeout=5000)
        assert viewer._hits == []
        viewer.pdf_view.viewport().repaint()  # nothing left that could raise in paint
    finally:
        viewer.client.stop()
