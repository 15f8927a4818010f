"""Central-store fixtures: a registered package and sheets verified by a stand-in.

The stand-in verifier trusts the payload; it lets merge rules be tested apart
from signatures. End-to-end tests use the real signing code instead.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer_app.central.intake import load_intake
from reviewer_app.central.manifest import build_manifest
from reviewer_app.central.merge import UnknownPackage, claimed_package_id
from reviewer_app.core.errors import ReviewerError
from tests.helpers.intake import ROW, write_intake

PACKAGE_ID = "0123456789abcdef0123456789abcdef"


@dataclass(frozen=True)
class FakeVerified:
    seat_id: str
    revision: int
    body_sha256: str
    previous_sha256: str | None
    body: dict[str, Any]


class FakeRejected(ReviewerError):
    reason = "bad signature"


def fake_verify(raw: bytes, lookup) -> FakeVerified:
    package_id = claimed_package_id(raw)
    if package_id is None or lookup(package_id) is None:
        raise UnknownPackage(package_id)
    envelope = json.loads(raw)
    if envelope.get("signatures") != "ok":
        raise FakeRejected("signature does not verify")
    payload = base64.b64decode(envelope["payload"])
    body = json.loads(payload)
    return FakeVerified(body["seat_id"], body["revision"], hashlib.sha256(payload).hexdigest(),
                        body.get("previous_sha256"), body)


def fake_sheet(seat_id: str, projects: list[dict[str, Any]], revision: int = 1,
               *, signed: bool = True, previous: str | None = None,
               package_id: str = PACKAGE_ID) -> bytes:
    body = {"package_id": package_id, "seat_id": seat_id, "revision": revision,
            "previous_sha256": previous, "projects": projects}
    payload = json.dumps(body, sort_keys=True).encode()
    return json.dumps({"payload": base64.b64encode(payload).decode(),
                       "signatures": "ok" if signed else "bad"}).encode()


def scored(project_id: str, *scores: str, conflict: bool = False) -> dict[str, Any]:
    ids = ["advancement", "innovation", "applicability", "outcome"]
    rest = {"comments": {}, "overall_comment": "", "recommendation": "", "evidence": []}
    if conflict:
        return {"project_id": project_id, "conflict": {"declared": True, "reason": "顾问"},
                "scores": {}, "total": None, **rest}
    from decimal import Decimal
    return {"project_id": project_id, "conflict": {"declared": False, "reason": ""},
            "scores": dict(zip(ids, scores, strict=True)),
            "total": str(sum(Decimal(s) for s in scores)), **rest}


def revised_sheets() -> list[bytes]:
    """Five seats, each with a first revision and a second that changes one score."""
    sheets = []
    for seat in range(1, 6):
        projects = [scored("P1", "25", "20", "15", str(10 + seat)),
                    scored("P2", "20", "15", "10", "15"),
                    scored("P3", "30", "25", "20", str(20 - seat))]
        sheets.append(fake_sheet(f"S{seat}", projects))
        sheets.append(fake_sheet(f"S{seat}", [*projects[:2], scored("P3", "1", "1", "1", "1")],
                                 revision=2))
    return sheets


def seat_code_bytes(seat: int) -> bytes:
    """The 10 random bytes of seat S<seat>'s code in :func:`manifest_bytes`."""
    return bytes([seat]) * 10


def manifest_bytes(tmp_path: Path, projects: int = 3, seats: int = 5) -> bytes:
    rows = [{**ROW, "project_id": f"P{i}", "uscc": ROW["uscc"] if i < 2 else
             _other_uscc(i), "actual_cost": "1000000", "requested_amount": "300000"}
            for i in range(1, projects + 1)]
    root = write_intake(tmp_path / "intake", rows)
    ids = ";".join(r["project_id"] for r in rows)
    (root / "seats.csv").write_text(
        "seat_id,name,projects\n" + "".join(f"S{s},专家{s},{ids}\n" for s in range(1, seats + 1)),
        encoding="utf-8")
    manifest = build_manifest(load_intake(root), package_id=bytes.fromhex(PACKAGE_ID),
                              random_bytes=[seat_code_bytes(s) for s in range(1, seats + 1)]
                              ).manifest
    manifest["package_id"] = PACKAGE_ID
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _other_uscc(i: int) -> str:
    from tests.helpers.programs import make_uscc
    return make_uscc(1000 + i)


def registered_store(tmp_path: Path, manifest: bytes | None = None):
    """A migrated SQLite central store under ``tmp_path`` with the test package (or
    ``manifest``) registered; the caller disposes of the engine."""
    from reviewer_app.central.merge import register_package
    from reviewer_app.storage.engines import central_engine, migrate

    engine = central_engine(str(tmp_path / "central.sqlite"))
    migrate(engine, "central")
    data = manifest if manifest is not None else manifest_bytes(tmp_path)
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    return engine


ORGANIZER_SECRET = "organizer secret: fjord-wren-basalt-19"


def headless_secretariat(tmp_path: Path, monkeypatch, passphrase: str) -> Path:
    """A secretariat machine with no keyring (the caller's ``fail_keyring``) and user data
    under ``tmp_path``: ``pass.txt`` (the package passphrase) and ``org.txt`` (the
    organizer key's) owner-only, as ``reviewer-admin passphrase --out`` makes them."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name, text in (("pass.txt", passphrase), ("org.txt", ORGANIZER_SECRET)):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
        (tmp_path / name).chmod(0o600)
    return tmp_path


REHEARSAL_PASSPHRASE = "排练 passphrase 2026"


def rehearsal_secretariat(tmp_path: Path, monkeypatch) -> Path:
    """:func:`headless_secretariat` with the rehearsal's passphrase and its demo intake
    (``tmp_path / "intake"``: 10 projects, 6 seats, seed 3), as the guide's rehearsal."""
    from reviewer_app.central.demo_intake import generate_demo_intake

    headless_secretariat(tmp_path, monkeypatch, REHEARSAL_PASSPHRASE)
    generate_demo_intake(tmp_path / "intake", projects=10, seats=6, seed=3)
    return tmp_path
