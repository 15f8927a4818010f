"""Building a second-round (复议) package from a first-round package and the reviews the
store accepted for it: what ``reviewer-admin second-round`` does (docs/formats.md
§1.8.4, guide-secretariat.md "第二轮复议").

The new package carries only the chosen projects and their materials, for the seats
that scored them in the first round (a seat that declared a conflict is not asked
again), each seat under a fresh seat code. It is manifest format 5: its
``second_round`` names the first round, the projects and their anonymised
distribution, and points every seat at a member holding that seat's own first-round
scores sealed with its new seat code (:mod:`reviewer_app.sheets.first_round`).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from reviewer_app.core.aggregation import Review, aggregate
from reviewer_app.core.errors import ReviewerError
from reviewer_app.core.program import parse_program
from reviewer_app.core.seat_codes import CODE_BYTES, seat_code_check, seat_code_from_bytes
from reviewer_app.core.second_round import (
    distribution,
    second_round_assignments,
    select_projects,
)
from reviewer_app.package.format import MANIFEST_FORMAT_5, SUITE_ED25519
from reviewer_app.sheets.first_round import FIRST_ROUND_MEDIA_TYPE, own_first_round, seal
from reviewer_app.sheets.seat_keys import seat_public_key
from reviewer_app.storage import central_models as m

SESSION_SUFFIX = " 第二轮复议"


class NotRegistered(ReviewerError):
    """The first-round package (with this manifest) is not registered in the store."""


class NotAFirstRound(ReviewerError):
    """The package is not a first-round panel package."""


class NobodyToAsk(ReviewerError):
    """No seat scored the chosen projects in the first round."""


class AlreadyInSecondRound(ReviewerError):
    """A chosen project is in a second round of this first round already: a seat's
    second-round review of it would then come twice (rule R2 takes one)."""

    def __init__(self, projects: Sequence[str], package_id: str) -> None:
        super().__init__(f"projects already in the second round {package_id} of this package: "
                         f"{', '.join(projects)}")
        self.projects = tuple(projects)
        self.package_id = package_id


@dataclass(frozen=True)
class SecondRoundPlan:
    manifest: dict[str, Any]           # without package_id and members (the writer adds them)
    members: tuple[Any, ...]           # MemberSource, in member order
    seat_codes: dict[str, str]         # seat id -> new canonical seat code
    package_id: bytes
    projects: tuple[str, ...]
    first_round_package_id: str


def first_round_reviews(engine: Engine, package_id: str) -> list[Review]:
    """The reviews of the accepted sheets of one first-round package, by plain seat id."""
    from reviewer_app.central.results import _accepted_bodies, _reviews

    with Session(engine) as session:
        package = session.get(m.Package, package_id)
        if package is None:
            raise NotRegistered(f"package {package_id} is not registered in this store: "
                                "merge its sheets with --package first")
        if package.round != 1 or package.session_kind != "panel":
            raise NotAFirstRound(f"package {package_id} is not a first-round panel package")
        return [r for r, _ in _reviews(_accepted_bodies(session, [package]), many=False)]


@dataclass(frozen=True)
class SeatOutline:
    """What a second round of some projects means for one first-round seat."""

    seat_id: str
    name: str
    asked: tuple[str, ...]          # projects it scored: asked again
    recused: tuple[str, ...]        # projects it declared a conflict on: not asked
    not_reviewed: tuple[str, ...]   # projects it has no accepted review of: not asked
    sheet: bool                     # an accepted first-round sheet of this seat counts


@dataclass(frozen=True)
class SecondRoundOutline:
    """A registered first round as a second round would start from it (the desk shows
    this before building; :func:`plan_second_round` decides from the same data)."""

    first_round_package_id: str
    manifest: Any
    reviews: tuple[Review, ...]
    aggregation: Any                # core.aggregation.AggregationResult
    taken: dict[str, str]           # project id -> the second-round package holding it

    @property
    def divergent(self) -> tuple[str, ...]:
        return tuple(sorted(p.project_id for p in self.aggregation.projects if p.divergent))

    def seats(self, projects: Sequence[str]) -> tuple[SeatOutline, ...]:
        """Per first-round seat (manifest order): asked, recused, not reviewed."""
        chosen = sorted(set(projects))
        asked = second_round_assignments(self.reviews, chosen, [
            str(s["seat_id"]) for s in self.manifest["seats"]])
        conflicts = {(r.seat_id, r.project_id) for r in self.reviews if r.conflict}
        reviewed = {(r.seat_id, r.project_id) for r in self.reviews}
        with_sheet = {r.seat_id for r in self.reviews}
        rows = []
        for seat in self.manifest["seats"]:
            sid = str(seat["seat_id"])
            rows.append(SeatOutline(
                sid, str(seat["name"]), asked.get(sid, ()),
                tuple(p for p in chosen if (sid, p) in conflicts),
                tuple(p for p in chosen if (sid, p) not in reviewed),
                sid in with_sheet))
        return tuple(rows)


def outline_second_round(engine: Engine, reader: Any) -> SecondRoundOutline:
    """The first round of the opened package ``reader``: its accepted reviews, their
    aggregate (which projects diverge) and the projects a second round holds already.

    Raises:
        ReviewerError: the package is not registered with this manifest, or is not a
            first-round panel package.
    """
    first = reader.manifest
    first_id = reader.package_id
    with Session(engine) as session:
        stored = session.get(m.Package, first_id)
        if stored is None or stored.manifest_sha256 != reader.manifest_sha256:
            raise NotRegistered(f"package {first_id} is not registered in this store with "
                                "this manifest: merge its sheets with --package first")
        taken: dict[str, str] = {}
        for later in session.scalars(select(m.Package).where(
                m.Package.first_round_package_id == first_id)
                .order_by(m.Package.registered_at)):
            for pid in json.loads(later.manifest_json)["second_round"]["projects"]:
                taken.setdefault(str(pid), later.package_id)
    reviews = first_round_reviews(engine, first_id)
    program = parse_program(first["program"]["program_file"])
    project_ids = [p["project_id"] for p in first["projects"]]
    aggregation = aggregate(reviews, program.rubric, program.aggregation,
                            project_ids=project_ids)
    return SecondRoundOutline(first_id, first, tuple(reviews), aggregation, taken)


def plan_second_round(engine: Engine, reader: Any, choice: str | Sequence[str],
                      *, deadline: dt.date | None = None, created_at: dt.datetime | None = None,
                      random_bytes: Sequence[bytes] | None = None,
                      package_id: bytes | None = None) -> SecondRoundPlan:
    """Plan the second round of the opened first-round package ``reader``.

    The chosen projects' materials stay in ``reader``: the plan's member sources
    decrypt each (checked against its signed digest) into memory when the writer
    reaches it, so ``reader`` must stay open until the package is written.

    Args:
        choice: ``"divergent"`` or explicit project ids (core/second_round.py).
        random_bytes, package_id: for tests only, as in central/manifest.py.

    Raises:
        ReviewerError: the package is not registered with this manifest, not a first
            round, no project chosen, or nobody to ask.
        AlreadyInSecondRound: a chosen project has a second round already.
    """
    outline = outline_second_round(engine, reader)
    first, first_id, reviews = reader.manifest, outline.first_round_package_id, outline.reviews
    projects = select_projects(outline.aggregation, choice)
    taken = {pid: outline.taken[pid] for pid in projects if pid in outline.taken}
    if taken:
        raise AlreadyInSecondRound(sorted(taken), sorted(set(taken.values()))[0])
    seat_order = [str(s["seat_id"]) for s in first["seats"]]
    assignments = second_round_assignments(reviews, projects, seat_order)
    if not assignments:
        raise NobodyToAsk("no seat scored the chosen projects in the first round: nobody "
                            "to ask again")

    draws = list(random_bytes) if random_bytes is not None else [
        secrets.token_bytes(CODE_BYTES) for _ in assignments]
    codes = {seat: seat_code_from_bytes(raw)
             for seat, raw in zip(assignments, draws, strict=True)}
    package_id = package_id if package_id is not None else secrets.token_bytes(16)
    new_id = package_id.hex()

    members, entries = _materials(reader, projects)
    seat_members = {}
    by_seat: dict[str, list[Review]] = {}
    for review in reviews:
        if review.project_id in projects and not review.conflict:
            by_seat.setdefault(review.seat_id, []).append(review)
    from reviewer_app.package import MemberSource

    for seat in assignments:
        own = own_first_round(seat, first_id, [(r.project_id, r.scores, r.total)
                                               for r in by_seat[seat]])
        members.append(MemberSource(name=f"first-round/{seat}",
                                    media_type=FIRST_ROUND_MEDIA_TYPE,
                                    data=seal(own, codes[seat], new_id)))
        seat_members[seat] = len(members)

    created_at = (created_at or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    seats = {str(s["seat_id"]): s for s in first["seats"]}
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT_5,
        "suite": SUITE_ED25519,
        "created_at": created_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "program": first["program"],
        "session": {"kind": "panel", "name": str(first["session"]["name"]) + SESSION_SUFFIX,
                    "deadline": deadline.isoformat() if deadline else None},
        "rubric": first["rubric"],
        "seats": [{"seat_id": seat, "name": seats[seat]["name"],
                   "affiliation": seats[seat].get("affiliation", ""),
                   "public_key": seats[seat].get("public_key"),
                   "seat_code_check": seat_code_check(seat, codes[seat]),
                   "seat_key": seat_public_key(codes[seat], new_id, seat)}
                  for seat in assignments],
        "assignments": {seat: list(pids) for seat, pids in assignments.items()},
        "projects": entries,
        # The first round's manifest carried the year's prior awards into the ledger.
        "prior_awards": [],
        "second_round": {
            "first_round_package_id": first_id,
            "projects": list(projects),
            "distribution": {pid: dist.to_dict() for pid in projects
                             if (dist := distribution(reviews, pid)) is not None},
            "seat_members": seat_members,
        },
    }
    return SecondRoundPlan(manifest, tuple(members), codes, package_id, projects, first_id)


def _materials(reader: Any, projects: Sequence[str]
               ) -> tuple[list[Any], list[dict[str, Any]]]:
    """The chosen projects' entries, their materials taken from the open first-round
    package when the writer reaches them (decrypted and checked against their signed
    digests into memory, one at a time: no plaintext on disk) and renumbered in the
    new package's member order."""
    from functools import partial

    from reviewer_app.package import MemberSource

    members: list[Any] = []
    entries = []
    wanted = set(projects)
    for project in reader.manifest["projects"]:
        if project["project_id"] not in wanted:
            continue
        materials = []
        for material in project["materials"]:
            info = reader.member(int(material["member_id"]))
            members.append(MemberSource(name=info.name, media_type=info.media_type,
                                        load=partial(reader.read_member_buffer, info.id),
                                        size=info.length))
            materials.append({**material, "member_id": len(members)})
        entries.append({**project, "materials": materials})
    return members, entries


