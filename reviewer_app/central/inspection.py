"""What the on-site inspection teams found, from the accepted inspection sheets.

An inspection package's sheets carry, besides their scores, one visit per project:
the checklist answers, findings, a recommendation and the photos' hashes
(docs/formats.md §2.4). Merge verified and kept every sheet byte for byte;
``central.results`` reads the accepted revisions back (equivocating seats left out,
as their scores are) and this collects their visits, so that the results can show
them beside the panel's scores and flag every 不符合 for the decision meeting.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reviewer_app.sheets.body import ChecklistAnswer, InspectionVisit
from reviewer_app.storage import central_models as m

COMPLIANT, NON_COMPLIANT, UNVERIFIABLE = "compliant", "non_compliant", "unverifiable"
RESULT_ZH = {COMPLIANT: "符合", NON_COMPLIANT: "不符合", UNVERIFIABLE: "无法核实"}


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

    def item_text(self, item_id: str) -> str:
        """The checklist item as the manifest words it (its id if none does)."""
        return self.checklist.get(item_id, item_id)


def collect_inspections(packages: Iterable[m.Package],
                        bodies: Iterable[tuple[str, str, Mapping[str, Any]]]) -> Inspections:
    """The visits in the accepted sheet bodies ``(package id, seat id, body)`` of the
    inspection ``packages``, named as their manifests name them.

    Raises:
        KeyError, TypeError: a body that was never shape-checked (an altered store).
    """
    checklist: dict[str, str] = {}
    names: dict[tuple[str, str], str] = {}
    for package in packages:
        manifest = json.loads(package.manifest_json)
        for item in manifest.get("inspection_checklist", ()):
            checklist.setdefault(str(item["id"]), str(item["text"]))
        names.update(((package.package_id, s["seat_id"]), s["name"])
                     for s in manifest["seats"])
    by_project: dict[str, list[Visit]] = {}
    for package_id, seat_id, body in bodies:
        for raw in (body.get("inspection") or {}).get("visits", ()):
            visit = InspectionVisit.from_checked(raw)
            by_project.setdefault(visit.project_id, []).append(
                Visit(package_id, seat_id, names.get((package_id, seat_id), seat_id), visit))
    return Inspections(checklist, {pid: ProjectInspection(pid, tuple(visits))
                                   for pid, visits in sorted(by_project.items())})


def inspection_record(inspection: ProjectInspection) -> dict[str, object]:
    """The project's visits as results.json carries them."""
    return {
        "summary": inspection.summary(),
        "non_compliant": inspection.count(NON_COMPLIANT),
        "unverifiable": inspection.count(UNVERIFIABLE),
        "visits": [{"package_id": v.package_id, "seat_id": v.seat_id,
                    **v.visit.to_dict()} for v in inspection.visits],
    }
