"""Merge rules and results over a real SQLite store, signatures stubbed (see helpers)."""

import csv
import hashlib
import io
import json
import random
from decimal import Decimal
from pathlib import Path

import pytest

from reviewer_app.central.merge import merge_sheets, register_package
from reviewer_app.central.reports import (
    award_entries,
    publicity_csv,
    results_csv,
    results_document,
    tier_names,
)
from reviewer_app.central.results import ResultsError, compute_results
from reviewer_app.storage.engines import central_engine, migrate
from tests.helpers.central import (
    PACKAGE_ID,
    fake_sheet,
    fake_verify,
    manifest_bytes,
    registered_store,
    scored,
)


@pytest.fixture
def store(tmp_path: Path):
    engine = registered_store(tmp_path)
    yield engine
    engine.dispose()


def _merge(engine, *sheets: bytes):
    return merge_sheets(engine, [(f"sheet{i}", s) for i, s in enumerate(sheets)],
                        verify=fake_verify)


def full_sheet(seat: str, base: int, revision: int = 1, previous=None) -> bytes:
    return fake_sheet(seat, [scored("P1", str(base // 4 + 5), "20", "15", "20"),
                             scored("P2", "20", "15", "10", "15"),
                             scored("P3", "10", "10", "10", "10")], revision,
                      previous=previous)


def test_merge_decisions(store) -> None:
    r1 = full_sheet("S1", 80)
    r2 = full_sheet("S1", 84, revision=2)
    other_r2 = full_sheet("S1", 88, revision=2)
    outcomes = _merge(store, r1, r1, r2, full_sheet("S1", 60, revision=1), other_r2,
                      fake_sheet("S2", [], signed=False), b"not json at all")
    assert [o.decision for o in outcomes] == ["accepted", "no-op", "replaced", "rollback",
                                              "equivocation", "rejected", "rejected"]
    assert "already merged" in outcomes[1].reason
    assert "bad signature" in outcomes[5].reason
    assert outcomes[6].reason == "not a score sheet"
    assert [o.rejected for o in outcomes] == [False, False, False, True, True, True, True]


def test_results_are_order_independent_and_idempotent(store, tmp_path: Path) -> None:
    sheets = [full_sheet(f"S{s}", 60 + 4 * s) for s in range(1, 6)]
    sheets.append(full_sheet("S3", 90, revision=2))
    _merge(store, *sheets)
    first = results_csv(compute_results(store))

    other = central_engine(str(tmp_path / "other.sqlite"))
    migrate(other, "central")
    data = manifest_bytes(tmp_path / "again")
    register_package(other, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    shuffled = list(sheets)
    random.Random(3).shuffle(shuffled)
    _merge(other, *shuffled)
    _merge(other, *shuffled)  # idempotent
    assert results_csv(compute_results(other)) == first
    other.dispose()


def test_results_numbers(store) -> None:
    # P1: five totals 75, 76, 77, 78, 79 -> trimmed mean 77 -> 二档 20% of 1,000,000
    # but P1 and P2 share an enterprise; P2 totals 60 -> below tiers -> 0.
    sheets = [fake_sheet(f"S{s}", [scored("P1", "25", "20", "15", str(14 + s)),
                                   scored("P2", "20", "15", "10", "15"),
                                   scored("P3", "30", "25", "20", "15") if s != 5 else
                                   scored("P3", "", "", "", "", conflict=True)])
              for s in range(1, 6)]
    _merge(store, *sheets)
    results = compute_results(store)
    by_id = {r.project_id: r for r in results.rows}
    assert by_id["P1"].aggregate.score == Decimal("77.00")
    assert by_id["P1"].award.amount == Decimal(200000)
    assert by_id["P2"].award.amount == 0
    assert by_id["P3"].aggregate.excluded_conflicts == ("S5",)
    assert by_id["P3"].aggregate.score == Decimal("90.00")       # 4 reviews: plain mean
    assert by_id["P3"].award.amount == Decimal(300000)
    assert [r.project_id for r in results.rows] == ["P3", "P1", "P2"]
    document = results_document(results)
    assert document["budget"]["awarded_total"] == "500000"
    assert len(document["sheets_sha256"]) == 5
    entries = award_entries(document["projects"], tier_names(results))
    rows = list(csv.reader(io.StringIO(publicity_csv(entries).decode("utf-8-sig"))))
    assert rows == [["序号", "企业名称", "项目名称", "资助档次", "资助金额（万元）"],
                    ["1", "深圳市甲科技有限公司P3", "智能质检", "一档", "30.00"],
                    ["2", "深圳市甲科技有限公司", "智能质检", "二档", "20.00"]]
    json.dumps(document)


def test_budget_override_and_empty_store(store, tmp_path: Path) -> None:
    _merge(store, *[full_sheet(f"S{s}", 80) for s in range(1, 6)])
    results = compute_results(store, budget=Decimal(1000))
    assert results.funding.awarded_total <= 1000
    empty = central_engine(str(tmp_path / "empty.sqlite"))
    migrate(empty, "central")
    with pytest.raises(ResultsError, match="no panel package"):
        compute_results(empty)
    empty.dispose()


def test_program_is_kept_and_a_different_program_file_refused(store, tmp_path: Path) -> None:
    from sqlalchemy.orm import Session

    from reviewer_app.core.errors import ReviewerError
    from reviewer_app.storage.central_models import Program

    with Session(store) as session:
        program = session.get(Program, "ai-plus-2026")
        assert program.year == 2026 and "[rubric]" in program.program_file
    manifest = json.loads(manifest_bytes(tmp_path / "other"))
    manifest["package_id"] = "f" * 32
    manifest["program"]["program_file"] += "\n# edited\n"
    data = json.dumps(manifest).encode()
    with pytest.raises(ReviewerError, match="different program file"):
        register_package(store, data, hashlib.sha256(data).hexdigest(), "f" * 32)


def test_results_runs_are_recorded(store, tmp_path: Path) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from reviewer_app.central.reports import write_results
    from reviewer_app.storage.central_models import ResultsRun

    _merge(store, *[full_sheet(f"S{s}", 80) for s in range(1, 6)])
    write_results(compute_results(store), tmp_path / "out", store)
    with Session(store) as session:
        runs = list(session.scalars(select(ResultsRun)))
    assert len(runs) == 1
    assert runs[0].document_json.encode() == (tmp_path / "out" / "results.json").read_bytes()


def test_hostile_files_are_rejected_without_stopping_the_merge(store) -> None:
    good = full_sheet("S1", 80)
    deep = b"[" * 100000
    deep_payload = json.dumps({"payload": __import__("base64").b64encode(
        b"[" * 200000).decode()}).encode()
    huge = b" " * (4 * 1024 * 1024 + 1)
    outcomes = _merge(store, deep, deep_payload, huge, good)
    assert [o.decision for o in outcomes] == ["rejected", "rejected", "rejected", "accepted"]
    assert outcomes[2].reason.startswith("oversized")


def test_a_rejected_file_is_looked_at_again_later(tmp_path: Path) -> None:
    engine = central_engine(str(tmp_path / "late.sqlite"))
    migrate(engine, "central")
    sheet = full_sheet("S1", 80)
    first = _merge(engine, sheet)
    assert first[0].decision == "rejected" and "not registered" in first[0].reason
    again = _merge(engine, sheet)  # same reason: reported, not recorded twice
    assert again[0].decision == "rejected"
    data = manifest_bytes(tmp_path)
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    assert _merge(engine, sheet)[0].decision == "accepted"
    assert _merge(engine, sheet)[0].decision == "no-op"
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from reviewer_app.storage.central_models import MergeDecision
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(MergeDecision)) == 2
    engine.dispose()


def test_an_equivocating_seat_counts_for_nothing(store) -> None:
    sheets = [full_sheet(f"S{s}", 80) for s in range(1, 6)]
    outcomes = _merge(store, *sheets, full_sheet("S5", 40))
    assert outcomes[-1].decision == "equivocation"
    p1 = {r.project_id: r for r in compute_results(store).rows}["P1"].aggregate
    assert p1.counted == ("S1", "S2", "S3", "S4")
    _merge(store, full_sheet("S5", 40, revision=2))  # a higher revision settles it
    p1 = {r.project_id: r for r in compute_results(store).rows}["P1"].aggregate
    assert p1.counted == ("S1", "S2", "S3", "S4", "S5")


def test_inspection_sheets_are_not_panel_reviews(store, tmp_path: Path) -> None:
    sheets = [full_sheet(f"S{s}", 80) for s in range(1, 6)]
    _merge(store, *sheets)
    before = results_csv(compute_results(store))
    manifest = json.loads(manifest_bytes(tmp_path / "inspection"))
    manifest["package_id"] = "e" * 32
    manifest["session"]["kind"] = "inspection"
    data = json.dumps(manifest, ensure_ascii=False).encode()
    register_package(store, data, hashlib.sha256(data).hexdigest(), "e" * 32)
    visits = [fake_sheet(f"S{s}", [scored("P1", "1", "1", "1", "1")], package_id="e" * 32)
              for s in range(1, 3)]
    assert [o.decision for o in _merge(store, *visits)] == ["accepted"] * 2
    assert results_csv(compute_results(store)) == before
