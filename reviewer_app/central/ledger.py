"""The annual awards ledger: what earlier rounds of the program year already granted.

Operating rules 三: 每家企业每年最高资助100万元, and the awards are 受区科技资金年度总额控制.
``results`` therefore counts every ledger award of the program year against the
enterprise's cap and subtracts their sum from the annual budget, by default.

Awards enter the ledger from an intake's prior_awards.csv (carried in the package
manifest, imported when the package is registered), from a CSV given to
``results --prior-awards`` and from every final award plan (``results --final``).
Each source is identified by the SHA-256 of its rows, so the same list arriving in
two packages (panel and inspection) counts once.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.core.decimals import decimal_str, parse_decimal
from reviewer_app.core.errors import ReviewerError
from reviewer_app.core.uscc import uscc_problem
from reviewer_app.storage import central_models as m


@dataclass(frozen=True)
class LedgerEntry:
    uscc: str
    year: int
    amount: Decimal
    source: str          # package | csv | award-plan
    source_ref: str
    project_id: str | None = None   # the funded project, for an award plan's entries

    def to_dict(self) -> dict[str, Any]:
        return {"uscc": self.uscc, "year": self.year, "amount": decimal_str(self.amount),
                "source": self.source, "source_ref": self.source_ref,
                "project_id": self.project_id}


def _check(rows: Sequence[Mapping[str, Any]], where: str) -> list[tuple[str, int, Decimal]]:
    checked = []
    for line, row in enumerate(rows, start=1):
        try:
            uscc = str(row["uscc"]).strip().upper()
            year = int(str(row["year"]).strip())
            amount = parse_decimal(str(row["amount"]), "amount")
        except (KeyError, ValueError) as exc:
            raise ReviewerError(f"{where} row {line}: {exc}") from None
        problem = uscc_problem(uscc)
        if problem:
            raise ReviewerError(f"{where} row {line}: uscc {uscc} {problem}")
        if amount < 0:
            raise ReviewerError(f"{where} row {line}: a negative amount {row['amount']}")
        checked.append((uscc, year, amount))
    return checked


def _source_ref(rows: Sequence[tuple[str, int, Decimal]]) -> str:
    canonical = json.dumps([[u, y, decimal_str(a)] for u, y, a in rows],
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def add_awards(session: Session, program_id: str, rows: Sequence[Mapping[str, Any]],
               source: str, where: str) -> int:
    """Record earlier awards in the ledger (within the caller's transaction); the
    same rows recorded again are skipped. Returns how many were new."""
    checked = _check(rows, where)
    if not checked:
        return 0
    ref = _source_ref(checked)
    known = set(session.scalars(select(m.LedgerAward.line).where(
        m.LedgerAward.source_ref == ref)))
    new = 0
    for line, (uscc, year, amount) in enumerate(checked, start=1):
        if line in known:
            continue
        session.add(m.LedgerAward(program_id=program_id, year=year, uscc=uscc,
                                  amount=decimal_str(amount), source=source, source_ref=ref,
                                  line=line))
        new += 1
    return new


def read_awards_csv(path: Path) -> list[dict[str, str]]:
    """A ``uscc,year,amount`` CSV (the intake's prior_awards.csv layout)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"uscc", "year", "amount"} <= set(reader.fieldnames):
            raise ReviewerError(f"{path}: expected columns uscc,year,amount")
        return [dict(row) for row in reader]


def ledger_entries(session: Session, program_id: str, year: int,
                   own_projects: Collection[str] = ()) -> tuple[LedgerEntry, ...]:
    """The awards of the program year, except an award plan's awards to
    ``own_projects``: those are the round's own results, not earlier awards (counting
    them would cap a round by its own plan once the plan is written)."""
    rows = session.scalars(select(m.LedgerAward).where(
        m.LedgerAward.program_id == program_id, m.LedgerAward.year == year)
        .order_by(m.LedgerAward.source_ref, m.LedgerAward.line))
    return tuple(LedgerEntry(r.uscc, r.year, Decimal(r.amount), r.source, r.source_ref,
                             r.project_id)
                 for r in rows
                 if not (r.source == "award-plan" and r.project_id in own_projects))


def by_enterprise(entries: Sequence[LedgerEntry]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for e in entries:
        totals[e.uscc] = totals.get(e.uscc, Decimal(0)) + e.amount
    return totals
