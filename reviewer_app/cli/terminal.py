"""Terminal output that outside text cannot take over.

Every command prints text that came from outside (applicants' names, file names
of an intake, organizer and seat names of a package, sheet fields). Table cells
and the lines that show such text strip it explicitly
(:func:`reviewer_app.core.controls.strip_terminal_controls`); :class:`SafeStream`
is the net under all of it: ``reviewer-admin`` writes through it, and whatever
active character still reaches it is written as a visible escape (``\\u001b``)
instead of acting on the terminal. Those escapes are JSON string escapes of the
same characters, so ``--json`` output stays exact.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

from reviewer_app.core.controls import escape_controls, strip_terminal_controls


class SafeStream:
    """A text stream that escapes active characters before writing them on.

    Newlines and tabs pass. A carriage return passes only as the first character
    of a write: progress lines (``print("\\rencrypting 40%", end="")``) redraw
    themselves that way, while one inside outside text would overwrite the line.
    """

    def __init__(self, target: TextIO) -> None:
        self._target = target

    def write(self, text: str) -> int:
        head = "\r" if text.startswith("\r") else ""
        self._target.write(head + escape_controls(text[len(head):], keep="\t\n"))
        return len(text)

    def __getattr__(self, name: str):  # flush, isatty, encoding, fileno ...
        return getattr(self._target, name)


@contextlib.contextmanager
def safe_terminal() -> Iterator[None]:
    """Route sys.stdout and sys.stderr through :class:`SafeStream` for a while."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)  # type: ignore
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def shown(text: str) -> str:
    """Outside text for one line of terminal output."""
    return strip_terminal_controls(text, one_line=True)
