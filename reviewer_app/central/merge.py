"""Merging signed score sheets into the central store (DESIGN.md §4.2 merge rules).

Sheet files are handled in batches, one transaction each: every file is kept byte
for byte, verified against the package it names, and given exactly one recorded
decision:

- ``accepted``: first valid sheet of its seat;
- ``replaced``: a higher revision, which supersedes the one before;
- ``no-op``: the same revision with the same body (or the very same file again);
- ``equivocation``: the same revision with another body — the seat's reviews stop
  counting until a higher revision settles it, whatever order the files came in;
- ``rollback``: a lower revision than the one held, refused;
- ``rejected``: failed verification, with the verifier's reason.

Concurrent merges (two staff, one PostgreSQL) are safe: batches take turns under
an advisory lock, unique constraints stop any double insert, and a lost race
retries the batch from the start.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from reviewer_app import strictjson
from reviewer_app.core.errors import ReviewerError
from reviewer_app.sheets.envelope import MAX_SHEET_BYTES
from reviewer_app.storage import central_models as m

MAX_ATTEMPTS = 8
_HEX32 = re.compile(r"[0-9a-f]{32}")
BATCH_SIZE = 50
MERGE_LOCK = 0x52564D47  # "RVMG": any constant, the same in every process
ACCEPTING = ("accepted", "replaced")


@dataclass(frozen=True)
class MergeOutcome:
    source: str
    sheet_sha256: str
    decision: str
    reason: str
    seat_id: str | None = None
    revision: int | None = None

    @property
    def rejected(self) -> bool:
        return self.decision in ("rejected", "rollback", "equivocation")


def register_package(engine: Engine, manifest_bytes: bytes, manifest_sha256: str,
                     package_id: str, seat_codes: Mapping[str, str] | None = None) -> bool:
    """Record a package's manifest, seats and assignments; True if it was new.

    Registering again is a no-op, except that seat codes given now are stored.
    """
    manifest = json.loads(manifest_bytes)
    for attempt in range(MAX_ATTEMPTS):
        try:
            with Session(engine) as session, session.begin():
                existing = session.get(m.Package, package_id)
                if existing is None:
                    _register_program(session, manifest["program"])
                    session.add(m.Package(
                        package_id=package_id, manifest_sha256=manifest_sha256,
                        program_id=str(manifest["program"]["id"]),
                        session_kind=manifest["session"]["kind"],
                        session_name=manifest["session"]["name"],
                        manifest_json=manifest_bytes.decode("utf-8")))
                    session.flush()
                    for seat in manifest["seats"]:
                        session.add(m.Seat(package_id=package_id, seat_id=seat["seat_id"],
                                           name=seat["name"], public_key=seat.get("public_key")))
                    session.flush()
                    for seat_id, projects in manifest["assignments"].items():
                        for project_id in projects:
                            session.add(m.Assignment(package_id=package_id, seat_id=seat_id,
                                                     project_id=project_id))
                elif existing.manifest_sha256 != manifest_sha256:
                    raise ReviewerError(f"package {package_id} is registered with another "
                                        "manifest")
                for seat_id, code in (seat_codes or {}).items():
                    seat = session.get(m.Seat, (package_id, seat_id))
                    if seat is None:
                        raise ReviewerError(f"seat codes name seat {seat_id}, which package "
                                            f"{package_id} does not have")
                    seat.seat_code = code
                return existing is None
        except (IntegrityError, OperationalError):
            if attempt == MAX_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _register_program(session: Session, program: Mapping[str, Any]) -> None:
    """Keep the program file; all packages of one program must carry the same file."""
    text = program.get("program_file")
    if not isinstance(text, str):
        raise ReviewerError("the package's manifest carries no program file")
    known = session.get(m.Program, str(program["id"]))
    if known is None:
        session.add(m.Program(program_id=str(program["id"]), year=int(program["year"]),
                              name=str(program["name"]), program_file=text))
        session.flush()
    elif known.program_file != text:
        raise ReviewerError(f"program {program['id']} is registered with a different "
                            "program file: results would mix two rule sets")


def _claimed_package_id(raw: bytes) -> str | None:
    """The package id the sheet claims, read without trusting it (verification follows)."""
    try:
        envelope = strictjson.loads(raw)
        body = strictjson.loads(base64.b64decode(envelope["payload"], validate=True))
        package_id = body["package_id"]
    except (ValueError, KeyError, TypeError, binascii.Error):  # StrictJSONError is a ValueError
        return None
    if not isinstance(package_id, str) or not _HEX32.fullmatch(package_id):
        return None
    return package_id


Verifier = Callable[[bytes, m.Package, Mapping[str, str]], Any]


def merge_sheets(engine: Engine, sheets: Iterable[tuple[str, bytes]],
                 verify: Verifier | None = None) -> list[MergeOutcome]:
    """Merge sheet files given as (source name, raw bytes); one outcome per file."""
    verify = verify or SheetVerifier()
    items = list(sheets)
    outcomes: list[MergeOutcome] = []
    for start in range(0, len(items), BATCH_SIZE):
        outcomes += _merge_batch(engine, items[start:start + BATCH_SIZE], verify)
    return outcomes


def _merge_batch(engine: Engine, batch: list[tuple[str, bytes]],
                 verify: Verifier) -> list[MergeOutcome]:
    # One transaction for a batch: a durable commit costs an fsync, which is most of
    # a sheet's merge time when each sheet commits alone. Each sheet still gets
    # its own decision; the batch is all-or-nothing.
    for attempt in range(MAX_ATTEMPTS):
        try:
            with Session(engine) as session, session.begin():
                if session.get_bind().dialect.name == "postgresql":
                    # Merges of a batch lock many rows; two staff merging the same
                    # files in different orders would deadlock. Merging is quick, so
                    # take turns (SQLite's single writer lock does the same).
                    session.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                    {"key": MERGE_LOCK})
                return [_merge_in(session, source, raw, verify) for source, raw in batch]
        except (IntegrityError, OperationalError):
            # Another merger inserted the same row first, a deadlock was broken, or
            # SQLite was busy: start the batch over; the next pass sees their work.
            if attempt == MAX_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _record(session: Session, outcome: MergeOutcome, package_id: str | None,
            body_sha256: str | None) -> MergeOutcome:
    session.add(m.MergeDecision(sheet_sha256=outcome.sheet_sha256, package_id=package_id,
                                seat_id=outcome.seat_id, revision=outcome.revision,
                                body_sha256=body_sha256, decision=outcome.decision,
                                reason=outcome.reason))
    return outcome


def _merge_in(session: Session, source: str, raw: bytes, verify: Verifier) -> MergeOutcome:
    sheet_sha = hashlib.sha256(raw).hexdigest()
    seen = session.get(m.SheetFile, sheet_sha) is not None
    earlier = list(session.scalars(select(m.MergeDecision).where(
        m.MergeDecision.sheet_sha256 == sheet_sha).order_by(m.MergeDecision.id))) if seen else []
    if not seen:
        # An oversized file is refused unread; its bytes are not worth keeping.
        kept = raw if len(raw) <= MAX_SHEET_BYTES else b""
        session.add(m.SheetFile(sha256=sheet_sha, raw=kept, source_name=source))
        session.flush()
    elif any(d.decision != "rejected" for d in earlier) or not earlier:
        first = earlier[0] if earlier else None
        return MergeOutcome(source, sheet_sha, "no-op",
                            f"already merged (decision: {first.decision if first else '?'})",
                            first.seat_id if first else None, first.revision if first else None)
    # A file rejected before may pass now (its package or seat codes were registered
    # since): look again, but record a rejection only when the reason changed.
    last_reason = earlier[-1].reason if earlier else None

    def reject(reason: str, package_id: str | None) -> MergeOutcome:
        outcome = MergeOutcome(source, sheet_sha, "rejected", reason)
        return outcome if reason == last_reason else _record(session, outcome, package_id, None)

    if len(raw) > MAX_SHEET_BYTES:
        return reject(f"oversized: {len(raw)} bytes, more than {MAX_SHEET_BYTES}", None)
    package_id = _claimed_package_id(raw)
    package = session.get(m.Package, package_id) if package_id else None
    if package is None:
        return reject("not a score sheet" if package_id is None
                      else f"package {package_id} is not registered (merge with --package)",
                      None)
    seat_codes = {s.seat_id: s.seat_code for s in session.scalars(
        select(m.Seat).where(m.Seat.package_id == package.package_id)) if s.seat_code}
    try:
        verified = verify(raw, package, seat_codes)
    except ReviewerError as exc:
        return reject(f"{getattr(exc, 'reason', 'rejected')}: {exc}", package.package_id)
    except Exception as exc:
        return reject(f"internal error while verifying: {type(exc).__name__}",
                      package.package_id)

    seat_id, revision, body_sha = verified.seat_id, verified.revision, verified.body_sha256
    current = session.scalar(select(m.AcceptedSheet).where(
        m.AcceptedSheet.package_id == package.package_id,
        m.AcceptedSheet.seat_id == seat_id).with_for_update())

    def outcome(decision: str, reason: str) -> MergeOutcome:
        return _record(session, MergeOutcome(source, sheet_sha, decision, reason, seat_id,
                                             revision), package.package_id, body_sha)

    if current is None:
        session.add(m.AcceptedSheet(package_id=package.package_id, seat_id=seat_id,
                                    revision=revision, body_sha256=body_sha,
                                    sheet_sha256=sheet_sha, equivocation=False))
        _replace_reviews(session, package.package_id, seat_id, verified.body)
        return outcome("accepted", f"revision {revision} accepted")
    if revision > current.revision:
        chained = verified.previous_sha256 == current.body_sha256
        previous = current.revision
        current.revision, current.body_sha256 = revision, body_sha
        current.sheet_sha256, current.equivocation = sheet_sha, False
        _replace_reviews(session, package.package_id, seat_id, verified.body)
        return outcome("replaced", f"revision {revision} replaces revision {previous}"
                       + ("" if chained else " (its previous_sha256 does not name the revision "
                          "held: an intermediate revision is missing)"))
    if revision < current.revision:
        return outcome("rollback", f"revision {revision} is older than revision "
                       f"{current.revision} already merged")
    if body_sha == current.body_sha256:
        return outcome("no-op", f"revision {revision} already merged with the same content")
    # Two different bodies signed as the same revision: neither may count, or the
    # result would depend on which file was merged first.
    current.equivocation = True
    session.execute(delete(m.Review).where(m.Review.package_id == package.package_id,
                                           m.Review.seat_id == seat_id))
    return outcome("equivocation", f"two different sheets signed as revision {revision}; "
                   "this seat's reviews are excluded until a higher revision arrives")


def _replace_reviews(session: Session, package_id: str, seat_id: str,
                     body: Mapping[str, Any]) -> None:
    session.execute(delete(m.Review).where(m.Review.package_id == package_id,
                                           m.Review.seat_id == seat_id))
    rows = []
    for project in body["projects"]:
        conflict = project.get("conflict") or {}
        rows.append({
            "package_id": package_id, "seat_id": seat_id, "project_id": project["project_id"],
            "conflict": bool(conflict.get("declared")),
            "conflict_reason": conflict.get("reason") or "",
            "scores_json": json.dumps(project.get("scores") or {}, sort_keys=True),
            "total": project.get("total"),
            "comments_json": json.dumps(project.get("comments") or {}, ensure_ascii=False,
                                        sort_keys=True),
            "overall_comment": project.get("overall_comment") or "",
            "recommendation": project.get("recommendation") or ""})
    if rows:
        # One executemany instead of an ORM object per review: merges are bulk work.
        session.execute(insert(m.Review), rows)


class SheetVerifier:
    """Verifies sheets with the real verifier, building each package's context once."""

    def __init__(self) -> None:
        self._contexts: dict[tuple[str, tuple[tuple[str, str], ...]], Any] = {}

    def __call__(self, raw: bytes, package: m.Package, seat_codes: Mapping[str, str]) -> Any:
        from reviewer_app.sheets.context import SheetContext
        from reviewer_app.sheets.verify import verify_sheet

        key = (package.package_id, tuple(sorted(seat_codes.items())))
        context = self._contexts.get(key)
        if context is None:
            # The merge must know who signed: an enrolled key or a verified seat claim.
            context = SheetContext.from_manifest(
                json.loads(package.manifest_json), package.manifest_sha256,
                seat_codes=seat_codes or None, require_seat_proof=True)
            self._contexts[key] = context
        return verify_sheet(raw, context)
