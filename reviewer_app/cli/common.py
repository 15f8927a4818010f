"""Helpers shared by the reviewer-admin commands."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from decimal import Decimal
from pathlib import Path

from reviewer_app.core.decimals import parse_money


def default_db_url() -> str:
    from reviewer_app.paths import user_data_dir

    return str(user_data_dir() / "central.sqlite")


def optional_deadline(text: str | None):
    """``--deadline YYYY-MM-DD`` as a date, or None when not given."""
    import datetime as dt

    from reviewer_app.core.errors import ReviewerError

    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ReviewerError(f"--deadline: not a date (YYYY-MM-DD): {text}") from None


def money(text: str) -> Decimal:
    """``--budget YUAN`` and the like: ``core.decimals.parse_money`` (the desk's rule)."""
    try:
        return parse_money(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None,
                        help="central store: a SQLAlchemy URL or a SQLite file "
                             "(default: central.sqlite in the user data folder)")


def read_passphrase(path: Path) -> str:
    """A passphrase file's text (``identity.keyfile.read_passphrase_file``), with a
    warning on stderr when others on this machine can read it too."""
    from reviewer_app.identity.keyfile import read_passphrase_file

    warn_if_exposed(path)
    return read_passphrase_file(path)


def warn_if_exposed(path: Path) -> None:
    exposed = passphrase_file_exposure(path)
    if exposed:
        print(f"warning: {exposed}", file=sys.stderr)


def passphrase_file_exposure(path: Path) -> str | None:
    """Why ``path`` is readable by more than its owner, or None (always None on
    Windows, where POSIX modes do not apply and the folder's ACLs decide)."""
    if os.name == "nt":
        return None
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None  # reading it reports the problem
    if not mode & 0o044:
        return None
    who = " and ".join(w for w, bit in (("its group", 0o040), ("other users", 0o004))
                       if mode & bit)
    return (f"passphrase file {path} is readable by {who} (mode {mode:04o}); "
            f"make it owner-only: chmod 600 {path}")
