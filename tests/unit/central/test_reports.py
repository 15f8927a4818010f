"""The results files people open: XLSX stays inert, CSV/JSON reproducible, PDF readable."""

import csv
import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reviewer_app.central.merge import merge_sheets, register_package
from reviewer_app.central.reports import wan, write_results
from reviewer_app.central.results import compute_results
from reviewer_app.storage.engines import central_engine, migrate
from tests.helpers.central import PACKAGE_ID, fake_sheet, fake_verify, manifest_bytes, scored

HOSTILE_NAME = '=HYPERLINK("http://evil.example/x","点击领取补贴")'
# A formula behind a byte-order mark and a zero-width space, and a right-to-left
# override that would make the name display reversed.
INVISIBLE_NAME = "\ufeff\u200b=1+2\u202e深圳市科技\u202c有限公司"
INVISIBLE_SHOWN = "\ufeff\u200b=1+2深圳市科技有限公司"
DIGIT_CODE = "914403051234567890"


@pytest.fixture
def results(tmp_path: Path):
    engine = central_engine(str(tmp_path / "central.sqlite"))
    migrate(engine, "central")
    manifest = json.loads(manifest_bytes(tmp_path))
    manifest["projects"][0]["enterprise_name"] = HOSTILE_NAME
    manifest["projects"][0]["uscc"] = DIGIT_CODE
    manifest["projects"][1]["enterprise_name"] = "深圳市\x07控制字符科技有限公司"
    manifest["projects"][2]["enterprise_name"] = INVISIBLE_NAME
    data = json.dumps(manifest, ensure_ascii=False).encode()
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    sheets = [fake_sheet(f"S{s}", [scored("P1", "25", "20", "15", str(10 + 2 * s)),
                                   scored("P2", "20", "15", "10", "15"),
                                   scored("P3", "28", "22", "18", "20")]) for s in range(1, 6)]
    merge_sheets(engine, [(str(i), s) for i, s in enumerate(sheets)], verify=fake_verify)
    yield compute_results(engine)
    engine.dispose()


def test_outputs_are_reproducible(results, tmp_path: Path) -> None:
    first = write_results(results, tmp_path / "a")
    write_results(results, tmp_path / "b")
    assert [p.name for p in first] == ["results.csv", "publicity.csv", "results.json",
                                       "results.xlsx", "results.pdf", "panel-summary.pdf"]
    for name in ("results.csv", "publicity.csv", "results.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_xlsx_cells_never_become_formulas(results, tmp_path: Path) -> None:
    write_results(results, tmp_path)
    book = load_workbook(tmp_path / "results.xlsx")
    assert book.sheetnames == ["排名", "评分矩阵", "分歧", "资助", "专家组汇总表", "利益冲突",
                               "合并日志"]
    ranking = book["排名"]
    assert ranking.freeze_panes == "A2"
    cells = {c.value: c for row in ranking.iter_rows() for c in row if c.value is not None}
    assert cells[HOSTILE_NAME].data_type == "s"
    assert cells[DIGIT_CODE].data_type == "s"
    assert "深圳市控制字符科技有限公司" in cells
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    funding = book["资助"]
    assert funding["H1"].value == "资助金额（元）"
    assert '元' in funding["H2"].number_format and '万元' in funding["I2"].number_format


def test_csv_neutralises_formulas(results, tmp_path: Path) -> None:
    write_results(results, tmp_path)
    text = (tmp_path / "results.csv").read_text(encoding="utf-8-sig")
    assert "'" + HOSTILE_NAME.replace('"', '""') in text
    assert "\x07" not in text
    for name in ("results.csv", "publicity.csv"):
        with open(tmp_path / name, encoding="utf-8-sig", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert "'" + INVISIBLE_SHOWN in cells, name
        assert not any(c in cell for cell in cells for c in "\u202a\u202b\u202c\u202d\u202e")


def test_xlsx_keeps_invisible_formulas_inert(results, tmp_path: Path) -> None:
    write_results(results, tmp_path)
    book = load_workbook(tmp_path / "results.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str)]
    shown = [c for c in cells if c.value == INVISIBLE_SHOWN]
    assert shown and all(c.data_type == "s" for c in shown)
    assert not any(ch in c.value for c in cells for ch in "\u202a\u202e\u2066\u2069")


def test_pdf_is_readable_and_embeds_the_font(results, tmp_path: Path) -> None:
    write_results(results, tmp_path)
    reader = PdfReader(io.BytesIO((tmp_path / "results.pdf").read_bytes()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "评审结果汇总" in text and "资金安排" in text and "排名与资助" in text
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(tmp_path / "results.pdf")],
                               capture_output=True, text=True, check=True).stdout
        assert "WenQuanYi" in fonts and " yes " in fonts


def test_wan() -> None:
    from decimal import Decimal
    assert wan(Decimal(273000)) == "27.30"
    assert wan(Decimal(1000000)) == "100.00"
    assert wan(Decimal(12345)) == "1.2345"
    assert wan(Decimal(0)) == "0.00"


def test_xlsx_text_cells_are_sanitised_everywhere(results, tmp_path: Path) -> None:
    """Seat names in headers, OOXML escapes and over-long text: every string cell is
    typed, clean, shown literally and within Excel's limit."""
    import dataclasses
    import zipfile

    from reviewer_app.central.results_xlsx import CELL_LIMIT, results_xlsx

    first, *rest = results.rows
    project = {**first.project, "enterprise_name": "深圳_x202E_科技_x0007_公司",
               "project_title": "长" * 40000}
    hostile = dataclasses.replace(
        results, rows=(dataclasses.replace(first, project=project), *rest),
        seat_names={**results.seat_names, "S1": "=专家\x07一"})
    data = results_xlsx(hostile)
    xml = b"".join(zipfile.ZipFile(io.BytesIO(data)).read(n)
                   for n in zipfile.ZipFile(io.BytesIO(data)).namelist())
    # Excel decodes _xHHHH_; escaped, it shows the characters as typed.
    assert "深圳_x005F_x202E_科技_x005F_x0007_公司".encode() in xml
    book = load_workbook(io.BytesIO(data))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if c.value is not None]
    assert all(c.data_type in ("s", "n") for c in cells)
    header = {c.value for c in book["评分矩阵"][1]}
    assert "S1 =专家一" in header
    title = next(c.value for c in cells if isinstance(c.value, str) and c.value.startswith("长"))
    assert len(title) == CELL_LIMIT and title.endswith("（已截断，全文见 results.json）")
