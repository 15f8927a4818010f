"""The render worker's wire format and the limits both sides enforce.

One frame per request or reply, over the worker's stdin/stdout (no file, no socket):

    u32 header length (big endian) | u64 payload length | header: UTF-8 JSON object | payload

A request header is ``{"id": n, "op": "...", ...parameters}``; its payload is the material's
bytes for ``open`` and empty otherwise. A reply header is ``{"id": n, "ok": true, ...}`` or
``{"id": n, "ok": false, "error": code, "detail": text}``; a rendered page comes back as raw
``QImage.Format_RGB32`` pixels in the payload (``width``, ``height``, ``stride`` in the header).
Where the worker mapped the shared area (:mod:`reviewer_app.gui.widgets.render_shared`), ``open``
carries ``shared: n`` instead of a payload and a render answers ``shared: true`` with the
pixels in the area. Both ends are always the same version of the app: no version field.
Error codes are fixed strings: the GUI turns them into translated reasons.

No Qt here: the worker imports this before it has set its resource limits.
"""

from __future__ import annotations

import json
import struct
from typing import Any, BinaryIO

PREFIX = struct.Struct(">IQ")
MAX_HEADER = 16 << 20            # page sizes of a long PDF, search hits
MAX_REQUEST_PAYLOAD = 1 << 31          # a material: packages refuse far larger members
# No page or image the worker hands out is larger than this many pixels, whatever the zoom:
# 32 Mi pixels are 128 MiB of RGB32, so the app and the worker together stay well under
# 1.5 GB even while a page is in flight (in the worker, in the pipe and on screen).
MAX_PAGE_PIXELS = 32 * 1024 * 1024
# Each side of a rendered image, as QPainter's raster engine and window systems handle it.
MAX_PAGE_SIDE = 32767
# A source image larger than this is refused before it is decoded (8000 x 8000 fits).
MAX_IMAGE_PIXELS = 64 * 1024 * 1024
MAX_SEARCH_HITS = 2000

# Error codes of replies (and of the client, for a worker it had to kill).
ERR_DAMAGED = "damaged"                # not a readable PDF / image
ERR_PASSWORD = "password"              # an encrypted PDF
ERR_UNSUPPORTED_TYPE = "unsupported_type"  # detail: the detected type
ERR_TOO_LARGE = "too_large"            # detail: "WIDTHxHEIGHT"
ERR_NO_MEMORY = "no_memory"
ERR_BAD_REQUEST = "bad_request"
ERR_STALE = "stale"                    # the request names a document no longer open
ERR_TIMEOUT = "timeout"                # detail: seconds
ERR_CRASHED = "crashed"                # detail: signal name or exit status
ERR_UNAVAILABLE = "unavailable"        # the worker cannot be started


class ProtocolError(Exception):
    """A frame that breaks the format (the peer is killed, never trusted further)."""


def encode_prefix(header: dict[str, Any], payload_length: int) -> bytes:
    """Prefix and header of a frame whose payload (``payload_length`` bytes) follows."""
    head = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
    return PREFIX.pack(len(head), payload_length) + head


def encode(header: dict[str, Any], payload: bytes | bytearray | memoryview = b"") -> bytes:
    return encode_prefix(header, len(payload)) + bytes(payload)


def write_frame(stream: BinaryIO, header: dict[str, Any],
                payload: bytes | bytearray | memoryview = b"") -> None:
    """Write a frame without copying a large payload into a joined buffer."""
    view = memoryview(payload).cast("B")
    stream.write(encode_prefix(header, view.nbytes))
    if view.nbytes:
        stream.write(view)
    stream.flush()


def decode_prefix(prefix: bytes, max_payload: int) -> tuple[int, int]:
    """(header length, payload length) of a frame, both checked against the limits."""
    head_len, payload_len = PREFIX.unpack(prefix)
    if head_len == 0 or head_len > MAX_HEADER:
        raise ProtocolError(f"header of {head_len} bytes")
    if payload_len > max_payload:
        raise ProtocolError(f"payload of {payload_len} bytes")
    return head_len, payload_len


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a reply may carry")


