"""What every room of the secretariat's desk shares: the central store it works on.

The desk is a window over ``central/`` (docs/architecture.md §3): pages read and
change the store only through ``central`` functions, exactly as ``reviewer-admin``
does, so a step taken at the desk and the same step taken at the command line leave
the same rows behind. A page that changes the store calls :meth:`DeskContext.changed`;
every page listens to :attr:`DeskEvents.storeChanged` and refreshes what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from sqlalchemy.engine import Engine


class DeskEvents(QObject):
    """Signals between the desk's pages (a page never calls another page)."""

    # Something in the store changed (intake decided, package built, sheets merged, …):
    # pages reload what they show. The argument names what changed, for pages that can
    # skip a reload ("intake", "decisions", "packages", "sheets", "results", "publicity").
    storeChanged = Signal(str)
    # The budget given to this round changed (DeskContext.round_budget): the results are
    # computed again with it and the 公示 page says what it will put on notice.
    budgetChanged = Signal()


@dataclass
class DeskContext:
    """The open store and where the desk writes its files by default."""

    db_url: str
    engine: Engine
    # The folder the file dialogs start in and outputs are proposed under
    # (results, letters, notices); the user may choose another each time.
    work_dir: Path
    events: DeskEvents = field(default_factory=DeskEvents)
    # This round's budget in yuan as given at the desk (``reviewer-admin results
    # --budget``), or None: the program's annual budget less prior awards. A session's
    # choice, not the store's: once a 公示 is open the budget it published rules instead.
    round_budget: Decimal | None = None

    def changed(self, what: str) -> None:
        self.events.storeChanged.emit(what)

    def set_round_budget(self, budget: Decimal | None) -> None:
        if budget != self.round_budget:
            self.round_budget = budget
            self.events.budgetChanged.emit()


def open_desk_context(db_url: str, work_dir: Path) -> DeskContext:
    """The store at ``db_url``, migrated to the current schema (as ``reviewer-admin`` opens it)."""
    from reviewer_app.storage.engines import central_engine, migrate

    engine = central_engine(db_url)
    migrate(engine, "central")
    return DeskContext(db_url=db_url, engine=engine, work_dir=work_dir)
