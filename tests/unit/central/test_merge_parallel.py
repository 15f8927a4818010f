"""Large merges judge sheets in forked workers: the outcome must not depend on it."""

from __future__ import annotations

import gc
import hashlib
import os
import random
import time
from pathlib import Path

import pytest
import sqlalchemy.event

from reviewer_app.central import merge
from reviewer_app.central.merge import merge_sheets, register_package
from reviewer_app.central.reports import results_csv
from reviewer_app.central.results import compute_results
from reviewer_app.storage.engines import central_engine, migrate
from tests.helpers.central import (
    PACKAGE_ID,
    fake_sheet,
    fake_verify,
    manifest_bytes,
    revised_sheets,
    scored,
)
from tests.helpers.postgres import pg_url  # noqa: F401 - fixture

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")


def _sheets() -> list[bytes]:
    """Every kind of decision: first, replaced, no-op, rollback, equivocation, rejected."""
    sheets = revised_sheets()
    sheets.append(fake_sheet("S1", [scored("P1", "1", "1", "1", "1")], revision=2))  # equivocation
    sheets.append(fake_sheet("S2", [scored("P1", "2", "2", "2", "2")], revision=1))  # rollback
    sheets.append(fake_sheet("S3", [], signed=False))                                # bad signature
    sheets.append(b"not json at all")
    sheets.append(sheets[0])                                                         # again
    random.Random(7).shuffle(sheets)
    return sheets * 3


def _store(tmp_path: Path, name: str, register: bool = True):
    engine = central_engine(str(tmp_path / f"{name}.sqlite"))
    migrate(engine, "central")
    if register:
        data = manifest_bytes(tmp_path / name)
        register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    return engine


def _state(engine) -> tuple:
    with engine.connect() as connection:
        tables = [connection.exec_driver_sql(sql).all() for sql in (
            "SELECT sheet_sha256, package_id, seat_id, revision, body_sha256, decision, reason"
            " FROM merge_decision ORDER BY id",
            "SELECT * FROM accepted_sheet ORDER BY package_id, seat_id",
            "SELECT sha256, raw, source_name FROM sheet_file ORDER BY sha256")]
    return (*tables, results_csv(compute_results(engine)))


def _merge(engine, sheets: list[bytes]):
    return merge_sheets(engine, [(f"s{i}", s) for i, s in enumerate(sheets)],
                        verify=fake_verify)


@pytest.fixture
def parallel(monkeypatch):
    """Judge in one forked worker beside the main process, even for a small merge, and
    write it in several batches."""
    monkeypatch.setattr(merge, "POOL_MIN_SHEETS", 8)
    monkeypatch.setattr(merge, "_worker_count", lambda: 1)
    monkeypatch.setattr(merge, "BATCH_SIZE", 7)


def _in_process(tmp_path: Path, sheets: list[bytes], register: bool = True):
    engine = _store(tmp_path, "reference", register)
    outcomes = _merge(engine, sheets)
    return engine, outcomes


def test_workers_decide_as_the_main_process_would(tmp_path: Path, parallel) -> None:
    sheets = _sheets()
    assert len(sheets) >= 8 * 5
    engine = _store(tmp_path, "parallel")
    outcomes = _merge(engine, sheets)
    reference, expected = _in_process(tmp_path, sheets)
    assert outcomes == expected
    assert {o.decision for o in outcomes} == {"accepted", "replaced", "no-op", "rollback",
                                              "equivocation", "rejected"}
    assert _state(engine) == _state(reference)
    assert _merge(engine, sheets) == _merge(reference, sheets)  # again: all settled
    assert _state(engine) == _state(reference)
    with engine.connect() as connection:  # batches before the last skip the fsync; not after
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    assert gc.get_freeze_count() == 0  # the collector is back to normal


def test_a_verdict_on_a_package_registered_since_is_judged_again(tmp_path: Path,
                                                                 parallel,
                                                                 monkeypatch) -> None:
    # The workers judge against the packages registered when the merge starts; the
    # package is registered right after, before the first batch is written.
    engine = _store(tmp_path, "late", register=False)
    data = manifest_bytes(tmp_path / "late")
    start = merge._Judges.start.__func__

    def start_then_register(cls, *args):
        judges = start(cls, *args)
        register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
        return judges

    monkeypatch.setattr(merge._Judges, "start", classmethod(start_then_register))
    sheets = [fake_sheet(f"S{s}", [scored("P1", "25", "20", "15", "10")]) for s in range(1, 6)]
    outcomes = _merge(engine, sheets * 2)
    assert [o.decision for o in outcomes] == ["accepted"] * 5 + ["no-op"] * 5


