"""Aggregating expert reviews into one score per project, and ranking the projects.

Rules (docs/architecture.md §8): reviews with a declared conflict are excluded; with at
least ``trim_from_reviews`` valid reviews the ``trim_count`` highest and lowest
totals are dropped before averaging, otherwise the plain mean is taken; a
project with fewer than ``min_reviews`` valid reviews gets no score; a spread of
totals above ``divergence_threshold`` flags it for re-review. Per-expert z-score
normalisation is computed beside the raw result and never replaces it.

Criteria and total agree: every criterion aggregate is the mean over the *same*
reviews that are kept for the total (the seats in ``dropped`` are dropped for
every criterion too), for every method. Unrounded, the criterion aggregates
(``exact_criteria``, exact fractions) therefore sum exactly to the unrounded
total (``exact_score``). The shown values are rounded to ``score_places``: the
total half up (``score``), and the criteria by largest remainder so that the
shown criteria sum exactly to the shown total — each criterion is first rounded
down, then the units still missing to reach the shown total go one each to the
criteria with the largest remainders (ties to the rubric's criterion order). A
shown criterion thus differs from its exact value by less than one unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_FLOOR, Decimal, localcontext
from fractions import Fraction

from reviewer_app.core.decimals import round_places
from reviewer_app.core.program import AggregationRules
from reviewer_app.core.rubric import Rubric

METHOD_TRIMMED = "trimmed_mean"
METHOD_MEAN = "mean"
METHOD_NONE = "insufficient_reviews"


@dataclass(frozen=True)
class Review:
    """One expert's review of one project, as merged from a verified sheet."""

    project_id: str
    seat_id: str
    scores: Mapping[str, Decimal]
    conflict: bool = False

    @property
    def total(self) -> Decimal:
        return sum(self.scores.values(), Decimal(0))


@dataclass(frozen=True)
class ProjectAggregate:
    project_id: str
    counted: tuple[str, ...]        # seats whose review counts, in seat order
    excluded_conflicts: tuple[str, ...]
    dropped: tuple[str, ...]        # seats trimmed as highest/lowest total
    method: str
    score: Decimal | None           # the official aggregate total, rounded
    mean: Decimal | None            # the untrimmed mean of valid totals, rounded
    criteria: Mapping[str, Decimal]  # per-criterion aggregate, rounded
    spread: Decimal | None          # max - min of valid totals
    divergent: bool
    normalised: Decimal | None      # z-score view on the same scale, rounded
    rank: int | None
    # Unrounded, exact: the criteria sum to the score (None/empty below min_reviews).
    exact_score: Fraction | None = None
    exact_criteria: Mapping[str, Fraction] = field(default_factory=dict)

    @property
    def review_count(self) -> int:
        return len(self.counted)


@dataclass(frozen=True)
class ExpertStats:
    seat_id: str
    reviews: int
    mean: Decimal
    stdev: Decimal
    usable: bool  # False when fewer than two reviews or no spread: no z-score possible


@dataclass(frozen=True)
class AggregationResult:
    projects: tuple[ProjectAggregate, ...]  # ranked first (by rank), then unranked by id
    experts: tuple[ExpertStats, ...]

    def get(self, project_id: str) -> ProjectAggregate:
        for project in self.projects:
            if project.project_id == project_id:
                return project
        raise KeyError(project_id)


def _mean(values: Sequence[Decimal]) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 40
        return sum(sorted(values), Decimal(0)) / len(values)


def _trim(values: Sequence[Decimal], count: int) -> list[Decimal]:
    ordered = sorted(values)
    return ordered[count:len(ordered) - count] if count else ordered


def _stdev(values: Sequence[Decimal]) -> Decimal:
    """Population standard deviation, independent of the order of ``values``."""
    values = sorted(values)  # rounded sums depend on order; sorting makes them canonical
    with localcontext() as ctx:
        ctx.prec = 40
        mean = _mean(values)
        return (sum(((v - mean) ** 2 for v in values), Decimal(0)) / len(values)).sqrt()


def _expert_stats(reviews: Iterable[Review]) -> dict[str, ExpertStats]:
    totals: dict[str, list[Decimal]] = defaultdict(list)
    for review in reviews:
        totals[review.seat_id].append(review.total)
    stats = {}
    for seat, values in sorted(totals.items()):
        stdev = _stdev(values)
        stats[seat] = ExpertStats(seat, len(values), _mean(values), stdev,
                                  usable=len(values) >= 2 and stdev > 0)
    return stats


