"""Plain-text paragraphs and grids of the demo materials: line breaking, splitting, text."""

from __future__ import annotations

import io

import pypdf
import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import SimpleDocTemplate

from reviewer_app.central.demo.textflow import (
    NO_LINE_START,
    Grid,
    GridStyle,
    TextFlow,
    TextStyle,
    break_lines,
    text_width,
)
from reviewer_app.pdffont import register_cjk_font

STYLE = TextStyle(10.5, 18, colors.black)
GRID = GridStyle(body=TextStyle(9, 13, colors.black), head=TextStyle(9, 13, colors.black),
                 rule=colors.grey, shade=colors.lightgrey)
TEXT = ("深圳市弘远建筑设计有限公司针对工地点多面广、安全巡检依赖人工，隐患发现滞后；"
        "设计与审图环节重复劳动多的问题，依托华为云计算技术有限公司提供的盘古大模型及"
        "ModelArts开发平台，实际投入21.90万元，合同编号HWY-2025-0179。")


def test_widths_are_reportlabs() -> None:
    font = register_cjk_font()
    for text in (TEXT, "AI+百业", "1,234,567.00", ""):
        assert abs(text_width(text, 10.5) - pdfmetrics.stringWidth(text, font, 10.5)) < 1e-9


def test_lines_fit_keep_words_whole_and_lose_nothing() -> None:
    for width in (60.0, 150.0, 300.0):
        lines = break_lines(TEXT, width, 10.5)
        assert "".join(lines) == TEXT
        assert len(lines) > 1
        for line in lines:
            overflow = text_width(line, 10.5) - width
            # Only closing punctuation may hang past the edge.
            assert overflow <= 0 or (line[-1] in NO_LINE_START
                                     and text_width(line[:-1], 10.5) <= width), line
        assert not any(line[0] in NO_LINE_START for line in lines[1:])
        if width >= 150:
            assert any("ModelArts" in line for line in lines)  # not broken inside the word


def test_newlines_break_and_indent_narrows_the_first_line() -> None:
    assert break_lines("第一行\n\n第三行", 200, 10) == ("第一行", "", "第三行")
    plain = break_lines(TEXT, 200, 10.5)
    indented = break_lines(TEXT, 200, 10.5, 21)
    assert len(indented[0]) < len(plain[0])


def _pdf_text(story: list) -> tuple[str, int]:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    reader = pypdf.PdfReader(io.BytesIO(buffer.getvalue()))
    return "".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_a_long_paragraph_splits_across_pages_and_extracts() -> None:
    text, pages = _pdf_text([TextFlow(TEXT * 40, STYLE)])
    assert pages >= 2
    assert text.replace("\n", "") == TEXT * 40


def test_a_long_grid_repeats_its_header_on_every_page() -> None:
    rows = [["编号", "名称（表头）"], *[[str(i), f"第{i}行项目"] for i in range(120)],
            ["合计：一百二十个项目，跨两栏写的总计行", ""]]
    # The total row spans both columns; its text is wider than the first column.
    text, pages = _pdf_text([Grid(rows, [60, 300], GRID, spans=[(121, 0, 1)])])
    assert pages >= 2
    assert text.count("名称（表头）") == pages
    for i in (0, 60, 119):
        assert f"第{i}行项目" in text
    assert "合计：一百二十个项目，跨两栏写的总计行" in text


def test_a_spanned_cell_takes_the_width_of_its_columns() -> None:
    long = "大写金额贰佰贰拾贰万柒仟玖佰贰拾陆元整"
    narrow = Grid([[long, "", "x"]], [40, 40, 40], GRID, header_rows=0)
    wide = Grid([[long, "", "x"]], [40, 40, 40], GRID, header_rows=0, spans=[(0, 0, 1)])
    assert wide.wrap(500, 500)[1] < narrow.wrap(500, 500)[1]


def test_chart_value_steps_are_round_and_cover_the_top() -> None:
    from reviewer_app.central.demo.charts import nice_step

    for top, step in ((9.7, 2), (42.0, 10), (133.0, 50), (0.8, 0.2), (1.0, 0.2)):
        assert nice_step(top) == pytest.approx(step)
        assert top / nice_step(top) <= 5


def test_charts_draw_their_labels_as_text() -> None:
    from reviewer_app.central.demo.charts import BarChart, LineChart

    bars = BarChart("实施前后关键指标对比", ["审图时长", "返工率"],
                    [("实施前", [100, 100]), ("实施后", [61, 146])], [colors.grey, colors.blue],
                    width=400, height=200, ink=colors.black, grid=colors.lightgrey)
    line = LineChart("AI服务月调用量（万次）", ["25/06", "25/07", "25/08"], [2.4, 3.1, 9.7],
                     colors.blue, width=400, height=180, ink=colors.black)
    text, _ = _pdf_text([bars, line])
    for label in ("实施前后关键指标对比", "审图时长", "实施后", "150", "AI服务月调用量（万次）",
                  "25/08", "10"):
        assert label in text
