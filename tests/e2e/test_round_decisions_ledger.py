"""A round from the command line with decisions and the annual ledger, every figure
checked against a hand computation (issue 10, "done when"):

demo-intake -> build -> demo-sheets -> merge -> results (a 需复核 project pending)
-> decide 通过 -> results -> decide 不通过 (a later decision supersedes) -> results.

The hand computation uses Fractions and the operating rules directly: 三 (30 % of the
actual cost at most, tiered by score; 每家企业每年最高资助100万元, counting an award
already granted this year; 受区科技资金年度总额控制: the annual budget less earlier
awards), and the program file's aggregation (drop the highest and the lowest total
from five valid reviews up, mean of the rest, rounded half up to two places).
"""

from __future__ import annotations

import csv
import json
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from reviewer_app.cli.admin import main as admin
from reviewer_app.core.program import parse_program
from reviewer_app.package import open_package
from reviewer_app.sheets.context import SheetContext
from reviewer_app.sheets.verify import verify_sheet
from tests.e2e.test_rehearsal import PASSPHRASE, _build, _demo_sheets, secretariat  # noqa: F401

CAPPED_ENTERPRISE = "914403057981674230"   # the demo's 600,000 prior award this year
PENDING = "AI2026-0005"                    # the demo's 事业单位: 需复核


