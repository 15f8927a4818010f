"""The build's conflict pre-screen (core/conflicts.py, docs/formats.md §1.8.3)."""

from __future__ import annotations

import pytest

from reviewer_app.core.conflicts import (
    ProjectParties,
    SeatEmployers,
    organisation_key,
    prescreen,
)

CATEGORIES = ("employment", "relative", "vendor", "other")


@pytest.mark.parametrize("spelling", [
    "深圳市云启科技有限公司",
    "深圳市云启科技股份有限公司",
    "深圳市云启科技（深圳）有限公司",
    "深圳市云启科技(深圳)有限责任公司",
    " 深圳市云启科技　有限公司 ",
    "深圳市云启科技〔深圳〕股份有限公司",
    "深圳市云启科技",
])
def test_spellings_of_one_company_fold_to_one_key(spelling: str) -> None:
    assert organisation_key(spelling) == "深圳市云启科技"


def test_full_width_latin_and_legal_forms_in_english_fold() -> None:
    assert organisation_key("ＡＢＣ Cloud Co., Ltd.") == organisation_key("abc cloud") \
        == "abccloud"
    assert organisation_key("Acme Inc.") == organisation_key("ACME")


def test_different_companies_stay_different() -> None:
    assert organisation_key("深圳市云启科技有限公司") != organisation_key("深圳市云启智能有限公司")
    # A legal form alone is not folded away to nothing (an empty key would match anything
    # else that folds to nothing).
    assert organisation_key("有限公司") and organisation_key("股份有限公司")


def _parties() -> dict[str, ProjectParties]:
    return {"P1": ProjectParties("P1", "深圳市云启科技有限公司", "华为云计算技术有限公司"),
            "P2": ProjectParties("P2", "深圳前海智运物流有限公司",
                                 "腾讯云计算（北京）有限责任公司"),
            "P3": ProjectParties("P3", "深圳市蛇口健康科技有限公司", "")}


def test_past_employer_equal_to_an_applicant_is_an_employment_hint() -> None:
    seats = [SeatEmployers("S1", ("某大学", "深圳市云启科技（深圳）股份有限公司"), ("P1", "P2"))]
    hints = prescreen(seats, _parties(), CATEGORIES)
    assert [(h.seat_id, h.project_id, h.category) for h in hints] == [("S1", "P1", "employment")]
    assert hints[0].matched == ("深圳市云启科技（深圳）股份有限公司", "深圳市云启科技有限公司")
    assert hints[0].to_manifest() == {"project_id": "P1", "category": "employment",
                                      "matched": list(hints[0].matched)}


def test_an_employer_that_is_the_vendor_is_a_vendor_hint_only_for_assigned_projects() -> None:
    seats = [SeatEmployers("S1", ("腾讯云计算（北京）有限公司",), ("P2",)),
             SeatEmployers("S2", ("腾讯云计算（北京）有限公司",), ("P1", "P3"))]
    hints = prescreen(seats, _parties(), CATEGORIES)
    assert [(h.seat_id, h.project_id, h.category) for h in hints] == [("S1", "P2", "vendor")]


def test_without_the_category_in_the_program_a_hint_is_other() -> None:
    seats = [SeatEmployers("S1", ("华为云计算技术有限公司",), ("P1",))]
    assert prescreen(seats, _parties(), ("employment", "other"))[0].category == "other"


def test_no_employers_no_hints_and_an_empty_vendor_matches_nothing() -> None:
    assert prescreen([SeatEmployers("S1", (), ("P1", "P3"))], _parties(), CATEGORIES) == ()
    assert prescreen([SeatEmployers("S1", ("",), ("P3",))], _parties(), CATEGORIES) == ()
