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
