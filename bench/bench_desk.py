"""The secretariat's desk at scale (issue 13): a store of 500 projects x 100
experts (each expert scoring 50), then the desk opened on it until the results
table shows.

Goal: desk open -> results table shown in <= 1 s. Baseline measured in the same
run: ``compute_results`` alone on the same store (the floor the page cannot go
below), so the ratio shows what the page adds.

The store is filled by the real central functions: the package registered with
``register_package`` and 100 signed sheets merged with ``merge_sheets``, exactly
the rows ``reviewer-admin merge`` leaves (sheets built as bench_central.py builds
them).

Run: .venv/bin/python bench/bench_desk.py [--experts N --projects N --per-expert N]
Runs offscreen; not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench_central import signed_round  # noqa: E402

GOAL_SECONDS = 1.0
REPEATS = 5


def build_store(path: Path, experts: int, projects: int, per_expert: int) -> str:
    from reviewer_app.central.merge import merge_sheets, register_package
    from reviewer_app.storage.engines import central_engine, migrate

    manifest, data, sha, sheets = signed_round(experts, projects, per_expert)
    engine = central_engine(str(path))
    migrate(engine, "central")
    register_package(engine, data, sha, manifest["package_id"])
    outcomes = merge_sheets(engine, [(f"s{i}.revsheet", s) for i, s in enumerate(sheets)])
    assert all(o.decision == "accepted" for o in outcomes), outcomes[0]
    engine.dispose()
    return str(path)


def time_compute(db_url: str) -> float:
    from reviewer_app.central.results import compute_results
    from reviewer_app.storage.engines import central_engine

    engine = central_engine(db_url)
    started = time.perf_counter()
    results = compute_results(engine)
    elapsed = time.perf_counter() - started
    assert results.rows
    engine.dispose()
    return elapsed


def time_desk_open(app, db_url: str, work_dir: Path) -> tuple[float, int]:
    """Seconds from opening the store to the results table shown and painted."""
    from PySide6.QtCore import QEventLoop

    from reviewer_app.gui.desk.context import open_desk_context
    from reviewer_app.gui.desk.results_page import ResultsPage

    started = time.perf_counter()
    context = open_desk_context(db_url, work_dir)
    page = ResultsPage(context)
    page.resize(1366, 728)
    page.show()
    loop = QEventLoop()
    page.resultsShown.connect(loop.quit)
    if page.results is None:
        loop.exec()
    page.table.viewport().repaint()
    app.processEvents()
    elapsed = time.perf_counter() - started
    rows = page.table.model().rowCount()
    page.close()
    page.deleteLater()
    app.processEvents()
    context.engine.dispose()
    return elapsed, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--experts", type=int, default=100)
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--per-expert", type=int, default=50)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from reviewer_app.gui.pyside_compat import keep_singletons_alive

    app = QApplication(sys.argv[:1])
    keep_singletons_alive()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        db_url = build_store(Path(tmp) / "central.sqlite", args.experts, args.projects,
                             args.per_expert)
        print(f"store of {args.projects} projects x {args.experts} experts "
              f"({args.per_expert} each) built and merged in "
              f"{time.perf_counter() - started:.1f} s")
        # Interleaved, so load on the shared machine hits both alike.
        computes, opens = [], []
        for _ in range(REPEATS):
            computes.append(time_compute(db_url))
            elapsed, rows = time_desk_open(app, db_url, Path(tmp))
            assert rows == args.projects, rows
            opens.append(elapsed)
    base, desk = statistics.median(computes), statistics.median(opens)
    print(f"compute_results alone (baseline): median {base:.3f} s, best {min(computes):.3f} s")
    print(f"desk open -> results table shown: median {desk:.3f} s, best {min(opens):.3f} s "
          f"(ratio {desk / base:.2f}x of compute_results; goal <= {GOAL_SECONDS:.1f} s: "
          f"{'met' if desk <= GOAL_SECONDS else 'NOT met'})")


if __name__ == "__main__":
    main()
