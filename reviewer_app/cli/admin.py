"""``reviewer-admin``: the secretariat's headless command line (docs/architecture.md §6).

Exit codes: 0 ok, 1 rejected input (with a reason per item), 2 usage.
Each command lives in its own module with a ``register(subparsers)`` function;
the handler it sets as ``func`` returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from reviewer_app import __version__
from reviewer_app.cli.terminal import safe_terminal
from reviewer_app.core.errors import ReviewerError
from reviewer_app.hardening import disable_core_dumps

COMMAND_MODULES = (
    "reviewer_app.cli.intake_commands",
    "reviewer_app.cli.package_commands",
    "reviewer_app.cli.verify_commands",
    "reviewer_app.cli.sheet_commands",
    "reviewer_app.cli.central_commands",
    "reviewer_app.cli.second_round_commands",
    "reviewer_app.cli.photo_commands",
    "reviewer_app.cli.publicity_commands",
    "reviewer_app.cli.demo_commands",
    "reviewer_app.cli.passphrase_commands",
)

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer-admin",
        description="Expert Review Desk: secretariat tools (intake, packages, sheets, results).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Before any passphrase or key is read (reviewer_app/hardening.py).
    disable_core_dumps()
    parser = build_parser()
    args = parser.parse_args(argv)
    # Outside text reaches every command's output: none of it may act on the terminal.
    with safe_terminal():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except ReviewerError as exc:
        print(f"reviewer-admin: error: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except OSError as exc:
        # A missing file, a full disk, a read-only destination: say which path.
        where = f": {exc.filename}" if exc.filename else ""
        print(f"reviewer-admin: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_REJECTED
    except KeyboardInterrupt:
        print("reviewer-admin: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
