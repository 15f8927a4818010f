"""Merging signed score sheets into the central store (docs/formats.md §2.7 merge rules).

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

Concurrent merges (two staff, one store) are safe: batches take turns (an
advisory lock on PostgreSQL, the write lock taken up front on SQLite), unique
constraints stop any double insert, and a lost race retries the batch from the
start.

Each batch is read once, decided in memory and written with a few statements;
reviews are not copied out of the sheets (results read the accepted files).
Verification is most of a merge's work and needs nothing from the store but the
registered packages, so a large merge also verifies in forked workers beside the
main process: see :class:`_Judges`.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import gc
import hashlib
import json
import mmap
import multiprocessing
import multiprocessing.context
import multiprocessing.process
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection as Pipe
from multiprocessing.connection import wait
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from reviewer_app import strictjson
from reviewer_app.central.ledger import add_awards
from reviewer_app.core.errors import ReviewerError
from reviewer_app.sheets.envelope import MAX_SHEET_BYTES
from reviewer_app.storage import central_models as m

MAX_ATTEMPTS = 8
_HEX32 = re.compile(r"[0-9a-f]{32}")
BATCH_SIZE = 50
MERGE_LOCK = 0x52564D47  # "RVMG": any constant, the same in every process
ACCEPTING = ("accepted", "replaced")
POOL_MIN_SHEETS = 64
"""Fewer sheets than this are verified in-process: starting workers costs more."""
WORKER_STALL_SECONDS = 30.0
"""A worker judges a chunk of files in milliseconds; silence this long means it hangs."""
# The merge reads and writes plain rows: Core statements on the tables, which cost
# less to compile and to run than ORM-enabled ones.
_PACKAGE = m.Package.__table__
_SEAT = m.Seat.__table__
_SHEET_FILE = m.SheetFile.__table__
_DECISION = m.MergeDecision.__table__
_CONFLICT = m.DeclaredConflict.__table__
_ACCEPTED = m.AcceptedSheet.__table__
_CHUNK = 5  # files per chunk taken in turn: a few, for a steady flow of verdicts


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


@dataclass(frozen=True)
class RegisteredPackage:
    """What a verifier needs of a registered package.

    Attributes:
        seat_codes: (seat id, canonical seat code) pairs, sorted, for seats with a code:
            format-1 packages only, and only as given to this merge (the store never
            keeps a seat code: whoever reads it could sign for the seat).
    """

    package_id: str
    manifest_sha256: str
    manifest_json: str
    seat_codes: tuple[tuple[str, str], ...]

    @property
    def basis(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """What a verdict on a sheet of this package depends on."""
        return self.manifest_sha256, self.seat_codes


PackageLookup = Callable[[str], RegisteredPackage | None]
Verifier = Callable[[bytes, PackageLookup], Any]
"""``verify(raw, lookup)``: the verified sheet (``seat_id``, ``revision``,
``body_sha256``, ``previous_sha256``, ``body``), or a :class:`ReviewerError` with a
``reason``; :class:`UnknownPackage` when the sheet names no registered package."""


class UnknownPackage(ReviewerError):
    """The sheet names no registered package (``package_id`` None: names none at all)."""

    def __init__(self, package_id: str | None) -> None:
        self.package_id = package_id
        super().__init__("not a score sheet" if package_id is None else
                         f"package {package_id} is not registered (merge with --package)")


SeatCodes = Mapping[str, Mapping[str, str]]
"""Seat codes given to one merge: package id -> seat id -> canonical seat code."""


def register_package(engine: Engine, manifest_bytes: bytes, manifest_sha256: str,
                     package_id: str) -> bool:
    """Record a package's manifest, seats and assignments; True if it was new.

    Registering again is a no-op. No seat code is ever stored: a format-2 package's
    sheets prove their seat by the seat keys in its manifest; a format-1 package's
    seat codes are given to each merge (:func:`merge_sheets`) and kept in memory.
    """
    manifest = json.loads(manifest_bytes)
    for attempt in range(MAX_ATTEMPTS):
        try:
            with Session(engine) as session, session.begin():
                existing = session.get(m.Package, package_id)
                if existing is None:
                    _register_program(session, manifest["program"])
                    first_round = first_round_of(session, manifest)
                    session.add(m.Package(
                        package_id=package_id, manifest_sha256=manifest_sha256,
                        program_id=str(manifest["program"]["id"]),
                        session_kind=manifest["session"]["kind"],
                        session_name=manifest["session"]["name"],
                        manifest_json=manifest_bytes.decode("utf-8"),
                        round=1 if first_round is None else 2,
                        first_round_package_id=first_round))
                    session.flush()
                    for seat in manifest["seats"]:
                        session.add(m.Seat(package_id=package_id, seat_id=seat["seat_id"],
                                           name=seat["name"], public_key=seat.get("public_key")))
                    session.flush()
                    for seat_id, projects in manifest["assignments"].items():
                        for project_id in projects:
                            session.add(m.Assignment(package_id=package_id, seat_id=seat_id,
                                                     project_id=project_id))
                    # Packages built before the ledger carry no prior_awards.
                    add_awards(session, str(manifest["program"]["id"]),
                               manifest.get("prior_awards") or [], "package",
                               f"package {package_id} prior_awards")
                elif existing.manifest_sha256 != manifest_sha256:
                    raise ReviewerError(f"package {package_id} is registered with another "
                                        "manifest")
                return existing is None
        except (IntegrityError, OperationalError):
            if attempt == MAX_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def first_round_of(session: Session, manifest: Mapping[str, Any]) -> str | None:
    """A second-round manifest's (format 5) first-round package id; None for round 1.

    Raises:
        ReviewerError: the first round is not registered in this store, is itself a
            second round, or is of another program or kind.
    """
    from reviewer_app.package.format import MANIFEST_FORMAT_5

    if manifest.get("format") != MANIFEST_FORMAT_5:
        return None
    first_id = str(manifest["second_round"]["first_round_package_id"])
    first = session.get(m.Package, first_id)
    if first is None:
        raise ReviewerError(f"second-round package: its first round {first_id} is not "
                            "registered in this store (merge the first round first)")
    if first.round != 1 or first.session_kind != "panel" \
            or first.program_id != str(manifest["program"]["id"]):
        raise ReviewerError(f"second-round package: {first_id} is not a first-round panel "
                            "package of the same program")
    return first_id


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


def sheet_body(raw: bytes) -> dict[str, Any]:
    """The body inside a sheet file, parsed strictly but not verified.

    Raises:
        ValueError: not an envelope around a JSON object (StrictJSONError, bad base64).
    """
    try:
        envelope = strictjson.loads(raw)
        body = strictjson.loads(base64.b64decode(envelope["payload"], validate=True))
    except (KeyError, TypeError, binascii.Error) as exc:
        raise ValueError(f"not a sheet file: {exc}") from None
    if not isinstance(body, dict):
        raise ValueError("not a sheet file: the body is not an object")
    return body


def claimed_package_id(raw: bytes) -> str | None:
    """The package id a sheet claims, read without trusting it (verification follows)."""
    try:
        package_id = sheet_body(raw).get("package_id")
    except ValueError:  # StrictJSONError is one
        return None
    if not isinstance(package_id, str) or not _HEX32.fullmatch(package_id):
        return None
    return package_id


class SheetVerifier:
    """Verifies sheets with the real verifier, building each package's context once."""

    def __init__(self) -> None:
        self._contexts: dict[tuple[str, Any], Any] = {}

    def __call__(self, raw: bytes, lookup: PackageLookup) -> Any:
        from reviewer_app.sheets.errors import SheetRejected
        from reviewer_app.sheets.verify import authenticate_sheet, verify_authentic

        try:
            sheet = authenticate_sheet(raw)
        except SheetRejected:
            # The package comes first in what is reported: an unreadable claim or an
            # unregistered package says more than the fault found in the file.
            claimed = claimed_package_id(raw)
            if claimed is None or lookup(claimed) is None:
                raise UnknownPackage(claimed) from None
            raise
        package = lookup(sheet.body["package_id"])
        if package is None:
            raise UnknownPackage(sheet.body["package_id"])
        return verify_authentic(sheet, self._context(package))

    def _context(self, package: RegisteredPackage) -> Any:
        from reviewer_app.sheets.context import SheetContext

        key = (package.package_id, package.basis)
        context = self._contexts.get(key)
        if context is None:
            # The merge must know who signed: an enrolled key or a verified seat claim.
            context = SheetContext.from_manifest(
                json.loads(package.manifest_json), package.manifest_sha256,
                seat_codes=dict(package.seat_codes) or None, require_seat_proof=True)
            self._contexts[key] = context
        return context


