"""Start-up of the frozen bundle against the source tree, on a real X server (issue 15).

    python bench/bench_bundle.py dist/ExpertReviewDesk/ExpertReviewDesk [--rounds 5]

Each round starts ``reviewer-app`` twice, interleaved: from the source tree
(``python -m reviewer_app.cli.app``, the baseline) and as the bundle's executable, each
with a fresh data folder, on an Xvfb display of its own (or $DISPLAY's when
--use-display is given), and times from the process start until its main window is
mapped and visible (``xdotool search --onlyvisible --pid``, polled every 10 ms), then
ends it. This goes through the bundle's own xcb platform plugin and libraries, so a
bundle trimmed too far fails here. Prints the medians and their ratio (goal: bundle <=
2x source); with --max-ratio, exits 1 when the ratio is above it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLL_S = 0.01
TIMEOUT_S = 60.0


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """A private Xvfb display for the run (its number chosen by Xvfb itself). -noreset:
    by default Xvfb resets when its last client leaves, and a client connecting during
    the reset is refused ("could not connect to display")."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                               "1600x1000x24", "-nolisten", "tcp", "-noreset"],
                              pass_fds=(write,),
                              stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise SystemExit("bench_bundle: Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` until one of its windows is visible."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, cwd=ROOT)
    try:
        while True:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid",
                                    str(process.pid)], capture_output=True, env=env,
                                   check=False)
            if found.stdout.strip():
                return time.perf_counter() - started
            if process.poll() is not None:
                raise SystemExit(f"bench_bundle: {command[0]} exited with "
                                 f"{process.returncode} before showing a window:\n"
                                 f"{process.stderr.read().decode(errors='replace')[-2000:]}")
            if time.perf_counter() - started > TIMEOUT_S:
                raise SystemExit(f"bench_bundle: {command[0]}: no window in {TIMEOUT_S:.0f} s")
            time.sleep(POLL_S)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        process.stderr.close()


def measure(bundle: Path, rounds: int, display: str) -> dict[str, float]:
    source = [sys.executable, "-m", "reviewer_app.cli.app"]
    frozen = [str(bundle)]
    times: dict[str, list[float]] = {"source": [], "bundle": []}
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        base = {key: value for key, value in os.environ.items()
                if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        base.update({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                     "PYTHONPATH": os.pathsep.join([str(ROOT), base.get("PYTHONPATH", "")]),
                     "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
        for k in range(rounds + 1):  # round 0 warms the file cache and is not counted
            for name, command in (("source", source), ("bundle", frozen)):
                env = {**base, "REVIEWER_APP_DATA_DIR": str(Path(tmp) / f"{name}{k}")}
                seconds = time_to_window(command, env)
                if k:
                    times[name].append(seconds)
    source_s = statistics.median(times["source"])
    bundle_s = statistics.median(times["bundle"])
    return {"source_s": source_s, "bundle_s": bundle_s, "ratio": bundle_s / source_s,
            "source_runs": times["source"], "bundle_runs": times["bundle"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle's executable")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--max-ratio", type=float, default=None)
    parser.add_argument("--use-display", action="store_true",
                        help="use $DISPLAY instead of a private Xvfb")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        display = os.environ["DISPLAY"] if args.use_display else stack.enter_context(xvfb())
        result = measure(args.bundle.resolve(), args.rounds, display)
    runs = lambda values: ", ".join(f"{v:.2f}" for v in values)  # noqa: E731
    print(f"start to visible main window (median of {args.rounds}): source "
          f"{result['source_s']:.3f} s [{runs(result['source_runs'])}], bundle "
          f"{result['bundle_s']:.3f} s [{runs(result['bundle_runs'])}]: "
          f"ratio {result['ratio']:.2f}")
    if args.max_ratio is not None and result["ratio"] > args.max_ratio:
        print(f"bench_bundle: the bundle starts {result['ratio']:.2f}x slower than the "
              f"source tree (goal <= {args.max_ratio}x)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
