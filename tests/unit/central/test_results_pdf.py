"""results.pdf, the report the decision meeting signs: hostile text stays text, every
page is numbered, the time is Beijing time, the sign-off block is there, no empty
chart page, hundreds of projects still build."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from reviewer_app.central.merge import merge_sheets, register_package
from reviewer_app.central.reports import write_results
from reviewer_app.central.results import compute_results
from reviewer_app.central.results_pdf import (
    CHART_ROWS_PER_PAGE,
    SECTIONS,
    heading,
    results_pdf,
    sign_off_section,
)
from reviewer_app.pdftext import paragraph_text
from reviewer_app.storage.engines import central_engine, migrate
from tests.helpers.central import PACKAGE_ID, fake_sheet, fake_verify, manifest_bytes, scored

INSPECTION_ID = "e" * 32
LONG_NOTE = "合同金额与发票不符。" * 990 + "LONG-NOTE-END"  # 10,000 characters
HOSTILE = {
    "P1": ("x<y 深圳市科技有限公司", '<a href="http://x">点此领取</a>'),
    "P2": ('<img src="/etc/passwd"/>有限公司', "A&B <b>加粗</b> &amp; 项目"),
    "P3": ("深圳市\x07控制\x1b字符\u202e公司", "<font size=40>大字</font>吉𠮷"),
}
NOTES = ["x<y", '<a href="http://x">链接</a>', '<img src="/etc/passwd"/>', LONG_NOTE]
FIXED = dt.datetime(2026, 12, 3, 10, 20, tzinfo=dt.UTC)  # 18:20 in Beijing


def _clock() -> dt.datetime:
    return FIXED


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _store(tmp_path: Path):
    engine = central_engine(str(tmp_path / "central.sqlite"))
    migrate(engine, "central")
    return engine


def _register(engine, manifest: dict, package_id: str) -> None:
    data = json.dumps(manifest, ensure_ascii=False).encode()
    register_package(engine, data, hashlib.sha256(data).hexdigest(), package_id)


def _visit_sheet(seat_id: str, visits: list[dict]) -> bytes:
    """A stand-in inspection sheet: fake_sheet's envelope with visits in the body."""
    envelope = json.loads(fake_sheet(seat_id, [scored("P1", "1", "1", "1", "1")],
                                     package_id=INSPECTION_ID))
    body = json.loads(base64.b64decode(envelope["payload"]))
    body["inspection"] = {"visits": visits}
    envelope["payload"] = base64.b64encode(json.dumps(body).encode()).decode()
    return json.dumps(envelope).encode()


@pytest.fixture
def hostile(tmp_path: Path):
    """Three projects with hostile names and titles, scored by five seats, and an
    inspection whose notes on P1 are hostile (one of them 10,000 characters)."""
    engine = _store(tmp_path)
    manifest = json.loads(manifest_bytes(tmp_path / "panel"))
    for project in manifest["projects"]:
        name, title = HOSTILE[project["project_id"]]
        project["enterprise_name"], project["project_title"] = name, title
    _register(engine, manifest, PACKAGE_ID)
    inspection = json.loads(manifest_bytes(tmp_path / "inspection"))
    inspection["package_id"] = INSPECTION_ID
    inspection["session"]["kind"] = "inspection"
    items = [f"item{i}" for i in range(len(NOTES))]
    inspection["inspection_checklist"] = [{"id": i, "text": f"检查项<{i}>"} for i in items]
    _register(engine, inspection, INSPECTION_ID)
    sheets = [fake_sheet(f"S{s}", [scored("P1", "25", "20", "15", str(10 + 2 * s)),
                                   scored("P2", "20", "15", "10", "15"),
                                   scored("P3", "28", "22", "18", "20")]) for s in range(1, 6)]
    visit = {"project_id": "P1", "findings": "<a href='http://x'>现场</a>",
             "recommendation": "", "photos": [],
             "checklist": [{"item_id": i, "result": "non_compliant", "note": n}
                           for i, n in zip(items, NOTES, strict=True)]}
    sheets.append(_visit_sheet("S1", [visit]))
    merge_sheets(engine, [(str(i), s) for i, s in enumerate(sheets)], verify=fake_verify)
    yield compute_results(engine)
    engine.dispose()


