import os
import sqlite3
from pathlib import Path

import pytest

from reviewer_app.storage.encrypted import ExpertSecret, WorkspaceKeyError
from reviewer_app.storage.workspace import (
    EvidenceLink,
    FieldChange,
    WorkspaceMismatch,
    WorkspaceStore,
)

KEY = bytes(range(32))
SECRET = ExpertSecret.from_seat_code("ABCD-EFGH-JKMN-PQRS")
PKG = dict(package_id="ab" * 16, manifest_sha256="cd" * 32)


def _store(path: Path, key: bytes = KEY, **overrides) -> WorkspaceStore:
    return WorkspaceStore(path, key, SECRET, **{**PKG, "seat_id": "S01", **overrides})


def test_round_trip_survives_reopen(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    store = _store(db)
    store.apply([
        FieldChange("P1", "score", "25.5", "advancement"),
        FieldChange("P1", "comment", "国际领先：自研多模态模型", "advancement"),
        FieldChange("P1", "overall_comment", "总体良好"),
        FieldChange("P2", "conflict_declared", True),
        FieldChange("P2", "conflict_reason", "曾任该企业顾问"),
    ])
    store.add_evidence("P1", EvidenceLink("advancement", 3, 12))
    store.add_evidence("P1", EvidenceLink("advancement", 3, 12))  # idempotent
    store.record_export(1, "ee" * 32)
    store.close()

    again = _store(db)
    states = again.load()
    assert states["P1"].scores == {"advancement": "25.5"}
    assert states["P1"].comments["advancement"] == "国际领先：自研多模态模型"
    assert states["P1"].overall_comment == "总体良好"
    assert states["P1"].evidence == [EvidenceLink("advancement", 3, 12)]
    assert states["P2"].conflict_declared and states["P2"].conflict_reason == "曾任该企业顾问"
    assert again.last_export() == (1, "ee" * 32)
    actions = [entry[1] for entry in again.audit_log()]
    assert actions[:5] == ["score", "comment", "overall_comment", "conflict_declared",
                           "conflict_reason"]
    again.remove_evidence("P1", EvidenceLink("advancement", 3, 12))
    assert again.load()["P1"].evidence == []
    again.close()


def test_nothing_typed_is_stored_in_plaintext(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    store = _store(db)
    secret = "极其机密的评语-SECRET-MARKER"
    store.apply([FieldChange("P1", "comment", secret, "advancement"),
                 FieldChange("P1", "score", "17.5", "advancement")])
    store.close()
    for path in tmp_path.iterdir():
        data = path.read_bytes()
        assert secret.encode() not in data and b"SECRET-MARKER" not in data
        assert b"17.5" not in data


def test_wrong_key_and_wrong_package_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    _store(db).close()
    with pytest.raises(WorkspaceKeyError, match="does not open with this seat code"):
        _store(db, key=os.urandom(32))
    with pytest.raises(WorkspaceMismatch, match="belongs to package"):
        _store(db, package_id="ff" * 16)


def test_durability_pragmas_and_integrity(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    store = _store(db)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    store.close()
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        version = raw.execute("SELECT version_num FROM alembic_version").fetchone()
        assert version == ("w0005",)


def test_unknown_field_is_a_bug() -> None:
    with pytest.raises(ValueError):
        FieldChange("P1", "score", "1")          # score needs a criterion
    with pytest.raises(ValueError):
        FieldChange("P1", "colour", "red")


def test_a_second_round_reason_is_kept_sealed(tmp_path: Path) -> None:
    """Issue 14 item 4 (w0005): the reason for a second-round score survives a reopen and
    is never stored in plaintext."""
    db = tmp_path / "ws.sqlite"
    store = _store(db)
    reason = "复议理由-SECRET-MARKER"
    store.apply([FieldChange("P1", "second_round_reason", reason)])
    store.close()
    for path in tmp_path.iterdir():
        assert b"SECRET-MARKER" not in path.read_bytes()
    again = _store(db)
    assert again.load()["P1"].second_round_reason == reason
    again.close()
