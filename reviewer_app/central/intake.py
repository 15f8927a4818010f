"""Reading an intake folder (docs/intake.md) into typed core objects.

Every problem is reported with its file, line and column, and all of them at
once: the secretariat fixes a spreadsheet in one go, not one error per run.

The folder and everything in it come from outside. No link is followed and no
FIFO or device opened (:mod:`reviewer_app.central.intake_files`); each material
must hold what its name says (:mod:`reviewer_app.central.material_check`) and
stay below a size limit. A material that fails is *refused*: it is listed in
``Intake.refused`` (check-intake shows every one) and no package is built while
any is. CSV cells must not carry control, escape or bidi characters; ids must
make safe folder names that stay distinct where letter case does not count.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Context, Decimal
from pathlib import Path

from reviewer_app.central.intake_files import (
    MEGABYTE,
    FileIdentity,
    Refused,
    kind_problem,
    open_regular,
    read_regular,
    scan_folder,
)
from reviewer_app.central.material_check import content_problem
from reviewer_app.core.controls import LINE_BREAKS, codepoint, escape_controls, first_control
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
# Names Windows reserves for devices, with or without an extension: no folder can have them.
RESERVED_NAME = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])", re.IGNORECASE)
DEFAULT_MAX_MATERIAL_MB = 200
CSV_LIMIT = 64 * MEGABYTE
PROGRAM_LIMIT = 1 * MEGABYTE
# 10^12 元 is far above any program's budget; a larger cell is a typing or export error
# (and would overflow the 28 significant digits money is computed with).
MAX_AMOUNT = Decimal(10) ** 12
# Full-width ASCII forms (０-９, ，, ．, －…) as a Chinese input method types them.
FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
MATERIAL_NAME = re.compile(r"(?P<category>[1-8])-(?P<title>.+)\.(?P<ext>pdf|jpe?g|png)",
                           re.IGNORECASE)
MEDIA_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg",
               "png": "image/png"}
_WIDE = Context(prec=60)  # quantize below needs room for 12 + 2 digits and more
YES = {"是", "yes", "y", "true", "1"}
NO = {"否", "no", "n", "false", "0", ""}
MAX_PROBLEMS_SHOWN = 30
# progress(done, total) of a long reading (see load_intake)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Seat:
    seat_id: str
    name: str
    affiliation: str
    expertise: str
    public_key: str | None
    projects: tuple[str, ...]
    # Optional columns employer and past_employers (";"-separated): the build
    # pre-screens them against each assigned project's applicant and vendor.
    employer: str = ""
    past_employers: tuple[str, ...] = ()

    @property
    def employers(self) -> tuple[str, ...]:
        return tuple(e for e in (self.employer, *self.past_employers) if e)


@dataclass(frozen=True)
class MaterialFile:
    ref: MaterialRef
    path: Path
    media_type: str
    # The file that was checked; the package writer refuses any other at that path.
    identity: FileIdentity | None = None


@dataclass(frozen=True)
class Refusal:
    """A file of the intake that is not taken, and why."""

    file: str   # relative to the intake folder, as found
    reason: str

    def __str__(self) -> str:
        return f"{escape_controls(self.file)}: {self.reason}"


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
    # materials (and links, FIFOs, devices) not taken: no package is built while any is
    refused: tuple[Refusal, ...] = field(default=())

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


def _read_text(path: Path, problems: _Problems) -> str | None:
    """A CSV file's text: UTF-8 with or without BOM; GBK/GB18030 is recognised and
    the message says how to save the file again."""
    try:
        data = read_regular(path, limit=CSV_LIMIT)
    except Refused as exc:
        problems.add(f"{path.name}: {exc}")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(f"{path.name}: not UTF-8 text (byte {exc.start}); "
                     + _encoding_hint(data))
        return None


def _encoding_hint(data: bytes) -> str:
    try:
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in data.decode("gb18030"))
    except UnicodeDecodeError:
        chinese = False
    if chinese:
        return ("it looks like GBK/GB18030, as Excel saves “CSV (逗号分隔)” on Chinese "
                "Windows: save it again as “CSV UTF-8 (逗号分隔)” (Excel: 文件 → 另存为 → "
                "保存类型; WPS or Notepad: encoding UTF-8)")
    return "save it as CSV UTF-8"


def _read_csv(path: Path, required: tuple[str, ...], problems: _Problems
              ) -> list[tuple[int, dict[str, str]]]:
    """Rows by column name with the line each starts on.

    The csv module splits records, on the text opened with newline="": a quoted
    cell keeps its line breaks, and U+2028, NEL or a form feed inside a cell stay
    in it (str.splitlines would end the row there).
    """
    text = _read_text(path, problems)
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    try:
        header = [name.strip() for name in next(reader, [])]
        repeated = sorted(name for name, count in Counter(header).items() if count > 1)
        missing = [name for name in required if name not in header]
        if missing or repeated:
            problems.add(f"{path.name}: " + "; ".join(
                ([f"missing column(s): {', '.join(missing)}"] if missing else [])
                + ([f"column(s) given twice: {', '.join(repeated)}"] if repeated else [])))
            return []
        end = reader.line_num
        for record in reader:
            line, end = end + 1, reader.line_num
            if not record:
                continue
            if len(record) > len(header):
                problems.add(f"{path.name} line {line}: more fields than columns")
                continue
            row = {name: value.strip() for name, value in zip(header, record, strict=False)}
            if _controls_refused(row, f"{path.name} line {line}", problems):
                rows.append((line, {name: row.get(name, "") for name in header}))
    except csv.Error as exc:
        problems.add(f"{path.name} line {reader.line_num}: not readable as CSV: {exc}")
    return rows


def _controls_refused(row: dict[str, str], where: str, problems: _Problems) -> bool:
    """False (and a problem per cell) when a cell carries a control, escape or bidi
    character: applicant text must show as what it holds, in a terminal and to
    experts. Line breaks stay (a summary may have paragraphs). True when clean."""
    clean = True
    for column, value in row.items():
        char = first_control(value, allowed=LINE_BREAKS)
        if char is not None:
            problems.add(f"{where}: {column}: contains the control character "
                         f"{codepoint(char)}; control, escape and bidi characters are not "
                         "accepted in applicant text")
            clean = False
    return clean


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
    if value > MAX_AMOUNT:
        raise ValueError(f"{raw!r} is above 10^12 元, more than any program spends: check "
                         "the cell")
    if value != value.quantize(Decimal("0.01"), context=_WIDE):
        raise ValueError(f"{raw!r} has more than two decimal places (分)")
    return value


def _ascii_digits(raw: str, where: str, column: str, warnings: list[str]) -> str:
    """Full-width digits and signs (１２３，４５６．５０) read as their ASCII forms,
    with a warning that names the cell: they are what a Chinese input method
    types, and mean the same number or date."""
    ascii_form = raw.translate(FULL_WIDTH)
    if ascii_form != raw:
        warnings.append(f"{where}: {column}: full-width characters in {raw!r} read as "
                        f"{ascii_form!r}")
    return ascii_form


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


def _id_problem(column: str, value: str, line: int, seen: dict[str, tuple[str, int]]
                ) -> str | None:
    """What makes ``value`` unusable as an id (and as a folder or file name), or None.

    ``seen`` maps the case-folded ids so far to (id, line): ids that differ only in
    letter case name one folder on Windows and macOS, so they are refused too.
    """
    pattern = PROJECT_ID if column == "project_id" else SEAT_ID
    if not pattern.fullmatch(value):
        return f"{column}: {value!r} is not 1-40 letters, digits, - or _"
    if RESERVED_NAME.fullmatch(value):
        return (f"{column}: {value} is a device name reserved by Windows and cannot name a "
                "folder or file there")
    folded = value.casefold()
    if folded in seen:
        first, first_line = seen[folded]
        if first == value:
            return f"{column}: {value} appears twice"
        return (f"{column}: {value} differs from {first} (line {first_line}) only in letter "
                "case; their folders would be one on Windows and macOS")
    seen[folded] = (value, line)
    return None


def _applications(path: Path, problems: _Problems, warnings: list[str]
                  ) -> list[Application]:
    apps = []
    seen: dict[str, tuple[str, int]] = {}
    for line, row in _read_csv(path, APPLICATION_COLUMNS, problems):
        where = f"{path.name} line {line}"
        problem = _id_problem("project_id", row["project_id"], line, seen)
        if problem:
            problems.add(f"{where}: {problem}")
            continue
        values: dict[str, object] = {}
        ok = True
        for column in (*APPLICATION_COLUMNS, *OPTIONAL_APPLICATION_COLUMNS):
            raw = row.get(column, "")
            parser = _PARSERS.get(column)
            if parser is None:
                values[column] = raw
                continue
            raw = _ascii_digits(raw, where, column, warnings)
            count = len(problems.items)
            values[column] = _field(problems, where, column, parser, raw)
            ok = ok and len(problems.items) == count
        if ok:
            apps.append(Application(**values))  # type: ignore[arg-type]
    return apps


def _materials(root: Path, project_ids: set[str], problems: _Problems,
               warnings: list[str], max_bytes: int, progress: Progress | None = None
               ) -> tuple[list[MaterialFile], list[Refusal]]:
    """The materials of the listed projects, each checked; and what was refused.
    ``progress(done, total)`` is called after each entry of materials/."""
    base = root / "materials"
    files: list[MaterialFile] = []
    refused: list[Refusal] = []
    try:
        kind = kind_problem(base.lstat())
    except FileNotFoundError:
        problems.add("materials/: folder missing")
        return files, refused
    if kind or not base.is_dir():
        refused.append(Refusal("materials", kind or "is not a folder"))
        return files, refused
    entries = scan_folder(base, base.lstat())
    for done, (name, entry) in enumerate(entries, start=1):
        if progress is not None:
            progress(done - 1, len(entries))
        kind = kind_problem(entry)
        if kind:
            refused.append(Refusal(f"materials/{name}", kind))
        elif not stat.S_ISDIR(entry.st_mode):
            warnings.append(f"materials/{escape_controls(name)}: not a project folder, ignored")
        elif name not in project_ids:
            warnings.append(f"materials/{escape_controls(name)}: no such project in "
                            "applications.csv, ignored")
        else:
            try:
                listing = scan_folder(base / name, entry)
            except Refused as exc:
                refused.append(Refusal(f"materials/{name}", str(exc)))
                continue
            for filename, file_entry in listing:
                found = _material(base / name, filename, file_entry, max_bytes, warnings)
                if isinstance(found, Refusal):
                    refused.append(found)
                elif found is not None:
                    files.append(found)
    return files, refused


def _material(folder: Path, filename: str, entry, max_bytes: int, warnings: list[str]
              ) -> MaterialFile | Refusal | None:
    """One entry of a project folder: a checked material, a refusal, or None when
    it is not named as a material (a warning says so)."""
    shown = f"materials/{folder.name}/{filename}"
    kind = kind_problem(entry)
    if kind:
        return Refusal(shown, kind)
    match = MATERIAL_NAME.fullmatch(filename)
    if stat.S_ISDIR(entry.st_mode) or match is None:
        warnings.append(f"{escape_controls(shown)}: not named <category 1-8>-<title>."
                        "pdf|jpg|png, ignored")
        return None
    char = first_control(filename, allowed="")
    if char is not None:
        return Refusal(shown, f"the file name contains the control character "
                              f"{codepoint(char)}; rename the file")
    media_type = MEDIA_TYPES[match["ext"].lower()]
    try:
        handle, size = open_regular(folder / filename, limit=max_bytes, listed=entry,
                                    limit_hint="raise the limit with --max-material-mb")
        with handle:
            identity = FileIdentity.of(os.fstat(handle.fileno()))
            problem = content_problem(handle, size, media_type)
    except Refused as exc:
        return Refusal(shown, str(exc))
    except OSError as exc:
        return Refusal(shown, f"cannot be read: {exc.strerror or exc}")
    if problem:
        return Refusal(shown, problem)
    ref = MaterialRef(folder.name, int(match["category"]), match["title"], filename, size)
    return MaterialFile(ref, folder / filename, media_type, identity)


def _seats(path: Path, project_ids: set[str], problems: _Problems) -> list[Seat]:
    seats = []
    seen: dict[str, tuple[str, int]] = {}
    for line, row in _read_csv(path, ("seat_id", "name", "projects"), problems):
        where = f"{path.name} line {line}"
        seat_id = row["seat_id"]
        problem = _id_problem("seat_id", seat_id, line, seen)
        if problem:
            problems.add(f"{where}: {problem}")
            continue
        projects = tuple(p.strip() for p in row["projects"].split(";") if p.strip())
        unknown = [p for p in projects if p not in project_ids]
        if unknown:
            problems.add(f"{where}: projects: unknown project(s) {', '.join(unknown)}")
        if len(set(projects)) != len(projects):
            problems.add(f"{where}: projects: a project is assigned twice")
        past = tuple(p.strip() for p in (row.get("past_employers") or "").split(";")
                     if p.strip())
        seats.append(Seat(seat_id, row["name"], row.get("affiliation", ""),
                          row.get("expertise", ""), row.get("public_key") or None, projects,
                          (row.get("employer") or "").strip(), past))
    return seats


def load_intake(root: Path, *, max_material_mb: float = DEFAULT_MAX_MATERIAL_MB,
                progress: Progress | None = None) -> Intake:
    """Read and validate an intake folder.

    Args:
        max_material_mb: materials above this size (MB, 10^6 bytes) are refused.
        progress: ``progress(done, total)`` as the project folders' materials are
            checked (the slow part); an exception it raises (a cancel) ends the reading.

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
    if not os.path.lexists(program_path):
        raise IntakeError(f"intake {root}: program.toml missing")
    try:
        program_text = read_regular(program_path, limit=PROGRAM_LIMIT).decode("utf-8")
    except Refused as exc:
        raise IntakeError(f"intake {root}: program.toml {exc}") from None
    except UnicodeDecodeError as exc:
        raise ProgramError(f"{program_path}: not UTF-8 text (byte {exc.start})") from None
    try:
        program = parse_program(program_text)
    except ProgramError as exc:
        raise ProgramError(f"{program_path}: {exc}") from exc

    apps_path = root / "applications.csv"
    if not os.path.lexists(apps_path):
        raise IntakeError(f"intake {root}: applications.csv missing")
    applications = _applications(apps_path, problems, warnings)
    project_ids = {a.project_id for a in applications}
    materials, refused = _materials(root, project_ids, problems, warnings,
                                    int(max_material_mb * MEGABYTE), progress)

    seats_path = root / "seats.csv"
    seats = _seats(seats_path, project_ids, problems) if os.path.lexists(seats_path) else []

    # dishonest.csv: uscc, and since list names are cited (四（二）1) an optional
    # list_name (严重失信主体名单 / 失信惩戒措施清单); files without it stay readable.
    dishonest: dict[str, list[str]] = {}
    dishonest_path = root / "dishonest.csv"
    if os.path.lexists(dishonest_path):
        for _, row in _read_csv(dishonest_path, ("uscc",), problems):
            if row["uscc"]:
                names = dishonest.setdefault(row["uscc"].upper(), [])
                name = row.get("list_name") or GENERIC_DISHONEST_LIST
                if name not in names:
                    names.append(name)

    prior: dict[str, Decimal] = {}
    prior_path = root / "prior_awards.csv"
    if os.path.lexists(prior_path):
        for line, row in _read_csv(prior_path, ("uscc", "year", "amount"), problems):
            where = f"{prior_path.name} line {line}"
            amount = _field(problems, where, "amount", _amount,
                            _ascii_digits(row["amount"], where, "amount", warnings))
            year = _ascii_digits(row["year"], where, "year", warnings)
            if not re.fullmatch(r"[0-9]{4}", year):
                problems.add(f"{where}: year: not a year: {row['year']!r}")
            elif amount is not None and int(year) == program.info.year:
                prior[row["uscc"].upper()] = prior.get(row["uscc"].upper(), Decimal(0)) \
                    + amount  # type: ignore[operator]

    problems.raise_if_any(root)
    return Intake(root, program, tuple(applications), tuple(materials), tuple(seats),
                  frozenset(dishonest), prior, tuple(warnings), program_text,
                  {code: "、".join([n for n in names if n != GENERIC_DISHONEST_LIST] or names)
                   for code, names in dishonest.items()}, tuple(refused))
