"""What the results page shows of ``central.results.Results``: table rows, the strip
plot's strips and the budget chart's parts. Presentation only: every figure is the
one ``compute_results`` produced (the same as ``reviewer-admin results`` writes)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale

from reviewer_app.central.results import ProjectRow, Results
from reviewer_app.gui.desk.charts import BudgetPart, Strip
from reviewer_app.gui.widgets.row_table import Cell, Row, number

translate = QCoreApplication.translate
UNRANKED = 1e9  # sorts unranked projects after every rank


def chinese() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


def yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def headers(results: Results | None) -> list[str]:
    criteria = [] if results is None else [
        c.name if chinese() else c.name_en for c in results.program.rubric.criteria]
    return [translate("ResultsView", "Rank"), translate("ResultsView", "Project"),
            translate("ResultsView", "Enterprise"), translate("ResultsView", "Score"),
            *criteria, translate("ResultsView", "Divergence"),
            translate("ResultsView", "Tier"), translate("ResultsView", "Amount (yuan)"),
            translate("ResultsView", "Reason")]


def _tier_name(results: Results, row: ProjectRow) -> str:
    tier = row.award.tier
    if tier is None:
        return ""
    return tier.name if chinese() else tier.name_en


def _reason(row: ProjectRow) -> str:
    parts = [r.message if chinese() else r.message_en for r in row.award.reasons]
    if row.eligibility.effective == "pending":
        parts.insert(0, translate("ResultsView", "eligibility decision pending"))
    return "; ".join(dict.fromkeys(parts))


def table_rows(results: Results) -> list[Row]:
    criteria = results.program.rubric.criterion_ids
    rows = []
    for row in results.rows:
        agg, project = row.aggregate, row.project
        spread = "" if agg.spread is None else str(agg.spread)
        if agg.divergent:
            spread += " " + translate("ResultsView", "(re-review)")
        cells = (
            number(agg.rank, missing=UNRANKED),
            Cell(f"{agg.project_id} {project['project_title']}", agg.project_id),
            Cell(str(project["enterprise_name"])),
            number(agg.score),
            *(number(agg.criteria.get(cid)) for cid in criteria),
            Cell(spread, float(agg.spread) if agg.spread is not None else float("-inf")),
            Cell(_tier_name(results, row), float(row.award.tier.min_score)
                 if row.award.tier else float("-inf")),
            Cell(yuan(row.award.amount), float(row.award.amount)),
            Cell(_reason(row)),
        )
        rows.append(Row(cells, payload=row))
    return rows


def strips(results: Results) -> list[Strip]:
    """One strip per project, in ranking order: the experts' totals that count."""
    totals: dict[str, list[float]] = {}
    # The matrix holds only the reviews there are (tens per project), far fewer than
    # projects x seats: walk it once rather than look every pair up.
    for (project_id, _), cell in results.matrix.items():
        if cell.total is not None:
            totals.setdefault(project_id, []).append(float(cell.total))
    return [Strip(row.project_id, tuple(totals.get(row.project_id, ())),
                  None if row.aggregate.score is None else float(row.aggregate.score),
                  row.aggregate.divergent)
            for row in results.rows]


def budget_parts(results: Results) -> tuple[float, list[BudgetPart], BudgetPart]:
    """(budget, used per tier, left), amounts in 元, labelled in 万元."""
    used: dict[str, Decimal] = {}
    names: dict[str, str] = {}
    for row in results.rows:
        if row.award.amount > 0 and row.award.tier is not None:
            tier = row.award.tier
            used[tier.id] = used.get(tier.id, Decimal(0)) + row.award.amount
            names[tier.id] = tier.name if chinese() else tier.name_en
    budget = results.funding.budget
    parts = [BudgetPart(translate("ResultsView", "%1: %2 ten-thousand yuan")
                        .replace("%1", names[tid]).replace("%2", _wan(amount)),
                        float(amount))
             for tid, amount in used.items()]
    left = max(budget - results.funding.awarded_total, Decimal(0))
    left_part = BudgetPart(translate("ResultsView", "Left: %1 of %2 ten-thousand yuan")
                           .replace("%1", _wan(left)).replace("%2", _wan(budget)),
                           float(left))
    return float(budget), parts, left_part


def _wan(amount: Decimal) -> str:
    from reviewer_app.central.reports import wan

    return wan(amount)
