"""Engines and migrations: SQLite tuned for durability, Alembic applied at start."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url

from reviewer_app.core.errors import ReviewerError
from reviewer_app.files import private_file

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


# Any constant will do; it only has to be the same in every process.
_MIGRATION_LOCK = 0x52565047  # "RVPG"


def sqlite_engine(path: Path) -> Engine:
    """An engine on a SQLite file: WAL, ``synchronous=FULL``, foreign keys on.

    FULL (not NORMAL) because an expert's last score must survive a power cut
    once the "saved" indicator has shown it. A new file is created owner-only
    first; SQLite gives its ``-wal`` and ``-shm`` files the same mode.
    """
    if str(path) not in ("", ":memory:"):
        private_file(Path(path))
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


def central_engine(url: str) -> Engine:
    """An engine for the central store: a SQLAlchemy URL, or a plain path to SQLite."""
    if "://" not in url:
        return sqlite_engine(Path(url))
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return sqlite_engine(Path(parsed.database))
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine, tree: str, **attributes: Any) -> None:
    """Bring the database to the newest revision of a migration tree ("workspace"),
    all steps in one transaction. ``attributes`` reach the migration scripts
    (``context.config.attributes``): the workspace's keys, for one.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / tree))
    config.attributes.update(attributes)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two staff starting a merge at once must not both create the tables.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": _MIGRATION_LOCK})
        elif connection.dialect.name == "sqlite":
            # pysqlite opens a transaction only before DML, so DDL would commit on its
            # own: a crash mid-way would leave a half-upgraded file. IMMEDIATE also
            # makes a second process wait instead of migrating at the same time.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    if config.attributes.get("erased_secrets") and engine.dialect.name == "sqlite":
        # A migration overwrote secrets (c0005: seat codes): the write-ahead log may
        # still hold older copies of those pages beyond its current end. Copy it
        # into the database and empty it.
        _checkpoint_erased(engine)


class StoreBusy(ReviewerError):
    """Another program holds the store open, so a step that must finish alone could not."""


CHECKPOINT_ATTEMPTS = 3
CHECKPOINT_PAUSE_S = 0.5


def _checkpoint_erased(engine: Engine) -> None:
    """Copy the write-ahead log into the database and empty it, waiting for readers.

    SQLite reports a checkpoint it could not complete (another connection still
    reads an older snapshot) in the first column of its result instead of raising:
    unchecked, the erased seat codes would stay in the ``-wal`` file. The busy
    handler (``busy_timeout``, 5 s) already waits inside each attempt; three attempts,
    then say what to do.
    """
    for _ in range(CHECKPOINT_ATTEMPTS):
        with engine.connect() as connection:
            busy, _log, _done = connection.exec_driver_sql(
                "PRAGMA wal_checkpoint(TRUNCATE)").one()
        if not busy:
            return
        time.sleep(CHECKPOINT_PAUSE_S)
    raise StoreBusy(f"{engine.url.database}: the store was upgraded, but another program "
                    "reading it kept its write-ahead log from being emptied, and that log "
                    "may still hold the erased seat codes: close every other program that "
                    "uses this store (SQLite empties the log when the last one closes)")
