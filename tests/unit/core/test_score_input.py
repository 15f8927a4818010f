"""Reading typed scores: what a Chinese IME produces is read, the rest refused with a reason."""

from decimal import Decimal

import pytest

from reviewer_app.core.errors import ScoreError
from reviewer_app.core.score_input import (
    ScoreTextError,
    ScoreTextProblem,
    normalize_score_text,
    parse_score_text,
)


@pytest.mark.parametrize(("typed", "value"), [
    ("25", Decimal("25")),
    ("2.5", Decimal("2.5")),
    ("2。5", Decimal("2.5")),      # ideographic full stop, as the IME types it
    ("2．5", Decimal("2.5")),      # full-width full stop
    ("2｡5", Decimal("2.5")),       # halfwidth ideographic full stop
    ("2,5", Decimal("2.5")),       # a European keyboard's decimal comma
    ("２８", Decimal("28")),       # full-width digits
    ("２８。５", Decimal("28.5")),
    ("　28 ", Decimal("28")),      # full-width and ASCII blanks around
    (".5", Decimal("0.5")),
    ("0", Decimal("0")),
])
def test_ime_input_reads_as_the_number_it_means(typed, value):
    assert parse_score_text(typed) == value


@pytest.mark.parametrize("typed", ["", "  ", "　"])
def test_empty_means_not_scored(typed):
    assert parse_score_text(typed) is None


@pytest.mark.parametrize(("typed", "problem"), [
    ("-3", ScoreTextProblem.NEGATIVE),
    ("－3", ScoreTextProblem.NEGATIVE),   # full-width hyphen-minus
    ("−3", ScoreTextProblem.NEGATIVE),    # the minus sign
    ("+3", ScoreTextProblem.SIGNED),
    ("2.5.1", ScoreTextProblem.NOT_A_NUMBER),
    ("2。5。1", ScoreTextProblem.NOT_A_NUMBER),
    ("abc", ScoreTextProblem.NOT_A_NUMBER),
    ("二十", ScoreTextProblem.NOT_A_NUMBER),
    ("٢٥", ScoreTextProblem.NOT_A_NUMBER),  # Arabic-Indic digits are not folded
    ("1e3", ScoreTextProblem.NOT_A_NUMBER),
    ("NaN", ScoreTextProblem.NOT_A_NUMBER),
    ("1,000", ScoreTextProblem.NOT_A_NUMBER),
    (".", ScoreTextProblem.NOT_A_NUMBER),
])
def test_everything_else_is_refused_with_its_reason(typed, problem):
    with pytest.raises(ScoreTextError) as caught:
        parse_score_text(typed)
    assert caught.value.problem is problem
    assert isinstance(caught.value, ScoreError)
    assert repr(typed) in str(caught.value)


def test_normalize_folds_to_ascii():
    assert normalize_score_text("２８。５") == "28.5"
    assert normalize_score_text("2．5") == "2.5"


def test_read_score_applies_the_rubric_after_reading():
    from reviewer_app.core.rubric import Rubric
    from reviewer_app.core.score_input import read_score

    rubric = Rubric.from_dict({
        "comment_required_bands": [], "total_max": "30",
        "criteria": [{"id": "tech", "name": "技术", "name_en": "Tech", "max": "30",
                      "step": "0.5", "bands": []}]})
    assert read_score(rubric, "tech", "2。5") == Decimal("2.5")
    assert read_score(rubric, "tech", "") is None
    with pytest.raises(ScoreError):
        read_score(rubric, "tech", "25。2")   # off step: the rubric refuses
    with pytest.raises(ScoreTextError):
        read_score(rubric, "tech", "-3")
