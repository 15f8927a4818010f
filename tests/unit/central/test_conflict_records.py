"""Merge records each declared conflict with its category (central store c0007), and the
results count them by category (docs/formats.md §2.7, §1.8.3): sheets of formats 1 and 2
count as 未分类."""

from __future__ import annotations

import hashlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from reviewer_app.central.merge import merge_sheets, register_package
from reviewer_app.central.results import compute_results
from reviewer_app.central.results_pdf import conflicts_line
from reviewer_app.storage.engines import MIGRATIONS, central_engine, migrate
from tests.helpers.central import PACKAGE_ID, fake_sheet, fake_verify, manifest_bytes, scored


def _categorised(project_id: str, category: str | None, hint: str | None = None) -> dict:
    entry = scored(project_id, conflict=True)
    entry["conflict"]["category"] = category
    entry["hint"] = None if hint is None else {"answer": hint, "reason": ""}
    return entry


def _rows(engine) -> list[tuple]:
    with engine.connect() as connection:
        return sorted(tuple(r) for r in connection.execute(text(
            "SELECT seat_id, project_id, category, hint_answer FROM declared_conflict")))


def test_merge_records_categories_and_replaces_them_with_the_sheet(tmp_path: Path) -> None:
    engine = central_engine(str(tmp_path / "c.sqlite"))
    migrate(engine, "central")
    data = manifest_bytes(tmp_path)
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    ok = [scored("P2", "20", "15", "12", "15"), scored("P3", "20", "15", "12", "15")]
    s1 = fake_sheet("S1", [_categorised("P1", "employment", "conflict"), *ok])
    s2 = fake_sheet("S2", [_categorised("P1", "relative"), *ok])
    s3 = fake_sheet("S3", [scored("P1", conflict=True), *ok])  # a format-2 sheet: none
    merge_sheets(engine, [("s1", s1), ("s2", s2), ("s3", s3)], verify=fake_verify)
    assert _rows(engine) == [("S1", "P1", "employment", "conflict"),
                             ("S2", "P1", "relative", None), ("S3", "P1", None, None)]

    results = compute_results(engine)
    counts = {c.name: c.count for c in results.conflict_counts()}
    assert counts["近三年在申报单位任职或担任顾问"] == 1 and counts["亲属关系"] == 1
    assert counts["未分类"] == 1 and counts["其他"] == 0
    assert conflicts_line(results) == ("利益冲突回避 3 人次：近三年在申报单位任职或担任顾问 1，"
                                       "亲属关系 1，未分类 1。")

    # S2's revision 2 withdraws the conflict: its record goes with it.
    s2r2 = fake_sheet("S2", [scored("P1", "20", "15", "12", "15"), *ok], revision=2)
    merge_sheets(engine, [("s2r2", s2r2)], verify=fake_verify)
    assert _rows(engine) == [("S1", "P1", "employment", "conflict"), ("S3", "P1", None, None)]
    engine.dispose()


def test_upgrading_a_store_records_the_conflicts_of_its_accepted_sheets(
        tmp_path: Path) -> None:
    engine = central_engine(str(tmp_path / "c.sqlite"))
    migrate(engine, "central")
    data = manifest_bytes(tmp_path)
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    ok = [scored("P2", "20", "15", "12", "15"), scored("P3", "20", "15", "12", "15")]
    merge_sheets(engine, [("s1", fake_sheet("S1", [_categorised("P1", "vendor"), *ok])),
                          ("s3", fake_sheet("S3", [scored("P1", conflict=True), *ok]))],
                 verify=fake_verify)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / "central"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "c0006")
    with engine.connect() as connection:
        tables = {r[0] for r in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "declared_conflict" not in tables
    migrate(engine, "central")  # c0007 again, filled from the stored sheets
    assert _rows(engine) == [("S1", "P1", "vendor", None), ("S3", "P1", None, None)]
    engine.dispose()
