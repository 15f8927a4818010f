"""Reading an intake folder (docs/intake.md) into typed core objects.

Every problem is reported with its file, line and column, and all of them at
once: the secretariat fixes a spreadsheet in one go, not one error per run.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reviewer_app.core.decimals import parse_decimal
from reviewer_app.core.eligibility import (
    GENERIC_DISHONEST_LIST,
    Application,
    EligibilityReport,
    MaterialRef,
    evaluate_all,
)
from reviewer_app.core.errors import IntakeError, ProgramError
from reviewer_app.core.program import Program, parse_program

PROJECT_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")
SEAT_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")
MATERIAL_NAME = re.compile(r"(?P<category>[1-8])-(?P<title>.+)\.(?P<ext>pdf|jpe?g|png)",
                           re.IGNORECASE)
MEDIA_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg",
               "png": "image/png"}
YES = {"是", "yes", "y", "true", "1"}
NO = {"否", "no", "n", "false", "0", ""}
MAX_PROBLEMS_SHOWN = 30


@dataclass(frozen=True)
class Seat:
    seat_id: str
    name: str
    affiliation: str
    expertise: str
    public_key: str | None
    projects: tuple[str, ...]


@dataclass(frozen=True)
class MaterialFile:
    ref: MaterialRef
    path: Path
    media_type: str


@dataclass(frozen=True)
class Intake:
    root: Path
    program: Program
    applications: tuple[Application, ...]
    materials: tuple[MaterialFile, ...]
    seats: tuple[Seat, ...]
    dishonest: frozenset[str]
    prior_awards: Mapping[str, Decimal]  # by enterprise uscc, program year only
    warnings: tuple[str, ...] = field(default=())
    program_text: str = ""  # the program file as read, carried into the package
    # upper-case uscc -> the list it is on (四（二）1); "失信名单" when dishonest.csv names none
    dishonest_lists: Mapping[str, str] = field(default_factory=dict)

    def application(self, project_id: str) -> Application:
        for app in self.applications:
            if app.project_id == project_id:
                return app
        raise KeyError(project_id)

    def materials_of(self, project_id: str) -> tuple[MaterialFile, ...]:
        return tuple(m for m in self.materials if m.ref.project_id == project_id)

    def eligibility(self) -> tuple[EligibilityReport, ...]:
        refs = [m.ref for m in self.materials]
        listed = {**{code: GENERIC_DISHONEST_LIST for code in self.dishonest},
                  **self.dishonest_lists}
        return evaluate_all(self.applications, refs, self.program, listed)


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, message: str) -> None:
        self.items.append(message)

    def raise_if_any(self, root: Path) -> None:
        if not self.items:
            return
        shown = self.items[:MAX_PROBLEMS_SHOWN]
        more = len(self.items) - len(shown)
        tail = f"\n  … and {more} more" if more else ""
        raise IntakeError(f"intake {root} has {len(self.items)} problem(s):\n  "
                          + "\n  ".join(shown) + tail)


def _read_csv(path: Path, required: tuple[str, ...], problems: _Problems
              ) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(f"{path.name}: not UTF-8 text (byte {exc.start}); save it as CSV UTF-8")
        return []
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    missing = [name for name in required if name not in header]
    if missing:
        problems.add(f"{path.name}: missing column(s): {', '.join(missing)}")
        return []
    rows = []
    for row in reader:
        if None in row:
            problems.add(f"{path.name} line {reader.line_num}: more fields than columns")
            continue
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    return rows


def _field(problems: _Problems, where: str, column: str,
           parse: Callable[[str], object], raw: str) -> object:
    try:
        return parse(raw)
    except ValueError as exc:
        problems.add(f"{where}: {column}: {exc}")
        return None


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {raw!r}") from None


def _optional_date(raw: str) -> dt.date | None:
    return _date(raw) if raw else None


def _flag(raw: str) -> bool:
    value = raw.lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(f"expected 是 or 否, got {raw!r}")


def _amount(raw: str) -> Decimal:
    value = parse_decimal(raw)
    if value < 0:
        raise ValueError(f"negative amount: {raw!r}")
    return value


def _optional_amount(raw: str) -> Decimal | None:
    return _amount(raw) if raw else None


APPLICATION_COLUMNS = (
    "project_id", "project_title", "enterprise_name", "uscc", "entity_type",
    "registered_district", "registration_date", "operating_in_district", "location_changed",
    "industry", "vendor", "contract_no", "contract_amount", "contract_signed_date",
    "completion_date", "acceptance_report_date", "actual_cost", "requested_amount",
)

_PARSERS: dict[str, Callable[[str], object]] = {
    "registration_date": _optional_date,
    "operating_in_district": _flag,
    "location_changed": _flag,
    "contract_amount": _amount,
    "contract_signed_date": _optional_date,
    "completion_date": _optional_date,
    "acceptance_report_date": _optional_date,
    "actual_cost": _amount,
    "requested_amount": _amount,
    "invoiced_amount": _optional_amount,
}
# Columns that may be absent or empty (files written before they existed stay readable).
OPTIONAL_APPLICATION_COLUMNS = ("legal_representative", "summary", "invoiced_amount")


def _applications(path: Path, problems: _Problems) -> list[Application]:
    apps = []
    seen: set[str] = set()
    for line, row in _read_csv(path, APPLICATION_COLUMNS, problems):
        where = f"{path.name} line {line}"
        pid = row["project_id"]
        if not PROJECT_ID.fullmatch(pid):
            problems.add(f"{where}: project_id: {pid!r} is not 1-40 letters, digits, - or _")
            continue
        if pid in seen:
            problems.add(f"{where}: project_id: {pid} appears twice")
            continue
        seen.add(pid)
        values: dict[str, object] = {}
        ok = True
        for column in (*APPLICATION_COLUMNS, *OPTIONAL_APPLICATION_COLUMNS):
            raw = row.get(column, "")
            parser = _PARSERS.get(column)
            if parser is None:
                values[column] = raw
                continue
            count = len(problems.items)
            values[column] = _field(problems, where, column, parser, raw)
            ok = ok and len(problems.items) == count
        if ok:
            apps.append(Application(**values))  # type: ignore[arg-type]
    return apps


def _materials(root: Path, project_ids: set[str], problems: _Problems,
               warnings: list[str]) -> list[MaterialFile]:
    base = root / "materials"
    files: list[MaterialFile] = []
    if not base.is_dir():
        problems.add("materials/: folder missing")
        return files
    for project_dir in sorted(base.iterdir()):
        if not project_dir.is_dir():
            warnings.append(f"materials/{project_dir.name}: not a project folder, ignored")
            continue
        if project_dir.name not in project_ids:
            warnings.append(f"materials/{project_dir.name}: no such project in "
                            "applications.csv, ignored")
            continue
        for path in sorted(project_dir.iterdir()):
            match = MATERIAL_NAME.fullmatch(path.name)
            if not path.is_file() or path.is_symlink() or match is None:
                warnings.append(f"materials/{project_dir.name}/{path.name}: not named "
                                "<category 1-8>-<title>.pdf|jpg|png, ignored")
                continue
            ref = MaterialRef(project_dir.name, int(match["category"]), match["title"],
                              path.name, path.stat().st_size)
            files.append(MaterialFile(ref, path, MEDIA_TYPES[match["ext"].lower()]))
    return files


def _seats(path: Path, project_ids: set[str], problems: _Problems) -> list[Seat]:
    seats = []
    seen: set[str] = set()
    for line, row in _read_csv(path, ("seat_id", "name", "projects"), problems):
        where = f"{path.name} line {line}"
        seat_id = row["seat_id"]
        if not SEAT_ID.fullmatch(seat_id) or seat_id in seen:
            problems.add(f"{where}: seat_id: {seat_id!r} is malformed or repeated")
            continue
        seen.add(seat_id)
        projects = tuple(p.strip() for p in row["projects"].split(";") if p.strip())
        unknown = [p for p in projects if p not in project_ids]
        if unknown:
            problems.add(f"{where}: projects: unknown project(s) {', '.join(unknown)}")
        if len(set(projects)) != len(projects):
            problems.add(f"{where}: projects: a project is assigned twice")
        seats.append(Seat(seat_id, row["name"], row.get("affiliation", ""),
                          row.get("expertise", ""), row.get("public_key") or None, projects))
    return seats


def load_intake(root: Path) -> Intake:
    """Read and validate an intake folder.

    Raises:
        IntakeError: listing every problem found, with file and line.
        ProgramError: when program.toml is malformed.
    """
    root = Path(root)
    if not root.is_dir():
        raise IntakeError(f"intake folder not found: {root}")
    problems = _Problems()
    warnings: list[str] = []
    program_path = root / "program.toml"
    if not program_path.is_file():
        raise IntakeError(f"intake {root}: program.toml missing")
    program_text = program_path.read_text(encoding="utf-8")
    try:
        program = parse_program(program_text)
    except ProgramError as exc:
        raise ProgramError(f"{program_path}: {exc}") from exc

    apps_path = root / "applications.csv"
    if not apps_path.is_file():
        raise IntakeError(f"intake {root}: applications.csv missing")
    applications = _applications(apps_path, problems)
    project_ids = {a.project_id for a in applications}
    materials = _materials(root, project_ids, problems, warnings)

    seats_path = root / "seats.csv"
    seats = _seats(seats_path, project_ids, problems) if seats_path.is_file() else []

    # dishonest.csv: uscc, and since list names are cited (四（二）1) an optional
    # list_name (严重失信主体名单 / 失信惩戒措施清单); files without it stay readable.
    dishonest: dict[str, list[str]] = {}
    dishonest_path = root / "dishonest.csv"
    if dishonest_path.is_file():
        for _, row in _read_csv(dishonest_path, ("uscc",), problems):
            if row["uscc"]:
                names = dishonest.setdefault(row["uscc"].upper(), [])
                name = row.get("list_name") or GENERIC_DISHONEST_LIST
                if name not in names:
                    names.append(name)

    prior: dict[str, Decimal] = {}
    prior_path = root / "prior_awards.csv"
    if prior_path.is_file():
        for line, row in _read_csv(prior_path, ("uscc", "year", "amount"), problems):
            where = f"{prior_path.name} line {line}"
            amount = _field(problems, where, "amount", _amount, row["amount"])
            if not row["year"].isdigit():
                problems.add(f"{where}: year: not a year: {row['year']!r}")
            elif amount is not None and int(row["year"]) == program.info.year:
                prior[row["uscc"].upper()] = prior.get(row["uscc"].upper(), Decimal(0)) \
                    + amount  # type: ignore[operator]

    problems.raise_if_any(root)
    return Intake(root, program, tuple(applications), tuple(materials), tuple(seats),
                  frozenset(dishonest), prior, tuple(warnings), program_text,
                  {code: "、".join([n for n in names if n != GENERIC_DISHONEST_LIST] or names)
                   for code, names in dishonest.items()})
