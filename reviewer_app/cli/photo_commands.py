"""``photos`` and the photo half of ``merge``: inspection photo packages (formats.md §5)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reviewer_app.cli.common import add_db_option
from reviewer_app.cli.table import format_table
from reviewer_app.core.errors import ReviewerError

PHOTO_DECISION_ZH = {"accepted": "接收", "no-op": "无变化", "superseded": "旧版本",
                     "rejected": "拒收"}


def register(subparsers: argparse._SubParsersAction) -> None:
    from reviewer_app.cli.package_commands import _organizer_options

    photos = subparsers.add_parser(
        "photos", help="extract one project's inspection photos (as the results link them)")
    add_db_option(photos)
    photos.add_argument("--project", required=True, metavar="ID")
    photos.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="folder for the photos (created owner-only)")
    _organizer_options(photos)
    photos.set_defaults(func=run_photos)


def return_key(args: argparse.Namespace):
    """The organizer's return key (same key store, passphrase and ``--organizer-key``
    as the signing key it is derived from)."""
    from reviewer_app.cli.package_commands import _organizer

    if getattr(args, "organizer_fingerprint", None) and not args.organizer_key:
        raise ReviewerError("photo packages open only with this secretariat's organizer key "
                            "(or --organizer-key): --organizer-fingerprint cannot open them")
    identity, _, _ = _organizer(args, create=False)
    return identity.return_key


def merge_photos(args: argparse.Namespace, engine, paths: list[Path]) -> bool:
    """Merge the photo packages among the inputs after the sheets; print a verdict per
    file. Returns whether any was refused."""
    from reviewer_app.central.photo_merge import merge_photo_files

    if not paths:
        return False
    outcomes = merge_photo_files(engine, paths, return_key(args)).outcomes
    if args.json:
        json.dump([o.__dict__ | {"rejected": o.rejected} for o in outcomes], sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
    else:
        rows = [[o.source, o.seat_id or "—", str(o.revision or "—"), str(o.photos),
                 f"{PHOTO_DECISION_ZH[o.decision]} {o.decision}", o.reason] for o in outcomes]
        print(format_table(["photo package", "seat", "rev", "photos", "decision", "reason"],
                           rows))
        refused = sum(o.rejected for o in outcomes)
        print(f"\n{len(outcomes)} photo package(s): {len(outcomes) - refused} ok, "
              f"{refused} refused")
    return any(o.rejected for o in outcomes)


def run_photos(args: argparse.Namespace) -> int:
    from reviewer_app.central.photos import extract_project_photos
    from reviewer_app.cli.central_commands import open_store

    key = return_key(args)
    engine = open_store(args.db)
    try:
        written = extract_project_photos(engine, args.project, args.out, key)
    finally:
        engine.dispose()
    for path in written:
        print(f"wrote {path}")
    return 0
