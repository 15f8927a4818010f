"""``reviewer-app --self-test`` from the source tree (issue 15): it passes headless and
without a keyring and leaves nothing behind (a failing step: tests/e2e/test_installed_wheel.py,
where a resource of the installation can be broken without touching the checkout)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.helpers.selftest_run import assert_passed, run_self_test

ROOT = Path(__file__).resolve().parents[2]
SOURCE = [sys.executable, "-m", "reviewer_app.cli.app"]


def _from_source() -> dict[str, str]:
    return {**os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def test_the_self_test_passes_from_the_source_tree(tmp_path):
    assert_passed(run_self_test(SOURCE, tmp_path, env=_from_source()))
