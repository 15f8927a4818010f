"""Manifest format 4 and sheet format 3 (docs/formats.md §1.8.3, §2.4.1): built from a
real intake whose seat list names employers, signed, verified and printed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from reviewer_app.central.intake import load_intake
from reviewer_app.central.manifest import build_manifest
from reviewer_app.core.errors import ProgramError
from reviewer_app.core.program import parse_program
from reviewer_app.package import format as fmt
from reviewer_app.sheets import SheetContext, SheetError, SheetIncomplete, verify_sheet
from reviewer_app.sheets.build import build_sheet, missing_items
from reviewer_app.sheets.pdf import render_sheet_pdf
from reviewer_app.sheets.seat_keys import seat_signing_key
from reviewer_app.storage.workspace import ProjectState
from tests.helpers.central import PACKAGE_ID, _other_uscc, seat_code_bytes
from tests.helpers.commitment import ACCEPTED_AT
from tests.helpers.intake import ROW, write_intake
from tests.helpers.programs import default_program_text

SCORES = {"advancement": "20", "innovation": "15", "applicability": "12", "outcome": "15"}


def _manifest(tmp_path: Path) -> tuple[dict, str, dict]:
    rows = [{**ROW, "project_id": f"P{i}", "uscc": ROW["uscc"] if i < 2 else _other_uscc(i),
             "actual_cost": "1000000", "requested_amount": "300000"} for i in (1, 2)]
    root = write_intake(tmp_path / "intake", rows)
    # S1 once worked for P1's applicant (another spelling of 深圳市甲科技有限公司); S2's
    # employer is P2's cloud vendor.
    (root / "seats.csv").write_text(
        "seat_id,name,projects,employer,past_employers\n"
        "S1,专家一,P1;P2,某大学,深圳市甲科技(深圳)股份有限公司;某研究院\n"
        "S2,专家二,P1;P2,华为云计算技术有限公司,\n", encoding="utf-8")
    plan = build_manifest(load_intake(root), package_id=bytes.fromhex(PACKAGE_ID),
                          random_bytes=[seat_code_bytes(s) for s in (1, 2)])
    manifest = json.loads(json.dumps({**plan.manifest, "package_id": PACKAGE_ID,
                                      "members": []}, ensure_ascii=False))
    codes = dict(plan.seat_codes)
    return manifest, hashlib.sha256(json.dumps(manifest).encode()).hexdigest(), codes


def test_the_build_writes_format_4_with_the_prescreened_hints(tmp_path: Path) -> None:
    manifest, _, _ = _manifest(tmp_path)
    assert manifest["format"] == fmt.MANIFEST_FORMAT_4
    assert "return_recipient" not in manifest  # a panel: optional, and absent
    assert manifest["commitment"]["sha256"] == hashlib.sha256(
        manifest["commitment"]["text"].encode()).hexdigest()
    assert "保密" in manifest["commitment"]["text"] and "回避" in manifest["commitment"]["text"]
    assert [c["name"] for c in manifest["conflict_categories"]] == [
        "近三年在申报单位任职或担任顾问", "亲属关系", "持有股份或投资", "参与申报材料编写",
        "与所用云服务商存在关联", "其他"]
    hints = {s["seat_id"]: s["conflict_hints"] for s in manifest["seats"]}
    assert hints["S1"] == [{"project_id": "P1", "category": "employment",
                            "matched": ["深圳市甲科技(深圳)股份有限公司", "深圳市甲科技有限公司"]}]
    # Both projects were bought from the same vendor, S2's employer.
    assert [(h["project_id"], h["category"]) for h in hints["S2"]] == [("P1", "vendor"),
                                                                       ("P2", "vendor")]
    fmt.check_manifest_4(manifest)  # what every reader checks


@pytest.mark.parametrize("edit, message", [
    (lambda m: m["commitment"].__setitem__("text", "另一份承诺"), "sha-256 of its text"),
    (lambda m: m.pop("conflict_categories"), "conflict_categories"),
    (lambda m: m["conflict_categories"].append(dict(m["conflict_categories"][0])), "unique"),
    (lambda m: m["seats"][0]["conflict_hints"][0].__setitem__("category", "bribery"),
     "unknown category"),
    (lambda m: m["seats"][0]["conflict_hints"][0].__setitem__("project_id", "P9"),
     "not assigned"),
    (lambda m: m["seats"][1].pop("conflict_hints"), "not a list"),
    (lambda m: m.__setitem__("return_recipient", {"type": "x25519"}), "return_recipient"),
])
def test_every_reader_refuses_a_malformed_format_4_manifest(tmp_path: Path, edit,
                                                            message: str) -> None:
    manifest, _, _ = _manifest(tmp_path)
    edit(manifest)
    with pytest.raises(fmt.FormatViolation, match=message):
        fmt.check_manifest_4(manifest)


def test_a_program_file_gives_commitment_and_categories_together() -> None:
    text = default_program_text()
    without = text.split("[commitment]")[0] + "[rubric]" + text.split("[rubric]", 1)[1]
    assert parse_program(without).commitment == ""  # an older program file: format 2/3
    only_text = without.replace("[rubric]", '[commitment]\ntext = "承诺"\n\n[rubric]', 1)
    with pytest.raises(ProgramError, match="both or neither"):
        parse_program(only_text)
    no_other = text.replace('id = "other"', 'id = "misc"')
    with pytest.raises(ProgramError, match='"other"'):
        parse_program(no_other)


def _states(**p1: object) -> dict[str, ProjectState]:
    return {"P1": ProjectState("P1", **p1),  # type: ignore[arg-type]
            "P2": ProjectState("P2", scores=dict(SCORES))}


def _sign(manifest: dict, sha: str, codes: dict, states: dict, **extra: object):
    return build_sheet(manifest, manifest_sha256=sha, seat_id="S1", expert_name="专家一",
                       states=states, seat_code=codes["S1"],
                       private_key=seat_signing_key(codes["S1"], PACKAGE_ID, "S1"),
                       created_at=dt.datetime(2026, 6, 20, 2, 30, tzinfo=dt.UTC), **extra)


def test_the_hint_is_answered_and_a_conflict_names_its_category_before_signing(
        tmp_path: Path) -> None:
    manifest, sha, codes = _manifest(tmp_path)
    unanswered = _states(scores=dict(SCORES))
    assert [(m.project_id, m.kind) for m in missing_items(manifest, "S1", unanswered)] == [
        ("P1", "hint")]
    no_reason = _states(scores=dict(SCORES), hint_answer="no_conflict")
    assert [m.kind for m in missing_items(manifest, "S1", no_reason)] == ["hint"]
    uncategorised = _states(conflict_declared=True, conflict_reason="曾任职",
                            hint_answer="conflict")
    assert [m.kind for m in missing_items(manifest, "S1", uncategorised)] == [
        "conflict_category"]
    with pytest.raises(SheetIncomplete):
        _sign(manifest, sha, codes, uncategorised, commitment_accepted_at=ACCEPTED_AT)


def test_no_sheet_is_signed_before_the_commitment_is_accepted(tmp_path: Path) -> None:
    manifest, sha, codes = _manifest(tmp_path)
    states = _states(scores=dict(SCORES), hint_answer="no_conflict",
                     hint_reason="已于 2019 年离职，与本项目无关")
    with pytest.raises(SheetError, match="承诺书"):
        _sign(manifest, sha, codes, states)


def test_a_format_3_sheet_carries_acceptance_category_and_answer(tmp_path: Path) -> None:
    manifest, sha, codes = _manifest(tmp_path)
    states = _states(conflict_declared=True, conflict_reason="本人曾在该企业任职",
                     conflict_category="employment", hint_answer="conflict")
    signed = _sign(manifest, sha, codes, states, commitment_accepted_at=ACCEPTED_AT)
    body = signed.body.to_dict()
    assert body["format"] == "reviewer-app/sheet/3"
    assert b"sheet+json;version=3" in signed.envelope
    assert body["commitment"] == {"sha256": manifest["commitment"]["sha256"],
                                  "accepted_at": "2026-06-20T01:00:00Z"}
    p1, p2 = body["projects"]
    assert p1["conflict"] == {"declared": True, "reason": "本人曾在该企业任职",
                              "category": "employment"}
    assert p1["hint"] == {"answer": "conflict", "reason": ""}
    assert p2["conflict"]["category"] is None and p2["hint"] is None
    verified = verify_sheet(signed.envelope, SheetContext.from_manifest(manifest, sha))
    assert verified.seat_proof == "seat key"

    # The printed sheet (§2.10): acceptance in 北京时间, the category's name, the answer.
    pdf = render_sheet_pdf(signed.body, signed.body_sha256, manifest)
    text = "".join("".join(p.extract_text() for p in PdfReader(_bytes_io(pdf)).pages).split())
    assert "承诺书：专家已于2026-06-2009:00（北京时间UTC+8）阅读并确认" in text
    assert manifest["commitment"]["sha256"] in text
    assert "冲突类别：近三年在申报单位任职或担任顾问" in text
    assert "专家答复：确认存在冲突（回避）" in text


def test_no_conflict_is_answered_with_a_reason_and_printed(tmp_path: Path) -> None:
    manifest, sha, codes = _manifest(tmp_path)
    states = _states(scores=dict(SCORES), hint_answer="no_conflict",
                     hint_reason="已于 2019 年离职，与本项目无关")
    signed = _sign(manifest, sha, codes, states, commitment_accepted_at=ACCEPTED_AT)
    assert signed.body.projects[0].hint == dataclasses.replace(
        signed.body.projects[0].hint, answer="no_conflict", reason="已于 2019 年离职，与本项目无关")
    pdf = render_sheet_pdf(signed.body, signed.body_sha256, manifest)
    text = "".join("".join(p.extract_text() for p in PdfReader(_bytes_io(pdf)).pages).split())
    assert "专家答复：不存在冲突。理由：已于2019年离职，与本项目无关" in text


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)
