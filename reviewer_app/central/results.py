"""From merged reviews to ranking, tiers and subsidies, using ``core`` for every rule.

Everything here is deterministic: the same database gives the same results,
byte for byte, so anyone holding the same sheets can reproduce them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from reviewer_app.central.decisions import Decision, latest_decisions
from reviewer_app.central.inspection import Inspections, collect_inspections
from reviewer_app.central.ledger import LedgerEntry, by_enterprise, ledger_entries
from reviewer_app.central.merge import sheet_body
from reviewer_app.core.aggregation import AggregationResult, ProjectAggregate, Review, aggregate
from reviewer_app.core.errors import ReviewerError
from reviewer_app.core.funding import Award, Candidate, FundingResult, compute_funding
from reviewer_app.core.panel import PanelSizeWarning, panel_size_warnings
from reviewer_app.core.program import Program, parse_program
from reviewer_app.core.second_round import ROUND_1, ROUND_2, apply_second_round
from reviewer_app.storage import central_models as m


class ResultsError(ReviewerError):
    """The central store cannot produce results (nothing merged, mixed programs)."""


@dataclass(frozen=True)
class Eligibility:
    """A project's eligibility as results use it: the review's status, the decision
    that settled or overruled it, and what follows."""

    status: str                    # pass | needs_review | fail (the eligibility review)
    decision: Decision | None      # the latest recorded decision
    effective: str                 # pass | fail | pending

    @classmethod
    def of(cls, status: str, decision: Decision | None) -> Eligibility:
        if decision is not None:
            return cls(status, decision, decision.outcome)
        return cls(status, None, {"pass": "pass", "fail": "fail"}.get(status, "pending"))

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "effective": self.effective,
                "decision": self.decision.to_dict() if self.decision else None}


@dataclass(frozen=True)
class SecondRoundReview:
    """One seat asked again about a project (复议): both rounds, and which one counts."""

    seat: str                       # the seat's key (Results.seats)
    first_total: Decimal | None
    second_total: Decimal | None    # None: no accepted second-round sheet, or a conflict
    second_conflict: bool
    handed_in: bool
    reason: str
    counted_round: int              # 2 when the second-round review replaced the first


@dataclass(frozen=True)
class SecondRoundRow:
    """A project of a second round: the first round's aggregate and the seats asked.
    The row's ``aggregate`` is the final one, over the reviews that count (rule R2)."""

    package_id: str
    first_round: ProjectAggregate
    reviews: tuple[SecondRoundReview, ...]


@dataclass(frozen=True)
class ProjectRow:
    project: Mapping[str, Any]     # the manifest's project entry (facts, eligibility)
    aggregate: ProjectAggregate
    award: Award
    eligibility: Eligibility
    second_round: SecondRoundRow | None = None

    @property
    def project_id(self) -> str:
        return self.aggregate.project_id


@dataclass(frozen=True)
class MatrixCell:
    total: Decimal | None
    conflict: bool
    category: str | None = None     # a declared conflict's category id (sheet format 3)
    hint_answer: str | None = None  # the answer to the build's pre-screen hint, if any
    round: int = ROUND_1            # 2: a second-round review replaced the first (复议)


UNCATEGORISED = "未分类"
"""How a conflict without a category (sheets of formats 1 and 2) is shown."""


@dataclass(frozen=True)
class ConflictCount:
    category: str | None  # None: 未分类
    name: str
    count: int


