"""``verify``: check score sheets against their package before anything is merged."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reviewer_app.cli.table import format_table


def register(subparsers: argparse._SubParsersAction) -> None:
    verify = subparsers.add_parser("verify", help="verify signed score sheets")
    verify.add_argument("sheets", nargs="+", type=Path, metavar="SHEET")
    verify.add_argument("--package", type=Path, required=True)
    verify.add_argument("--passphrase-file", type=Path, required=True)
    verify.add_argument("--seat-codes", type=Path,
                        help="format-1 packages only: seat codes CSV written by build "
                             "(proves which seat signed); packages built now need none")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from reviewer_app.central.sheet_files import read_sheet_file
    from reviewer_app.cli.central_commands import read_seat_codes
    from reviewer_app.cli.package_commands import open_package
    from reviewer_app.sheets.context import SheetContext
    from reviewer_app.sheets.errors import SheetRejected
    from reviewer_app.sheets.verify import verify_sheet

    seat_codes = read_seat_codes(args.seat_codes) if args.seat_codes else None
    with open_package(args.package, args.passphrase_file) as reader:
        context = SheetContext.from_manifest(reader.manifest, reader.manifest_sha256,
                                             seat_codes=seat_codes, require_seat_proof=True)
    verdicts = []
    for path in args.sheets:
        try:
            data = read_sheet_file(path)
        except OSError as exc:
            verdicts.append({"sheet": str(path), "ok": False, "reason": "unreadable",
                             "detail": exc.strerror or str(exc)})
            continue
        try:
            sheet = verify_sheet(data, context)
        except SheetRejected as exc:
            verdicts.append({"sheet": str(path), "ok": False, "reason": exc.reason,
                             "detail": str(exc)})
            continue
        verdicts.append({"sheet": str(path), "ok": True, "seat_id": sheet.seat_id,
                         "revision": sheet.revision, "key_id": sheet.key_id,
                         "seat_proof": sheet.seat_proof, "body_sha256": sheet.body_sha256})
    if args.json:
        json.dump(verdicts, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        rows = [[v["sheet"], "ok" if v["ok"] else "REJECTED",
                 (f"seat {v['seat_id']} revision {v['revision']}, key {v['key_id']} "
                  f"({v['seat_proof']})") if v["ok"] else f"{v['reason']}: {v['detail']}"]
                for v in verdicts]
        print(format_table(["sheet", "verdict", "detail"], rows))
    return 0 if all(v["ok"] for v in verdicts) else 1
