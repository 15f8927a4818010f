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
            translate("ResultsView", "Second round"),
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
            second_round_cell(row),
            Cell(_tier_name(results, row), float(row.award.tier.min_score)
                 if row.award.tier else float("-inf")),
            Cell(yuan(row.award.amount), float(row.award.amount)),
            Cell(_reason(row)),
        )
        rows.append(Row(cells, payload=row))
    return rows


def second_round_cell(row: ProjectRow) -> Cell:
    """复议 mark: which round counted for how many of the seats asked again, and the
    first round's score (central/results.py SecondRoundRow; rule R2)."""
    second = row.second_round
    if second is None:
        return Cell("", float("-inf"))
    counted = sum(1 for r in second.reviews if r.counted_round == 2)
    first = "—" if second.first_round.score is None else str(second.first_round.score)
    text = (translate("ResultsView", "Second round: round 2 counted for %1 of %2 "
                                     "seat(s); first round %3")
            .replace("%1", str(counted)).replace("%2", str(len(second.reviews)))
            .replace("%3", first))
    return Cell(text, float(counted))


def conflict_counts_text(results: Results) -> str:
    """Declared conflicts by category (Results.conflict_counts), one line."""
    names = {c.id: (c.name if chinese() else c.name_en)
             for c in results.program.conflict_categories}
    parts = []
    for count in results.conflict_counts():
        if count.category is None:
            name = translate("ResultsView", "uncategorised")
        else:
            name = names.get(count.category, count.name)
        parts.append(f"{name} {count.count}")
    total = len(results.conflicts)
    if not parts:
        return translate("ResultsView", "Conflicts declared: %1").replace("%1", str(total))
    return (translate("ResultsView", "Conflicts declared: %1 (%2)")
            .replace("%1", str(total)).replace("%2", "; ".join(parts)))


def panel_warnings_text(results: Results) -> str:
    """The panel-size warnings (Results.panel_warnings), one per line; empty: none."""
    from reviewer_app.core.panel import TOO_FEW

    lines = []
    for warning in results.panel_warnings:
        if warning.kind == TOO_FEW:
            text = translate("ResultsView", "%1: %2 valid review(s), fewer than the %3 the "
                                            "program recommends")
        else:
            text = translate("ResultsView", "%1: %2 valid reviews, an even number where the "
                                            "program asks for an odd one")
        lines.append(text.replace("%1", warning.project_id).replace("%2", str(warning.reviews))
                     .replace("%3", str(warning.recommended)))
    return "\n".join(lines)


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
