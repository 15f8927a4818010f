"""A reportlab canvas whose pages know how many pages the document has.

The total is only known after the last page, so every page is held back until
``save`` and then stamped (e.g. "第 N 页 共 M 页") by the subclass's ``stamp_page``.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas


class PageCountingCanvas(Canvas):
    footer_left = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self.stamp_page(number, total)
            super().showPage()
        super().save()

    def stamp_page(self, number: int, total: int) -> None:
        raise NotImplementedError
