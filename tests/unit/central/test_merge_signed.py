"""Merging sheets made by the real signing code: the verifier's reasons reach the log."""

import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reviewer_app.central.merge import merge_sheets, register_package
from reviewer_app.central.results import compute_results
from reviewer_app.core.seat_codes import seat_code_from_bytes
from reviewer_app.sheets.build import build_sheet
from reviewer_app.storage.engines import central_engine, migrate
from reviewer_app.storage.workspace import ProjectState
from tests.helpers.central import PACKAGE_ID, manifest_bytes

CODES = {f"S{s}": seat_code_from_bytes(bytes([s]) * 10) for s in range(1, 6)}


def _states(outcome: str) -> dict[str, ProjectState]:
    return {pid: ProjectState(pid, scores={"advancement": "25", "innovation": "20",
                                           "applicability": "15", "outcome": outcome},
                              comments={"advancement": "依据材料6", "outcome": "依据审计报告"})
            for pid in ("P1", "P2", "P3")}


def test_real_sheets_merge_and_bad_ones_are_rejected(tmp_path: Path) -> None:
    data = manifest_bytes(tmp_path)
    sha = hashlib.sha256(data).hexdigest()
    manifest = json.loads(data)
    engine = central_engine(str(tmp_path / "c.sqlite"))
    migrate(engine, "central")
    register_package(engine, data, sha, PACKAGE_ID, CODES)
    keys = {seat: Ed25519PrivateKey.generate() for seat in CODES}
    sheets = [build_sheet(manifest, manifest_sha256=sha, seat_id=seat, expert_name=f"专家{seat}",
                          states=_states(str(10 + i)), private_key=keys[seat],
                          seat_code=CODES[seat]).envelope
              for i, seat in enumerate(CODES)]
    impostor = build_sheet(manifest, manifest_sha256=sha, seat_id="S1", expert_name="冒名",
                           states=_states("5"), private_key=Ed25519PrivateKey.generate(),
                           seat_code=CODES["S2"]).envelope
    tampered = bytearray(sheets[0])
    tampered[len(tampered) // 2] ^= 1
    outcomes = merge_sheets(engine, [(f"s{i}", s) for i, s in
                                     enumerate([*sheets, impostor, bytes(tampered)])])
    assert [o.decision for o in outcomes] == ["accepted"] * 5 + ["rejected", "rejected"]
    assert outcomes[5].reason.startswith("seat claim:")
    results = compute_results(engine)
    assert results.rows[0].aggregate.score == 60 + 12  # totals 70..74, trimmed mean 72
    engine.dispose()
