"""A read-only QIODevice over memory the render worker already has (the shared area or
a pipe payload), so that PDFium and the image readers read a material where it lies.

``QBuffer`` needs a ``QByteArray``, which from Python is always a copy of the whole
material (6 MB: 1-5 ms of fresh pages); PDFium reads lazily and touches a fraction of
a long PDF for its first page (~160 kB in ~50 reads for a 6 MB, 100-page PDF).
"""

from __future__ import annotations

from PySide6.QtCore import QIODevice


class MemoryDevice(QIODevice):
    """Random access over ``view``; opened read-only and unbuffered on creation."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view = view
        self._length = len(view)
        self.open(QIODevice.OpenModeFlag.ReadOnly | QIODevice.OpenModeFlag.Unbuffered)

    def isSequential(self) -> bool:
        return False

    def size(self) -> int:
        return self._length

    def bytesAvailable(self) -> int:
        return max(0, self._length - self.pos()) + super().bytesAvailable()

    def readData(self, maxlen: int) -> bytes:
        start = min(max(0, self.pos()), self._length)
        return bytes(self._view[start:min(self._length, start + max(0, maxlen))])

    def writeData(self, _data: bytes) -> int:
        return -1

    def close(self) -> None:
        super().close()
        self._view = memoryview(b"")
        self._length = 0
