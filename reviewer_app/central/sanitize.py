"""Making untrusted application text safe for spreadsheets.

Enterprise names and titles come from applicants. A cell starting with ``=``,
``+``, ``-``, ``@`` (or a tab/CR) is read as a formula by Excel and LibreOffice
when the CSV is opened; control characters break XLSX files. CSV has no cell
types, so such text gets a leading apostrophe, the convention spreadsheet users
know; XLSX cells are typed as strings explicitly instead.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def strip_controls(text: str) -> str:
    """Remove control characters (keeping tab and newlines) and NFC-normalise."""
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def csv_text(text: str) -> str:
    cleaned = strip_controls(text)
    return "'" + cleaned if cleaned.startswith(_FORMULA_START) else cleaned
