"""专家组汇总表 (panel-summary.pdf, the results.xlsx sheet) and the panel-size warnings.

Shenzhen's practice for fiscal-fund reviews (issue 14): experts sign their individual
sheets and the panel summary (个人评分表和专家组汇总表上签字确认) with room for dissent;
a panel of at least five experts, an odd number. The AI+ operating rules (二、三) set
the review itself; they do not size the panel, so the size is the program file's
(``aggregation.recommended_reviews``, ``aggregation.odd_reviews``) and only warns.
"""

from __future__ import annotations

import io
import json
import re
import stat
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reviewer_app.central.intake import load_intake
from reviewer_app.central.manifest import build_manifest
from reviewer_app.central.merge import merge_sheets
from reviewer_app.central.panel_summary import NOT_SCORED, RECUSED, panel_summaries
from reviewer_app.central.panel_summary_pdf import SEATS_PER_TABLE, panel_summary_pdf
from reviewer_app.central.reports import write_results
from reviewer_app.central.results import compute_results
from reviewer_app.central.results_xlsx import results_xlsx
from reviewer_app.core.decimals import decimal_str
from reviewer_app.core.panel import EVEN, TOO_FEW, panel_size_warnings
from reviewer_app.core.program import ProgramError, parse_program
from reviewer_app.paths import RESOURCES
from tests.helpers.central import (
    fake_sheet,
    fake_verify,
    manifest_bytes,
    registered_store,
    scored,
)
from tests.helpers.intake import ROW, write_intake