# --- verdicts: verification, wherever it runs ---------------------------------------

@dataclass(frozen=True)
class _Verdict:
    """The outcome of verifying one file, and what it was judged against.

    Attributes:
        consulted: package id -> its basis (None: not registered) for every package
            the verifier looked up; the verdict holds while they are unchanged.
        package_id: the package recorded with the decision (None: none applies).
        reason: why it was rejected, or None for a verified sheet.
    """

    consulted: Mapping[str, Any]
    package_id: str | None
    reason: str | None
    seat_id: str | None = None
    revision: int | None = None
    body_sha256: str | None = None
    previous_sha256: str | None = None
    conflicts: tuple[tuple[str, str | None, str | None], ...] = ()
    """(project id, category, hint answer) of each declared conflict (c0007)."""


def declared_conflicts(body: Mapping[str, Any]) -> tuple[tuple[str, str | None, str | None], ...]:
    """(project id, category or None, hint answer or None) of every declared conflict
    of a verified body; formats 1 and 2 have no category (未分类)."""
    return tuple((entry["project_id"], entry["conflict"].get("category"),
                  (entry.get("hint") or {}).get("answer"))
                 for entry in body["projects"] if entry["conflict"]["declared"])


def _judge(raw: bytes, packages: PackageLookup, verify: Verifier) -> _Verdict:
    consulted: dict[str, Any] = {}

    def lookup(package_id: str) -> RegisteredPackage | None:
        package = packages(package_id)
        consulted[package_id] = None if package is None else package.basis
        return package

    def registered() -> str | None:
        found = [pid for pid, basis in consulted.items() if basis is not None]
        return found[-1] if found else None

    if len(raw) > MAX_SHEET_BYTES:
        return _Verdict(consulted, None, f"oversized: {len(raw)} bytes, more than "
                                         f"{MAX_SHEET_BYTES}")
    try:
        verified = verify(raw, lookup)
    except UnknownPackage as exc:
        return _Verdict(consulted, None, str(exc))
    except ReviewerError as exc:
        return _Verdict(consulted, registered(), f"{getattr(exc, 'reason', 'rejected')}: {exc}")
    except Exception as exc:
        return _Verdict(consulted, registered(),
                        f"internal error while verifying: {type(exc).__name__}")
    return _Verdict(consulted, verified.body["package_id"], None, verified.seat_id,
                    verified.revision, verified.body_sha256, verified.previous_sha256,
                    declared_conflicts(verified.body))


