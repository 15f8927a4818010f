"""Helpers shared by the reviewer-admin commands."""

from __future__ import annotations

import argparse
from decimal import Decimal

from reviewer_app.core.decimals import parse_decimal


def default_db_url() -> str:
    from reviewer_app.paths import user_data_dir

    return str(user_data_dir() / "central.sqlite")


def money(text: str) -> Decimal:
    try:
        value = parse_decimal(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text}")
    return value


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None,
                        help="central store: a SQLAlchemy URL or a SQLite file "
                             "(default: central.sqlite in the user data folder)")
