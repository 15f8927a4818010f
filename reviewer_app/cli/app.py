"""``reviewer-app``: the expert's desktop application (docs/architecture.md §6-7)."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reviewer-app",
                                     description="Expert Review Desk: score applications offline.")
    parser.add_argument("package", nargs="?", type=Path, help="a .revpkg review package to open")
    parser.add_argument("--demo", action="store_true",
                        help="open the bundled demo package (its passphrase is shown)")
    parser.add_argument("--desk", action="store_true",
                        help="open the secretariat's desk (intake, packages, merge, results) "
                             "instead of the expert workspace")
    parser.add_argument("--db", metavar="URL", default=None,
                        help="with --desk: the central store, a SQLAlchemy URL or a SQLite "
                             "file (default: central.sqlite in the user data folder)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=None,
                        help="user-interface language (default: Chinese)")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation on the demo package, print one line "
                             "and exit (0: everything works)")
    return parser


RENDER_WORKER_FLAG = "--render-worker"  # = reviewer_app.gui.widgets.render_worker.WORKER_FLAG


def main(argv: list[str] | None = None) -> int:
    from reviewer_app.hardening import disable_core_dumps

    # Before a passphrase is typed or a material decrypted (reviewer_app/hardening.py).
    disable_core_dumps()
    arguments = sys.argv[1:] if argv is None else argv
    if getattr(sys, "frozen", False):
        # A frozen Windows build starts multiprocessing's children (the demo intake's
        # pool) as this executable: let them run their task instead of the app.
        import multiprocessing

        multiprocessing.freeze_support()
    if arguments[:1] == [RENDER_WORKER_FLAG]:
        # The frozen bundle has no ``python -m``: the app's own executable is the render
        # worker (docs/architecture.md §5). Nothing else is imported before it confines
        # itself.
        from reviewer_app.gui.widgets.render_worker import main as render_worker

        return render_worker()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from reviewer_app.selftest import run_self_test

        return run_self_test()
    if args.db and not args.desk:
        parser.error("--db needs --desk (the expert workspace keeps no central store)")
    if args.desk and (args.package or args.demo):
        parser.error("--desk opens the secretariat's desk: give no package or --demo with it")
    if importlib.util.find_spec("reviewer_app.gui") is None:
        # The workspace (issue 4) is not in this build yet; say so instead of crashing.
        print("reviewer-app: the expert workspace is not part of this build yet",
              file=sys.stderr)
        return 2
    from reviewer_app.gui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
