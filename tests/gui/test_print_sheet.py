"""Print score sheet (issue 12, item 3): the last exported revision, printed to a PDF file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPrintSupport")

from pypdf import PdfReader
from PySide6.QtGui import QImage

from reviewer_app.gui.expert.sheet_print import PrintNotPossible, print_pdf
from tests.gui.conftest import open_and_unlock
from tests.gui.test_sheet_export import Dialogs, _score


def _file_printer(path: Path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _ink_fraction(pdf: Path, page: int) -> float:
    """Share of non-white pixels of a page of ``pdf`` rendered at 50 dpi."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(pdf))
    points = document.pagePointSize(page)
    image = document.render(page, QSize(int(points.width() * 50 / 72),
                                        int(points.height() * 50 / 72)))
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = image.width(), image.height()
    line, data = image.bytesPerLine(), bytes(image.constBits())
    dark = sum(1 for y in range(0, height, 2) for x in range(0, width, 2)
               if data[y * line + x] < 200)
    document.close()
    return dark / ((width // 2) * (height // 2))


def test_print_action_in_file_menu_disabled_until_unlocked(qtbot, window, package_file):
    action = window.findChild(object, "printAction")
    assert action is not None and action in window.file_menu.actions()
    assert action.shortcut().toString() == "Ctrl+P"
    assert action.text() == "打印评分表(&P)…"
    assert not action.isEnabled()
    open_and_unlock(qtbot, window, package_file)
    assert action.isEnabled()
    window.close_package()
    assert not action.isEnabled()


def test_printing_before_any_export_offers_to_export_then_prints_it(
        qtbot, window, package_file, memory_keyring, tmp_path):
    open_and_unlock(qtbot, window, package_file)
    sheets = window.sheet_controller
    printer = window.sheet_printer
    folder = tmp_path / "stick"
    folder.mkdir()
    dialogs = Dialogs(sheets, folder)
    printed = tmp_path / "printed.pdf"
    asked: list[object] = []
    printer.choose_printer = lambda: asked.append(1) or _file_printer(printed)
    _score(qtbot, window, lambda r, c: "10")

    sheets.confirm = lambda title, text: dialogs.confirms.append(text) and False
    assert printer.print_sheet() is None  # declined: nothing exported, nothing printed
    assert "尚未导出" in dialogs.confirms[-1] and asked == [] and not printed.exists()
    assert window.session.store.last_export() is None

    sheets.confirm = lambda title, text: dialogs.confirms.append(text) or True
    pages = printer.print_sheet()
    exported_pdf = sheets.last_paths[1]
    expected = len(PdfReader(exported_pdf).pages)
    assert window.session.store.last_export()[0] == 1
    assert pages == expected and len(PdfReader(printed).pages) == expected
    for page in range(expected):
        assert _ink_fraction(printed, page) > 0.002, f"page {page + 1} printed blank"
    # A second print does not export again and does not ask.
    confirms = len(dialogs.confirms)
    printed.unlink()
    assert printer.print_sheet() == expected and printed.exists()
    assert len(dialogs.confirms) == confirms
    assert window.session.store.last_export()[0] == 1


def test_a_pdf_that_does_not_load_is_a_clear_error(qapp, tmp_path):
    with pytest.raises(PrintNotPossible, match="does not load"):
        print_pdf(b"%PDF-1.7 not really", _file_printer(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_a_page_range_prints_only_those_pages(qapp, tmp_path):
    from reportlab.pdfgen import canvas

    source = io.BytesIO()
    pdf = canvas.Canvas(source)
    for number in range(3):
        pdf.setFont("Helvetica", 48)
        pdf.drawString(72, 600, f"Page {number + 1}")
        pdf.showPage()
    pdf.save()
    from PySide6.QtPrintSupport import QPrinter

    printer = _file_printer(tmp_path / "range.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(source.getvalue(), printer) == 2
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 2
