"""``second-round``: a second-round (复议) package for the divergent projects of a panel
(docs/guide-secretariat.md "第二轮复议", docs/formats.md §1.8.4)."""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewer_app.cli.common import add_db_option
from reviewer_app.cli.package_commands import _organizer_options


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "second-round", help="build a second-round (复议) package of the divergent projects "
                             "for the same seats, and register it")
    add_db_option(command)
    command.add_argument("--package", type=Path, required=True, metavar="PKG",
                         help="the first-round package (registered in the store)")
    command.add_argument("--passphrase-file", type=Path, required=True, metavar="F",
                         help="the first-round package's passphrase; the new package takes "
                              "it too unless --out-passphrase-file is given")
    command.add_argument("--out", type=Path, required=True, metavar="PKG2",
                         help="the second-round .revpkg to write")
    command.add_argument("--seat-codes-out", type=Path, required=True, metavar="F",
                         help="write the new seat codes here (CSV seat_id,name,seat_code, "
                              "owner-only)")
    command.add_argument("--projects", default="divergent", metavar="divergent|ID,…",
                         help="the divergent projects of the first round (default), or a "
                              "comma-separated list of project ids")
    command.add_argument("--out-passphrase-file", type=Path, metavar="F",
                         help="another passphrase for the new package")
    command.add_argument("--allow-weak-passphrase", action="store_true",
                         help="accept a passphrase below the strength floor (rehearsals only)")
    command.add_argument("--deadline", help="review deadline, YYYY-MM-DD")
    _organizer_options(command)
    command.set_defaults(func=run_second_round)


def run_second_round(args: argparse.Namespace) -> int:
    from reviewer_app.atomic import atomic_write_bytes
    from reviewer_app.central.second_round import build_second_round
    from reviewer_app.cli.central_commands import open_store
    from reviewer_app.cli.common import optional_deadline, read_passphrase
    from reviewer_app.cli.package_commands import (
        _check_package_passphrase,
        _organizer,
        _say_organizer,
        _seat_codes_csv,
        open_package,
    )

    deadline = optional_deadline(args.deadline)
    choice: str | list[str] = args.projects.strip()
    if choice != "divergent":
        choice = [p.strip() for p in args.projects.split(",")]
    passphrase = read_passphrase(args.out_passphrase_file or args.passphrase_file)
    _check_package_passphrase(passphrase, args.allow_weak_passphrase)
    engine = open_store(args.db)
    identity, created, where = _organizer(args)

    def write_codes(plan) -> None:
        atomic_write_bytes(args.seat_codes_out, _seat_codes_csv(plan), mode=0o600)

    # Only a first round signed by this secretariat's organizer key is taken.
    with open_package(args.package, args.passphrase_file, identity.fingerprint) as reader:
        built = build_second_round(engine, reader, args.out, choice=choice,
                                   organizer_key=identity.private_key,
                                   organizer_name=reader.organizer_name,
                                   passphrase=passphrase, deadline=deadline,
                                   before_write=write_codes)
    _say_organizer(identity, created, where)
    plan = built.plan
    print(f"wrote {built.info.path}: second-round package {built.info.package_id} of "
          f"{plan.first_round_package_id}, projects {', '.join(plan.projects)}, "
          f"{len(plan.seat_codes)} seats (registered in the store)")
    print(f"seat codes: {args.seat_codes_out} (new codes: give each expert only their own)")
    return 0
