"""Small real images for tests that store photos."""

from __future__ import annotations

import zlib


def tiny_png(marker: bytes) -> bytes:
    """A valid 1x1 PNG with ``marker`` in a text chunk (so it shows up in a raw scan)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))

    ihdr = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    idat = zlib.compress(b"\x00\xff\x00\x00")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"tEXt", b"Comment\x00" + marker)
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
