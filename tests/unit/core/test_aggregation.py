import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.core.aggregation import (
    METHOD_MEAN,
    METHOD_NONE,
    METHOD_TRIMMED,
    Review,
    aggregate,
)
from tests.helpers.programs import default_program

PROGRAM = default_program()
RUBRIC = PROGRAM.rubric
RULES = PROGRAM.aggregation
IDS = RUBRIC.criterion_ids


def review(project: str, seat: str, *scores: str, conflict: bool = False) -> Review:
    return Review(project, seat, dict(zip(IDS, map(Decimal, scores), strict=True)), conflict)


def test_five_reviews_drop_the_highest_and_lowest_total() -> None:
    reviews = [
        review("P1", "S1", "25", "20", "15", "20"),    # 80
        review("P1", "S2", "28", "22", "17", "23"),    # 90 highest
        review("P1", "S3", "20", "15", "12", "13"),    # 60 lowest
        review("P1", "S4", "24", "20", "16", "18"),    # 78
        review("P1", "S5", "26", "21", "16", "19"),    # 82
    ]
    result = aggregate(reviews, RUBRIC, RULES).get("P1")
    assert result.method == METHOD_TRIMMED
    assert result.dropped == ("S2", "S3")
    assert result.score == Decimal("80.00")
    assert result.mean == Decimal("78.00")
    # per criterion over the same kept seats S1, S4, S5: advancement 25, 24, 26
    assert result.criteria["advancement"] == Decimal("25.00")
    assert sum(result.criteria.values()) == result.score
    assert result.spread == Decimal(30)
    assert result.divergent  # 30 > 20
    assert result.rank == 1


def test_conflicts_are_excluded_and_fewer_than_five_take_the_mean() -> None:
    reviews = [
        review("P1", "S1", "25", "20", "15", "20"),
        review("P1", "S2", "25", "20", "15", "21"),
        review("P1", "S3", "25", "20", "15", "22"),
        review("P1", "S4", "25", "20", "15", "23"),
        review("P1", "S5", "0", "0", "0", "0", conflict=True),
    ]
    result = aggregate(reviews, RUBRIC, RULES).get("P1")
    assert result.excluded_conflicts == ("S5",)
    assert result.counted == ("S1", "S2", "S3", "S4")
    assert result.method == METHOD_MEAN
    assert result.score == Decimal("81.50")
    assert not result.divergent


def test_too_few_reviews_gives_no_score_and_no_rank() -> None:
    reviews = [review("P1", "S1", "25", "20", "15", "20"),
               review("P1", "S2", "25", "20", "15", "20"),
               review("P1", "S3", "25", "20", "15", "20", conflict=True)]
    result = aggregate(reviews, RUBRIC, RULES, project_ids=["P2"])
    assert result.get("P1").method == METHOD_NONE
    assert result.get("P1").score is None and result.get("P1").rank is None
    assert result.get("P2").counted == () and result.get("P2").score is None


def test_rounding_is_half_up_to_two_places() -> None:
    reviews = [review("P1", f"S{i}", "10", "10", "10", s)
               for i, s in enumerate(["10", "10", "10.5"], start=1)]
    # totals 40, 40, 40.5 -> mean 40.1666… -> 40.17
    assert aggregate(reviews, RUBRIC, RULES).get("P1").score == Decimal("40.17")


def test_ties_break_on_outcome_then_other_criteria_then_id() -> None:
    same_total = [("20", "20", "20", "20"), ("21", "20", "20", "19")]
    reviews = []
    for project, scores in zip(["PA", "PB"], same_total, strict=True):
        reviews += [review(project, f"S{i}", *scores) for i in range(1, 4)]
    reviews += [review("PC", f"S{i}", "20", "20", "20", "20") for i in range(1, 4)]
    ranked = [p.project_id for p in aggregate(reviews, RUBRIC, RULES).projects]
    assert ranked == ["PA", "PC", "PB"]  # PA/PC outcome 20 > PB 19; PA before PC by id


def test_criteria_use_the_reviews_kept_for_the_total() -> None:
    """docs/architecture.md §8 trimmed mean: the seats dropped for the total are dropped for every
    criterion, so the criteria add up to the score (not 85.33 beside 86.33)."""
    reviews = [
        review("P1", "S1", "30", "25", "15", "15"),    # 85
        review("P1", "S2", "20", "25", "25", "25"),    # 95 highest, dropped
        review("P1", "S3", "25", "20", "20", "22"),    # 87
        review("P1", "S4", "10", "30", "25", "5"),     # 70 lowest, dropped
        review("P1", "S5", "28", "22", "18", "19"),    # 87
    ]
    result = aggregate(reviews, RUBRIC, RULES).get("P1")
    assert result.dropped == ("S2", "S4")
    assert result.score == Decimal("86.33")
    assert result.exact_criteria["advancement"] == (30 + 25 + 28) / __import__(
        "fractions").Fraction(3)
    assert sum(result.criteria.values()) == Decimal("86.33")
    assert sum(result.exact_criteria.values()) == result.exact_score