@dataclass(frozen=True)
class Results:
    program: Program
    packages: tuple[m.Package, ...]
    rows: tuple[ProjectRow, ...]            # ranking order, unranked last
    aggregation: AggregationResult
    funding: FundingResult
    seats: tuple[str, ...]                  # seat keys in matrix column order
    seat_names: Mapping[str, str]
    matrix: Mapping[tuple[str, str], MatrixCell]  # (project_id, seat key)
    decisions: tuple[m.MergeDecision, ...]   # the merge log
    sheet_hashes: tuple[str, ...]           # SHA-256 of every sheet file that counts
    equivocating: tuple[str, ...]           # seat keys whose sheets contradict each other
    prior_awards: tuple[LedgerEntry, ...]   # the ledger's awards of the program year
    annual_budget: Decimal                  # the program's annual budget
    budget_source: str                      # remaining-annual | given
    inspections: Inspections                # the inspection teams' visits, by project
    second_rounds: tuple[m.Package, ...] = ()  # second-round (复议) packages, registered order

    @property
    def given_budget(self) -> Decimal | None:
        """The budget given to the round (``--budget``, the desk's 本轮预算), or None
        when it is the default (:attr:`remaining_annual`)."""
        return self.funding.budget if self.budget_source == "given" else None

    @property
    def remaining_annual(self) -> Decimal:
        """The round's budget when none is given: the annual budget less prior awards."""
        return remaining_budget(self.annual_budget, self.prior_awards)

    @property
    def pending(self) -> tuple[ProjectRow, ...]:
        """Projects whose 需复核 finding nobody has decided yet."""
        return tuple(r for r in self.rows if r.eligibility.effective == "pending")

    @property
    def conflicts(self) -> tuple[tuple[str, str, MatrixCell], ...]:
        """(project id, seat key, cell) of every declared conflict that counts."""
        return tuple((pid, seat, cell) for (pid, seat), cell in sorted(self.matrix.items())
                     if cell.conflict)

    def conflict_counts(self) -> tuple[ConflictCount, ...]:
        """Declared conflicts by category: every category of the program in its order
        (zero included), then 未分类 (and any category the program does not name) when
        it occurs."""
        counts = Counter(cell.category for _, _, cell in self.conflicts)
        rows = [ConflictCount(c.id, c.name, counts.pop(c.id, 0))
                for c in self.program.conflict_categories]
        rows += [ConflictCount(category, category, n) for category, n
                 in sorted((k, v) for k, v in counts.items() if k is not None)]
        if counts.get(None):
            rows.append(ConflictCount(None, UNCATEGORISED, counts[None]))
        return tuple(rows)

    def category_name(self, category: str | None) -> str:
        names = {c.id: c.name for c in self.program.conflict_categories}
        return UNCATEGORISED if category is None else names.get(category, category)

    @property
    def divergent(self) -> tuple[ProjectRow, ...]:
        return tuple(r for r in self.rows if r.aggregate.divergent)

    @property
    def panel_warnings(self) -> tuple[PanelSizeWarning, ...]:
        """Projects with fewer valid reviews than the program recommends, or an even
        number where it asks for an odd one (core/panel.py; no score changes)."""
        return panel_size_warnings({r.project_id: r.aggregate.review_count for r in self.rows},
                                   self.program.aggregation)


def seat_key(package_id: str, seat_id: str, many: bool) -> str:
    # Seat ids are only unique within a package.
    return f"{package_id[:8]}:{seat_id}" if many else seat_id


def load_program(packages: Sequence[m.Package]) -> Program:
    texts = {json.loads(p.manifest_json)["program"].get("program_file") for p in packages}
    if len(texts) != 1 or None in texts:
        ids = sorted({p.program_id for p in packages})
        raise ResultsError(f"the store holds packages of several programs or without a "
                           f"program file: {', '.join(ids)}")
    return parse_program(texts.pop())


def results_program(engine: Engine) -> Program:
    """The program of the store's panel packages."""
    with Session(engine) as session:
        packages = _packages(session, "panel")
        if not packages:
            raise ResultsError("no panel package is registered in this store: merge with "
                               "--package first")
        return load_program(packages)


def remaining_budget(annual: Decimal, prior: Sequence[LedgerEntry]) -> Decimal:
    """``annual`` less the ``prior`` awards of the year, never below zero."""
    return max(annual - sum((e.amount for e in prior), Decimal(0)), Decimal(0))


