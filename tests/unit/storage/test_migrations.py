"""The Alembic trees create exactly what the models declare."""

from pathlib import Path

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
