"""Workspaces as the code before migration w0003 wrote them, for the upgrade tests.

Up to w0002 every value was sealed under the package's subkey alone (what
``OpenedPackage.workspace_key()`` returns), with the column label ``"table.column"``
as AAD, stored as ``0x01 || nonce || ciphertext || tag``. The schema here is made
by the real migrations up to w0002; only the sealing is written out again, because
the code that did it is gone (its WorkspaceStore read back what this writes,
checked at commit d2e8b59).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import MetaData, insert

from reviewer_app.storage.engines import MIGRATIONS, sqlite_engine
from reviewer_app.storage.inspection import InspectionState, PhotoInfo
from reviewer_app.storage.workspace import EvidenceLink, ProjectState
from reviewer_app.storage.workspace_models import WorkspaceBase
from tests.helpers.images import tiny_png

LEGACY_REVISION = "w0002"
LEGACY_KEY_CHECK = "reviewer-app workspace v1"
AT = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)


def legacy_seal(key: bytes, label: str, plain: bytes) -> bytes:
    nonce = os.urandom(12)
    return b"\x01" + nonce + AESGCM(key).encrypt(nonce, plain, label.encode("ascii"))


def legacy_open(key: bytes, label: str, blob: bytes) -> bytes:
    assert blob[:1] == b"\x01"
    return AESGCM(key).decrypt(blob[1:13], blob[13:], label.encode("ascii"))


def sealed_values(path: Path) -> dict[tuple[str, int, str], bytes]:
    """Every stored encrypted value as it is in the file, by (table, rowid, column)."""
    values = {}
    with sqlite3.connect(path) as raw:
        for mapper in WorkspaceBase.registry.mappers:
            model = mapper.class_
            present = {row[1] for row in raw.execute(
                f"PRAGMA table_info({model.__tablename__})")}
            # A column a later migration adds (w0004) is not in an older file.
            for column in (c for c in model.__sealed__ if c in present):
                for rowid, blob in raw.execute(
                        f"SELECT rowid, {column} FROM {model.__tablename__} "
                        f"WHERE {column} IS NOT NULL"):
                    values[(model.__tablename__, rowid, column)] = bytes(blob)
    return values


def revision(path: Path) -> str:
    with sqlite3.connect(path) as raw:
        return raw.execute("SELECT version_num FROM alembic_version").fetchone()[0]


@dataclass
class LegacyWorkspace:
    """What was written, in the form the stores read it back."""

    path: Path
    states: dict[str, ProjectState]
    inspection: dict[str, InspectionState]
    audit: list[tuple[str, str | None, str | None]]
    photos: dict[int, bytes]


def build_legacy_workspace(path: Path, package_key: bytes, *, package_id: str,
                           manifest_sha256: str, seat_id: str = "S01") -> LegacyWorkspace:
    """A w0002 workspace with a value in every encrypted column (and some NULLs)."""
    engine = sqlite_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / "workspace"))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, LEGACY_REVISION)
            tables = MetaData()
            tables.reflect(connection)
            return _fill(connection, tables, path, package_key, package_id, manifest_sha256,
                         seat_id)
    finally:
        engine.dispose()


def _fill(connection, tables: MetaData, path: Path, key: bytes, package_id: str,
          manifest_sha256: str, seat_id: str) -> LegacyWorkspace:
    def sealed(table: str, column: str, value: str | bytes | None) -> bytes | None:
        if value is None:
            return None
        plain = value.encode("utf-8") if isinstance(value, str) else value
        return legacy_seal(key, f"{table}.{column}", plain)

    def add(table: str, **values) -> None:
        row = {name: sealed(table, name, value) if isinstance(value, str | bytes)
               and tables.tables[table].c[name].type.python_type is bytes else value
               for name, value in values.items()}
        connection.execute(insert(tables.tables[table]), row)

    add("workspace_meta", id=1, package_id=package_id, manifest_sha256=manifest_sha256,
        seat_id=seat_id, key_check=LEGACY_KEY_CHECK, created_at=AT)
    states = {
        "P1": ProjectState("P1", scores={"advancement": "25.5", "innovation": "18"},
                           comments={"advancement": "国际领先：自研多模态模型"},
                           overall_comment="总体良好", recommendation="recommend",
                           evidence=[EvidenceLink("advancement", 3, 12, "第12页"),
                                     EvidenceLink("innovation", 4, 1)]),
        "P2": ProjectState("P2", comments={"advancement": "草稿"}, conflict_declared=True,
                           conflict_reason="曾任该企业顾问"),
        "P3": ProjectState("P3"),
    }
    for state in states.values():
        add("project_review", project_id=state.project_id,
            conflict_declared=state.conflict_declared,
            conflict_reason=state.conflict_reason or None,
            overall_comment=state.overall_comment or None,
            recommendation=state.recommendation or None, updated_at=AT)
        for cid in sorted(state.scores.keys() | state.comments.keys()):
            add("criterion_score", project_id=state.project_id, criterion_id=cid,
                score=state.scores.get(cid), comment=state.comments.get(cid), updated_at=AT)
        for link in state.evidence:
            add("evidence", project_id=state.project_id, criterion_id=link.criterion_id,
                member_id=link.member_id, page=link.page, note=link.note, created_at=AT)
    audit = [("score", "P1", json.dumps({"criterion": "advancement", "value": "25.5"})),
             ("conflict_declared", "P2", json.dumps({"criterion": None, "value": True})),
             ("export", None, "revision 1"), ("seat", None, None)]
    for action, project_id, detail in audit:
        add("audit_log", at=AT, action=action, project_id=project_id, detail=detail)

    first, second = tiny_png(b"gate"), tiny_png(b"line")
    photos = {1: first, 2: second}
    inspection = {"P3": InspectionState(
        "P3", results={"premises": "compliant"},
        notes={"premises": "营业执照地址与现场一致", "system_demo": "演示推迟"},
        findings="系统已上线运行三个月",
        photos=[PhotoInfo(1, "P3", hashlib.sha256(first).hexdigest(), "image/png",
                          len(first), "厂区门口"),
                PhotoInfo(2, "P3", hashlib.sha256(second).hexdigest(), "image/png",
                          len(second))])}
    visit = inspection["P3"]
    for item_id in sorted(visit.results.keys() | visit.notes.keys()):
        add("inspection_answer", project_id="P3", item_id=item_id,
            result=visit.results.get(item_id), note=visit.notes.get(item_id), updated_at=AT)
    add("inspection_findings", project_id="P3", findings=visit.findings, updated_at=AT)
    for photo in visit.photos:
        add("inspection_photo", id=photo.id, project_id="P3", sha256=photo.sha256,
            media_type=photo.media_type, size=photo.size, caption=photo.caption or None,
            data=photos[photo.id], added_at=AT)
    return LegacyWorkspace(path, states, inspection, audit, photos)
