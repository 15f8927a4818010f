"""Regenerate the signed score sheet test vectors beside this file.

Run ``python tests/vectors/sheets/generate.py``; the output is byte-for-byte
deterministic (fixed seeds, fixed time, canonical JSON, deterministic Ed25519),
and ``tests/unit/sheets/test_vectors.py`` checks that regenerating changes nothing.

Files: ``manifest.json`` and ``manifest-inspection.json`` (format-1 package
fixtures; the context's manifest hash is the SHA-256 of the file's bytes),
``manifest-v2.json`` (format 2: each seat's ``seat_key`` derived from its code in
``seat-codes.json``; its vectors are named ``v2-*``), ``manifest-v4.json`` (manifest
format 4: a 承诺书, conflict categories and a pre-screened conflict hint for S01; its
sheets are format 3, vectors ``v3-*``), ``seat-codes.json``,
and for every vector ``<name>.revsheet`` with ``<name>.expected.json`` saying
which manifest to use, whether seat codes are given, and the expected outcome.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reviewer_app.package.format import SUITE_ED25519, commitment_sha256  # noqa: E402
from reviewer_app.sheets.body import (  # noqa: E402
    ChecklistAnswer,
    InspectionVisit,
    Photo,
    key_id_for,
    raw_public_key,
    seat_claim_for,
)
from reviewer_app.sheets.build import build_sheet  # noqa: E402
from reviewer_app.sheets.canonical import canonical_bytes  # noqa: E402
from reviewer_app.sheets.envelope import (  # noqa: E402
    MAX_SHEET_BYTES,
    PAYLOAD_TYPE,
    PAYLOAD_TYPE_2,
    PAYLOAD_TYPE_3,
    Signature,
    encode_envelope,
    seal,
    sign_payload,
)
from reviewer_app.sheets.seat_keys import seat_public_key, seat_signing_key  # noqa: E402
from reviewer_app.storage.workspace import EvidenceLink, ProjectState  # noqa: E402

HERE = Path(__file__).resolve().parent
CREATED_AT = dt.datetime(2026, 6, 20, 2, 30, tzinfo=dt.UTC)
PACKAGE_ID = "5eed0f5a1c0ffee0d15ea5e0b0a710c5"
OTHER_PACKAGE_ID = "0123456789abcdef0123456789abcdef"
INSPECTION_PACKAGE_ID = "1f5bec7100000000000000000000beef"
V2_PACKAGE_ID = "5eed0f5a1c0ffee0d15ea5e0b0a710c6"
V4_PACKAGE_ID = "5eed0f5a1c0ffee0d15ea5e0b0a710c7"
COMMITMENT = ("本人承诺：对评审材料和评审结果严格保密；独立、客观、公正地评审；"
              "与申报单位存在利益冲突时主动申明并申请回避。")
ACCEPTED_AT = dt.datetime(2026, 6, 20, 1, 15, tzinfo=dt.UTC)
SEAT_CODES = {"S01": "7K3M9Q2X5T8V4R1N", "S02": "C4D8E2F6G1H5J9K3", "S03": "Z9Y8X7W6V5T4S3R2"}


def key(label: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"reviewer-app sheet vector key {label}".encode()).digest())


KEY_A, KEY_B, KEY_C, KEY_X = key("A"), key("B"), key("C"), key("X")


def _rubric() -> dict[str, Any]:
    def bands(top: str, top_min: str, bottom_max: str) -> list[dict[str, str]]:
        mid_min = str(int(bottom_max.split(".")[0]) + 1)
        return [
            {"id": "top", "name": "国际领先", "min": top_min, "max": top},
            {"id": "mid", "name": "行业一般", "min": mid_min,
             "max": str(int(top_min) - 1) + ".5"},
            {"id": "bottom", "name": "较弱", "min": "0", "max": bottom_max},
        ]

    return {
        "comment_required_bands": ["bottom", "top"],
        "criteria": [
            {"id": "advancement", "name": "技术先进性", "max": "30", "step": "0.5",
             "bands": bands("30", "25", "9.5")},
            {"id": "innovation", "name": "场景创新性", "max": "25", "step": "0.5",
             "bands": bands("25", "21", "7.5")},
            {"id": "outcome", "name": "实施成效", "max": "45", "step": "0.5",
             "bands": bands("45", "40", "9.5")},
        ],
    }


def manifests() -> dict[str, dict[str, Any]]:
    seats = [
        {"seat_id": "S01", "name": "专家一", "public_key": None},
        {"seat_id": "S02", "name": "专家二",
         "public_key": base64.b64encode(raw_public_key(KEY_B.public_key())).decode()},
        {"seat_id": "S03", "name": "专家三", "public_key": None},
    ]
    projects = [{"project_id": pid, "project_title": title, "enterprise_name": firm,
                 "materials": []}
                for pid, title, firm in [
                    ("P1", "基于大模型的智能质检系统", "深圳市南山智造科技有限公司"),
                    ("P2", "港口集装箱智能调度平台", "深圳前海智运物流有限公司"),
                    ("P3", "社区医疗影像辅助诊断", "深圳市蛇口健康科技有限公司")]]
    panel = {
        "format": "rvpkg-manifest/1", "package_id": PACKAGE_ID,
        "created_at": "2026-06-15T01:00:00Z",
        "program": {"id": "vector-program", "name": "测试资助计划", "year": 2026},
        "session": {"kind": "panel", "name": "测试资助计划 2026 专家评审会",
                    "deadline": "2026-06-30"},
        "rubric": _rubric(), "seats": seats,
        "assignments": {"S01": ["P1", "P2"], "S02": ["P2", "P3"], "S03": ["P1"]},
        "projects": projects, "members": [],
    }
    inspection = copy.deepcopy(panel)
    inspection["package_id"] = INSPECTION_PACKAGE_ID
    inspection["session"] = {"kind": "inspection", "name": "测试资助计划 2026 现场考察",
                             "deadline": None}
    inspection["assignments"] = {"S01": ["P1"], "S02": ["P3"], "S03": []}
    inspection["inspection_checklist"] = [
        {"id": "premises", "text": "实际经营场所与申报信息一致"},
        {"id": "system_demo", "text": "AI 系统现场运行演示"},
    ]
    v2 = copy.deepcopy(panel)
    v2.update(format="rvpkg-manifest/2", suite=SUITE_ED25519, package_id=V2_PACKAGE_ID)
    for seat in v2["seats"]:
        seat["seat_key"] = seat_public_key(SEAT_CODES[seat["seat_id"]], V2_PACKAGE_ID,
                                           seat["seat_id"])
    v4 = copy.deepcopy(panel)
    v4.update(format="rvpkg-manifest/4", suite=SUITE_ED25519, package_id=V4_PACKAGE_ID,
              commitment={"text": COMMITMENT, "sha256": commitment_sha256(COMMITMENT)},
              conflict_categories=[{"id": "employment", "name": "近三年在申报单位任职或担任顾问"},
                                   {"id": "relative", "name": "亲属关系"},
                                   {"id": "other", "name": "其他"}])
    for seat in v4["seats"]:
        seat["seat_key"] = seat_public_key(SEAT_CODES[seat["seat_id"]], V4_PACKAGE_ID,
                                           seat["seat_id"])
        seat["conflict_hints"] = [] if seat["seat_id"] != "S01" else [
            {"project_id": "P2", "category": "employment",
             "matched": ["深圳前海智运物流（深圳）有限公司", "深圳前海智运物流有限公司"]}]
    return {"manifest.json": panel, "manifest-inspection.json": inspection,
            "manifest-v2.json": v2, "manifest-v4.json": v4}


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _states_s01(revision: int) -> dict[str, ProjectState]:
    p1 = ProjectState(
        "P1", scores={"advancement": "26" if revision == 1 else "24.5",
                      "innovation": "18.5", "outcome": "30"},
        comments={"advancement": "模型自研，有第三方测评报告佐证。"},
        overall_comment="技术扎实，成效数据完整。" if revision == 1
        else "技术扎实，成效数据完整；复核后下调技术分。",
        recommendation="建议资助",
        evidence=[EvidenceLink("outcome", 3, 12), EvidenceLink("advancement", 2, 5)])
    p2 = ProjectState("P2", scores={"advancement": "10"}, conflict_declared=True,
                      conflict_reason="本人曾担任该企业技术顾问（2024 年）。")
    return {"P1": p1, "P2": p2}


def _states_s02() -> dict[str, ProjectState]:
    return {
        "P2": ProjectState("P2", scores={"advancement": "20", "innovation": "15",
                                         "outcome": "35.5"}, recommendation="建议资助"),
        "P3": ProjectState("P3", scores={"advancement": "12", "innovation": "9",
                                         "outcome": "20"}, recommendation="不建议资助"),
    }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _signed(body: dict[str, Any], signer: Ed25519PrivateKey,
            encode: Callable[[Any], bytes] = canonical_bytes) -> bytes:
    return seal(encode(body), signer)


def _expected(manifest: str, outcome: str, description: str, *, reason: str | None = None,
              seat_codes: bool = True, **extra: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"description": description, "manifest": manifest,
                              "seat_codes": seat_codes, "expect": outcome}
    if reason is not None:
        result["reason"] = reason
    result.update(extra)
    return result


def vectors() -> dict[str, tuple[bytes, dict[str, Any]]]:
    """Every vector by name: the sheet bytes and the expectation."""
    all_manifests = manifests()
    digests = {name: hashlib.sha256(manifest_bytes(m)).hexdigest()
               for name, m in all_manifests.items()}
    panel, panel_sha = all_manifests["manifest.json"], digests["manifest.json"]
    out: dict[str, tuple[bytes, dict[str, Any]]] = {}

    r1 = build_sheet(panel, manifest_sha256=panel_sha, seat_id="S01", expert_name="张伟",
                     states=_states_s01(1), private_key=KEY_A, seat_code=SEAT_CODES["S01"],
                     created_at=CREATED_AT)
    r2 = build_sheet(panel, manifest_sha256=panel_sha, seat_id="S01", expert_name="张伟",
                     states=_states_s01(2), private_key=KEY_A, seat_code=SEAT_CODES["S01"],
                     revision=2, previous_sha256=r1.body_sha256,
                     created_at=CREATED_AT + dt.timedelta(hours=1))
    enrolled = build_sheet(panel, manifest_sha256=panel_sha, seat_id="S02",
                           expert_name="李娜", states=_states_s02(), private_key=KEY_B,
                           seat_code=None, created_at=CREATED_AT)
    inspection_manifest = all_manifests["manifest-inspection.json"]
    visit = InspectionVisit(
        "P1", (ChecklistAnswer("premises", "compliant", "经营场所与营业执照一致"),
               ChecklistAnswer("system_demo", "unverifiable", "演示环境当日故障")),
        findings="生产线已部署质检系统。", recommendation="建议复核演示",
        photos=(Photo(hashlib.sha256(b"photo 1").hexdigest(), "image/jpeg", "质检工位"),))
    inspection = build_sheet(
        inspection_manifest, manifest_sha256=digests["manifest-inspection.json"],
        seat_id="S01", expert_name="张伟", states={"P1": _states_s01(1)["P1"]},
        private_key=KEY_A, seat_code=SEAT_CODES["S01"], created_at=CREATED_AT,
        inspection=[visit])

    out["valid-r1"] = (r1.envelope, _expected(
        "manifest.json", "accept", "a valid revision 1 sheet, seat proven by the seat code; "
        "one project scored, one conflict declared", seat_proof="seat code", revision=1,
        body_sha256=r1.body_sha256))
    out["valid-r1-no-seat-codes"] = (r1.envelope, _expected(
        "manifest.json", "accept", "the same sheet verified without seat codes: accepted, "
        "but the seat is not proven", seat_codes=False, seat_proof="not proven", revision=1,
        body_sha256=r1.body_sha256))
    out["valid-r2"] = (r2.envelope, _expected(
        "manifest.json", "accept", "revision 2 of the same seat, chaining to revision 1",
        seat_proof="seat code", revision=2, body_sha256=r2.body_sha256,
        previous_sha256=r1.body_sha256))
    out["valid-enrolled-key"] = (enrolled.envelope, _expected(
        "manifest.json", "accept", "a seat with an enrolled key, no seat claim",
        seat_proof="enrolled key", revision=1, body_sha256=enrolled.body_sha256))
    out["valid-inspection"] = (inspection.envelope, _expected(
        "manifest-inspection.json", "accept", "an inspection sheet with a checklist visit",
        seat_proof="seat code", revision=1, body_sha256=inspection.body_sha256))

    body = r1.body.to_dict()

    def mutated(change: Callable[[dict[str, Any]], None],
                signer: Ed25519PrivateKey = KEY_A) -> bytes:
        copy_ = copy.deepcopy(body)
        change(copy_)
        return _signed(copy_, signer)

    def reject(name: str, data: bytes, reason: str, description: str,
               manifest: str = "manifest.json") -> None:
        out[name] = (data, _expected(manifest, "reject", description, reason=reason))

    envelope = json.loads(r1.envelope)
    payload = bytearray(base64.b64decode(envelope["payload"]))
    at = payload.index(b'"advancement":"26"') + len(b'"advancement":"')
    payload[at] = ord("7")  # 26 -> 76: still canonical JSON, no longer what was signed
    reject("flipped-payload-byte", encode_envelope(bytes(payload), [Signature(
        envelope["signatures"][0]["keyid"], base64.b64decode(envelope["signatures"][0]["sig"]))]),
        "bad signature", "one byte of the body changed after signing")
    sig = bytearray(base64.b64decode(envelope["signatures"][0]["sig"]))
    sig[10] ^= 0x01
    reject("flipped-signature", encode_envelope(r1.body_bytes, [Signature(r1.key_id,
                                                                          bytes(sig))]),
           "bad signature", "one bit of the signature flipped")
    reject("wrong-key", encode_envelope(r1.body_bytes, [Signature(
        r1.key_id, sign_payload(r1.body_bytes, KEY_X).sig)]),
        "bad signature", "the body names key A, the signature is by another key")

    def other_package(b: dict[str, Any]) -> None:
        b["package_id"] = OTHER_PACKAGE_ID
        b["seat_claim"] = seat_claim_for(SEAT_CODES["S01"], OTHER_PACKAGE_ID,
                                         raw_public_key(KEY_A.public_key()))

    reject("wrong-package", mutated(other_package), "wrong package",
           "a correctly signed sheet for another package")
    reject("wrong-manifest", mutated(lambda b: b.update(manifest_sha256="ab" * 32)),
           "wrong package", "a correctly signed sheet bound to another manifest")

    def as_seat(seat: str, signer: Ed25519PrivateKey, code_of: str | None) -> Callable[..., None]:
        def change(b: dict[str, Any]) -> None:
            public = raw_public_key(signer.public_key())
            b.update(seat_id=seat, public_key=_b64(public), key_id=key_id_for(public),
                     seat_claim=None if code_of is None else seat_claim_for(
                         SEAT_CODES[code_of], PACKAGE_ID, public))
        return change

    def s02_projects(b: dict[str, Any]) -> None:
        as_seat("S02", KEY_A, "S02")(b)
        b["projects"] = [json.loads(canonical_bytes(p.to_dict())) for p in enrolled.body.projects]

    reject("other-seat-key", mutated(s02_projects), "key mismatch",
           "seat S02 has an enrolled key; this sheet for S02 is signed with S01's key")

    def s03_with_s01_code(b: dict[str, Any]) -> None:
        as_seat("S03", KEY_A, "S01")(b)
        b["projects"] = [p for p in b["projects"] if p["project_id"] == "P1"]

    reject("other-seat-claim", mutated(s03_with_s01_code), "seat claim",
           "a sheet for seat S03 whose seat claim was made with S01's seat code")
    reject("unknown-key", mutated(lambda b: (as_seat("S01", KEY_C, None)(b), b.update(
        seat_claim=seat_claim_for("0000000000000000", PACKAGE_ID,
                                  raw_public_key(KEY_C.public_key())))), KEY_C),
           "seat claim", "an unknown key that does not know the seat code")
    reject("unknown-seat", mutated(lambda b: b.update(seat_id="S99")), "unknown seat",
           "a sheet for a seat the package does not have")

    reject("non-canonical-body", _signed(body, KEY_A, lambda b: json.dumps(
        b, ensure_ascii=False, indent=1).encode("utf-8")), "not canonical",
        "a correctly signed body that is valid json but not rfc 8785 (indented)")
    reject("non-canonical-envelope", json.dumps(envelope, indent=1).encode("ascii"),
           "not canonical", "the envelope of valid-r1 re-serialised with indentation")
    second = sign_payload(r1.body_bytes, KEY_A)
    reject("two-signatures", encode_envelope(r1.body_bytes, [second, second]),
           "signature count", "the same valid signature twice")
    reject("no-signature", encode_envelope(r1.body_bytes, []), "signature count",
           "an envelope without signatures")
    reject("oversized", r1.envelope + b" " * (MAX_SHEET_BYTES + 1 - len(r1.envelope)),
           "oversized", f"valid-r1 padded to {MAX_SHEET_BYTES + 1} bytes")
    reject("trailing-garbage", r1.envelope + b"\nPK\x03\x04", "malformed",
           "valid-r1 followed by extra bytes")
    reject("wrong-payload-type", encode_envelope(
        r1.body_bytes, [sign_payload(r1.body_bytes, KEY_A, "application/json")],
        "application/json"), "unsupported format", "another dsse payload type")
    bent_sig = _non_canonical_b64(envelope["signatures"][0]["sig"])
    bent = dict(envelope, signatures=[{"keyid": r1.key_id, "sig": bent_sig}])
    reject("non-canonical-base64", rfc8785.dumps(bent), "malformed",
           "the signature's base64 has non-zero padding bits (a second spelling)")
    reject("keyid-mismatch", encode_envelope(r1.body_bytes, [Signature(
        "00" * 8, second.sig)]), "keyid mismatch", "the envelope keyid is not the body's key_id")

    def set_score(value: Any, total: str) -> Callable[[dict[str, Any]], None]:
        def change(b: dict[str, Any]) -> None:
            b["projects"][0]["scores"]["innovation"] = value
            b["projects"][0]["total"] = total
        return change

    reject("float-score", _signed(_changed(body, set_score(18.5, "74.5")), KEY_A,
                                  rfc8785.dumps),
           "float", "a score written as the json number 18.5 instead of \"18.5\"")
    reject("score-off-step", mutated(set_score("18.3", "74.3")), "score off step",
           "18.3 is not a multiple of the step 0.5")
    reject("score-out-of-range", mutated(set_score("26", "82")), "score out of range",
           "26 is above the criterion's maximum 25")
    reject("bad-decimal", mutated(set_score("18.50", "74.5")), "bad decimal",
           "\"18.50\" is not the canonical decimal string \"18.5\"")
    reject("total-mismatch", mutated(lambda b: b["projects"][0].update(total="75")),
           "total mismatch", "the total is not the sum of the scores")
    reject("missing-score", mutated(lambda b: (b["projects"][0]["scores"].pop("outcome"),
                                               b["projects"][0].update(total="44.5"))),
           "missing score", "a scored project without a score for one criterion")
    reject("conflict-with-scores", mutated(lambda b: b["projects"][1].update(
        scores={"advancement": "10"})), "conflict with scores",
        "a conflicted project that still carries a score")
    reject("missing-project", mutated(lambda b: b["projects"].pop()), "missing project",
           "an assigned project is left out")
    reject("duplicate-project", mutated(lambda b: b["projects"].append(b["projects"][0])),
           "duplicate project", "a project listed twice")

    def add_p3(b: dict[str, Any]) -> None:
        extra = copy.deepcopy(b["projects"][0])
        extra["project_id"] = "P3"
        b["projects"].append(extra)

    reject("unassigned-project", mutated(add_p3), "unassigned project",
           "a project that is not assigned to the seat")
    reject("unsupported-format", mutated(lambda b: b.update(format="reviewer-app/sheet/2")),
           "unsupported format", "a body of another format version")

    def to_inspection(b: dict[str, Any]) -> None:
        b["kind"] = "inspection"
        b["inspection"] = {"visits": [visit.to_dict()]}

    reject("wrong-kind", mutated(to_inspection), "wrong kind",
           "an inspection sheet offered to a panel package")
    text = canonical_bytes(body)
    duplicated = text.replace(b'{"created_at":', b'{"created_at":"2000-01-01T00:00:00Z",'
                                                 b'"created_at":', 1)
    reject("duplicate-key", seal(duplicated, KEY_A), "malformed",
           "a body with a duplicated key (signed)")
    out.update(v2_vectors(all_manifests["manifest-v2.json"], digests["manifest-v2.json"]))
    out.update(v3_vectors(all_manifests["manifest-v4.json"], digests["manifest-v4.json"]))
    return out


def v3_vectors(manifest: dict[str, Any], manifest_sha: str
               ) -> dict[str, tuple[bytes, dict[str, Any]]]:
    """Sheet format 3 (manifest format 4): the commitment acceptance, the conflict's
    category and the answer to S01's pre-screened hint on P2."""
    out: dict[str, tuple[bytes, dict[str, Any]]] = {}
    name = "manifest-v4.json"
    s01 = seat_signing_key(SEAT_CODES["S01"], V4_PACKAGE_ID, "S01")
    states = _states_s01(1)
    states["P2"].conflict_category = "employment"
    states["P2"].hint_answer = "conflict"
    r1 = build_sheet(manifest, manifest_sha256=manifest_sha, seat_id="S01", expert_name="张伟",
                     states=states, private_key=s01, seat_code=SEAT_CODES["S01"],
                     created_at=CREATED_AT, commitment_accepted_at=ACCEPTED_AT)
    out["v3-valid-r1"] = (r1.envelope, _expected(
        name, "accept", "format 3: seat S01 accepted the commitment, declared a conflict of "
        "category employment on P2 and confirmed the pre-screened hint", seat_codes=False,
        seat_proof="seat key", revision=1, body_sha256=r1.body_sha256))
    body = r1.body.to_dict()

    def reject(vector: str, data: bytes, reason: str, description: str) -> None:
        out[vector] = (data, _expected(name, "reject", description, reason=reason,
                                       seat_codes=False))

    def signed(change: Callable[[dict[str, Any]], None],
               payload_type: str = PAYLOAD_TYPE_3) -> bytes:
        return seal(canonical_bytes(_changed(body, change)), s01, payload_type)

    def p2(**conflict: Any) -> Callable[[dict[str, Any]], None]:
        def change(b: dict[str, Any]) -> None:
            entry = next(e for e in b["projects"] if e["project_id"] == "P2")
            for key, value in conflict.items():
                if key == "hint":
                    entry["hint"] = value
                else:
                    entry["conflict"][key] = value
        return change

    reject("v3-tampered-commitment", signed(lambda b: b["commitment"].__setitem__(
        "sha256", commitment_sha256(COMMITMENT + "（修改）"))), "commitment",
        "signed by the seat's key, but the accepted commitment is not the package's text")
    reject("v3-claims-format-2", signed(lambda b: None, PAYLOAD_TYPE_2), "unsupported format",
           "a format-3 body in an envelope of payload type version=2")

    def as_format_2(b: dict[str, Any]) -> None:
        del b["commitment"]
        b["format"] = "reviewer-app/sheet/2"
        for entry in b["projects"]:
            del entry["hint"]
            del entry["conflict"]["category"]

    reject("v3-format-2-sheet", signed(as_format_2, PAYLOAD_TYPE_2), "unsupported format",
           "a well-formed format-2 sheet (no commitment, no categories) offered to a "
           "format-4 package: no downgrade")
    reject("v3-unknown-category", signed(p2(category="bribery")), "conflict category",
           "the declared conflict names a category the package does not have")
    reject("v3-unanswered-hint", signed(p2(hint=None)), "conflict hint",
           "the pre-screened conflict on P2 is not answered")
    reject("v3-hint-contradicts", signed(p2(hint={"answer": "no_conflict",
                                                  "reason": "已离职"})), "conflict hint",
           "the hint is answered no_conflict while the conflict is declared")
    return out


