import datetime as dt
import json
from pathlib import Path

import pytest

from reviewer_app.central.intake import load_intake
from reviewer_app.central.manifest import build_manifest
from reviewer_app.core.errors import IntakeError
from reviewer_app.core.rubric import Rubric
from reviewer_app.core.seat_codes import seat_code_check
from tests.helpers.intake import ROW, write_intake

WHEN = dt.datetime(2026, 6, 20, 8, 30, tzinfo=dt.UTC)


def _intake(tmp_path: Path):
    root = write_intake(tmp_path / "in", [ROW, {**ROW, "project_id": "P2"},
                                          {**ROW, "project_id": "P3", "vendor": "无名云"}])
    (root / "seats.csv").write_text(
        "seat_id,name,affiliation,expertise,public_key,projects\n"
        "S01,张三,深圳大学,AI,,P1;P3\nS02,李四,南方科技大学,金融,,P1\n", encoding="utf-8")
    return load_intake(root)


def test_manifest_carries_only_assigned_projects(tmp_path: Path) -> None:
    plan = build_manifest(_intake(tmp_path), created_at=WHEN,
                          random_bytes=[bytes(10), b"\xff" * 10])
    manifest = plan.manifest
    assert [p["project_id"] for p in manifest["projects"]] == ["P1", "P3"]
    assert manifest["assignments"] == {"S01": ["P1", "P3"], "S02": ["P1"]}
    assert manifest["created_at"] == "2026-06-20T08:30:00Z"
    assert manifest["session"]["kind"] == "panel"
    assert plan.seat_codes == {"S01": "0" * 16, "S02": "Z" * 16}
    # Each seat carries its code's check value, never the code.
    assert [s["seat_code_check"] for s in manifest["seats"]] == [
        seat_code_check("S01", "0" * 16), seat_code_check("S02", "Z" * 16)]
    assert "0" * 16 not in json.dumps(manifest) and "Z" * 16 not in json.dumps(manifest)
    # member ids follow the order of plan.materials, category first
    p1 = manifest["projects"][0]
    assert [m["member_id"] for m in p1["materials"]] == list(range(1, 8))
    assert [m["category"] for m in p1["materials"]] == [1, 2, 3, 4, 5, 6, 7]
    assert len(plan.materials) == 14
    assert plan.materials[7].ref.project_id == "P3"
    assert p1["contract_amount"] == "1200000.5"
    assert p1["eligibility"]["status"] == "pass"
    assert Rubric.from_dict(manifest["rubric"]).total_max == 100
    assert plan.warnings == ("P3: assigned for review although eligibility failed "
                             "(registered_vendor)",
                             # a panel of two (issue 14: five or more, an odd number)
                             "P1: 2 seats assigned, fewer than the 5 the program recommends",
                             "P3: 1 seat assigned, fewer than the 5 the program recommends")
    json.dumps(manifest, ensure_ascii=False)  # JSON-serialisable, no Decimal or date left


def test_inspection_manifest_has_the_checklist(tmp_path: Path) -> None:
    plan = build_manifest(_intake(tmp_path), kind="inspection")
    assert plan.manifest["inspection_checklist"][0]["id"] == "premises"
    codes = list(plan.seat_codes.values())
    assert len(set(codes)) == 2 and all(len(c) == 16 for c in codes)


def test_refuses_bad_kind_and_empty_assignments(tmp_path: Path) -> None:
    intake = _intake(tmp_path)
    with pytest.raises(IntakeError, match="panel or inspection"):
        build_manifest(intake, kind="party")
    (intake.root / "seats.csv").write_text("seat_id,name,projects\nS01,张三,\n",
                                           encoding="utf-8")
    with pytest.raises(IntakeError, match="no project is assigned"):
        build_manifest(load_intake(intake.root))
