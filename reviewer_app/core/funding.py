"""Subsidy amounts: tier by score, rate x actual cost, per-enterprise cap, budget.

Order of operations, each step rounding down to the program's unit so that no
later step can push an amount back over an earlier limit:

1. ineligible or unscored projects, and those below the lowest tier, get 0;
2. base = tier rate x actual cost (rate <= max_rate), and at most the request;
3. per-enterprise annual cap: in ranking order, each enterprise's projects share
   what remains of the cap after awards already granted that year;
4. annual budget: if the capped amounts exceed it, ``pro_rata`` scales all of
   them by budget / total, ``rank_order`` funds in ranking order until spent.

Invariants (property-tested): every amount is >= 0, <= max_rate x cost and a
multiple of the unit; an enterprise's awards plus its prior awards never exceed
the cap; the sum never exceeds the budget.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from reviewer_app.core.decimals import decimal_str, floor_to_unit
from reviewer_app.core.program import FundingRules, Tier

ZERO = Decimal(0)


@dataclass(frozen=True)
class Candidate:
    """A project as funding sees it: who, how good, how much it cost."""

    project_id: str
    enterprise_id: str         # the unified social credit code
    eligible: bool
    score: Decimal | None      # official aggregate, None when not enough reviews
    rank: int | None
    actual_cost: Decimal
    requested_amount: Decimal
    pending_review: bool = False  # 需复核 with no decision yet: not funded until decided


@dataclass(frozen=True)
class Reason:
    """Why an award is below its base amount, in both languages of the reports."""

    code: str
    message: str      # Chinese, for the reports and the public notice
    message_en: str


INELIGIBLE = Reason("ineligible", "形式审查未通过", "ineligible")
PENDING_REVIEW = Reason("pending_review", "形式审查待复核",
                        "eligibility under review: no decision recorded")
TOO_FEW_REVIEWS = Reason("too_few_reviews", "有效评审不足", "not enough valid reviews")
REQUEST_LIMIT = Reason("requested", "以申请金额为限", "limited to the requested amount")
BUDGET_PRO_RATA = Reason("budget", "按年度预算等比例调整", "scaled to the annual budget")
BUDGET_RANK = Reason("budget", "年度预算已按排名用尽",
                     "annual budget exhausted in ranking order")


def _below_tiers(score: Decimal) -> Reason:
    return Reason("below_tiers", f"综合得分 {decimal_str(score)} 低于最低档",
                  f"score {decimal_str(score)} is below the lowest tier")


def _enterprise_cap(prior: bool) -> Reason:
    return Reason("enterprise_cap",
                  "受每家企业每年资助上限限制" + ("（含本年度已获资助）" if prior else ""),
                  "limited by the enterprise's annual cap"
                  + (" (awards already granted this year)" if prior else ""))


@dataclass(frozen=True)
class Award:
    project_id: str
    enterprise_id: str
    tier: Tier | None
    base_amount: Decimal      # rate x cost (and request), before cap and budget
    capped_amount: Decimal    # after the per-enterprise cap
    amount: Decimal           # final, after the budget
    reasons: tuple[Reason, ...]  # why the amount is below the base, or zero


@dataclass(frozen=True)
class FundingResult:
    awards: tuple[Award, ...]   # in ranking order, unranked last by project id
    budget: Decimal
    requested_total: Decimal    # sum of capped amounts, what the budget had to cover
    awarded_total: Decimal
    policy: str
    factor: Decimal | None      # the pro-rata factor when it was applied

    def get(self, project_id: str) -> Award:
        for award in self.awards:
            if award.project_id == project_id:
                return award
        raise KeyError(project_id)


def _order(candidates: Sequence[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (c.rank is None, c.rank or 0, c.project_id))


def compute_funding(candidates: Sequence[Candidate], rules: FundingRules,
                    prior_awards: Mapping[str, Decimal] | None = None,
                    budget: Decimal | None = None) -> FundingResult:
    """Compute every project's subsidy under the program's funding rules.

    Args:
        candidates: all projects of the round, eligible or not.
        rules: the program's funding rules.
        prior_awards: amounts already granted this year, by enterprise id.
        budget: overrides ``rules.annual_budget`` (e.g. what is left of it).
    """
    prior_awards = prior_awards or {}
    budget = rules.annual_budget if budget is None else budget
    if budget < 0:
        raise ValueError("budget must not be negative")
    unit = rules.rounding_unit
    ordered = _order(candidates)
    ids = [c.project_id for c in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("project ids are not unique")

    base: dict[str, tuple[Tier | None, Decimal, list[Reason]]] = {}
    for c in ordered:
        reasons: list[Reason] = []
        tier = rules.tier_for(c.score) if c.score is not None else None
        if c.pending_review:
            reasons.append(PENDING_REVIEW)
        elif not c.eligible:
            reasons.append(INELIGIBLE)
        elif c.score is None:
            reasons.append(TOO_FEW_REVIEWS)
        elif tier is None:
            reasons.append(_below_tiers(c.score))
        amount = ZERO
        if not reasons and tier is not None:
            rate = min(tier.rate, rules.max_rate)
            amount = floor_to_unit(max(c.actual_cost, ZERO) * rate, unit)
            if rules.cap_at_requested and c.requested_amount < amount:
                amount = floor_to_unit(max(c.requested_amount, ZERO), unit)
                reasons.append(REQUEST_LIMIT)
        else:
            tier = None
        base[c.project_id] = (tier, amount, reasons)

    # Per-enterprise cap, best-ranked project first.
    remaining_cap: dict[str, Decimal] = defaultdict(lambda: rules.enterprise_annual_cap)
    for enterprise, prior in prior_awards.items():
        remaining_cap[enterprise] = rules.enterprise_annual_cap - prior
    capped: dict[str, Decimal] = {}
    for c in ordered:
        _, amount, reasons = base[c.project_id]
        left = max(remaining_cap[c.enterprise_id], ZERO)
        if amount > left:
            amount_after = floor_to_unit(left, unit)
            reasons.append(_enterprise_cap(c.enterprise_id in prior_awards))
        else:
            amount_after = amount
        remaining_cap[c.enterprise_id] -= amount_after
        capped[c.project_id] = amount_after

    requested_total = sum(capped.values(), ZERO)
    final = dict(capped)
    factor = None
    if requested_total > budget:
        if rules.budget_policy == "pro_rata":
            with localcontext() as ctx:
                ctx.prec = 40
                factor = budget / requested_total
                for pid, amount in capped.items():
                    # Multiply before dividing: budget / total is often inexact, and
                    # amount x (inexact factor) could floor one unit too low.
                    final[pid] = floor_to_unit(amount * budget / requested_total, unit)
        else:
            left = budget
            for c in ordered:
                final[c.project_id] = min(capped[c.project_id], floor_to_unit(left, unit))
                left -= final[c.project_id]
        for c in ordered:
            if final[c.project_id] < capped[c.project_id]:
                base[c.project_id][2].append(
                    BUDGET_PRO_RATA if factor is not None else BUDGET_RANK)

    awards = tuple(
        Award(c.project_id, c.enterprise_id, base[c.project_id][0], base[c.project_id][1],
              capped[c.project_id], final[c.project_id], tuple(base[c.project_id][2]))
        for c in ordered
    )
    return FundingResult(awards, budget, requested_total, sum(final.values(), ZERO),
                         rules.budget_policy, factor)
