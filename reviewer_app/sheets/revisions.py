"""The revision rules of DESIGN.md §4.2, for merging one seat's verified sheets."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from reviewer_app.sheets.verify import VerifiedSheet


class RevisionOutcome(enum.Enum):
    FIRST = "first"                # no sheet yet for this seat: accept
    REPLACE = "replace"            # a higher revision: replaces the current one
    NO_OP = "no-op"                # the same revision, the same bytes
    EQUIVOCATION = "equivocation"  # the same revision, other bytes: flag, keep the current one
    ROLLBACK = "rollback"          # a lower revision: refuse


@dataclass(frozen=True)
class RevisionDecision:
    outcome: RevisionOutcome
    reason: str
    chained: bool = True
    """For REPLACE: the new sheet names the current one as its predecessor."""

    @property
    def accepted(self) -> bool:
        return self.outcome in (RevisionOutcome.FIRST, RevisionOutcome.REPLACE)


def decide_revision(current: VerifiedSheet | None, incoming: VerifiedSheet) -> RevisionDecision:
    """Decide what an incoming sheet does to the seat's current one.

    Both must already be verified for the same package and seat. Comparing the
    exact file bytes is sound because a sheet file is canonical: one body and key
    give one byte string.
    """
    if current is None:
        return RevisionDecision(RevisionOutcome.FIRST, f"revision {incoming.revision} accepted")
    if current.seat_id != incoming.seat_id:
        raise ValueError("decide_revision compares sheets of one seat")
    if incoming.revision > current.revision:
        chained = (incoming.revision == current.revision + 1
                   and incoming.previous_sha256 == current.body_sha256)
        note = "" if chained else " (does not chain to it)"
        return RevisionDecision(RevisionOutcome.REPLACE,
                                f"revision {incoming.revision} replaces revision "
                                f"{current.revision}{note}", chained)
    if incoming.revision == current.revision:
        if incoming.raw == current.raw:
            return RevisionDecision(RevisionOutcome.NO_OP,
                                    f"revision {incoming.revision} already merged")
        return RevisionDecision(RevisionOutcome.EQUIVOCATION,
                                f"two different sheets claim revision {incoming.revision} "
                                f"({current.body_sha256[:16]} and {incoming.body_sha256[:16]})")
    return RevisionDecision(RevisionOutcome.ROLLBACK,
                            f"revision {incoming.revision} is older than the merged revision "
                            f"{current.revision}")
