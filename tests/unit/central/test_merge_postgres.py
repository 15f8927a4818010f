"""Merging into a real PostgreSQL server, including two merging processes at once."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer_app.central.merge import merge_sheets, register_package
from reviewer_app.central.reports import results_csv
from reviewer_app.central.results import compute_results
from reviewer_app.storage.engines import central_engine, migrate
from tests.helpers.central import PACKAGE_ID, fake_sheet, fake_verify, manifest_bytes, scored
from tests.helpers.postgres import pg_url  # noqa: F401 - fixture

pytestmark = pytest.mark.postgres

WORKER = """
import sys
from pathlib import Path
from reviewer_app.central.merge import merge_sheets
from reviewer_app.storage.engines import central_engine, migrate
from tests.helpers.central import fake_verify
engine = central_engine(sys.argv[1])
migrate(engine, "central")
files = sorted(Path(sys.argv[2]).iterdir())
if sys.argv[3] == "reverse":
    files.reverse()
for _ in range(2):
    merge_sheets(engine, [(p.name, p.read_bytes()) for p in files], verify=fake_verify)
"""


def _sheets() -> list[bytes]:
    sheets = []
    for seat in range(1, 6):
        projects = [scored("P1", "25", "20", "15", str(10 + seat)),
                    scored("P2", "20", "15", "10", "15"),
                    scored("P3", "30", "25", "20", str(20 - seat))]
        sheets.append(fake_sheet(f"S{seat}", projects))
        sheets.append(fake_sheet(f"S{seat}", [*projects[:2], scored("P3", "1", "1", "1", "1")],
                                 revision=2))
    return sheets


def test_two_processes_merging_at_once_agree_with_one(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    folder = tmp_path / "sheets"
    folder.mkdir()
    for i, sheet in enumerate(_sheets()):
        (folder / f"{i:02d}.revsheet").write_bytes(sheet)
    engine = central_engine(pg_url)
    migrate(engine, "central")
    data = manifest_bytes(tmp_path)
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)

    root = Path(__file__).resolve().parents[3]
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, pg_url, str(folder), order],
                                cwd=root) for order in ("forward", "reverse")]
    assert [w.wait(timeout=120) for w in workers] == [0, 0]

    reference = central_engine(str(tmp_path / "reference.sqlite"))
    migrate(reference, "central")
    register_package(reference, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    merge_sheets(reference, [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())],
                 verify=fake_verify)
    assert results_csv(compute_results(engine)) == results_csv(compute_results(reference))

    with engine.connect() as connection:
        files = connection.exec_driver_sql("SELECT count(*) FROM sheet_file").scalar()
        accepted = connection.exec_driver_sql("SELECT count(*) FROM accepted_sheet").scalar()
        reviews = connection.exec_driver_sql("SELECT count(*) FROM review").scalar()
        firsts = connection.exec_driver_sql(
            "SELECT count(*) FROM merge_decision").scalar()
    assert (files, accepted, reviews, firsts) == (10, 5, 15, 10)
    engine.dispose()
    reference.dispose()


def test_single_merge_on_postgres(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    engine = central_engine(pg_url)
    migrate(engine, "central")
    data = manifest_bytes(tmp_path)
    assert register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    assert not register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    outcomes = merge_sheets(engine, [("a", s) for s in _sheets()], verify=fake_verify)
    assert [o.decision for o in outcomes] == ["accepted", "replaced"] * 5
    engine.dispose()