@dataclass(frozen=True)
class BuiltSecondRound:
    info: Any                  # the writer's PackageInfo
    plan: SecondRoundPlan


def build_second_round(engine: Engine, reader: Any, out: Path, *, choice: str | Sequence[str],
                       organizer_key: Any, organizer_name: str, passphrase: str,
                       deadline: dt.date | None = None,
                       before_write: Any = None, after_write: Any = None,
                       progress: Any = None) -> BuiltSecondRound:
    """Plan, write (atomically, signed) and register a second-round package.

    ``before_write(plan)`` runs before the package is written (the command line
    writes the seat codes there first: a package whose codes were lost is useless).
    ``after_write(info, plan)`` runs after it is written and before it is registered
    (the desk writes the letters there); when it raises, the package is removed
    again. ``progress(done, total, phase)`` is the writer's; when it raises (a
    cancel) no file is left.

    Raises:
        ReviewerError: as :func:`plan_second_round`; ``out`` exists.
        PackageWriteError, OSError: the package cannot be written.
    """
    from reviewer_app.central.merge import register_package
    from reviewer_app.package import write_package

    if out.exists():
        raise ReviewerError(f"{out} exists; a package is never replaced: choose another name")
    plan = plan_second_round(engine, reader, choice, deadline=deadline)
    if before_write is not None:
        before_write(plan)
    info = write_package(out, plan.manifest, list(plan.members),
                         organizer_key=organizer_key, organizer_name=organizer_name,
                         passphrase=passphrase, package_id=plan.package_id,
                         progress=progress)
    if after_write is not None:
        try:
            after_write(info, plan)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
    register_package(engine, info.manifest_bytes, info.manifest_sha256, info.package_id)
    return BuiltSecondRound(info, plan)


