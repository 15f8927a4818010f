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

from reviewer_app.central.photos import SeatPhotos, StoredPhoto
from reviewer_app.sheets.body import ChecklistAnswer, InspectionVisit, Photo
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
    received: tuple[StoredPhoto, ...] = ()   # this visit's photos held in the store
    photos_missing_reason: str | None = None  # why the others are not (see central.photos)

    def answers(self, result: str) -> tuple[ChecklistAnswer, ...]:
        return tuple(a for a in self.visit.checklist if a.result == result)

    def missing_photos(self) -> tuple[Photo, ...]:
        """The sheet's photos of this visit that the store does not hold."""
        held = {p.sha256 for p in self.received}
        return tuple(p for p in self.visit.photos if p.sha256 not in held)

    def photo_status(self) -> str:
        """``照片 3/3 张已收到`` or ``照片 0/2 张已收到（未收到照片包 …）``; "" without photos."""
        if not self.visit.photos:
            return ""
        text = f"照片 {len(self.received)}/{len(self.visit.photos)} 张已收到"
        if self.missing_photos():
            text += f"（{self.photos_missing_reason or '未收到'}）"
        return text


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

    def photo_summary(self) -> str:
        """``专家一：照片 2/2 张已收到；专家二：照片 0/1 张已收到（…）``; "" without photos."""
        return "；".join(f"{v.seat_name}：{status}" for v in self.visits
                        if (status := v.photo_status()))


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
                        bodies: Iterable[tuple[str, str, Mapping[str, Any]]],
                        photos: Mapping[tuple[str, str], SeatPhotos] | None = None
                        ) -> Inspections:
    """The visits in the accepted sheet bodies ``(package id, seat id, body)`` of the
    inspection ``packages``, named as their manifests name them, with the photos the
    store holds for each (``photos``, by package and seat: ``central.photos``).

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
            held = (photos or {}).get((package_id, seat_id), SeatPhotos((), None))
            received = tuple(p for p in held.photos if p.project_id == visit.project_id)
            by_project.setdefault(visit.project_id, []).append(
                Visit(package_id, seat_id, names.get((package_id, seat_id), seat_id), visit,
                      received, held.missing_reason))
    return Inspections(checklist, {pid: ProjectInspection(pid, tuple(visits))
                                   for pid, visits in sorted(by_project.items())})


def inspection_record(inspection: ProjectInspection) -> dict[str, object]:
    """The project's visits as results.json carries them."""
    return {
        "summary": inspection.summary(),
        "non_compliant": inspection.count(NON_COMPLIANT),
        "unverifiable": inspection.count(UNVERIFIABLE),
        "photos": inspection.photo_summary(),
        "visits": [{"package_id": v.package_id, "seat_id": v.seat_id,
                    **v.visit.to_dict(), **photo_record(v)} for v in inspection.visits],
    }


def photo_record(visit: Visit) -> dict[str, object]:
    """The visit's photos as received (extract them with ``reviewer-admin photos``) and
    those missing, each with the reason."""
    return {
        "photos_received": [{"sha256": p.sha256, "media_type": p.media_type,
                             "caption": p.caption, "size": p.size, "seat_id": p.seat_id,
                             "photo_package_sha256": p.file_sha256}
                            for p in visit.received],
        "photos_missing": [{"sha256": p.sha256, "caption": p.caption,
                            "reason": visit.photos_missing_reason or "未收到"}
                           for p in visit.missing_photos()],
    }
