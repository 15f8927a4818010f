"""Issue 11 item 3: a copy of the central store holds nothing that signs for a seat.

A real round from the command line (build, demo-sheets signed by the real code,
merge with the seat codes file given as old scripts do), then an attacker with a
copy of the store file: they read every table, every value and the raw bytes, and
try to forge a revision-2 sheet that would replace a seat's scores. Merge refuses
every attempt with a clear reason, and the results do not move.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import csv
import hashlib
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reviewer_app.central.merge import sheet_body
from reviewer_app.cli.admin import main as admin
from reviewer_app.core.seat_codes import SeatCodeError, canonical_seat_code
from reviewer_app.sheets.body import key_id_for, raw_public_key, seat_claim_for
from reviewer_app.sheets.canonical import canonical_bytes
from reviewer_app.sheets.envelope import (
    PAYLOAD_TYPE,
    PAYLOAD_TYPE_3,
    Signature,
    encode_envelope,
    seal,
    sign_payload,
)
from reviewer_app.sheets.seat_keys import seat_signing_key
from tests.e2e.test_rehearsal import _build, _demo_sheets, secretariat  # noqa: F401


def _store_values(db: Path) -> Iterator[str]:
    """Every text value in every table of the store copy, and the strings inside JSON."""
    with sqlite3.connect(db) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if isinstance(value, str):
                        yield value
                        yield from _json_strings(value)


def _json_strings(text: str) -> Iterator[str]:
    try:
        parsed = json.loads(text)
    except ValueError:
        return
    stack = [parsed]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            yield item


def _candidate_codes(values: list[str]) -> set[str]:
    """Whatever in the store could be taken for a seat code: any 16-character run of
    the code alphabet (after canonicalising), e.g. check values cut to size."""
    found = set()
    for value in values:
        for start in range(0, max(0, len(value) - 15), 16):
            with contextlib.suppress(SeatCodeError):
                found.add(canonical_seat_code(value[start:start + 16]))
    return found


def _forged(body: dict, signer: Ed25519PrivateKey, payload_type: str = PAYLOAD_TYPE_3,
            **changes) -> bytes:
    public = raw_public_key(signer.public_key())
    forged = {**copy.deepcopy(body), "public_key": base64.b64encode(public).decode(),
              "key_id": key_id_for(public), **changes}
    return seal(canonical_bytes(forged), signer, payload_type)


def _with_keyid(body_bytes: bytes, keyid: str) -> bytes:
    signature = sign_payload(body_bytes, Ed25519PrivateKey.generate(), PAYLOAD_TYPE_3)
    return encode_envelope(body_bytes, [Signature(keyid, signature.sig)], PAYLOAD_TYPE_3)


def test_a_copy_of_the_store_cannot_forge_a_replacement_sheet(
        secretariat: Path, capsys: pytest.CaptureFixture) -> None:  # noqa: F811
    tmp = secretariat
    package, codes_csv = _build(tmp)
    assert _demo_sheets(tmp, package, codes_csv, tmp / "sheets") == 0
    db = tmp / "central.sqlite"
    # Merged as an old script would, seat codes file and all: none of it is kept.
    assert admin(["merge", *map(str, sorted((tmp / "sheets").glob("*.revsheet"))),
                  "--db", str(db), "--package", str(package),
                  "--passphrase-file", str(tmp / "pass.txt"), "--seat-codes", str(codes_csv),
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    assert admin(["results", "--db", str(db), "--out", str(tmp / "before")]) == 0
    capsys.readouterr()

    stolen = tmp / "stolen"
    stolen.mkdir()
    for part in tmp.glob("central.sqlite*"):
        shutil.copy2(part, stolen / part.name)
    codes = {row["seat_id"]: canonical_seat_code(row["seat_code"])
             for row in csv.DictReader(codes_csv.open(encoding="utf-8"))}
    raw = b"".join(p.read_bytes() for p in stolen.iterdir())
    assert not any(code.encode() in raw for code in codes.values()), "a seat code is stored"
    values = list(_store_values(stolen / "central.sqlite"))
    assert not set(codes.values()) & _candidate_codes(values)

    # The seat whose accepted revision 1 the attacker wants replaced.
    with sqlite3.connect(stolen / "central.sqlite") as connection:
        seat, revision, body_sha, sheet_sha = connection.execute(
            "SELECT seat_id, revision, body_sha256, sheet_sha256 FROM accepted_sheet "
            "WHERE revision = 1 ORDER BY seat_id").fetchone()
        accepted = connection.execute("SELECT raw FROM sheet_file WHERE sha256 = ?",
                                      (sheet_sha,)).fetchone()[0]
        manifest = json.loads(connection.execute("SELECT manifest_json FROM package")
                              .fetchone()[0])
    body = sheet_body(accepted)
    assert body["format"] == "reviewer-app/sheet/3" and "seat_claim" not in body
    top = copy.deepcopy(body["projects"])
    for entry in top:
        if not entry["conflict"]["declared"]:
            entry["scores"] = {c["id"]: c["max"] for c in manifest["rubric"]["criteria"]}
            entry["total"] = str(sum(int(c["max"]) for c in manifest["rubric"]["criteria"]))
    rev2 = {"revision": revision + 1, "previous_sha256": body_sha, "projects": top}
    package_id = manifest["package_id"]
    guesses = sorted(_candidate_codes(values))[:50]  # every guess fails alike; some suffice
    assert guesses

    attempts = {
        # A fresh key of the attacker's own.
        "fresh key": _forged(body, Ed25519PrivateKey.generate(), **rev2),
        # The seat's real public key and key id named, signed with another key.
        "seat's public key named": _with_keyid(canonical_bytes({**body, **rev2}),
                                               body["key_id"]),
        # Keys derived from values found in the store, taken for the seat's code.
        **{f"key from store value {g}": _forged(body, seat_signing_key(g, package_id, seat),
                                                **rev2) for g in guesses[:5]},
        # The seat's public check value (in the manifest) used as key material.
        "key from seat_code_check": _forged(body, Ed25519PrivateKey.from_private_bytes(
            hashlib.sha256(next(s["seat_code_check"] for s in manifest["seats"]
                                if s["seat_id"] == seat).encode()).digest()), **rev2),
    }
    # A downgrade: a format-1 sheet whose seat claim is made with a guessed code.
    downgrade_key = Ed25519PrivateKey.generate()
    old_body = {k: v for k, v in {**body, **rev2}.items() if k not in ("suite", "commitment")}
    old_body["projects"] = [{**{k: v for k, v in entry.items() if k != "hint"},
                             "conflict": {"declared": entry["conflict"]["declared"],
                                          "reason": entry["conflict"]["reason"]}}
                            for entry in old_body["projects"]]
    old_body["format"] = "reviewer-app/sheet/1"
    old_body["seat_claim"] = seat_claim_for(guesses[0] if guesses else "0" * 16, package_id,
                                            raw_public_key(downgrade_key.public_key()))
    attempts["format-1 downgrade"] = _forged(old_body, downgrade_key, PAYLOAD_TYPE)

    forged_dir = tmp / "forged"
    forged_dir.mkdir()
    files = []
    for i, data in enumerate(attempts.values()):
        files.append(forged_dir / f"{i}.revsheet")
        files[-1].write_bytes(data)
    # Merged without any seat code, as a format-2 package needs none.
    assert admin(["merge", *map(str, files), "--db", str(db), "--json"]) == 1
    outcomes = json.loads(capsys.readouterr().out)
    reasons = dict(zip(attempts, (o["reason"] for o in outcomes), strict=True))
    assert all(o["decision"] == "rejected" for o in outcomes), reasons
    assert reasons["seat's public key named"].startswith("bad signature:")
    assert reasons["format-1 downgrade"].startswith("unsupported format: sheet format "
                                                    "'reviewer-app/sheet/1'")
    for name, reason in reasons.items():
        if name not in ("seat's public key named", "format-1 downgrade"):
            assert reason.startswith(f"key mismatch: seat {seat}: signed with key "), reason
            assert "not the seat's key" in reason

    # The store still counts revision 1, and the results are unchanged.
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT revision, sheet_sha256 FROM accepted_sheet "
                                  "WHERE seat_id = ?", (seat,)).fetchone() == (1, sheet_sha)
    assert admin(["results", "--db", str(db), "--out", str(tmp / "after")]) == 0
    before = json.loads((tmp / "before" / "results.json").read_text(encoding="utf-8"))
    after = json.loads((tmp / "after" / "results.json").read_text(encoding="utf-8"))
    assert after["projects"] == before["projects"]
