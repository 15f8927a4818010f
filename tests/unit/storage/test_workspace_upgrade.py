"""Migration w0003: a workspace of the old code (w0002) is re-encrypted in place on open."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from reviewer_app.storage.encrypted import (
    ExpertSecret,
    WorkspaceCipher,
    WorkspaceKeyError,
    workspace_key,
)
from reviewer_app.storage.engines import MIGRATIONS, sqlite_engine
from reviewer_app.storage.inspection import InspectionStore
from reviewer_app.storage.workspace import WorkspaceStore
from tests.helpers.legacy_workspace import (
    LEGACY_REVISION,
    LegacyWorkspace,
    build_legacy_workspace,
    legacy_open,
    revision,
    sealed_values,
)

ROOT = Path(__file__).resolve().parents[3]
PACKAGE_KEY = os.urandom(32)
PACKAGE_ID = "ab" * 16
PKG = dict(package_id=PACKAGE_ID, manifest_sha256="cd" * 32)
SEAT_CODE = "ABCD-EFGH-JKMN-PQRS"
SECRET = ExpertSecret.from_seat_code(SEAT_CODE)


@pytest.fixture
def legacy(tmp_path: Path) -> LegacyWorkspace:
    return build_legacy_workspace(tmp_path / "ws.sqlite", PACKAGE_KEY, **PKG)


def _open(path: Path, secret: ExpertSecret = SECRET, *, package_key: bytes = PACKAGE_KEY,
          seat_id: str = "S01") -> WorkspaceStore:
    return WorkspaceStore(path, package_key, secret, seat_id=seat_id, **PKG)


def _plaintexts(values: dict[tuple[str, int, str], bytes]) -> dict[tuple[str, int, str], bytes]:
    return {(table, rowid, column): legacy_open(PACKAGE_KEY, f"{table}.{column}", blob)
            for (table, rowid, column), blob in values.items()}


def _key_source_column(path: Path) -> bool:
    with sqlite3.connect(path) as raw:
        return "key_source" in {row[1] for row in raw.execute(
            "PRAGMA table_info(workspace_meta)")}


def _assert_untouched(legacy: LegacyWorkspace, before: dict) -> None:
    assert revision(legacy.path) == LEGACY_REVISION
    assert sealed_values(legacy.path) == before
    assert not _key_source_column(legacy.path)
    with sqlite3.connect(legacy.path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _assert_reads_back(legacy: LegacyWorkspace, store: WorkspaceStore) -> None:
    assert store.load() == legacy.states
    inspection = InspectionStore(store)
    assert inspection.load() == legacy.inspection
    assert {pid: inspection.photo_bytes(pid) for pid in legacy.photos} == legacy.photos
    assert [entry[1:] for entry in store.audit_log()] == legacy.audit


def test_old_workspace_is_upgraded_in_place(legacy: LegacyWorkspace) -> None:
    before = sealed_values(legacy.path)
    store = _open(legacy.path)
    try:
        _assert_reads_back(legacy, store)
    finally:
        store.close()
    assert revision(legacy.path) == "w0005"  # upgraded through w0003 to the head
    after = sealed_values(legacy.path)
    assert after.keys() == before.keys()  # every value, NULLs left NULL
    assert all(blob[:1] == b"\x02" for blob in after.values())
    with sqlite3.connect(legacy.path) as raw:
        assert raw.execute("SELECT key_source FROM workspace_meta").fetchone() == ("seat-code",)
    # The package key alone (every passphrase holder's) no longer opens anything.
    for (table, _rowid, column), blob in after.items():
        with pytest.raises(Exception):  # noqa: B017 - InvalidTag or the version check
            legacy_open(PACKAGE_KEY, f"{table}.{column}", blob)
    again = _open(legacy.path)  # the upgrade runs once; reopening reads the same
    _assert_reads_back(legacy, again)
    again.close()
    with pytest.raises(WorkspaceKeyError, match="does not open with this seat code"):
        _open(legacy.path, ExpertSecret.from_seat_code("0" * 16))


def test_upgrade_with_the_own_key_of_an_enrolled_expert(legacy: LegacyWorkspace) -> None:
    identity = ExpertSecret.from_identity(X25519PrivateKey.generate().private_bytes_raw())
    store = _open(legacy.path, identity)
    _assert_reads_back(legacy, store)
    store.close()
    with pytest.raises(WorkspaceKeyError, match="own key and no seat code"):
        _open(legacy.path)


def test_wrong_package_key_leaves_the_old_workspace_intact(legacy: LegacyWorkspace) -> None:
    before = sealed_values(legacy.path)
    with pytest.raises(WorkspaceKeyError, match="does not match this package's key"):
        _open(legacy.path, package_key=os.urandom(32))
    _assert_untouched(legacy, before)
    store = _open(legacy.path)
    _assert_reads_back(legacy, store)
    store.close()


def test_another_seat_cannot_take_over_an_old_workspace(legacy: LegacyWorkspace) -> None:
    before = sealed_values(legacy.path)
    with pytest.raises(WorkspaceKeyError, match="started for seat S01"):
        _open(legacy.path, ExpertSecret.from_seat_code("0" * 16), seat_id="S02")
    _assert_untouched(legacy, before)


def test_a_failure_mid_way_rolls_everything_back(legacy: LegacyWorkspace,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    before = sealed_values(legacy.path)
    seal, calls = WorkspaceCipher.seal, []

    def failing_seal(self: WorkspaceCipher, aad: bytes, plain: bytes) -> bytes:
        calls.append(aad)
        if len(calls) == 12:  # past the first tables' UPDATEs
            raise OSError("disk full")
        return seal(self, aad, plain)

    monkeypatch.setattr(WorkspaceCipher, "seal", failing_seal)
    with pytest.raises(OSError, match="disk full"):
        _open(legacy.path)
    _assert_untouched(legacy, before)
    monkeypatch.undo()
    store = _open(legacy.path)
    _assert_reads_back(legacy, store)
    store.close()


def test_a_kill_mid_way_leaves_the_old_workspace_openable(legacy: LegacyWorkspace) -> None:
    before = sealed_values(legacy.path)
    child = subprocess.run(
        [sys.executable, "-m", "tests.unit.storage.upgrade_child", str(legacy.path),
         PACKAGE_KEY.hex(), PACKAGE_ID, SEAT_CODE], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=120)
    assert child.returncode == -9, child.stdout + child.stderr
    _assert_untouched(legacy, before)
    store = _open(legacy.path)
    _assert_reads_back(legacy, store)
    store.close()


def test_downgrade_restores_the_old_encryption(legacy: LegacyWorkspace) -> None:
    plain = _plaintexts(sealed_values(legacy.path))
    _open(legacy.path).close()
    engine = sqlite_engine(legacy.path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / "workspace"))
    config.attributes.update(legacy_key=PACKAGE_KEY, cipher=WorkspaceCipher(
        workspace_key(PACKAGE_KEY, PACKAGE_ID, SECRET)))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, LEGACY_REVISION)
    engine.dispose()
    assert revision(legacy.path) == LEGACY_REVISION and not _key_source_column(legacy.path)
    assert _plaintexts(sealed_values(legacy.path)) == plain
    store = _open(legacy.path)  # and up again
    _assert_reads_back(legacy, store)
    store.close()
