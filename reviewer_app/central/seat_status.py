"""Who has handed in: each seat of the registered packages, by what the merge decided.

- ``received``: a sheet of the seat counts;
- ``replaced``: it counts, and a higher revision superseded an earlier one;
- ``equivocating``: two different sheets signed as the same revision, so neither
  counts until a higher revision arrives;
- ``missing``: nothing of the seat has been accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from reviewer_app.storage import central_models as m

STATES = ("received", "replaced", "equivocating", "missing")


@dataclass(frozen=True)
class SeatStatus:
    package_id: str
    session_name: str
    seat_id: str
    name: str
    state: str                 # one of STATES
    revision: int | None       # the revision held (None when missing)


def seat_statuses(engine: Engine) -> list[SeatStatus]:
    """Every seat of every registered package, in package then seat order."""
    with Session(engine) as session:
        packages = {p.package_id: p.session_name for p in session.scalars(select(m.Package))}
        seats = session.execute(select(m.Seat.package_id, m.Seat.seat_id, m.Seat.name)
                                .order_by(m.Seat.package_id, m.Seat.seat_id)).all()
        held = {(a.package_id, a.seat_id): (a.revision, bool(a.equivocation))
                for a in session.execute(select(m.AcceptedSheet.package_id,
                                                m.AcceptedSheet.seat_id,
                                                m.AcceptedSheet.revision,
                                                m.AcceptedSheet.equivocation))}
        replaced = {tuple(row) for row in session.execute(
            select(m.MergeDecision.package_id, m.MergeDecision.seat_id)
            .where(m.MergeDecision.decision == "replaced").distinct())}
    statuses = []
    for package_id, seat_id, name in seats:
        revision, equivocation = held.get((package_id, seat_id), (None, False))
        if revision is None:
            state = "missing"
        elif equivocation:
            state = "equivocating"
        elif (package_id, seat_id) in replaced:
            state = "replaced"
        else:
            state = "received"
        statuses.append(SeatStatus(package_id, packages.get(package_id, ""), seat_id, name,
                                   state, revision))
    return statuses
