"""The results files: results.csv, publicity.csv, results.json, results.xlsx, results.pdf,
panel-summary.pdf.

CSV and JSON are byte-identical for the same database (no timestamps, stable
order, LF line ends); XLSX and PDF are made for people.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine

from reviewer_app.atomic import atomic_write_bytes
from reviewer_app.central.inspection import inspection_record
from reviewer_app.central.results import ProjectRow, Results, tier_counts
from reviewer_app.central.sanitize import csv_text, strip_controls
from reviewer_app.core.decimals import decimal_str
from reviewer_app.files import private_dir

if TYPE_CHECKING:
    from reviewer_app.central.publicity import Published

TEN_THOUSAND = Decimal(10000)
RESULTS_FORMAT = "reviewer-app/results/3"
"""Format 3 (issue 14 item 4) adds ``second_rounds`` and each project's ``second_round``
(both rounds, and which one each seat's counted review comes from); format 2 is format 3
without them. Readers of 公示 documents take both."""
STATUS_ZH = {"pass": "通过", "needs_review": "需复核", "fail": "不通过"}


def wan(amount: Decimal) -> str:
    """元 -> 万元 as a plain decimal string with at least two places."""
    value = amount / TEN_THOUSAND
    text = format(value.normalize(), "f")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def _opt(value: Decimal | None) -> str | None:
    return None if value is None else decimal_str(value)


def _cell(value: str | None) -> str:
    return "" if value is None else value


METHOD_ZH = {"mean": "算术平均", "trimmed_mean": "去掉最高分和最低分后平均",
             "insufficient_reviews": "有效评审不足，不计分"}
EFFECTIVE_ZH = {"pass": "通过", "fail": "不通过", "pending": "待复核"}


def eligibility_zh(row: ProjectRow) -> str:
    """形式审查 as a cell: the review's status, and the decision that settled it."""
    e = row.eligibility
    text = STATUS_ZH.get(e.status, e.status)
    if e.decision is not None:
        text += f"→{EFFECTIVE_ZH[e.effective]}（复核决定）"
    elif e.effective == "pending":
        text += "（待复核）"
    return text


def _project_record(row: ProjectRow, criteria: Iterable[str]) -> dict[str, Any]:
    agg, award, project = row.aggregate, row.award, row.project
    return {
        "rank": agg.rank,
        "project_id": agg.project_id,
        "enterprise_name": project["enterprise_name"],
        "uscc": project["uscc"],
        "project_title": project["project_title"],
        "eligibility": row.eligibility.to_dict(),
        "reviews_counted": list(agg.counted),
        "conflicts_excluded": list(agg.excluded_conflicts),
        "dropped": list(agg.dropped),
        "method": agg.method,
        "criteria": {cid: _opt(agg.criteria.get(cid)) for cid in criteria},
        "score": _opt(agg.score),
        "mean": _opt(agg.mean),
        "spread": _opt(agg.spread),
        "divergent": agg.divergent,
        "normalised": _opt(agg.normalised),
        "tier": award.tier.id if award.tier else None,
        "actual_cost": project["actual_cost"],
        "requested_amount": project["requested_amount"],
        "base_amount": decimal_str(award.base_amount),
        "capped_amount": decimal_str(award.capped_amount),
        "amount": decimal_str(award.amount),
        "reasons": [{"code": r.code, "message": r.message, "message_en": r.message_en}
                    for r in award.reasons],
        "second_round": second_round_record(row),
    }


def second_round_record(row: ProjectRow) -> dict[str, Any] | None:
    """A project's second round (复议) in results.json: the first round's aggregate, and
    per seat asked both totals and the round whose review counts (rule R2); the
    project's own fields are the final aggregate."""
    second = row.second_round
    if second is None:
        return None
    first = second.first_round
    return {
        "package_id": second.package_id,
        "first_round": {"method": first.method, "score": _opt(first.score),
                        "mean": _opt(first.mean), "spread": _opt(first.spread),
                        "divergent": first.divergent, "reviews_counted": list(first.counted),
                        "dropped": list(first.dropped)},
        "reviews": [{"seat": r.seat, "first_total": _opt(r.first_total),
                     "second_total": _opt(r.second_total), "second_conflict": r.second_conflict,
                     "handed_in": r.handed_in, "reason": r.reason,
                     "counted_round": r.counted_round} for r in second.reviews],
    }


def results_document(results: Results) -> dict[str, Any]:
    criteria = results.program.rubric.criterion_ids
    funding = results.funding
    return {
        "format": RESULTS_FORMAT,
        "program": {"id": results.program.info.id, "name": results.program.info.name,
                    "year": results.program.info.year},
        "packages": [{"package_id": p.package_id, "manifest_sha256": p.manifest_sha256,
                      "session": p.session_name} for p in results.packages],
        "second_rounds": [{"package_id": p.package_id, "manifest_sha256": p.manifest_sha256,
                           "session": p.session_name,
                           "first_round_package_id": p.first_round_package_id,
                           "projects": list(json.loads(p.manifest_json)["second_round"]
                                            ["projects"])}
                          for p in results.second_rounds],
        "sheets_sha256": list(results.sheet_hashes),
        "equivocating_seats": list(results.equivocating),
        # Declared conflicts by category (未分类: sheets without one), program order.
        "conflicts_by_category": [{"category": c.category, "name": c.name, "count": c.count}
                                  for c in results.conflict_counts()],
        "prior_awards": [e.to_dict() for e in results.prior_awards],
        "budget": {"annual_budget": decimal_str(results.annual_budget),
                   "prior_awarded_total": decimal_str(sum(
                       (e.amount for e in results.prior_awards), Decimal(0))),
                   "source": results.budget_source,
                   "budget": decimal_str(funding.budget), "policy": funding.policy,
                   "requested_total": decimal_str(funding.requested_total),
                   "awarded_total": decimal_str(funding.awarded_total),
                   "factor": None if funding.factor is None else str(funding.factor)},
        "tier_counts": tier_counts(results),
        "projects": [_project_record(row, criteria) for row in results.rows],
        "pending_decisions": [row.project_id for row in results.pending],
        "inspection_checklist": dict(results.inspections.checklist),
        "inspections": {pid: inspection_record(found)
                        for pid, found in results.inspections.projects.items()},
        "merge_log": [{"sheet_sha256": d.sheet_sha256, "seat_id": d.seat_id,
                       "revision": d.revision, "decision": d.decision, "reason": d.reason}
                      for d in results.decisions],
    }


def document_text(record: dict[str, Any]) -> str:
    """results.json's bytes for ``record`` (what the 公示 stores and compares, too)."""
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def inspection_summary(results: Results, project_id: str) -> str:
    """What the site visits found, in one cell; empty when nobody visited."""
    found = results.inspections.of(project_id)
    return found.summary() if found else ""


def photo_summary(results: Results, project_id: str) -> str:
    """The site photos received for a project and any missing with why, in one cell."""
    found = results.inspections.of(project_id)
    return found.photo_summary() if found else ""


def _csv_bytes(header: list[str], rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell if cell.startswith("\t") and _CODE.fullmatch(cell[1:])
                         else csv_text(cell) for cell in row])
    # UTF-8 with BOM so that Excel on a Chinese Windows opens it correctly.
    return buffer.getvalue().encode("utf-8-sig")