def compute_results(engine: Engine, *, budget: Decimal | None = None) -> Results:
    """Aggregate every accepted review of the panel packages in the store and fund them;
    collect what the inspection packages' visits found.

    The ledger's awards of the program year count against each enterprise's annual
    cap; ``budget`` (this round's budget) defaults to the program's annual budget less
    those awards (三: 每家企业每年最高资助100万元; 受区科技资金年度总额控制)."""
    with Session(engine) as session:
        panels = _packages(session, "panel")
        packages = tuple(p for p in panels if p.round == ROUND_1)
        second_rounds = tuple(p for p in panels if p.round != ROUND_1)
        if not packages:
            raise ResultsError("no panel package is registered in this store: merge with "
                               "--package first")
        program = load_program(panels)
        many = len(packages) > 1
        projects: dict[str, Mapping[str, Any]] = {}
        seat_names: dict[str, str] = {}
        for package in packages:
            manifest = json.loads(package.manifest_json)
            for project in manifest["projects"]:
                projects.setdefault(project["project_id"], project)
            for seat in manifest["seats"]:
                seat_names[seat_key(package.package_id, seat["seat_id"], many)] = seat["name"]
        # The reviews are the accepted sheets' project entries; a second round's replace
        # the same seat's first-round review of the same project (rule R2,
        # core/second_round.py).
        first_reviews = _reviews(_accepted_bodies(session, packages), many)
        first_of = {p.package_id: p.first_round_package_id for p in second_rounds}
        second = _reviews(((first_of[pkg], seat, body) for pkg, seat, body
                           in _accepted_bodies(session, second_rounds)), many)
        reasons = {(r.project_id, r.seat_id): entry.reason for r, entry in second}
        try:
            merged = apply_second_round((r for r, _ in first_reviews),
                                        (r for r, _ in second))
        except ValueError as exc:
            raise ResultsError(f"the second round does not fit the first: {exc}") from None
        reviews = list(merged.reviews)
        entries = {1: {(r.project_id, r.seat_id): e for r, e in first_reviews},
                   2: {(r.project_id, r.seat_id): e for r, e in second}}

        def cell(review: Review) -> MatrixCell:
            where = (review.project_id, review.seat_id)
            round_ = merged.rounds[where]
            entry = entries[2 if round_ != ROUND_1 else 1][where]
            return MatrixCell(None if review.conflict else review.total, review.conflict,
                              entry.category if review.conflict else None,
                              entry.hint_answer, round_)

        matrix = {(r.project_id, r.seat_id): cell(r) for r in reviews}
        asked = _asked(second_rounds, many)
        decisions = tuple(session.scalars(select(m.MergeDecision).order_by(
            m.MergeDecision.sheet_sha256, m.MergeDecision.id)))
        # Only the sheets that count: an equivocating seat's sheets do not, so the
        # list is exactly what a recomputation needs.
        sheet_hashes = tuple(sorted(session.scalars(select(m.AcceptedSheet.sheet_sha256)
                                                    .where(m.AcceptedSheet.equivocation
                                                           .is_(False)))))
        equivocating = tuple(sorted(
            seat_key(first_of.get(p) or p, s, many) + ("（复议）" if p in first_of else "")
            for p, s in session.execute(
                select(m.AcceptedSheet.package_id, m.AcceptedSheet.seat_id)
                .where(m.AcceptedSheet.equivocation.is_(True),
                       m.AcceptedSheet.package_id.in_([p.package_id for p in panels])))))
        prior = ledger_entries(session, program.info.id, program.info.year, projects)
        visited = _packages(session, "inspection")
        try:
            inspections = collect_inspections(visited, _accepted_bodies(session, visited),
                                              _photos_held(session, visited))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ResultsError(f"an accepted inspection sheet in the store cannot be read: "
                               f"{exc!r}") from None
        session.expunge_all()

    aggregation = aggregate(reviews, program.rubric, program.aggregation,
                            project_ids=projects)
    second_rows: dict[str, SecondRoundRow] = {}
    if asked:  # the first round's own aggregate only where a second round needs it
        first_aggregation = aggregate((r for r, _ in first_reviews), program.rubric,
                                      program.aggregation, project_ids=projects)
        first_matrix = {(r.project_id, r.seat_id): r for r, _ in first_reviews}
        second_rows = {
            pid: SecondRoundRow(package_id, first_aggregation.get(pid), tuple(
                _second_review(key, first_matrix.get((pid, key)), matrix.get((pid, key)),
                               reasons.get((pid, key)))
                for key in seats_asked))
            for (package_id, pid), seats_asked in asked.items()}
    decided = latest_decisions(engine)
    eligibility = {pid: Eligibility.of(project["eligibility"]["status"], decided.get(pid))
                   for pid, project in projects.items()}
    candidates = [
        Candidate(
            project_id=a.project_id,
            enterprise_id=str(projects[a.project_id]["uscc"]).upper(),
            eligible=eligibility[a.project_id].effective == "pass",
            pending_review=eligibility[a.project_id].effective == "pending",
            score=a.score, rank=a.rank,
            actual_cost=Decimal(projects[a.project_id]["actual_cost"]),
            requested_amount=Decimal(projects[a.project_id]["requested_amount"]))
        for a in aggregation.projects
    ]
    annual = program.funding.annual_budget
    if budget is None:
        budget_source = "remaining-annual"
        budget = remaining_budget(annual, prior)
    else:
        budget_source = "given"
    funding = compute_funding(candidates, program.funding, by_enterprise(prior), budget)
    rows = tuple(ProjectRow(projects[a.project_id], a, funding.get(a.project_id),
                            eligibility[a.project_id], second_rows.get(a.project_id))
                 for a in aggregation.projects)
    seats = tuple(sorted(seat_names))
    return Results(program, packages, rows, aggregation, funding, seats, seat_names, matrix,
                   decisions, sheet_hashes, equivocating, prior, annual, budget_source,
                   inspections, second_rounds)


@dataclass(frozen=True)
class _EntryDetails:
    """What results read of a sheet's project entry besides the review itself."""

    reason: str                 # the second-round reason ("" in sheets without one)
    category: str | None        # a declared conflict's category (sheet format 3)
    hint_answer: str | None     # the answer to the build's pre-screen hint (format 3)


