import dataclasses
from collections import defaultdict
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.core.funding import Candidate, compute_funding
from tests.helpers.programs import default_program

RULES = default_program().funding
D = Decimal


def en(award) -> tuple[str, ...]:
    return tuple(r.message_en for r in award.reasons)


def candidate(pid: str, score: str | None, cost: str, *, enterprise: str | None = None,
              rank: int | None = None, requested: str | None = None,
              eligible: bool = True) -> Candidate:
    return Candidate(pid, enterprise or f"E-{pid}", eligible, D(score) if score else None,
                     rank, D(cost), D(requested) if requested else D(cost))


def test_tiers_set_the_rate_三择优分档() -> None:
    result = compute_funding([
        candidate("A", "90", "1000000", rank=1),
        candidate("B", "80", "1000000", rank=2),
        candidate("C", "70", "1000000", rank=3),
        candidate("D", "64.99", "1000000", rank=4),
    ], RULES)
    assert [a.amount for a in result.awards] == [D(300000), D(200000), D(100000), D(0)]
    assert [a.tier.id if a.tier else None for a in result.awards] == ["A", "B", "C", None]
    assert en(result.get("D")) == ("score 64.99 is below the lowest tier",)
    assert result.get("D").reasons[0].message == "综合得分 64.99 低于最低档"


def test_at_most_thirty_percent_and_not_above_request() -> None:
    result = compute_funding([candidate("A", "95", "1000000", rank=1, requested="250000")],
                             RULES)
    assert result.get("A").amount == D(250000)
    assert "limited to the requested amount" in en(result.get("A"))


def test_rounded_down_to_the_unit() -> None:
    result = compute_funding([candidate("A", "95", "333333", rank=1)], RULES)
    assert result.get("A").amount == D(99900)   # 99,999.9 -> 99,900 at 100 元


def test_one_million_per_enterprise_per_year_across_projects_三() -> None:
    result = compute_funding([
        candidate("A", "95", "3000000", enterprise="E", rank=1),   # 900,000
        candidate("B", "90", "3000000", enterprise="E", rank=2),   # 900,000 -> 100,000
        candidate("C", "88", "3000000", enterprise="E", rank=3),   # -> 0
    ], RULES)
    assert [a.amount for a in result.awards] == [D(900000), D(100000), D(0)]
    assert "limited by the enterprise's annual cap" in en(result.get("B"))


def test_prior_awards_count_against_the_cap() -> None:
    result = compute_funding([candidate("A", "95", "3000000", enterprise="E", rank=1)],
                             RULES, prior_awards={"E": D(600000)})
    assert result.get("A").amount == D(400000)
    assert any("already granted" in r for r in en(result.get("A")))


def test_ineligible_and_unscored_get_zero_with_reason() -> None:
    result = compute_funding([candidate("A", "95", "1000000", rank=1, eligible=False),
                              candidate("B", None, "1000000")], RULES)
    assert result.get("A").amount == 0 and en(result.get("A")) == ("ineligible",)
    assert en(result.get("B")) == ("not enough valid reviews",)


def test_pro_rata_budget_adjustment_二() -> None:
    rules = dataclasses.replace(RULES, annual_budget=D(500000))
    result = compute_funding([candidate("A", "95", "1000000", rank=1),    # 300,000
                              candidate("B", "90", "1000000", rank=2),    # 300,000
                              candidate("C", "80", "1000000", rank=3)],   # 200,000
                             rules)
    assert result.requested_total == D(800000)
    assert result.factor == D(5) / D(8)
    assert [a.amount for a in result.awards] == [D(187500), D(187500), D(125000)]
    assert result.awarded_total <= D(500000)


def test_rank_order_budget_adjustment() -> None:
    rules = dataclasses.replace(RULES, annual_budget=D(500000), budget_policy="rank_order")
    result = compute_funding([candidate("B", "90", "1000000", rank=2),
                              candidate("A", "95", "1000000", rank=1),
                              candidate("C", "80", "1000000", rank=3)], rules)
    assert [(a.project_id, a.amount) for a in result.awards] == [
        ("A", D(300000)), ("B", D(200000)), ("C", D(0))]
    assert en(result.get("C")) == ("annual budget exhausted in ranking order",)


def test_budget_override_and_duplicates() -> None:
    result = compute_funding([candidate("A", "95", "1000000", rank=1)], RULES, budget=D(1000))
    assert result.get("A").amount == D(1000)
    with pytest.raises(ValueError, match="unique"):
        compute_funding([candidate("A", "95", "1", rank=1)] * 2, RULES)


money = st.integers(min_value=0, max_value=5_000_000_00).map(lambda c: D(c) / 100)


@st.composite
def rounds(draw):
    n = draw(st.integers(min_value=1, max_value=25))
    enterprises = [f"E{i}" for i in range(draw(st.integers(min_value=1, max_value=n)))]
    ranks = list(range(1, n + 1))
    draw(st.randoms()).shuffle(ranks)
    candidates = []
    for i in range(n):
        scored = draw(st.integers(0, 9)) > 0
        score = D(draw(st.integers(0, 200))) / 2 if scored else None
        candidates.append(Candidate(
            f"P{i:02d}", draw(st.sampled_from(enterprises)), draw(st.integers(0, 9)) > 0,
            score, ranks[i] if scored else None, draw(money), draw(money)))
    prior = {e: D(draw(st.integers(0, 1_200_000))) for e in enterprises
             if draw(st.booleans())}
    policy = draw(st.sampled_from(["pro_rata", "rank_order"]))
    unit = draw(st.sampled_from([D(1), D(100), D("0.01"), D(10000)]))
    rules = dataclasses.replace(RULES, budget_policy=policy, rounding_unit=unit,
                                annual_budget=D(draw(st.integers(0, 6_000_000))),
                                cap_at_requested=draw(st.booleans()))
    return candidates, prior, rules


@settings(max_examples=300, deadline=None)
@given(rounds())
def test_funding_never_exceeds_rate_cap_or_budget(data) -> None:
    candidates, prior, rules = data
    result = compute_funding(candidates, rules, prior_awards=prior)
    by_id = {c.project_id: c for c in candidates}
    per_enterprise: dict[str, Decimal] = defaultdict(Decimal)
    for award in result.awards:
        c = by_id[award.project_id]
        assert award.amount >= 0
        assert award.amount <= award.capped_amount <= award.base_amount
        assert award.amount <= rules.max_rate * c.actual_cost
        assert award.amount % rules.rounding_unit == 0
        if rules.cap_at_requested:
            assert award.amount <= max(c.requested_amount, D(0))
        if not c.eligible or c.score is None:
            assert award.amount == 0 and award.reasons
        if award.amount < award.base_amount:
            assert award.reasons
        per_enterprise[c.enterprise_id] += award.amount
    for enterprise, total in per_enterprise.items():
        assert total + min(prior.get(enterprise, D(0)), rules.enterprise_annual_cap) \
            <= rules.enterprise_annual_cap or total == 0
    assert result.awarded_total == sum(a.amount for a in result.awards)
    assert result.awarded_total <= rules.annual_budget
    if result.requested_total <= rules.annual_budget:
        assert all(a.amount == a.capped_amount for a in result.awards)


@settings(max_examples=100, deadline=None)
@given(rounds(), st.randoms())
def test_funding_is_independent_of_input_order(data, rnd) -> None:
    candidates, prior, rules = data
    shuffled = list(candidates)
    rnd.shuffle(shuffled)
    assert compute_funding(shuffled, rules, prior) == compute_funding(candidates, rules, prior)
