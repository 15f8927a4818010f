"""Two merging processes at once (PostgreSQL and SQLite), and merging into PostgreSQL."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer_app.central.merge import merge_sheets, register_package
from reviewer_app.central.reports import results_csv
from reviewer_app.central.results import compute_results
from reviewer_app.storage.engines import central_engine, migrate
from tests.helpers.central import PACKAGE_ID, fake_verify, manifest_bytes, revised_sheets
from tests.helpers.postgres import pg_url  # noqa: F401 - fixture


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "shared.sqlite")
    return request.getfixturevalue("pg_url")


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


def test_two_processes_merging_at_once_agree_with_one(store_url: str, tmp_path: Path) -> None:
    # Each batch takes its turn: the advisory lock on PostgreSQL, SQLite's write
    # lock taken when the batch begins (before it reads what it decides on).
    folder = tmp_path / "sheets"
    folder.mkdir()
    for i, sheet in enumerate(revised_sheets()):
        (folder / f"{i:02d}.revsheet").write_bytes(sheet)
    engine = central_engine(store_url)
    migrate(engine, "central")
    data = manifest_bytes(tmp_path)
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)

    root = Path(__file__).resolve().parents[3]
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, store_url, str(folder), order],
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
        accepted = connection.exec_driver_sql(
            "SELECT count(*) FROM accepted_sheet WHERE revision = 2 AND NOT equivocation"
        ).scalar()
        firsts = connection.exec_driver_sql(
            "SELECT count(*) FROM merge_decision").scalar()
    assert (files, accepted, firsts) == (10, 5, 10)
    assert sum(r.aggregate.review_count for r in compute_results(engine).rows) == 15
    engine.dispose()
    reference.dispose()


@pytest.mark.postgres
def test_single_merge_on_postgres(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    engine = central_engine(pg_url)
    migrate(engine, "central")
    data = manifest_bytes(tmp_path)
    assert register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    assert not register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    outcomes = merge_sheets(engine, [("a", s) for s in revised_sheets()], verify=fake_verify)
    assert [o.decision for o in outcomes] == ["accepted", "replaced"] * 5
    engine.dispose()
