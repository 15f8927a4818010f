"""Making untrusted application text safe for spreadsheets.

Enterprise names and titles come from applicants. A cell starting with ``=``,
``+``, ``-``, ``@`` (or a tab/CR) is read as a formula by Excel and LibreOffice
when the CSV is opened; control characters break XLSX files. CSV has no cell
types, so such text gets a leading apostrophe, the convention spreadsheet users
know; XLSX cells are typed as strings explicitly instead.

Invisible characters must not hide a formula from that test: a byte-order mark,
zero-width spaces and joiners and other format characters before the ``=`` are
looked through (some importers drop them, and no reader sees them). Bidi
embedding, override and isolate controls are removed outright: they let a name
display as other text than it holds.
"""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def strip_controls(text: str) -> str:
    """Remove control characters (keeping tab and newlines) and bidi embedding,
    override and isolate controls; NFC-normalise."""
    return unicodedata.normalize("NFC", _UNSAFE.sub("", text))


def csv_text(text: str) -> str:
    cleaned = strip_controls(text)
    return "'" + cleaned if _first_visible(cleaned).startswith(_FORMULA_START) else cleaned


def _first_visible(text: str) -> str:
    """``text`` from its first character that is neither a format character (Cf: BOM,
    zero-width space/joiner, word joiner, ...) nor a space separator (Zs)."""
    for index, char in enumerate(text):
        if unicodedata.category(char) not in ("Cf", "Zs"):
            return text[index:]
    return ""