def _reviews(bodies: Iterator[tuple[str, str, dict[str, Any]]], many: bool
             ) -> list[tuple[Review, _EntryDetails]]:
    """The reviews of accepted sheet bodies, each with its entry's details, seats keyed
    by their (first-round) package."""
    reviews = []
    for package_id, seat_id, body in bodies:
        key = seat_key(package_id, seat_id, many)
        for entry in sorted(_projects(body), key=lambda e: e["project_id"]):
            conflict = bool(entry["conflict"]["declared"])
            scores = {k: Decimal(v) for k, v in entry["scores"].items()}
            reviews.append((Review(entry["project_id"], key, scores, conflict),
                            _EntryDetails(str(entry.get("reason") or ""),
                                          entry["conflict"].get("category") if conflict
                                          else None,
                                          (entry.get("hint") or {}).get("answer"))))
    return reviews


def _asked(second_rounds: Sequence[m.Package], many: bool
           ) -> dict[tuple[str, str], tuple[str, ...]]:
    """(second-round package id, project id) -> the seat keys asked about it again."""
    asked: dict[tuple[str, str], list[str]] = {}
    for package in second_rounds:
        manifest = json.loads(package.manifest_json)
        first = str(package.first_round_package_id)
        for seat_id, projects in sorted(manifest["assignments"].items()):
            for pid in projects:
                asked.setdefault((package.package_id, pid), []).append(
                    seat_key(first, seat_id, many))
    return {k: tuple(sorted(v)) for k, v in asked.items()}


def _second_review(key: str, first: Review | None, final: MatrixCell | None,
                   reason: str | None) -> SecondRoundReview:
    replaced = final is not None and final.round == ROUND_2
    return SecondRoundReview(
        key, None if first is None or first.conflict else first.total,
        final.total if replaced and final is not None else None,
        bool(replaced and final is not None and final.conflict), replaced, reason or "",
        ROUND_2 if replaced else ROUND_1)


def _packages(session: Session, kind: str) -> tuple[m.Package, ...]:
    return tuple(session.scalars(select(m.Package).where(m.Package.session_kind == kind)
                                 .order_by(m.Package.registered_at, m.Package.package_id)))


def _photos_held(session: Session, packages: Sequence[m.Package]) -> dict:
    """The photos received for the accepted inspection sheets (``central.photos``)."""
    from reviewer_app.central.photos import seat_photos
    from reviewer_app.sheets.photos import return_recipient

    accepted = session.scalars(select(m.AcceptedSheet).where(
        m.AcceptedSheet.package_id.in_([p.package_id for p in packages]),
        m.AcceptedSheet.equivocation.is_(False))).all()
    return seat_photos(session, accepted, {
        p.package_id: return_recipient(json.loads(p.manifest_json)) is not None
        for p in packages})


def _accepted_bodies(session: Session, packages: Sequence[m.Package]
                     ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(package id, seat id, body) of the revision that counts for each seat of
    ``packages`` (verified when it was merged). A seat whose sheets equivocate counts
    for nothing until a higher revision settles it."""
    rows = session.execute(
        select(m.AcceptedSheet.package_id, m.AcceptedSheet.seat_id, m.SheetFile.raw)
        .join(m.SheetFile, m.SheetFile.sha256 == m.AcceptedSheet.sheet_sha256)
        .where(m.AcceptedSheet.package_id.in_([p.package_id for p in packages]),
               m.AcceptedSheet.equivocation.is_(False))
        .order_by(m.AcceptedSheet.package_id, m.AcceptedSheet.seat_id))
    for package_id, seat_id, raw in rows:
        try:
            body = sheet_body(raw)
        except ValueError as exc:
            raise ResultsError(f"an accepted sheet in the store cannot be read: {exc}") from None
        yield package_id, seat_id, body


def _projects(body: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    try:
        return list(body["projects"])
    except (KeyError, TypeError) as exc:
        raise ResultsError(f"an accepted sheet in the store cannot be read: {exc}") from None


def tier_counts(results: Results) -> dict[str, dict[str, int]]:
    """Per tier: ``scored``, the projects whose score falls in it (whatever their
    eligibility), and ``funded``, those of them awarded a non-zero amount."""
    tiers = results.program.funding.tiers
    counts = {t.id: {"scored": 0, "funded": 0} for t in tiers}
    for row in results.rows:
        score = row.aggregate.score
        tier = results.program.funding.tier_for(score) if score is not None else None
        if tier is not None:
            counts[tier.id]["scored"] += 1
            if row.award.amount > 0:
                counts[tier.id]["funded"] += 1
    return counts
