"""Where a round stands, read from the central store: what the desk's overview shows.

Nothing here changes the store or recomputes a result: the program and its annual
budget come from the registered packages' program file, what is left of the budget
from the ledger (:mod:`reviewer_app.central.ledger`), and each step's state from the
rows its command recorded.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from reviewer_app.central.decisions import latest_decisions
from reviewer_app.core.program import parse_program
from reviewer_app.storage import central_models as m


@dataclass(frozen=True)
class PackageStatus:
    package_id: str
    kind: str                  # panel | inspection
    session_name: str
    registered_at: dt.datetime
    seats: int
    projects: int
    sheets_received: int       # seats with an accepted sheet
    equivocating: int          # seats whose accepted sheet has a conflicting version
    round: int = 1             # 2: a second round (复议) of first_round_package_id
    first_round_package_id: str | None = None


@dataclass(frozen=True)
class ProgramStatus:
    program_id: str
    name: str
    year: int
    annual_budget: Decimal
    awarded_this_year: Decimal  # the ledger's awards of the program year
    packages: tuple[PackageStatus, ...]

    @property
    def budget_left(self) -> Decimal:
        return self.annual_budget - self.awarded_this_year


@dataclass(frozen=True)
class RoundStatus:
    programs: tuple[ProgramStatus, ...]
    projects_checked: int        # projects whose eligibility findings a package carries
    needs_review: int            # 需复核 projects
    decisions_pending: int       # 需复核 projects with no decision yet
    decisions_recorded: int
    results_runs: int
    last_results_at: dt.datetime | None
    publicity_start: dt.date | None
    publicity_end: dt.date | None
    objections: int
    objections_open: int
    final_plan: bool


def round_status(engine: Engine) -> RoundStatus:
    """The state of every step, as the store records it."""
    decisions = latest_decisions(engine)
    with Session(engine) as session:
        packages = list(session.scalars(select(m.Package).order_by(m.Package.registered_at)))
        statuses: dict[str, str] = {}
        by_program: dict[str, list[PackageStatus]] = {}
        for package in packages:
            manifest = json.loads(package.manifest_json)
            for project in manifest["projects"]:
                statuses.setdefault(project["project_id"], project["eligibility"]["status"])
            by_program.setdefault(package.program_id, []).append(
                _package_status(session, package, manifest))
        programs = tuple(_program_status(session, program, by_program.get(program.program_id, []))
                         for program in session.scalars(select(m.Program)
                                                        .order_by(m.Program.program_id)))
        runs = session.execute(select(func.count(m.ResultsRun.id),
                                      func.max(m.ResultsRun.created_at))).one()
        period = session.scalars(select(m.PublicityPeriod)
                                 .order_by(m.PublicityPeriod.id.desc())).first()
        objections = list(session.scalars(select(m.Objection).where(
            m.Objection.period_id == period.id))) if period else []
        plan = bool(period and session.scalars(select(m.AwardPlan.id).where(
            m.AwardPlan.period_id == period.id)).first())
    review = {pid for pid, status in statuses.items() if status == "needs_review"}
    return RoundStatus(
        programs=programs, projects_checked=len(statuses), needs_review=len(review),
        decisions_pending=len(review - set(decisions)), decisions_recorded=len(decisions),
        results_runs=runs[0], last_results_at=runs[1],
        publicity_start=period.start_date if period else None,
        publicity_end=period.end_date if period else None,
        objections=len(objections),
        objections_open=sum(1 for o in objections if o.outcome is None), final_plan=plan)


def _package_status(session: Session, package: m.Package, manifest: dict) -> PackageStatus:
    accepted = list(session.scalars(select(m.AcceptedSheet.equivocation).where(
        m.AcceptedSheet.package_id == package.package_id)))
    return PackageStatus(package.package_id, package.session_kind, package.session_name,
                         package.registered_at, len(manifest["seats"]),
                         len(manifest["projects"]), len(accepted), sum(map(bool, accepted)),
                         package.round or 1, package.first_round_package_id)


def _program_status(session: Session, program: m.Program,
                    packages: list[PackageStatus]) -> ProgramStatus:
    rules = parse_program(program.program_file).funding
    awarded = sum((Decimal(amount) for amount in session.scalars(
        select(m.LedgerAward.amount).where(m.LedgerAward.program_id == program.program_id,
                                           m.LedgerAward.year == program.year))), Decimal(0))
    return ProgramStatus(program.program_id, program.name, program.year, rules.annual_budget,
                         awarded, tuple(packages))
