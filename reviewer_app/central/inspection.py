"""What the on-site inspection teams found, from the accepted inspection sheets.

An inspection package's sheets carry, besides their scores, one visit per project:
the checklist answers, findings, a recommendation and the photos' hashes
(docs/formats.md §2.4). Merge verified and kept every sheet byte for byte; this
reads the visits back from the accepted revisions so that the results can show
them beside the panel's scores and flag every 不符合 for the decision meeting.
Seats whose sheets equivocated are left out, as their scores are.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.central.merge import sheet_body
from reviewer_app.core.errors import ReviewerError
from reviewer_app.sheets.body import ChecklistAnswer, InspectionVisit
from reviewer_app.storage import central_models as m

COMPLIANT, NON_COMPLIANT, UNVERIFIABLE = "compliant", "non_compliant", "unverifiable"
RESULT_ZH = {COMPLIANT: "符合", NON_COMPLIANT: "不符合", UNVERIFIABLE: "无法核实"}


class InspectionsUnreadable(ReviewerError):
    """A stored inspection sheet no longer parses (the store was altered)."""


@dataclass(frozen=True)
class Visit:
    """One seat's visit to one project, with the names the manifest gives."""

    package_id: str
    seat_id: str
    seat_name: str
    visit: InspectionVisit

    def answers(self, result: str) -> tuple[ChecklistAnswer, ...]:
        return tuple(a for a in self.visit.checklist if a.result == result)


@dataclass(frozen=True)
class ProjectInspection:
    project_id: str
    visits: tuple[Visit, ...]

    def count(self, result: str) -> int:
        return sum(len(v.answers(result)) for v in self.visits)

    @property
    def flagged(self) -> bool:
        """Some inspector found something not compliant: the meeting must look at it."""
        return self.count(NON_COMPLIANT) > 0

    def summary(self) -> str:
        """``符合`` / ``不符合 2 项，无法核实 1 项``: one cell of the results table."""
        parts = [f"{RESULT_ZH[r]} {n} 项" for r in (NON_COMPLIANT, UNVERIFIABLE)
                 if (n := self.count(r))]
        return "，".join(parts) if parts else RESULT_ZH[COMPLIANT]


@dataclass(frozen=True)
class Inspections:
    checklist: Mapping[str, str]                 # item id -> text, in manifest order
    projects: Mapping[str, ProjectInspection]    # only projects with a visit

    def of(self, project_id: str) -> ProjectInspection | None:
        return self.projects.get(project_id)


def load_inspections(session: Session) -> Inspections:
    """The visits of every accepted, non-equivocating sheet of the inspection packages."""
    packages = session.scalars(select(m.Package).where(m.Package.session_kind == "inspection")
                               .order_by(m.Package.registered_at, m.Package.package_id))
    checklist: dict[str, str] = {}
    by_project: dict[str, list[Visit]] = {}
    for package in packages:
        manifest = json.loads(package.manifest_json)
        for item in manifest.get("inspection_checklist", ()):
            checklist.setdefault(str(item["id"]), str(item["text"]))
        names = {s["seat_id"]: s["name"] for s in manifest["seats"]}
        sheets = session.execute(
            select(m.AcceptedSheet.seat_id, m.SheetFile.raw)
            .join(m.SheetFile, m.SheetFile.sha256 == m.AcceptedSheet.sheet_sha256)
            .where(m.AcceptedSheet.package_id == package.package_id,
                   m.AcceptedSheet.equivocation.is_(False))
            .order_by(m.AcceptedSheet.seat_id))
        for seat_id, raw in sheets:
            for visit in _visits(raw):
                by_project.setdefault(visit.project_id, []).append(
                    Visit(package.package_id, seat_id, names.get(seat_id, seat_id), visit))
    return Inspections(checklist, {pid: ProjectInspection(pid, tuple(visits))
                                   for pid, visits in sorted(by_project.items())})


def _visits(raw: bytes) -> tuple[InspectionVisit, ...]:
    """The visits of an accepted sheet file (verified, so shape-checked, at merge)."""
    try:
        inspection = sheet_body(bytes(raw)).get("inspection") or {}
        return tuple(InspectionVisit.from_checked(v) for v in inspection.get("visits", ()))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InspectionsUnreadable(
            f"an accepted inspection sheet in the store cannot be read: {exc}") from None


def inspection_record(inspection: ProjectInspection) -> dict[str, object]:
    """The project's visits as results.json carries them."""
    return {
        "summary": inspection.summary(),
        "non_compliant": inspection.count(NON_COMPLIANT),
        "unverifiable": inspection.count(UNVERIFIABLE),
        "visits": [{"package_id": v.package_id, "seat_id": v.seat_id,
                    **v.visit.to_dict()} for v in inspection.visits],
    }
