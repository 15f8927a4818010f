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


# A Paragraph split across a page is wrapped again from its start, and one with
# many <br/> lines is re-laid out at every split: 20,000 characters of short
# lines took 14 s, 40,000 took 69 s. Text of any length is therefore laid out as
# one Paragraph per line, and a line longer than this as several (each starts a
# new line on paper), which keeps rendering linear in the length of the text.
CHUNK = 1500
_BREAK_AFTER = "。！？；，、.!?;, "


def _chunks(line: str) -> list[str]:
    """``line`` in pieces of at most :data:`CHUNK` characters, cut after a
    punctuation mark or space near the limit where there is one."""
    pieces = []
    while len(line) > CHUNK:
        window = line[:CHUNK]
        cut = max(window.rfind(ch) for ch in _BREAK_AFTER) + 1
        if cut < CHUNK // 2:
            cut = CHUNK
        pieces.append(line[:cut])
        line = line[cut:]
    pieces.append(line)
    return pieces


def literal_flowables(text: object, style: ParagraphStyle,
                      shown: Callable[[str], str] | None = None) -> list[Paragraph]:
    """Outside text of any length as Paragraphs that flow across pages in linear time:
    one per line (an empty line keeps its height), long lines in pieces."""
    cleaned = strip_controls(str(text)).replace("\r\n", "\n").replace("\r", "\n")
    if shown is not None:
        cleaned = shown(cleaned)
    flowables = []
    for line in cleaned.split("\n"):
        for piece in _chunks(line):
            # A non-breaking space keeps an empty line one line high.
            markup = escape(piece, _ENTITIES) or "&nbsp;"
            flowables.append(Paragraph(markup, style))
    return flowables
