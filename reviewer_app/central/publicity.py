"""公示 and the final award plan (五（五）、（六）).

``open_period`` puts the current results on public notice for 5 working days and
keeps the published results document; objections (异议) received during the period
are recorded with what was decided on them. ``final_plan`` writes the award plan
(资助计划) only once the period has ended (in China Standard Time) and every
objection is decided; an upheld objection excludes its project. The plan's amounts
are the published ones: redistributing an excluded project's money would change
amounts that were not on notice. The plan's awards enter the annual ledger, where
later rounds of the year count them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from reviewer_app.central.reports import (
    award_entries,
    document_text,
    results_document,
    tier_names,
)
from reviewer_app.central.sanitize import strip_controls
from reviewer_app.core.dates import CST
from reviewer_app.core.errors import ReviewerError
from reviewer_app.core.publicity import (
    SUPPLEMENT_LIMIT,
    HolidayCalendar,
    PublicityPeriod,
    SupplementError,
    parse_supplement,
    publicity_period,
)
from reviewer_app.storage import central_models as m

if TYPE_CHECKING:
    from reviewer_app.central.results import Results

MAX_OBJECTION = 20_000  # characters: a long letter, not a file
OUTCOMES = ("upheld", "dismissed")
OUTCOME_ZH = {"upheld": "异议成立", "dismissed": "异议不成立", None: "待处理"}
PLAN_FORMAT = "reviewer-app/award-plan/1"


class PublicityError(ReviewerError):
    """A 公示 step cannot be taken (no period, period not over, undecided objections)."""


def today_cst(now: dt.datetime | None = None) -> dt.date:
    return (now or dt.datetime.now(dt.UTC)).astimezone(CST).date()


# What a merge records without changing what was put on notice: the log of every file
# offered (a rejected or repeated sheet dropped after the notice), and the site visits'
# findings and photos (shown beside the ranking; they change no score or amount).
RECORD_ONLY = ("merge_log", "inspection_checklist", "inspections")


def notice_basis(document: dict[str, Any]) -> dict[str, Any]:
    """The part of a results document that the 公示 makes public and the award plan must
    still match: ranking, scores, eligibility, amounts, budget and the sheets that count."""
    return {key: value for key, value in document.items() if key not in RECORD_ONLY}


def _document(results) -> tuple[str, str]:
    """results.json's text for ``results`` and its SHA-256: what goes on notice."""
    text = document_text(results_document(results))
    return text, hashlib.sha256(text.encode()).hexdigest()


def holiday_calendar(paths: Sequence[Path]) -> HolidayCalendar:
    """``chinesecalendar`` with the holiday supplement files at ``paths`` (one per year it
    does not cover; core/publicity.py).

    Raises:
        PublicityError: a file cannot be read, is malformed, or duplicates a year.
    """
    from reviewer_app.central.intake_files import Refused, read_regular

    supplements = []
    for path in paths:
        try:
            data = read_regular(path, limit=SUPPLEMENT_LIMIT)
            supplements.append(parse_supplement(data))
        except Refused as exc:
            raise PublicityError(f"{path}: {exc}") from None
        except OSError as exc:
            raise PublicityError(f"{path}: cannot be read: {exc.strerror or exc}") from None
        except SupplementError as exc:
            raise PublicityError(f"{path}: {exc}") from None
    try:
        return HolidayCalendar(supplements)
    except SupplementError as exc:
        raise PublicityError(str(exc)) from None