def _work(packages: Mapping[str, RegisteredPackage], verify: Verifier, raws: list[bytes],
          chunks: list[list[int]], taken: _Counter, results: Pipe) -> None:
    """A worker: judge chunk after chunk, in merge order, handing each verdict back."""
    while (chunk := taken.take(len(chunks))) is not None:
        for index in chunks[chunk]:
            results.send((index, _judge(raws[index], packages.get, verify)))
    results.close()


class _Counter:
    """A count shared with forked workers: anonymous shared memory and a lock.

    (multiprocessing.Value would do, but its first use costs milliseconds.)
    """

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        self._memory = mmap.mmap(-1, 8)  # MAP_SHARED: the same page after fork
        self._lock = context.Lock()

    def take(self, limit: int) -> int | None:
        """The count before adding one, or None once it has reached ``limit`` (or the
        lock stays taken: a worker killed while holding it must not hang the merge)."""
        if not self._lock.acquire(timeout=WORKER_STALL_SECONDS):
            return None
        try:
            value = int.from_bytes(self._memory[:8], "little")
            if value >= limit:
                return None
            self._memory[:8] = (value + 1).to_bytes(8, "little")
        finally:
            self._lock.release()
        return value


class _Judges:
    """Verdicts for a merge's files: judged ahead in parallel, or on demand.

    A large merge forks workers (one fewer than the processors: the main process
    judges too, whenever it has nothing to write) that take chunks of files in
    merge order from a shared counter and judge them against the packages
    registered when the merge started. A verdict is used only if every package it
    consulted is still as it was when its batch is written (else that file is
    judged again). Files already merged are not judged ahead. Workers start at
    once with everything loaded, the files too, and never touch the database.
    """

    def __init__(self, verify: Verifier) -> None:
        self.verify = verify
        self.manifests: dict[str, str] = {}  # by SHA-256, for every batch of the merge
        self._known: dict[int, _Verdict] = {}
        self._ahead: set[int] = set()  # files judged ahead, verdict not yet used
        self._chunks: list[list[int]] = []
        self._taken: _Counter | None = None  # chunks taken, by anyone
        self._packages: dict[str, RegisteredPackage] = {}
        self._raws: list[bytes] = []
        self._workers: list[multiprocessing.process.BaseProcess] = []
        self._results: list[Pipe] = []  # one per worker still sending
        self._frozen = False

    @classmethod
    def start(cls, engine: Engine, items: list[tuple[str, bytes, str]],
              verify: Verifier, seat_codes: SeatCodes) -> _Judges:
        judges = cls(verify)
        workers = _worker_count()
        if len(items) < POOL_MIN_SHEETS or workers < 1:
            return judges
        with engine.connect() as connection:
            packages = _all_packages(connection, seat_codes)
            settled = _settled(connection, [sha for _, _, sha in items])
        judges.manifests.update((p.manifest_sha256, p.manifest_json) for p in packages.values())
        queue = [i for i, (_, _, sha) in enumerate(items) if sha not in settled]
        if len(queue) < POOL_MIN_SHEETS:
            return judges
        judges._packages, judges._raws = packages, [raw for _, raw, _ in items]
        judges._chunks = [queue[i:i + _CHUNK] for i in range(0, len(queue), _CHUNK)]
        judges._ahead = set(queue)
        context = multiprocessing.get_context("fork")
        judges._taken = _Counter(context)
        # The collector leaves what exists now alone until the merge ends, here and in
        # the workers: a full collection touches every object, and every page it
        # touches would be copied (copy-on-write) in whichever process touched it.
        gc.freeze()
        judges._frozen = True
        try:
            for _ in range(workers):
                reader, writer = context.Pipe(duplex=False)
                worker = context.Process(target=_work, daemon=True, args=(
                    packages, verify, judges._raws, judges._chunks, judges._taken, writer))
                worker.start()
                writer.close()
                judges._workers.append(worker)
                judges._results.append(reader)
        except OSError:  # no process to be had (a limit, no memory): judge here
            judges.close()
            return cls(verify)
        except BaseException:  # Ctrl-C while forking: no worker outlives the merge
            judges.close()
            raise
        return judges

    def prejudged(self, index: int) -> _Verdict | None:
        """The verdict on file ``index`` if it was judged ahead (None: judge it now)."""
        if index in self._ahead:
            self._ahead.discard(index)
            while index not in self._known:
                self._receive(0)
                if index in self._known or self._help():
                    continue
                if not self._receive(WORKER_STALL_SECONDS):
                    break  # the workers are gone (one died, or stalled): judge it now
        return self._known.pop(index, None)

    def would_wait(self, index: int) -> bool:
        """Whether the verdict on file ``index`` is still being worked out elsewhere."""
        if index not in self._ahead:
            return False
        self._receive(0)
        return index not in self._known

    def _help(self) -> bool:
        """Judge the next chunk nobody has taken here; False if none is left."""
        assert self._taken is not None
        chunk = self._taken.take(len(self._chunks))
        if chunk is None:
            return False
        for index in self._chunks[chunk]:
            self._known[index] = _judge(self._raws[index], self._packages.get, self.verify)
        return True

    def _receive(self, timeout: float) -> bool:
        """Take in the verdicts that arrived within ``timeout``; False once none can.

        A wait of ``timeout`` > 0 that brings nothing means the workers stalled (none
        answers in WORKER_STALL_SECONDS while files are pending): they are stopped,
        and their files are judged here.
        """
        if not self._results:
            return False
        ready = wait(self._results, timeout)
        if not ready and timeout > 0:
            self._stop_workers(reap=True)
            return False
        for reader in ready:
            try:
                index, verdict = reader.recv()
            except EOFError:  # that worker is done (or died)
                self._results.remove(reader)
                continue
            self._known[index] = verdict
        return True

    def _stop_workers(self, *, reap: bool) -> None:
        for reader in self._results:
            reader.close()
        self._results = []
        for worker in self._workers:
            # Whatever a worker still does is not wanted any more (a file met twice,
            # a failed batch, a stall): stop it.
            if worker.is_alive():
                worker.terminate()
                if reap:
                    worker.join(timeout=1)
        if reap:
            self._workers = []

    def close(self) -> None:
        # At the end of a merge the workers are finishing on their own: waiting for
        # their teardown would cost the merge milliseconds; multiprocessing reaps them
        # (at the latest when the process exits), and a later merge's close does too.
        self._stop_workers(reap=False)
        multiprocessing.active_children()  # reaps those already gone
        self._workers = []
        if self._frozen:
            gc.unfreeze()
            self._frozen = False


