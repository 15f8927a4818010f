"""The review package's manifest (docs/formats.md §1.8, member 0) built from an intake.

Only projects assigned to at least one seat travel: an expert laptop never
carries materials nobody is asked to read.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from reviewer_app.central.intake import Intake, MaterialFile
from reviewer_app.core.conflicts import (
    ConflictHint,
    ProjectParties,
    SeatEmployers,
    prescreen,
)
from reviewer_app.core.decimals import decimal_str
from reviewer_app.core.eligibility import Application, Status
from reviewer_app.core.errors import IntakeError
from reviewer_app.core.panel import panel_size_warnings
from reviewer_app.core.seat_codes import CODE_BYTES, seat_code_check, seat_code_from_bytes
from reviewer_app.package.format import (
    MANIFEST_FORMAT_2,
    MANIFEST_FORMAT_3,
    MANIFEST_FORMAT_4,
    SUITE_ED25519,
    b64encode,
    commitment_sha256,
    key_id,
)
from reviewer_app.sheets.seat_keys import seat_public_key

MANIFEST_FORMAT = MANIFEST_FORMAT_2
SUITE = SUITE_ED25519
SESSION_KINDS = ("panel", "inspection")


@dataclass(frozen=True)
class ManifestPlan:
    manifest: dict[str, Any]            # without "package_id" and "members": the writer adds them
    materials: tuple[MaterialFile, ...]  # member i is materials[i - 1]
    seat_codes: dict[str, str]           # seat_id -> canonical seat code
    warnings: tuple[str, ...]
    package_id: bytes                    # the seat keys are derived with it: write_package
                                         # must be given it (package_id=plan.package_id)
    conflict_hints: tuple[ConflictHint, ...] = ()  # the build's pre-screen findings


def return_recipient_entry(public_key: bytes) -> dict[str, str]:
    """The manifest's ``return_recipient`` for a raw 32-byte X25519 key (§1.8.2)."""
    if len(public_key) != 32:
        raise ValueError("a return recipient is a 32-byte x25519 public key")
    return {"type": "x25519", "public_key": b64encode(public_key), "key_id": key_id(public_key)}


def member_sources(plan: ManifestPlan) -> list:
    """The package writer's member list for a plan: member i is ``plan.materials[i - 1]``."""
    from reviewer_app.package import MemberSource

    return [MemberSource(name=f"{m.ref.project_id}/{m.ref.filename}", media_type=m.media_type,
                         path=m.path, identity=None if m.identity is None else (
                             m.identity.device, m.identity.inode, m.identity.size))
            for m in plan.materials]


def _facts(app: Application) -> dict[str, Any]:
    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "project_title": app.project_title,
        "enterprise_name": app.enterprise_name,
        "uscc": app.uscc,
        "entity_type": app.entity_type,
        "industry": app.industry,
        "registered_district": app.registered_district,
        "registration_date": day(app.registration_date),
        "vendor": app.vendor,
        "contract_no": app.contract_no,
        "contract_amount": decimal_str(app.contract_amount),
        "contract_signed_date": day(app.contract_signed_date),
        "completion_date": day(app.completion_date),
        "acceptance_report_date": day(app.acceptance_report_date),
        "actual_cost": decimal_str(app.actual_cost),
        "requested_amount": decimal_str(app.requested_amount),
        "summary": app.summary,
    }


