"""Demo intake at scale: ``reviewer-admin demo-intake DIR --projects 500``.

Target (issue 10, rehearsal): 500 projects in <= 30 s on the 2-core reference
machine. The intake is timed as reviewer-admin runs it (worker processes from
POOL_MIN_PROJECTS projects on); then, in the same run and for reference, the same
code in one process on the first --sample projects (scaled to all of them), and
only writing the same files' bytes to disk (the floor no generator gets under).

Each timing is one run (a 500-project run lasts long enough that its noise is
small next to the differences measured); on a machine shared with other work,
compare the ratios rather than the seconds.

Run: .venv/bin/python bench/bench_demo_intake.py [--projects N --sample N --seed N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reviewer_app.central import demo_intake
from reviewer_app.central.demo_intake import generate_demo_intake

GOAL_SECONDS = 30.0
GOAL_PROJECTS = 500


def write_only(source: Path, target: Path) -> tuple[float, int, int]:
    """Seconds to write every file under ``source`` again under ``target`` (reading
    is not timed); returns (seconds, files, bytes)."""
    seconds, files, size = 0.0, 0, 0
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        copy = target / path.relative_to(source)
        started = time.perf_counter()
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(data)
        seconds += time.perf_counter() - started
        files += 1
        size += len(data)
    return seconds, files, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=GOAL_PROJECTS)
    parser.add_argument("--sample", type=int, default=40,
                        help="projects built in one process for the reference")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    n = args.projects
    workers = demo_intake._worker_count(n)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        generate_demo_intake(root / "intake", projects=n, seed=args.seed)
        total = time.perf_counter() - started

        floor, files, size = write_only(root / "intake", root / "copy")

        # The same code in one process, on the first --sample projects.
        sample = min(args.sample, n)
        demo_intake.POOL_MIN_PROJECTS = sample + 1
        started = time.perf_counter()
        generate_demo_intake(root / "alone", projects=sample, seed=args.seed)
        alone = (time.perf_counter() - started) / sample * n

    goal = GOAL_SECONDS * n / GOAL_PROJECTS
    print(f"demo intake, {n} projects: {total:.1f} s  ({total / n * 1000:.0f} ms per project; "
          f"{workers} worker process(es); {files} files, {size / 1e6:.0f} MB)")
    print(f"  goal <= {goal:.0f} s: {total / goal:.2f}x of it "
          f"({'met' if total <= goal else 'NOT met'})")
    print(f"  one process (from {sample} projects): {alone:.1f} s estimated  "
          f"({alone / n * 1000:.0f} ms per project); workers make it {alone / total:.2f}x faster")
    print(f"  only writing the same bytes: {floor:.1f} s  (the intake takes "
          f"{total / floor:.0f}x that)")


if __name__ == "__main__":
    main()