def _worker_count() -> int:
    """Workers to fork: one fewer than the processors this process may use.

    Linux only: elsewhere fork is missing or unsafe (macOS), and a spawned worker
    re-imports everything, slower than judging in one process.
    """
    if not hasattr(os, "sched_getaffinity"):
        return 0
    return min(3, len(os.sched_getaffinity(0)) - 1)


def _all_packages(connection: Connection,
                  seat_codes: SeatCodes) -> dict[str, RegisteredPackage]:
    packages = connection.execute(select(_PACKAGE.c.package_id, _PACKAGE.c.manifest_sha256,
                                         _PACKAGE.c.manifest_json)).all()
    return {pid: RegisteredPackage(pid, sha, manifest, _codes_of(seat_codes, pid))
            for pid, sha, manifest in packages}


def _codes_of(seat_codes: SeatCodes, package_id: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(seat_codes.get(package_id, {}).items()))


def _settled(connection: Connection, shas: list[str]) -> set[str]:
    """Files already merged with a lasting decision (their merge is a no-op)."""
    settled: set[str] = set()
    for start in range(0, len(shas), 500):
        settled.update(connection.scalars(
            select(_DECISION.c.sheet_sha256).distinct()
            .where(_DECISION.c.sheet_sha256.in_(shas[start:start + 500]),
                   _DECISION.c.decision != "rejected")))
    return settled


