"""Demo intake at scale: ``reviewer-admin demo-intake DIR --projects 500``.

Target (issue 10, rehearsal): 500 projects in <= 30 s on the 2-core reference
machine. The intake is timed as reviewer-admin runs it (worker processes from
POOL_MIN_PROJECTS projects on); then, in the same run and for reference, the same
code in one process on the first --sample projects (scaled to all of them), and
only writing the same files' bytes to disk (the floor no generator gets under).

Each timing is one run. The machine is shared with other work, which stretches
wall time by however much of the two cores others hold, so every run also
reports the CPU seconds spent (this process's plus its worker processes', from
getrusage) per project, and the wall time that CPU projects to on two free
cores: the parent's own CPU (planning, tables, waiting on the pool) plus the
workers' CPU shared by two. Compare CPU per project across runs and commits.

Run: .venv/bin/python bench/bench_demo_intake.py [--projects N --sample N --seed N]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from reviewer_app.central import demo_intake
from reviewer_app.central.demo_intake import generate_demo_intake

GOAL_SECONDS = 30.0
GOAL_PROJECTS = 500
CORES = 2


def children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
        started, own, workers_cpu = time.perf_counter(), time.process_time(), children_cpu()
        generate_demo_intake(root / "intake", projects=n, seed=args.seed)
        total = time.perf_counter() - started
        own = time.process_time() - own
        workers_cpu = children_cpu() - workers_cpu

        floor, files, size = write_only(root / "intake", root / "copy")

        # The same code in one process, on the first --sample projects.
        sample = min(args.sample, n)
        demo_intake.POOL_MIN_PROJECTS = sample + 1
        started, alone_cpu = time.perf_counter(), time.process_time()
        generate_demo_intake(root / "alone", projects=sample, seed=args.seed)
        alone = (time.perf_counter() - started) / sample * n
        alone_cpu = (time.process_time() - alone_cpu) / sample

    goal = GOAL_SECONDS * n / GOAL_PROJECTS
    cpu = own + workers_cpu
    projected = own + workers_cpu / CORES if workers else cpu
    print(f"demo intake, {n} projects: {total:.1f} s wall  ({total / n * 1000:.0f} ms per "
          f"project; {workers} worker process(es); {files} files, {size / 1e6:.0f} MB)")
    print(f"  CPU: {cpu:.1f} s  ({cpu / n * 1000:.0f} ms per project; parent {own:.1f} s, "
          f"workers {workers_cpu:.1f} s) -> {projected:.1f} s projected on {CORES} free cores")
    print(f"  goal <= {goal:.0f} s: wall {total / goal:.2f}x of it "
          f"({'met' if total <= goal else 'NOT met'}), projected {projected / goal:.2f}x "
          f"({'met' if projected <= goal else 'NOT met'})")
    print(f"  one process (from {sample} projects): {alone:.1f} s wall estimated  "
          f"({alone / n * 1000:.0f} ms per project wall, {alone_cpu * 1000:.0f} ms CPU); "
          f"workers make it {alone / total:.2f}x faster")
    print(f"  only writing the same bytes: {floor:.1f} s  (the intake takes "
          f"{total / floor:.0f}x that)")


if __name__ == "__main__":
    main()