_CODE = re.compile(r"[0-9A-Z]{18}")


def excel_text_code(code: str) -> str:
    """An 18-character code that Excel keeps as text: a leading tab makes Excel read
    the cell as text (an all-digit code would otherwise become 9.14403E+17 and lose
    its last digits). Only a well-formed code gets it, so no formula can ride along;
    anything else goes through :func:`csv_text` like every other cell."""
    return "\t" + code if _CODE.fullmatch(code) else code


def review_findings(row: ProjectRow) -> str:
    """The 需复核 findings of a project's eligibility review, in one cell."""
    return "；".join(str(f.get("message", "")) for f in row.project["eligibility"]["findings"]
                    if f.get("status") == "needs_review")


def results_csv(results: Results) -> bytes:
    rubric = results.program.rubric
    header = ["排名", "项目编号", "申报主体", "统一社会信用代码", "项目名称", "形式审查",
              "有效评审数", "回避数", "计分方法",
              *[c.name for c in rubric.criteria], "综合得分", "算术平均", "极差", "分歧",
              "标准化得分", "档次", "实际发生费用（元）", "申请金额（元）", "测算金额（元）",
              "封顶后（元）", "资助金额（元）", "资助金额（万元）", "现场考察", "现场照片", "说明"]
    rows = []
    for row in results.rows:
        record = _project_record(row, rubric.criterion_ids)
        rows.append([
            str(record["rank"] or ""), record["project_id"], record["enterprise_name"],
            excel_text_code(record["uscc"]), record["project_title"], eligibility_zh(row),
            str(len(record["reviews_counted"])), str(len(record["conflicts_excluded"])),
            METHOD_ZH.get(record["method"], record["method"]),
            *map(_cell, record["criteria"].values()), _cell(record["score"]),
            _cell(record["mean"]), _cell(record["spread"]),
            "是" if record["divergent"] else "否", _cell(record["normalised"]),
            row.award.tier.name if row.award.tier else "", record["actual_cost"],
            record["requested_amount"], record["base_amount"], record["capped_amount"],
            record["amount"], wan(row.award.amount),
            inspection_summary(results, row.project_id), photo_summary(results, row.project_id),
            "；".join(r.message for r in row.award.reasons),
        ])
    return _csv_bytes(header, rows)


