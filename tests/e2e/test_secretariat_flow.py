"""The whole chain of trust from the command line, with the real crypto throughout:

demo intake -> check-intake -> build -> experts' sheets made by the real signing
code (conflicts, a re-exported revision, a tampered copy) -> verify -> merge ->
results, with the numbers checked against an expectation computed by hand.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

import blake3
import pytest

from reviewer_app.central.demo_intake import generate_demo_intake
from reviewer_app.cli.admin import main as admin
from reviewer_app.package import open_package
from reviewer_app.sheets.build import build_sheet
from reviewer_app.sheets.export import export_sheet
from reviewer_app.sheets.seat_keys import sheet_signing_key
from reviewer_app.storage.workspace import ProjectState
from tests.helpers.central import headless_secretariat
from tests.helpers.commitment import ACCEPTED_AT

PROJECTS, SEATS = 12, 5


@pytest.fixture
def secretariat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_keyring: None) -> Path:
    """A secretariat machine: no keyring (headless), user data under tmp_path."""
    headless_secretariat(tmp_path, monkeypatch, "评审 passphrase 2026 kp7x-m2qd-wv9h")
    return tmp_path


def scores_for(k: int, s: int) -> dict[str, str]:
    return {"advancement": str(20 + k % 5), "innovation": str(15 + s),
            "applicability": "12", "outcome": str(15 + k % 3)}


def test_secretariat_flow(secretariat: Path, capsys: pytest.CaptureFixture) -> None:
    tmp = secretariat
    plan = generate_demo_intake(tmp / "intake", projects=PROJECTS, seats=SEATS, seed=11)

    assert admin(["check-intake", str(tmp / "intake"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    flagged = {p["project_id"]: {f["check"] for f in p["findings"] if f["status"] == "fail"}
               for p in report["projects"] if p["status"] == "fail"}
    assert flagged == {pid: {rule} for pid, rule in plan.planted.items()}

    package = tmp / "session.revpkg"
    assert admin(["build", str(tmp / "intake"), "--out", str(package), "--passphrase-file",
                  str(tmp / "pass.txt"), "--seat-codes-out", str(tmp / "codes.csv"),
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    out = capsys.readouterr().out
    assert "organizer fingerprint:" in out
    assert (tmp / "data" / "reviewer-app" / "keys" / "organizer-signing-key.key").is_file()

    assert admin(["inspect", str(package), "--passphrase-file", str(tmp / "pass.txt"),
                  "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert len(summary["seats"]) == SEATS
    assert summary["members_verified"] is False
    # A copy is checked member by member before it is handed out (inspect does not).
    assert admin(["inspect", str(package), "--passphrase-file", str(tmp / "pass.txt")]) == 0
    assert "materials not verified" in capsys.readouterr().out
    assert admin(["verify-package", str(package), "--passphrase-file",
                  str(tmp / "pass.txt")]) == 0
    assert f"verified  all {len(summary['members'])} materials" in capsys.readouterr().out
    # An audit: extract a material and compare it with the organizer-signed digest.
    member = summary["members"][-1]
    assert admin(["extract", str(package), "--member", str(member["id"]), "--out",
                  str(tmp / "audit.bin"),
                  "--passphrase-file", str(tmp / "pass.txt")]) == 0
    assert blake3.blake3((tmp / "audit.bin").read_bytes()).hexdigest() == member["blake3"]

    codes = {row["seat_id"]: row["seat_code"]
             for row in csv.DictReader((tmp / "codes.csv").open(encoding="utf-8"))}
    reader = open_package(package, trusted_keys=None,
                          passphrase="评审 passphrase 2026 kp7x-m2qd-wv9h")
    manifest, manifest_sha = reader.manifest, reader.manifest_sha256
    reader.close()
    order = [p["project_id"] for p in manifest["projects"]]
    sheets_dir = tmp / "usb"
    sheets_dir.mkdir()

    def sheet(seat_index: int, revision: int = 1, previous=None, bump: int = 0):
        seat = f"S{seat_index:02d}"
        states = {}
        for pid in manifest["assignments"][seat]:
            k = order.index(pid)
            if k == 0 and seat_index == 5:
                states[pid] = ProjectState(pid, conflict_declared=True,
                                           conflict_reason="曾为该企业提供咨询",
                                           conflict_category="employment")
                continue
            scores = scores_for(k, seat_index)
            if k == 1 and bump:
                scores["outcome"] = str(int(scores["outcome"]) + bump)
            states[pid] = ProjectState(pid, scores=scores, comments={
                c: "依据申报材料评分" for c in scores})
        return build_sheet(manifest, manifest_sha256=manifest_sha, seat_id=seat,
                           expert_name=f"专家{seat_index}", states=states,
                           private_key=sheet_signing_key(manifest, seat, codes[seat], None),
                           seat_code=codes[seat], revision=revision, previous_sha256=previous,
                           commitment_accepted_at=ACCEPTED_AT)

    files = []
    for s in range(1, SEATS + 1):
        signed = sheet(s)
        revsheet, pdf = export_sheet(sheets_dir, signed, manifest)
        files.append(revsheet)
        assert pdf.stat().st_size > 0
        if s == 2:
            second = sheet(2, revision=2, previous=signed.body_sha256, bump=4)
            files.append(export_sheet(sheets_dir, second, manifest)[0])
    tampered = tmp / "tampered.revsheet"
    data = bytearray(files[-1].read_bytes())
    data[200] ^= 0x01
    tampered.write_bytes(bytes(data))

    # The sheets prove their seats by the seat keys in the manifest: no seat codes.
    common = ["--package", str(package), "--passphrase-file", str(tmp / "pass.txt")]
    assert admin(["verify", *map(str, files), *common]) == 0
    capsys.readouterr()
    assert admin(["verify", str(tampered), *common, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)[0]["ok"] is False

    db = str(tmp / "central.sqlite")
    assert admin(["merge", *map(str, files), str(tampered), "--db", db, *common,
                  "--organizer-passphrase-file", str(tmp / "org.txt"), "--json"]) == 1
    decisions = [o["decision"] for o in json.loads(capsys.readouterr().out)]
    assert decisions == ["accepted", "accepted", "replaced", "accepted", "accepted",
                         "accepted", "rejected"]
    assert admin(["merge", *map(str, files), "--db", db]) == 0  # idempotent
    capsys.readouterr()

    # 需复核 projects are funded only once a decision is recorded (issue 10 item 2):
    # settle them all as 通过 here, from a CSV as the secretariat would.
    pending = [p["project_id"] for p in manifest["projects"]
               if p["eligibility"]["status"] == "needs_review"]
    assert pending
    decisions_csv = tmp / "decisions.csv"
    decisions_csv.write_text("project_id,outcome,reason,decided_by\n" + "".join(
        f"{pid},通过,经核实为企业法人,王经办\n" for pid in pending), encoding="utf-8")
    assert admin(["decide", "--csv", str(decisions_csv), "--db", db]) == 0
    capsys.readouterr()

    assert admin(["results", "--db", db, "--out", str(tmp / "results")]) == 0
    results = json.loads((tmp / "results" / "results.json").read_text(encoding="utf-8"))
    for pid in pending:
        record = next(p for p in results["projects"] if p["project_id"] == pid)
        assert record["eligibility"]["effective"] == "pass"
        assert record["eligibility"]["decision"]["decided_by"] == "王经办"
    costs = {row["project_id"]: Decimal(row["actual_cost"]) for row in csv.DictReader(
        (tmp / "intake" / "applications.csv").open(encoding="utf-8-sig"))}
    by_id = {p["project_id"]: p for p in results["projects"]}
    assert set(by_id) == set(order)
    for k, pid in enumerate(order):
        base = 62 + k % 5 + k % 3
        if k == 0:
            expected = Decimal(base) + Decimal("2.5")       # S05 conflicted: mean of 4
        elif k == 1:
            expected = Decimal(base + 4)                   # S02's revision 2 counts
        else:
            expected = Decimal(base + 3)                   # trimmed mean of 5
        project = by_id[pid]
        assert Decimal(project["score"]) == expected, pid
        if expected >= 65:
            amount = (costs[pid] * Decimal("0.10") / 100).to_integral_value(ROUND_FLOOR) * 100
            assert project["tier"] == "C"
        else:
            amount = Decimal(0)
            assert project["reasons"][0]["code"] == "below_tiers"
        assert Decimal(project["amount"]) == amount, pid
    assert by_id[order[0]]["conflicts_excluded"] == ["S05"]
    assert len(results["sheets_sha256"]) == SEATS
    publicity = (tmp / "results" / "publicity.csv").read_text(encoding="utf-8-sig")
    assert publicity.count("\n") == 1 + sum(1 for p in by_id.values() if p["amount"] != "0")


def test_site_inspection_findings_reach_the_results(secretariat: Path,
                                                     capsys: pytest.CaptureFixture) -> None:
    """A panel package and an inspection package of the same intake, merged into one
    store: the visits' 不符合 shows in every results file beside the panel's scores."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from reviewer_app.sheets.body import ChecklistAnswer, InspectionVisit, Photo

    tmp = secretariat
    generate_demo_intake(tmp / "intake", projects=4, seats=3, seed=5)
    db = str(tmp / "central.sqlite")
    findings: dict[str, str] = {}
    for kind in ("panel", "inspection"):
        package = tmp / f"{kind}.revpkg"
        codes_file = tmp / f"{kind}-codes.csv"
        assert admin(["build", str(tmp / "intake"), "--out", str(package), "--kind", kind,
                      "--passphrase-file", str(tmp / "pass.txt"), "--seat-codes-out",
                      str(codes_file), "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
        codes = {row["seat_id"]: row["seat_code"]
                 for row in csv.DictReader(codes_file.open(encoding="utf-8"))}
        with open_package(package, trusted_keys=None,
                          passphrase="评审 passphrase 2026 kp7x-m2qd-wv9h") as reader:
            manifest, manifest_sha = reader.manifest, reader.manifest_sha256
        items = [item["id"] for item in manifest.get("inspection_checklist", ())]
        (tmp / f"{kind}-usb").mkdir()
        files = []
        for s, seat in enumerate(sorted(manifest["assignments"]), start=1):
            states, visits = {}, []
            for k, pid in enumerate(manifest["assignments"][seat]):
                states[pid] = ProjectState(pid, scores=scores_for(k, s))
                if kind == "inspection":
                    # The first seat finds the first item of its first project not compliant.
                    bad = s == 1 and k == 0
                    if bad:
                        findings[pid] = seat
                    visits.append(InspectionVisit(pid, tuple(
                        ChecklistAnswer(item, "non_compliant" if bad and i == 0 else "compliant",
                                        "=HYPERLINK(\"x\") 合同金额与发票不符" if bad and i == 0
                                        else "")
                        for i, item in enumerate(items)), findings="现场核实",
                        recommendation="建议支持",
                        photos=(Photo("ab" * 32, "image/jpeg", "机房"),)))
            signed = build_sheet(manifest, manifest_sha256=manifest_sha, seat_id=seat,
                                 expert_name=f"专家{s}", states=states,
                                 private_key=sheet_signing_key(manifest, seat, codes[seat],
                                                               None),
                                 seat_code=codes[seat], inspection=visits,
                                                               commitment_accepted_at=ACCEPTED_AT)
            files.append(export_sheet(tmp / f"{kind}-usb", signed, manifest)[0])
        assert admin(["merge", *map(str, files), "--db", db, "--package", str(package),
                      "--passphrase-file", str(tmp / "pass.txt"),
                      "--seat-codes", str(codes_file),
                      "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
        assert "--seat-codes is not needed and was not used" in capsys.readouterr().err
    (flagged, seat), = findings.items()

    assert admin(["results", "--db", db, "--out", str(tmp / "results")]) == 0
    out = tmp / "results"
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert document["inspections"][flagged]["non_compliant"] == 1
    assert document["inspections"][flagged]["summary"] == "不符合 1 项"
    visit = next(v for v in document["inspections"][flagged]["visits"] if v["seat_id"] == seat)
    assert visit["photos"][0]["caption"] == "机房"
    assert all(found["summary"] == "符合" for pid, found in document["inspections"].items()
               if pid != flagged)
    rows = list(csv.DictReader((out / "results.csv").open(encoding="utf-8-sig")))
    assert {r["项目编号"]: r["现场考察"] for r in rows}[flagged] == "不符合 1 项"

    book = load_workbook(out / "results.xlsx")
    sheet = book["现场考察"]
    bad_rows = [row for row in sheet.iter_rows(min_row=2) if row[5].value == "不符合"]
    assert len(bad_rows) == 1 and bad_rows[0][0].value == flagged
    note = bad_rows[0][6]
    assert note.data_type == "s" and note.value.startswith("=HYPERLINK")  # text, not formula
    assert bad_rows[0][5].fill.fgColor.rgb.endswith("FCE4D6")
    text = "".join(page.extract_text() for page in PdfReader(out / "results.pdf").pages)
    assert "现场考察" in text and "合同金额与发票不符" in text


def test_merge_registers_only_packages_of_the_trusted_organizer(
        secretariat: Path, capsys: pytest.CaptureFixture) -> None:
    tmp = secretariat
    generate_demo_intake(tmp / "intake", projects=3, seats=2, seed=5)
    own = ["--organizer-passphrase-file", str(tmp / "org.txt")]
    assert admin(["organizer", *own]) == 0
    shown = capsys.readouterr().out.split("organizer fingerprint:")[1]
    own_fingerprint = shown.splitlines()[0].strip()
    # A package signed with another organizer key (a key file, as build allows).
    other = tmp / "other-organizer.key"
    from reviewer_app.identity.organizer import OrganizerIdentity
    stranger = OrganizerIdentity.generate()
    stranger.save_key_file(other, "organizer secret: fjord-wren-basalt-19")
    package = tmp / "foreign.revpkg"
    assert admin(["build", str(tmp / "intake"), "--out", str(package), "--passphrase-file",
                  str(tmp / "pass.txt"), "--organizer-key", str(other),
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    capsys.readouterr()
    db = str(tmp / "central.sqlite")
    merge = ["merge", "--db", db, "--package", str(package), "--passphrase-file",
             str(tmp / "pass.txt")]
    nothing = tmp / "none.revsheet"
    nothing.write_bytes(b"{}")

    assert admin([*merge[:1], str(nothing), *merge[1:], *own]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("reviewer-admin: error: ") and "\n" not in error
    message = error.removeprefix("reviewer-admin: error: ")
    assert message.startswith(f"package {package} is signed by organizer ")
    assert stranger.fingerprint in message and own_fingerprint in message
    assert "--organizer-fingerprint" in message

    wrong = "0" * 32
    assert admin([*merge[:1], str(nothing), *merge[1:], "--organizer-fingerprint", wrong]) == 1
    assert "not" in capsys.readouterr().err
    assert admin([*merge[:1], str(nothing), *merge[1:], "--organizer-fingerprint",
                  "not a fingerprint"]) == 1
    assert "--organizer-fingerprint:" in capsys.readouterr().err

    trusted = stranger.fingerprint.replace(" ", "")
    assert admin([*merge[:1], str(nothing), *merge[1:], "--organizer-fingerprint",
                  trusted]) == 1  # registered; the empty sheet itself is rejected
    assert "registered" in capsys.readouterr().err
