"""``publicity`` and ``objection``: the 公示 (五（五）) and what is raised during it;
``results --final`` (``central.round_files.write_final_plan``) writes the award plan
after it."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from reviewer_app.cli.central_commands import open_store
from reviewer_app.cli.common import add_db_option, money
from reviewer_app.cli.table import format_table
from reviewer_app.core.errors import ReviewerError


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    publicity = subparsers.add_parser(
        "publicity", help="put the results on public notice (公示) for 5 working days")
    add_db_option(publicity)
    publicity.add_argument("--start", type=iso_date, metavar="YYYY-MM-DD",
                           help="first day of the notice (the period ends on its 5th "
                                "working day, holidays and 调休 working weekends counted)")
    publicity.add_argument("--out", type=Path,
                           help="folder for publicity.pdf and publicity.csv (with --start)")
    publicity.add_argument("--budget", type=money, default=None, metavar="YUAN",
                           help="the budget given to results, if one was")
    publicity.add_argument("--holidays", type=Path, action="append", default=[],
                           metavar="FILE",
                           help="a year's days off and 调休 working weekends, transcribed from "
                                "the State Council's notice, for a year chinesecalendar does "
                                "not cover yet (docs/formats.md §6); may be repeated")
    publicity.set_defaults(func=run_publicity)

    objection = subparsers.add_parser(
        "objection", help="record an objection (异议) raised during the 公示, or decide one")
    add_db_option(objection)
    objection.add_argument("--project", metavar="ID", help="the project objected to")
    objection.add_argument("--text", help="what the objection says (a summary)")
    objection.add_argument("--received", type=iso_date, metavar="YYYY-MM-DD",
                           help="the day it was received (within the period)")
    objection.add_argument("--decide", type=int, metavar="NUMBER",
                           help="decide the objection with this number")
    outcome = objection.add_mutually_exclusive_group()
    outcome.add_argument("--upheld", dest="outcome", action="store_const", const="upheld",
                         help="异议成立: the project is not funded")
    outcome.add_argument("--dismissed", dest="outcome", action="store_const",
                         const="dismissed", help="异议不成立: the award stands")
    objection.add_argument("--reason", help="why (printed in the award plan)")
    objection.add_argument("--by", help="who decided")
    objection.set_defaults(func=run_objection)


def run_publicity(args: argparse.Namespace) -> int:
    from reviewer_app.central.publicity import OUTCOME_ZH, current_period, holiday_calendar
    from reviewer_app.central.round_files import open_publicity

    engine = open_store(args.db)
    try:
        if args.start is None:
            if args.out or args.budget is not None or args.holidays:
                raise ReviewerError("--out, --budget and --holidays go with --start")
            published = current_period(engine)
            print(f"公示期 {published.start.isoformat()} – {published.end.isoformat()} "
                  f"({published.working_days} working days, {published.calendar})")
            rows = [[str(o.id), o.project_id, o.received_on.isoformat(), OUTCOME_ZH[o.outcome],
                     o.text] for o in published.objections]
            if rows:
                print(format_table(["no.", "project", "received", "outcome", "objection"],
                                   rows))
            return 0
        if args.out is None:
            raise ReviewerError("publicity --start needs --out FOLDER for the notice")
        notice = open_publicity(engine, args.start, args.out, budget=args.budget,
                                calendar=holiday_calendar(args.holidays))
    finally:
        engine.dispose()
    period, written = notice.period, notice.files
    print(f"公示期 {period.start.isoformat()} – {period.end.isoformat()}: "
          f"{len(period.working_days)} working days ("
          + ", ".join(d.isoformat() for d in period.working_days) + ")")
    for path in written:
        print(f"wrote {path}")
    return 0


def run_objection(args: argparse.Namespace) -> int:
    from reviewer_app.central.publicity import (
        OUTCOME_ZH,
        add_objection,
        decide_objection,
    )

    engine = open_store(args.db)
    try:
        if args.decide is not None:
            missing = [n for n, v in (("--upheld or --dismissed", args.outcome),
                                      ("--reason", args.reason), ("--by", args.by)) if not v]
            if missing or args.project or args.text or args.received:
                raise ReviewerError("objection --decide NUMBER takes --upheld or --dismissed, "
                                    "--reason and --by" + (
                                        f" (missing: {', '.join(missing)})" if missing else ""))
            decide_objection(engine, args.decide, args.outcome, args.by, args.reason)
            print(f"objection {args.decide}: {OUTCOME_ZH[args.outcome]} ({args.outcome})")
            return 0
        missing = [n for n, v in (("--project", args.project), ("--text", args.text),
                                  ("--received", args.received)) if not v]
        if missing or args.outcome or args.reason or args.by:
            raise ReviewerError("objection records --project, --text and --received; decide "
                                "it afterwards with --decide NUMBER" + (
                                    f" (missing: {', '.join(missing)})" if missing else ""))
        number = add_objection(engine, args.project, args.text, args.received)
    finally:
        engine.dispose()
    print(f"objection {number} recorded for {args.project}")
    return 0
