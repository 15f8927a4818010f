"""The Alembic trees create exactly what the models declare."""

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from reviewer_app.storage.central_models import CentralBase
from reviewer_app.storage.engines import central_engine, migrate, sqlite_engine
from reviewer_app.storage.workspace_models import WorkspaceBase


@pytest.mark.parametrize("tree, metadata", [("workspace", WorkspaceBase.metadata),
                                            ("central", CentralBase.metadata)])
def test_migrations_match_models(tmp_path: Path, tree: str, metadata) -> None:
    engine = sqlite_engine(tmp_path / f"{tree}.sqlite")
    migrate(engine, tree)
    migrate(engine, tree)  # idempotent
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert diff == []


def test_central_engine_accepts_paths_and_urls(tmp_path: Path) -> None:
    for url in (str(tmp_path / "a.sqlite"), f"sqlite:///{tmp_path / 'b.sqlite'}"):
        engine = central_engine(url)
        migrate(engine, "central")
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        engine.dispose()


def test_downgrading_rebuilds_the_reviews_from_the_accepted_sheets(tmp_path: Path) -> None:
    import hashlib

    from alembic import command
    from alembic.config import Config

    from reviewer_app.central.merge import merge_sheets, register_package
    from reviewer_app.storage.engines import MIGRATIONS
    from tests.helpers.central import PACKAGE_ID, fake_sheet, fake_verify, manifest_bytes, scored

    engine = central_engine(str(tmp_path / "central.sqlite"))
    migrate(engine, "central")
    data = manifest_bytes(tmp_path)
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    one = [scored("P1", "25", "20", "15", "10"), scored("P2", "", "", "", "", conflict=True)]
    sheets = [fake_sheet("S1", one), fake_sheet("S2", one),
              fake_sheet("S2", one[:1], revision=2), fake_sheet("S2", one, revision=2)]
    merge_sheets(engine, [(str(i), s) for i, s in enumerate(sheets)], verify=fake_verify)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / "central"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "c0002")
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT seat_id, project_id, conflict, scores_json, total FROM review "
            "ORDER BY seat_id, project_id").all()
    # S2 equivocated (two bodies as revision 2): its reviews do not count.
    assert [tuple(r) for r in rows] == [
        ("S1", "P1", 0, '{"advancement": "25", "applicability": "15", "innovation": "20", '
                        '"outcome": "10"}', "70"),
        ("S1", "P2", 1, "{}", None)]
    migrate(engine, "central")
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), CentralBase.metadata)
    engine.dispose()
    assert diff == []


def _store_with_seat_codes(tmp_path: Path) -> tuple[Any, dict[str, str]]:
    """A central store at c0004 that kept five seat codes, as stores did before c0005."""
    import hashlib

    from alembic import command
    from alembic.config import Config

    from reviewer_app.storage.engines import MIGRATIONS
    from tests.helpers.central import PACKAGE_ID, manifest_bytes

    engine = central_engine(str(tmp_path / "central.sqlite"))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / "central"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "c0004")
    data = manifest_bytes(tmp_path)
    codes = {f"S{s}": f"{s}" * 4 + "K7M9Q2X5T8V4" for s in range(1, 6)}
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO package (package_id, manifest_sha256, program_id, session_kind, "
            "session_name, manifest_json, registered_at) VALUES (?, ?, 'p', 'panel', 's', ?, "
            "'2026-01-01')", (PACKAGE_ID, hashlib.sha256(data).hexdigest(), data.decode()))
        for seat, code in codes.items():
            connection.exec_driver_sql(
                "INSERT INTO seat (package_id, seat_id, name, seat_code) VALUES (?, ?, ?, ?)",
                (PACKAGE_ID, seat, seat, code))
    return engine, codes


def _stored(tmp_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in tmp_path.glob("central.sqlite*"))


def test_c0005_erases_the_stored_seat_codes_from_the_file(tmp_path: Path) -> None:
    """A store that kept seat codes (before c0005) keeps none after the upgrade: not in
    the table, not in freed pages, not in the write-ahead log."""
    engine, codes = _store_with_seat_codes(tmp_path)

    def stored() -> bytes:
        return _stored(tmp_path)

    assert all(code.encode() in stored() for code in codes.values())  # the test can fail
    migrate(engine, "central")
    with engine.connect() as connection:
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(seat)")]
        assert connection.exec_driver_sql("SELECT count(*) FROM seat").scalar() == 5
        # Checked while a connection is open: closing the last one would checkpoint
        # and remove the log anyway, as a running merge does not.
        assert not any(code.encode() in stored() for code in codes.values())
    engine.dispose()
    assert "seat_code" not in columns


