"""Building a body from what the expert typed: completeness, normalisation, signing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reviewer_app.sheets import (
    MissingItem,
    SheetError,
    SheetIncomplete,
    build_body,
    build_sheet,
    missing_items,
    sign_body,
    verify_sheet,
)
from reviewer_app.sheets.body import raw_public_key
from reviewer_app.storage.workspace import EvidenceLink, ProjectState

from .conftest import CREATED_AT


def _build(manifest: dict[str, Any], sha: str, states: dict[str, ProjectState],
           gen: Any, **changes: Any):
    args = dict(manifest_sha256=sha, seat_id="S01", expert_name="张伟", states=states,
                private_key=gen.KEY_A, seat_code=gen.SEAT_CODES["S01"], created_at=CREATED_AT)
    args.update(changes)
    return build_sheet(manifest, **args)


def test_complete_entries_have_nothing_missing(manifest, states) -> None:
    assert missing_items(manifest, "S01", states) == []


def test_missing_items_are_structured_and_ordered(manifest) -> None:
    states = {
        "P1": ProjectState("P1", scores={"advancement": "27", "innovation": "abc"}),
        "P2": ProjectState("P2", conflict_declared=True, conflict_reason="  "),
    }
    items = missing_items(manifest, "S01", states)
    assert [(i.project_id, i.criterion_id, i.kind) for i in items] == [
        ("P1", "advancement", "comment_required"),
        ("P1", "innovation", "invalid_score"),
        ("P1", "outcome", "score"),
        ("P2", None, "conflict_reason"),
    ]
    assert all(isinstance(i, MissingItem) and i.detail for i in items)
    assert (items[0].score, items[0].band_id) == (Decimal("27"), "top")  # named in the GUI


def test_untouched_project_misses_every_score(manifest) -> None:
    items = missing_items(manifest, "S01", {})
    assert [(i.project_id, i.kind) for i in items] == [("P1", "score")] * 3 + [
        ("P2", "score")] * 3


def test_bottom_band_needs_a_comment_too(manifest, states) -> None:
    states["P1"].scores["outcome"] = "5"
    assert [(i.criterion_id, i.kind) for i in missing_items(manifest, "S01", states)] == [
        ("outcome", "comment_required")]
    states["P1"].comments["outcome"] = "缺乏成效数据"
    assert missing_items(manifest, "S01", states) == []


def test_build_refuses_incomplete_entries_listing_them(manifest, manifest_sha256, gen) -> None:
    states = {"P1": ProjectState("P1", scores={"advancement": "10"})}
    with pytest.raises(SheetIncomplete) as info:
        _build(manifest, manifest_sha256, states, gen)
    assert "P1/innovation: score" in str(info.value)
    assert "P2/advancement: score" in str(info.value)
    assert len(info.value.items) == 5


def test_body_content(sheet, gen) -> None:
    body = sheet.body.to_dict()
    assert body["format"] == "reviewer-app/sheet/1"
    assert body["created_at"] == "2026-06-20T02:30:00Z"
    assert body["previous_sha256"] is None and body["revision"] == 1
    p1, p2 = body["projects"]
    assert p1["scores"] == {"advancement": "26", "innovation": "18.5", "outcome": "30"}
    assert p1["total"] == "74.5"
    assert p1["evidence"] == [{"criterion_id": "advancement", "member_id": 2, "page": 5},
                              {"criterion_id": "outcome", "member_id": 3, "page": 12}]
    # A conflicted project drops whatever was typed before the declaration.
    reason = "本人曾担任该企业技术顾问（2024 年）。"
    assert p2 == {"project_id": "P2", "conflict": {"declared": True, "reason": reason},
                  "scores": {}, "total": None, "comments": {}, "overall_comment": "",
                  "recommendation": "", "evidence": []}
    assert sheet.filename == "S01-r1.revsheet"
    assert json.loads(sheet.envelope)["signatures"][0]["keyid"] == sheet.key_id


def test_text_is_nfc_and_trimmed_and_scores_normalised(manifest, manifest_sha256, states,
                                                       gen) -> None:
    states["P1"].scores["innovation"] = " 18.50 "
    states["P1"].comments["advancement"] = "  Cafe\u0301 模型  "
    sheet = _build(manifest, manifest_sha256, states, gen, expert_name="  Jose\u0301 ")
    body = sheet.body.to_dict()
    assert body["expert_name"] == "Jos\u00e9"
    assert body["projects"][0]["comments"]["advancement"] == "Caf\u00e9 模型"
    assert body["projects"][0]["scores"]["innovation"] == "18.5"


def test_zero_is_never_negative(manifest, manifest_sha256, states, gen) -> None:
    states["P1"].scores["outcome"] = "-0"
    states["P1"].comments["outcome"] = "无成效"
    sheet = _build(manifest, manifest_sha256, states, gen)
    assert sheet.body.to_dict()["projects"][0]["scores"]["outcome"] == "0"


def test_evidence_for_unscored_criteria_is_dropped_and_duplicates_merged(
        manifest, manifest_sha256, states, gen) -> None:
    states["P1"].evidence += [EvidenceLink("outcome", 3, 12, "dup"),
                              EvidenceLink("nonexistent", 1, 1)]
    body = _build(manifest, manifest_sha256, states, gen).body
    assert len(body.projects[0].evidence) == 2


def test_revision_chain_arguments(manifest, manifest_sha256, states, gen, sheet) -> None:
    with pytest.raises(SheetError, match="revision"):
        _build(manifest, manifest_sha256, states, gen, revision=2)
    with pytest.raises(SheetError, match="revision"):
        _build(manifest, manifest_sha256, states, gen, previous_sha256=sheet.body_sha256)
    r2 = _build(manifest, manifest_sha256, states, gen, revision=2,
                previous_sha256=sheet.body_sha256)
    assert r2.filename == "S01-r2.revsheet"


def test_seat_code_needed_without_enrolled_key(manifest, manifest_sha256, states, gen) -> None:
    with pytest.raises(SheetError, match="seat code is required"):
        _build(manifest, manifest_sha256, states, gen, seat_code=None)
    with pytest.raises(SheetError, match="seat code"):
        _build(manifest, manifest_sha256, states, gen, seat_code="too short")


def test_unknown_seat(manifest, manifest_sha256, states, gen) -> None:
    with pytest.raises(SheetError, match="S77"):
        _build(manifest, manifest_sha256, states, gen, seat_id="S77")


def test_sign_body_refuses_another_key(manifest, manifest_sha256, states, gen) -> None:
    body = build_body(manifest, manifest_sha256=manifest_sha256, seat_id="S01",
                      expert_name="张伟", states=states,
                      public_key=raw_public_key(gen.KEY_A.public_key()),
                      seat_code=gen.SEAT_CODES["S01"], created_at=CREATED_AT)
    with pytest.raises(SheetError, match="signing key"):
        sign_body(body, Ed25519PrivateKey.generate())


def test_same_input_same_bytes_and_fresh_key_verifies(manifest, manifest_sha256, states, gen,
                                                      context) -> None:
    assert _build(manifest, manifest_sha256, states, gen).envelope == \
        _build(manifest, manifest_sha256, states, gen).envelope
    fresh = Ed25519PrivateKey.generate()
    sheet = _build(manifest, manifest_sha256, states, gen, private_key=fresh,
                   created_at=dt.datetime.now(dt.UTC))
    assert verify_sheet(sheet.envelope, context).seat_proof == "seat code"


def test_created_at_must_be_aware(manifest, manifest_sha256, states, gen) -> None:
    with pytest.raises(ValueError, match="timezone"):
        _build(manifest, manifest_sha256, states, gen, created_at=dt.datetime(2026, 1, 1))


def test_manifest_without_package_id(manifest, manifest_sha256, states, gen) -> None:
    del manifest["package_id"]
    with pytest.raises(SheetError, match="package_id"):
        _build(manifest, manifest_sha256, states, gen)