# --- batches: decisions and writes -------------------------------------------------

def merge_sheets(engine: Engine, sheets: Iterable[tuple[str, bytes]],
                 verify: Verifier | None = None,
                 seat_codes: SeatCodes | None = None) -> list[MergeOutcome]:
    """Merge sheet files given as (source name, raw bytes); one outcome per file.

    Args:
        seat_codes: for format-1 packages, the seat codes (package id -> seat id ->
            canonical code) that prove their sheets' seat claims; used for this merge
            only, never stored. Format-2 packages need none.
    """
    verify = verify or SheetVerifier()
    codes = seat_codes or {}
    items = [(source, raw, hashlib.sha256(raw).hexdigest()) for source, raw in sheets]
    judges = _Judges.start(engine, items, verify, codes)
    try:
        outcomes: list[MergeOutcome] = []
        for start in range(0, len(items), BATCH_SIZE):
            outcomes += _merge_batch(engine, start, items[start:start + BATCH_SIZE], judges,
                                     last=start + BATCH_SIZE >= len(items), seat_codes=codes)
        if len(items) > BATCH_SIZE:
            # The last batch's fsync covers the batches before it only if it wrote
            # something (a commit without changes syncs nothing): sync the log here.
            _sync_sqlite_log(engine)
        return outcomes
    finally:
        judges.close()


