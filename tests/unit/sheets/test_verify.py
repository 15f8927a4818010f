"""Verification beyond the vectors: contexts, the seat proof, inspection, parsing."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from typing import Any

import pytest

from reviewer_app.sheets import (
    REASONS,
    ChecklistAnswer,
    InspectionVisit,
    SheetContext,
    SheetContextError,
    SheetRejected,
    authenticate_sheet,
    build_sheet,
    missing_items,
    pae,
    verify_sheet,
)
from reviewer_app.sheets.canonical import (
    CanonicalError,
    FloatFound,
    canonical_bytes,
    strict_loads,
)
from reviewer_app.sheets.envelope import seal
from reviewer_app.sheets.errors import REJECTIONS
from reviewer_app.strictjson import StrictJSONError

from .conftest import CREATED_AT


def _resign(sheet, change, key) -> bytes:
    body = copy.deepcopy(sheet.body.to_dict())
    change(body)
    return seal(canonical_bytes(body), key)


def test_valid_sheet_round_trips(sheet, context) -> None:
    verified = verify_sheet(sheet.envelope, context)
    assert verified.body == sheet.body.to_dict()
    assert verified.model == sheet.body
    assert verified.body_sha256 == sheet.body_sha256
    assert (verified.seat_id, verified.revision, verified.key_id) == ("S01", 1, sheet.key_id)
    assert verified.public_key == sheet.body.public_key and verified.seat_proven


def test_pae_matches_the_dsse_specification_example() -> None:
    assert pae("http://example.com/HelloWorld", b"hello world") == \
        b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"


def test_seat_not_proven_is_reported_or_required(sheet, manifest, manifest_sha256) -> None:
    loose = SheetContext.from_manifest(manifest, manifest_sha256)
    verified = verify_sheet(sheet.envelope, loose)
    assert verified.seat_proof == "not proven" and not verified.seat_proven
    strict = SheetContext.from_manifest(manifest, manifest_sha256, require_seat_proof=True)
    with pytest.raises(SheetRejected) as info:
        verify_sheet(sheet.envelope, strict)
    assert info.value.reason == "seat not proven"


def test_wrong_seat_code_is_a_seat_claim_rejection(sheet, manifest, manifest_sha256) -> None:
    # O/I/L and separators are canonicalised: the printed form still works.
    printed = "7K3M-9Q2X-5T8V-4RIN".lower()
    ok = SheetContext.from_manifest(manifest, manifest_sha256, {"S01": printed})
    assert verify_sheet(sheet.envelope, ok).seat_proof == "seat code"
    wrong = SheetContext.from_manifest(manifest, manifest_sha256, {"S01": "7K3M9Q2X5T8V4R1P"})
    with pytest.raises(SheetRejected, match="seat claim") as info:
        verify_sheet(sheet.envelope, wrong)
    assert info.value.reason == "seat claim"


def test_context_errors(manifest, manifest_sha256) -> None:
    with pytest.raises(SheetContextError, match="S42"):
        SheetContext.from_manifest(manifest, manifest_sha256, {"S42": "7K3M9Q2X5T8V4R1N"})
    with pytest.raises(SheetContextError, match="S01"):
        SheetContext.from_manifest(manifest, manifest_sha256, {"S01": "short"})
    with pytest.raises(SheetContextError, match="sha-256"):
        SheetContext.from_manifest(manifest, "XYZ")
    broken = dict(manifest)
    del broken["rubric"]
    with pytest.raises(SheetContextError, match="rubric"):
        SheetContext.from_manifest(broken, manifest_sha256)
    bad_key = copy.deepcopy(manifest)
    bad_key["seats"][0]["public_key"] = base64.b64encode(b"short").decode()
    with pytest.raises(SheetContextError, match="32-byte"):
        SheetContext.from_manifest(bad_key, manifest_sha256)


@pytest.mark.parametrize(("change", "reason"), [
    (lambda b: b.update(revision=0), "malformed"),
    (lambda b: b.update(revision=True), "malformed"),
    (lambda b: b.update(revision=2), "malformed"),  # revision 2 needs a previous hash
    (lambda b: b.update(created_at="2026-02-30T00:00:00Z"), "malformed"),
    (lambda b: b.update(created_at="2026-06-20T02:30:00+00:00"), "malformed"),
    (lambda b: b.update(package_id=b["package_id"].upper()), "malformed"),
    (lambda b: b.update(extra="x"), "malformed"),
    (lambda b: b.pop("seat_claim"), "malformed"),
    (lambda b: b.update(expert_name=""), "malformed"),
    (lambda b: b.update(kind="audit"), "malformed"),
    (lambda b: b["projects"][0]["conflict"].update(reason="stray"), "malformed"),
    (lambda b: b["projects"][1]["conflict"].update(reason=""), "malformed"),
    (lambda b: b["projects"][0]["evidence"][0].update(page=0), "malformed"),
    (lambda b: b["projects"][0]["comments"].update(unknown="x"), "unknown criterion"),
    (lambda b: b["projects"][0]["scores"].update(outcome="-1"), "score out of range"),
    (lambda b: b["projects"][0]["scores"].update(outcome="1e1"), "bad decimal"),
    (lambda b: b["projects"][0]["scores"].update(outcome="0.0000001"), "bad decimal"),
    (lambda b: b["projects"][0].update(total=None), "total mismatch"),
])
def test_body_rejections(sheet, context, key_a, change, reason) -> None:
    with pytest.raises(SheetRejected) as info:
        verify_sheet(_resign(sheet, change, key_a), context)
    assert info.value.reason == reason, str(info.value)


def test_integer_beyond_the_safe_range_is_not_canonical(sheet, context, key_a) -> None:
    body = sheet.body_bytes.replace(b'"revision":1', b'"revision":1152921504606846976')
    with pytest.raises(SheetRejected) as info:
        verify_sheet(seal(body, key_a), context)
    assert info.value.reason == "not canonical"


def test_every_rejection_has_its_own_reason() -> None:
    assert len(REASONS) == len(set(REASONS)) == len(REJECTIONS)
    assert all(reason == reason.lower() for reason in REASONS)


def test_authenticate_without_a_package(sheet) -> None:
    authentic = authenticate_sheet(sheet.envelope)
    assert authentic.body_sha256 == hashlib.sha256(authentic.body_bytes).hexdigest()
    assert authentic.model == sheet.body


def _inspection(gen) -> tuple[dict[str, Any], str]:
    manifest = gen.manifests()["manifest-inspection.json"]
    return manifest, hashlib.sha256(gen.manifest_bytes(manifest)).hexdigest()


def test_inspection_checklist_missing_items_and_verification(gen) -> None:
    manifest, sha = _inspection(gen)
    states = {"P1": gen._states_s01(1)["P1"]}
    partial = InspectionVisit("P1", (ChecklistAnswer("premises", "compliant"),))
    items = missing_items(manifest, "S01", states, [partial])
    assert [(i.project_id, i.criterion_id, i.kind) for i in items] == [
        ("P1", "system_demo", "checklist")]
    visit = InspectionVisit("P1", (ChecklistAnswer("premises", "compliant"),
                                   ChecklistAnswer("system_demo", "non_compliant", "未演示")))
    sheet = build_sheet(manifest, manifest_sha256=sha, seat_id="S01", expert_name="张伟",
                        states=states, private_key=gen.KEY_A, seat_code=gen.SEAT_CODES["S01"],
                        created_at=CREATED_AT, inspection=[visit])
    context = SheetContext.from_manifest(manifest, sha, gen.SEAT_CODES)
    verified = verify_sheet(sheet.envelope, context)
    assert verified.body["inspection"]["visits"][0]["checklist"][1]["result"] == "non_compliant"

    def drop_answer(b):
        b["inspection"]["visits"][0]["checklist"].pop()

    for change, reason in [(drop_answer, "checklist"),
                           (lambda b: b["inspection"]["visits"].clear(), "missing project"),
                           (lambda b: b["inspection"]["visits"][0]["checklist"][0].update(
                               result="maybe"), "malformed"),
                           (lambda b: b.pop("inspection"), "malformed")]:
        with pytest.raises(SheetRejected) as info:
            verify_sheet(_resign(sheet, change, gen.KEY_A), context)
        assert info.value.reason == reason


def test_canonical_encoder_refuses_what_has_no_canonical_form() -> None:
    with pytest.raises(FloatFound):
        canonical_bytes({"a": [1, {"b": 0.5}]})
    for value in ({1: "x"}, {"a": 2**53}, {"a": "\ud800"}, {"a": b"bytes"}):
        with pytest.raises(CanonicalError):
            canonical_bytes(value)
    assert canonical_bytes({"b": "é", "a": None, "c": [True, 1]}) == \
        '{"a":null,"b":"é","c":[true,1]}'.encode()


@pytest.mark.parametrize("data", [b'{"a":1,"a":2}', b"\xef\xbb\xbf{}", b'{"a":NaN}',
                                  b'{"a":Infinity}', b"{} x", b"\xff", b'"\xc3"',
                                  '{"a":1}'.encode("utf-16"), b"1" * 5000, b"[" * 100000])
def test_strict_parser(data: bytes) -> None:
    with pytest.raises(StrictJSONError):
        strict_loads(data)


def test_strict_parser_keeps_floats_for_the_caller() -> None:
    assert strict_loads(b'{"a":1.5}') == {"a": 1.5}
    assert json.loads(canonical_bytes({"x": "1"})) == {"x": "1"}


def test_shape_faults_are_reported_before_decimal_faults(sheet, context, key_a) -> None:
    def both(b):
        b["projects"][0]["scores"]["outcome"] = "30.0"
        b["projects"][1]["recommendation"] = 5

    with pytest.raises(SheetRejected) as info:
        verify_sheet(_resign(sheet, both, key_a), context)
    assert info.value.reason == "malformed"


def test_envelope_shape_is_checked_before_the_payload_type(sheet, context) -> None:
    envelope = json.loads(sheet.envelope)
    envelope["payloadType"] = "application/json"
    envelope["signatures"][0]["sig"] = "not base64!"
    with pytest.raises(SheetRejected) as info:
        verify_sheet(canonical_bytes(envelope), context)
    assert info.value.reason == "malformed"


def test_a_duplicate_name_is_malformed_even_when_the_signature_fails(sheet, context) -> None:
    # Duplicate names are looked for only once a later step fails; the reason must
    # still be step 6's, ahead of the signature.
    body = sheet.body_bytes.replace(b'"kind":"panel"', b'"kind":"panel","kind":"panel"')
    envelope = json.loads(sheet.envelope)
    envelope["payload"] = base64.b64encode(body).decode()
    with pytest.raises(SheetRejected) as info:
        verify_sheet(canonical_bytes(envelope), context)
    assert info.value.reason == "malformed" and "duplicate" in str(info.value)


def _score_variants(sheet, key) -> list[bytes]:
    from decimal import Decimal

    variants = [sheet.envelope]
    for outcome in ("30", "30.5", "29.75", "-0.5", "12", "45", "45.5", "0", "17.5"):
        for evidence in (True, False):  # without evidence, the quick path applies
            def change(b, outcome=outcome, evidence=evidence):
                p = b["projects"][0]
                p["scores"]["outcome"] = outcome
                p["evidence"] = p["evidence"] if evidence else []
            variants.append(_resign(sheet, change, key))

            def change_total(b, outcome=outcome, evidence=evidence):
                change(b, outcome, evidence)
                p = b["projects"][0]
                p["total"] = str(sum(Decimal(v) for v in p["scores"].values()))
            variants.append(_resign(sheet, change_total, key))
    return variants


def test_remembered_scores_change_no_verdict(sheet, manifest, manifest_sha256, key_a) -> None:
    # The context remembers score spellings found valid; a warm context must judge
    # exactly as a fresh one, in any order.
    def outcome(data, context):
        try:
            return verify_sheet(data, context).body_sha256
        except SheetRejected as exc:
            return str(exc)

    variants = _score_variants(sheet, key_a)
    fresh = [outcome(v, SheetContext.from_manifest(manifest, manifest_sha256,
                                                   {"S01": "7K3M9Q2X5T8V4R1N"}))
             for v in variants]
    warm = SheetContext.from_manifest(manifest, manifest_sha256, {"S01": "7K3M9Q2X5T8V4R1N"})
    assert [outcome(v, warm) for v in variants] == fresh
    assert [outcome(v, warm) for v in reversed(variants)] == fresh[::-1]
    assert any(not o.startswith("project") for o in fresh)  # some were accepted
