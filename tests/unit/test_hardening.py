"""Core dumps are off in the started programs (issue 11, item 4): a real subprocess
runs each entry point and reports what the kernel says about it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32",
                                reason="Windows has no core-dump control (hardening.py)")

# Prints RLIMIT_CORE and PR_GET_DUMPABLE (prctl option 3) as the process sees them,
# before ``main`` and after it (for the GUI: where its window would open).
PROBE = r"""
import ctypes, json, resource, sys
def report(*_args):
    dumpable = ctypes.CDLL(None).prctl(3, 0, 0, 0, 0) if sys.platform == "linux" else None
    print(json.dumps({"rlimit_core": resource.getrlimit(resource.RLIMIT_CORE),
                      "dumpable": dumpable}))
    return 0
report()
if sys.argv[1] == "admin":
    from reviewer_app.cli import admin
    code = admin.main(["passphrase"])
    report()
else:
    import reviewer_app.gui.app
    reviewer_app.gui.app.run = report  # the GUI would start here: report instead
    from reviewer_app.cli import app
    code = app.main([])
sys.exit(code)
"""


@pytest.mark.parametrize("which", ["admin", "app"])
def test_started_program_cannot_dump_core(which: str, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REVIEWER_APP_DATA_DIR": str(tmp_path)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-c", PROBE, which], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    before, after = (json.loads(line) for line in done.stdout.splitlines()
                     if line.startswith("{"))
    # The hard limit too, so nothing later in the process can raise it again. (A
    # limit is inherited: after another test ran admin.main in this process, ``before``
    # may be 0 already; dumpable is reset by exec, so it always starts at 1.)
    assert after["rlimit_core"] == [0, 0]
    if sys.platform == "linux":
        assert (before["dumpable"], after["dumpable"]) == (1, 0)
