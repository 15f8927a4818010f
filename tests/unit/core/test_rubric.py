from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.core.errors import ProgramError, ScoreError
from reviewer_app.core.rubric import Rubric
from tests.helpers.programs import default_program

RUBRIC = default_program().rubric


@pytest.mark.parametrize("value, expected", [
    ("0", Decimal(0)), ("8.5", Decimal("8.5")), ("30", Decimal(30)), (Decimal("29.5"),
                                                                      Decimal("29.5")),
    (12, Decimal(12)), (" 7.0 ", Decimal(7)),
])
def test_valid_scores(value: object, expected: Decimal) -> None:
    assert RUBRIC.validate_score("advancement", value) == expected


@pytest.mark.parametrize("value, message", [
    ("30.5", "outside 0 to 30"),
    ("-0.5", "outside 0 to 30"),
    ("8.25", "not a multiple of 0.5"),
    (8.5, "not float"),
    ("eight", "not a number"),
    ("NaN", "not a number"),
    ("Infinity", "not a number"),
    (True, "not bool"),
])
def test_invalid_scores(value: object, message: str) -> None:
    with pytest.raises(ScoreError, match=message):
        RUBRIC.validate_score("advancement", value)


def test_unknown_criterion() -> None:
    with pytest.raises(ScoreError, match="unknown criterion"):
        RUBRIC.validate_score("beauty", "1")


def test_complete_scores_and_total() -> None:
    scores = RUBRIC.validate_scores({"advancement": "25", "innovation": "20.5",
                                     "applicability": "15", "outcome": "18"}, complete=True)
    assert RUBRIC.total(scores) == Decimal("78.5")
    with pytest.raises(ScoreError, match="missing scores for: outcome"):
        RUBRIC.validate_scores({"advancement": "25", "innovation": "20.5",
                                "applicability": "15"}, complete=True)
    partial = RUBRIC.validate_scores({"advancement": "25"}, complete=False)
    assert partial == {"advancement": Decimal(25)}


def test_bands_and_comment_requirement() -> None:
    advancement = RUBRIC.criterion("advancement")
    assert advancement.band_for(Decimal("24.5")).name == "国内先进"
    assert advancement.band_for(Decimal("25")).name == "国际领先"
    assert RUBRIC.comment_required("advancement", Decimal("27"))      # top band
    assert RUBRIC.comment_required("advancement", Decimal("3"))       # bottom band
    assert not RUBRIC.comment_required("advancement", Decimal("20"))


@given(st.sampled_from(RUBRIC.criteria), st.integers(min_value=0, max_value=60))
def test_every_valid_score_falls_in_exactly_one_band(criterion, halves) -> None:
    score = Decimal(halves) / 2
    if score > criterion.max:
        with pytest.raises(ScoreError):
            RUBRIC.validate_score(criterion.id, score)
        return
    RUBRIC.validate_score(criterion.id, score)
    assert sum(band.contains(score) for band in criterion.bands) == 1


def test_wire_form_round_trips() -> None:
    again = Rubric.from_dict(RUBRIC.to_dict())
    assert again == RUBRIC


def test_duplicate_criterion_ids_are_refused() -> None:
    data = RUBRIC.to_dict()
    data["criteria"][1]["id"] = data["criteria"][0]["id"]
    with pytest.raises(ProgramError, match="not unique"):
        Rubric.from_dict(data)


def test_non_identifier_ids_are_refused() -> None:
    data = RUBRIC.to_dict()
    data["criteria"][0]["id"] = "a b"
    with pytest.raises(ProgramError, match="identifier"):
        Rubric.from_dict(data)
