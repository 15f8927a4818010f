"""Regenerate the second-round (复议) test vectors beside this file (docs/formats.md
§1.8.4 and §2.4.4).

Run ``python tests/vectors/second_round/generate.py``; the output is byte-for-byte
deterministic, and ``tests/unit/sheets/test_second_round_vectors.py`` checks that
regenerating changes nothing.

Files: ``manifest-v5.json``, a format-5 manifest fixture built on the sheet vectors'
format-2 fixture (``tests/vectors/sheets/manifest-v2.json``: same rubric, seats and
seat codes, ``seat-codes.json`` there); for every sheet vector ``<name>.revsheet``
with ``<name>.expected.json`` stating the expected outcome; and the sealed first-round
members ``first-round-<seat>.bin`` with ``first-round.expected.json`` stating the
key, the plaintext, and which codes must fail.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import importlib.util
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reviewer_app.sheets.build import build_sheet  # noqa: E402
from reviewer_app.sheets.canonical import canonical_bytes  # noqa: E402
from reviewer_app.sheets.envelope import PAYLOAD_TYPE_2, PAYLOAD_TYPE_4, seal  # noqa: E402
from reviewer_app.sheets.first_round import (  # noqa: E402
    first_round_key,
    own_first_round,
    plaintext,
)
from reviewer_app.sheets.first_round import seal as seal_first_round  # noqa: E402
from reviewer_app.sheets.seat_keys import seat_public_key, seat_signing_key  # noqa: E402
from reviewer_app.storage.workspace import ProjectState  # noqa: E402

HERE = Path(__file__).resolve().parent
SHEETS = ROOT / "tests" / "vectors" / "sheets"
CREATED_AT = dt.datetime(2026, 6, 25, 2, 30, tzinfo=dt.UTC)
V5_PACKAGE_ID = "5eed0f5a1c0ffee0d15ea5e0b0a710c7"
FIRST_ROUND_ID = "5eed0f5a1c0ffee0d15ea5e0b0a710c6"  # manifest-v2.json's package
REASON = "第一轮技术分偏高，复议时参考了第三方测评报告。"


def _sheet_vectors():
    spec = importlib.util.spec_from_file_location("sheet_vector_generator",
                                                  SHEETS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def manifest_v5() -> dict[str, Any]:
    sheets = _sheet_vectors()
    v5 = copy.deepcopy(sheets.manifests()["manifest-v2.json"])
    v5.update(format="rvpkg-manifest/5", package_id=V5_PACKAGE_ID)
    v5["session"] = {"kind": "panel", "name": "测试资助计划 2026 专家评审会 第二轮复议",
                     "deadline": "2026-07-05"}
    v5["seats"] = [s for s in v5["seats"] if s["seat_id"] in ("S01", "S03")]
    for seat in v5["seats"]:
        seat["seat_key"] = seat_public_key(sheets.SEAT_CODES[seat["seat_id"]], V5_PACKAGE_ID,
                                           seat["seat_id"])
    v5["assignments"] = {"S01": ["P1"], "S03": ["P1"]}
    v5["projects"] = [p for p in v5["projects"] if p["project_id"] == "P1"]
    v5["members"] = [{"id": i, "name": f"first-round/{seat}", "media_type":
                      "application/vnd.reviewer-app.first-round+aes256gcm", "length": 0,
                      "blake3": "0" * 64} for i, seat in enumerate(("S01", "S03"), start=1)]
    v5["second_round"] = {
        "first_round_package_id": FIRST_ROUND_ID, "projects": ["P1"],
        "distribution": {"P1": {"count": 2, "min": "62", "median": "68.25", "max": "74.5"}},
        "seat_members": {"S01": 1, "S03": 2}}
    return v5


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _state(reason: str) -> dict[str, ProjectState]:
    state = ProjectState("P1", scores={"advancement": "22", "innovation": "18.5",
                                       "outcome": "30"}, recommendation="建议资助")
    state.second_round_reason = reason  # type: ignore[attr-defined]
    return {"P1": state}


def _expected(outcome: str, description: str, **extra: Any) -> dict[str, Any]:
    return {"description": description, "manifest": "manifest-v5.json", "expect": outcome,
            **extra}


def vectors() -> dict[str, tuple[bytes, dict[str, Any]]]:
    sheets = _sheet_vectors()
    manifest = manifest_v5()
    sha = hashlib.sha256(manifest_bytes(manifest)).hexdigest()
    code = sheets.SEAT_CODES["S01"]
    key = seat_signing_key(code, V5_PACKAGE_ID, "S01")
    valid = build_sheet(manifest, manifest_sha256=sha, seat_id="S01", expert_name="张伟",
                        states=_state(REASON), private_key=key, seat_code=code,
                        created_at=CREATED_AT)
    out = {"round2-valid": (valid.envelope, _expected(
        "accept", "a round-2 sheet (format 4): round 2, the first round's package id, the "
                  "re-scored project's reason", seat_proof="seat key", revision=1,
        body_sha256=valid.body_sha256))}
    body = valid.body.to_dict()

    def resigned(change, payload_type: str = PAYLOAD_TYPE_4) -> bytes:
        changed = copy.deepcopy(body)
        change(changed)
        return seal(canonical_bytes(changed), key, payload_type)

    out["round2-no-reason"] = (resigned(lambda b: b["projects"][0].update(reason="  ")),
                               _expected("reject", "a re-scored project whose reason is "
                                         "blank", reason="missing reason"))
    out["round2-other-first-round"] = (
        resigned(lambda b: b.update(first_round_package_id="0" * 32)),
        _expected("reject", "names another first round", reason="wrong package"))
    out["round2-round-1"] = (resigned(lambda b: b.update(round=1)),
                             _expected("reject", "round is 1 in a format-4 body",
                                       reason="malformed"))
    out["round2-without-reason-key"] = (
        resigned(lambda b: b["projects"][0].pop("reason")),
        _expected("reject", "a project entry without the reason member", reason="malformed"))

    def as_format_2(b: dict[str, Any]) -> None:
        b["format"] = "reviewer-app/sheet/2"
        del b["round"], b["first_round_package_id"]
        b["projects"][0].pop("reason")

    out["round2-as-format-2"] = (resigned(as_format_2, PAYLOAD_TYPE_2), _expected(
        "reject", "a format-2 sheet for a second-round package: no downgrade",
        reason="unsupported format"))
    return out


def first_round_members() -> tuple[dict[str, bytes], dict[str, Any]]:
    sheets = _sheet_vectors()
    owns = {
        "S01": own_first_round("S01", FIRST_ROUND_ID, [(
            "P1", {"advancement": Decimal("26"), "innovation": Decimal("18.5"),
                   "outcome": Decimal("30")}, Decimal("74.5"))]),
        "S03": own_first_round("S03", FIRST_ROUND_ID, [(
            "P1", {"advancement": Decimal("20"), "innovation": Decimal("15"),
                   "outcome": Decimal("27")}, Decimal("62"))]),
    }
    sealed = {seat: seal_first_round(own, sheets.SEAT_CODES[seat], V5_PACKAGE_ID)
              for seat, own in owns.items()}
    expected = {
        "description": "each seat's sealed first round (docs/formats.md §1.8.4): opens with "
                       "that seat's code only; a flipped byte fails",
        "package_id": V5_PACKAGE_ID, "first_round_package_id": FIRST_ROUND_ID,
        "seats": {seat: {"file": f"first-round-{seat}.bin",
                         "seat_code": sheets.SEAT_CODES[seat],
                         "key_hex": first_round_key(sheets.SEAT_CODES[seat], V5_PACKAGE_ID,
                                                    seat).hex(),
                         "plaintext": plaintext(owns[seat]).decode("utf-8")}
                  for seat in owns},
        "must_fail": [{"file": "first-round-S01.bin", "seat": "S01",
                       "seat_code": sheets.SEAT_CODES["S03"], "why": "another seat's code"},
                      {"file": "first-round-S03.bin", "seat": "S01",
                       "seat_code": sheets.SEAT_CODES["S01"],
                       "why": "another seat's member under one's own code"}],
    }
    return {f"first-round-{s}.bin": data for s, data in sealed.items()}, expected


def generate(out_dir: Path = HERE) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    path = out_dir / "manifest-v5.json"
    path.write_bytes(manifest_bytes(manifest_v5()))
    written.append(path)
    for name, (data, expected) in vectors().items():
        (out_dir / f"{name}.revsheet").write_bytes(data)
        path = out_dir / f"{name}.expected.json"
        path.write_bytes((json.dumps({"file": f"{name}.revsheet", **expected},
                                     ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        written += [out_dir / f"{name}.revsheet", path]
    members, expected = first_round_members()
    for name, data in members.items():
        (out_dir / name).write_bytes(data)
        written.append(out_dir / name)
    path = out_dir / "first-round.expected.json"
    path.write_bytes((json.dumps(expected, ensure_ascii=False, indent=2) + "\n")
                     .encode("utf-8"))
    written.append(path)
    return written


if __name__ == "__main__":
    for path in generate():
        print(path.relative_to(ROOT))