def manifest_of(engine: Engine, package_id: str) -> dict[str, Any]:
    """A registered package's manifest (for tests and the desk)."""
    with Session(engine) as session:
        package = session.get(m.Package, package_id)
        if package is None:
            raise ReviewerError(f"package {package_id} is not registered")
        return json.loads(package.manifest_json)


@dataclass(frozen=True)
class LetteredSecondRound:
    """A second-round package built with one letter per seat, registered."""

    built: BuiltSecondRound
    letters: tuple[Path, ...]


def build_second_round_with_letters(engine: Engine, reader: Any, out: Path, letters_dir: Path,
                                    *, choice: str | Sequence[str], organizer: Any,
                                    passphrase: str, deadline: dt.date | None = None,
                                    progress: Any = None) -> LetteredSecondRound:
    """:func:`build_second_round` (the command line's code path) with a letter (通知函)
    per seat in ``letters_dir`` instead of a seat-code file, as the desk's packages
    page builds a first round: the new seat codes exist only in memory and on the
    letters. A package whose letters cannot be written is removed again; a cancel
    through ``progress`` leaves no package and no letter.

    Raises:
        ReviewerError: as :func:`build_second_round`; ``letters_dir`` holds files.
    """
    from reviewer_app.central.seat_letters import seat_letters, write_seat_letters

    if out.exists():
        raise ReviewerError(f"{out} exists; a package is never replaced: choose another name")
    if letters_dir.exists() and any(letters_dir.iterdir()):
        raise ReviewerError(f"{letters_dir} is not empty: choose another folder for the "
                            "letters")
    written: list[Path] = []

    def letters(info: Any, plan: SecondRoundPlan) -> None:
        manifest = json.loads(info.manifest_bytes)
        try:
            written.extend(write_seat_letters(letters_dir, seat_letters(
                manifest, plan.seat_codes, package_file=out.name,
                organizer_name=reader.organizer_name,
                organizer_fingerprint=organizer.fingerprint)))
        except BaseException:
            for letter in letters_dir.glob("*.pdf"):
                letter.unlink(missing_ok=True)
            raise

    built = build_second_round(engine, reader, out, choice=choice,
                               organizer_key=organizer.private_key,
                               organizer_name=reader.organizer_name, passphrase=passphrase,
                               deadline=deadline, after_write=letters, progress=progress)
    return LetteredSecondRound(built, tuple(written))
