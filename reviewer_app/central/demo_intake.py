"""``reviewer-admin demo-intake``: a realistic, deterministic synthetic intake folder.

The folder follows docs/intake.md exactly: the default program file, the
application, seat, dishonest-list and prior-award CSVs, and for every project
its material files — multi-page PDFs with Chinese text in the embedded font,
tables, charts and scanned pages, and an identity-card scan as PNG.

About one project in six is planted to fail exactly one eligibility check
(:data:`reviewer_app.central.demo.facts.PLANTABLE_RULES`); the returned
:class:`DemoPlan` says which, and lists the marker string embedded in every
material file (``RVMARK-<project>-<category>-<16 hex>``) for plaintext-leak scans.

The same arguments always give byte-identical files: every random choice comes
from the seed (each project's files from a stream of their own), and PDFs are
written in reportlab's invariant mode. So projects can be built in any order:
from :data:`POOL_MIN_PROJECTS` projects on, worker processes build them side by
side, and the files are the same as from one process.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import gc
import io
import multiprocessing
import os
import sys
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from reviewer_app.central.demo.facts import IntakeFacts, Project, plan_intake
from reviewer_app.central.demo.materials import (
    build_materials,
    padding_files,
    project_rng,
    warm_up,
)
from reviewer_app.core.errors import IntakeError
from reviewer_app.core.program import Program, parse_program
from reviewer_app.files import private_dir, write_private_bytes
from reviewer_app.paths import DEFAULT_PROGRAM

APPLICATION_HEADER = (
    "project_id", "project_title", "enterprise_name", "uscc", "entity_type",
    "registered_district", "registration_date", "operating_in_district", "location_changed",
    "industry", "vendor", "contract_no", "contract_amount", "contract_signed_date",
    "completion_date", "acceptance_report_date", "actual_cost", "requested_amount",
    "legal_representative", "summary",
)
MEGABYTE = 1_000_000
# From this many projects on, worker processes build the materials (below, starting
# the workers costs more than it saves).
POOL_MIN_PROJECTS = 16
# Projects handed to a worker at a time: small enough to keep both cores busy to the end.
POOL_CHUNK = 2
# Allocations between young-generation collections while building (Python's default is
# 700): reportlab makes many short-lived objects and few cycles, and collecting them
# that often cost ~10% of the time.
GC_THRESHOLD = 50_000


@dataclass(frozen=True)
class DemoPlan:
    """What :func:`generate_demo_intake` wrote.

    Attributes:
        out_dir: the intake folder.
        project_ids: every project, in applications.csv order.
        planted: project id -> the eligibility check it was made to fail (the
            ``check`` names of ``core.eligibility``); the other projects pass,
            except that a public institution is flagged for review.
        markers: material path relative to ``out_dir`` (POSIX form, e.g.
            ``materials/AI2026-0001/1-项目申请书.pdf``) -> the marker inside it.
    """

    out_dir: Path
    project_ids: tuple[str, ...]
    planted: Mapping[str, str]
    markers: Mapping[str, str]

    @property
    def eligible_ids(self) -> tuple[str, ...]:
        """Projects not planted to fail (the ones assigned to seats)."""
        return tuple(pid for pid in self.project_ids if pid not in self.planted)


def _prepare(out_dir: Path) -> None:
    if out_dir.exists():
        if not out_dir.is_dir():
            raise IntakeError(f"demo intake: {out_dir} exists and is not a folder")
        if any(out_dir.iterdir()):
            raise IntakeError(f"demo intake: {out_dir} is not empty; choose a new or empty "
                              "folder")
    private_dir(out_dir)


def _csv_bytes(header: tuple[str, ...], rows: list[list[str]]) -> bytes:
    # utf-8-sig and "\n" endings: Excel recognises the encoding, diffs stay clean.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _flag(value: bool) -> str:
    return "是" if value else "否"


def _applications(facts: IntakeFacts) -> bytes:
    rows = []
    for p in facts.projects:
        e = p.enterprise
        rows.append([
            p.project_id, p.title, e.name, e.uscc, e.entity_type, e.registered_district,
            e.registration_date.isoformat(), _flag(p.operating_in_district),
            _flag(p.location_changed), e.industry.name, p.vendor, p.contract_no,
            str(p.contract_amount), p.contract_signed_date.isoformat(),
            p.completion_date.isoformat(),
            p.acceptance_report_date.isoformat() if p.acceptance_report_date else "",
            str(p.actual_cost), str(p.requested_amount), e.legal_representative, p.summary,
        ])
    return _csv_bytes(APPLICATION_HEADER, rows)


def _seats(facts: IntakeFacts) -> bytes:
    return _csv_bytes(("seat_id", "name", "affiliation", "expertise", "public_key", "projects"),
                      [[x.seat_id, x.name, x.affiliation, x.expertise, "", ";".join(x.projects)]
                       for x in facts.experts])


def _dishonest(facts: IntakeFacts) -> bytes:
    return _csv_bytes(("uscc", "name", "list_name", "listed_on"),
                      [[d.uscc, d.name, d.list_name, d.listed_on.isoformat()]
                       for d in facts.dishonest])


def _prior_awards(facts: IntakeFacts) -> bytes:
    return _csv_bytes(("uscc", "year", "amount"),
                      [[a.uscc, str(a.year), str(a.amount)] for a in facts.prior_awards])


def write_tables(out_dir: Path, facts: IntakeFacts) -> None:
    """Write program.toml and the four CSV files of ``facts`` (no materials)."""
    write_private_bytes(out_dir / "program.toml", DEFAULT_PROGRAM.read_bytes())
    write_private_bytes(out_dir / "applications.csv", _applications(facts))
    write_private_bytes(out_dir / "seats.csv", _seats(facts))
    write_private_bytes(out_dir / "dishonest.csv", _dishonest(facts))
    write_private_bytes(out_dir / "prior_awards.csv", _prior_awards(facts))


def generate_demo_intake(out_dir: Path, *, projects: int = 40, seats: int = 7, seed: int = 1,
                         material_mb: float | None = None) -> DemoPlan:
    """Write a synthetic intake folder into ``out_dir``.

    Args:
        out_dir: must not exist or be an empty folder.
        projects: number of applications (at least 1).
        seats: number of expert seats (at least 1); each eligible project is
            assigned to ``min(5, seats)`` of them, balanced round-robin.
        seed: everything follows from it; the same arguments give identical bytes.
        material_mb: when given, pad each project's materials with scanned pages of
            incompressible noise to about this many megabytes (10^6 bytes) in all,
            for benchmarks.

    Raises:
        IntakeError: ``out_dir`` exists and is not an empty folder.
        ValueError: ``projects`` or ``seats`` below 1, or a negative ``material_mb``.
    """
    if projects < 1 or seats < 1:
        raise ValueError(f"need at least one project and one seat, got {projects} and {seats}")
    if material_mb is not None and not material_mb >= 0:
        raise ValueError(f"material_mb must be a non-negative number, got {material_mb}")
    out_dir = Path(out_dir)
    _prepare(out_dir)
    program = parse_program(DEFAULT_PROGRAM.read_text(encoding="utf-8"))
    facts = plan_intake(program, projects=projects, seats=seats, seed=seed)

    write_tables(out_dir, facts)

    private_dir(out_dir / "materials")
    write = functools.partial(_write_project, out_dir, program, seed, material_mb)
    workers = _worker_count(len(facts.projects))
    with _relaxed_gc():
        if workers > 1:
            warm_up()  # forked workers inherit the parsed font and the styles
            with ProcessPoolExecutor(workers, mp_context=_pool_context(),
                                     initializer=_relax_gc) as pool:
                written = list(pool.map(write, facts.projects, chunksize=POOL_CHUNK))
        else:
            written = [write(project) for project in facts.projects]
    markers = {path: marker for files in written for path, marker in files}

    return DemoPlan(out_dir=out_dir,
                    project_ids=tuple(p.project_id for p in facts.projects),
                    planted=MappingProxyType(dict(facts.planted)),
                    markers=MappingProxyType(markers))


def _write_project(out_dir: Path, program: Program, seed: int, material_mb: float | None,
                   project: Project) -> list[tuple[str, str]]:
    """Write the material files of ``project``; returns (path in the plan, marker) pairs.

    Runs in a worker process for large intakes, so it is a module-level function of
    picklable arguments.
    """
    folder = out_dir / "materials" / project.project_id
    private_dir(folder)
    files = build_materials(project, program, seed)
    if material_mb:
        written = sum(len(f.data) for f in files)
        # A stream of its own, so padding never shifts the ordinary files' bytes.
        pad_rng = project_rng(seed, project.project_id + ":padding")
        files += padding_files(project, pad_rng, int(material_mb * MEGABYTE) - written)
    for material in files:
        write_private_bytes(folder / material.filename, material.data)
    return [(f"materials/{project.project_id}/{m.filename}", m.marker) for m in files]


def _worker_count(projects: int) -> int:
    """Worker processes for ``projects`` projects: one per usable processor, or none.

    A frozen build cannot spawn workers of itself without freeze_support, so it
    builds in one process.
    """
    if projects < POOL_MIN_PROJECTS or getattr(sys, "frozen", False):
        return 0
    cpus = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
            else os.cpu_count() or 1)
    return min(cpus, -(-projects // POOL_CHUNK))


def _relax_gc() -> None:
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


@contextlib.contextmanager
def _relaxed_gc() -> Iterator[None]:
    """Collect the young generation every :data:`GC_THRESHOLD` allocations meanwhile."""
    saved = gc.get_threshold()
    _relax_gc()
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork on Linux: workers start at once with everything warm. Elsewhere fork is
    # missing (Windows) or unsafe (macOS); spawned workers import the module anew.
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