def _counting_sheets(package: Path, codes: Path, folder: Path):
    """Every seat's highest revision, verified by the real verifier."""
    with open_package(package, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        manifest, sha = reader.manifest, reader.manifest_sha256
    rows = list(csv.DictReader(codes.open(encoding="utf-8")))
    context = SheetContext.from_manifest(manifest, sha,
                                         {r["seat_id"]: r["seat_code"] for r in rows})
    latest = {}
    for path in sorted(folder.glob("*.revsheet")):
        sheet = verify_sheet(path.read_bytes(), context)
        if sheet.seat_id not in latest or sheet.revision > latest[sheet.seat_id].revision:
            latest[sheet.seat_id] = sheet
    return manifest, latest


def _hand_results(manifest, sheets, eligible: set[str], prior: Fraction):
    program = parse_program(manifest["program"]["program_file"])
    rules, agg = program.funding, program.aggregation
    totals: dict[str, list[Fraction]] = {}
    for sheet in sheets.values():
        for entry in sheet.model.projects:
            if not entry.conflict.declared:
                totals.setdefault(entry.project_id, []).append(
                    sum((Fraction(str(v)) for v in entry.scores.values()), Fraction(0)))
    scores = {}
    for pid, values in totals.items():
        values.sort()
        if len(values) < agg.min_reviews:
            continue
        if len(values) >= agg.trim_from_reviews:
            values = values[agg.trim_count:len(values) - agg.trim_count]
        mean = sum(values, Fraction(0)) / len(values)
        scores[pid] = (Decimal(mean.numerator) / Decimal(mean.denominator)).quantize(
            Decimal("0.01"), ROUND_HALF_UP)
    facts = {p["project_id"]: p for p in manifest["projects"]}
    unit = Fraction(str(rules.rounding_unit))

    def floor_unit(x: Fraction) -> Fraction:
        return math.floor(x / unit) * unit

    amounts: dict[str, Fraction] = {}
    cap_left: dict[str, Fraction] = {CAPPED_ENTERPRISE: Fraction(1_000_000) - prior}
    for pid in sorted(scores, key=lambda p: (-scores[p], p)):
        tiers = [t for t in rules.tiers if scores[pid] >= t.min_score]
        if pid not in eligible or not tiers:
            amounts[pid] = Fraction(0)
            continue
        rate = min(Fraction(str(max(tiers, key=lambda t: t.min_score).rate)), Fraction(3, 10))
        base = floor_unit(Fraction(facts[pid]["actual_cost"]) * rate)
        base = min(base, floor_unit(Fraction(facts[pid]["requested_amount"])))
        uscc = facts[pid]["uscc"]
        left = cap_left.get(uscc, Fraction(1_000_000))
        amounts[pid] = min(base, floor_unit(left))
        cap_left[uscc] = left - amounts[pid]
    budget = Fraction(20_000_000) - prior
    assert sum(amounts.values()) <= budget   # no scaling in this round
    return scores, amounts, budget


def _results(tmp: Path, db: str, name: str, *extra: str) -> dict:
    assert admin(["results", "--db", db, "--out", str(tmp / name), *extra]) == 0
    return json.loads((tmp / name / "results.json").read_text(encoding="utf-8"))


def test_a_round_with_decisions_and_the_ledger_matches_a_hand_computation(
        secretariat: Path, capsys: pytest.CaptureFixture) -> None:  # noqa: F811
    tmp = secretariat
    package, codes = _build(tmp)
    # Rehearsal seed 3: both projects of the capped enterprise score into a tier, and
    # the 需复核 project scores into one (so deciding it 通过 funds it).
    assert _demo_sheets(tmp, package, codes, tmp / "sheets", "--seed", "3") == 0
    sheets_files = sorted((tmp / "sheets").glob("*.revsheet"))
    db = str(tmp / "central.sqlite")
    assert admin(["merge", *map(str, sheets_files), "--db", db, "--package", str(package),
                  "--passphrase-file", str(tmp / "pass.txt"), "--seat-codes", str(codes),
                  "--organizer-passphrase-file", str(tmp / "org.txt")]) == 0
    manifest, counting = _counting_sheets(package, codes, tmp / "sheets")
    statuses = {p["project_id"]: p["eligibility"]["status"] for p in manifest["projects"]}
    assert statuses[PENDING] == "needs_review"
    passing = {pid for pid, s in statuses.items() if s == "pass"}
    # prior_awards.csv: 600,000 in 2026 (its 2025 row must not count); an award of an
    # earlier round given by hand brings the enterprise near its cap: 950,000 in all.
    earlier = tmp / "earlier-round.csv"
    earlier.write_text(f"uscc,year,amount\n{CAPPED_ENTERPRISE},2026,350000\n",
                       encoding="utf-8")
    prior = Fraction(950_000)

    # Before any decision: the 需复核 project gets nothing, with the reason.
    document = _results(tmp, db, "r1", "--prior-awards", str(earlier))
    assert document["format"] == "reviewer-app/results/3"
    by_id = {p["project_id"]: p for p in document["projects"]}
    assert by_id[PENDING]["amount"] == "0"
    assert by_id[PENDING]["reasons"][0]["message"] == "形式审查待复核"
    assert by_id[PENDING]["eligibility"] == {"status": "needs_review", "effective": "pending",
                                            "decision": None}
    assert document["pending_decisions"] == [PENDING]
    assert sorted((e["amount"], e["source"]) for e in document["prior_awards"]) == [
        ("350000", "csv"), ("600000", "package")]
    assert {e["uscc"] for e in document["prior_awards"]} == {CAPPED_ENTERPRISE}
    scores, amounts, budget = _hand_results(manifest, counting, passing, prior)
    assert document["budget"]["budget"] == str(budget)
    assert document["budget"]["annual_budget"] == "20000000"
    assert document["budget"]["prior_awarded_total"] == "950000"
    for pid, record in by_id.items():
        assert (None if record["score"] is None else Decimal(record["score"])) \
            == scores.get(pid), pid
        assert Decimal(record["amount"]) == Decimal(amounts.get(pid, 0).numerator), pid
    capped = [p for p in by_id.values() if p["uscc"] == CAPPED_ENTERPRISE
              and any(r["code"] == "enterprise_cap" for r in p["reasons"])]
    assert capped, "the prior award must bring the enterprise to its cap"
    assert sum(Decimal(p["amount"]) for p in by_id.values()
               if p["uscc"] == CAPPED_ENTERPRISE) == 50_000
    # The trimmed projects drop exactly the reviews the criteria leave out.
    trimmed = [p for p in by_id.values() if p["dropped"]]
    assert trimmed
    for p in trimmed:
        assert sum(Decimal(v) for v in p["criteria"].values()) == Decimal(p["score"])
    assert len(document["sheets_sha256"]) == len(counting)

    # The same CSV again is not counted twice.
    document = _results(tmp, db, "r1b", "--prior-awards", str(earlier))
    assert document["budget"]["prior_awarded_total"] == "950000"

    # A decision 通过 funds it; a later 不通过 supersedes that, and both are kept.
    assert admin(["decide", PENDING, "--pass", "--reason", "经核实，申报主体为企业法人",
                  "--by", "李审核", "--db", db]) == 0
    document = _results(tmp, db, "r2")
    record = next(p for p in document["projects"] if p["project_id"] == PENDING)
    assert record["eligibility"]["effective"] == "pass"
    assert record["eligibility"]["decision"]["reason"] == "经核实，申报主体为企业法人"
    _, amounts2, _ = _hand_results(manifest, counting, passing | {PENDING}, prior)
    for p in document["projects"]:
        assert Decimal(p["amount"]) == Decimal(amounts2.get(p["project_id"], 0).numerator)
    assert document["pending_decisions"] == []

    assert admin(["decide", PENDING, "--fail", "--reason", "事业单位，不属于企业",
                  "--by", "张负责", "--db", db]) == 0
    document = _results(tmp, db, "r3")
    record = next(p for p in document["projects"] if p["project_id"] == PENDING)
    assert record["eligibility"]["effective"] == "fail"
    assert record["eligibility"]["decision"]["decided_by"] == "张负责"
    assert record["amount"] == "0" and record["reasons"][0]["code"] == "ineligible"

    # The decision is on the decision meeting's report.
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(tmp / "r3" / "results.pdf").pages)
    assert "形式审查复核决定" in text and "张负责" in text
    capsys.readouterr()

    _publicity_objections_and_the_plan(tmp, db, document, capsys)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(path).pages)