def decode_header(raw: bytes) -> dict[str, Any]:
    """A frame's JSON header. The worker may be compromised: nesting deep enough to
    exhaust the parser's recursion, NaN and Infinity are protocol errors too."""
    try:
        header = json.loads(raw.decode(), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ProtocolError(f"header is not JSON: {type(exc).__name__}") from exc
    if not isinstance(header, dict) or not isinstance(header.get("id"), int):
        raise ProtocolError("header without an id")
    return header


def _read_exact(stream: BinaryIO, length: int) -> bytearray | None:
    out = bytearray(length)
    view = memoryview(out)
    got = 0
    while got < length:
        n = stream.readinto(view[got:])
        if not n:
            return None
        got += n
    return out


def read_frame(stream: BinaryIO, max_payload: int
               ) -> tuple[dict[str, Any], bytearray] | None:
    """One frame from a blocking stream; None at a clean end of stream."""
    prefix = _read_exact(stream, PREFIX.size)
    if prefix is None:
        return None
    head_len, payload_len = decode_prefix(bytes(prefix), max_payload)
    head = _read_exact(stream, head_len)
    payload = _read_exact(stream, payload_len)
    if head is None or payload is None:
        raise ProtocolError("the stream ends inside a frame")
    return decode_header(bytes(head)), payload


class FrameBuffer:
    """Incremental parser for frames arriving in pieces (the GUI side's pipe)."""

    def __init__(self, max_payload: int) -> None:
        self._data = bytearray()
        self._max_payload = max_payload

    def feed(self, chunk: bytes) -> list[tuple[dict[str, Any], bytes]]:
        self._data += chunk
        frames = []
        while len(self._data) >= PREFIX.size:
            head_len, payload_len = decode_prefix(bytes(self._data[:PREFIX.size]),
                                                  self._max_payload)
            end = PREFIX.size + head_len + payload_len
            if len(self._data) < end:
                break
            header = decode_header(bytes(self._data[PREFIX.size:PREFIX.size + head_len]))
            payload = bytes(self._data[PREFIX.size + head_len:end])
            del self._data[:end]
            frames.append((header, payload))
        return frames

    def clear(self) -> None:
        self._data = bytearray()


MAX_PAGES = 100_000          # more pages than any material a person could review
MAX_PAGE_EXTENT = 1_000_000  # points: far beyond PDF's 14,400 (even with UserUnit)


def page_size(value: Any) -> tuple[float, float]:
    """A page size from a reply, checked: two finite numbers within (0, 10^6] points.

    Raises:
        ValueError: anything else (the client then treats the worker as broken).
    """
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ValueError("a page size is two numbers")
    width, height = (float(v) if isinstance(v, (int, float)) and not isinstance(v, bool)
                     else float("nan") for v in value)
    if not (0 < width <= MAX_PAGE_EXTENT and 0 < height <= MAX_PAGE_EXTENT):
        raise ValueError("a page size out of range")
    return width, height


def page_count(sizes: Any) -> int:
    if not isinstance(sizes, list) or len(sizes) > MAX_PAGES:
        raise ValueError("a page list out of range")
    return len(sizes)


MAX_SHAPES = 10_000         # rectangles of one hit, polygons of one selection
MAX_POLYGON_POINTS = 64     # PDFium bounds text with quadrilaterals


def _coordinate(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("a coordinate is a number")
    number = float(value)
    if not -MAX_PAGE_EXTENT <= number <= MAX_PAGE_EXTENT:  # also refuses NaN
        raise ValueError("a coordinate out of range")
    return number


def _numbers(value: Any, count: int, what: str) -> tuple[float, ...]:
    if not isinstance(value, list) or len(value) != count:
        raise ValueError(f"{what} is {count} numbers")
    return tuple(_coordinate(v) for v in value)


def search_hits(value: Any, pages: int) -> list[dict[str, Any]]:
    """A ``search`` reply's hits, checked: each on a page of the document, with at most
    :data:`MAX_SHAPES` rectangles of four in-range numbers and a non-negative size.

    Raises:
        ValueError: anything else (the client then treats the worker as broken).
    """
    if not isinstance(value, list) or len(value) > MAX_SEARCH_HITS:
        raise ValueError("a hit list out of range")
    hits = []
    for hit in value:
        if not isinstance(hit, dict) or set(hit) != {"page", "rects"}:
            raise ValueError("a hit is {page, rects}")
        page = hit["page"]
        if isinstance(page, bool) or not isinstance(page, int) or not 0 <= page < pages:
            raise ValueError("a hit on no page of the document")
        if not isinstance(hit["rects"], list) or len(hit["rects"]) > MAX_SHAPES:
            raise ValueError("a hit's rectangles out of range")
        rects = [_numbers(r, 4, "a rectangle") for r in hit["rects"]]
        if any(w < 0 or h < 0 for _, _, w, h in rects):
            raise ValueError("a rectangle of negative size")
        hits.append({"page": page, "rects": [list(r) for r in rects]})
    return hits


def selection_bounds(value: Any) -> list[list[list[float]]]:
    """A ``select`` reply's bounds, checked: at most :data:`MAX_SHAPES` polygons of 3 to
    :data:`MAX_POLYGON_POINTS` in-range points.

    Raises:
        ValueError: anything else.
    """
    if not isinstance(value, list) or len(value) > MAX_SHAPES:
        raise ValueError("a selection's polygons out of range")
    polygons = []
    for polygon in value:
        if not isinstance(polygon, list) or not 3 <= len(polygon) <= MAX_POLYGON_POINTS:
            raise ValueError("a polygon of 3 to 64 points")
        polygons.append([list(_numbers(point, 2, "a point")) for point in polygon])
    return polygons
