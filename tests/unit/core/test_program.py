import datetime as dt
import re
from decimal import Decimal

import pytest

from reviewer_app.core.errors import ProgramError
from reviewer_app.core.program import parse_program
from tests.helpers.programs import default_program, default_program_text


def test_default_program_follows_the_operating_rules() -> None:
    program = default_program()
    assert program.info.opening_date.isoformat() == "2026-06-04"
    assert program.eligibility.min_contract_amount == Decimal("200000")
    assert program.eligibility.completion_window_days is None
    assert program.eligibility.completion_window_years == 1
    assert program.eligibility.window_start(program.info.opening_date).isoformat() \
        == "2025-06-04"
    assert program.funding.max_rate == Decimal("0.30")
    assert program.funding.enterprise_annual_cap == Decimal("1000000")
    assert [c.name for c in program.rubric.criteria] == [
        "技术先进性", "场景创新性", "行业适用性", "实施成效"]
    assert program.rubric.total_max == Decimal(100)
    assert all(c.step == Decimal("0.5") for c in program.rubric.criteria)
    assert [t.min_score for t in program.funding.tiers] == [Decimal(85), Decimal(75),
                                                           Decimal(65)]
    assert program.eligibility.exempt_categories_by_entity_type["事业单位"] == {4}
    assert program.eligibility.required_material_categories == {1, 2, 3, 4, 5, 6, 7}


def test_every_criterion_has_anchored_bands_and_sub_items() -> None:
    for criterion in default_program().rubric.criteria:
        assert [b.name for b in criterion.bands][:3] == ["国际领先", "国内先进", "行业一般"]
        assert all(b.guidance and b.guidance_en for b in criterion.bands)
        assert sum(s.max for s in criterion.sub_items) == criterion.max


def _edit(pattern: str, replacement: str) -> str:
    text, count = re.subn(pattern, replacement, default_program_text(), count=1,
                          flags=re.MULTILINE)
    assert count == 1, pattern
    return text


@pytest.mark.parametrize("pattern, replacement, message", [
    (r'^max_rate = "0.30"', 'max_rate = 0.3', "must be a decimal string, not float"),
    (r'^rate = "0.30"', 'rate = "0.35"', "at most max_rate"),
    (r'^budget_policy = "pro_rata"', 'budget_policy = "lottery"', "budget_policy"),
    (r'^format = .*', 'format = "other/1"', "format"),
    (r'^max = "30"', 'max = "31"', "add up to"),
    (r'min = "18", max = "24.5"', 'min = "18", max = "24"', "does not continue"),
    (r'^opening_date = .*', 'opening_date = "2026-06-04"', "opening_date must be a date"),
    (r'^tie_break = .*', 'tie_break = ["beauty"]', "unknown criteria"),
    (r'^trim_from_reviews = 5', 'trim_from_reviews = 2', "trim_from_reviews"),
    (r'^min_contract_amount = .*', 'min_contract_amount = "lots"', "not a number"),
])
def test_inconsistent_program_files_are_refused(pattern: str, replacement: str,
                                                message: str) -> None:
    with pytest.raises(ProgramError, match=re.escape(message)):
        parse_program(_edit(pattern, replacement))


def test_missing_section_is_named() -> None:
    text = default_program_text().replace("[aggregation]", "[aggregation_typo]")
    with pytest.raises(ProgramError, match="missing 'aggregation'"):
        parse_program(text)


def test_not_toml() -> None:
    with pytest.raises(ProgramError, match="not valid TOML"):
        parse_program("this is = = not toml")


def test_manifest_form_has_tiers_as_strings() -> None:
    manifest = default_program().to_manifest()
    assert manifest["tiers"][0] == {"id": "A", "name": "一档", "name_en": "Tier 1",
                                    "min_score": "85", "rate": "0.3"}
    assert manifest["opening_date"] == "2026-06-04"


def test_program_files_giving_the_window_in_days_are_still_read() -> None:
    # 四（一）5: old program files said "completion_window_days = 365"; they keep meaning days.
    text = _edit(r"^completion_window_years = 1", "completion_window_days = 365")
    text = re.sub(r"^young_enterprise_years = 1", "young_enterprise_days = 300", text,
                  flags=re.MULTILINE)
    rules = parse_program(text).eligibility
    assert rules.window_start(dt.date(2028, 2, 29)) == dt.date(2027, 3, 1)
    assert rules.young_since(dt.date(2026, 6, 4)) == dt.date(2025, 8, 8)
    with pytest.raises(ProgramError, match="windows"):
        parse_program(_edit(r"^completion_window_years = 1", "completion_window_years = 0"))


def test_material_documents_need_keywords() -> None:
    # 六（五）/六（六): a document without keywords could never be recognised.
    text = default_program_text().replace('keywords = ["实施方案"]', "keywords = []")
    with pytest.raises(ProgramError, match="keywords must be a non-empty list"):
        parse_program(text)