def _merge_batch(engine: Engine, offset: int, batch: list[tuple[str, bytes, str]],
                 judges: _Judges, *, last: bool, seat_codes: SeatCodes) -> list[MergeOutcome]:
    # One transaction for a batch: a durable commit costs an fsync, which is most of
    # a sheet's merge time when each sheet commits alone. Each sheet still gets
    # its own decision; the batch is all-or-nothing.
    for attempt in range(MAX_ATTEMPTS):
        try:
            with engine.connect() as connection, _durable_at_end(connection, last):
                with connection.begin():
                    _take_turn(connection)
                    state = _Batch(connection, [sha for _, _, sha in batch], judges.manifests,
                                   seat_codes)
                    outcomes = []
                    for i, (source, raw, sha) in enumerate(batch):
                        if state.pending >= _CHUNK and judges.would_wait(offset + i):
                            state.write()  # rather than wait idle for the workers
                        outcomes.append(state.merge(source, raw, sha, judges, offset + i))
                    state.write()
                return outcomes
        except (IntegrityError, OperationalError):
            # Another merger inserted the same row first, a deadlock was broken, or
            # SQLite stayed busy: start the batch over; the next pass sees their work.
            if attempt == MAX_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


@contextlib.contextmanager
def _durable_at_end(connection: Connection, last: bool) -> Iterator[None]:
    """On SQLite, commit the batches before the last without waiting for the disk.

    In WAL mode with synchronous=NORMAL a commit appends to the log without an
    fsync; the last batch commits with synchronous=FULL, whose fsync of the log
    makes every batch of the merge durable before merge_sheets returns (if it
    writes nothing, merge_sheets syncs the log itself). A power
    cut during a merge may lose its earlier batches, never corrupt the store, and
    the merge was not reported done: merging the same files again is idempotent.
    """
    if connection.dialect.name != "sqlite" or last:
        yield
        return
    connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
    connection.commit()  # ends SQLAlchemy's autobegun transaction; no write happened
    failed = True
    try:
        yield
        failed = False
    finally:
        try:
            connection.exec_driver_sql("PRAGMA synchronous=FULL")  # pooled: as the engine set it
            connection.commit()
        except SQLAlchemyError:
            # A connection that cannot be set back is never pooled again; the error
            # that broke it, if any, is the one to report.
            connection.invalidate()
            if not failed:
                raise


def _sync_sqlite_log(engine: Engine) -> None:
    """Make every committed batch durable on SQLite: fsync its write-ahead log."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return
    try:
        fd = os.open(f"{database}-wal", os.O_RDONLY)
    except FileNotFoundError:  # checkpointed and removed: already in the synced file
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _take_turn(connection: Connection) -> None:
    """Wait for any other merger's batch: everything read below stays true until commit."""
    if connection.dialect.name == "postgresql":
        # Merges of a batch lock many rows; two staff merging the same files in
        # different orders would deadlock. Merging is quick, so take turns.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MERGE_LOCK})
    elif connection.dialect.name == "sqlite":
        # The driver would begin only at the first write, after this batch has read
        # what it decides on; take SQLite's one write lock now (busy_timeout waits).
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass
class _SeatState:
    """One seat's accepted sheet as this batch leaves it."""

    revision: int
    body_sha256: str
    sheet_sha256: str
    equivocation: bool
    stored: bool  # a row exists in accepted_sheet
    changed: bool = False
    conflicts: tuple[tuple[str, str | None, str | None], ...] = ()


@dataclass(frozen=True)
class _Decision:
    decision: str
    reason: str
    seat_id: str | None
    revision: int | None


