"""A small hand-written intake folder for tests that need exact control."""

from __future__ import annotations

import csv
import shutil
import struct
from pathlib import Path

from reviewer_app.central.intake import APPLICATION_COLUMNS
from reviewer_app.paths import DEFAULT_PROGRAM
from tests.helpers.images import tiny_png
from tests.helpers.programs import make_uscc

ROW = {
    "project_id": "P1", "project_title": "智能质检", "enterprise_name": "深圳市甲科技有限公司",
    "uscc": make_uscc(1), "entity_type": "企业法人", "registered_district": "南山区",
    "registration_date": "2015-01-01", "operating_in_district": "是", "location_changed": "否",
    "industry": "制造业", "vendor": "华为云计算技术有限公司", "contract_no": "C-1",
    "contract_amount": "1,200,000.50", "contract_signed_date": "2025-01-01",
    "completion_date": "2025-10-01", "acceptance_report_date": "2025-10-20",
    "actual_cost": "1200000", "requested_amount": "360000", "legal_representative": "李明",
    "summary": "……",
}
# 六（五）/六（六）: one file per category whose title shows both documents.
TITLES = {5: "合同及发票", 6: "实施方案及审计报告"}


def minimal_pdf() -> bytes:
    """The smallest structurally sound PDF: one empty page, a cross-reference table
    with true offsets, a trailer naming /Root (what the intake's check asks for)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


MINIMAL_PDF = minimal_pdf()


def jpeg_header(width: int, height: int) -> bytes:
    """The start of a baseline JPEG up to its frame header, and its end marker: what
    the intake reads of a JPEG (it never decodes one)."""
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", height, width) + (
        b"\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01")
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def stand_in(ext: str) -> bytes:
    """A small file whose content fits the extension ``pdf``, ``png``, ``jpg``/``jpeg``."""
    ext = ext.lower()
    if ext == "pdf":
        return MINIMAL_PDF
    return tiny_png(b"stand-in") if ext == "png" else jpeg_header(64, 48)


def write_intake(root: Path, rows: list[dict[str, str]], categories=(1, 2, 3, 4, 5, 6, 7),
                 distinct: bool = True) -> Path:
    """Write an intake folder of ``rows``.

    Rows copied from ROW for another project id keep ROW's contract number and
    title (and, under another credit code, ROW's enterprise name) only with
    ``distinct=False``; by default they get their own (C-<id>, title + id, name +
    id), so that the cross-application checks (八（二）) do not flag them.
    """
    if distinct:
        rows = [_distinct(row) for row in rows]
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEFAULT_PROGRAM, root / "program.toml")
    with open(root / "applications.csv", "w", encoding="utf-8-sig", newline="") as handle:
        columns = [*APPLICATION_COLUMNS, "legal_representative", "summary"]
        columns += [k for k in dict.fromkeys(k for row in rows for k in row)
                    if k not in columns]  # optional columns some rows give
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    for row in rows:
        folder = root / "materials" / row["project_id"]
        folder.mkdir(parents=True, exist_ok=True)
        for category in categories:
            (folder / f"{category}-{TITLES.get(category, f'材料{category}')}.pdf").write_bytes(
                MINIMAL_PDF)
    (root / "seats.csv").write_text(
        "seat_id,name,affiliation,expertise,public_key,projects\n"
        + "S01,张三,深圳大学,人工智能,," + ";".join(r["project_id"] for r in rows) + "\n",
        encoding="utf-8")
    return root


def _distinct(row: dict[str, str]) -> dict[str, str]:
    if row["project_id"] == ROW["project_id"]:
        return row
    row = dict(row)
    if row.get("contract_no") == ROW["contract_no"]:
        row["contract_no"] = f"C-{row['project_id']}"
    if row.get("project_title") == ROW["project_title"] and row.get("uscc") == ROW["uscc"]:
        row["project_title"] = f"{ROW['project_title']}{row['project_id']}"
    if row.get("enterprise_name") == ROW["enterprise_name"] and row.get("uscc") != ROW["uscc"]:
        row["enterprise_name"] = f"{ROW['enterprise_name']}{row['project_id']}"
    return row