def aggregate(reviews: Iterable[Review], rubric: Rubric, rules: AggregationRules,
              project_ids: Iterable[str] = ()) -> AggregationResult:
    """Aggregate all reviews; ``project_ids`` adds projects that received no review.

    Raises:
        ValueError: when one seat reviewed the same project twice (the merge
            keeps one revision per seat, so this is a caller's bug).
    """
    reviews = list(reviews)
    by_project: dict[str, list[Review]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for review in reviews:
        key = (review.project_id, review.seat_id)
        if key in seen:
            raise ValueError(f"seat {review.seat_id} reviewed {review.project_id} twice")
        seen.add(key)
        by_project[review.project_id].append(review)
    for project_id in project_ids:
        by_project.setdefault(project_id, [])

    valid_reviews = [r for r in reviews if not r.conflict]
    experts = _expert_stats(valid_reviews)
    all_totals = [r.total for r in valid_reviews]
    overall_mean = _mean(all_totals) if all_totals else Decimal(0)
    overall_sd = _stdev(all_totals) if all_totals else Decimal(0)
    places = rules.score_places

    unranked = []
    for project_id in sorted(by_project):
        project_reviews = sorted(by_project[project_id], key=lambda r: r.seat_id)
        valid = [r for r in project_reviews if not r.conflict]
        conflicts = tuple(r.seat_id for r in project_reviews if r.conflict)
        if len(valid) < max(rules.min_reviews, 1):
            spread = (max(r.total for r in valid) - min(r.total for r in valid)) if valid else None
            unranked.append(ProjectAggregate(
                project_id, tuple(r.seat_id for r in valid), conflicts, (), METHOD_NONE,
                None, round_places(_mean([r.total for r in valid]), places) if valid else None,
                {}, spread, spread is not None and spread > rules.divergence_threshold,
                None, None))
            continue
        trimming = len(valid) >= rules.trim_from_reviews and rules.trim_count > 0
        count = rules.trim_count if trimming else 0
        # Which seats are dropped is reported, so order ties by seat id.
        by_total = sorted(valid, key=lambda r: (r.total, r.seat_id))
        dropped = tuple(sorted(r.seat_id for r in by_total[:count] + by_total[len(by_total)
                                                                             - count:]))
        kept = by_total[count:len(by_total) - count]
        kept_totals = [r.total for r in kept]
        exact_criteria = {
            cid: Fraction(sum((r.scores.get(cid, Decimal(0)) for r in kept), Decimal(0)))
            / len(kept)
            for cid in rubric.criterion_ids
        }
        exact_score = Fraction(sum(kept_totals, Decimal(0))) / len(kept)
        score = round_places(_mean(kept_totals), places)
        criteria = apportion(exact_criteria, score, places)
        totals = [r.total for r in valid]
        spread = max(totals) - min(totals)
        normalised = None
        if rules.normalisation == "zscore" and overall_sd > 0:
            zs = [(r.total - experts[r.seat_id].mean) / experts[r.seat_id].stdev
                  for r in valid if experts[r.seat_id].usable]
            if len(zs) >= rules.min_reviews:
                z_trim = _trim(zs, count if len(zs) >= rules.trim_from_reviews else 0)
                normalised = round_places(overall_mean + overall_sd * _mean(z_trim), places)
        unranked.append(ProjectAggregate(
            project_id, tuple(r.seat_id for r in valid), conflicts, dropped if count else (),
            METHOD_TRIMMED if count else METHOD_MEAN,
            score, round_places(_mean(totals), places),
            criteria, spread, spread > rules.divergence_threshold, normalised, None,
            exact_score, exact_criteria))

    ranked = rank(unranked, rules.tie_break)
    return AggregationResult(tuple(ranked), tuple(experts.values()))


def apportion(exact: Mapping[str, Fraction], total: Decimal, places: int
              ) -> dict[str, Decimal]:
    """Round ``exact`` values to ``places`` so that they sum to ``total`` (largest remainder).

    ``total`` must be the rounded sum of ``exact`` (within half a unit of it); the
    order of ``exact`` breaks ties between equal remainders (earlier first).
    """
    if not exact:
        return {}
    unit = Fraction(1, 10 ** places) if places >= 0 else Fraction(10 ** -places)
    quantum = Decimal(1).scaleb(-places)
    floors = {k: (v / unit).__floor__() for k, v in exact.items()}
    missing = int((Fraction(total) / unit) - sum(floors.values()))
    if not 0 <= missing <= len(exact):
        raise ValueError("total is not the rounded sum of the values")
    order = sorted(exact, key=lambda k: -(exact[k] / unit - floors[k]))  # stable: ties keep order
    bump = set(order[:missing])
    return {k: (Decimal(floors[k] + (k in bump)) * quantum).quantize(quantum, ROUND_FLOOR)
            for k in exact}


def rank(projects: Sequence[ProjectAggregate], tie_break: Sequence[str]) -> list[ProjectAggregate]:
    """Order scored projects best first and number them 1..n; unscored ones follow.

    Ties on the score go to the higher exact (unrounded) aggregate of each
    ``tie_break`` criterion in turn (over the same kept reviews as the score), then
    to the higher untrimmed mean, then to the smaller project id, so the order never
    depends on input order.
    """
    def key(p: ProjectAggregate) -> tuple:
        assert p.score is not None and p.mean is not None

        def criterion(cid: str) -> Fraction:
            if cid in p.exact_criteria:
                return p.exact_criteria[cid]
            return Fraction(p.criteria.get(cid, Decimal(0)))

        return (-p.score, *(-criterion(cid) for cid in tie_break), -p.mean, p.project_id)

    scored = sorted((p for p in projects if p.score is not None), key=key)
    unscored = sorted((p for p in projects if p.score is None), key=lambda p: p.project_id)
    return [replace(p, rank=i) for i, p in enumerate(scored, start=1)] + unscored