def open_period(engine: Engine, start: dt.date, budget: Decimal | None = None, *,
                now: dt.datetime | None = None, calendar: HolidayCalendar | None = None):
    """Record a 公示 period starting on ``start`` for the results computed now.

    The first period of a store may be recorded after it began (the notice went up
    before it was entered here). A later one — the results changed and must go on
    notice again — starts today or later: a backdated period would already be over
    and let the plan be written with no real notice. Objections of earlier periods
    keep counting (see :func:`final_plan`)."""
    from reviewer_app.central.results import compute_results

    period = publicity_period(start, calendar=calendar)
    with Session(engine) as session:
        plan = session.scalars(select(m.AwardPlan).order_by(m.AwardPlan.id)).first()
        latest = session.scalars(select(m.PublicityPeriod)
                                 .order_by(m.PublicityPeriod.id.desc())).first()
    if plan is not None:
        # A second plan would enter the same awards in the ledger a second time.
        raise PublicityError("the award plan of this store was written on "
                             f"{plan.created_at.astimezone(CST):%Y-%m-%d}: the round is "
                             "closed, and a new 公示 cannot be opened in it")
    today = today_cst(now)
    if latest is not None and start < max(today, latest.start_date):
        raise PublicityError(f"a 公示 period is already recorded (from "
                             f"{latest.start_date.isoformat()}): a new one must start today "
                             f"({today.isoformat()}, 北京时间) or later, not "
                             f"{start.isoformat()}")
    results = compute_results(engine, budget=budget)
    if results.pending:
        raise PublicityError("eligibility decisions are pending for "
                             + ", ".join(r.project_id for r in results.pending)
                             + ": decide them before the 公示")
    text, sha = _document(results)
    with Session(engine) as session, session.begin():
        session.add(m.PublicityPeriod(start_date=period.start, end_date=period.end,
                                      working_days=len(period.working_days),
                                      calendar=period.calendar, document_sha256=sha,
                                      document_json=text))
    return period, results


@dataclass(frozen=True)
class Published:
    period_id: int
    start: dt.date
    end: dt.date
    working_days: int
    calendar: str
    document: dict[str, Any]
    document_sha256: str
    objections: tuple[m.Objection, ...]   # of every period of the store


def current_period(engine: Engine) -> Published:
    with Session(engine) as session:
        row = session.scalars(select(m.PublicityPeriod)
                              .order_by(m.PublicityPeriod.id.desc())).first()
        if row is None:
            raise PublicityError("no 公示 period is recorded: run reviewer-admin publicity "
                                 "--start YYYY-MM-DD first")
        # Every objection of the store, not only this period's: one upheld during an
        # earlier notice still excludes its project, one undecided still holds the plan.
        objections = tuple(session.scalars(select(m.Objection).order_by(m.Objection.id)))
        session.expunge_all()
    return Published(row.id, row.start_date, row.end_date, row.working_days, row.calendar,
                     json.loads(row.document_json), row.document_sha256, objections)


def add_objection(engine: Engine, project_id: str, text: str, received: dt.date) -> int:
    published = current_period(engine)
    if project_id not in {p["project_id"] for p in published.document["projects"]
                          if Decimal(p["amount"]) > 0}:
        raise PublicityError(f"project {project_id} is not on the 公示 list")
    if not published.start <= received <= published.end:
        raise PublicityError(f"received on {received.isoformat()}, outside the 公示 period "
                             f"{published.start.isoformat()} – {published.end.isoformat()}")
    cleaned = strip_controls(text).strip()
    if not cleaned:
        raise PublicityError("the objection's text is empty")
    if len(cleaned) > MAX_OBJECTION:
        raise PublicityError(f"the objection's text has {len(cleaned)} characters (at most "
                             f"{MAX_OBJECTION}): record a summary and keep the letter on file")
    with Session(engine) as session, session.begin():
        row = m.Objection(period_id=published.period_id, project_id=project_id,
                          text=cleaned, received_on=received)
        session.add(row)
        session.flush()
        return row.id


def decide_objection(engine: Engine, objection_id: int, outcome: str, by: str,
                     reason: str) -> None:
    if outcome not in OUTCOMES:
        raise PublicityError(f"outcome must be upheld or dismissed, not {outcome!r}")
    by, reason = strip_controls(by).strip(), strip_controls(reason).strip()
    if not by or not reason:
        raise PublicityError("a decision on an objection needs --by and --reason")
    with Session(engine) as session, session.begin():
        row = session.get(m.Objection, objection_id)
        if row is None:
            raise PublicityError(f"no objection number {objection_id}")
        if session.scalars(select(m.AwardPlan).where(
                m.AwardPlan.period_id == row.period_id)).first() is not None:
            raise PublicityError(f"objection {objection_id} was settled in the award plan "
                                 "already written; it cannot be decided again")
        row.outcome, row.decided_by, row.outcome_reason = outcome, by, reason
        row.decided_at = dt.datetime.now(dt.UTC)


def plan_written(engine: Engine, period_id: int) -> bool:
    """Whether the award plan of the 公示 period ``period_id`` has been written."""
    with Session(engine) as session:
        return session.scalars(select(m.AwardPlan.id).where(
            m.AwardPlan.period_id == period_id)).first() is not None