def test_c0005_says_so_when_a_reader_keeps_the_log_from_being_emptied(tmp_path: Path,
                                                                       monkeypatch) -> None:
    """SQLite reports a checkpoint blocked by a reader in its result, not as an error:
    the upgrade must not pass silently with the erased codes still in the -wal file."""
    import sqlite3

    from reviewer_app.storage import engines

    engine, codes = _store_with_seat_codes(tmp_path)
    monkeypatch.setattr(engines, "CHECKPOINT_ATTEMPTS", 1)
    reader = sqlite3.connect(tmp_path / "central.sqlite", isolation_level=None)
    reader.execute("PRAGMA busy_timeout=0")
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM seat").fetchone() == (5,)  # a snapshot
    try:
        with pytest.raises(engines.StoreBusy, match="close every other program that uses"):
            migrate(engine, "central")
    finally:
        reader.execute("COMMIT")
        reader.close()
    # As the error says: once the last connection closes, SQLite empties the log.
    engine.dispose()
    assert not any(code.encode() in _stored(tmp_path) for code in codes.values())


def test_c0008_makes_every_existing_package_a_first_round(tmp_path: Path) -> None:
    """Issue 14 item 4: a store from before the second round keeps its packages as
    round 1 without a first-round link, and a downgrade takes the columns away again."""
    import hashlib

    from alembic import command
    from alembic.config import Config

    from reviewer_app.storage.engines import MIGRATIONS
    from tests.helpers.central import PACKAGE_ID, manifest_bytes

    engine = central_engine(str(tmp_path / "central.sqlite"))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / "central"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "c0006")
    data = manifest_bytes(tmp_path)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO package (package_id, manifest_sha256, program_id, session_kind, "
            "session_name, manifest_json, registered_at) VALUES (?, ?, 'p', 'panel', 's', ?, "
            "'2026-01-01')", (PACKAGE_ID, hashlib.sha256(data).hexdigest(), data.decode()))
    migrate(engine, "central")
    with engine.connect() as connection:
        assert connection.exec_driver_sql(
            "SELECT round, first_round_package_id FROM package").all() == [(1, None)]
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "c0006")
    with engine.connect() as connection:
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(package)")]
        assert connection.exec_driver_sql("SELECT count(*) FROM package").scalar() == 1
    engine.dispose()
    assert "round" not in columns and "first_round_package_id" not in columns


def test_a_second_round_needs_its_first_round_in_the_store(tmp_path: Path) -> None:
    """register_package links a format-5 package to its registered first round, and
    refuses one whose first round the store does not hold."""
    import hashlib
    import json

    from sqlalchemy.orm import Session

    from reviewer_app.central.merge import register_package
    from reviewer_app.core.errors import ReviewerError
    from reviewer_app.storage.central_models import Package
    from tests.helpers.central import PACKAGE_ID, manifest_bytes

    engine = central_engine(str(tmp_path / "central.sqlite"))
    migrate(engine, "central")
    data = manifest_bytes(tmp_path)
    second_id = "fedcba9876543210fedcba9876543210"
    second = json.loads(data) | {
        "format": "rvpkg-manifest/5", "package_id": second_id, "prior_awards": [],
        "second_round": {"first_round_package_id": PACKAGE_ID, "projects": ["P1"],
                         "distribution": {}, "seat_members": {}}}
    second_bytes = json.dumps(second, ensure_ascii=False).encode()
    with pytest.raises(ReviewerError, match=r"first round \w+ is not registered"):
        register_package(engine, second_bytes, hashlib.sha256(second_bytes).hexdigest(),
                         second_id)
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    assert register_package(engine, second_bytes, hashlib.sha256(second_bytes).hexdigest(),
                            second_id)
    with Session(engine) as session:
        stored = session.get(Package, second_id)
        assert (stored.round, stored.first_round_package_id) == (2, PACKAGE_ID)
        assert session.get(Package, PACKAGE_ID).round == 1
    engine.dispose()
