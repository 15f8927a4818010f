"""Issue 14 item 4, end to end from the command line: a first round with a divergent
project -> merge -> results -> second-round package -> two seats' round-2 sheets ->
merge -> final results, the PDFs read back with pypdf.

Rule R2 (docs/architecture.md §8, core/second_round.py): a seat's accepted round-2
review replaces that seat's round-1 review of that project; a seat that hands in no
round-2 sheet keeps its round-1 review."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from reviewer_app.cli.admin import main as admin
from reviewer_app.core.rubric import Rubric
from reviewer_app.package import open_package
from reviewer_app.sheets.first_round import FirstRoundError, open_sealed
from tests.helpers.central import REHEARSAL_PASSPHRASE, rehearsal_secretariat
from tests.helpers.second_round import read_codes, round2_sheet

PASSPHRASE = REHEARSAL_PASSPHRASE


@pytest.fixture
def secretariat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_keyring: None) -> Path:
    return rehearsal_secretariat(tmp_path, monkeypatch)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(
        path.read_bytes())).pages)


def test_a_second_round_replaces_the_reviews_handed_in_and_records_both_rounds(
        secretariat: Path, capsys: pytest.CaptureFixture) -> None:
    tmp = secretariat
    org = ["--organizer-passphrase-file", str(tmp / "org.txt")]
    package, codes = tmp / "panel.revpkg", tmp / "codes.csv"
    assert admin(["build", str(tmp / "intake"), "--out", str(package), "--passphrase-file",
                  str(tmp / "pass.txt"), "--allow-weak-passphrase", "--seat-codes-out",
                  str(codes), *org]) == 0
    assert admin(["demo-sheets", str(package), "--passphrase-file", str(tmp / "pass.txt"),
                  "--seat-codes", str(codes), "--out", str(tmp / "sheets"), *org]) == 0
    divergent = capsys.readouterr().out.split("divergent: ")[1].split()[0]
    db = str(tmp / "central.sqlite")
    assert admin(["merge", *map(str, sorted((tmp / "sheets").glob("*.revsheet"))), "--db", db,
                  "--package", str(package), "--passphrase-file", str(tmp / "pass.txt"),
                  *org]) == 0
    assert admin(["results", "--db", db, "--out", str(tmp / "r1")]) == 0
    first = json.loads((tmp / "r1" / "results.json").read_text(encoding="utf-8"))
    first_row = next(p for p in first["projects"] if p["project_id"] == divergent)
    assert first_row["divergent"] is True and first_row["second_round"] is None

    # The second round: the divergent project, the seats that scored it, new codes.
    package2, codes2 = tmp / "round2.revpkg", tmp / "codes2.csv"
    capsys.readouterr()
    assert admin(["second-round", "--db", db, "--package", str(package), "--passphrase-file",
                  str(tmp / "pass.txt"), "--out", str(package2), "--seat-codes-out",
                  str(codes2), "--projects", "divergent", "--allow-weak-passphrase",
                  *org]) == 0
    assert f"projects {divergent}" in capsys.readouterr().out
    assert codes2.stat().st_mode & 0o077 == 0  # the codes are owner-only
    new_codes = read_codes(codes2)
    old_codes = read_codes(codes)
    with open_package(package2, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        manifest, sha = reader.manifest, reader.manifest_sha256
        section = manifest["second_round"]
        sealed = {seat: reader.read_member(member)
                  for seat, member in section["seat_members"].items()}
    assert manifest["format"] == "rvpkg-manifest/5"
    assert section["projects"] == [divergent]
    assert section["first_round_package_id"] == first["packages"][0]["package_id"]
    asked = sorted(manifest["assignments"])
    assert set(new_codes) == set(asked) and all(new_codes[s] != old_codes[s] for s in asked)
    # A seat that declared a conflict on it in round 1 is not asked again.
    recused = set(first_row["conflicts_excluded"])
    assert not recused & set(asked)
    assert set(asked) == set(first_row["reviews_counted"])
    dist = section["distribution"][divergent]
    assert dist["count"] == len(asked)

    # Each seat reads its own first round, and only its own.
    own = {seat: open_sealed(sealed[seat], new_codes[seat], manifest["package_id"], seat,
                             section["first_round_package_id"]) for seat in asked}
    totals1 = {seat: own[seat].get(divergent).total for seat in asked}
    assert min(totals1.values()) == Decimal(dist["min"])
    assert max(totals1.values()) == Decimal(dist["max"])
    with pytest.raises(FirstRoundError):
        open_sealed(sealed[asked[0]], new_codes[asked[1]], manifest["package_id"], asked[0],
                    section["first_round_package_id"])

    # Two seats re-score: the lowest and the highest move to the median.
    low = min(asked, key=lambda s: (totals1[s], s))
    high = max(asked, key=lambda s: (totals1[s], s))
    median = Decimal(dist["median"])
    rubric = Rubric.from_dict(manifest["rubric"])
    step = min(c.step for c in rubric.criteria)
    target = median - median % step
    sheets2 = tmp / "sheets2"
    sheets2.mkdir()
    for seat in (low, high):
        (sheets2 / f"{seat}-r1.revsheet").write_bytes(round2_sheet(
            manifest, sha, seat, new_codes[seat], {divergent: target},
            "经复议，参考专家组分布后调整"))
    capsys.readouterr()
    assert admin(["merge", *map(str, sorted(sheets2.glob("*.revsheet"))), "--db", db,
                  "--json"]) == 0
    decisions = json.loads(capsys.readouterr().out)
    assert {d["decision"] for d in decisions} == {"accepted"}

    assert admin(["results", "--db", db, "--out", str(tmp / "r2")]) == 0
    final = json.loads((tmp / "r2" / "results.json").read_text(encoding="utf-8"))
    assert final["format"] == "reviewer-app/results/3"
    row = next(p for p in final["projects"] if p["project_id"] == divergent)
    record = row["second_round"]
    assert record["first_round"]["score"] == first_row["score"]
    assert record["first_round"]["divergent"] is True
    by_seat = {r["seat"]: r for r in record["reviews"]}
    assert set(by_seat) == set(asked)
    for seat in asked:
        counted = 2 if seat in (low, high) else 1
        assert by_seat[seat]["counted_round"] == counted
        assert Decimal(by_seat[seat]["first_total"]) == totals1[seat]
    assert Decimal(by_seat[low]["second_total"]) == target
    assert by_seat[low]["reason"] == "经复议，参考专家组分布后调整"
    # The final aggregate counts the replaced reviews (R2): recomputed here by hand.
    kept = sorted([target, target] + [totals1[s] for s in asked if s not in (low, high)])
    if row["method"] == "trimmed_mean":
        kept = kept[1:-1]
    assert Decimal(row["score"]) == (sum(kept) / len(kept)).quantize(Decimal(row["score"]))
    assert Decimal(row["spread"]) < Decimal(first_row["spread"])
    assert final["second_rounds"][0]["projects"] == [divergent]
    # Other projects are untouched.
    for before in first["projects"]:
        if before["project_id"] != divergent:
            after = next(p for p in final["projects"] if p["project_id"] == before["project_id"])
            assert after["score"] == before["score"]

    # The PDFs: every expert named, signature lines, the round marks.
    names = [r["name"] for r in csv.DictReader(codes.open(encoding="utf-8"))]
    summary = _pdf_text(tmp / "r2" / "panel-summary.pdf")
    report = _pdf_text(tmp / "r2" / "results.pdf")
    for name in names:
        assert name in summary
    assert summary.count("签字：") == len(names) + 1
    assert "第二轮复议" in summary and "第二轮复议" in report
    assert "复议" in summary.split("第二轮复议", 1)[1]
    assert "第一轮" in report
    from openpyxl import load_workbook

    book = load_workbook(tmp / "r2" / "results.xlsx")
    rows = list(book["第二轮复议"].iter_rows(min_row=2, values_only=True))
    assert {(r[6], r[10]) for r in rows} == {
        (s, "第二轮" if s in (low, high) else "第一轮") for s in asked}


def test_the_rehearsal_runs_a_second_round_with_demo_sheets(
        secretariat: Path, capsys: pytest.CaptureFixture) -> None:
    """docs/guide-secretariat.md 3a as rehearsed: demo-sheets signs a round-2 sheet for
    every asked seat, each with its reason (复议理由), without an outlier this time."""
    tmp = secretariat
    org = ["--organizer-passphrase-file", str(tmp / "org.txt")]
    pw = ["--passphrase-file", str(tmp / "pass.txt")]
    db = str(tmp / "central.sqlite")
    assert admin(["build", str(tmp / "intake"), "--out", str(tmp / "p1.revpkg"), *pw,
                  "--allow-weak-passphrase", "--seat-codes-out", str(tmp / "c1.csv"),
                  *org]) == 0
    assert admin(["demo-sheets", str(tmp / "p1.revpkg"), *pw, "--seat-codes",
                  str(tmp / "c1.csv"), "--out", str(tmp / "s1"), *org]) == 0
    divergent = capsys.readouterr().out.split("divergent: ")[1].split()[0]
    assert admin(["merge", *map(str, sorted((tmp / "s1").glob("*.revsheet"))), "--db", db,
                  "--package", str(tmp / "p1.revpkg"), *pw, *org]) == 0
    assert admin(["second-round", "--db", db, "--package", str(tmp / "p1.revpkg"), *pw,
                  "--out", str(tmp / "p2.revpkg"), "--seat-codes-out", str(tmp / "c2.csv"),
                  "--allow-weak-passphrase", *org]) == 0
    assert admin(["demo-sheets", str(tmp / "p2.revpkg"), *pw, "--seat-codes",
                  str(tmp / "c2.csv"), "--out", str(tmp / "s2"), *org]) == 0
    round2 = sorted((tmp / "s2").glob("*.revsheet"))
    assert round2 and not list((tmp / "s2").glob("*-r2.revsheet"))  # no second revision
    assert admin(["merge", *map(str, round2), "--db", db]) == 0
    assert admin(["results", "--db", db, "--out", str(tmp / "r")]) == 0
    final = json.loads((tmp / "r" / "results.json").read_text(encoding="utf-8"))
    row = next(p for p in final["projects"] if p["project_id"] == divergent)
    reviews = row["second_round"]["reviews"]
    assert len(reviews) == len(round2)
    assert all(r["counted_round"] == 2 and r["reason"] for r in reviews)
    assert row["divergent"] is False  # the panel converged