def v2_vectors(manifest: dict[str, Any], manifest_sha: str
               ) -> dict[str, tuple[bytes, dict[str, Any]]]:
    """Format 2: sheets signed with the seat key derived from the seat code."""
    out: dict[str, tuple[bytes, dict[str, Any]]] = {}
    name = "manifest-v2.json"
    s01 = seat_signing_key(SEAT_CODES["S01"], V2_PACKAGE_ID, "S01")
    r1 = build_sheet(manifest, manifest_sha256=manifest_sha, seat_id="S01", expert_name="张伟",
                     states=_states_s01(1), private_key=s01, seat_code=SEAT_CODES["S01"],
                     created_at=CREATED_AT)
    r2 = build_sheet(manifest, manifest_sha256=manifest_sha, seat_id="S01", expert_name="张伟",
                     states=_states_s01(2), private_key=s01, seat_code=SEAT_CODES["S01"],
                     revision=2, previous_sha256=r1.body_sha256,
                     created_at=CREATED_AT + dt.timedelta(hours=1))
    enrolled = build_sheet(manifest, manifest_sha256=manifest_sha, seat_id="S02",
                           expert_name="李娜", states=_states_s02(), private_key=KEY_B,
                           seat_code=None, created_at=CREATED_AT)
    out["v2-valid-r1"] = (r1.envelope, _expected(
        name, "accept", "format 2: revision 1 signed with seat S01's key, derived from its "
        "seat code; verified without any seat code", seat_codes=False, seat_proof="seat key",
        revision=1, body_sha256=r1.body_sha256))
    out["v2-valid-r2"] = (r2.envelope, _expected(
        name, "accept", "format 2: revision 2 of seat S01, chaining to revision 1",
        seat_codes=False, seat_proof="seat key", revision=2, body_sha256=r2.body_sha256,
        previous_sha256=r1.body_sha256))
    out["v2-valid-enrolled-key"] = (enrolled.envelope, _expected(
        name, "accept", "format 2: seat S02 signs with its enrolled key instead of its seat key",
        seat_codes=False, seat_proof="enrolled key", revision=1,
        body_sha256=enrolled.body_sha256))

    body = r2.body.to_dict()

    def reject(vector: str, data: bytes, reason: str, description: str, *,
               seat_codes: bool = False) -> None:
        out[vector] = (data, _expected(name, "reject", description, reason=reason,
                                       seat_codes=seat_codes))

    def signed_by(signer: Ed25519PrivateKey, payload_type: str = PAYLOAD_TYPE_2,
                  **changes: Any) -> bytes:
        public = raw_public_key(signer.public_key())
        forged = {**copy.deepcopy(body), "public_key": _b64(public),
                  "key_id": key_id_for(public), **changes}
        return seal(canonical_bytes(forged), signer, payload_type)

    reject("v2-fresh-key", signed_by(KEY_X), "key mismatch",
           "a revision 2 for seat S01 signed with a fresh key (what a copy of the central "
           "store allows): not the seat's key")
    reject("v2-other-seat-key", signed_by(
        seat_signing_key(SEAT_CODES["S03"], V2_PACKAGE_ID, "S03")), "key mismatch",
        "a sheet for seat S01 signed with seat S03's key")
    reject("v2-seat-key-of-another-package", signed_by(
        seat_signing_key(SEAT_CODES["S01"], PACKAGE_ID, "S01")), "key mismatch",
        "seat S01's code with the format-1 vectors' package id as salt: another key")
    legacy = {k: v for k, v in body.items() if k != "suite"}
    legacy["format"] = "reviewer-app/sheet/1"
    legacy["seat_claim"] = seat_claim_for(SEAT_CODES["S01"], V2_PACKAGE_ID,
                                          raw_public_key(KEY_A.public_key()))
    legacy.update(public_key=_b64(raw_public_key(KEY_A.public_key())),
                  key_id=key_id_for(raw_public_key(KEY_A.public_key())))
    reject("v2-format-1-sheet", seal(canonical_bytes(legacy), KEY_A), "unsupported format",
           "a format-1 sheet with a valid seat claim, offered to a format-2 package "
           "(seat codes given): no downgrade", seat_codes=True)
    reject("v2-unknown-suite", signed_by(s01, suite="sm2-sm3-sm4gcm"), "unsupported format",
           "a format-2 body naming an algorithm suite this verifier does not know")
    reject("v2-payload-type-1", signed_by(s01, PAYLOAD_TYPE), "unsupported format",
           "a format-2 body in an envelope of payload type version=1")
    return out


