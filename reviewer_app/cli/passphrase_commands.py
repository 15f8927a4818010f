"""``passphrase``: a strong passphrase that is easy to read out, for a package or a key file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reviewer_app.core.errors import ReviewerError


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "passphrase", help="generate a strong passphrase (100 bits, five groups of four)")
    command.add_argument("--out", type=Path, metavar="F",
                         help="write it to this new file, owner-only (0600), instead of "
                              "printing it")
    command.set_defaults(func=run_passphrase)


def run_passphrase(args: argparse.Namespace) -> int:
    from reviewer_app.atomic import atomic_write_bytes
    from reviewer_app.identity.passphrase import GENERATED_BITS, generate_passphrase

    passphrase = generate_passphrase()
    if args.out is None:
        print(passphrase)
        return 0
    # Never replace one: a package built for the old passphrase would be lost with it.
    if args.out.exists():
        raise ReviewerError(f"{args.out} exists; a passphrase file is never overwritten "
                            "(a package made with it would no longer open): choose a new name")
    atomic_write_bytes(args.out, passphrase.encode("ascii") + b"\n")
    print(f"wrote {args.out}: a {GENERATED_BITS}-bit passphrase (lower-case letters and "
          "digits without i, l, o, u, in groups joined by hyphens)", file=sys.stderr)
    return 0