def _publicity_objections_and_the_plan(tmp: Path, db: str, document: dict,
                                       capsys: pytest.CaptureFixture) -> None:
    """五（五）: 5 working days on the official calendar — 2026-09-30 (Wed), then the
    National Day holiday 1–7 October, then 8, 9, 10 (a 调休 Saturday) and 12 October;
    五（六）: the award plan after it, with the objections and their outcomes."""
    funded = [p for p in document["projects"] if Decimal(p["amount"]) > 0]
    assert len(funded) >= 2
    upheld, dismissed = funded[0], funded[1]
    unfunded = next(p for p in document["projects"] if Decimal(p["amount"]) == 0)

    assert admin(["results", "--db", db, "--out", str(tmp / "early"), "--final"]) == 1
    assert "no 公示 period" in capsys.readouterr().err
    assert admin(["publicity", "--db", db, "--start", "2026-09-30",
                  "--out", str(tmp / "notice")]) == 0
    out = capsys.readouterr().out
    assert "2026-09-30, 2026-10-08, 2026-10-09, 2026-10-10, 2026-10-12" in out
    rows = list(csv.reader((tmp / "notice" / "publicity.csv").open(encoding="utf-8-sig")))
    assert [r[1] for r in rows[1:]] == [p["enterprise_name"] for p in funded]
    assert [Decimal(r[4]) * 10000 for r in rows[1:]] == [Decimal(p["amount"]) for p in funded]
    notice = _pdf_text(tmp / "notice" / "publicity.pdf")
    assert "公示期：2026年9月30日至2026年10月12日（5 个工作日）" in notice
    assert "第 1 页 共" in notice

    def objection(*args: str) -> int:
        return admin(["objection", "--db", db, *args])

    # Outside the period, or against a project not on the list: refused, with the reason.
    assert objection("--project", upheld["project_id"], "--text", "迟到的异议",
                     "--received", "2026-10-13") == 1
    assert "outside the 公示 period" in capsys.readouterr().err
    assert objection("--project", unfunded["project_id"], "--text", "x",
                     "--received", "2026-10-09") == 1
    assert "not on the 公示 list" in capsys.readouterr().err
    assert objection("--project", upheld["project_id"], "--text",
                     "举报：<b>合同</b>系事后补签", "--received", "2026-10-09") == 0
    assert objection("--project", dismissed["project_id"], "--text", "对评分结果有异议",
                     "--received", "2026-10-10") == 0      # the 调休 Saturday is in
    capsys.readouterr()
    assert admin(["results", "--db", db, "--out", str(tmp / "plan"), "--final"]) == 1
    assert "objections without a decision: 1, 2" in capsys.readouterr().err
    assert objection("--decide", "1", "--upheld", "--reason", "经核查，合同系事后补签",
                     "--by", "王处长") == 0
    assert objection("--decide", "2", "--dismissed", "--reason", "评分程序合规",
                     "--by", "王处长") == 0
    assert admin(["results", "--db", db, "--out", str(tmp / "plan"), "--final"]) == 0
    capsys.readouterr()

    plan = json.loads((tmp / "plan" / "award-plan.json").read_text(encoding="utf-8"))
    assert plan["publicity"]["start"] == "2026-09-30" and plan["publicity"]["end"] == "2026-10-12"
    assert [a["project_id"] for a in plan["awards"]] == [p["project_id"] for p in funded[1:]]
    assert [a["amount"] for a in plan["awards"]] == [p["amount"] for p in funded[1:]]
    assert Decimal(plan["awarded_total"]) == sum(Decimal(p["amount"]) for p in funded[1:])
    assert plan["excluded"] == [{
        "project_id": upheld["project_id"], "enterprise_name": upheld["enterprise_name"],
        "uscc": upheld["uscc"], "project_title": upheld["project_title"],
        "tier": upheld["tier"], "tier_name": plan["excluded"][0]["tier_name"],
        "amount": upheld["amount"], "reason": "公示异议成立：经核查，合同系事后补签"}]
    assert [(o["id"], o["outcome"]) for o in plan["objections"]] == [(1, "upheld"),
                                                                    (2, "dismissed")]
    text = _pdf_text(tmp / "plan" / "award-plan.pdf")
    assert "资助计划" in text and "异议成立" in text and "异议不成立" in text
    assert "<b>合同</b>" in text and "经办人" in text
    assert "公示与异议" in _pdf_text(tmp / "plan" / "results.pdf")

    # The plan enters the ledger for later rounds, but does not cap its own round:
    # results computed again give the same amounts, and the plan is written once.
    again = _results(tmp, db, "after")
    assert [p["amount"] for p in again["projects"]] == [p["amount"] for p in
                                                        document["projects"]]
    assert admin(["results", "--db", db, "--out", str(tmp / "plan2"), "--final"]) == 0
    assert (tmp / "plan2" / "award-plan.json").read_bytes() == \
        (tmp / "plan" / "award-plan.json").read_bytes()
    assert objection("--decide", "2", "--upheld", "--reason", "x", "--by", "y") == 1
    assert admin(["publicity", "--db", db, "--start", "2026-11-02",
                  "--out", str(tmp / "notice2")]) == 1
    assert "the round is closed" in capsys.readouterr().err


