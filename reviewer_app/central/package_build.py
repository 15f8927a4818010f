"""Building a review package from an intake folder: what ``reviewer-admin build`` and the
desk's packages page both do, so a package built at either is the same package.

The organizer key comes from :mod:`reviewer_app.central.organizer_key`; the caller
decides where the seat codes go (the command line: a CSV file; the desk: the letters
only, never the store).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer_app.central.intake import DEFAULT_MAX_MATERIAL_MB, Intake, load_intake
from reviewer_app.central.manifest import (
    ManifestPlan,
    build_manifest,
    member_sources,
    with_return_recipient,
)
from reviewer_app.core.controls import codepoint, first_control
from reviewer_app.core.errors import IntakeError

if TYPE_CHECKING:  # the command line's build never opens a store
    from sqlalchemy.engine import Engine

# progress(done, total, phase) as the package writer calls it (package/writer.py).
BuildProgress = Callable[[int, int, str], None]
MAX_EXPERT_NAME = 100


@dataclass(frozen=True)
class SeatChoice:
    """A seat of the intake that goes into the package, with the expert who takes it."""

    seat_id: str
    expert_name: str


@dataclass(frozen=True)
class PackagePlan:
    intake: Intake
    plan: ManifestPlan

    @property
    def warnings(self) -> tuple[str, ...]:
        return (*self.intake.warnings, *self.plan.warnings)


def choose_seats(intake: Intake, chosen: Sequence[SeatChoice]) -> Intake:
    """``intake`` with only the ``chosen`` seats, each under the expert named for it.

    Raises:
        IntakeError: a seat the intake does not have, a seat chosen twice, an empty
            expert name or one with control characters.
    """
    seats = {seat.seat_id: seat for seat in intake.seats}
    picked = []
    for choice in chosen:
        seat = seats.get(choice.seat_id)
        if seat is None:
            raise IntakeError(f"seat {choice.seat_id!r} is not in seats.csv of {intake.root}")
        if any(s.seat_id == choice.seat_id for s in picked):
            raise IntakeError(f"seat {choice.seat_id} is chosen twice")
        name = " ".join(choice.expert_name.split())
        if not name:
            raise IntakeError(f"seat {choice.seat_id}: the expert's name is empty")
        if len(name) > MAX_EXPERT_NAME:
            raise IntakeError(f"seat {choice.seat_id}: the expert's name is longer than "
                              f"{MAX_EXPERT_NAME} characters")
        char = first_control(name, allowed="")
        if char is not None:
            raise IntakeError(f"seat {choice.seat_id}: the expert's name contains the control "
                              f"character {codepoint(char)}")
        picked.append(dataclasses.replace(seat, name=name))
    if not picked:
        raise IntakeError("no seat chosen: a package needs at least one seat")
    return dataclasses.replace(intake, seats=tuple(picked))


def plan_package(intake_dir: Path, *, kind: str = "panel", session_name: str | None = None,
                 deadline: dt.date | None = None,
                 max_material_mb: float = DEFAULT_MAX_MATERIAL_MB,
                 seats: Sequence[SeatChoice] | None = None) -> PackagePlan:
    """Read the intake and plan the package: manifest, materials, fresh seat codes.

    Args:
        seats: the seats to include and their experts; None takes every seat of
            seats.csv as it is (the command line).

    Raises:
        IntakeError, ProgramError: the intake is unusable (every problem listed).
    """
    intake = load_intake(intake_dir, max_material_mb=max_material_mb)
    if seats is not None:
        intake = choose_seats(intake, seats)
    plan = build_manifest(intake, kind=kind, session_name=session_name, deadline=deadline)
    return PackagePlan(intake, plan)


def write_planned_package(planned: PackagePlan, out: Path, *, organizer_key,
                          passphrase: str | None, recipients: Sequence[bytes] = (),
                          progress: BuildProgress | None = None,
                          return_public_key: bytes | None = None):
    """Encrypt, sign and write the planned package atomically (no partial file when
    ``progress`` raises, e.g. on cancel). Returns the writer's ``PackageInfo``.

    An inspection package names ``return_public_key`` (the organizer's
    ``return_public_key``): its teams' photos come back encrypted to it (manifest
    format 3, docs/formats.md §1.8.2)."""
    from reviewer_app.package import write_package

    plan = planned.plan
    if plan.manifest["session"]["kind"] == "inspection" and return_public_key is not None:
        plan = with_return_recipient(plan, return_public_key)
    return write_package(out, plan.manifest, member_sources(plan),
                         organizer_key=organizer_key,
                         organizer_name=organizer_name(planned.intake),
                         passphrase=passphrase, recipients=recipients, progress=progress,
                         package_id=planned.plan.package_id)


def organizer_name(intake: Intake) -> str:
    """The name shown to experts beside the organizer's fingerprint."""
    return intake.program.info.authority or "organizer"


@dataclass(frozen=True)
class LetteredPackage:
    """A package built with one letter per seat and registered in the central store."""

    info: Any                  # the writer's PackageInfo
    letters: tuple[Path, ...]
    seats: int
    projects: int


class BuildRefused(IntakeError):
    """The package or its letters would replace files already there."""


def build_with_letters(engine: Engine, planned: PackagePlan, out: Path, letters_dir: Path, *,
                       organizer, passphrase: str,
                       progress: BuildProgress | None = None) -> LetteredPackage:
    """Write the package, a letter per seat into ``letters_dir``, and register the
    package in the store (the rows ``merge --package`` records), in that order.

    The seat codes exist only in ``planned`` (memory) and on the letters. A package
    whose letters cannot be written is removed again: without its codes no expert
    could open it. Cancelling through ``progress`` leaves no file at all.

    Raises:
        BuildRefused: ``out`` exists, or ``letters_dir`` holds files.
        PackageWriteError, OSError: the package or a letter cannot be written.
    """
    import json

    from reviewer_app.central.merge import register_package
    from reviewer_app.central.seat_letters import seat_letters, write_seat_letters

    if out.exists():
        raise BuildRefused(f"{out} exists; a package is never replaced (its experts' letters "
                           "would no longer match): choose another name")
    if letters_dir.exists() and any(letters_dir.iterdir()):
        raise BuildRefused(f"{letters_dir} is not empty: choose another folder for the letters")
    info = write_planned_package(planned, out, organizer_key=organizer.private_key,
                                 passphrase=passphrase, progress=progress,
                                 return_public_key=organizer.return_public_key)
    manifest = json.loads(info.manifest_bytes)
    letters = seat_letters(manifest, planned.plan.seat_codes, package_file=out.name,
                           organizer_name=organizer_name(planned.intake),
                           organizer_fingerprint=organizer.fingerprint)
    try:
        written = write_seat_letters(letters_dir, letters)
    except BaseException:
        out.unlink(missing_ok=True)
        for letter in letters_dir.glob("*.pdf"):
            letter.unlink(missing_ok=True)
        raise
    register_package(engine, info.manifest_bytes, info.manifest_sha256, info.package_id)
    return LetteredPackage(info, tuple(written), len(manifest["seats"]),
                           len(manifest["projects"]))
