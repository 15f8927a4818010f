"""Hostile CSV cells and ids (issue 11, item 6): escape sequences, line separators,
quoted newlines, absurd amounts, full-width digits, ids equal up to case, all-zero
and shared credit codes, a GBK-encoded file. Each is written here for real and
its outcome shown with its message."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from reviewer_app.central.intake import load_intake
from reviewer_app.cli.admin import main as admin
from reviewer_app.cli.table import format_table
from reviewer_app.core.eligibility import Status
from reviewer_app.core.errors import IntakeError
from tests.helpers.intake import ROW, write_intake
from tests.helpers.programs import make_uscc


def _problems(root: Path) -> str:
    with pytest.raises(IntakeError) as info:
        load_intake(root)
    return str(info.value)


def _findings(root: Path) -> dict[str, dict]:
    return {r.project_id: {f.check: f for f in r.findings}
            for r in load_intake(root).eligibility()}


def test_escape_sequences_and_bidi_overrides_in_cells_are_refused(tmp_path: Path) -> None:
    rows = [{**ROW, "enterprise_name": "甲公司\x1b[2K\x1b[1A"},
            {**ROW, "project_id": "P2", "legal_representative": "李\u202e明"},
            {**ROW, "project_id": "P3", "summary": "\x9b2J"}]
    message = _problems(write_intake(tmp_path / "in", rows))
    assert ("applications.csv line 2: enterprise_name: contains the control character "
            "U+001B; control, escape and bidi characters are not accepted in applicant "
            "text") in message
    assert "line 3: legal_representative: contains the control character U+202E" in message
    assert "line 4: summary: contains the control character U+009B" in message


def test_line_separators_and_quoted_newlines_stay_inside_their_cell(tmp_path: Path) -> None:
    summaries = ["第一段\n第二段", "甲\u2028乙", "甲\x85乙", "第一页\x0c第二页", "甲\r\n乙"]
    rows = [{**ROW, "project_id": f"P{i}", "summary": text}
            for i, text in enumerate(summaries, start=1)]
    rows.append({**ROW, "project_id": "P9", "contract_amount": "x"})
    root = write_intake(tmp_path / "in", rows)
    # The rows start on lines 2, 4, 5, 6, 7 and 9: the report names the true line.
    assert "applications.csv line 9: contract_amount: not a number: 'x'" in _problems(root)
    intake = load_intake(write_intake(tmp_path / "ok", rows[:-1]))
    assert [a.summary for a in intake.applications] == summaries
    assert [a.project_id for a in intake.applications] == ["P1", "P2", "P3", "P4", "P5"]


def test_a_29_digit_amount_is_refused_naming_the_cell(tmp_path: Path) -> None:
    rows = [{**ROW, "contract_amount": "1" * 29},
            {**ROW, "project_id": "P2", "actual_cost": "1000000000000.01"},
            {**ROW, "project_id": "P3", "requested_amount": "100.001"}]
    message = _problems(write_intake(tmp_path / "in", rows))
    assert (f"applications.csv line 2: contract_amount: '{'1' * 29}' is above 10^12 元, more "
            "than any program spends: check the cell") in message
    assert "line 3: actual_cost: '1000000000000.01' is above 10^12 元" in message
    assert "line 4: requested_amount: '100.001' has more than two decimal places (分)" in message
    # The bound itself is accepted.
    ok = load_intake(write_intake(tmp_path / "ok", [{**ROW, "contract_amount": "10" + "0" * 11,
                                                     "actual_cost": "1000000000000.00"}]))
    assert ok.applications[0].contract_amount == 10**12


def test_full_width_digits_are_read_as_ascii_with_a_warning(tmp_path: Path) -> None:
    rows = [{**ROW, "contract_amount": "１，２００，０００．５０",
             "contract_signed_date": "２０２５-０１-０１"}]
    intake = load_intake(write_intake(tmp_path / "in", rows))
    app = intake.applications[0]
    assert str(app.contract_amount) == "1200000.50"
    assert app.contract_signed_date.isoformat() == "2025-01-01"
    assert ("applications.csv line 2: contract_amount: full-width characters in "
            "'１，２００，０００．５０' read as '1,200,000.50'") in intake.warnings
    assert any("contract_signed_date: full-width characters" in w for w in intake.warnings)
    # Other scripts' digits are not numbers here (Decimal() alone would read them).
    message = _problems(write_intake(tmp_path / "arabic", [{**ROW, "actual_cost": "١٢٣"}]))
    assert "actual_cost: not a number: '١٢٣'" in message


def test_ids_equal_up_to_case_or_reserved_are_refused(tmp_path: Path) -> None:
    rows = [ROW, {**ROW, "project_id": "p1"}, {**ROW, "project_id": "CON"},
            {**ROW, "project_id": "lpt1"}]
    root = write_intake(tmp_path / "in", rows)
    message = _problems(root)
    assert ("applications.csv line 3: project_id: p1 differs from P1 (line 2) only in letter "
            "case; their folders would be one on Windows and macOS") in message
    assert ("line 4: project_id: CON is a device name reserved by Windows and cannot name a "
            "folder or file there") in message
    assert "line 5: project_id: lpt1 is a device name reserved" in message

    root = write_intake(tmp_path / "seats", [ROW])
    (root / "seats.csv").write_text("seat_id,name,projects\nS01,张三,P1\ns01,李四,P1\n",
                                    encoding="utf-8")
    assert ("seats.csv line 3: seat_id: s01 differs from S01 (line 2) only in letter case"
            in _problems(root))


def test_all_zero_credit_code_fails_eligibility(tmp_path: Path) -> None:
    root = write_intake(tmp_path / "in", [{**ROW, "uscc": "0" * 18}])
    finding = _findings(root)["P1"]["uscc_valid"]
    assert finding.status is Status.FAIL
    assert finding.message == f"统一社会信用代码 {'0' * 18} 无效：全为 0，是占位符而非代码"
    assert finding.message_en.endswith("is all zeros, a placeholder rather than a code")


def test_one_credit_code_under_two_names_is_flagged_for_review(tmp_path: Path) -> None:
    other = make_uscc(7)
    rows = [ROW,
            {**ROW, "project_id": "P2", "enterprise_name": "深圳市乙科技有限公司"},
            {**ROW, "project_id": "P3", "uscc": other, "enterprise_name": "深圳市丙有限公司"},
            {**ROW, "project_id": "P4", "uscc": other, "enterprise_name": "深圳市丙有限公司"},
            {**ROW, "project_id": "P5", "uscc": make_uscc(8),
             "enterprise_name": "深圳市丙有限公司"}]
    findings = _findings(write_intake(tmp_path / "in", rows, distinct=False))
    consistent = {pid: f["enterprise_consistent"] for pid, f in findings.items()}
    assert consistent["P1"].status is Status.REVIEW
    assert consistent["P1"].message == (f"统一社会信用代码 {ROW['uscc']} 亦见于申请 P2"
                                        "（深圳市乙科技有限公司），申报主体名称不同，需复核")
    assert consistent["P2"].status is Status.REVIEW
    # One enterprise with two projects is legitimate, and says so; the same name under a
    # third code is not.
    assert consistent["P3"].status is Status.REVIEW and "P5" in consistent["P3"].message
    assert consistent["P5"].message == ("申报主体“深圳市丙有限公司”亦见于申请 "
                                        f"P3（{other}）、P4（{other}）,统一社会信用代码不同，需复核"
                                        .replace(",", "，"))
    rows = rows[2:4]
    consistent = _findings(write_intake(tmp_path / "two", rows, distinct=False))["P3"]
    assert consistent["enterprise_consistent"].status is Status.PASS
    assert consistent["enterprise_consistent"].message == (
        "同一主体另有申请 P4（不同项目，资助合计受企业年度上限约束）")


def test_a_gbk_file_gets_a_message_that_says_how_to_save_it(tmp_path: Path) -> None:
    root = write_intake(tmp_path / "in", [ROW])
    text = (root / "applications.csv").read_text(encoding="utf-8-sig")
    (root / "applications.csv").write_bytes(text.encode("gbk"))
    message = _problems(root)
    assert "applications.csv: not UTF-8 text (byte " in message
    assert "it looks like GBK/GB18030" in message
    assert "“CSV UTF-8 (逗号分隔)”" in message
    (root / "applications.csv").write_bytes(b"project_id\n\xff\xfe\x00\x00")
    assert "save it as CSV UTF-8" in _problems(root)


def test_csv_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    root = write_intake(tmp_path / "in", [{**ROW, "summary": "长" * 200_000}])
    assert ("applications.csv line 2: not readable as CSV: field larger than field limit"
            in _problems(root))
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["project_id", "project_id", "uscc"], ["P1", "P2", "x"]])
    (root / "applications.csv").write_text(buffer.getvalue(), encoding="utf-8")
    assert "column(s) given twice: project_id" in _problems(root)


def test_table_cells_cannot_hide_a_row() -> None:
    hostile = "深圳市甲公司\x1b[1A\x1b[2K\r通过\x1b]0;title\x07\u202e\u2028next"
    table = format_table(["项目", "申报主体", "结论"], [["P1", hostile, "不通过"]])
    assert table.splitlines()[-1] == "P1    深圳市甲公司 通过 next  不通过"
    for char in "\x1b\r\x07\u202e\u2028":
        assert char not in table


def test_check_intake_output_passes_no_active_character(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture) -> None:
    # A name with a C1 control that intake does not see as one if it were allowed
    # through: the CLI's stream escapes whatever still reaches it.
    root = write_intake(tmp_path / "in", [ROW])
    (root / "materials" / "P1" / "x\x9b2J\u2066.txt").write_text("x")
    assert admin(["check-intake", str(root)]) == 0
    captured = capsys.readouterr()
    assert "materials/P1/x\\u009b2J\\u2066.txt: not named" in captured.err
    assert "\x9b" not in captured.err and "\u2066" not in captured.err
