"""core/second_round.py: which projects go to a second round (复议), the anonymised
distribution each expert sees, and rule R2 (a seat's round-2 review replaces its
round-1 review of that project only; a seat without one keeps its round-1 review)."""

from __future__ import annotations

import statistics
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.core.aggregation import Review, aggregate
from reviewer_app.core.second_round import (
    ROUND_1,
    ROUND_2,
    SecondRoundError,
    apply_second_round,
    distribution,
    median,
    second_round_assignments,
    select_projects,
)
from tests.helpers.programs import default_program

PROGRAM = default_program()
IDS = PROGRAM.rubric.criterion_ids


def review(project: str, seat: str, total: str, *, conflict: bool = False) -> Review:
    """A review whose total is ``total``, filled into the criteria in rubric order."""
    left, scores = Decimal(total), {}
    for criterion in PROGRAM.rubric.criteria:
        scores[criterion.id] = min(left, criterion.max)
        left -= scores[criterion.id]
    assert left == 0
    return Review(project, seat, {} if conflict else scores, conflict)


# P1's spread (70 - 40 = 30) is above the default program's divergence threshold (20).
FIRST = [review("P1", "S1", "40"), review("P1", "S2", "55"), review("P1", "S3", "70"),
         review("P1", "S4", "0", conflict=True),
         review("P2", "S1", "40"), review("P2", "S2", "41"), review("P2", "S3", "42")]


def test_divergent_selects_the_projects_above_the_threshold() -> None:
    rules = PROGRAM.aggregation
    result = aggregate(FIRST, PROGRAM.rubric, rules)
    assert result.get("P1").divergent and not result.get("P2").divergent
    assert select_projects(result, "divergent") == ("P1",)
    assert select_projects(result, ["P2", "P1"]) == ("P1", "P2")


@pytest.mark.parametrize("choice, message", [
    (["P9"], "not in the first round: P9"), ([], "at least one"), (["P1", "P1"], "twice"),
    ("some", "neither 'divergent'")])
def test_a_choice_that_cannot_be_planned_says_why(choice, message) -> None:
    result = aggregate(FIRST, PROGRAM.rubric, PROGRAM.aggregation)
    with pytest.raises(SecondRoundError, match=message):
        select_projects(result, choice)


def test_no_divergent_project_is_an_error_not_an_empty_round() -> None:
    result = aggregate([r for r in FIRST if r.project_id == "P2"], PROGRAM.rubric,
                       PROGRAM.aggregation)
    with pytest.raises(SecondRoundError, match="no project of the first round is divergent"):
        select_projects(result, "divergent")


def test_the_distribution_is_exact_and_leaves_conflicts_out() -> None:
    dist = distribution(FIRST, "P1")
    assert dist is not None
    assert (dist.count, dist.minimum, dist.median, dist.maximum) == (
        3, Decimal(40), Decimal(55), Decimal(70))
    assert dist.to_dict() == {"count": 3, "min": "40", "median": "55", "max": "70"}
    even = distribution([review("P", "A", "70.5"), review("P", "B", "71")], "P")
    assert even is not None and even.median == Decimal("70.75")
    assert distribution([review("P", "A", "0", conflict=True)], "P") is None


@settings(max_examples=200)
@given(st.lists(st.decimals(min_value=0, max_value=100, places=1), min_size=1, max_size=15))
def test_median_agrees_with_the_statistics_module(values: list[Decimal]) -> None:
    assert median(values) == statistics.median(values)
    assert min(values) <= median(values) <= max(values)


def test_a_seat_is_asked_again_only_about_projects_it_scored() -> None:
    # S4 declared a conflict on P1 (回避) and is not asked again; S5 handed in nothing.
    asked = second_round_assignments(FIRST, ["P1"], ["S1", "S2", "S3", "S4", "S5"])
    assert asked == {"S1": ("P1",), "S2": ("P1",), "S3": ("P1",)}


def test_rule_r2_replaces_only_that_seat_and_project() -> None:
    second = [review("P1", "S1", "54"), review("P1", "S3", "56")]
    merged = apply_second_round(FIRST, second)
    by_key = {(r.project_id, r.seat_id): r for r in merged.reviews}
    assert by_key[("P1", "S1")].total == Decimal(54)
    assert by_key[("P1", "S3")].total == Decimal(56)
    assert by_key[("P1", "S2")].total == Decimal(55)        # no round-2 sheet: round 1 counts
    assert by_key[("P2", "S1")].total == Decimal(40)        # other projects untouched
    assert merged.rounds[("P1", "S1")] == ROUND_2
    assert merged.rounds[("P1", "S2")] == ROUND_1
    assert merged.replaced[("P1", "S1")].total == Decimal(40)
    assert len(merged.reviews) == len(FIRST)


def test_a_round_2_review_without_a_round_1_review_is_refused() -> None:
    with pytest.raises(ValueError, match="no first-round review"):
        apply_second_round(FIRST, [review("P1", "S9", "20")])
    with pytest.raises(ValueError, match="twice in the second round"):
        apply_second_round(FIRST, [review("P1", "S1", "20"), review("P1", "S1", "21")])


@settings(max_examples=100)
@given(st.data())
def test_r2_keeps_every_key_and_takes_round_2_exactly_where_given(data) -> None:
    seats = [f"S{i}" for i in range(data.draw(st.integers(1, 7)))]
    projects = ["P1", "P2", "P3"]
    first = [review(p, s, str(data.draw(st.integers(0, 30)))) for p in projects for s in seats]
    chosen = data.draw(st.lists(st.sampled_from([(p, s) for p in projects for s in seats]),
                                unique=True))
    second = [review(p, s, str(data.draw(st.integers(0, 30)))) for p, s in chosen]
    merged = apply_second_round(first, second)
    by_key = {(r.project_id, r.seat_id): r for r in merged.reviews}
    assert set(by_key) == {(r.project_id, r.seat_id) for r in first}
    wanted = {(r.project_id, r.seat_id): r for r in first} | {
        (r.project_id, r.seat_id): r for r in second}
    assert by_key == wanted
    assert {k for k, v in merged.rounds.items() if v == ROUND_2} == set(chosen)
