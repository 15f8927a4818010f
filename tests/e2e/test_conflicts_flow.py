"""承诺书 and structured conflicts end to end (issue 14 items 1 and 2), then a second round
(item 4) on the recused project: the issue's "Done when" in one run, from the command line
with the real crypto throughout:

a seat list naming an expert's past employer equal to an applicant -> build pre-screens
it (printed, and in that seat's manifest entry) -> the expert accepts the commitment,
declares one conflict with its category and answers the hint (the sheet-writing API the
app and demo-sheets use) -> sheets -> merge (the category recorded) -> results: the
conflicts counted by category in results.xlsx and results.pdf, 回避 for that seat in the
panel summary, and the commitment acceptance printed on the sheet's PDF.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reviewer_app.central.demo_intake import generate_demo_intake
from reviewer_app.cli.admin import main as admin
from reviewer_app.package import open_package
from reviewer_app.sheets.build import build_sheet
from reviewer_app.sheets.export import export_sheet
from reviewer_app.sheets.seat_keys import sheet_signing_key
from reviewer_app.storage.workspace import ProjectState
from tests.helpers.central import headless_secretariat
from tests.helpers.commitment import ACCEPTED_AT
from tests.helpers.second_round import read_codes, round2_sheet

PASSPHRASE = "评审 passphrase 2026 kp7x-m2qd-wv9h"


@pytest.fixture
def secretariat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_keyring: None) -> Path:
    headless_secretariat(tmp_path, monkeypatch, PASSPHRASE)
    return tmp_path


def _scores(k: int, s: int) -> dict[str, str]:
    return {"advancement": str(20 + k % 5), "innovation": str(15 + s),
            "applicability": "12", "outcome": str(15 + k % 3)}


def _with_employers(intake: Path, seat: str, employer: str, past: list[str]) -> None:
    """Add the optional employer columns to seats.csv, for ``seat`` only."""
    path = intake / "seats.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    fields = [*rows[0].keys(), "employer", "past_employers"]
    for row in rows:
        row["employer"], row["past_employers"] = ("", "") if row["seat_id"] != seat else (
            employer, ";".join(past))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_prescreened_and_declared_conflicts_reach_the_results(
        secretariat: Path, capsys: pytest.CaptureFixture) -> None:
    tmp = secretariat
    generate_demo_intake(tmp / "intake", projects=6, seats=5, seed=3)
    applications = list(csv.DictReader((tmp / "intake" / "applications.csv")
                                       .open(encoding="utf-8-sig")))
    seats = list(csv.DictReader((tmp / "intake" / "seats.csv").open(encoding="utf-8-sig")))
    hinted_seat = seats[0]["seat_id"]
    target = seats[0]["projects"].split(";")[0]
    applicant = next(a["enterprise_name"] for a in applications if a["project_id"] == target)
    # The past employer as the expert wrote it: another bracket width, a place in
    # brackets, another legal form. Normalised, it is the applicant.
    spelled = applicant.replace("有限公司", "") + "（深圳）股份有限公司"
    _with_employers(tmp / "intake", hinted_seat, "某大学计算机学院", [spelled])

    package = tmp / "session.revpkg"
    assert admin(["build", str(tmp / "intake"), "--out", str(package), "--passphrase-file",
                  str(tmp / "pass.txt"), "--seat-codes-out", str(tmp / "codes.csv"),
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    out = capsys.readouterr().out
    assert "conflict pre-screen: 1 likely conflict(s)" in out
    assert f"{hinted_seat} / {target}: employment" in out and spelled in out

    codes = {row["seat_id"]: row["seat_code"]
             for row in csv.DictReader((tmp / "codes.csv").open(encoding="utf-8"))}
    with open_package(package, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        manifest, manifest_sha = reader.manifest, reader.manifest_sha256
    assert manifest["format"] == "rvpkg-manifest/4"
    assert manifest["commitment"]["text"].startswith("本人受邀担任")
    hints = {s["seat_id"]: s["conflict_hints"] for s in manifest["seats"]}
    assert hints[hinted_seat] == [{"project_id": target, "category": "employment",
                                   "matched": [spelled, applicant]}]
    assert all(not h for seat, h in hints.items() if seat != hinted_seat)

    # The expert of the hinted seat confirms the hint (回避, category employment); the
    # next seat declares a conflict of its own on its first project (亲属关系).
    declared_seat = seats[1]["seat_id"]
    declared_pid = manifest["assignments"][declared_seat][0]
    order = [p["project_id"] for p in manifest["projects"]]
    files, pdfs = [], []
    (tmp / "usb").mkdir()
    for s, seat in enumerate(manifest["assignments"], start=1):
        states = {pid: ProjectState(pid, scores=_scores(order.index(pid), s))
                  for pid in manifest["assignments"][seat]}
        if seat == hinted_seat:
            states[target] = ProjectState(
                target, conflict_declared=True, conflict_category="employment",
                conflict_reason="本人曾在该企业任职（2023 年离职）", hint_answer="conflict")
        if seat == declared_seat:
            states[declared_pid] = ProjectState(
                declared_pid, conflict_declared=True, conflict_category="relative",
                conflict_reason="申报企业法定代表人系本人表弟")
        signed = build_sheet(manifest, manifest_sha256=manifest_sha, seat_id=seat,
                             expert_name=f"专家{s}", states=states,
                             private_key=sheet_signing_key(manifest, seat, codes[seat], None),
                             seat_code=codes[seat], commitment_accepted_at=ACCEPTED_AT)
        assert signed.body.format == "reviewer-app/sheet/3"
        revsheet, pdf = export_sheet(tmp / "usb", signed, manifest)
        files.append(revsheet)
        pdfs.append(pdf)

    # The hinted seat's printed sheet: the acceptance in 北京时间, the category, the hint.
    text = "".join("".join(page.extract_text() for page in PdfReader(pdfs[0]).pages).split())
    assert "承诺书：专家已于2026-06-2009:00（北京时间UTC+8）阅读并确认" in text
    assert manifest["commitment"]["sha256"] in text
    assert "冲突类别：近三年在申报单位任职或担任顾问" in text
    assert "专家答复：确认存在冲突（回避）" in text

    db = str(tmp / "central.sqlite")
    assert admin(["merge", *map(str, files), "--db", db, "--package", str(package),
                  "--passphrase-file", str(tmp / "pass.txt"),
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    capsys.readouterr()
    with sqlite3.connect(db) as connection:
        recorded = sorted(connection.execute(
            "SELECT seat_id, project_id, category, hint_answer FROM declared_conflict"))
    assert recorded == sorted([(hinted_seat, target, "employment", "conflict"),
                               (declared_seat, declared_pid, "relative", None)])

    assert admin(["results", "--db", db, "--out", str(tmp / "results")]) == 0
    results = json.loads((tmp / "results" / "results.json").read_text(encoding="utf-8"))
    by_id = {p["project_id"]: p for p in results["projects"]}
    assert hinted_seat in by_id[target]["conflicts_excluded"]
    by_category = {c["category"]: c["count"] for c in results["conflicts_by_category"]}
    assert by_category["employment"] == 1 and by_category["relative"] == 1
    assert by_category["vendor"] == 0 and None not in by_category
    book = load_workbook(tmp / "results" / "results.xlsx")
    counts = {row[0]: row[1] for row in book["利益冲突"].iter_rows(min_row=2, values_only=True)
              if row[0] and row[1] is not None}
    assert counts["近三年在申报单位任职或担任顾问"] == 1 and counts["亲属关系"] == 1
    assert counts["持有股份或投资"] == 0 and counts["合计"] == 2
    report = "".join(page.extract_text() for page in
                     PdfReader(tmp / "results" / "results.pdf").pages)
    assert "利益冲突回避2人次：近三年在申报单位任职或担任顾问1，亲属关系1。" in "".join(
        report.split())

    # The panel summary shows 回避 in the hinted seat's column for that project.
    summary = book["专家组汇总表"]
    rows = list(summary.iter_rows(values_only=True))
    seat_row = next(r for r in rows if r[1] == "席位")
    column = next(i for i, v in enumerate(seat_row) if v and str(v).startswith(hinted_seat))
    project_row = next(r for r in rows if r[1] == target)
    assert project_row[column] == "回避"
    summary_text = "".join(page.extract_text() for page in
                           PdfReader(tmp / "results" / "panel-summary.pdf").pages)
    assert "回避" in summary_text

    # The second round (item 4) on the project the hinted seat recused from: that seat
    # is not asked again (§1.8.4), one seat re-scores with a reason, and the final
    # results keep both rounds and still count both conflicts by category.
    package2, codes2 = tmp / "round2.revpkg", tmp / "codes2.csv"
    assert admin(["second-round", "--db", db, "--package", str(package), "--passphrase-file",
                  str(tmp / "pass.txt"), "--out", str(package2), "--seat-codes-out",
                  str(codes2), "--projects", target,
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    capsys.readouterr()
    codes_2 = read_codes(codes2)
    with open_package(package2, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        manifest2, sha2 = reader.manifest, reader.manifest_sha256
    assert manifest2["format"] == "rvpkg-manifest/5"
    asked = sorted(manifest2["assignments"])
    assert asked and hinted_seat not in asked
    rescoring = asked[0]
    (tmp / "usb2").mkdir()
    (tmp / "usb2" / f"{rescoring}-r1.revsheet").write_bytes(round2_sheet(
        manifest2, sha2, rescoring, codes_2[rescoring], {target: Decimal(80)},
        "经复议，参考专家组分布后调整"))
    assert admin(["merge", str(tmp / "usb2" / f"{rescoring}-r1.revsheet"), "--db", db]) == 0
    assert admin(["results", "--db", db, "--out", str(tmp / "final")]) == 0
    final = json.loads((tmp / "final" / "results.json").read_text(encoding="utf-8"))
    row = next(p for p in final["projects"] if p["project_id"] == target)
    counted = {r["seat"]: r["counted_round"] for r in row["second_round"]["reviews"]}
    assert counted[rescoring] == 2 and all(counted[s] == 1 for s in asked if s != rescoring)
    assert hinted_seat in row["conflicts_excluded"]
    by_category = {c["category"]: c["count"] for c in final["conflicts_by_category"]}
    assert by_category["employment"] == 1 and by_category["relative"] == 1
    # The panel summary to sign: every expert named, a signature line each and the
    # 组长's, 回避 for the recused seat, the re-scored total marked as the second round.
    names = [s["name"] for s in manifest["seats"]]
    summary = "".join(page.extract_text() for page in
                      PdfReader(tmp / "final" / "panel-summary.pdf").pages)
    assert all(name in summary for name in names)
    assert summary.count("签字：") == len(names) + 1
    assert "回避" in summary and "第二轮复议" in summary