def award_entries(projects: Iterable[Mapping[str, Any]], tier_names: Mapping[str, str]
                  ) -> list[dict[str, str]]:
    """The funded projects of a results document's ``projects``, in ranking order, as
    the 公示 list and the award plan show them."""
    return [{"project_id": p["project_id"], "enterprise_name": p["enterprise_name"],
             "uscc": p["uscc"], "project_title": p["project_title"], "tier": p["tier"],
             "tier_name": tier_names.get(p["tier"], p["tier"] or ""), "amount": p["amount"]}
            for p in projects if Decimal(p["amount"]) > 0]


def tier_names(results: Results) -> dict[str, str]:
    return {t.id: t.name for t in results.program.funding.tiers}


def publicity_csv(entries: Iterable[Mapping[str, str]]) -> bytes:
    """公示名单: the projects to be funded, in ranking order, amounts in 万元."""
    rows = [[str(i), e["enterprise_name"], e["project_title"], e["tier_name"],
             wan(Decimal(e["amount"]))]
            for i, e in enumerate(entries, start=1)]
    return _csv_bytes(["序号", "企业名称", "项目名称", "资助档次", "资助金额（万元）"], rows)


def write_results(results: Results, out_dir: Path, engine: Engine | None = None, *,
                  publicity: Published | None = None,
                  progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write every results file into ``out_dir`` (created if needed), each atomically.

    With ``engine``, the run is also recorded in the central store (``results_run``);
    with ``publicity``, results.pdf shows the 公示 period and its objections.
    ``progress(done, total)`` is called as each file is made, all before the first is
    written: an exception from it (a cancel) leaves no file written and no run recorded.
    """
    from reviewer_app.central.panel_summary_pdf import panel_summary_pdf
    from reviewer_app.central.results_pdf import results_pdf
    from reviewer_app.central.results_xlsx import results_xlsx

    record = results_document(results)
    document = document_text(record)
    makers: dict[str, Callable[[], bytes]] = {
        "results.csv": lambda: results_csv(results),
        "publicity.csv": lambda: publicity_csv(award_entries(record["projects"],
                                                             tier_names(results))),
        "results.json": lambda: document.encode("utf-8"),
        "results.xlsx": lambda: results_xlsx(results),
        "results.pdf": lambda: results_pdf(results, publicity=publicity),
        "panel-summary.pdf": lambda: panel_summary_pdf(results),
    }
    outputs = {}
    for done, (name, make) in enumerate(makers.items()):
        if progress is not None:
            progress(done, len(makers))
        outputs[name] = make()
    if progress is not None:
        progress(len(makers), len(makers))
    private_dir(out_dir)
    written = []
    for name, data in outputs.items():
        atomic_write_bytes(out_dir / name, data)
        written.append(out_dir / name)
    if engine is not None:
        from sqlalchemy.orm import Session

        from reviewer_app.storage.central_models import ResultsRun

        with Session(engine) as session, session.begin():
            session.add(ResultsRun(budget=decimal_str(results.funding.budget),
                                   document_sha256=hashlib.sha256(
                                       outputs["results.json"]).hexdigest(),
                                   document_json=document))
    return written


def clean(text: object) -> str:
    return strip_controls(str(text))
