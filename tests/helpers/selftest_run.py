"""Run ``reviewer-app --self-test`` as a real process and read what it says.

Shared by the source-tree, wheel and bundle checks (issue 15). The child gets no
display (so the self-test must pick the offscreen platform itself), no keyring, a
data folder that must stay untouched and a temporary folder that must be empty again
afterwards.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

STEP_NAMES = ("demo-package", "workspace", "sheet", "window", "render-pdf", "render-image")


@dataclass(frozen=True)
class SelfTestRun:
    returncode: int
    stdout: str
    stderr: str
    profile: Path
    tmpdir: Path

    def leftovers(self) -> list[str]:
        """What the run left in its temporary folder, and whether it made the profile."""
        left = sorted(p.name for p in self.tmpdir.iterdir())
        return left + (["<profile created>"] if self.profile.exists() else [])


def run_self_test(command: list[str], tmp_path: Path, *, env: dict[str, str] | None = None,
                  timeout: float = 180) -> SelfTestRun:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir(parents=True)
    profile = tmp_path / "profile-never-made"
    base = os.environ if env is None else env  # env: the whole environment, not additions
    child_env = {key: value for key, value in base.items()
                 if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    child_env.update({"TMPDIR": str(tmpdir), "REVIEWER_APP_DATA_DIR": str(profile),
                      "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    result = subprocess.run([*command, "--self-test"], capture_output=True, text=True,
                            timeout=timeout, env=child_env, check=False)
    return SelfTestRun(result.returncode, result.stdout, result.stderr, profile, tmpdir)


def assert_passed(run: SelfTestRun) -> None:
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.splitlines()
    assert len(lines) == 1, run.stdout
    assert lines[0].startswith("reviewer-app self-test: ok (")
    for step in STEP_NAMES:
        assert f"{step} " in lines[0]
    assert run.leftovers() == []
