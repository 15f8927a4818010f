"""Memory the GUI and the render worker share, so that neither a material nor a page's
pixels has to squeeze through the pipe (Linux).

One anonymous memory file (``memfd_create``: RAM, never a file on disk; it shows in
``/proc/<pid>/fd`` of both processes) of a fixed size, sealed so that neither side can
grow or shrink it:

    [0, PIXEL_BYTES)                          the page the worker rendered last
    [PIXEL_BYTES, PIXEL_BYTES + MATERIAL_BYTES)  the material the GUI sent last

The GUI creates it, writes a material into it right before ``open`` (the worker reads
the PDF or image from there, page by page, without copying it) and reads a page's
pixels from it when ``render`` answers. One request is served at a time (a ``close``
sent ahead of an ``open`` reads nothing), so neither side writes while the other reads.

The area is not counted in the worker's private memory, so the worker's memory limit
is a total: ``RLIMIT_DATA`` is the limit less the area (a limit too small for that gets
no area). Whatever the worker writes there is only ever taken as pixels, their sizes
checked against the area. Where memory files do not exist (Windows, macOS) or the
worker cannot map one, everything travels over the pipe.

No Qt here: the worker imports this before it has set its resource limits.
"""

from __future__ import annotations

import contextlib
import mmap
import os

try:
    import fcntl
except ImportError:  # Windows: no memory files to seal; materials go over the pipe
    fcntl = None

from reviewer_app.gui.widgets.render_protocol import MAX_PAGE_PIXELS

SHARED_FD_ENV = "REVIEWER_RENDER_SHARED_FD"
PIXEL_BYTES = MAX_PAGE_PIXELS * 4
# Larger materials (rare: packages refuse members far larger) go over the pipe.
MATERIAL_BYTES = 256 << 20
AREA_BYTES = PIXEL_BYTES + MATERIAL_BYTES
AREA_MB = AREA_BYTES >> 20
# The worker's memory limit covers the area; what is left must still parse and render.
MIN_PRIVATE_MB = 512
_SEALS = ("F_SEAL_GROW", "F_SEAL_SHRINK", "F_SEAL_SEAL")


def supported() -> bool:
    return fcntl is not None and hasattr(os, "memfd_create") \
        and all(hasattr(fcntl, s) for s in _SEALS) \
        and hasattr(mmap, "MADV_REMOVE")


def fits_in(memory_limit_mb: int) -> bool:
    """Whether a worker limited to ``memory_limit_mb`` in total can take the area."""
    return supported() and memory_limit_mb - AREA_MB >= MIN_PRIVATE_MB


class SharedArea:
    """The mapped memory file, on either side."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._map = mmap.mmap(fd, AREA_BYTES, mmap.MAP_SHARED,
                              mmap.PROT_READ | mmap.PROT_WRITE)
        self._view = memoryview(self._map)
        self._material_end = 0  # how far the GUI's last material reached

    @classmethod
    def create(cls) -> SharedArea | None:
        """A new sealed area (GUI side); None where this system has none."""
        if not supported():
            return None
        try:
            fd = os.memfd_create("reviewer-render", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
        except OSError:
            return None
        try:
            os.ftruncate(fd, AREA_BYTES)  # sparse: pages cost memory once written
            seals = 0
            for name in _SEALS:
                seals |= getattr(fcntl, name)
            fcntl.fcntl(fd, fcntl.F_ADD_SEALS, seals)
            return cls(fd)
        except (OSError, ValueError):
            os.close(fd)
            return None

    @classmethod
    def attach(cls, fd: int) -> SharedArea:
        """Map the area the GUI passed (worker side); ValueError if it is not one."""
        if os.fstat(fd).st_size != AREA_BYTES:
            raise ValueError("the shared area has the wrong size")
        seals = fcntl.fcntl(fd, fcntl.F_GET_SEALS)
        if not seals & fcntl.F_SEAL_GROW or not seals & fcntl.F_SEAL_SHRINK:
            raise ValueError("the shared area is not sealed")
        return cls(fd)

    # --- material ---------------------------------------------------------------------
    def put_material(self, data: bytes | bytearray | memoryview) -> int:
        """Copy a material into the area (GUI); returns its length. The previous
        material's tail beyond it is dropped, so the area holds one material only."""
        length = len(data)
        start = PIXEL_BYTES
        self._view[start:start + length] = data
        if self._material_end > start + length:
            self._drop(start + length, self._material_end)
        self._material_end = start + length
        return length

    def material(self, length: int) -> memoryview:
        if not 0 <= length <= MATERIAL_BYTES:
            raise ValueError(f"material of {length} bytes")
        return self._view[PIXEL_BYTES:PIXEL_BYTES + length]

    def drop_material(self) -> None:
        """Free (and so zero) the material's pages: at lock, and when the worker died."""
        if self._material_end > PIXEL_BYTES:
            self._drop(PIXEL_BYTES, self._material_end)
        self._material_end = 0

    # --- pixels -------------------------------------------------------------------------
    def pixels(self, length: int) -> memoryview:
        if not 0 <= length <= PIXEL_BYTES:
            raise ValueError(f"page of {length} bytes")
        return self._view[:length]

    def _drop(self, start: int, end: int) -> None:
        first = start - start % mmap.PAGESIZE
        with contextlib.suppress(OSError):
            # Partial first page: its head still belongs to the current material.
            if first < start:
                self._view[start:min(end, first + mmap.PAGESIZE)] = \
                    bytes(min(end, first + mmap.PAGESIZE) - start)
                first += mmap.PAGESIZE
            if end > first:
                self._map.madvise(mmap.MADV_REMOVE, first, end - first)

    def close(self) -> None:
        """Drop every page and unmap (views handed out must be released by then)."""
        with contextlib.suppress(OSError):
            self._map.madvise(mmap.MADV_REMOVE, 0, AREA_BYTES)
        self._view.release()
        with contextlib.suppress(BufferError):
            self._map.close()
        with contextlib.suppress(OSError):
            os.close(self.fd)
