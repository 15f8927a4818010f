"""The second round (复议) after divergence: which projects go to it, what each expert is
shown, and which review counts afterwards (docs/formats.md §1.8.4, architecture.md §8).

Rules:

- A project goes to a second round when its first-round aggregate is ``divergent``
  (the spread of its valid totals is above the program's ``divergence_threshold``,
  :mod:`reviewer_app.core.aggregation`), or when the secretariat names it.
- A seat is asked again about a project exactly when its accepted first-round
  sheet scored that project: a seat that declared a conflict on it (回避) is not
  asked again, nor a seat that handed in nothing.
- Each expert sees the anonymised first-round distribution of the project: the
  count, minimum, median and maximum of the valid (non-conflict) totals, exact.
- Replacement rule (R2): a seat's accepted second-round review of a project
  replaces that seat's first-round review of that project; its reviews of other
  projects, and every other seat's, stay as they were. A seat that hands in no
  second-round sheet keeps its first-round review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from reviewer_app.core.aggregation import AggregationResult, Review
from reviewer_app.core.decimals import decimal_str
from reviewer_app.core.errors import ReviewerError

DIVERGENT = "divergent"
ROUND_1 = 1
ROUND_2 = 2


class SecondRoundError(ReviewerError):
    """A second round cannot be planned as asked (no project, an unknown id)."""


@dataclass(frozen=True)
class Distribution:
    """The anonymised first-round totals of one project: no seat, no order."""

    count: int
    minimum: Decimal
    median: Decimal
    maximum: Decimal

    def to_dict(self) -> dict[str, object]:
        return {"count": self.count, "min": decimal_str(self.minimum),
                "median": decimal_str(self.median), "max": decimal_str(self.maximum)}


def median(values: Sequence[Decimal]) -> Decimal:
    """The exact median: the middle value, or the mean of the two middle values.

    Raises:
        ValueError: no values.
    """
    if not values:
        raise ValueError("the median of no values")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    with localcontext() as ctx:
        ctx.prec = 60  # two sheet decimals (≤ 9 + 6 digits) and a halving: exact
        return (ordered[middle - 1] + ordered[middle]) / 2


def distribution(reviews: Iterable[Review], project_id: str) -> Distribution | None:
    """The distribution of the valid totals of ``project_id``; None without any."""
    totals = [r.total for r in reviews if r.project_id == project_id and not r.conflict]
    if not totals:
        return None
    return Distribution(len(totals), min(totals), median(totals), max(totals))


def select_projects(aggregation: AggregationResult, choice: str | Sequence[str]
                    ) -> tuple[str, ...]:
    """The projects of a second round, sorted: ``"divergent"`` or explicit ids.

    Raises:
        SecondRoundError: an id the first round does not have, an empty choice, or no
            divergent project.
    """
    known = {p.project_id for p in aggregation.projects}
    if isinstance(choice, str):
        if choice != DIVERGENT:
            raise SecondRoundError(f"projects: {choice!r} is neither 'divergent' nor a list "
                                   "of project ids")
        chosen = sorted(p.project_id for p in aggregation.projects if p.divergent)
        if not chosen:
            raise SecondRoundError("no project of the first round is divergent: nothing to "
                                   "review again (name projects explicitly to do so anyway)")
        return tuple(chosen)
    ids = [str(p).strip() for p in choice]
    if not ids or any(not p for p in ids):
        raise SecondRoundError("projects: give at least one project id, none empty")
    unknown = sorted(set(ids) - known)
    if unknown:
        raise SecondRoundError(f"projects not in the first round: {', '.join(unknown)}")
    if len(set(ids)) != len(ids):
        raise SecondRoundError("projects: a project id is given twice")
    return tuple(sorted(ids))


def second_round_assignments(first_round: Iterable[Review], projects: Iterable[str],
                             seats: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Per seat (in ``seats`` order), the projects it is asked about again: those of
    ``projects`` its first-round review scored (not a conflict). Seats with none are
    left out."""
    wanted = set(projects)
    scored: dict[str, set[str]] = {}
    for review in first_round:
        if review.project_id in wanted and not review.conflict:
            scored.setdefault(review.seat_id, set()).add(review.project_id)
    return {seat: tuple(sorted(scored[seat])) for seat in seats if scored.get(seat)}


@dataclass(frozen=True)
class MergedReviews:
    """The reviews that count after a second round, and where each came from."""

    reviews: tuple[Review, ...]
    rounds: Mapping[tuple[str, str], int]        # (project id, seat) -> 1 or 2
    replaced: Mapping[tuple[str, str], Review]   # the first-round review a round-2 one replaced


def apply_second_round(first: Iterable[Review], second: Iterable[Review]) -> MergedReviews:
    """Rule R2: each second-round review replaces the same seat's first-round review of
    the same project; every other review stays.

    Raises:
        ValueError: a second-round review without a first-round review of the same
            seat and project (a round-2 package asks only seats that scored it), or two
            second-round reviews of one seat and project.
    """
    kept: dict[tuple[str, str], Review] = {}
    for review in first:
        key = (review.project_id, review.seat_id)
        if key in kept:
            raise ValueError(f"seat {review.seat_id} reviewed {review.project_id} twice")
        kept[key] = review
    rounds = dict.fromkeys(kept, ROUND_1)
    replaced: dict[tuple[str, str], Review] = {}
    for review in second:
        key = (review.project_id, review.seat_id)
        if key not in kept:
            raise ValueError(f"seat {review.seat_id} has a second-round review of "
                             f"{review.project_id} but no first-round review of it")
        if key in replaced:
            raise ValueError(f"seat {review.seat_id} reviewed {review.project_id} twice in "
                             "the second round")
        replaced[key] = kept[key]
        kept[key] = review
        rounds[key] = ROUND_2
    ordered = sorted(kept)
    return MergedReviews(tuple(kept[k] for k in ordered), {k: rounds[k] for k in ordered},
                         {k: replaced[k] for k in sorted(replaced)})
