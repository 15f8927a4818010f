"""The printable sheet: extractable Chinese text, an embedded font, long comments not cut."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from reviewer_app.sheets import authenticate_sheet, build_sheet
from reviewer_app.sheets.pdf import CONFLICT_NOTICE, printable, qr_payload, render_sheet_pdf
from reviewer_app.storage.workspace import ProjectState

from .conftest import GEN, VECTORS, manifest_digest, real_manifest

LONG_END = "此处为超长评语的最后一句，确认未被截断。END-OF-LONG-COMMENT"


def _sheet(long_comment: str | None = None):
    manifest = real_manifest(2)
    overall = "项目技术扎实，应用场景清晰。"
    if long_comment is not None:
        overall = long_comment
    states = {
        "AI2026-0001": ProjectState(
            "AI2026-0001",
            scores={"advancement": "26", "innovation": "18.5", "applicability": "14",
                    "outcome": "21.5"},
            comments={"advancement": "核心模型自研，有第三方测评报告佐证。",
                      "outcome": "效率提升 52%，<审计报告> & 财务数据佐证。"},
            overall_comment=overall, recommendation="建议资助"),
        "AI2026-0002": ProjectState("AI2026-0002", conflict_declared=True,
                                    conflict_reason="本人曾于 2024 年担任该企业技术顾问。"),
    }
    sheet = build_sheet(manifest, manifest_sha256=manifest_digest(manifest), seat_id="A03",
                        expert_name="欧阳晓明", states=states, private_key=GEN.KEY_A,
                        seat_code="7K3M9Q2X5T8V4R1N",
                        created_at=dt.datetime(2026, 6, 20, 2, 30, tzinfo=dt.UTC))
    return sheet, manifest


@pytest.fixture(scope="module")
def short_pdf() -> tuple[PdfReader, str, object]:
    sheet, manifest = _sheet()
    data = render_sheet_pdf(sheet.body, sheet.body_sha256, manifest)
    reader = PdfReader(io.BytesIO(data))
    return reader, _text(reader), sheet


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_text_is_extractable(short_pdf) -> None:
    _, text, sheet = short_pdf
    flat = _flat(text)
    for expected in ("专家评分表", "“AI+百业”产业融合支持计划", "欧阳晓明", "A03",
                     "技术先进性", "场景创新性", "行业适用性", "实施成效", "合计", "80",
                     "核心模型自研", "<审计报告>&财务数据佐证", "建议资助", CONFLICT_NOTICE,
                     "本人曾于2024年担任该企业技术顾问", "专家签名", "日期",
                     sheet.body_sha256, sheet.key_id, "第1页共1页"):
        assert expected in flat, expected


def test_qr_payload_is_printed_and_defined(short_pdf) -> None:
    _, text, sheet = short_pdf
    payload = qr_payload(sheet.body_sha256, sheet.key_id, 1)
    assert payload == f"RVSHEET1:{sheet.body_sha256}:{sheet.key_id}:r1"
    assert payload in _flat(text)


def test_cjk_font_is_embedded(short_pdf) -> None:
    reader, _, _ = short_pdf
    embedded = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if descriptor is not None:
                embedded.append("/FontFile2" in descriptor.get_object())
    assert embedded and all(embedded)


def test_metadata(short_pdf) -> None:
    reader, _, sheet = short_pdf
    assert reader.metadata.title == "专家评分表"
    assert reader.metadata.subject == sheet.body_sha256


def test_long_comment_flows_across_pages_uncut() -> None:
    body = "专家意见：该项目在数据治理方面仍有改进空间，建议补充模型评测细节。" * 160
    long_comment = (body + LONG_END)[-5000:]
    assert len(long_comment) == 5000
    sheet, manifest = _sheet(long_comment)
    reader = PdfReader(io.BytesIO(render_sheet_pdf(sheet.body, sheet.body_sha256, manifest)))
    assert len(reader.pages) > 1
    flat = _flat(_text(reader))
    assert LONG_END in flat
    assert f"共{len(reader.pages)}页" in flat
    # Every character of the comment is there, in order, once the footers are taken out.
    without_footers = re.sub(r"专家评分表·席位A03·第1版·摘要[0-9a-f]{16}|第\d+页共\d+页", "",
                             flat)
    assert _flat(long_comment) in without_footers


def test_unbroken_latin_text_wraps_instead_of_overflowing() -> None:
    token = "https://example.org/" + "a" * 3000 + "/END"
    sheet, manifest = _sheet(token)
    reader = PdfReader(io.BytesIO(render_sheet_pdf(sheet.body, sheet.body_sha256, manifest)))
    assert "/END" in _flat(_text(reader))


def test_rendering_is_deterministic() -> None:
    sheet, manifest = _sheet()
    assert render_sheet_pdf(sheet.body, sheet.body_sha256, manifest) == \
        render_sheet_pdf(sheet.body, sheet.body_sha256, manifest)


def test_characters_missing_from_the_font_print_as_code_points() -> None:
    assert printable("吉𠮷䶮 堃\n") == "吉[U+20BB7][U+4DAE] 堃\n"


def test_inspection_sheet_prints_the_checklist() -> None:
    sheet = authenticate_sheet((VECTORS / "valid-inspection.revsheet").read_bytes())
    manifest = GEN.manifests()["manifest-inspection.json"]
    reader = PdfReader(io.BytesIO(render_sheet_pdf(sheet.model, sheet.body_sha256, manifest)))
    flat = _flat(_text(reader))
    for expected in ("现场考察", "现场考察核查表", "实际经营场所与申报信息一致", "符合", "无法核实",
                     "演示环境当日故障", "生产线已部署质检系统", "质检工位"):
        assert expected in flat, expected


def test_recommendation_codes_print_in_words() -> None:
    from reviewer_app.sheets.pdf import recommendation_text

    assert recommendation_text("recommend") == "建议支持"
    assert recommendation_text("not_recommended") == "不建议支持"
    assert recommendation_text("") == "（无）"
    assert recommendation_text("建议资助（一档）") == "建议资助（一档）"


def test_hostile_comment_prints_as_text_not_markup() -> None:
    hostile = ('x<y <a href="http://x">点此</a> <img src="/etc/passwd"/> A&B <b>粗</b>'
               "\x07\x1b\u202e末尾")
    sheet, manifest = _sheet(hostile)
    data = render_sheet_pdf(sheet.body, sheet.body_sha256, manifest)
    reader = PdfReader(io.BytesIO(data))
    flat = _flat(_text(reader))
    assert _flat('x<y <a href="http://x">点此</a> <img src="/etc/passwd"/> A&B <b>粗</b>末尾') \
        in flat
    assert "[U+0007]" not in flat  # control characters are stripped, not printed
    assert b"/Link" not in data and b"/URI" not in data
    assert all("/Annots" not in page for page in reader.pages)


def _timed_render(comment: str) -> tuple[float, bytes]:
    import time

    sheet, manifest = _sheet(comment)
    started = time.perf_counter()
    data = render_sheet_pdf(sheet.body, sheet.body_sha256, manifest)
    return time.perf_counter() - started, data


def test_long_comments_render_in_linear_time_and_keep_every_line() -> None:
    """Issue 11 (7): 20,000 characters of short lines took 14 s and 40,000 took 69 s
    (each page split re-laid out the whole <br/> paragraph). Four times the text must
    now take about four times as long, not sixteen."""
    lines = [f"第{i:05d}行：数据完整，佐证充分。" for i in range(6000)]   # ~100,000 chars
    small, _ = _timed_render("\n".join(lines[:1500]))
    large, data = _timed_render("\n".join(lines))
    assert large < 30, large
    assert large / max(small, 0.05) < 9, (small, large)
    flat = _flat(_text(PdfReader(io.BytesIO(data))))
    assert "第00000行" in flat and "第05999行" in flat
    positions = [flat.index(f"第{i:05d}行") for i in (0, 1, 2999, 5998, 5999)]
    assert positions == sorted(positions), "the lines stay in order"


def test_an_unbroken_run_and_blank_lines_survive_the_chunking() -> None:
    run = "长" * 5000 + "RUN-END"
    _, data = _timed_render(f"开头\n\n\n{run}\n末尾")
    flat = _flat(_text(PdfReader(io.BytesIO(data))))
    assert "开头" in flat and "长" * 100 in flat and "RUN-END" in flat and "末尾" in flat
    assert flat.count("长") == 5000


def test_progress_reaches_the_total_and_an_exception_in_it_stops_rendering() -> None:
    sheet, manifest = _sheet("意见\n" * 500)
    calls: list[tuple[int, int]] = []
    render_sheet_pdf(sheet.body, sheet.body_sha256, manifest,
                     progress=lambda done, total: calls.append((done, total)))
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] > 10
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        if done > 3:
            raise Stop

    from reviewer_app.sheets.export import render_pdf

    with pytest.raises(Stop):
        render_pdf(sheet, manifest, progress=stop)


def test_the_sheet_speaks_beijing_time_and_cites_materials_by_title(short_pdf) -> None:
    """Issue 12: 签署时间 in China Standard Time with its offset (the body says
    2026-06-20T02:30:00Z), the PDF's creation date is the signing time, not 2000-01-01."""
    reader, text, _ = short_pdf
    assert "2026-06-2010:30（北京时间UTC+8）" in _flat(text)
    assert reader.metadata["/CreationDate"] == "D:20260620103000+08'00'"
    from reviewer_app.sheets.pdf import signed_at_text

    assert signed_at_text("2026-12-31T16:30:00Z") == "2027-01-01 00:30（北京时间 UTC+8）"
    assert signed_at_text("not a time") == "not a time"


def test_no_label_is_left_alone_at_a_page_foot() -> None:
    """A label (推荐意见：, 综合意见：) stays on the page of the text it introduces."""
    for filler in range(10, 20):
        sheet, manifest = _sheet("\n".join(["一行意见"] * filler))
        reader = PdfReader(io.BytesIO(render_sheet_pdf(sheet.body, sheet.body_sha256,
                                                       manifest)))
        for page in reader.pages:
            lines = [line for line in page.extract_text().splitlines() if line.strip()]
            body = lines[:-2]   # the footer: seat and revision, "第 N 页 共 M 页"
            assert "页 共" in lines[-1] and "席位" in lines[-2]
            assert not body[-1].rstrip().endswith("："), (filler, body[-3:])
