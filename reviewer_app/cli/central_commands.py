"""``merge`` and ``results``: the secretariat's side after the session."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from reviewer_app.cli.common import add_db_option, default_db_url, money
from reviewer_app.cli.package_commands import add_trust_options
from reviewer_app.cli.table import format_table
from reviewer_app.core.decimals import decimal_str
from reviewer_app.core.errors import ReviewerError

DECISION_ZH = {"accepted": "接收", "replaced": "替换", "no-op": "无变化",
               "equivocation": "版本冲突", "rollback": "旧版本", "rejected": "拒收"}


def register(subparsers: argparse._SubParsersAction) -> None:
    merge = subparsers.add_parser("merge", help="verify and merge signed score sheets")
    merge.add_argument("sheets", nargs="*", type=Path, metavar="FILE",
                       help="sheet files and inspection photo packages (.revphotos: merged "
                            "after the sheets, opened with the organizer key); none: only "
                            "register --package")
    add_db_option(merge)
    merge.add_argument("--package", type=Path, help="register this package first")
    merge.add_argument("--passphrase-file", type=Path, help="the package's passphrase")
    merge.add_argument("--seat-codes", type=Path,
                       help="format-1 packages only: the seat codes CSV written by build, "
                            "to check seat claims in this merge (never stored); packages "
                            "built now need none, and it is ignored with a note")
    add_trust_options(merge)
    merge.add_argument("--json", action="store_true")
    merge.set_defaults(func=run_merge)

    results = subparsers.add_parser("results", help="aggregate, tier, fund and report")
    add_db_option(results)
    results.add_argument("--out", type=Path, required=True, help="output folder")
    results.add_argument("--budget", type=money, default=None, metavar="YUAN",
                         help="budget for this round (default: the program's annual budget)")
    results.add_argument("--prior-awards", type=Path, default=None,
                         help="CSV uscc,year,amount of awards already granted this year: "
                              "recorded in the store's ledger first (the intake's "
                              "prior_awards.csv is recorded when its package is)")
    results.add_argument("--final", action="store_true",
                         help="after the 公示 period: also write the award plan (资助计划) "
                              "with the objections and their outcomes")
    results.set_defaults(func=run_results)

    decide = subparsers.add_parser(
        "decide", help="record an eligibility decision (settle a 需复核 finding or overrule one)")
    decide.add_argument("project", nargs="?", metavar="PROJECT")
    outcome = decide.add_mutually_exclusive_group()
    outcome.add_argument("--pass", dest="outcome", action="store_const", const="pass",
                         help="the project is eligible (通过)")
    outcome.add_argument("--fail", dest="outcome", action="store_const", const="fail",
                         help="the project is not eligible (不通过)")
    decide.add_argument("--reason", help="why (recorded and printed in the results)")
    decide.add_argument("--by", help="who decided")
    decide.add_argument("--csv", type=Path,
                        help="many decisions at once: columns project_id,outcome,reason,"
                             "decided_by (outcome pass/fail or 通过/不通过)")
    decide.add_argument("--intake", type=Path,
                        help="the intake folder, for projects of no registered package yet")
    add_db_option(decide)
    decide.set_defaults(func=run_decide)


def open_store(url: str | None):
    """The central store at ``url`` (default: the user data folder), migrated."""
    from reviewer_app.storage.engines import central_engine, migrate

    engine = central_engine(url or default_db_url())
    migrate(engine, "central")
    return engine


def read_seat_codes(path: Path) -> dict[str, str]:
    from reviewer_app.core.seat_codes import SeatCodeError, canonical_seat_code

    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"seat_id", "seat_code"} <= set(reader.fieldnames):
            raise ReviewerError(f"{path}: expected columns seat_id,name,seat_code")
        codes = {}
        for row in reader:
            try:
                codes[row["seat_id"]] = canonical_seat_code(row["seat_code"])
            except SeatCodeError as exc:
                raise ReviewerError(f"{path} line {reader.line_num}: {exc}") from None
    return codes


def run_merge(args: argparse.Namespace) -> int:
    from reviewer_app.central.merge import register_package
    from reviewer_app.central.merge_files import merge_files

    if not args.sheets and not args.package:
        raise ReviewerError("merge needs sheet files, or --package to register")
    engine = open_store(args.db)
    seat_codes = read_seat_codes(args.seat_codes) if args.seat_codes else None
    merge_codes: dict[str, dict[str, str]] = {}
    if args.package:
        if not args.passphrase_file:
            raise ReviewerError("--package needs --passphrase-file")
        from reviewer_app.cli.package_commands import open_package, trusted_organizer

        # Registering a package makes its manifest the rule for every sheet merged
        # against it: only a package signed by the trusted organizer gets in.
        with open_package(args.package, args.passphrase_file,
                          trusted_organizer(args)) as reader:
            new = register_package(engine, reader.manifest_bytes, reader.manifest_sha256,
                                   reader.package_id)
            codes = _codes_for_merge(reader.manifest, seat_codes)
            merge_codes = {reader.package_id: codes} if codes else {}
        print(f"package {reader.package_id} " + ("registered" if new else "already registered"),
              file=sys.stderr)
    elif seat_codes:
        raise ReviewerError("--seat-codes needs --package (the codes belong to a package)")
    elif args.organizer_fingerprint:
        raise ReviewerError("--organizer-fingerprint needs --package (it says whose "
                            "package to register)")
    from reviewer_app.central.sheet_files import split_inputs
    from reviewer_app.cli.photo_commands import merge_photos

    sheets, photo_packages = split_inputs(args.sheets)
    try:
        outcomes = merge_files(engine, sheets, seat_codes=merge_codes).outcomes
        if sheets:
            _print_sheet_outcomes(args, outcomes)
        refused = merge_photos(args, engine, photo_packages)
    finally:
        engine.dispose()
    return 1 if refused or any(o.rejected for o in outcomes) else 0


def _print_sheet_outcomes(args: argparse.Namespace, outcomes) -> None:
    if args.json:
        json.dump([o.__dict__ | {"rejected": o.rejected} for o in outcomes], sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
    else:
        rows = [[o.source, o.seat_id or "—", str(o.revision or "—"),
                 f"{DECISION_ZH[o.decision]} {o.decision}", o.reason] for o in outcomes]
        print(format_table(["file", "seat", "rev", "decision", "reason"], rows))
        rejected = sum(o.rejected for o in outcomes)
        print(f"\n{len(outcomes)} sheet(s): {len(outcomes) - rejected} ok, {rejected} rejected")


def _codes_for_merge(manifest: dict, seat_codes: dict[str, str] | None) -> dict[str, str] | None:
    """The seat codes this merge uses: a format-1 package's, held in memory only.

    A format-2 package needs none (its manifest carries each seat's public key):
    codes given for it are ignored, with a note, so that old scripts keep working.
    """
    from reviewer_app.sheets.seat_keys import has_seat_keys

    if not seat_codes:
        return None
    if has_seat_keys(manifest):
        print(f"note: package {manifest['package_id']} proves seats by their keys: "
              "--seat-codes is not needed and was not used", file=sys.stderr)
        return None
    seats = {str(seat["seat_id"]) for seat in manifest["seats"]}
    unknown = sorted(set(seat_codes) - seats)
    if unknown:
        raise ReviewerError(f"seat codes name seat(s) {', '.join(unknown)}, which package "
                            f"{manifest['package_id']} does not have")
    return seat_codes


def run_results(args: argparse.Namespace) -> int:
    from reviewer_app.central.results import load_program

    engine = open_store(args.db)
    if args.prior_awards:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from reviewer_app.central.ledger import add_awards, read_awards_csv
        from reviewer_app.storage import central_models as m

        rows = read_awards_csv(args.prior_awards)
        with Session(engine) as session, session.begin():
            program = load_program(tuple(session.scalars(select(m.Package))))
            new = add_awards(session, program.info.id, rows, "csv", str(args.prior_awards))
        print(f"{new} earlier award(s) recorded in the ledger", file=sys.stderr)
    if args.final and (args.prior_awards or args.budget is not None):
        raise ReviewerError("--final writes the plan of the results put on notice: give "
                            "no --prior-awards or --budget with it")
    from reviewer_app.central.round_files import write_round_results

    written = write_round_results(engine, args.out, budget=args.budget, final=args.final)
    engine.dispose()
    if written.plan is not None:
        plan = written.plan.plan
        print(f"award plan: {len(plan['awards'])} project(s), {plan['awarded_total']} CNY; "
              f"{len(plan['excluded'])} excluded after the 公示", file=sys.stderr)
    results = written.results
    funding = results.funding
    funded = sum(1 for r in results.rows if r.award.amount > 0)
    if results.pending:
        print(f"{len(results.pending)} project(s) await an eligibility decision (形式审查待复核) "
              f"and get nothing until decided: "
              + ", ".join(r.project_id for r in results.pending), file=sys.stderr)
    for warning in results.panel_warnings:
        print(f"warning: {warning.message()}", file=sys.stderr)
    print(f"{len(results.rows)} projects, {funded} funded; awarded "
          f"{decimal_str(funding.awarded_total)} of {decimal_str(funding.budget)} CNY "
          f"({funding.policy}); {len(results.divergent)} flagged for re-review")
    for path in written.files:
        print(f"wrote {path}")
    return 0


def run_decide(args: argparse.Namespace) -> int:
    from reviewer_app.central.decisions import (
        OUTCOME_ZH,
        known_statuses,
        read_decisions_csv,
        record_decisions,
    )

    if args.csv:
        if args.project or args.outcome or args.reason or args.by:
            raise ReviewerError("--csv takes the decisions from the file: give no PROJECT, "
                                "--pass/--fail, --reason or --by with it")
        wanted = read_decisions_csv(args.csv)
    else:
        missing = [name for name, value in (("PROJECT", args.project),
                                            ("--pass or --fail", args.outcome),
                                            ("--reason", args.reason), ("--by", args.by))
                   if not value]
        if missing:
            raise ReviewerError("decide needs " + ", ".join(missing) + " (or --csv FILE)")
        wanted = [(args.project, args.outcome, args.reason, args.by)]
    extra = {}
    if args.intake:
        from reviewer_app.central.intake import load_intake

        extra = {r.project_id: r.status.value for r in load_intake(args.intake).eligibility()}
    engine = open_store(args.db)
    recorded = record_decisions(engine, wanted, statuses=known_statuses(engine, extra))
    engine.dispose()
    for d in recorded:
        print(f"{d.project_id}: {OUTCOME_ZH[d.outcome]} ({d.outcome}) — {d.reason} "
              f"[{d.decided_by}]")
    return 0
