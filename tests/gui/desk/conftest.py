"""Desk fixtures: a demo intake shared by the session, a desk over a fresh SQLite store
in a private user data folder, and a working (in-memory) system keyring."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.desk import open_desk

PENDING = "AI2026-0005"   # the demo intake's (seed 3) 事业单位: 需复核


@pytest.fixture(scope="session")
def demo_intake_master(tmp_path_factory) -> Path:
    from reviewer_app.central.demo_intake import generate_demo_intake

    folder = tmp_path_factory.mktemp("desk-demo") / "intake"
    generate_demo_intake(folder, projects=10, seats=6, seed=3)
    return folder


@pytest.fixture
def demo_intake(demo_intake_master: Path, tmp_path: Path) -> Path:
    """A copy the test may change."""
    return Path(shutil.copytree(demo_intake_master, tmp_path / "intake", symlinks=True))


@pytest.fixture
def desk(qtbot, data_dir: Path, tmp_path: Path):
    """Open desks over ``tmp_path/central.sqlite`` (Chinese unless told)."""
    windows = []

    def make(lang: str = "zh_CN", db: Path | str | None = None):
        window = open_desk(qtbot, db or tmp_path / "central.sqlite", tmp_path, lang)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.context.engine.dispose()
        window.translations.remove()  # a later test's widgets must not inherit the language