def plan_text(plan: dict[str, Any]) -> str:
    """The award plan as stored and as award-plan.json holds it, byte for byte."""
    return document_text(plan)


def given_budget(document: dict[str, Any]) -> Decimal | None:
    """The budget a results document was computed with if one was given (``--budget``,
    the desk's budget field); None: the default (the annual budget less prior awards)."""
    budget = document["budget"]
    return Decimal(budget["budget"]) if budget["source"] == "given" else None


def period_budget(engine: Engine, given: Decimal | None) -> tuple[Decimal | None, Any]:
    """(budget, published): once a 公示 period is open the budget it put on notice rules
    (the award plan is computed with it), else ``given``; ``published`` is the period
    (``current_period``) or None."""
    try:
        published = current_period(engine)
    except PublicityError:
        return given, None
    return given_budget(published.document), published


def final_plan(engine: Engine, now: dt.datetime | None = None,
               results: Results | None = None) -> dict[str, Any]:
    """The award plan after the 公示, recorded in the store and in the ledger.

    ``results``: the round's results computed with the budget put on notice, when the
    caller has them already (``write_round_results`` writes them beside the plan);
    computed here otherwise. Either way they must match what was put on notice."""
    from reviewer_app.central.results import compute_results

    published = current_period(engine)
    with Session(engine) as session:
        written = session.scalars(select(m.AwardPlan).where(
            m.AwardPlan.period_id == published.period_id)).first()
    if written is not None:
        # Written once; asked again, the same plan (the ledger has its awards).
        return json.loads(written.document_json)
    today = today_cst(now)
    period = PublicityPeriod(published.start, published.end, (), published.calendar)
    if not period.ended(today):
        raise PublicityError(f"the 公示 period ends on {published.end.isoformat()} "
                             f"(today is {today.isoformat()}, 北京时间): the award plan "
                             "can be written from the day after")
    undecided = [o.id for o in published.objections if o.outcome is None]
    if undecided:
        raise PublicityError("objections without a decision: "
                             + ", ".join(str(i) for i in undecided)
                             + " (reviewer-admin objection --decide ID)")
    if results is None:
        results = compute_results(engine, budget=given_budget(published.document))
    if notice_basis(results_document(results)) != notice_basis(published.document):
        raise PublicityError("the results have changed since the 公示 (sheets merged, "
                             "decisions or ledger entries recorded): open a new 公示 period")
    upheld = {o.project_id: o for o in published.objections if o.outcome == "upheld"}
    awards, excluded = [], []
    for entry in award_entries(published.document["projects"], tier_names(results)):
        if entry["project_id"] in upheld:
            excluded.append(entry | {"reason": "公示异议成立："
                                     + (upheld[entry["project_id"]].outcome_reason or "")})
        else:
            awards.append(entry)
    plan = {
        "format": PLAN_FORMAT,
        "program": published.document["program"],
        "packages": published.document["packages"],
        "publicity": {"start": published.start.isoformat(), "end": published.end.isoformat(),
                      "working_days": published.working_days, "calendar": published.calendar,
                      "results_sha256": published.document_sha256},
        "objections": [{"id": o.id, "project_id": o.project_id, "text": o.text,
                        "received_on": o.received_on.isoformat(), "outcome": o.outcome,
                        "reason": o.outcome_reason, "decided_by": o.decided_by}
                       for o in published.objections],
        "awards": awards,
        "excluded": excluded,
        "awarded_total": str(sum((Decimal(a["amount"]) for a in awards), Decimal(0))),
    }
    text = plan_text(plan)
    plan_sha = hashlib.sha256(text.encode()).hexdigest()
    year = int(published.document["program"]["year"])
    # The unique period_id makes a concurrent second writer fail rather than enter the
    # awards in the ledger twice.
    with Session(engine) as session, session.begin():
        session.add(m.AwardPlan(period_id=published.period_id, document_sha256=plan_sha,
                                document_json=text))
        for line, a in enumerate(awards, start=1):
            session.add(m.LedgerAward(
                program_id=str(published.document["program"]["id"]), year=year,
                uscc=a["uscc"].upper(), project_id=a["project_id"], amount=a["amount"],
                source="award-plan", source_ref=plan_sha, line=line))
    return plan
