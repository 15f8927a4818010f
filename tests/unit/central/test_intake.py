from pathlib import Path

import pytest

from reviewer_app.central.intake import load_intake
from reviewer_app.core.eligibility import Status
from reviewer_app.core.errors import IntakeError, ProgramError
from tests.helpers.intake import MINIMAL_PDF, ROW, write_intake
from tests.helpers.programs import make_uscc


def test_loads_a_valid_intake(tmp_path: Path) -> None:
    intake = load_intake(write_intake(tmp_path / "in", [ROW, {**ROW, "project_id": "P2"}]))
    assert [a.project_id for a in intake.applications] == ["P1", "P2"]
    assert str(intake.application("P1").contract_amount) == "1200000.50"
    assert len(intake.materials_of("P1")) == 7
    assert intake.materials_of("P1")[0].media_type == "application/pdf"
    assert intake.seats[0].projects == ("P1", "P2")
    assert [r.status for r in intake.eligibility()] == [Status.PASS, Status.PASS]


def test_every_row_problem_is_reported_at_once(tmp_path: Path) -> None:
    rows = [
        {**ROW, "contract_amount": "abc"},
        {**ROW, "project_id": "P2", "completion_date": "2025/10/01",
         "operating_in_district": "maybe"},
        {**ROW, "project_id": "P1"},
        {**ROW, "project_id": "bad id!"},
    ]
    with pytest.raises(IntakeError) as info:
        load_intake(write_intake(tmp_path / "in", rows[:2] + rows[2:]))
    message = str(info.value)
    assert "applications.csv line 2: contract_amount: not a number: 'abc'" in message
    assert "line 3: completion_date: not a date (YYYY-MM-DD): '2025/10/01'" in message
    assert "line 3: operating_in_district: expected 是 or 否, got 'maybe'" in message
    assert "line 4: project_id: P1 appears twice" in message
    assert "line 5: project_id: 'bad id!'" in message


def test_missing_columns_and_files(tmp_path: Path) -> None:
    root = write_intake(tmp_path / "in", [ROW])
    text = (root / "applications.csv").read_text(encoding="utf-8-sig")
    (root / "applications.csv").write_text(text.replace("vendor,", "vendor_name,", 1),
                                           encoding="utf-8")
    with pytest.raises(IntakeError, match="missing column"):
        load_intake(root)
    with pytest.raises(IntakeError, match="not found"):
        load_intake(tmp_path / "nowhere")
    (root / "program.toml").unlink()
    with pytest.raises(IntakeError, match=r"program\.toml missing"):
        load_intake(root)


def test_broken_program_file_names_the_file(tmp_path: Path) -> None:
    root = write_intake(tmp_path / "in", [ROW])
    (root / "program.toml").write_text("format = 'x'", encoding="utf-8")
    with pytest.raises(ProgramError, match=r"program\.toml"):
        load_intake(root)


def test_stray_files_are_warned_about_not_dropped_silently(tmp_path: Path) -> None:
    root = write_intake(tmp_path / "in", [ROW])
    (root / "materials" / "P1" / "notes.txt").write_text("x")
    (root / "materials" / "P9").mkdir()
    intake = load_intake(root)
    assert any("notes.txt" in w for w in intake.warnings)
    assert any("P9" in w for w in intake.warnings)


def test_seat_with_unknown_project(tmp_path: Path) -> None:
    root = write_intake(tmp_path / "in", [ROW])
    (root / "seats.csv").write_text("seat_id,name,projects\nS01,张三,P1;P7\n", encoding="utf-8")
    with pytest.raises(IntakeError, match="unknown project"):
        load_intake(root)


def test_dishonest_list_and_prior_awards(tmp_path: Path) -> None:
    root = write_intake(tmp_path / "in", [ROW])
    (root / "dishonest.csv").write_text(f"uscc,name,list_name,listed_on\n{ROW['uscc']},x,y,z\n",
                                        encoding="utf-8")
    (root / "prior_awards.csv").write_text(
        f"uscc,year,amount\n{ROW['uscc']},2026,600000\n{ROW['uscc']},2025,900000\n",
        encoding="utf-8")
    intake = load_intake(root)
    assert intake.eligibility()[0].failed_checks == ("dishonest_list",)
    assert intake.prior_awards == {ROW["uscc"]: 600000}


