"""Plain-text tables that line up with Chinese text in a terminal.

Cells hold outside text (applicants' names, findings that quote them): each is
stripped of escape sequences, control and bidi characters and flattened to one
line, so that no cell can move the cursor, overwrite a row or hide one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reviewer_app.core.controls import strip_terminal_controls


def display_width(text: str) -> int:
    """Terminal columns: wide and full-width characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    rows = [[strip_terminal_controls(cell) for cell in row] for row in rows]
    widths = [display_width(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths[i], display_width(cell))
    lines = []
    for row in (header, ["-" * w for w in widths], *rows):
        cells = [_pad(cell, widths[i]) for i, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)