def _dying_worker(packages, verify, raws, chunks, taken, results) -> None:
    taken.take(len(chunks))  # takes a chunk, and dies without a word
    os._exit(1)


def test_a_dead_worker_leaves_its_files_to_the_main_process(tmp_path: Path, parallel,
                                                           monkeypatch) -> None:
    monkeypatch.setattr(merge, "_work", _dying_worker)
    sheets = _sheets()
    engine = _store(tmp_path, "dying")
    outcomes = _merge(engine, sheets)
    reference, expected = _in_process(tmp_path, sheets)
    assert outcomes == expected
    assert _state(engine) == _state(reference)


def _hanging_worker(packages, verify, raws, chunks, taken, results) -> None:
    taken.take(len(chunks))  # takes a chunk, and never answers
    time.sleep(3600)


def test_a_hanging_worker_is_stopped_and_its_files_judged_here(tmp_path: Path, parallel,
                                                               monkeypatch) -> None:
    monkeypatch.setattr(merge, "_work", _hanging_worker)
    monkeypatch.setattr(merge, "WORKER_STALL_SECONDS", 0.5)
    forked: list = []
    real_start = merge._Judges.start.__func__

    def start_and_keep(cls, *args):
        judges = real_start(cls, *args)
        forked.extend(judges._workers)
        return judges

    monkeypatch.setattr(merge._Judges, "start", classmethod(start_and_keep))
    sheets = _sheets()
    engine = _store(tmp_path, "hanging")
    started = time.monotonic()
    outcomes = _merge(engine, sheets)
    assert time.monotonic() - started < 20
    assert outcomes == _in_process(tmp_path, sheets)[1]
    assert forked and not any(w.is_alive() for w in forked)  # stopped and reaped
    assert all(w.exitcode is not None for w in forked)
    assert gc.get_freeze_count() == 0


def test_without_a_process_to_fork_the_merge_judges_alone(tmp_path: Path, parallel,
                                                          monkeypatch) -> None:
    import multiprocessing.process

    def no_fork(self) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", no_fork)
    sheets = _sheets()
    outcomes = _merge(_store(tmp_path, "alone"), sheets)
    assert outcomes == _in_process(tmp_path, sheets)[1]
    assert gc.get_freeze_count() == 0


@pytest.mark.postgres
def test_workers_beside_a_postgresql_store(tmp_path: Path, parallel, pg_url: str) -> None:  # noqa: F811
    engine = central_engine(pg_url)
    migrate(engine, "central")
    data = manifest_bytes(tmp_path / "pg")
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    sheets = _sheets()
    outcomes = _merge(engine, sheets)
    reference, expected = _in_process(tmp_path, sheets)
    assert outcomes == expected
    assert results_csv(compute_results(engine)) == results_csv(compute_results(reference))
    engine.dispose()


def test_a_merge_is_durable_even_when_its_last_batch_writes_nothing(tmp_path: Path,
                                                                    monkeypatch) -> None:
    # Batches before the last commit with synchronous=NORMAL (no fsync); only a write
    # under FULL afterwards, or an fsync of the log, makes them durable on return.
    monkeypatch.setattr(merge, "BATCH_SIZE", 3)
    engine = _store(tmp_path, "durable")
    settled = fake_sheet("S1", [scored("P1", "1", "1", "1", "1")])
    _merge(engine, [settled])
    events: list[str] = []
    mode = {"sync": "FULL"}

    @sqlalchemy.event.listens_for(engine, "before_cursor_execute")
    def _seen(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.startswith("PRAGMA synchronous="):
            mode["sync"] = statement.rsplit("=", 1)[1]
        elif statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            events.append(f"write {mode['sync']}")

    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").endswith("-wal"):
            events.append("fsync wal")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    outcomes = _merge(engine, [b"junk 1", b"junk 2", b"junk 3", settled])
    assert [o.decision for o in outcomes] == ["rejected"] * 3 + ["no-op"]
    last_normal = max(i for i, e in enumerate(events) if e == "write NORMAL")
    assert {"write FULL", "fsync wal"} & set(events[last_normal:])
