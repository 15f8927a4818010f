"""Engines and migrations: SQLite tuned for durability, Alembic applied at start."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def sqlite_engine(path: Path) -> Engine:
    """An engine on a SQLite file: WAL, ``synchronous=FULL``, foreign keys on.

    FULL (not NORMAL) because an expert's last score must survive a power cut
    once the "saved" indicator has shown it.
    """
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    return engine


def migrate(engine: Engine, tree: str) -> None:
    """Bring the database to the newest revision of a migration tree ("workspace")."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / tree))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
