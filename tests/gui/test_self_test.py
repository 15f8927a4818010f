"""``reviewer-app --self-test`` from the source tree (issue 15): it passes headless and
without a keyring, leaves nothing behind, and a failure names its step."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.helpers.selftest_run import assert_passed, run_self_test

ROOT = Path(__file__).resolve().parents[2]
SOURCE = [sys.executable, "-m", "reviewer_app.cli.app"]


def _from_source() -> dict[str, str]:
    return {"PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def test_the_self_test_passes_from_the_source_tree(tmp_path):
    assert_passed(run_self_test(SOURCE, tmp_path, env=_from_source()))


def test_a_failing_step_is_named_and_the_status_is_not_zero(tmp_path):
    # A render worker that cannot start Qt in 40 MB: the viewer reports it, the
    # self-test stops at its first rendering step.
    run = run_self_test(SOURCE, tmp_path,
                        env={**_from_source(), "REVIEWER_RENDER_MEMORY_MB": "40"})
    assert run.returncode == 1
    assert run.stdout == ""
    assert "reviewer-app self-test: FAILED at render-pdf: " in run.stderr
    assert run.leftovers() == []
