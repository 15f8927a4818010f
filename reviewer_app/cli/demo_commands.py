"""``demo-sheets``: rehearsal score sheets, so that verify -> merge -> results can be tried."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reviewer_app.cli.package_commands import add_trust_options


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser(
        "demo-sheets",
        help="sign realistic rehearsal score sheets for every seat of a package")
    demo.add_argument("package", type=Path, metavar="PKG")
    demo.add_argument("--passphrase-file", type=Path, required=True,
                      help="file holding the package's passphrase")
    demo.add_argument("--seat-codes", type=Path, required=True, metavar="F",
                      help="seat codes CSV written by build --seat-codes-out")
    demo.add_argument("--out", type=Path, required=True, metavar="DIR",
                      help="folder for the .revsheet files and their PDFs")
    demo.add_argument("--seed", type=int, default=1,
                      help="the same package, codes and seed give the same files")
    add_trust_options(demo)
    demo.set_defaults(func=run_demo_sheets)


def run_demo_sheets(args: argparse.Namespace) -> int:
    from reviewer_app.central.demo_sheets import make_demo_sheets, write_demo_sheets
    from reviewer_app.cli.central_commands import read_seat_codes
    from reviewer_app.cli.package_commands import open_package, trusted_organizer

    codes = read_seat_codes(args.seat_codes)
    # Only a package this secretariat would merge is worth rehearsing with.
    with open_package(args.package, args.passphrase_file, trusted_organizer(args)) as reader:
        manifest, manifest_sha256 = reader.manifest, reader.manifest_sha256
    demo = make_demo_sheets(manifest, manifest_sha256, codes, seed=args.seed)
    for seat in demo.skipped:
        print(f"warning: seat {seat} is enrolled with an expert's own key: no rehearsal "
              "sheet (only that expert can sign for it)", file=sys.stderr)
    paths = write_demo_sheets(args.out, demo, manifest)
    kind = "inspection" if demo.inspection else "panel"
    print(f"wrote {len(paths)} {kind} sheet(s) and their PDFs to {args.out} "
          f"(seed {args.seed}, package {manifest['package_id']})")
    for pid, seat in demo.divergent.items():
        print(f"divergent: {pid} (seat {seat} scores it far from the others)")
    for (seat, pid), reason in demo.conflicts.items():
        print(f"conflict: seat {seat} on {pid}: {reason}")
    if demo.revised:
        print(f"revision 2: seat {demo.revised} (replaces its revision 1 at merge)")
    return 0
