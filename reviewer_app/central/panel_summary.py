"""专家组汇总表: what each panel signs at the end of its meeting.

Shenzhen's rules for fiscal-fund reviews ask experts to sign both their individual
sheets and the panel's summary (个人评分表和专家组汇总表上签字确认), with room for a
dissenting opinion. One table per panel (a panel package: its seats are the panel):
per project every expert's total by seat — 回避 where a conflict was declared, 未评
where the seat was assigned but no accepted sheet scores it, blank where the seat was
not assigned —, the aggregate and the method that produced it, the spread and whether
it is divergent, and the panel-size warning if any (core/panel.py).

Everything is read from :class:`~reviewer_app.central.results.Results`: the figures
are those of results.json, so a signed summary can be checked against it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from reviewer_app.central.reports import METHOD_ZH
from reviewer_app.central.results import Results, seat_key
from reviewer_app.core.decimals import decimal_str

RECUSED = "回避"
SECOND_ROUND_MARK = "（复）"
"""After a total: it comes from the seat's second-round (复议) sheet, which replaced its
first-round review of the project (rule R2, core/second_round.py)."""
NOT_SCORED = "未评"
NOT_ASSIGNED = ""


@dataclass(frozen=True)
class PanelSeat:
    key: str          # the seat's column in Results.matrix
    seat_id: str
    name: str


@dataclass(frozen=True)
class PanelProject:
    project_id: str
    title: str
    enterprise: str
    cells: tuple[str, ...]      # one per seat: a total, 回避, 未评 or "" (not assigned)
    score: str                  # the aggregate, or "—"
    method: str                 # in Chinese
    spread: str                 # max - min of valid totals, or "—"
    divergent: bool
    note: str                   # dropped seats and the panel-size warning, in Chinese


@dataclass(frozen=True)
class Panel:
    package_id: str
    session_name: str
    seats: tuple[PanelSeat, ...]
    projects: tuple[PanelProject, ...]


def panel_summaries(results: Results) -> tuple[Panel, ...]:
    """One :class:`Panel` per panel package, in registration order."""
    many = len(results.packages) > 1
    rows = {row.project_id: row for row in results.rows}
    warnings = {w.project_id: w for w in results.panel_warnings}
    panels = []
    for package in results.packages:
        manifest = json.loads(package.manifest_json)
        seats = tuple(PanelSeat(seat_key(package.package_id, s["seat_id"], many), s["seat_id"],
                                s["name"]) for s in manifest["seats"])
        assignments: Mapping[str, list[str]] = manifest["assignments"]
        assigned = {pid for projects in assignments.values() for pid in projects}
        projects = []
        for pid in (r.project_id for r in results.rows if r.project_id in assigned):
            row = rows[pid]
            agg = row.aggregate
            cells = tuple(_cell(results, pid, seat, pid in assignments.get(seat.seat_id, ()))
                          for seat in seats)
            names = {s.key: s.seat_id for s in seats}
            notes = []
            if agg.dropped:
                notes.append("去掉最高分和最低分：" + "、".join(names.get(k, k)
                                                         for k in agg.dropped))
            if pid in warnings:
                notes.append(warnings[pid].message_zh())
            if row.second_round is not None:
                first = row.second_round.first_round
                notes.append(f"第二轮复议：第一轮综合得分 {_number(first.score)}，"
                             f"极差 {_number(first.spread)}")
            projects.append(PanelProject(
                pid, str(row.project.get("project_title", "")),
                str(row.project.get("enterprise_name", "")), cells, _number(agg.score),
                METHOD_ZH.get(agg.method, agg.method), _number(agg.spread), agg.divergent,
                "；".join(notes)))
        panels.append(Panel(package.package_id, package.session_name, seats, tuple(projects)))
    return tuple(panels)


def _cell(results: Results, project_id: str, seat: PanelSeat, assigned: bool) -> str:
    cell = results.matrix.get((project_id, seat.key))
    if cell is None:
        return NOT_SCORED if assigned else NOT_ASSIGNED
    mark = SECOND_ROUND_MARK if cell.round == 2 else ""
    if cell.conflict:
        return RECUSED + mark
    return _number(cell.total) + mark


def _number(value: Decimal | None) -> str:
    return "—" if value is None else decimal_str(value)
