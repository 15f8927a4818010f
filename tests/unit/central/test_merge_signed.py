"""Merging sheets made by the real signing code: the verifier's reasons reach the log."""

import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reviewer_app.central.merge import merge_sheets, register_package
from reviewer_app.central.results import compute_results
from reviewer_app.core.seat_codes import seat_code_from_bytes
from reviewer_app.sheets.build import build_sheet
from reviewer_app.sheets.seat_keys import seat_signing_key
from reviewer_app.storage.engines import central_engine, migrate
from reviewer_app.storage.workspace import ProjectState
from tests.helpers.central import PACKAGE_ID, manifest_bytes, seat_code_bytes
from tests.helpers.commitment import ACCEPTED_AT

CODES = {f"S{s}": seat_code_from_bytes(seat_code_bytes(s)) for s in range(1, 6)}


def _states(outcome: str) -> dict[str, ProjectState]:
    return {pid: ProjectState(pid, scores={"advancement": "25", "innovation": "20",
                                           "applicability": "15", "outcome": outcome},
                              comments={"advancement": "依据材料6", "outcome": "依据审计报告"})
            for pid in ("P1", "P2", "P3")}


def _store(tmp_path: Path, data: bytes):
    engine = central_engine(str(tmp_path / "c.sqlite"))
    migrate(engine, "central")
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    return engine


def test_real_sheets_merge_and_bad_ones_are_rejected(tmp_path: Path) -> None:
    data = manifest_bytes(tmp_path)
    sha = hashlib.sha256(data).hexdigest()
    manifest = json.loads(data)
    assert manifest["format"] == "rvpkg-manifest/4"  # the bundled program has a 承诺书
    engine = _store(tmp_path, data)
    sheets = [build_sheet(manifest, manifest_sha256=sha, seat_id=seat, expert_name=f"专家{seat}",
                          states=_states(str(10 + i)),
                          private_key=seat_signing_key(CODES[seat], PACKAGE_ID, seat),
                          seat_code=CODES[seat], commitment_accepted_at=ACCEPTED_AT).envelope
              for i, seat in enumerate(CODES)]
    # Another seat's code gives another seat's key: it cannot sign for S1.
    impostor_body = build_sheet(manifest, manifest_sha256=sha, seat_id="S2", expert_name="冒名",
                                states=_states("5"),
                                private_key=seat_signing_key(CODES["S2"], PACKAGE_ID, "S2"),
                                seat_code=CODES["S2"], commitment_accepted_at=ACCEPTED_AT).body
    from dataclasses import replace

    from reviewer_app.sheets.build import sign_body
    impostor = sign_body(replace(impostor_body, seat_id="S1"),
                         seat_signing_key(CODES["S2"], PACKAGE_ID, "S2")).envelope
    tampered = bytearray(sheets[0])
    tampered[len(tampered) // 2] ^= 1
    outcomes = merge_sheets(engine, [(f"s{i}", s) for i, s in
                                     enumerate([*sheets, impostor, bytes(tampered)])])
    assert [o.decision for o in outcomes] == ["accepted"] * 5 + ["rejected", "rejected"]
    assert outcomes[5].reason.startswith("key mismatch: seat S1: signed with key ")
    results = compute_results(engine)
    assert results.rows[0].aggregate.score == 60 + 12  # totals 70..74, trimmed mean 72
    engine.dispose()


def _format_1(manifest: dict) -> dict:
    """The same package as an earlier writer made it: no suite, no seat keys."""
    old = json.loads(json.dumps(manifest))
    old["format"] = "rvpkg-manifest/1"
    del old["suite"]
    for seat in old["seats"]:
        del seat["seat_key"]
    return old


def test_format_1_sheets_merge_with_codes_given_to_the_merge_only(tmp_path: Path) -> None:
    manifest = _format_1(json.loads(manifest_bytes(tmp_path)))
    data = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    engine = _store(tmp_path, data)
    sheets = [build_sheet(manifest, manifest_sha256=sha, seat_id=seat, expert_name=f"专家{seat}",
                          states=_states("10"), private_key=Ed25519PrivateKey.generate(),
                          seat_code=CODES[seat], commitment_accepted_at=ACCEPTED_AT).envelope
              for seat in CODES]
    assert b"sheet+json;version=1" in sheets[0]
    without = merge_sheets(engine, [("s1", sheets[0])])
    assert without[0].decision == "rejected"
    assert without[0].reason.startswith("seat not proven:")
    outcomes = merge_sheets(engine, [(f"s{i}", s) for i, s in enumerate(sheets)],
                            seat_codes={PACKAGE_ID: CODES})
    assert [o.decision for o in outcomes] == ["accepted"] * 5
    engine.dispose()
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("c.sqlite*"))
    assert not any(code.encode() in stored for code in CODES.values())