def _changed(body: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    result = copy.deepcopy(body)
    change(result)
    return result


def _non_canonical_b64(text: str) -> str:
    # Set a padding bit of the last significant character: decodes to the same bytes.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    stripped = text.rstrip("=")
    last = alphabet.index(stripped[-1])
    return stripped[:-1] + alphabet[last | 1] + text[len(stripped):]


def generate(out_dir: Path = HERE) -> list[Path]:
    """Write every fixture and vector into ``out_dir``; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, manifest in manifests().items():
        (out_dir / name).write_bytes(manifest_bytes(manifest))
        written.append(out_dir / name)
    codes = out_dir / "seat-codes.json"
    codes.write_bytes((json.dumps(SEAT_CODES, indent=2) + "\n").encode("ascii"))
    written.append(codes)
    for name, (data, expected) in vectors().items():
        sheet_name = "valid-r1.revsheet" if name == "valid-r1-no-seat-codes" else (
            f"{name}.revsheet")
        expected = {"file": sheet_name, **expected}
        if sheet_name == f"{name}.revsheet":
            (out_dir / sheet_name).write_bytes(data)
            written.append(out_dir / sheet_name)
        path = out_dir / f"{name}.expected.json"
        path.write_bytes((json.dumps(expected, ensure_ascii=False, indent=2) + "\n")
                         .encode("utf-8"))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in generate():
        print(path.relative_to(ROOT))