def test_shown_criteria_apportion_the_rounding_by_largest_remainder() -> None:
    from fractions import Fraction

    from reviewer_app.core.aggregation import apportion
    exact = {"a": Fraction(1, 3), "b": Fraction(1, 3), "c": Fraction(1, 3)}
    assert apportion(exact, Decimal("1.00"), 2) == {
        "a": Decimal("0.34"), "b": Decimal("0.33"), "c": Decimal("0.33")}  # tie: rubric order
    exact = {"a": Fraction(2, 3), "b": Fraction(2, 3), "c": Fraction(2, 3)}
    assert apportion(exact, Decimal("2.00"), 2) == {
        "a": Decimal("0.67"), "b": Decimal("0.67"), "c": Decimal("0.66")}
    with pytest.raises(ValueError):
        apportion(exact, Decimal("3.00"), 2)


def test_duplicate_review_is_a_bug() -> None:
    with pytest.raises(ValueError, match="twice"):
        aggregate([review("P1", "S1", "1", "1", "1", "1")] * 2, RUBRIC, RULES)


def test_normalisation_corrects_a_harsh_expert_but_keeps_raw_score() -> None:
    # S3 scores everything 20 points lower than the others.
    reviews = []
    for project, base in [("P1", 80), ("P2", 70), ("P3", 60)]:
        for seat, offset in [("S1", 0), ("S2", 1), ("S3", -20)]:
            total = Decimal(base + offset)
            reviews.append(Review(project, seat, {"advancement": total / 4,
                                                  "innovation": total / 4,
                                                  "applicability": total / 4,
                                                  "outcome": total / 4}))
    result = aggregate(reviews, RUBRIC, RULES)
    p1, p3 = result.get("P1"), result.get("P3")
    assert p1.score == Decimal("73.67")          # raw untouched
    assert p1.normalised is not None and p3.normalised is not None
    assert p1.normalised > p1.score and p3.normalised < p3.score
    assert {e.seat_id for e in result.experts if e.usable} == {"S1", "S2", "S3"}


def test_normalisation_off() -> None:
    rules = dataclasses.replace(RULES, normalisation=None)
    reviews = [review("P1", f"S{i}", "20", "20", "20", str(i)) for i in range(1, 4)]
    assert aggregate(reviews, RUBRIC, rules).get("P1").normalised is None


half_points = st.integers(min_value=0, max_value=40).map(lambda n: Decimal(n) / 2)
score_sets = st.fixed_dictionaries({cid: half_points for cid in IDS})


@st.composite
def review_sets(draw):
    projects = draw(st.integers(min_value=1, max_value=6))
    seats = draw(st.integers(min_value=1, max_value=8))
    reviews = []
    for p in range(projects):
        for s in range(seats):
            if draw(st.booleans()):
                reviews.append(Review(f"P{p}", f"S{s}", draw(score_sets),
                                      conflict=draw(st.integers(0, 9)) == 0))
    return reviews


@settings(max_examples=150, deadline=None)
@given(review_sets(), st.randoms())
def test_aggregation_invariants(reviews, rnd) -> None:
    result = aggregate(reviews, RUBRIC, RULES)
    shuffled = list(reviews)
    rnd.shuffle(shuffled)
    assert aggregate(shuffled, RUBRIC, RULES) == result, "input order must not matter"
    ranks = [p.rank for p in result.projects if p.rank is not None]
    assert ranks == list(range(1, len(ranks) + 1))
    for project in result.projects:
        mine = [r for r in reviews if r.project_id == project.project_id]
        valid = [r.total for r in mine if not r.conflict]
        assert len(project.counted) == len(valid)
        assert not set(project.counted) & set(project.excluded_conflicts)
        if project.score is None:
            assert len(valid) < RULES.min_reviews
            continue
        assert min(valid) <= project.score <= max(valid)
        assert project.divergent == (max(valid) - min(valid) > RULES.divergence_threshold)
        assert (project.method == METHOD_TRIMMED) == (len(valid) >= RULES.trim_from_reviews)
        if project.method == METHOD_TRIMMED:
            assert len(project.dropped) == 2 * RULES.trim_count
    scored = [p.score for p in result.projects if p.score is not None]
    assert scored == sorted(scored, reverse=True)


@settings(max_examples=200, deadline=None)
@given(review_sets(), st.sampled_from([0, 1, 2]), st.integers(min_value=1, max_value=4))
def test_criteria_sum_to_the_total_for_every_method(reviews, places, trim_from) -> None:
    """docs/architecture.md §8: trimmed mean or mean, the criterion aggregates are means over the
    reviews kept for the total: unrounded they sum exactly to the unrounded total,
    shown they sum exactly to the shown total, each within one unit of its exact value."""
    from fractions import Fraction

    rules = dataclasses.replace(RULES, score_places=places, trim_from_reviews=trim_from + 2,
                                min_reviews=1)
    unit = Fraction(1, 10 ** places)
    for project in aggregate(reviews, RUBRIC, rules).projects:
        if project.score is None:
            continue
        assert sum(project.exact_criteria.values()) == project.exact_score
        assert sum(project.criteria.values()) == project.score
        assert abs(project.exact_score - Fraction(project.score)) <= unit / 2
        for cid in IDS:
            assert abs(project.exact_criteria[cid] - Fraction(project.criteria[cid])) < unit
        kept = [r for r in reviews if r.project_id == project.project_id and not r.conflict
                and r.seat_id not in project.dropped]
        assert project.exact_score == Fraction(sum(r.total for r in kept)) / len(kept)
