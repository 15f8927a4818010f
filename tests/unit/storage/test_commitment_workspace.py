"""The 承诺书 acceptance and the structured-conflict fields in the encrypted workspace
(docs/formats.md §4.2, §4.4: migration w0004)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from reviewer_app.storage.encrypted import SEAT_CODE, ExpertSecret
from reviewer_app.storage.workspace import FieldChange, WorkspaceStore

SHA = "7f" * 32


def _open(path: Path) -> WorkspaceStore:
    return WorkspaceStore(path, b"k" * 32, ExpertSecret(SEAT_CODE, b"s" * 32),
                          package_id="ab" * 16, manifest_sha256="cd" * 32, seat_id="S1")


def test_the_acceptance_is_kept_once_encrypted_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "ws.sqlite"
    store = _open(path)
    try:
        assert store.commitment_accepted(SHA) is None
        first = store.accept_commitment(SHA, dt.datetime(2026, 6, 20, 1, 0, 0, 7,
                                                         tzinfo=dt.UTC))
        assert first == dt.datetime(2026, 6, 20, 1, 0, tzinfo=dt.UTC)
        # Accepting again keeps the first time: it is when the expert committed.
        assert store.accept_commitment(SHA) == first
        assert store.commitment_accepted("00" * 32) is None  # another text
    finally:
        store.close()
    with sqlite3.connect(path) as raw:
        (sealed,) = raw.execute("SELECT accepted_at FROM commitment_acceptance").fetchone()
    assert sealed[:1] == b"\x02" and b"2026" not in sealed
    store = _open(path)
    try:
        assert store.commitment_accepted(SHA) == first
        assert [a[1] for a in store.audit_log()].count("commitment") == 1
    finally:
        store.close()


def test_category_and_hint_answer_are_stored_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "ws.sqlite"
    store = _open(path)
    try:
        store.apply([FieldChange("P1", "conflict_declared", True),
                     FieldChange("P1", "conflict_category", "relative"),
                     FieldChange("P1", "hint_answer", "no_conflict"),
                     FieldChange("P1", "hint_reason", "已离职五年")])
    finally:
        store.close()
    with sqlite3.connect(path) as raw:
        row = raw.execute("SELECT conflict_category, hint_answer, hint_reason "
                          "FROM project_review").fetchone()
    assert all(value[:1] == b"\x02" for value in row)
    store = _open(path)
    try:
        state = store.load()["P1"]
    finally:
        store.close()
    assert (state.conflict_category, state.hint_answer, state.hint_reason) == (
        "relative", "no_conflict", "已离职五年")
