"""Text from outside (applicants, experts, inspectors) made inert for reportlab.

A reportlab ``Paragraph`` reads its text as markup: ``x<y`` stops the build with a
parse error, ``<a href=…>`` becomes a clickable link, ``<img src=…>`` embeds a
file from the local disk, ``<font>``/``<b>`` restyle the page. Every string that
did not come from our own code goes through :func:`paragraph_text` before it
reaches a Paragraph, so that it can only ever print as the characters it holds:
control and bidi characters stripped (``central.sanitize.strip_controls``, the
rules the spreadsheets follow), then ``&``, ``<``, ``>`` and quotes escaped, then
line breaks turned into ``<br/>``, the only markup this module adds.

Only modules that write PDFs import this one (it imports reportlab).
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from reviewer_app.central.sanitize import strip_controls

_ENTITIES = {'"': "&quot;", "'": "&#39;"}


def paragraph_text(text: object, shown: Callable[[str], str] | None = None) -> str:
    """``text`` as Paragraph markup that shows it literally and nothing else.

    Control characters (but tab and line breaks) and bidi overrides are removed and
    the string is NFC-normalised; ``shown``, if given, then rewrites what the font
    cannot print (e.g. ``sheets.pdf.printable``); the result is XML-escaped and
    CR LF, CR and LF become ``<br/>``.
    """
    cleaned = strip_controls(str(text)).replace("\r\n", "\n").replace("\r", "\n")
    if shown is not None:
        cleaned = shown(cleaned)
    return escape(cleaned, _ENTITIES).replace("\n", "<br/>")


def literal_paragraph(text: object, style: ParagraphStyle,
                      shown: Callable[[str], str] | None = None) -> Paragraph:
    """A Paragraph showing ``text`` literally (see :func:`paragraph_text`)."""
    return Paragraph(paragraph_text(text, shown), style)
