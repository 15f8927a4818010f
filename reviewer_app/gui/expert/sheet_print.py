"""Print the score sheet (issue 12, item 3): experts asked for a paper copy.

What is printed is the PDF of the signed revision last exported in this session: the
paper then matches the .revsheet handed to the secretariat byte for byte in content.
When nothing was exported yet the expert is offered to finalize and export first.

The PDF is our own output (rendered from the sheet body by reportlab), not applicant
material, so it is rasterised here with QPdfDocument, in-process, from the bytes in
memory; nothing is read back from the export folder (a USB stick anyone could alter).
QtPdf and QtPrintSupport load on first use; the module itself with the sheet controller
(gui.expert.sheet_actions), not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from reviewer_app.gui.expert.sheet_actions import SheetController

class PrintNotPossible(Exception):
    """The PDF cannot be laid onto the printer (unreadable PDF, printer refused to start)."""


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Rasterise each page of ``pdf`` at the printer's resolution onto ``printer``.

    Honours a page range chosen in the print dialog. Returns the number of pages sent.

    Raises:
        PrintNotPossible: the PDF does not load or the printer cannot start.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    try:
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise PrintNotPossible(f"the score sheet pdf does not load: {document.error()}")
        first, last = 1, document.pageCount()
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = max(first, printer.fromPage())
            last = min(last, max(first, printer.toPage()))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintNotPossible("the printer cannot start")
        try:
            dpi = printer.resolution()
            area = printer.pageLayout().paintRectPixels(dpi)
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                points = document.pagePointSize(number - 1)
                # Fit the page into the printable area, aspect kept, at printer pixels.
                scale = min(area.width() / max(1.0, points.width()),
                            area.height() / max(1.0, points.height()))
                size = QSize(max(1, int(points.width() * scale)),
                             max(1, int(points.height() * scale)))
                image = document.render(number - 1, size)
                painter.drawImage(QRectF(QPointF(0, 0), size.toSizeF()), image)
        finally:
            painter.end()
        return last - first + 1
    finally:
        document.close()
        buffer.close()


class SheetPrinter(QObject):
    """The File menu's "Print score sheet…" action of one main window."""

    def __init__(self, sheets: SheetController) -> None:
        super().__init__(sheets)
        self.sheets = sheets
        window = self.window = sheets.window
        # The window's File menu action (window_actions), enabled while a package is open.
        self.action = window.print_action

    # --- replaced by tests: the blocking print dialog ------------------------------------
    def choose_printer(self) -> QPrinter | None:
        """A printer set up by the expert in the print dialog; None if cancelled."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle(self.tr("Print score sheet"))
        try:
            return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    # --- language and state ------------------------------------------------------------
    # --- printing ----------------------------------------------------------------------
    def print_sheet(self) -> int | None:
        """Print the last exported revision; the number of pages printed, or None."""
        sheets, window = self.sheets, self.window
        if window.session is None:
            return None
        title = self.tr("Print score sheet")
        if sheets.exported_pdf() is None:
            question = self.tr(
                "You have not exported your score sheet in this session yet. What is "
                "printed is the signed revision you hand to the secretariat.\n\n"
                "Finalize, sign and export it now?")
            if sheets.needs_conflicts_confirmed():
                question += "\n\n" + self.tr(
                    "By answering Yes you also confirm that you have declared every conflict "
                    "of interest you have with the projects of this package, completely "
                    "and truthfully.")
            if not sheets.confirm(title, question):
                return None
            sheets.confirm_conflicts_complete()
            window.export_sheet()  # lists what is missing instead, when something is
        pdf = sheets.exported_pdf()
        if pdf is None:
            return None
        printer = self.choose_printer()
        if printer is None:
            return None
        try:
            pages = print_pdf(pdf, printer)
        except PrintNotPossible as exc:
            sheets.error(title, self.tr("The score sheet could not be printed: %1")
                         .replace("%1", str(exc)))
            return None
        window.statusBar().showMessage(
            self.tr("Revision %1 of your score sheet was sent to the printer (%2 pages).")
            .replace("%1", str(sheets.exported_revision())).replace("%2", str(pages)), 10000)
        return pages


def install(sheets: SheetController) -> SheetPrinter:
    printer = SheetPrinter(sheets)
    sheets.window.sheet_printer = printer
    return printer
