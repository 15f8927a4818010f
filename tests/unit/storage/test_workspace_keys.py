"""The workspace key needs the expert's own secret; every value is bound to its row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import LargeBinary

from reviewer_app.storage.encrypted import (
    ExpertSecret,
    WorkspaceCipher,
    WorkspaceKeyError,
    row_aad,
    workspace_key,
)
from reviewer_app.storage.inspection import InspectionStore
from reviewer_app.storage.workspace import EvidenceLink, FieldChange, WorkspaceStore
from reviewer_app.storage.workspace_models import WorkspaceBase
from tests.helpers.images import tiny_png

PACKAGE_KEY = bytes(range(32))
PACKAGE_ID = "ab" * 16
PKG = dict(package_id=PACKAGE_ID, manifest_sha256="cd" * 32)
CODE_1 = "ABCD-EFGH-JKMN-PQRS"
CODE_2 = "0123-4567-89AB-CDEF"


def _hkdf(ikm: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt, info).derive(ikm)


def _open(path: Path, secret: ExpertSecret, seat_id: str = "S01",
          package_key: bytes = PACKAGE_KEY) -> WorkspaceStore:
    return WorkspaceStore(path, package_key, secret, seat_id=seat_id, **PKG)


def _filled(path: Path) -> None:
    store = _open(path, ExpertSecret.from_seat_code(CODE_1))
    store.apply([FieldChange(pid, field, f"{field}-{pid}-{cid}", cid)
                 for pid in ("P1", "P2") for cid in ("advancement", "innovation")
                 for field in ("score", "comment")])
    store.apply([FieldChange(pid, "overall_comment", f"overall-{pid}") for pid in ("P1", "P2")]
                + [FieldChange(pid, "checklist_note", f"note-{pid}", "premises")
                   for pid in ("P1", "P2")])
    for pid in ("P1", "P2"):
        store.add_evidence(pid, EvidenceLink("advancement", 3, 1, f"ev-{pid}"))
        InspectionStore(store).add_photo(pid, tiny_png(pid.encode()), f"caption-{pid}")
    store.close()


# --- the derivation, as docs/formats.md §4 writes it ------------------------------------

def test_key_derivation_follows_the_spec() -> None:
    salt = bytes.fromhex(PACKAGE_ID)
    seat = ExpertSecret.from_seat_code("abcd efgh jkmn pqrs")  # canonicalised first
    assert seat.value == b"ABCDEFGHJKMNPQRS" and seat.source == "seat-code"
    assert workspace_key(PACKAGE_KEY, PACKAGE_ID, seat) == _hkdf(
        PACKAGE_KEY + b"ABCDEFGHJKMNPQRS", salt, b"reviewer-app workspace v2 seat-code")

    private = X25519PrivateKey.from_private_bytes(bytes(range(100, 132)))
    identity = ExpertSecret.from_identity(private.private_bytes_raw())
    expected_secret = _hkdf(bytes(range(100, 132)), None,
                            b"reviewer-app workspace identity v1")
    assert identity.value == expected_secret and identity.source == "identity"
    assert workspace_key(PACKAGE_KEY, PACKAGE_ID, identity) == _hkdf(
        PACKAGE_KEY + expected_secret, salt, b"reviewer-app workspace v2 identity")
    assert "value" not in repr(identity).split("(", 1)[1]  # secrets stay out of logs


def test_row_aad_is_length_prefixed() -> None:
    assert row_aad("evidence", "note", ("P1", "a", 3, 12)) == (
        b"RVWS2" b"\x00\x08evidence" b"\x00\x04note" b"\x00\x02P1" b"\x00\x01a"
        b"\x00\x013" b"\x00\x0212")
    # Without the prefixes these two would be the same bytes.
    assert row_aad("t", "c", ("P1", "0x")) != row_aad("t", "c", ("P10", "x"))
    assert row_aad("项目", "c", ("评审",))[5:7] == len("项目".encode()).to_bytes(2, "big")


def test_every_binary_column_is_sealed_and_keyed() -> None:
    for mapper in WorkspaceBase.registry.mappers:
        model, table = mapper.class_, mapper.local_table
        binary = {c.name for c in table.columns if isinstance(c.type, LargeBinary)}
        assert set(model.__sealed__) == binary, model.__name__
        if binary:
            assert model.__row_key__ and set(model.__row_key__) <= set(table.columns.keys())
            assert not set(model.__row_key__) & binary


def test_stored_values_are_version_2_and_fail_under_the_package_key_alone(
        tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    _filled(db)
    with sqlite3.connect(db) as raw:
        score = raw.execute("SELECT score FROM criterion_score WHERE project_id = 'P1' "
                            "AND criterion_id = 'advancement'").fetchone()[0]
    assert score[:1] == b"\x02"
    aad = row_aad("criterion_score", "score", ("P1", "advancement"))
    assert WorkspaceCipher(workspace_key(PACKAGE_KEY, PACKAGE_ID, ExpertSecret.from_seat_code(
        CODE_1))).open(aad, score) == b"score-P1-advancement"
    with pytest.raises(WorkspaceKeyError):  # what every passphrase holder can derive
        WorkspaceCipher(PACKAGE_KEY).open(aad, score)


# --- values moved between rows or columns ------------------------------------------------

SWAPS = [
    # table, column, where-a, where-b (SQL conditions naming two rows), what reads it
    ("criterion_score", "score", "project_id = 'P1' AND criterion_id = 'advancement'",
     "project_id = 'P2' AND criterion_id = 'advancement'", "load"),
    ("criterion_score", "comment", "project_id = 'P1' AND criterion_id = 'advancement'",
     "project_id = 'P1' AND criterion_id = 'innovation'", "load"),
    ("project_review", "overall_comment", "project_id = 'P1'", "project_id = 'P2'", "load"),
    ("evidence", "note", "project_id = 'P1'", "project_id = 'P2'", "load"),
    ("audit_log", "detail", "id = 1", "id = 2", "audit"),
    ("inspection_answer", "note", "project_id = 'P1'", "project_id = 'P2'", "inspection"),
    ("inspection_photo", "caption", "project_id = 'P1'", "project_id = 'P2'", "inspection"),
]


def _read(store: WorkspaceStore, what: str) -> object:
    if what == "load":
        return store.load()
    if what == "audit":
        return store.audit_log()
    return InspectionStore(store).load()


@pytest.mark.parametrize("table, column, row_a, row_b, what", SWAPS,
                         ids=[f"{s[0]}.{s[1]}" for s in SWAPS])
def test_a_value_swapped_between_rows_is_detected(tmp_path: Path, table: str, column: str,
                                                  row_a: str, row_b: str, what: str) -> None:
    db = tmp_path / "ws.sqlite"
    _filled(db)
    with sqlite3.connect(db) as raw:
        a = raw.execute(f"SELECT {column} FROM {table} WHERE {row_a}").fetchone()[0]
        b = raw.execute(f"SELECT {column} FROM {table} WHERE {row_b}").fetchone()[0]
        raw.execute(f"UPDATE {table} SET {column} = ? WHERE {row_a}", (b,))
        raw.execute(f"UPDATE {table} SET {column} = ? WHERE {row_b}", (a,))
    store = _open(db, ExpertSecret.from_seat_code(CODE_1))
    try:
        with pytest.raises(WorkspaceKeyError, match=f"{table}.{column} of .*moved between rows"):
            _read(store, what)
    finally:
        store.close()


def test_a_value_moved_to_another_column_or_altered_is_detected(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    _filled(db)
    where = "project_id = 'P1' AND criterion_id = 'advancement'"
    with sqlite3.connect(db) as raw:
        raw.execute(f"UPDATE criterion_score SET score = comment WHERE {where}")
    store = _open(db, ExpertSecret.from_seat_code(CODE_1))
    with pytest.raises(WorkspaceKeyError, match=r"criterion_score\.score of"):
        store.load()
    store.close()
    with sqlite3.connect(db) as raw:
        blob = bytearray(raw.execute("SELECT overall_comment FROM project_review "
                                     "WHERE project_id = 'P2'").fetchone()[0])
        blob[20] ^= 1
        raw.execute("UPDATE project_review SET overall_comment = ? WHERE project_id = 'P2'",
                    (bytes(blob),))
        raw.execute(f"DELETE FROM criterion_score WHERE {where}")
    store = _open(db, ExpertSecret.from_seat_code(CODE_1))
    with pytest.raises(WorkspaceKeyError, match=r"project_review\.overall_comment of"):
        store.load()
    store.close()


def test_a_photo_moved_to_another_project_is_detected(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    _filled(db)
    with sqlite3.connect(db) as raw:  # the whole photo row, hash and all, moved to P2
        raw.execute("DELETE FROM inspection_photo WHERE project_id = 'P2'")
        raw.execute("UPDATE inspection_photo SET project_id = 'P2'")
        photo_id = raw.execute("SELECT id FROM inspection_photo").fetchone()[0]
    store = _open(db, ExpertSecret.from_seat_code(CODE_1))
    with pytest.raises(WorkspaceKeyError, match=r"inspection_photo\.caption"):
        InspectionStore(store).load()
    with pytest.raises(WorkspaceKeyError, match=r"inspection_photo\.data"):
        InspectionStore(store).photo_bytes(photo_id)
    store.close()


# --- whose workspace ------------------------------------------------------------------------

def test_another_seat_code_cannot_open_the_workspace(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    _filled(db)
    with pytest.raises(WorkspaceKeyError, match=r"belongs to seat S01.*this seat code"):
        _open(db, ExpertSecret.from_seat_code(CODE_2), seat_id="S02")
    with pytest.raises(WorkspaceKeyError, match=r"belongs to seat S01.*this seat code"):
        _open(db, ExpertSecret.from_seat_code(CODE_2))
    # Typed as printed, in lower case with spaces: the same code.
    store = _open(db, ExpertSecret.from_seat_code(CODE_1.lower().replace("-", " ")))
    assert store.load()["P1"].scores["advancement"] == "score-P1-advancement"
    store.close()


def test_the_same_code_with_another_seat_id_moves_the_workspace(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    _filled(db)
    store = _open(db, ExpertSecret.from_seat_code(CODE_1), seat_id="S03")
    assert store.audit_log()[-1][1:] == ("seat", None, "S03")
    store.close()
    with pytest.raises(WorkspaceKeyError, match="belongs to seat S03"):
        _open(db, ExpertSecret.from_seat_code(CODE_2), seat_id="S01")


def test_identity_secret_opens_only_its_own_workspace(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    mine = ExpertSecret.from_identity(X25519PrivateKey.generate().private_bytes_raw())
    store = _open(db, mine)
    store.apply([FieldChange("P1", "comment", "mine", "advancement")])
    store.close()
    with pytest.raises(WorkspaceKeyError, match=r"belongs to seat S01.*this key"):
        _open(db, ExpertSecret.from_identity(X25519PrivateKey.generate().private_bytes_raw()))
    with pytest.raises(WorkspaceKeyError, match="own key and no seat code"):
        _open(db, ExpertSecret.from_seat_code(CODE_1))
    store = _open(db, mine)
    assert store.load()["P1"].comments == {"advancement": "mine"}
    store.close()
    seat_db = tmp_path / "seat.sqlite"
    _open(seat_db, ExpertSecret.from_seat_code(CODE_1)).close()
    with pytest.raises(WorkspaceKeyError, match="seat code of seat S01: enter that seat code"):
        _open(seat_db, mine)