@dataclass
class _Batch:
    """One batch's view of the store: read once, decided in memory, written at the end."""

    connection: Connection
    shas: list[str]
    manifests: dict[str, str]  # manifest text by its SHA-256, kept from batch to batch
    seat_codes: SeatCodes  # given to this merge, for format-1 packages
    files: set[str] = field(default_factory=set)
    decisions: dict[str, list[_Decision]] = field(default_factory=dict)
    packages: dict[str, RegisteredPackage | None] = field(default_factory=dict)
    seats: dict[str, dict[str, _SeatState]] = field(default_factory=dict)
    new_files: list[dict[str, Any]] = field(default_factory=list)
    new_decisions: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        wanted = sorted(set(self.shas))
        self.files = set(self.connection.scalars(
            select(_SHEET_FILE.c.sha256).where(_SHEET_FILE.c.sha256.in_(wanted))))
        if self.files:
            for sha, decision, reason, seat_id, revision in self.connection.execute(
                    select(_DECISION.c.sheet_sha256, _DECISION.c.decision,
                           _DECISION.c.reason, _DECISION.c.seat_id,
                           _DECISION.c.revision)
                    .where(_DECISION.c.sheet_sha256.in_(sorted(self.files)))
                    .order_by(_DECISION.c.id)):
                self.decisions.setdefault(sha, []).append(
                    _Decision(decision, reason, seat_id, revision))

    def package(self, package_id: str) -> RegisteredPackage | None:
        if package_id not in self.packages:
            sha = self.connection.scalar(select(_PACKAGE.c.manifest_sha256)
                                         .where(_PACKAGE.c.package_id == package_id))
            if sha is None:
                self.packages[package_id] = None
            else:
                if sha not in self.manifests:  # a manifest never changes under its hash
                    self.manifests[sha] = self.connection.scalar(
                        select(_PACKAGE.c.manifest_json)
                        .where(_PACKAGE.c.package_id == package_id))
                self.packages[package_id] = RegisteredPackage(
                    package_id, sha, self.manifests[sha],
                    _codes_of(self.seat_codes, package_id))
        return self.packages[package_id]

    def _still_holds(self, verdict: _Verdict) -> bool:
        for package_id, basis in verdict.consulted.items():
            package = self.package(package_id)
            if (None if package is None else package.basis) != basis:
                return False
        return True

    def merge(self, source: str, raw: bytes, sha: str, judges: _Judges,
              index: int) -> MergeOutcome:
        earlier = self.decisions.get(sha, [])
        if sha not in self.files:
            # An oversized file is refused unread; its bytes are not worth keeping.
            self.files.add(sha)
            self.new_files.append({"sha256": sha, "source_name": source,
                                   "raw": raw if len(raw) <= MAX_SHEET_BYTES else b""})
        elif not earlier or any(d.decision != "rejected" for d in earlier):
            first = earlier[0] if earlier else None
            return MergeOutcome(source, sha, "no-op",
                                f"already merged (decision: {first.decision if first else '?'})",
                                first.seat_id if first else None,
                                first.revision if first else None)
        verdict = judges.prejudged(index)
        if verdict is None or not self._still_holds(verdict):
            verdict = _judge(raw, self.package, judges.verify)
        if verdict.reason is not None:
            # A file rejected before may pass now (its package was registered since,
            # or this merge was given its seat codes): it was looked at again, but a
            # rejection is recorded only when the reason changed.
            outcome = MergeOutcome(source, sha, "rejected", verdict.reason)
            if not earlier or earlier[-1].reason != verdict.reason:
                self._record(outcome, verdict.package_id, None)
            return outcome
        return self._decide(source, sha, verdict)

    def _decide(self, source: str, sha: str, verdict: _Verdict) -> MergeOutcome:
        package_id, seat_id, revision = verdict.package_id, verdict.seat_id, verdict.revision
        body_sha = verdict.body_sha256
        assert package_id is not None and seat_id is not None and revision is not None
        assert body_sha is not None
        seats = self._seats(package_id)
        current = seats.get(seat_id)

        def outcome(decision: str, reason: str) -> MergeOutcome:
            return self._record(MergeOutcome(source, sha, decision, reason, seat_id, revision),
                                package_id, body_sha)

        if current is None:
            seats[seat_id] = _SeatState(revision, body_sha, sha, False, stored=False,
                                        changed=True, conflicts=verdict.conflicts)
            return outcome("accepted", f"revision {revision} accepted")
        if revision > current.revision:
            chained = verdict.previous_sha256 == current.body_sha256
            previous = current.revision
            current.revision, current.body_sha256 = revision, body_sha
            current.sheet_sha256, current.equivocation, current.changed = sha, False, True
            current.conflicts = verdict.conflicts
            return outcome("replaced", f"revision {revision} replaces revision {previous}"
                           + ("" if chained else " (its previous_sha256 does not name the "
                              "revision held: an intermediate revision is missing)"))
        if revision < current.revision:
            return outcome("rollback", f"revision {revision} is older than revision "
                           f"{current.revision} already merged")
        if body_sha == current.body_sha256:
            return outcome("no-op", f"revision {revision} already merged with the same content")
        # Two different bodies signed as the same revision: neither may count, or the
        # result would depend on which file was merged first.
        current.equivocation, current.changed, current.conflicts = True, True, ()
        return outcome("equivocation", f"two different sheets signed as revision {revision}; "
                       "this seat's reviews are excluded until a higher revision arrives")

    def _seats(self, package_id: str) -> dict[str, _SeatState]:
        seats = self.seats.get(package_id)
        if seats is None:
            rows = self.connection.execute(
                select(_ACCEPTED.c.seat_id, _ACCEPTED.c.revision,
                       _ACCEPTED.c.body_sha256, _ACCEPTED.c.sheet_sha256,
                       _ACCEPTED.c.equivocation)
                .where(_ACCEPTED.c.package_id == package_id).with_for_update())
            seats = {row.seat_id: _SeatState(row.revision, row.body_sha256, row.sheet_sha256,
                                             bool(row.equivocation), stored=True)
                     for row in rows}
            self.seats[package_id] = seats
        return seats

    def _record(self, outcome: MergeOutcome, package_id: str | None,
                body_sha256: str | None) -> MergeOutcome:
        self.decisions.setdefault(outcome.sheet_sha256, []).append(
            _Decision(outcome.decision, outcome.reason, outcome.seat_id, outcome.revision))
        self.new_decisions.append({
            "sheet_sha256": outcome.sheet_sha256, "package_id": package_id,
            "seat_id": outcome.seat_id, "revision": outcome.revision,
            "body_sha256": body_sha256, "decision": outcome.decision,
            "reason": outcome.reason})
        return outcome

    @property
    def pending(self) -> int:
        """Decisions taken and not yet written."""
        return len(self.new_decisions)

    def write(self) -> None:
        """Store what was decided since the last write: files first, then what refers
        to them, decisions in the order taken."""
        run = self.connection.execute
        if self.new_files:
            run(insert(_SHEET_FILE), self.new_files)
            self.new_files = []
        added, updated, conflicts = [], [], []
        for package_id, seats in self.seats.items():
            for seat_id, seat in seats.items():
                if seat.changed:
                    run(delete(_CONFLICT).where(_CONFLICT.c.package_id == package_id,
                                                _CONFLICT.c.seat_id == seat_id))
                    conflicts += [{"package_id": package_id, "seat_id": seat_id,
                                   "project_id": pid, "category": category,
                                   "hint_answer": answer, "body_sha256": seat.body_sha256}
                                  for pid, category, answer in seat.conflicts]
                    row = {"package_id": package_id, "seat_id": seat_id,
                           "revision": seat.revision, "body_sha256": seat.body_sha256,
                           "sheet_sha256": seat.sheet_sha256,
                           "equivocation": seat.equivocation}
                    (updated if seat.stored else added).append(row)
                    seat.stored, seat.changed = True, False
        if added:
            run(insert(_ACCEPTED), added)
        if updated:
            # Executemany sets the columns the rows name; the key goes by other names.
            run(update(_ACCEPTED).where(_ACCEPTED.c.package_id == bindparam("key_package"),
                                        _ACCEPTED.c.seat_id == bindparam("key_seat")),
                [{"key_package": r.pop("package_id"), "key_seat": r.pop("seat_id"), **r}
                 for r in updated])
        if conflicts:
            run(insert(_CONFLICT), conflicts)
        if self.new_decisions:
            run(insert(_DECISION), self.new_decisions)
            self.new_decisions = []
