"""Eligibility decisions (形式审查复核): the secretariat settles a 需复核 finding, or
overrules any other, with a recorded outcome, reason, person and time.

``results`` funds a project only when its review passed or the latest decision on it
is 通过; an undecided 需复核 project gets 0 with the reason 形式审查待复核.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from reviewer_app.core.errors import ReviewerError
from reviewer_app.storage import central_models as m

OUTCOMES = ("pass", "fail")
OUTCOME_ZH = {"pass": "通过", "fail": "不通过"}
MAX_TEXT = 2000


class DecisionError(ReviewerError):
    """A decision cannot be recorded (unknown project, no reason, bad outcome)."""


@dataclass(frozen=True)
class Decision:
    project_id: str
    outcome: str              # pass | fail
    status_before: str | None
    reason: str
    decided_by: str
    decided_at: dt.datetime   # UTC

    def to_dict(self) -> dict[str, str | None]:
        return {"outcome": self.outcome, "status_before": self.status_before,
                "reason": self.reason, "decided_by": self.decided_by,
                "decided_at": self.decided_at.astimezone(dt.UTC).isoformat()
                .replace("+00:00", "Z")}


def known_statuses(engine: Engine, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every project's review status, from the registered packages and ``extra``
    (an intake's reports, for decisions taken before any package is registered)."""
    statuses: dict[str, str] = dict(extra or {})
    with Session(engine) as session:
        for text in session.scalars(select(m.Package.manifest_json)):
            for project in json.loads(text)["projects"]:
                statuses.setdefault(project["project_id"], project["eligibility"]["status"])
    return statuses


def _text(value: str, what: str, project_id: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise DecisionError(f"decision on {project_id}: {what} is empty")
    if len(cleaned) > MAX_TEXT:
        raise DecisionError(f"decision on {project_id}: {what} is longer than "
                            f"{MAX_TEXT} characters")
    return cleaned


def record_decisions(engine: Engine, decisions: Iterable[tuple[str, str, str, str]], *,
                     statuses: Mapping[str, str],
                     now: dt.datetime | None = None) -> list[Decision]:
    """Record (project id, outcome, reason, decided by) decisions, all or none.

    Raises:
        DecisionError: a project no package or intake knows, an outcome other than
            pass/fail, an empty reason or name.
    """
    now = now or dt.datetime.now(dt.UTC)
    checked = []
    for project_id, outcome, reason, by in decisions:
        if project_id not in statuses:
            raise DecisionError(f"project {project_id!r} is in no registered package; "
                                "give --intake with the intake folder it comes from")
        if outcome not in OUTCOMES:
            raise DecisionError(f"decision on {project_id}: outcome must be pass or fail, "
                                f"not {outcome!r}")
        checked.append(Decision(project_id, outcome, statuses[project_id],
                                _text(reason, "the reason", project_id),
                                _text(by, "who decided", project_id), now))
    if not checked:
        raise DecisionError("no decision given")
    with Session(engine) as session, session.begin():
        for d in checked:
            session.add(m.EligibilityDecision(
                project_id=d.project_id, outcome=d.outcome, status_before=d.status_before,
                reason=d.reason, decided_by=d.decided_by, decided_at=d.decided_at))
    return checked


def latest_decisions(engine: Engine) -> dict[str, Decision]:
    """The decision that counts for each project: the latest one recorded."""
    with Session(engine) as session:
        rows = session.scalars(select(m.EligibilityDecision)
                               .order_by(m.EligibilityDecision.id))
        latest = {}
        for row in rows:
            at = row.decided_at if row.decided_at.tzinfo else row.decided_at.replace(
                tzinfo=dt.UTC)
            latest[row.project_id] = Decision(row.project_id, row.outcome, row.status_before,
                                              row.reason, row.decided_by, at)
    return latest


def read_decisions_csv(path: Path) -> list[tuple[str, str, str, str]]:
    """``project_id,outcome,reason,decided_by`` rows; outcome pass/fail or 通过/不通过."""
    from_zh = {v: k for k, v in OUTCOME_ZH.items()}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        needed = {"project_id", "outcome", "reason", "decided_by"}
        if not reader.fieldnames or not needed <= set(reader.fieldnames):
            raise DecisionError(f"{path}: expected columns project_id,outcome,reason,"
                                "decided_by")
        rows = []
        for row in reader:
            outcome = (row["outcome"] or "").strip()
            rows.append(((row["project_id"] or "").strip(), from_zh.get(outcome, outcome),
                         row["reason"] or "", row["decided_by"] or ""))
    return rows