def test_decide_refuses_an_unknown_project_and_an_empty_reason(
        secretariat: Path, capsys: pytest.CaptureFixture) -> None:  # noqa: F811
    tmp = secretariat
    db = str(tmp / "central.sqlite")
    assert admin(["decide", "AI2026-9999", "--pass", "--reason", "x", "--by", "y",
                  "--db", db]) == 1
    assert "in no registered package" in capsys.readouterr().err
    # Before any package is registered, the intake says which projects exist.
    assert admin(["decide", PENDING, "--pass", "--reason", "  ", "--by", "王",
                  "--intake", str(tmp / "intake"), "--db", db]) == 1
    assert "the reason is empty" in capsys.readouterr().err
    assert admin(["decide", PENDING, "--pass", "--by", "王", "--db", db]) == 1
    assert "--reason" in capsys.readouterr().err
    assert admin(["decide", PENDING, "--pass", "--reason", "已核实", "--by", "王",
                  "--intake", str(tmp / "intake"), "--db", db]) == 0


def test_the_same_prior_awards_in_two_packages_count_once(
        secretariat: Path, capsys: pytest.CaptureFixture) -> None:  # noqa: F811
    """三 (每家企业每年最高100万元): the panel and the inspection package carry the same
    prior_awards.csv; registering both must not count the 600,000 twice."""
    tmp = secretariat
    db = str(tmp / "central.sqlite")
    for kind in ("panel", "inspection"):
        package, _ = _build(tmp, kind)
        assert admin(["merge", "--db", db, "--package", str(package), "--passphrase-file",
                      str(tmp / "pass.txt"), "--organizer-passphrase-file",
                      str(tmp / "org.txt")]) == 0
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from reviewer_app.storage import central_models as m
    from reviewer_app.storage.engines import central_engine

    engine = central_engine(db)
    with Session(engine) as session:
        amounts = list(session.scalars(select(m.LedgerAward.amount)
                                       .where(m.LedgerAward.year == 2026)))
    engine.dispose()
    assert amounts == ["600000"]