def build_manifest(intake: Intake, *, kind: str = "panel", session_name: str | None = None,
                   deadline: dt.date | None = None, created_at: dt.datetime | None = None,
                   random_bytes: Sequence[bytes] | None = None,
                   package_id: bytes | None = None,
                   return_recipient: bytes | None = None) -> ManifestPlan:
    """Plan a package: the manifest, the materials in member order, fresh seat codes.

    The package id is drawn here, not by the writer: each seat's public key
    (``seats[].seat_key``) is derived from its code with the package id as salt,
    and only that public key travels; the codes go to the experts alone.

    Args:
        random_bytes: for tests only, one 10-byte string per seat instead of fresh
            randomness for the seat codes.
        package_id: for tests only, the 16-byte package id instead of a fresh one.
        return_recipient: the organizer's raw X25519 return key
            (``OrganizerIdentity.return_public_key``). An inspection package built with
            it is manifest format 3 and its photos come back encrypted to it
            (docs/formats.md §1.8.2, §5); without it (or for a panel) format 2.

    Raises:
        IntakeError: a material of the intake was refused (all are listed), no seats,
            or no project assigned to any seat.
    """
    if intake.refused:
        raise IntakeError(f"intake {intake.root}: {len(intake.refused)} file(s) refused, no "
                          "package built:\n  " + "\n  ".join(map(str, intake.refused)))
    if kind not in SESSION_KINDS:
        raise IntakeError(f"session kind must be panel or inspection, not {kind!r}")
    if not intake.seats:
        raise IntakeError(f"intake {intake.root}: seats.csv is missing or has no seats")
    program = intake.program
    created_at = (created_at or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    assigned = {pid for seat in intake.seats for pid in seat.projects}
    if not assigned:
        raise IntakeError("no project is assigned to any seat")
    reports = {r.project_id: r for r in intake.eligibility()}
    warnings = [f"{pid}: assigned for review although eligibility failed "
                f"({', '.join(reports[pid].failed_checks)})"
                for pid in sorted(assigned) if reports[pid].status is Status.FAIL]
    if kind == "panel":
        seats_per_project = Counter(pid for seat in intake.seats for pid in set(seat.projects))
        warnings += [w.message(("seat assigned", "seats assigned")) for w in
                     panel_size_warnings(seats_per_project, program.aggregation)]

    materials: list[MaterialFile] = []
    projects = []
    for app in intake.applications:
        if app.project_id not in assigned:
            continue
        entries = []
        for material in sorted(intake.materials_of(app.project_id),
                               key=lambda m: (m.ref.category, m.ref.filename)):
            materials.append(material)
            entries.append({"member_id": len(materials), "category": material.ref.category,
                            "title": material.ref.title, "media_type": material.media_type})
        report = reports[app.project_id].to_dict()
        projects.append({"project_id": app.project_id, **_facts(app),
                         "eligibility": {"status": report["status"],
                                         "findings": report["findings"]},
                         "materials": entries})

    draws = list(random_bytes) if random_bytes is not None else [
        secrets.token_bytes(CODE_BYTES) for _ in intake.seats]
    seat_codes = {seat.seat_id: seat_code_from_bytes(raw)
                  for seat, raw in zip(intake.seats, draws, strict=True)}
    package_id = package_id if package_id is not None else secrets.token_bytes(16)

    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "suite": SUITE,
        "created_at": created_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        # The program file travels whole so that results can be recomputed from the
        # package and the sheets alone.
        "program": {**program.to_manifest(), "program_file": intake.program_text},
        "session": {
            "kind": kind,
            "name": session_name or f"{program.info.name} {program.info.year} "
                                    + ("专家评审会" if kind == "panel" else "现场考察"),
            "deadline": deadline.isoformat() if deadline else None,
        },
        "rubric": program.rubric.to_dict(),
        "seats": [{"seat_id": s.seat_id, "name": s.name, "affiliation": s.affiliation,
                   "public_key": s.public_key,
                   "seat_code_check": seat_code_check(s.seat_id, seat_codes[s.seat_id]),
                   "seat_key": seat_public_key(seat_codes[s.seat_id], package_id.hex(),
                                               s.seat_id)}
                  for s in intake.seats],
        "assignments": {s.seat_id: list(s.projects) for s in intake.seats},
        "projects": projects,
        # Awards of earlier rounds this program year (prior_awards.csv): the central
        # store's ledger imports them when the package is registered, so that the
        # per-enterprise cap and the annual budget count them.
        "prior_awards": [{"uscc": uscc, "year": program.info.year,
                          "amount": decimal_str(amount)}
                         for uscc, amount in sorted(intake.prior_awards.items())],
    }
    hints: tuple[ConflictHint, ...] = ()
    if program.commitment:
        # Manifest format 4 (docs/formats.md §1.8.3): the 承诺书, the conflict categories
        # and each seat's pre-screened likely conflicts.
        parties = {a.project_id: ProjectParties(a.project_id, a.enterprise_name, a.vendor)
                   for a in intake.applications if a.project_id in assigned}
        hints = prescreen((SeatEmployers(s.seat_id, s.employers, s.projects)
                           for s in intake.seats), parties,
                          [c.id for c in program.conflict_categories])
        manifest["format"] = MANIFEST_FORMAT_4
        manifest["commitment"] = {"text": program.commitment,
                                  "sha256": commitment_sha256(program.commitment)}
        manifest["conflict_categories"] = [{"id": c.id, "name": c.name}
                                           for c in program.conflict_categories]
        for seat in manifest["seats"]:
            seat["conflict_hints"] = [h.to_manifest() for h in hints
                                      if h.seat_id == seat["seat_id"]]
    if kind == "inspection":
        manifest["inspection_checklist"] = [
            {"id": item.id, "text": item.text, "text_en": item.text_en}
            for item in program.inspection_checklist]
    plan = ManifestPlan(manifest, tuple(materials), seat_codes, tuple(warnings), package_id,
                        hints)
    return with_return_recipient(plan, return_recipient) if return_recipient else plan


def with_return_recipient(plan: ManifestPlan, public_key: bytes) -> ManifestPlan:
    """The inspection ``plan`` as manifest format 3 (format 4 stays format 4), naming the
    organizer's return key (docs/formats.md §1.8.2): the photo packages of its sheets are
    encrypted to it."""
    if plan.manifest["session"]["kind"] != "inspection":
        raise ValueError("only inspection packages carry a return key")
    form = plan.manifest["format"]
    manifest = {**plan.manifest,
                "format": MANIFEST_FORMAT_4 if form == MANIFEST_FORMAT_4 else MANIFEST_FORMAT_3,
                "return_recipient": return_recipient_entry(public_key)}
    return replace(plan, manifest=manifest)
