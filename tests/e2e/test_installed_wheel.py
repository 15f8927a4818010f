"""``reviewer-app --self-test`` from a built wheel (issue 15), installed offline into a
throw-away venv: once into the venv (resources under sys.prefix/share) and once with
``pip install --user`` (resources under the user base). The venvs borrow the test
runner's dependencies through a .pth file instead of downloading them; the package
itself and its data files come from the wheel alone, run from outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.helpers.selftest_run import assert_passed, run_self_test

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    (built,) = out.glob("reviewer_app-*.whl")
    return built


def _venv(path: Path, *, system_site_packages: bool = False) -> Path:
    command = [sys.executable, "-m", "venv", str(path)]
    if system_site_packages:
        command.insert(3, "--system-site-packages")
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    python = path / "bin" / "python"
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip()
    # The runner's dependencies (PySide6, cryptography…), not its reviewer_app: an
    # editable install is a finder hook in a .pth, which a .pth-added folder never runs.
    Path(site_packages, "runner-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONUSERBASE")}
    env.update(extra)
    return env


def _root_seen_by(python: Path, cwd: Path, env: dict[str, str]) -> Path:
    out = subprocess.run([str(python), "-c", "import reviewer_app.paths as p; print(p.ROOT)"],
                         check=True, capture_output=True, text=True, cwd=cwd, env=env)
    return Path(out.stdout.strip())


def _pip_install(python: Path, wheel: Path, env: dict[str, str], *options: str) -> None:
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-index", *options, str(wheel)], check=True, capture_output=True,
                   timeout=300, env=env)


def test_the_self_test_passes_from_a_wheel_installed_in_a_venv(wheel, tmp_path):
    venv = tmp_path / "venv"
    python = _venv(venv)
    env = _clean_env()
    _pip_install(python, wheel, env)
    assert _root_seen_by(python, tmp_path, env) == venv / "share" / "reviewer-app"
    run = run_self_test([str(venv / "bin" / "reviewer-app")], tmp_path / "ok", env=env)
    assert_passed(run)
    # A broken installation: the Chinese catalogue is gone. The self-test names the
    # step that found it and exits 1, still leaving nothing behind.
    (venv / "share" / "reviewer-app" / "resources" / "translations"
     / "reviewer_app_zh_CN.qm").unlink()
    run = run_self_test([str(venv / "bin" / "reviewer-app")], tmp_path / "broken", env=env)
    assert run.returncode == 1 and run.stdout == ""
    assert "reviewer-app self-test: FAILED at window: StepFailed: our Chinese translation " \
           "did not load" in run.stderr
    assert run.leftovers() == []


def test_pip_install_user_finds_its_resources_under_the_user_base(wheel, tmp_path):
    venv, user_base = tmp_path / "venv", tmp_path / "userbase"
    python = _venv(venv, system_site_packages=True)  # a venv without it has no user site
    env = _clean_env(PYTHONUSERBASE=str(user_base))
    _pip_install(python, wheel, env, "--user")
    assert not (venv / "share" / "reviewer-app").exists()
    assert _root_seen_by(python, tmp_path, env) == user_base / "share" / "reviewer-app"
    # The desktop entry and its icon where desktops look (~/.local/share for a user).
    assert (user_base / "share" / "applications" / "reviewer-app.desktop").is_file()
    assert (user_base / "share" / "icons" / "hicolor" / "256x256" / "apps"
            / "reviewer-app.png").is_file()
    run = run_self_test([str(user_base / "bin" / "reviewer-app")], tmp_path, env=env)
    assert_passed(run)