PROGRAM_FILE = RESOURCES / "programs" / "ai-plus-2026.toml"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf_text(data: bytes) -> str:
    return _flat("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


# -- the rule ---------------------------------------------------------------------------


def _rules(odd: bool):
    rules = parse_program(PROGRAM_FILE.read_text(encoding="utf-8")).aggregation
    return replace(rules, recommended_reviews=5, odd_reviews=odd)


def test_fewer_than_five_or_even_is_warned_once_with_the_reason_to_act_on() -> None:
    counts = {"P1": 5, "P2": 4, "P3": 6, "P4": 0, "P5": 7}
    warned = {w.project_id: w.kind for w in panel_size_warnings(counts, _rules(odd=True))}
    # P2 is both too few and even: one warning, the one to act on.
    assert warned == {"P2": TOO_FEW, "P3": EVEN, "P4": TOO_FEW}
    assert {w.project_id for w in panel_size_warnings(counts, _rules(odd=False))} == {"P2",
                                                                                        "P4"}


def test_the_bundled_program_asks_for_five_and_an_odd_number() -> None:
    rules = parse_program(PROGRAM_FILE.read_text(encoding="utf-8")).aggregation
    assert (rules.recommended_reviews, rules.odd_reviews) == (5, True)


@pytest.mark.parametrize("setting, message", [
    ("odd_reviews = \"yes\"", "odd_reviews must be true or false"),
    ("recommended_reviews = 0", "recommended_reviews must be >= 1"),
])
def test_a_malformed_panel_setting_is_refused(setting: str, message: str) -> None:
    text = PROGRAM_FILE.read_text(encoding="utf-8")
    text = re.sub(r"^odd_reviews = true$|^recommended_reviews = 5$",
                  lambda m: setting if m.group(0).split()[0] == setting.split()[0]
                  else m.group(0), text, flags=re.M)
    with pytest.raises(ProgramError, match=message):
        parse_program(text)


def test_build_warns_of_a_panel_of_four_seats(tmp_path: Path) -> None:
    rows = [{**ROW, "project_id": "P1"}]
    root = write_intake(tmp_path / "intake", rows)
    (root / "seats.csv").write_text("seat_id,name,projects\n" + "".join(
        f"S{s},专家{s},P1\n" for s in range(1, 5)), encoding="utf-8")
    intake = load_intake(root)
    if not intake.program.aggregation.odd_reviews:
        pytest.skip("the test intake's program does not ask for an odd panel")
    plan = build_manifest(intake)
    assert "P1: 4 seats assigned, fewer than the 5 the program recommends" in plan.warnings


# -- the summary -----------------------------------------------------------------------


@pytest.fixture
def panel(tmp_path: Path):
    """Five seats on three projects: S2 declares a conflict on P2, S5 hands in no
    sheet, so P1 and P3 have four valid reviews and P2 three."""
    engine = registered_store(tmp_path)
    sheets = [fake_sheet("S1", [scored("P1", "25", "20", "15", "18"),
                                scored("P2", "20", "15", "10", "15"),
                                scored("P3", "28", "22", "18", "20")]),
              fake_sheet("S2", [scored("P1", "24", "20", "15", "17"),
                                scored("P2", conflict=True),
                                scored("P3", "10", "10", "10", "10")]),
              *[fake_sheet(f"S{s}", [scored("P1", "22", "18", "14", "16"),
                                     scored("P2", "21", "16", "11", "14"),
                                     scored("P3", "27", "21", "17", "19")]) for s in (3, 4)]]
    merge_sheets(engine, [(str(i), s) for i, s in enumerate(sheets)], verify=fake_verify)
    yield compute_results(engine)
    engine.dispose()


def test_every_seat_has_its_total_or_the_reason_it_has_none(panel) -> None:
    (summary,) = panel_summaries(panel)
    assert [s.seat_id for s in summary.seats] == ["S1", "S2", "S3", "S4", "S5"]
    cells = {p.project_id: p.cells for p in summary.projects}
    assert cells["P2"] == ("60", RECUSED, "62", "62", NOT_SCORED)
    assert cells["P1"] == ("78", "76", "70", "70", NOT_SCORED)
    p3 = next(p for p in summary.projects if p.project_id == "P3")
    # The same figures as results.json: the aggregate, its method and the spread.
    row = next(r for r in panel.rows if r.project_id == "P3")
    assert p3.score == decimal_str(row.aggregate.score) and p3.spread == "48"
    assert p3.method == "算术平均" and p3.divergent
    assert "有效评审 4 份，少于建议的 5 份" in p3.note


def test_the_pdf_names_every_expert_and_has_every_signature_line(panel) -> None:
    data = panel_summary_pdf(panel)
    text = _pdf_text(data)
    for seat in range(1, 6):
        assert f"S{seat}专家{seat}" in text
    assert text.count("签字：") == 6  # five experts and the 专家组组长
    for needle in ("专家组汇总表", "专家组组长", "专家不同意见", RECUSED, NOT_SCORED,
                   "算术平均", "第1页共"):
        assert needle in text, needle
    assert not PdfReader(io.BytesIO(data)).pages[0].get("/Annots")


def test_a_large_panel_continues_in_a_further_table(tmp_path: Path) -> None:
    seats = SEATS_PER_TABLE + 3
    engine = registered_store(tmp_path, manifest_bytes(tmp_path / "m", projects=2,
                                                       seats=seats))
    sheets = [fake_sheet(f"S{s}", [scored("P1", "20", "20", "15", str(s)),
                                   scored("P2", "20", "15", "10", "15")])
              for s in range(1, seats + 1)]
    merge_sheets(engine, [(str(i), s) for i, s in enumerate(sheets)], verify=fake_verify)
    results = compute_results(engine)
    engine.dispose()
    text = _pdf_text(panel_summary_pdf(results))
    for seat in range(1, seats + 1):
        assert f"S{seat}专家{seat}" in text
    assert text.count("签字：") == seats + 1
    assert text.count("综合得分计分方法极差说明") == 2  # one table per twelve seats
    assert not any(w.project_id in ("P1", "P2") for w in results.panel_warnings)  # 15: odd


def test_the_workbook_has_the_summary_with_numbers_as_numbers(panel) -> None:
    book = load_workbook(io.BytesIO(results_xlsx(panel)))
    sheet = book["专家组汇总表"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1][3:8] == ["S1 专家1", "S2 专家2", "S3 专家3", "S4 专家4", "S5 专家5"]
    p2 = next(r for r in rows if r[1] == "P2")
    assert p2[3:8] == [Decimal("60"), RECUSED, Decimal("62"), Decimal("62"), NOT_SCORED]


def test_results_write_the_summary_owner_only_and_warn_in_results_pdf(panel, tmp_path) -> None:
    out = tmp_path / "out"
    write_results(panel, out)
    summary = out / "panel-summary.pdf"
    assert stat.S_IMODE(summary.stat().st_mode) == 0o600
    assert "专家组汇总表" in _pdf_text(summary.read_bytes())
    report = _pdf_text((out / "results.pdf").read_bytes())
    assert "专家组人数提示" in report and "有效评审4份，少于建议的5份" in report
    # results.json is unchanged by the warnings (the 公示 compares it byte for byte).
    assert "panel" not in json.loads((out / "results.json").read_text(encoding="utf-8"))


def test_hostile_names_print_literally(tmp_path: Path) -> None:
    manifest = json.loads(manifest_bytes(tmp_path / "m"))
    manifest["seats"][0]["name"] = '<b>加粗</b><a href="http://x">链接</a>'
    manifest["projects"][0]["project_title"] = "<font size=40>大</font>"
    engine = registered_store(tmp_path, json.dumps(manifest, ensure_ascii=False).encode())
    merge_sheets(engine, [("1", fake_sheet("S1", [scored("P1", "1", "1", "1", "1")]))],
                 verify=fake_verify)
    results = compute_results(engine)
    engine.dispose()
    text = _pdf_text(panel_summary_pdf(results))
    assert '<b>加粗</b><ahref="http://x">链接</a>' in text
    assert "<fontsize=40>大</font>" in text