def test_invoiced_amount_is_optional_三(tmp_path: Path) -> None:
    """三 实际发生费用: the optional invoiced_amount column; absent or empty means not given."""
    rows = [{**ROW, "invoiced_amount": "1,100,000"},
            {**ROW, "project_id": "P2", "contract_no": "C-2", "project_title": "智能排产",
             "invoiced_amount": ""}]
    root = write_intake(tmp_path / "in", rows)
    intake = load_intake(root)
    assert intake.application("P1").invoiced_amount == 1100000
    assert intake.application("P2").invoiced_amount is None
    findings = {r.project_id: {f.check: f for f in r.findings} for r in intake.eligibility()}
    assert findings["P1"]["actual_cost"].status is Status.REVIEW
    assert "1100000" in findings["P1"]["actual_cost"].message
    assert findings["P2"]["actual_cost"].status is Status.PASS
    # A file without the column (written before it existed) is read as before.
    assert load_intake(write_intake(tmp_path / "old", [ROW])).application(
        "P1").invoiced_amount is None
    with pytest.raises(IntakeError, match="invoiced_amount: not a number"):
        load_intake(write_intake(tmp_path / "bad", [{**ROW, "invoiced_amount": "x"}]))


def test_dishonest_list_names_are_read_四二1(tmp_path: Path) -> None:
    """四（二）1: dishonest.csv's list_name says which list; old files without it still load."""
    other = make_uscc(2)
    rows = [ROW, {**ROW, "project_id": "P2", "uscc": other, "contract_no": "C-2"}]
    root = write_intake(tmp_path / "in", rows)
    (root / "dishonest.csv").write_text(
        f"uscc,name,list_name,listed_on\n{ROW['uscc']},甲,失信惩戒措施清单,2025-01-01\n"
        f"{other.lower()},乙,,2025-01-01\n", encoding="utf-8")
    intake = load_intake(root)
    assert intake.dishonest_lists == {ROW["uscc"]: "失信惩戒措施清单", other: "失信名单"}
    messages = {r.project_id: next(f.message for f in r.findings if f.check == "dishonest_list")
                for r in intake.eligibility()}
    assert messages == {"P1": "已被纳入失信惩戒措施清单", "P2": "已被纳入失信名单"}
    (root / "dishonest.csv").write_text(f"uscc\n{ROW['uscc']}\n", encoding="utf-8")
    old = load_intake(root)
    assert old.dishonest == {ROW["uscc"]}
    assert old.eligibility()[0].failed_checks == ("dishonest_list",)
    assert "失信名单" in old.eligibility()[0].findings[4].message


def test_documents_are_recognised_by_file_title_六五_六六(tmp_path: Path) -> None:
    """六（五）合同、发票等支付凭证 and 六（六）实施方案、审计报告: titles of the material files."""
    root = write_intake(tmp_path / "in", [ROW])
    folder = root / "materials" / "P1"
    (folder / "5-合同及发票.pdf").rename(folder / "5-技术服务合同.pdf")
    (folder / "6-实施方案及审计报告.pdf").rename(folder / "6-项目实施方案.pdf")
    (folder / "6-专项审计报告.pdf").write_bytes(MINIMAL_PDF)
    findings = {f.check: f for f in load_intake(root).eligibility()[0].findings}
    assert findings["material_5"].status is Status.REVIEW
    assert "未见发票等支付凭证" in findings["material_5"].message
    assert findings["material_6"].status is Status.PASS
    (folder / "5-付款凭证.pdf").write_bytes(MINIMAL_PDF)
    assert load_intake(root).eligibility()[0].status is Status.PASS


def test_cross_application_checks_八二_四一5(tmp_path: Path) -> None:
    """八（二）: one contract or one project in two applications; 四（一）5: signed after done."""
    rows = [ROW, {**ROW, "project_id": "P2"},
            {**ROW, "project_id": "P3", "uscc": make_uscc(3), "contract_no": "C-3",
             "project_title": "另一项目", "contract_signed_date": "2025-10-02"}]
    intake = load_intake(write_intake(tmp_path / "in", rows, distinct=False))
    findings = {r.project_id: {f.check: f for f in r.findings} for r in intake.eligibility()}
    assert findings["P1"]["contract_no_unique"].status is Status.REVIEW
    assert "P2" in findings["P1"]["contract_no_unique"].message
    assert "P1" in findings["P2"]["project_unique"].message
    assert findings["P3"]["contract_no_unique"].status is Status.PASS
    assert findings["P3"]["project_unique"].status is Status.PASS
    assert findings["P3"]["contract_dates"].status is Status.REVIEW
    assert [r.status for r in intake.eligibility()] == [Status.REVIEW] * 3