@pytest.fixture
def hostile_pdf(hostile) -> tuple[bytes, PdfReader]:
    data = results_pdf(hostile, clock=_clock)
    return data, PdfReader(io.BytesIO(data))


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _pages_text(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def _body(reader: PdfReader, results) -> str:
    """The text of every page without its footer, whitespace removed, pages joined:
    text that flowed across a page break reads on unbroken."""
    info = results.program.info
    footer = _flat(f"{info.name}（{info.year}）评审结果汇总 · 生成时间")
    return "".join(_flat(page).rsplit(footer, 1)[0] for page in _pages_text(reader))


def test_hostile_text_prints_literally(hostile_pdf, hostile) -> None:
    _, reader = hostile_pdf
    text = _body(reader, hostile)
    for name, title in HOSTILE.values():
        if "\x07" in name:
            assert "深圳市控制字符公司" in text
            assert not any(c in text for c in "\x07\x1b\u202e")
        else:
            assert _flat(name) in text
        # A character the font lacks prints as its code point, not as a blank box.
        assert _flat(title).replace("𠮷", "[U+20BB7]") in text
    for note in NOTES[:3]:
        assert _flat(note) in text
    assert "检查项<item3>" in text
    # The long note flowed across pages, whole, after the table that points to it.
    assert _flat(LONG_NOTE) in text
    assert text.index("全文见下文“不符合项说明”第1条") < text.index("不符合项说明（全文）")


def test_long_cells_split_across_pages(hostile) -> None:
    """A 10,000-character name or title in the ranking table splits inside its row
    instead of stopping the build with a LayoutError."""
    first, *rest = hostile.rows
    project = {**first.project, "enterprise_name": "长" * 9990 + "NAME-END",
               "project_title": "题" * 10000}
    results = replace(hostile, rows=(replace(first, project=project), *rest))
    reader = PdfReader(io.BytesIO(results_pdf(results, clock=_clock)))
    text = _body(reader, results)
    assert len(reader.pages) > 5 and "NAME-END" in text
    assert text.count("长") == 9990 and text.count("题") >= 10000


def test_no_link_annotation_and_no_image(hostile_pdf) -> None:
    data, reader = hostile_pdf
    assert b"/Link" not in data and b"/URI" not in data
    for page in reader.pages:
        for annot in page.get("/Annots") or ():
            assert _resolve(annot).get("/Subtype") != "/Link"
        assert "/Annots" not in page
        xobjects = _resolve(page["/Resources"]).get("/XObject") or {}
        subtypes = [_resolve(x).get("/Subtype") for x in _resolve(xobjects).values()]
        assert "/Image" not in subtypes
    assert b"root:" not in data  # nothing of /etc/passwd came in


def test_every_page_is_numbered(hostile_pdf) -> None:
    _, reader = hostile_pdf
    pages = _pages_text(reader)
    assert len(pages) > 2  # the long note alone takes pages
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {len(pages)} 页" in text


def test_heading_time_titles_and_sign_off(hostile_pdf, hostile) -> None:
    _, reader = hostile_pdf
    pages = _pages_text(reader)
    first, last = _flat(pages[0]), _flat(pages[-1])
    assert "评审结果汇总" in first and "评审场次" in first and "年度预算" in first
    assert "生成时间2026-12-0318:20（北京时间）" in first
    assert _flat(hostile.packages[0].session_name) in first
    assert all(f"{label}：" in last for label in ("经办人", "审核人", "负责人", "日期"))
    assert "审核签字" in last
    # Each project's title sits in the ranking beside its id.
    assert re.search(r"P1" + re.escape(_flat(HOSTILE["P1"][1])), _flat("".join(pages)))


def test_naive_clock_is_refused(hostile) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        results_pdf(hostile, clock=lambda: dt.datetime(2026, 12, 3, 10, 20))


def test_same_results_and_clock_give_the_same_text(hostile) -> None:
    first = PdfReader(io.BytesIO(results_pdf(hostile, clock=_clock)))
    second = PdfReader(io.BytesIO(results_pdf(hostile, clock=_clock)))
    assert _pages_text(first) == _pages_text(second)


def test_sections_are_pluggable(hostile) -> None:
    def extra(story, report) -> None:
        story.append(report.text("待复核项目 <x>", "h2"))

    assert SECTIONS[-1] is sign_off_section
    data = results_pdf(hostile, clock=_clock, sections=(heading, extra, sign_off_section))
    text = "".join(_pages_text(PdfReader(io.BytesIO(data))))
    assert "待复核项目 <x>" in text and "经办人" in text and "排名与资助" not in text


def test_no_chart_page_when_nothing_was_scored(tmp_path: Path) -> None:
    engine = _store(tmp_path)
    _register(engine, json.loads(manifest_bytes(tmp_path)), PACKAGE_ID)
    results = compute_results(engine)
    engine.dispose()
    reader = PdfReader(io.BytesIO(results_pdf(results, clock=_clock)))
    pages = _pages_text(reader)
    assert len(pages) == 1
    assert "各项目评分分布" not in pages[0] and "尚无有效评审" in pages[0]
    assert "第 1 页 共 1 页" in pages[0] and "经办人" in pages[0]


def test_scored_projects_get_the_spread_chart(hostile_pdf) -> None:
    _, reader = hostile_pdf
    pages = _pages_text(reader)
    chart = [p for p in pages if "各项目评分分布" in p]
    assert len(chart) == 1 and "P1" in chart[0]


def test_three_hundred_projects_build_in_reasonable_time(tmp_path: Path) -> None:
    engine = _store(tmp_path)
    _register(engine, json.loads(manifest_bytes(tmp_path, projects=300)), PACKAGE_ID)
    sheets = [fake_sheet(f"S{s}", [scored(f"P{p}", "20", str(10 + p % 10), "15", str(s + 10))
                                   for p in range(1, 301)]) for s in range(1, 6)]
    merge_sheets(engine, [(str(i), s) for i, s in enumerate(sheets)], verify=fake_verify)
    results = compute_results(engine)
    engine.dispose()
    started = time.perf_counter()
    data = results_pdf(results, clock=_clock)
    elapsed = time.perf_counter() - started
    reader = PdfReader(io.BytesIO(data))
    pages = _pages_text(reader)
    assert elapsed < 60, elapsed
    charts = [page for page in pages if re.search(r"(^|\n)0\n10\n20\n30\n", page)]
    assert len(charts) == -(-300 // CHART_ROWS_PER_PAGE)  # one chart per page-full
    assert set(re.findall(r"\bP\d+\b", "".join(charts))) == {f"P{i}" for i in range(1, 301)}
    assert f"第 {len(pages)} 页 共 {len(pages)} 页" in pages[-1]


@pytest.mark.parametrize("raw, markup", [
    ("x<y", "x&lt;y"), ("A&B", "A&amp;B"), ('<a href="http://x">', "&lt;a href=&quot;http://x&quot;&gt;"),
    ("<img src='/etc/passwd'/>", "&lt;img src=&#39;/etc/passwd&#39;/&gt;"),
    ("甲\x07乙\x1b丙\u202e丁", "甲乙丙丁"), ("一\r\n二\r三\n四", "一<br/>二<br/>三<br/>四"),
    ("&amp;", "&amp;amp;"),
])
def test_paragraph_text(raw: str, markup: str) -> None:
    assert paragraph_text(raw) == markup


def test_write_results_completes_with_hostile_text(hostile, tmp_path: Path) -> None:
    """What stopped ``reviewer-admin results`` with a traceback and no output."""
    written = write_results(hostile, tmp_path / "out")
    assert (tmp_path / "out" / "results.pdf") in written
    assert PdfReader(tmp_path / "out" / "results.pdf").pages


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_poppler_renders_every_page(hostile_pdf, tmp_path: Path) -> None:
    data, reader = hostile_pdf
    (tmp_path / "r.pdf").write_bytes(data)
    done = subprocess.run(["pdftoppm", "-r", "20", "-png", str(tmp_path / "r.pdf"),
                           str(tmp_path / "page")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert len(list(tmp_path.glob("page-*.png"))) == len(reader.pages)
