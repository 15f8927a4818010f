"""Control characters in text from outside: found, made visible, or removed.

Applicants' names, file names inside an intake, and the text of packages and
sheets can carry characters a terminal acts on instead of showing: ESC starts
a CSI/OSC sequence that can move the cursor, erase a line or retitle the
window; C1 controls (U+0080-U+009F, among them the 8-bit CSI U+009B) do the
same on some terminals; a carriage return overwrites the line so far; bidi
embeddings, overrides and isolates (and the directional marks) make text
display as other text than it holds; U+2028/U+2029 break a line on some
displays. Pure functions, no I/O.
"""

from __future__ import annotations

import re

# Everything a terminal or a bidi renderer may act on, tab/newline/CR included
# (callers say which of those they keep).
_ACTIVE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069]")
# Whole escape sequences, so that their parameters do not survive as visible junk:
# CSI (ESC [ or U+009B ... final byte), OSC/DCS/SOS/PM/APC strings up to their
# terminator (BEL or ST) or the end of the text, and two-character ESC sequences.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P^_X]|[\x9d\x90\x9e\x9f\x98])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?")
# Line and page breaks (and tab): text, not commands, where a line may break.
LINE_BREAKS = "\t\n\r\x0b\x0c\x85\u2028\u2029"
_LINE_BREAKS = re.compile(f"[{LINE_BREAKS}]+")


def first_control(text: str, allowed: str = "\t\n\r") -> str | None:
    """The first character of ``text`` a terminal or bidi renderer acts on,
    other than those in ``allowed``; None when there is none."""
    for match in _ACTIVE.finditer(text):
        if match.group() not in allowed:
            return match.group()
    return None


def codepoint(char: str) -> str:
    """``U+001B``: how messages name a character that cannot be shown."""
    return f"U+{ord(char):04X}"


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with every active character except those in ``keep`` written as a
    visible escape (``\\x1b``, ``\\u202e``): for names someone must find again,
    such as file names, and for output that may be JSON (the escapes are valid
    JSON string escapes for the same characters)."""
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        return f"\\u{ord(char):04x}"
    return _ACTIVE.sub(escape, text)


def strip_terminal_controls(text: str, *, one_line: bool = True) -> str:
    """``text`` with escape sequences and active characters removed, for showing
    in a terminal. ``one_line`` turns line breaks and tabs into one space (table
    cells); otherwise newlines and tabs stay."""
    text = _SEQUENCE.sub("", text)
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    keep = "" if one_line else "\t\n"
    return _ACTIVE.sub(lambda m: m.group() if m.group() in keep else "", text)
