"""The files of a round's last steps, written the same way from the command line
(``results``, ``publicity --start``, ``results --final``) and from the desk: each
file atomically, in an owner-only folder, so a stopped run leaves no partial file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from reviewer_app.atomic import atomic_write_bytes
from reviewer_app.core.errors import ReviewerError
from reviewer_app.core.publicity import HolidayCalendar, PublicityPeriod
from reviewer_app.files import private_dir


def _write_all(out_dir: Path, outputs: dict[str, bytes]) -> list[Path]:
    private_dir(out_dir)
    for name, data in outputs.items():
        atomic_write_bytes(out_dir / name, data)
    return [out_dir / name for name in outputs]


@dataclass(frozen=True)
class NoticeWritten:
    period: PublicityPeriod
    files: list[Path]


def open_publicity(engine: Engine, start: dt.date, out_dir: Path,
                   budget: Decimal | None = None,
                   calendar: HolidayCalendar | None = None) -> NoticeWritten:
    """Open a 公示 period from ``start`` (``publicity.open_period``: the same refusals)
    on ``calendar`` (chinesecalendar and any holiday supplements) and write its
    notice, publicity.pdf and publicity.csv, into ``out_dir``."""
    from reviewer_app.central.publicity import current_period, open_period
    from reviewer_app.central.publicity_pdf import publicity_pdf
    from reviewer_app.central.reports import award_entries, publicity_csv, tier_names

    period, results = open_period(engine, start, budget=budget, calendar=calendar)
    published = current_period(engine)
    entries = award_entries(published.document["projects"], tier_names(results))
    files = _write_all(out_dir, {
        "publicity.pdf": publicity_pdf(published, entries, results.program.info.authority),
        "publicity.csv": publicity_csv(entries)})
    return NoticeWritten(period, files)


@dataclass(frozen=True)
class PlanWritten:
    plan: dict[str, Any]
    files: list[Path]


def write_final_plan(engine: Engine, out_dir: Path, results: Any = None) -> PlanWritten:
    """The award plan (资助计划) once the 公示 has ended (``publicity.final_plan``:
    recorded in the store and the ledger), as award-plan.json/csv/pdf. ``results``: the
    round's results with the budget put on notice, if the caller has them."""
    from reviewer_app.central.publicity import final_plan, plan_text
    from reviewer_app.central.publicity_pdf import award_plan_pdf
    from reviewer_app.central.reports import publicity_csv
    from reviewer_app.central.results import results_program

    plan = final_plan(engine, results=results)
    authority = results_program(engine).info.authority
    files = _write_all(out_dir, {
        "award-plan.json": plan_text(plan).encode("utf-8"),
        "award-plan.csv": publicity_csv(plan["awards"]),
        "award-plan.pdf": award_plan_pdf(plan, authority)})
    return PlanWritten(plan, files)


@dataclass(frozen=True)
class ResultsWritten:
    results: Any                 # central.results.Results
    files: list[Path]
    plan: PlanWritten | None


def write_round_results(engine: Engine, out_dir: Path, *, budget: Decimal | None = None,
                        final: bool = False,
                        progress: Callable[[int, int], None] | None = None
                        ) -> ResultsWritten:
    """``results``: compute, write results.* and publicity.csv (the run recorded in the
    store), showing the current 公示 period if there is one; with ``final`` the award
    plan too, computed with the budget that was put on notice. ``progress`` as for
    ``reports.write_results`` (without ``final``: a cancel through it writes nothing)."""
    from reviewer_app.central.publicity import PublicityError, current_period, given_budget
    from reviewer_app.central.reports import write_results
    from reviewer_app.central.results import compute_results

    try:
        publicity = current_period(engine)
    except PublicityError:
        publicity = None
    if final:
        if budget is not None:
            raise ReviewerError("the award plan is computed with the budget put on notice: "
                                "give no budget with it")
        publicity = current_period(engine)  # raises its error when there is no period
        budget = given_budget(publicity.document)
    # Computed once: the plan is checked against them and they are written beside it.
    results = compute_results(engine, budget=budget)
    plan = write_final_plan(engine, out_dir, results) if final else None
    files = write_results(results, out_dir, engine, publicity=publicity, progress=progress)
    if plan is not None:
        files += plan.files
    return ResultsWritten(results, files, plan)
